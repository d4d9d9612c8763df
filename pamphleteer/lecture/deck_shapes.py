"""A slide's content drawn with python-pptx: text in its placeholders, a table, a timeline, a picture.

``drawing.draw`` places each slide's planned boxes (``lecture.SlideSpec``) and hands the content here:
text carries its layout's style and is set right to left where its script asks; a table takes its
planned widths and heights, banded in the palette; a timeline's events sit along a line at one label
size; a picture is fitted in its frame. What python-pptx's API lacks goes through ``oxml``.
"""

from __future__ import annotations

import io

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from pamphleteer import lecture
from pamphleteer.content.house import Look
from pamphleteer.text import bidi, cldr, measure, pieces

from . import colour, fitting, oxml, timelines
from .deck_charts import rgb

EMU_PER_PT = 12700
PAPER, BAND = "#ffffff", "#f6efe2"  # a table's body rows, alternating


def picture(
    slide: object, area: object, embedded: tuple[bytes, tuple[int, int]], alt: str, *, centred: bool = True
) -> None:
    """A picture's rendition and its pixel size (``deck_pictures.Pictures.embedded``), fitted inside its frame
    and centred (or, for a logo, at the frame's start and foot); ``alt`` "" for a picture that says nothing
    the slide does not."""
    data, size = embedded
    frame = (area.left, area.top, area.width, area.height)
    left, top, width, height = (round(v) for v in fitting.picture(size, frame))
    if not centred:
        left, top = area.left, area.top + area.height - height
    pic = slide.shapes.add_picture(io.BytesIO(data), left, top, width, height)
    oxml.describe(pic, alt)


def fill(ph: object, text: lecture.Text, style: object, language: str = "en") -> None:
    """Fill a placeholder, carrying the layout's text style (still the designer's) onto the slide.

    A paragraph in a right-to-left script in a left-to-right deck (a Hebrew or Arabic
    point in an English lecture) is set right to left, at the right, in its language.
    """
    ph.left, ph.top, ph.width, ph.height = style.left, style.top, style.width, style.height
    oxml.carry_text_style(ph, style)
    frame = ph.text_frame
    frame.word_wrap = True
    for n, para in enumerate(text.paragraphs):
        p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        if text.levels:
            p.level = text.levels[n]  # the master styles each level (a divider's current part)
        for k, line in enumerate(para.split("\n")):  # the lines a display text was balanced in
            if k:
                p.add_line_break()
            run = p.add_run()
            run.text = pieces.held(line)  # as measured: a range of years on one line
            run.font.size = Pt(text.size)
        if cldr.direction(language) == "ltr" and bidi.first_strong(para) == "rtl":
            oxml.right_to_left_paragraph(p, cldr.language_of(para, language))


def accent(look: Look) -> str:
    """A table's header and a timeline's line and dots: the palette's first colour, or the house style's accent."""
    return colour.palette(look)[0]


def band(look: Look) -> str:
    """A table's banded rows: our cream, or the house style's tint of its accent."""
    return look.tint if look.styled else BAND


def table(ph: object, spec: lecture.SlideSpec, look: Look) -> None:
    """The planned rows at the planned widths and heights, centred in the area; colours set here and checked."""
    table_spec = spec.table
    rows = len(table_spec.rows) + 1
    area_top, area_h = ph.top, ph.height
    frame = ph.insert_table(rows, len(table_spec.columns))
    oxml.describe(frame, spec.alt)
    table = frame.table
    for k, w in enumerate(table_spec.widths):
        table.columns[k].width = Emu(int(w * EMU_PER_PT))
    heights = table_spec.heights or tuple(table_spec.size * 1.2 + 9 for _ in range(rows))
    header = accent(look)
    for r, cells in enumerate([table_spec.columns, *table_spec.rows]):
        table.rows[r].height = Emu(int(heights[r] * EMU_PER_PT))
        fill = header if r == 0 else (PAPER if r % 2 else band(look))
        for k, value in enumerate(cells):
            cell = table.cell(r, k)
            cell.text = pieces.held(value)
            cell.margin_top = cell.margin_bottom = Pt(3.6)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(fill)
            for p in cell.text_frame.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(table_spec.size)
                    run.font.bold = r == 0
                    run.font.color.rgb = rgb(colour.readable(fill) if r == 0 else colour.INK)
    total = Emu(int(sum(heights) * EMU_PER_PT))
    frame.top = area_top + max((area_h - total) // 2, 0)  # the block in the middle of its area
    frame.height = total


def timeline(slide: object, area: object, spec: lecture.SlideSpec, look: Look) -> None:
    """Events along a line, every date and title at the slide's one label size."""
    left, top, width, height = area.left, area.top, area.width, area.height
    oxml.remove(area)
    mid = top + height // 2
    shapes = slide.shapes
    ink = rgb(accent(look))
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, left, mid, left + width, mid)
    line.line.width = Pt(2.5)
    line.line.color.rgb = ink
    n = len(spec.events)
    slot = width // max(n, 1)
    for k, event in enumerate(spec.events):
        cx = left + slot * k + slot // 2
        dot = shapes.add_shape(MSO_SHAPE.OVAL, cx - Pt(7), mid - Pt(7), Pt(14), Pt(14))
        dot.fill.solid()
        dot.fill.fore_color.rgb = ink
        dot.line.fill.background()
        above = k % 2 == 0
        date_h = Pt(event.size * measure.LINE_SPACING + 7.2)
        date_top = mid - Pt(10) - date_h if above else mid + Pt(10)
        date_box = shapes.add_textbox(cx - slot // 2, date_top, slot, date_h)
        _label(date_box, event.when, event.size, bold=True, anchor=MSO_ANCHOR.BOTTOM if above else MSO_ANCHOR.TOP)
        gap = Pt(timelines.event_gap(event.size))
        text_h = height // 2 - gap
        text_top = mid - gap - text_h if above else mid + gap
        text_box = shapes.add_textbox(cx - slot // 2, text_top, slot, text_h)
        _label(text_box, event.title, event.size, anchor=MSO_ANCHOR.BOTTOM if above else MSO_ANCHOR.TOP)
    for shape in slide.shapes:
        if shape.shape_type is not None and not shape.is_placeholder and shape.has_text_frame is False:
            oxml.describe(shape, spec.alt)


def _label(box: object, text: str, size: float, *, bold: bool = False, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> None:
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Pt(7.2)
    frame.margin_top = frame.margin_bottom = Pt(3.6)
    p = frame.paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    run = p.add_run()
    run.text = pieces.held(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = rgb(colour.INK)
