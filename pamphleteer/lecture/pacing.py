"""What a hall can take in while a slide is up: warnings, located at the slide's field.

A point is read at a glance (:data:`POINT_WORDS` words at most); a slide's notes are spoken in
the time a hall will look at one slide (:data:`SLIDE_MINUTES` minutes at the lecture's
``words_per_minute``); and its points are read in the time its notes keep it up (at
:data:`READING_WPM`, a hall's pace reading while it listens). The slides still fit: these are
an editor's remarks, which ``check`` and every build print as warnings.
"""

from __future__ import annotations

import math
import re

from pamphleteer.content import Book
from pamphleteer.errors import Problem

POINT_WORDS = 20
SLIDE_MINUTES = 2
READING_WPM = 180
MIN_SECONDS = 15  # even a slide without notes stays up long enough to be read
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def words(text: str) -> int:
    """Words in ``text``, as a lecturer speaks or a hall reads them: runs of letters or digits, joined by
    apostrophes and hyphens."""
    return len(_WORD.findall(text))


def seconds_for(text: str, words_per_minute: int) -> int:
    """Speaking time of ``text`` at the rate, in whole seconds, never under :data:`MIN_SECONDS`."""
    return max(MIN_SECONDS, math.ceil(words(text) * 60 / words_per_minute))


def minutes(seconds: int) -> str:
    """Seconds as the script prints them: "0:45", "12:05"."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def warnings(book: Book) -> list[Problem]:
    """Each point too long for a glance, each slide's notes too long for one slide, each slide whose
    points take longer to read than its notes to say."""
    rate = book.publication.lecture.words_per_minute
    found = []
    for doc in book.all_chapters():
        for i, slide in enumerate(doc.chapter.slides):
            for j, point in enumerate(slide.points):
                count = words(point)
                if count > POINT_WORDS:
                    message = (
                        f"a point of {count} words; a hall reads a point at a glance: keep it to {POINT_WORDS} "
                        "words or fewer and say the rest in the notes"
                    )
                    found.append(doc.located.problem(("slides", i, "points", j), message))
            spoken = seconds_for(slide.notes, rate)
            if spoken > SLIDE_MINUTES * 60:
                message = (
                    f"the notes take {minutes(spoken)} at {rate} words a minute; a hall looks at one slide for "
                    f"{SLIDE_MINUTES} minutes at most: split the slide in two, or cut the notes"
                )
                found.append(doc.located.problem(("slides", i, "notes"), message))
            read = math.ceil(sum(words(p) for p in slide.points) * 60 / READING_WPM)
            if read > spoken and all(words(p) <= POINT_WORDS for p in slide.points):
                message = (
                    f"the points take about {minutes(read)} to read, and the notes keep the slide up for "
                    f"{minutes(spoken)}: cut the points, or say more about them"
                )
                found.append(doc.located.problem(("slides", i, "points"), message))
    return found
