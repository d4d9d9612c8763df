"""The lecture's pace, as plain data: each slide's speaking time, the minute it starts at, the parts' totals
and the warning against the planned duration. The script (``script_pages.py``) prints it; the checks and
tests read it without a PDF.

A slide takes the time its speaker notes take read aloud at the language's rate, plus the quotation it
shows (a lecturer reads it out), plus a pause for the room to look at it, and never less than
:data:`MIN_SECONDS`. A talk with no ``lecture.duration`` is planned at a minute a slide, so the pace
check always runs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pamphleteer import lecture
from pamphleteer.content import Book
from pamphleteer.render import charts
from pamphleteer.text import cldr
from pamphleteer.text.words import catalogue, fill

MIN_SECONDS = 15  # even a slide without notes stays up long enough to be read
PAUSE = 3  # seconds a slide is shown before the lecturer speaks to it: the room reads it first
PART_PAUSE = 10  # seconds more where a part begins: the talk turns, the room settles
TOLERANCE = 0.10  # the notes may run this much over or under the planned duration
SECONDS_A_SLIDE = 60  # the duration planned when none is: the common rule of a minute a slide
NAMED = 3  # parts a warning names

# Words a minute a lecturer speaks, by language. English: the tool's old default, within the 120-150
# usually advised for a talk. Speakers of every language convey about the same information a second,
# each at their own syllable rate (Pellegrino, Coupé & Marsico 2011, "A cross-language perspective on
# speech information rate", Language 87(3): syllables a second, English 6.19, Spanish 7.82, French
# 7.18, Italian 6.99, German 5.97); a language that needs more words for the same text is spoken at
# more words a minute: Spanish, French and Italian run some 10-20% more words than English for a
# text, German about as many (in longer words, spoken slower). Russian (no articles, long words) and
# Arabic (prefixes and suffixes written as one word) need fewer: Wilson & Netsell (2009) measured
# read speech at 2.7 words a second in American English and 2.4 in Arabic. The author's own
# ``lecture.words_per_minute`` wins over all of these.
WORDS_PER_MINUTE = {"en": 130, "es": 155, "fr": 150, "it": 145, "pt": 145, "de": 125, "ru": 120, "ar": 115}
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


@dataclass(frozen=True)
class SlideTime:
    number: int  # the slide's number in the deck
    spec: lecture.SlideSpec
    part: str
    words: int  # spoken: the notes' and the quotation's
    seconds: int
    pages: str  # "pp. 4–5", or "" for slides the pamphlet does not cover
    start: int = 0  # seconds into the talk when the slide comes up (the running clock)


@dataclass(frozen=True)
class Timing:
    slides: tuple[SlideTime, ...]
    parts: tuple[tuple[str, int], ...]  # (part, seconds) in lecture order
    seconds: int
    words_per_minute: int
    duration: int  # planned minutes: the author's, or a minute a slide
    planned: bool  # whether the author set the duration
    warning: str  # "" when within the tolerance


def words(text: str) -> int:
    """Words a lecturer speaks in ``text``: runs of letters or digits, joined by apostrophes and hyphens."""
    return len(_WORD.findall(text))


def rate(language: str, chosen: int | None = None) -> int:
    """Words a minute: the author's, else the language's (its base language's), else English's."""
    return chosen or WORDS_PER_MINUTE.get(language.split("-")[0].lower(), WORDS_PER_MINUTE["en"])


def spoken(spec: lecture.SlideSpec) -> int:
    """Words said over a slide: its notes, and a quotation it shows, read out."""
    quoted = spec.texts.get(1) if spec.layout == "quotation" else None
    return words(spec.notes) + (sum(words(p) for p in quoted.paragraphs) if quoted else 0)


def seconds_for(said: int, words_per_minute: int, pause: int = PAUSE) -> int:
    """Speaking time of ``said`` words at the rate, with the pause, in whole seconds (at least :data:`MIN_SECONDS`)."""
    return max(MIN_SECONDS, math.ceil(said * 60 / words_per_minute) + pause)


def minutes(seconds: int) -> str:
    """Seconds as the script prints them: "0:45", "12:05"."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def default_duration(slides: int) -> int:
    """Minutes planned for a talk of ``slides`` slides when the author plans none: a minute a slide, a
    talk of ten or more in fives."""
    return max(1, slides if slides < 10 else 5 * round(slides * SECONDS_A_SLIDE / 60 / 5))


def timing(book: Book, pages: dict[str, tuple[int, int]], specs: list[lecture.SlideSpec]) -> Timing:
    """Each slide's speaking time and start, the parts' totals and the warning against the planned duration."""
    settings = book.publication.lecture
    wpm = rate(book.language, settings.words_per_minute)
    part_of = {doc.id: title for title, docs in lecture.parts(book) for doc in docs}
    said = catalogue(book.language)
    numbers = cldr.numbers_tag(book.language, book.digits)  # the language, with the digits numbers take
    opening, closing = said["opening"], said["closing"]
    out: list[SlideTime] = []
    clock = 0
    talked = [n for n, spec in enumerate(specs, 1) if spec.chapter in part_of]
    for number, spec in enumerate(specs, 1):
        # slides before the first chapter's open the lecture, those after the last chapter's close it
        # (a reading list continued on a second closing slide too), one between stays in the part it
        # interrupts; a deck of framing slides only ends on its closing slide
        if spec.chapter in part_of:
            part = part_of[spec.chapter]
        elif talked and talked[0] < number < talked[-1]:
            part = out[-1].part
        elif talked:
            part = opening if number < talked[0] else closing
        else:
            part = closing if number == len(specs) else opening
        span = pages.get(spec.chapter) if spec.chapter else None
        where = lecture.pages(span, numbers)
        pause = PAUSE + (PART_PAUSE if out and out[-1].part != part else 0)
        n = spoken(spec)
        slide = SlideTime(number, spec, part, n, seconds_for(n, wpm, pause), where, clock)
        clock += slide.seconds
        out.append(slide)
    totals: dict[str, int] = {}
    for slide in out:
        totals[slide.part] = totals.get(slide.part, 0) + slide.seconds
    planned = settings.duration or default_duration(len(out))
    # the opening and closing are short by design: a warning points to the talk's own parts
    talk = {title: s for title, s in totals.items() if title not in (opening, closing)}
    return Timing(
        tuple(out),
        tuple(totals.items()),
        clock,
        wpm,
        planned,
        settings.duration is not None,
        # a deck of framing slides only (a leaflet's, whose chapters have no slides) has no talk to pace,
        # unless the author planned one
        warning(talk or totals, clock, planned, wpm, numbers) if talk or settings.duration else "",
    )


def warning(totals: dict[str, int], total: int, planned: int, wpm: int, language: str = "en") -> str:
    """A sentence when the talk runs more than 10% over or under ``planned`` minutes: naming the longest
    parts when it is long (where to cut), the thinnest when it is short (where to say more); its numbers
    in the digits ``language`` names (cldr.numbers_tag)."""
    off = total / (planned * 60) - 1
    digits = cldr.numbers_of(language)[1]
    if abs(off) <= TOLERANCE:
        return ""
    named = sorted(totals.items(), key=lambda kv: -kv[1] if off > 0 else kv[1])[:NAMED]
    return fill(
        language,
        "notes_over" if off > 0 else "notes_under",
        total=cldr.numerals(minutes(total), digits),
        rate=cldr.numerals(wpm, digits),
        off=charts.percent(abs(off), language),
        planned=cldr.numerals(planned, digits),
        parts=catalogue(language)["comma"].join(
            f"{title} ({cldr.numerals(minutes(seconds), digits)})" for title, seconds in named
        ),
    )
