"""The lecturer's script, ``lecture-script.pdf``: everything needed at the lectern, from the deck's own slide specs.

A4 through Jinja and WeasyPrint, like the handout. A cover lists the lecture's
parts and their speaking times (and a warning when the notes run more than 10%
over or under ``lecture.duration``); then, for each slide, a picture of it drawn
from the same specs as the deck, its speaker notes at a size read at arm's
length, its pamphlet pages and its speaking time. Times are planned here as
plain data (:func:`timing`), so they are tested without a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from pamphleteer import lecture
from pamphleteer.content import Book, stamp
from pamphleteer.lecture import charting
from pamphleteer.render import charts, typeset
from pamphleteer.text import cldr, glyphs
from pamphleteer.text.words import catalogue, fill

from .pacing import minutes, seconds_for, words

TOLERANCE = 0.10  # the notes may run this much over or under the planned duration
SLIDE_WIDTH = 960.0  # points: the deck's 13.333-inch 16:9 slide
FRAME_WIDTH = 120 * 72 / 25.4  # points: the picture of a slide on the page


@dataclass(frozen=True)
class SlideTime:
    number: int  # the slide's number in the deck
    spec: lecture.SlideSpec
    part: str
    words: int
    seconds: int
    pages: str  # "pp. 4–5", or "" for slides the pamphlet does not cover


@dataclass(frozen=True)
class Timing:
    slides: tuple[SlideTime, ...]
    parts: tuple[tuple[str, int], ...]  # (part, seconds) in lecture order
    seconds: int
    words_per_minute: int
    duration: int | None  # planned minutes
    warning: str  # "" when within the tolerance or no duration is planned


def timing(book: Book, pages: dict[str, tuple[int, int]], specs: list[lecture.SlideSpec]) -> Timing:
    """Each slide's speaking time, the parts' totals and the warning against the planned duration."""
    settings = book.publication.lecture
    rate = settings.words_per_minute
    part_of = {doc.id: title for title, docs in lecture.parts(book) for doc in docs}
    said = catalogue(book.language)
    opening, closing = said["opening"], said["closing"]
    out = []
    for number, spec in enumerate(specs, 1):
        # slides before the first chapter open the lecture; the last one, without a chapter, closes it
        fallback = closing if number == len(specs) else opening
        part = part_of.get(spec.chapter, fallback)
        span = pages.get(spec.chapter) if spec.chapter else None
        where = lecture.pages(span, book.language)
        out.append(SlideTime(number, spec, part, words(spec.notes), seconds_for(spec.notes, rate), where))
    totals: dict[str, int] = {}
    for slide in out:
        totals[slide.part] = totals.get(slide.part, 0) + slide.seconds
    total = sum(totals.values())
    return Timing(
        tuple(out),
        tuple(totals.items()),
        total,
        rate,
        settings.duration,
        warning(totals, total, settings, book.language),
    )


def warning(totals: dict[str, int], total: int, settings: object, language: str = "en") -> str:
    """A sentence when the notes run more than 10% over or under the planned duration, naming the longest parts."""
    planned = getattr(settings, "duration", None)
    if not planned:
        return ""
    off = total / (planned * 60) - 1
    if abs(off) <= TOLERANCE:
        return ""
    longest = sorted(totals.items(), key=lambda kv: -kv[1])[:3]
    named = ", ".join(f"{title} ({minutes(seconds)})" for title, seconds in longest)
    return fill(
        language,
        "notes_over" if off > 0 else "notes_under",
        total=minutes(total),
        rate=settings.words_per_minute,
        off=charts.percent(abs(off), language),
        planned=planned,
        parts=named,
    )


def _frames(boxes: lecture.Boxes, spec: lecture.SlideSpec, rtl: bool) -> dict[int, lecture.Box]:
    """A slide's frames as the deck draws them: a chart over the text's room when nothing stands beside it."""
    frames = dict(boxes[spec.layout])
    if spec.chart is not None:
        frames.update(charting.frames(frames, 13 in spec.texts, rtl))
    return frames


def render(
    book: Book, pages: dict[str, tuple[int, int]], specs: list[lecture.SlideSpec], boxes: lecture.Boxes
) -> bytes:
    """The script as A4 PDF bytes, drawn from the deck's slide specs and the master's boxes."""
    plan = timing(book, pages, specs)
    source = typeset.html(
        "script/script.html.j2",
        book.language,
        book=book,
        plan=plan,
        frames=lambda spec: _frames(boxes, spec, cldr.direction(book.language) == "rtl"),
        minutes=minutes,
        scale=FRAME_WIDTH / SLIDE_WIDTH,
        when=cldr.date(book.publication.date, book.language),
        stamp=stamp(book),
        fallbacks=glyphs.fallbacks(book),
    )
    laid = typeset.layout(source, book.folders, typeset.stylesheets(["script/script.css"], book.language))
    identity = "script" + book.publication.title + stamp(book)
    return typeset.pdf(laid.document, variant="pdf/ua-1", identity=identity)
