"""The deck turned right to left: a small presentation drawn with python-pptx, mirrored, read back."""

from __future__ import annotations

from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from pamphleteer.lecture import rtl


def _deck():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    box = slide.shapes.add_textbox(Pt(10), Pt(10), Pt(300), Pt(50))
    box.text_frame.text = "مادة من الخرق"
    run = box.text_frame.paragraphs[0].runs[0]
    run.font.italic = True
    centred = slide.shapes.add_textbox(Pt(10), Pt(80), Pt(300), Pt(50))
    centred.text_frame.text = "751"
    centred.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    table = slide.shapes.add_table(2, 3, Pt(10), Pt(150), Pt(300), Pt(60)).table
    for k, text in enumerate(["المادة", "الأصل", "الثمن"]):
        table.cell(0, k).text = text
    table.columns[0].width = Pt(50)
    slide.notes_slide.notes_text_frame.text = "ابدأ بالمقارنة"
    return prs, slide


def test_paragraphs_read_right_to_left_from_the_right():
    prs, slide = _deck()
    rtl.mirror(prs, "ar")
    ppr = [p.find(qn("a:pPr")) for p in slide._element.iter(qn("a:p")) if "".join(p.itertext())]
    assert all(p.get("rtl") == "1" for p in ppr)
    assert [p.get("algn") for p in ppr][:2] == ["r", "ctr"]  # left becomes right; centred stays centred
    notes = slide.notes_slide.notes_text_frame.paragraphs[0]._p.find(qn("a:pPr"))
    assert notes.get("rtl") == "1"


def test_runs_carry_the_language_the_arabic_face_and_no_italic():
    prs, slide = _deck()
    rtl.mirror(prs, "ar-EG")
    rpr = next(slide._element.iter(qn("a:rPr")))
    assert rpr.get("lang") == "ar-EG" and rpr.get("i") == "0"
    assert rpr.find(qn("a:cs")).get("typeface") == "Noto Sans Arabic"
    assert rtl.face_for("he-IL") == "Arial"  # Liberation Sans, its metric twin, has Hebrew


def test_a_tables_columns_are_reversed_with_their_widths():
    prs, slide = _deck()
    rtl.mirror(prs, "ar")
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    assert [table.cell(0, k).text for k in range(3)] == ["الثمن", "الأصل", "المادة"]
    assert table.columns[2].width == Pt(50)


def test_a_timeline_is_mirrored_about_its_line():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Pt(100), Pt(200), Pt(500), Pt(200))
    first = slide.shapes.add_shape(MSO_SHAPE.OVAL, Pt(110), Pt(193), Pt(14), Pt(14))
    last = slide.shapes.add_shape(MSO_SHAPE.OVAL, Pt(450), Pt(193), Pt(14), Pt(14))
    rtl.mirror(prs, "ar")
    assert first.left == Pt(100 + 500 - 110 - 14)  # the first event now nearest the right end
    assert last.left == Pt(600 - 450 - 14)
