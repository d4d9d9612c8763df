"""The python-pptx door: what ``lecture/oxml/`` relies on still exists, and each of its writes reads back.

An upgrade of python-pptx that renames a private attribute, moves a tag or changes what a
part's blob holds fails here first, by name, rather than as a wrong deck.
"""

from __future__ import annotations

import io
import zipfile

import pptx
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Pt

from pamphleteer.lecture import drawing, oxml


def test_the_private_attributes_the_door_uses_are_there():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.PIE, 0, 0, Pt(300), Pt(200), _data([3, 1])).chart
    assert pptx.__version__.split(".")[0] == "1", "python-pptx 2 may move what lecture/oxml/ reads"
    assert slide._element.tag == qn("p:sld")
    assert slide.shapes._spTree.tag == qn("p:spTree")
    assert prs.slides._sldIdLst.tag == qn("p:sldIdLst")  # oxml.pages.Slides
    assert slide.notes_slide.part._element.tag == qn("p:notes")  # oxml.pages.NotesPages
    assert slide.placeholders[1].text_frame._txBody.tag == qn("p:txBody")
    assert chart._chartSpace.tag == qn("c:chartSpace")
    assert chart.plots[0].series[0].points[0].data_label._get_or_add_dLbl().tag == qn("c:dLbl")
    assert qn("a:cs") == "{http://schemas.openxmlformats.org/drawingml/2006/main}cs"


def _data(values: list[float]) -> CategoryChartData:
    data = CategoryChartData()
    data.categories = [str(k) for k in range(len(values))]
    data.add_series("s", values)
    return data


def _reopen(prs) -> tuple[object, dict[str, str]]:
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        parts = {name: z.read(name).decode("utf-8", "replace") for name in z.namelist() if name.endswith(".xml")}
    return Presentation(io.BytesIO(buffer.getvalue())), parts


def test_the_masters_styles_read_through_the_door():
    prs, layouts = drawing.open_master()
    assert oxml.theme_fonts(prs) == {"+mj-lt": "Times New Roman", "+mn-lt": "Arial"}
    assert oxml.background(prs.slide_master) == "#ffffff"
    assert oxml.background(layouts["section"]) == "#8c1c13" and oxml.background(layouts["points"]) is None
    styles = {ph.placeholder_format.idx: ph for ph in layouts["points"].placeholders}
    assert oxml.text_style(styles[0]) == oxml.TextStyle(32.0, "+mn-lt", True, False)
    assert oxml.text_style(styles[1]) == oxml.TextStyle(32.0, "+mn-lt", False, False)
    assert oxml.text_colour(styles[11]) == "#595959"


def test_what_the_door_writes_on_a_slide_reads_back():
    prs, layouts = drawing.open_master()
    layout = layouts["chart"]
    slide = prs.slides.add_slide(layout)
    holders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    styles = {ph.placeholder_format.idx: ph for ph in layout.placeholders}
    oxml.carry_text_style(holders[13], styles[13])
    frame = holders[10].insert_chart(XL_CHART_TYPE.PIE, _data([90, 10]))
    oxml.describe(frame, "A pie of two slices", title="Shares")
    oxml.hide_label(frame.chart.plots[0].series[0].points[1])
    dot = slide.shapes.add_shape(MSO_SHAPE.OVAL, 0, 0, Pt(14), Pt(14))
    oxml.describe(dot, "A dot")
    oxml.remove(holders[0])
    for ph in layout.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER:
            oxml.footer(slide, ph, "Pamphlet, p. 4", "en-GB", "https://example.org/a.html")
        elif ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            oxml.slide_number(slide, ph, 7, "en-GB")
    back, parts = _reopen(prs)
    slide = back.slides[0]
    kinds = {ph.placeholder_format.type: ph for ph in slide.placeholders}
    assert PP_PLACEHOLDER.TITLE not in kinds
    footer = kinds[PP_PLACEHOLDER.FOOTER].text_frame.paragraphs[0].runs[0]
    assert footer.text == "Pamphlet, p. 4" and footer.hyperlink.address == "https://example.org/a.html"
    assert footer.font.size == Pt(14)
    assert kinds[PP_PLACEHOLDER.SLIDE_NUMBER].text_frame.text == "7"
    body = kinds[PP_PLACEHOLDER.BODY]._element.find(qn("p:txBody"))
    assert len(body.find(qn("a:bodyPr"))) == 0  # no autofit: sizes are explicit
    assert oxml.text_style(kinds[PP_PLACEHOLDER.BODY]) == oxml.TextStyle(24.0, "+mn-lt", False, False)
    xml = parts["ppt/slides/slide1.xml"]
    assert 'descr="A pie of two slices" title="Shares"' in xml and 'descr="A dot"' in xml
    chart = next(sh.chart for sh in slide.shapes if sh.has_chart)
    point = chart.plots[0].series[0].points[1]
    assert point.data_label._dLbl.find(qn("c:delete")).get("val") == "1"


def test_right_to_left_through_the_door():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Pt(10), Pt(10), Pt(300), Pt(50))
    box.text_frame.text = "نص"
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    table = slide.shapes.add_table(1, 2, Pt(10), Pt(100), Pt(300), Pt(40)).table
    table.cell(0, 0).text, table.cell(0, 1).text = "أ", "ب"
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Pt(300), Pt(200), _data([1, 2, 3])).chart
    slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Pt(100), Pt(300), Pt(500), Pt(300))
    dot = slide.shapes.add_shape(MSO_SHAPE.OVAL, Pt(110), Pt(293), Pt(14), Pt(14))
    oxml.right_to_left_text(slide, "ar", "Noto Sans Arabic")
    hebrew = slide.shapes.add_textbox(Pt(10), Pt(60), Pt(300), Pt(30)).text_frame.paragraphs[0]
    hebrew.add_run().text = "שלום"
    hebrew.runs[0].font.size = Pt(24)
    oxml.right_to_left_paragraph(hebrew, "he")
    oxml.tables_from_right(slide)
    oxml.chart_right_to_left(chart, "ar", "Noto Sans Arabic")
    oxml.mirror_about_connector(slide)
    back, parts = _reopen(prs)
    slide = back.slides[0]
    para = slide.shapes[0].text_frame.paragraphs[0]
    assert para._p.find(qn("a:pPr")).get("rtl") == "1" and para.alignment is not None
    rpr = para.runs[0]._r.find(qn("a:rPr"))
    assert rpr.get("lang") == "ar" and rpr.find(qn("a:cs")).get("typeface") == "Noto Sans Arabic"
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    assert [table.cell(0, k).text for k in range(2)] == ["ب", "أ"]
    hebrew = slide.shapes[-1].text_frame.paragraphs[0]  # one paragraph of another script, on its own
    assert hebrew._p.find(qn("a:pPr")).get("algn") == "r" and hebrew.runs[0]._r.find(qn("a:rPr")).get("lang") == "he"
    assert '<c:orientation val="maxMin"/>' in parts["ppt/charts/chart1.xml"]
    assert next(sh for sh in slide.shapes if sh.shape_id == dot.shape_id).left == Pt(600 - 110 - 14)


def test_the_masters_layouts_and_theme_are_written_through_the_door():
    prs = Presentation()
    layout = prs.slide_layouts[0]
    box = (Pt(10), Pt(20), Pt(300), Pt(40))
    title = oxml.Placeholder("title", 0, box, 32, "title", "1A1A1A", "+mn-lt", True, False, "b", "l", False, 0)
    oxml.design_layout(layout, "cover", [title], "8C1C13")
    oxml.set_background(prs.slide_master, "FFFFFF")
    oxml.edit_theme(prs, [('<a:minorFont><a:latin typeface="Calibri"/>', '<a:minorFont><a:latin typeface="Arial"/>')])
    back, _ = _reopen(prs)
    layout = back.slide_layouts[0]
    assert layout.name == "cover" and oxml.background(layout) == "#8c1c13"
    assert oxml.background(back.slide_master) == "#ffffff"
    (ph,) = layout.placeholders
    assert (ph.placeholder_format.type, ph.placeholder_format.idx, ph.name) == (PP_PLACEHOLDER.TITLE, 0, "title 0")
    assert (ph.left, ph.top, ph.width, ph.height) == box
    assert oxml.text_style(ph) == oxml.TextStyle(32.0, "+mn-lt", True, False) and oxml.text_colour(ph) == "#1a1a1a"
    assert oxml.theme_fonts(back)["+mn-lt"] == "Arial"


def test_what_the_door_writes_in_a_chart_reads_back():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, 0, 0, Pt(400), Pt(300), _data([1, 2.25, 3])).chart
    chart.plots[0].has_data_labels = True
    chart.value_axis.has_title = True
    chart.value_axis.axis_title.text_frame.text = "shillings"
    point = chart.plots[0].series[0].points[1]
    point.data_label.position = XL_LABEL_POSITION.ABOVE
    oxml.label_format(point, "[$-407]#,##0.00")
    oxml.shift_label(point, -0.05)
    oxml.value_axis_at_end(chart)
    oxml.place_plot(chart, 0.1, 0.2, 0.7, 0.6)
    oxml.place_axis_title(chart, 0.9, 0.3)
    oxml.chart_language(chart, "de")
    back, parts = _reopen(prs)
    xml = parts["ppt/charts/chart1.xml"]
    label = back.slides[0].shapes[0].chart.plots[0].series[0].points[1].data_label
    assert label.position == XL_LABEL_POSITION.ABOVE  # python-pptx still reads the label it wrote
    assert '<c:numFmt formatCode="[$-407]#,##0.00" sourceLinked="0"/>' in xml
    assert '<c:manualLayout><c:x val="-0.0500"/><c:y val="0"/></c:manualLayout>' in xml
    assert '<c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="0.1000"/>' in xml
    assert xml.index("<c:date1904") < xml.index('<c:lang val="de"/>') < xml.index("<c:chart>")  # the schema's order
    assert "en-US" not in xml
    value_axis = xml[xml.index("<c:valAx>") :]
    assert '<c:crosses val="max"/>' in value_axis and '<c:x val="0.9000"/>' in value_axis


def test_a_house_style_is_written_into_the_master_through_the_door():
    prs, layouts = drawing.open_master()
    oxml.recolour(prs, {"8c1c13": "1d4e89"})
    title = layouts["title"]
    assert oxml.background(title) == "#1d4e89"
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    ).blob
    assert b'val="1D4E89"' in theme and b"8C1C13" not in theme.upper()
    footer = next(ph for ph in title.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
    oxml.add_placeholder(title, "pic", 10, (100, 200, 300, 400), "picture")
    oxml.add_placeholder(title, "body", 15, (500, 600, 700, 800), "credit", like=footer)
    added = {ph.placeholder_format.idx: ph for ph in title.placeholders}
    assert added[10].placeholder_format.type == PP_PLACEHOLDER.PICTURE
    assert (added[10].left, added[10].top, added[10].width, added[10].height) == (100, 200, 300, 400)
    assert added[15].placeholder_format.type == PP_PLACEHOLDER.BODY
    assert oxml.text_style(added[15]) == oxml.text_style(footer)  # the footer's look, for the credit
    ids = [int(e.get("id")) for e in title._element.iter(qn("p:cNvPr"))]
    assert len(ids) == len(set(ids))
    slide = prs.slides.add_slide(title)
    assert {10, 15} <= {ph.placeholder_format.idx for ph in slide.placeholders}


def _deck(ours: bool) -> dict[str, bytes]:
    """A deck of our master with a few slides, a link and notes, made by ``oxml.pages`` (``ours``) or by
    python-pptx alone: its parts by name."""
    prs, layouts = drawing.open_master()
    pages = oxml.pages.Pages(prs)
    for n, name in enumerate(["title", "points", "picture", "points", "closing", "points"]):
        slide = pages.slides.add(layouts[name]) if ours else prs.slides.add_slide(layouts[name])
        if name == "picture":  # a relationship of the slide's own before its notes page's
            slide.shapes.add_shape(MSO_SHAPE.OVAL, 0, 0, Pt(10), Pt(10)).click_action.hyperlink.address = "https://a.b/"
        slide.placeholders[0].text = f"Slide {n}"
        if n != 3:  # a slide without notes between them
            if ours:
                pages.notes.add(slide, f"Say {n} things.")
            else:
                slide.notes_slide.notes_text_frame.text = f"Say {n} things."
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as deck:
        return {name: deck.read(name) for name in deck.namelist()}


def test_slides_and_notes_pages_are_made_as_python_pptx_makes_them():
    ours = _deck(ours=True)
    assert ours == _deck(ours=False)  # the same parts, names, relationships and shapes, to the byte
    assert b"Say 4 things." in ours["ppt/notesSlides/notesSlide4.xml"]
    reopened = Presentation(io.BytesIO(_zip(ours)))
    assert [s.shapes.title.text for s in reopened.slides] == [f"Slide {n}" for n in range(6)]
    assert [s.notes_slide.notes_text_frame.text if s.has_notes_slide else None for s in reopened.slides] == [
        "Say 0 things.",
        "Say 1 things.",
        "Say 2 things.",
        None,
        "Say 4 things.",
        "Say 5 things.",
    ]
    layouts = [s.slide_layout.name for s in reopened.slides]
    assert layouts == ["title", "points", "picture", "points", "closing", "points"]


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as deck:
        for name, data in parts.items():
            deck.writestr(name, data)
    return buffer.getvalue()
