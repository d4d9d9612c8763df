"""The lecture deck: slide specs drawn onto the master with python-pptx.

A thin adapter. ``lecture.plan`` decides what goes where and at what size; this
module opens ``templates/lecture-master.pptx``, checks it has every layout and
placeholder the plan needs (naming what is missing), reads the placeholder
boxes for the planner, and draws: text into placeholders, native charts and
tables, timelines from shapes, notes, footers and slide numbers. Fonts and
colours come from the master, so a designer restyles the deck there.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from babel.numbers import get_group_symbol
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from pamphleteer import lecture
from pamphleteer.content import Book, images, stamp
from pamphleteer.content.model import Series
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import bidi, cldr, measure
from pamphleteer.text.cldr import babel_locale

from . import charting, colour, fitting, kinds, rtl

MASTER = "lecture-master.pptx"
EMU_PER_PT = 12700

# layout -> {placeholder idx: placeholder type}; the contract between planner and master.
REQUIRED: dict[str, dict[int, PP_PLACEHOLDER]] = {
    "title": {0: PP_PLACEHOLDER.CENTER_TITLE, 1: PP_PLACEHOLDER.SUBTITLE},
    "section": {0: PP_PLACEHOLDER.TITLE, 1: PP_PLACEHOLDER.BODY, 2: PP_PLACEHOLDER.BODY},
    "points": {0: PP_PLACEHOLDER.TITLE, 1: PP_PLACEHOLDER.BODY},
    "quotation": {0: PP_PLACEHOLDER.TITLE, 1: PP_PLACEHOLDER.BODY, 2: PP_PLACEHOLDER.BODY},
    "chart": {0: PP_PLACEHOLDER.TITLE, 10: PP_PLACEHOLDER.CHART, 13: PP_PLACEHOLDER.BODY},
    "table": {0: PP_PLACEHOLDER.TITLE, 10: PP_PLACEHOLDER.TABLE},
    "timeline": {0: PP_PLACEHOLDER.TITLE, 10: PP_PLACEHOLDER.BODY},
    "closing": {0: PP_PLACEHOLDER.TITLE, 1: PP_PLACEHOLDER.BODY, 2: PP_PLACEHOLDER.BODY},
}
CHART_TEXT = 18  # every label, axis and legend of a chart, for the back row
SIDES = {
    "above": XL_LABEL_POSITION.ABOVE,
    "below": XL_LABEL_POSITION.BELOW,
    "left": XL_LABEL_POSITION.LEFT,
    "right": XL_LABEL_POSITION.RIGHT,
}
PAPER, BAND = "#ffffff", "#f6efe2"  # a table's body rows, alternating
CHART_TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "hbar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
    "stacked": XL_CHART_TYPE.COLUMN_STACKED,
}


def build(
    book: Book,
    pages: dict[str, tuple[int, int]],
    say: Callable[..., None] | None = None,
    *,
    specs: list[lecture.SlideSpec] | None = None,
) -> bytes:
    """The deck as PPTX bytes; ``pages`` maps chapter ids to their pages in the pamphlet.

    ``specs``: the slides, when the build has planned them already (else planned here).
    """
    prs, layouts = open_master()
    if specs is None:
        specs = lecture.plan(book, pages, boxes(prs, layouts))
    for spec in specs:
        draw(prs, layouts[spec.layout], spec, link=web_page(book, spec.chapter), language=book.language)
    if say:
        say(f"deck: {len(specs)} slides", step=True)
    if cldr.direction(book.language) == "rtl":
        rtl.mirror(prs, book.language)
    _properties(prs, book)
    buffer = io.BytesIO()
    prs.save(buffer)
    return _normalise_zip(buffer.getvalue(), stamp(book))


def open_master() -> tuple[object, dict[str, object]]:
    """Open the master and check it; every missing layout or placeholder is reported at once."""
    path = templates_dir() / MASTER
    if not path.is_file():
        raise BuildError([Problem(path, message="the deck master is missing")])
    dependencies.record(path)
    try:
        prs = Presentation(str(path))
        layouts = {layout.name: layout for layout in prs.slide_layouts}
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:  # a damaged house master
        reason = "not a zip package" if isinstance(exc, PackageNotFoundError) else f"{type(exc).__name__}: {exc}"
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
    if not problems:  # colours are read from layouts known to be there
        pairs = contrast_pairs(prs, layouts)
        problems += [Problem(path, field="colours", message=message) for message in colour.failures(pairs)]
    if problems:
        raise BuildError(problems)
    return prs, layouts


def contrast_pairs(prs: object, layouts: dict[str, object]) -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) the deck sets: the master's placeholders and our own drawing."""
    master_bg = _background(prs.slide_master) or PAPER
    pairs = []
    for name in REQUIRED:
        layout = layouts[name]
        behind = _background(layout) or master_bg
        for ph in layout.placeholders:
            fill = ph._element.find(".//" + qn("a:lvl1pPr") + "/" + qn("a:defRPr") + "/" + qn("a:solidFill"))
            rgb = fill.find(qn("a:srgbClr")) if fill is not None else None
            if rgb is not None:
                pairs.append((f"layout '{name}', {ph.name}", "#" + rgb.get("val").lower(), behind))
    ink, accent = colour.INK, colour.palette()[0]
    pairs += [
        ("table header", colour.readable(accent), accent),
        ("table rows", ink, PAPER),
        ("table banded rows", ink, BAND),
        ("timeline labels", ink, master_bg),
        ("chart text", ink, PAPER),
        *((f"pie label on {c}", colour.readable(c), c) for c in colour.palette()),
    ]
    return pairs


def _background(part: object) -> str | None:
    """A layout's or master's solid background colour, if it sets one."""
    fill = part._element.find(qn("p:cSld") + "/" + qn("p:bg") + "/" + qn("p:bgPr") + "/" + qn("a:solidFill"))
    rgb = fill.find(qn("a:srgbClr")) if fill is not None else None
    return "#" + rgb.get("val").lower() if rgb is not None else None


def master_boxes() -> lecture.Boxes:
    """The master's placeholder frames, for planning without drawing (the handout, the script, checks)."""
    prs, layouts = open_master()
    return boxes(prs, layouts)


def boxes(prs: object, layouts: dict[str, object]) -> lecture.Boxes:
    """Placeholder frames and default type of each layout, in points, for the planner."""
    theme = _theme_fonts(prs)
    out: lecture.Boxes = {}
    for name in REQUIRED:
        out[name] = {}
        for ph in layouts[name].placeholders:
            rpr = ph._element.find(".//" + qn("a:lvl1pPr") + "/" + qn("a:defRPr"))
            size = int(rpr.get("sz", "1800")) / 100 if rpr is not None else 18.0
            latin = rpr.find(qn("a:latin")) if rpr is not None else None
            family = latin.get("typeface") if latin is not None else "+mn-lt"
            family = theme.get(family, family)
            face = measure.Face(
                family, bold=rpr is not None and rpr.get("b") == "1", italic=rpr is not None and rpr.get("i") == "1"
            )
            out[name][ph.placeholder_format.idx] = lecture.Box(
                ph.left / EMU_PER_PT, ph.top / EMU_PER_PT, ph.width / EMU_PER_PT, ph.height / EMU_PER_PT, size, face
            )
    return out


def web_page(book: Book, chapter: str) -> str:
    """The web edition's page for a chapter, when the publication is online (``url``); else ""."""
    url = book.publication.url
    return f"{str(url).rstrip('/')}/chapter-{chapter}.html" if url and chapter else ""


def draw(prs: object, layout: object, spec: lecture.SlideSpec, *, link: str = "", language: str = "en") -> None:
    slide = prs.slides.add_slide(layout)
    holders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    styles = {ph.placeholder_format.idx: ph for ph in layout.placeholders}
    _fill(holders[0], spec.title, styles[0], language)
    for idx, text in spec.texts.items():
        _fill(holders[idx], text, styles[idx], language)
    if spec.chart is not None:
        _chart(holders.pop(10), spec, language)
    elif spec.image is not None:
        area = holders.pop(10)
        _picture(slide, area, spec.image.path, spec.alt)
        area._element.getparent().remove(area._element)
    if spec.table is not None:
        _table(holders.pop(10), spec)
    if spec.events:
        _timeline(slide, holders.pop(10), spec)
    for idx, ph in holders.items():  # an empty placeholder shows "Click to add text" in the editor
        if idx not in spec.texts and idx != 0:
            ph._element.getparent().remove(ph._element)
    _footer(slide, layout, spec.footer, link, language)
    if spec.notes:
        slide.notes_slide.notes_text_frame.text = spec.notes


def _picture(slide: object, area: object, path: Path, alt: str) -> None:
    """The picture checked when the publication loaded, upright, fitted inside its frame and centred."""
    dependencies.record(path)
    frame = (area.left, area.top, area.width, area.height)
    left, top, width, height = (round(v) for v in fitting.picture(images.size(path), frame))
    pic = slide.shapes.add_picture(io.BytesIO(images.upright(path)), left, top, width, height)
    pic._element.nvPicPr.cNvPr.set("descr", alt)


def _fill(ph: object, text: lecture.Text, style: object, language: str = "en") -> None:
    """Fill a placeholder, carrying the layout's text style onto the slide.

    LibreOffice does not inherit list styles from layouts, so the layout's own
    style (still the designer's, read from the master) is copied onto the shape.
    A paragraph in a right-to-left script in a left-to-right deck (a Hebrew or Arabic
    point in an English lecture) is set right to left, at the right, in its language.
    """
    ph.left, ph.top, ph.width, ph.height = style.left, style.top, style.width, style.height
    frame = ph.text_frame
    body = frame._txBody
    layout_body = style._element.find(qn("p:txBody"))
    for tag in ("a:bodyPr", "a:lstStyle"):
        old, new = body.find(qn(tag)), layout_body.find(qn(tag))
        if old is not None and new is not None:
            old.addprevious(copy.deepcopy(new))
            body.remove(old)
    body_pr = body.find(qn("a:bodyPr"))
    for child in list(body_pr):  # explicit sizes; PowerPoint ignores shrink-to-fit until edited
        body_pr.remove(child)
    frame.word_wrap = True
    for n, para in enumerate(text.paragraphs):
        p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = p.add_run()
        run.text = para
        run.font.size = Pt(text.size)
        if cldr.direction(language) == "ltr" and bidi.first_strong(para) == "rtl":
            p._p.get_or_add_pPr().set("rtl", "1")
            p._p.get_or_add_pPr().set("algn", "r")
            run.font._rPr.set("lang", cldr.language_of(para, language))


def _chart(ph: object, spec: lecture.SlideSpec, language: str = "en") -> None:
    """A native chart in the pamphlet's colours and order, every label at the chart size."""
    series = spec.chart
    palette = colour.palette()
    data = CategoryChartData()
    pie = series.kind == "pie"
    labels = charting.pie_labels(list(series.rows[0].values), language) if pie else []
    # a pie's small slices are named in the legend with their share, their labels kept off the slice
    data.categories = [
        lab if not pie or labels[k][1] else f"{lab} ({labels[k][0]})" for k, lab in enumerate(series.labels)
    ]
    for row in series.rows:
        data.add_series(row.name, list(row.values))
    frame = ph.insert_chart(CHART_TYPES[series.kind], data)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt)
    frame._element.nvGraphicFramePr.cNvPr.set("title", series.title)
    chart = frame.chart
    chart.font.size = Pt(CHART_TEXT)
    chart.font.color.rgb = _rgb(colour.INK)
    chart.has_title = True
    chart.chart_title.text_frame.text = series.title
    for p in chart.chart_title.text_frame.paragraphs:
        for run in p.runs:
            run.font.size = Pt(CHART_TEXT)
            run.font.bold = True
    chart.has_legend = len(series.rows) > 1 or pie
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(CHART_TEXT)
    plot = chart.plots[0]
    if pie:
        _pie(plot, labels, palette)
        return
    for r, drawn in enumerate(plot.series):  # series take the palette in turn, as in the pamphlet
        fill = palette[r % len(palette)]
        if series.kind == "line":
            drawn.format.line.color.rgb = _rgb(fill)
            drawn.format.line.width = Pt(3)
            drawn.marker.format.fill.solid()
            drawn.marker.format.fill.fore_color.rgb = _rgb(fill)
            drawn.marker.format.line.color.rgb = _rgb(fill)
        else:
            drawn.format.fill.solid()
            drawn.format.fill.fore_color.rgb = _rgb(fill)
    plot.has_data_labels = True
    labels_ = plot.data_labels
    labels_.font.size = Pt(CHART_TEXT)
    labels_.font.color.rgb = _rgb(colour.INK)
    labels_.number_format = _number_format(series, language)
    labels_.number_format_is_linked = False
    if series.kind == "line":
        for drawn, row in zip(plot.series, series.rows, strict=True):
            for k, side in enumerate(charting.line_sides(list(row.values))):
                label = drawn.points[k].data_label
                label.position = SIDES[side]
                label.font.size = Pt(CHART_TEXT)
                label.font.color.rgb = _rgb(colour.INK)
    elif series.kind in ("bar", "hbar"):
        labels_.position = XL_LABEL_POSITION.OUTSIDE_END
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.tick_labels.font.size = Pt(CHART_TEXT)
    chart.value_axis.tick_labels.number_format = _number_format(series, language)
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.category_axis.tick_labels.font.size = Pt(CHART_TEXT)
    if series.kind == "hbar":  # PowerPoint stacks bars upwards; the pamphlet reads them top down
        chart.category_axis.reverse_order = True
    if series.kind in ("bar", "hbar", "stacked"):
        plot.gap_width = 60


def _pie(plot: object, labels: list[tuple[str, bool]], palette: tuple[str, ...]) -> None:
    """Slices in the palette's order; a percentage on each slice wide enough, in a colour it can be read on."""
    plot.vary_by_categories = True
    drawn = plot.series[0]
    for k, (text, on_slice) in enumerate(labels):
        fill = palette[k % len(palette)]
        point = drawn.points[k]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(fill)
        point.format.line.color.rgb = _rgb(PAPER)
        label = point.data_label
        if on_slice:
            label.has_text_frame = True
            label.text_frame.text = text
            label.position = XL_LABEL_POSITION.CENTER
            run = label.text_frame.paragraphs[0].runs[0]
            run.font.size = Pt(CHART_TEXT)
            run.font.bold = True
            run.font.color.rgb = _rgb(colour.readable(fill))
        else:  # no label on a thin slice (its share is in the legend), so none collide
            dlbl = label._get_or_add_dLbl()
            for child in list(dlbl):
                if child.tag != qn("c:idx"):
                    dlbl.remove(child)
            etree.SubElement(dlbl, qn("c:delete"), val="1")


def _rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_.lstrip("#").upper())


def _number_format(series: Series, language: str = "en") -> str:
    """Thousands separated, with as many decimals as the data has (PowerPoint shows "5." for "0.##")."""
    values = [v for row in series.rows for v in row.values]
    decimals = max((len(f"{v:.6f}".rstrip("0").partition(".")[2]) for v in values), default=0)
    if language.startswith("en"):
        return "#,##0" + ("." + "0" * min(decimals, 2) if decimals else "")
    # A format's "," follows the viewer's locale, not the deck's: whole numbers get the language's
    # thousands separator as literal text (exact below a million); decimals stay the viewer's.
    group = get_group_symbol(babel_locale(language))
    if decimals or group == ",":
        return "#,##0" + ("." + "0" * min(decimals, 2) if decimals else "")
    return "#\\" + (" " if not group.strip() else group) + "##0"


def _table(ph: object, spec: lecture.SlideSpec) -> None:
    """The planned rows at the planned widths and heights, centred in the area; colours set here and checked."""
    table_spec = spec.table
    rows = len(table_spec.rows) + 1
    area_top, area_h = ph.top, ph.height
    frame = ph.insert_table(rows, len(table_spec.columns))
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt)
    table = frame.table
    for k, w in enumerate(table_spec.widths):
        table.columns[k].width = Emu(int(w * EMU_PER_PT))
    heights = table_spec.heights or tuple(table_spec.size * 1.2 + 9 for _ in range(rows))
    accent = colour.palette()[0]
    for r, cells in enumerate([table_spec.columns, *table_spec.rows]):
        table.rows[r].height = Emu(int(heights[r] * EMU_PER_PT))
        fill = accent if r == 0 else (PAPER if r % 2 else BAND)
        for k, value in enumerate(cells):
            cell = table.cell(r, k)
            cell.text = value
            cell.margin_top = cell.margin_bottom = Pt(3.6)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(fill)
            for p in cell.text_frame.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(table_spec.size)
                    run.font.bold = r == 0
                    run.font.color.rgb = _rgb(colour.readable(fill) if r == 0 else colour.INK)
    total = Emu(int(sum(heights) * EMU_PER_PT))
    frame.top = area_top + max((area_h - total) // 2, 0)  # the block in the middle of its area
    frame.height = total


def _timeline(slide: object, area: object, spec: lecture.SlideSpec) -> None:
    """Events along a line, every date and title at the slide's one label size."""
    left, top, width, height = area.left, area.top, area.width, area.height
    area._element.getparent().remove(area._element)
    mid = top + height // 2
    shapes = slide.shapes
    accent = _rgb(colour.palette()[0])
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, left, mid, left + width, mid)
    line.line.width = Pt(2.5)
    line.line.color.rgb = accent
    n = len(spec.events)
    slot = width // max(n, 1)
    for k, event in enumerate(spec.events):
        cx = left + slot * k + slot // 2
        dot = shapes.add_shape(MSO_SHAPE.OVAL, cx - Pt(7), mid - Pt(7), Pt(14), Pt(14))
        dot.fill.solid()
        dot.fill.fore_color.rgb = accent
        dot.line.fill.background()
        above = k % 2 == 0
        date_h = Pt(event.size * measure.LINE_SPACING + 7.2)
        date_top = mid - Pt(10) - date_h if above else mid + Pt(10)
        date_box = shapes.add_textbox(cx - slot // 2, date_top, slot, date_h)
        _label(date_box, event.when, event.size, bold=True, anchor=MSO_ANCHOR.BOTTOM if above else MSO_ANCHOR.TOP)
        gap = Pt(kinds.event_gap(event.size))
        text_h = height // 2 - gap
        text_top = mid - gap - text_h if above else mid + gap
        text_box = shapes.add_textbox(cx - slot // 2, text_top, slot, text_h)
        _label(text_box, event.title, event.size, anchor=MSO_ANCHOR.BOTTOM if above else MSO_ANCHOR.TOP)
    for shape in slide.shapes:
        if shape.shape_type is not None and not shape.is_placeholder and shape.has_text_frame is False:
            shape._element.find(".//" + qn("p:cNvPr")).set("descr", spec.alt)


def _label(box: object, text: str, size: float, *, bold: bool = False, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> None:
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Pt(7.2)
    frame.margin_top = frame.margin_bottom = Pt(3.6)
    p = frame.paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    run = p.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(colour.INK)


def _footer(slide: object, layout: object, text: str, link: str = "", language: str = "en") -> None:
    """python-pptx leaves footers and slide numbers on the layout; copy them onto the slide.

    With ``link``, the footer's page pointer opens the chapter in the web edition.
    """
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type
        if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            continue
        if kind == PP_PLACEHOLDER.FOOTER and not text:
            continue
        element = copy.deepcopy(ph._element)
        slide.shapes._spTree.append(element)
        body = element.find(qn("p:txBody"))
        default = body.find(".//" + qn("a:lvl1pPr") + "/" + qn("a:defRPr"))
        size = default.get("sz", "1200") if default is not None else "1200"
        for p in body.findall(qn("a:p")):
            body.remove(p)
        para = etree.SubElement(body, qn("a:p"))
        lang = "en-GB" if language.startswith("en") else language  # the language PowerPoint checks the text in
        if kind == PP_PLACEHOLDER.FOOTER:
            run = etree.SubElement(para, qn("a:r"))
            props = etree.SubElement(run, qn("a:rPr"), lang=lang, sz=size)
            if link:
                rel = slide.part.relate_to(link, RT.HYPERLINK, is_external=True)
                etree.SubElement(props, qn("a:hlinkClick"), {qn("r:id"): rel})
            etree.SubElement(run, qn("a:t")).text = text
        else:
            number = len(slide.part.package.presentation_part.presentation.slides)
            fld = etree.SubElement(para, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
            etree.SubElement(fld, qn("a:rPr"), lang=lang, sz=size)
            etree.SubElement(fld, qn("a:t")).text = str(number)


def _theme_fonts(prs: object) -> dict[str, str]:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    major = theme.find(".//a:majorFont/a:latin", ns).get("typeface")
    minor = theme.find(".//a:minorFont/a:latin", ns).get("typeface")
    return {"+mj-lt": major, "+mn-lt": minor}


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
