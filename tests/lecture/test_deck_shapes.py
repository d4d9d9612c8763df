"""A slide's content as python-pptx draws it: a table's planned widths, heights and bands; a timeline's events."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.util import Pt

from pamphleteer import lecture
from pamphleteer.content.house import Look
from pamphleteer.lecture import deck_shapes, drawing


def _slide(layout: str) -> tuple[object, object]:
    prs, layouts = drawing.open_master()
    return prs, prs.slides.add_slide(layouts[layout])


def test_a_table_takes_its_planned_widths_and_heights_with_banded_rows_under_an_accent_header():
    _, slide = _slide("table")
    holder = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 10)
    table = lecture.TableSpec(
        ("Year", "Members"), (("1923", "350,000"), ("1927", "1,200,000")), 20, (120, 200), (30, 26, 26)
    )
    deck_shapes.table(
        holder, lecture.SlideSpec("table", lecture.Text(("Growth",), 32), table=table, alt="Members"), Look()
    )
    drawn = next(shape for shape in slide.shapes if shape.has_table).table
    assert [round(c.width / deck_shapes.EMU_PER_PT) for c in drawn.columns] == [120, 200]
    assert [round(r.height / deck_shapes.EMU_PER_PT) for r in drawn.rows] == [30, 26, 26]
    fills = [str(drawn.cell(r, 0).fill.fore_color.rgb) for r in range(3)]
    assert fills == [deck_shapes.accent(Look()).lstrip("#").upper(), "FFFFFF", deck_shapes.BAND.lstrip("#").upper()]
    assert drawn.cell(2, 1).text == "1,200,000"
    assert all(run.font.size == Pt(20) for p in drawn.cell(1, 1).text_frame.paragraphs for run in p.runs)


def test_a_timeline_sets_a_dot_a_date_and_a_title_for_each_event_at_one_size():
    _, slide = _slide("timeline")
    area = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 10)
    events = tuple(lecture.EventSpec(when, what, 22) for when, what in (("1923", "Platform"), ("1927", "Expelled")))
    deck_shapes.timeline(
        slide, area, lecture.SlideSpec("timeline", lecture.Text(("Years",), 32), events=events), Look()
    )
    boxes = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.TEXT_BOX]
    assert [box.text_frame.text for box in boxes] == ["1923", "Platform", "1927", "Expelled"]
    assert {run.font.size for box in boxes for p in box.text_frame.paragraphs for run in p.runs} == {Pt(22)}
    dots = [
        s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and s.auto_shape_type == MSO_SHAPE.OVAL
    ]
    assert len(dots) == 2
    assert all(dot.left + dot.width / 2 < slide.part.package.presentation_part.presentation.slide_width for dot in dots)
    assert not any(ph.placeholder_format.idx == 10 for ph in slide.placeholders)  # the area gives way to the line
