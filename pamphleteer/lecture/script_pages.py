"""The lecturer's script, ``lecture-script.pdf``, as HTML parts: the cover, then one part of the lecture each.

A4 through Jinja and WeasyPrint, like the handout. The cover lists the lecture's parts, the minute
each starts at and its speaking time, and a warning when the talk runs more than 10% over or under
its planned duration (``speaking.py``); then, part by part, each slide's picture drawn from the same
specs as the deck beside its speaker notes at a size read at arm's length, with the minute it
should come up at (the running clock), its speaking time and its pamphlet pages.

Each part is laid out on its own, side by side and kept between builds like the pamphlet's parts
(``builders/script.py`` with ``pamphlet/parts.py``), then the parts are joined and their page
numbers drawn over them (:func:`furniture`): an edit to one slide's notes lays out that slide's
part again, and the others only if the minutes they print moved.
"""

from __future__ import annotations

from dataclasses import dataclass

from pamphleteer import lecture
from pamphleteer.content import Book, stamp
from pamphleteer.lecture import charting, speaking
from pamphleteer.render import typeset
from pamphleteer.text import cldr, glyphs

SLIDE_WIDTH = 960.0  # points: the deck's 13.333-inch 16:9 slide
FRAME_WIDTH = 80 * 72 / 25.4  # points: the picture of a slide on the page (script.css: .frame)
STYLESHEETS = ["script/script.css"]
COVER = "cover"
PART_SLIDES = 4  # a part of the script holds parts of the lecture until it has this many slides (see groups)


@dataclass(frozen=True)
class Section:
    """A part of the lecture as the script sets it: its slides, the second it starts at and its length."""

    title: str
    start: int
    seconds: int
    slides: tuple[speaking.SlideTime, ...]


def sections(plan: speaking.Timing) -> list[Section]:
    """The slides grouped by part, in lecture order (a part's slides run together)."""
    found: list[Section] = []
    for slide in plan.slides:
        if found and found[-1].title == slide.part:
            last = found[-1]
            found[-1] = Section(last.title, last.start, last.seconds + slide.seconds, (*last.slides, slide))
        else:
            found.append(Section(slide.part, slide.start, slide.seconds, (slide,)))
    return found


def groups(found: list[Section], least: int = PART_SLIDES) -> list[list[Section]]:
    """The lecture's parts gathered into the script's, each of at least ``least`` slides (the last
    one joins the one before when short): a part of the script starts a page, so an opening of two
    slides or a closing of one does not stand on a page of its own, while a notes edit still lays
    out only the few parts of the lecture around it."""
    out: list[list[Section]] = []
    for section in found:
        if out and sum(len(s.slides) for s in out[-1]) < least:
            out[-1].append(section)
        else:
            out.append([section])
    if len(out) > 1 and sum(len(s.slides) for s in out[-1]) < least:
        last = out.pop()
        out[-1] += last
    return out


def _frames(boxes: lecture.Boxes, spec: lecture.SlideSpec, rtl: bool) -> dict[int, lecture.Box]:
    """A slide's frames as the deck draws them: a chart over the text's room when nothing stands beside it."""
    frames = {**boxes[spec.layout], **spec.frames}  # a picture above its caption, a table above its note
    if spec.chart is not None:
        frames.update(charting.frames(frames, 13 in spec.texts, rtl))
    return frames


def parts(
    book: Book, pages: dict[str, tuple[int, int]], specs: list[lecture.SlideSpec], boxes: lecture.Boxes
) -> list[tuple[str, str]]:
    """The script's parts in order, each (name, HTML): the cover, then the lecture's parts in :func:`groups`."""
    plan = speaking.timing(book, pages, specs)
    found = sections(plan)
    rtl = cldr.direction(book.language) == "rtl"

    def html(cover: bool, chosen: list[Section]) -> str:
        return typeset.html(
            "script/script.html.j2",
            book.language,
            book=book,
            plan=plan,
            cover=cover,
            all_sections=found,
            sections=chosen,
            frames=lambda spec: _frames(boxes, spec, rtl),
            minutes=speaking.minutes,
            scale=FRAME_WIDTH / SLIDE_WIDTH,
            when=cldr.date(book.publication.date, cldr.numbers_tag(book.language, book.digits)),
            stamp=stamp(book),
            fallbacks=glyphs.fallbacks(book),
        )

    # a part is named by its place: its HTML, not its name, is what its layout is kept by
    return [(COVER, html(True, [])), *((f"part-{n}", html(False, g)) for n, g in enumerate(groups(found), 1))]


def furniture(book: Book, pages: int) -> str:
    """The HTML of ``pages`` empty pages whose @page rules (script.css) draw the script's heads and folios."""
    return typeset.html(
        "script/furniture.html.j2",
        book.language,
        pages=pages,
        title=book.publication.lecture.title or book.publication.title,
        lang=book.publication.language,
        fallbacks=glyphs.fallbacks(book),
        book=book,
    )


def stylesheets(book: Book) -> list[str]:
    return typeset.stylesheets(STYLESHEETS, book.language)


def identity(book: Book) -> str:
    """What the script's PDF identifier is made from."""
    return "script" + book.publication.title + stamp(book)
