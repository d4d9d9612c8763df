"""The lecture deck: slide specs drawn onto the master with python-pptx.

A thin adapter. ``lecture.plan`` decides what goes where and at what size; this
module opens ``templates/lecture-master.pptx``, checks it has every layout and
placeholder the plan needs (naming what is missing), reads the placeholder
boxes for the planner, and draws: text into placeholders, native charts and
tables, timelines from shapes, notes, footers and slide numbers. Fonts and
colours come from the master, so a designer restyles the deck there.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Pt

from pamphleteer import lecture
from pamphleteer.content import Book, stamp
from pamphleteer.content.house import Look
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.render import qr
from pamphleteer.text import cldr, measure

from . import charting, colour, deck_charts, deck_pictures, deck_shapes, oxml, rtl, styling
from .deck_shapes import EMU_PER_PT, PAPER

MASTER = "lecture-master.pptx"

# layout -> {placeholder idx: placeholder type}; the contract between planner and master.
REQUIRED: dict[str, dict[int, PP_PLACEHOLDER]] = {
    "title": {0: PP_PLACEHOLDER.CENTER_TITLE, 1: PP_PLACEHOLDER.SUBTITLE},
    "section": {0: PP_PLACEHOLDER.TITLE, 1: PP_PLACEHOLDER.BODY, 2: PP_PLACEHOLDER.BODY},
    "points": {0: PP_PLACEHOLDER.TITLE, 1: PP_PLACEHOLDER.BODY},
    "part": {0: PP_PLACEHOLDER.TITLE, 1: PP_PLACEHOLDER.BODY, 2: PP_PLACEHOLDER.BODY},
    "quotation": {0: PP_PLACEHOLDER.TITLE, 1: PP_PLACEHOLDER.BODY, 2: PP_PLACEHOLDER.BODY},
    "chart": {0: PP_PLACEHOLDER.TITLE, 10: PP_PLACEHOLDER.CHART, 13: PP_PLACEHOLDER.BODY},
    "table": {0: PP_PLACEHOLDER.TITLE, 10: PP_PLACEHOLDER.TABLE, 14: PP_PLACEHOLDER.BODY},
    "picture": {0: PP_PLACEHOLDER.TITLE, 10: PP_PLACEHOLDER.BODY, 13: PP_PLACEHOLDER.BODY, 14: PP_PLACEHOLDER.BODY},
    "timeline": {0: PP_PLACEHOLDER.TITLE, 10: PP_PLACEHOLDER.BODY},
    "closing": {0: PP_PLACEHOLDER.TITLE, 1: PP_PLACEHOLDER.BODY, 2: PP_PLACEHOLDER.BODY, 14: PP_PLACEHOLDER.BODY},
}
DARK = ("title", "section", "part")  # the layouts on the master's red


def build(
    book: Book,
    pages: dict[str, tuple[int, int]],
    say: Callable[..., None] | None = None,
    *,
    specs: list[lecture.SlideSpec] | None = None,
    cache: Path | None = None,
) -> bytes:
    """The deck as PPTX bytes; ``pages`` maps chapter ids to their pages in the pamphlet.

    ``specs``: the slides, when the build has planned them already (else planned here); ``cache``: the
    build's cache folder, where the pictures' renditions are kept (``deck_pictures.py``).
    """
    prs, layouts = open_master(book)
    frames = boxes(prs, layouts)
    if specs is None:
        specs = lecture.plan(book, pages, frames)
    pictures = deck_pictures.Pictures(deck_pictures.long_sides(specs, frames, prs.slide_width / EMU_PER_PT), cache)
    made = oxml.pages.Pages(prs)
    for spec in specs:
        draw(
            prs,
            layouts[spec.layout],
            spec,
            # LibreOffice draws a link in its own blue, which a divider's red would swallow (1.0:1)
            link=web_page(book, spec.chapter, pages) if spec.layout not in DARK else "",
            language=book.language,
            digits=book.digits,
            frames=frames[spec.layout],
            look=book.look,
            pictures=pictures,
            made=made,
        )
    if say:
        say(f"deck: {len(specs)} slides", step=True)
    if cldr.direction(book.language) == "rtl":
        rtl.mirror(prs, book.language)
    _properties(prs, book)
    buffer = io.BytesIO()
    prs.save(buffer)
    return _normalise_zip(buffer.getvalue(), stamp(book))


def open_master(book: Book | None = None) -> tuple[object, dict[str, object]]:
    """Open the master, in ``book``'s house style (``styling.py``), and check it; every missing layout or
    placeholder, and every colour that does not read on what lies behind it, is reported at once."""
    path = templates_dir() / MASTER
    if not path.is_file():
        raise BuildError([Problem(path, message="the deck master is missing")])
    dependencies.record(path)
    try:
        prs = Presentation(str(path))
        layouts = {layout.name: layout for layout in prs.slide_layouts}
    except oxml.UNREADABLE as exc:  # a damaged house master
        reason = oxml.unreadable_reason(exc)
        raise BuildError(
            [Problem(path, message=f"the deck master is not a readable PowerPoint file ({reason})")]
        ) from None
    problems = []
    for name, needs in REQUIRED.items():
        layout = layouts.get(name)
        if layout is None:
            problems.append(
                Problem(
                    path,
                    field=f"layouts.{name}",
                    message=f"the master has no layout named '{name}' (it has: {', '.join(layouts)})",
                )
            )
            continue
        have = {ph.placeholder_format.idx: ph.placeholder_format.type for ph in layout.placeholders}
        for idx, kind in needs.items():
            if have.get(idx) != kind:
                found = f"found {have[idx].name.lower()}" if idx in have else "none found"
                problems.append(
                    Problem(
                        path,
                        field=f"layouts.{name}",
                        message=f"needs a {kind.name.lower()} placeholder with index {idx}, {found}",
                    )
                )
    look = book.look if book is not None else Look()
    if not problems:  # colours are read from layouts known to be there
        if book is not None:
            pub = book.publication
            cover, credit = pub.cover is not None, pub.cover is not None and bool(pub.cover.credit)
            styling.restyle(prs, layouts, look, cover=cover, credit=credit, logo=pub.style.logo is not None)
        pairs = contrast_pairs(prs, layouts, look)
        problems += [Problem(path, field="colours", message=message) for message in colour.failures(pairs)]
    if problems:
        raise BuildError(problems)
    return prs, layouts


def contrast_pairs(prs: object, layouts: dict[str, object], look: Look | None = None) -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) the deck sets: the master's placeholders and our own drawing."""
    master_bg = oxml.background(prs.slide_master) or PAPER
    pairs = []
    for name in REQUIRED:
        layout = layouts[name]
        behind = oxml.background(layout) or master_bg
        for ph in layout.placeholders:
            for level in (1, 2):  # a part's divider sets its current part apart at level 2
                text = oxml.text_colour(ph, level)
                if text is not None:
                    what = f"layout '{name}', {ph.name}" + (f" (level {level})" if level > 1 else "")
                    pairs.append((what, text, behind))
    look = look or Look()
    ink, accent = colour.INK, deck_shapes.accent(look)
    pairs += [
        ("table header", colour.readable(accent), accent),
        ("table rows", ink, PAPER),
        ("table banded rows", ink, deck_shapes.band(look)),
        ("timeline labels", ink, master_bg),
        ("chart text", ink, PAPER),
        *((f"chart label on {c}", colour.readable(c), c) for c in colour.palette(look)),
    ]
    return pairs


def master_boxes(book: Book | None = None) -> lecture.Boxes:
    """The master's placeholder frames (in ``book``'s house style), for planning without drawing (the handout,
    the script, checks)."""
    prs, layouts = open_master(book)
    return boxes(prs, layouts)


def boxes(prs: object, layouts: dict[str, object]) -> lecture.Boxes:
    """Placeholder frames and default type of each layout, in points, for the planner."""
    theme = oxml.theme_fonts(prs)
    out: lecture.Boxes = {}
    for name in REQUIRED:
        out[name] = {}
        for ph in layouts[name].placeholders:
            style = oxml.text_style(ph)
            face = measure.Face(theme.get(style.typeface, style.typeface), bold=style.bold, italic=style.italic)
            out[name][ph.placeholder_format.idx] = lecture.Box(
                ph.left / EMU_PER_PT,
                ph.top / EMU_PER_PT,
                ph.width / EMU_PER_PT,
                ph.height / EMU_PER_PT,
                style.size,
                face,
            )
    return out


def web_page(book: Book, chapter: str, pages: dict[str, tuple[int, int]] | None = None) -> str:
    """The web edition's page for a chapter, when the publication is online (``url``); else "". In a
    pamphlet, whose chapters each open a page, at the print page the footer points to (``#page-27``, the
    marker the web edition sets where the pamphlet's page begins); a leaflet's run on, so not there."""
    url = book.publication.url
    if not url or not chapter:
        return ""
    first = (pages or {}).get(chapter)
    at = f"#page-{first[0]}" if first and book.publication.form == "pamphlet" else ""
    return f"{str(url).rstrip('/')}/chapter-{chapter}.html{at}"


def draw(
    prs: object,
    layout: object,
    spec: lecture.SlideSpec,
    *,
    link: str = "",
    language: str = "en",
    digits: str = "latin",
    frames: dict[int, lecture.Box],
    look: Look | None = None,
    pictures: deck_pictures.Pictures,
    made: oxml.pages.Pages | None = None,
) -> None:
    """One slide of the deck from its spec, on its layout (whose placeholder ``frames`` the planner used);
    its pictures' bytes from ``pictures``; the slide and its notes page made by ``made`` (the deck's)."""
    look = look or Look()
    made = made or oxml.pages.Pages(prs)
    slide = made.slides.add(layout)
    holders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    styles = {idx: ph for idx, _, ph in made.placeholders(layout)}
    deck_shapes.fill(holders[0], spec.title, styles[0], language)
    for idx, text in spec.texts.items():
        deck_shapes.fill(holders[idx], text, styles[idx], language)
    for idx, box in spec.frames.items():  # placed elsewhere than the layout has it (a table above its caption)
        holders[idx].left, holders[idx].top = Emu(round(box.x * EMU_PER_PT)), Emu(round(box.y * EMU_PER_PT))
        holders[idx].width, holders[idx].height = Emu(round(box.w * EMU_PER_PT)), Emu(round(box.h * EMU_PER_PT))
    if spec.chart is not None:
        backwards = cldr.direction(language) == "rtl"
        place = charting.frames(frames, 13 in spec.texts, backwards)
        if 13 in spec.texts:  # right to left, the text stands on the left of the chart
            holders[13].left = Pt(place[13].x)
        numbers = cldr.numbers_tag(language, digits)  # the values and axis in the book's digits
        deck_charts.draw(
            holders.pop(10),
            spec,
            place[10],
            lang=deck_lang(language),
            language=numbers,
            rtl=backwards,
            fills=colour.palette(look),
        )
    elif spec.image is not None and spec.layout == "title":  # the cover picture, cropped to fill its frame
        data, _ = pictures.embedded(spec.image.path)
        picture = holders.pop(styling.PICTURE).insert_picture(io.BytesIO(data))
        oxml.describe(picture, spec.alt)
    elif spec.image is not None:
        area = holders.pop(10)
        deck_shapes.picture(slide, area, pictures.embedded(spec.image.path), spec.alt)
        oxml.remove(area)
    if spec.qr:
        area = holders.pop(14)
        code = slide.shapes.add_picture(io.BytesIO(qr.png(spec.qr)), area.left, area.top, area.width, area.width)
        oxml.describe(code, spec.qr)
        oxml.remove(area)
    if spec.logo is not None and styling.LOGO in holders:
        area = holders.pop(styling.LOGO)
        deck_shapes.picture(slide, area, pictures.embedded(spec.logo), "", centred=False)
        oxml.remove(area)
    if spec.table is not None:
        deck_shapes.table(holders.pop(10), spec, look)
    if spec.events:
        deck_shapes.timeline(slide, holders.pop(10), spec, look)
    for idx, ph in holders.items():  # an empty placeholder shows "Click to add text" in the editor
        if idx not in spec.texts and idx != 0:
            oxml.remove(ph)
    _footer(slide, made.placeholders(layout), spec.footer, link, language, digits)
    if spec.notes:
        made.notes.add(slide, spec.notes)


def _footer(
    slide: object,
    placeholders: list[tuple[int, object, object]],
    text: str,
    link: str = "",
    language: str = "en",
    digits: str = "latin",
) -> None:
    """The layout's footer and slide number (in ``digits``) on the slide, from the layout's ``placeholders``
    (``oxml.pages.Pages.placeholders``); with ``link``, the footer's page pointer opens the chapter in the web
    edition."""
    lang = deck_lang(language)
    for _, kind, ph in placeholders:
        if kind == PP_PLACEHOLDER.FOOTER and text:
            oxml.footer(slide, ph, text, lang, link)
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            number = len(slide.part.package.presentation_part.presentation.slides)
            oxml.slide_number(slide, ph, number, lang, digits)


def deck_lang(language: str) -> str:
    """The language tag the deck's text carries, which PowerPoint checks its spelling in."""
    return "en-GB" if language.startswith("en") else language


def _properties(prs: object, book: Book) -> None:
    pub = book.publication
    when = dt.datetime.fromisoformat(stamp(book).replace("Z", "+00:00"))
    props = prs.core_properties
    props.title = pub.lecture.title or pub.title
    props.author = ", ".join(pub.authors) or (pub.publisher or "")
    props.subject = pub.description or ""
    props.keywords = ", ".join(pub.keywords)
    props.language = pub.language
    props.created = props.modified = when.replace(tzinfo=None)
    props.last_modified_by = "pamphleteer"
    props.revision = 1


def _normalise_zip(data: bytes, when: str) -> bytes:
    """Same input, same bytes: fixed entry times, stable order, fixed compression."""
    stamp_time = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
    date_time = (
        min(max(stamp_time.year, 1980), 2107),  # the years a zip entry's time can hold
        stamp_time.month,
        stamp_time.day,
        stamp_time.hour,
        stamp_time.minute,
        stamp_time.second,
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename.endswith(".xlsx"):  # a chart's workbook, stamped with the clock
                data = _normalise_zip(data, when)
            elif info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + when.encode(), data)
            dst.writestr(entry, data)
    return out.getvalue()
