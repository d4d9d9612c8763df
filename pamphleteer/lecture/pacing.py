"""What a hall can take in while a slide is up: warnings, located at the slide's field.

A point is read at a glance (:data:`POINT_WORDS` words at most); a slide's notes are spoken in
the time a hall will look at one slide (:data:`SLIDE_MINUTES` minutes at the lecture's rate,
``speaking.rate``); and its points are read in the time its notes keep it up (at
:data:`READING_WPM`, a hall's pace reading while it listens). The slides still fit: these are
an editor's remarks, which ``check`` and every build print as warnings.
"""

from __future__ import annotations

import math

from pamphleteer.content import Book
from pamphleteer.errors import Problem

from .speaking import minutes, rate, seconds_for, words

POINT_WORDS = 20
SLIDE_MINUTES = 2
READING_WPM = 180


def warnings(book: Book) -> list[Problem]:
    """Each point too long for a glance, each slide's notes too long for one slide, each slide whose
    points take longer to read than its notes to say."""
    wpm = rate(book.language, book.publication.lecture.words_per_minute)
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
            spoken = seconds_for(words(slide.notes), wpm, pause=0)
            if spoken > SLIDE_MINUTES * 60:
                message = (
                    f"the notes take {minutes(spoken)} at {wpm} words a minute; a hall looks at one slide for "
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
