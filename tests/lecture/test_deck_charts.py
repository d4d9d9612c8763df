"""The deck's native charts for a hall, reopened with python-pptx and drawn by LibreOffice (issues 26 and 31).

A chart of every kind in English, German and Arabic: numbers in the publication's locale
and tagged with its language, each data label in a colour that reads on its fill (in the
file and on LibreOffice's drawing), the unit shown, the value axis bounded by the data,
line labels clear of the line and the axes, no title that repeats the slide's, and the
chart as wide as the slide allows.
"""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn

from pamphleteer.lecture import drawing
from tests import inkinfo, slideinfo

EMU_PER_PT = 12700
_DRAWN: dict[str, object] = {}


def _deck(charts_build, language: str = "en-GB"):
    return Presentation(str(charts_build(language) / "lecture.pptx"))


def _charts(prs) -> dict[str, tuple[object, object]]:
    """Slide title -> (slide, chart frame) for every chart slide."""
    return {s.shapes.title.text: (s, sh) for s in prs.slides for sh in s.shapes if sh.has_chart}


def _colour(element) -> str | None:
    rgb = element.find(".//" + qn("a:solidFill") + "/" + qn("a:srgbClr")) if element is not None else None
    return "#" + rgb.get("val").lower() if rgb is not None else None


def test_numbers_are_written_and_tagged_in_the_publications_language(charts_build):
    for language, prefix, lang in (("en-GB", "[$-809]", "en-GB"), ("de", "[$-407]", "de")):
        for title, (_, frame) in _charts(_deck(charts_build, language)).items():
            xml = frame.chart.part.blob.decode()
            formats = re.findall(r'formatCode="([^"]*)"', xml.replace("&quot;", '"'))
            shown = [f for f in formats if f != "General"]
            assert shown and all(f.startswith(prefix) for f in shown), (language, title, shown)
            assert not any("\\" in f for f in shown)  # no literal separator: "#\.##0" drew 163 as ".163"
            assert f'<c:lang val="{lang}"/>' in xml and "en-US" not in xml, (language, title)
            langs = set(re.findall(r'<a:(?:defRPr|rPr|endParaRPr)[^>]* lang="([^"]*)"', xml))
            assert langs == {lang}, (language, title, langs)


def test_every_data_label_reads_on_what_lies_behind_it(charts_build):
    prs = _deck(charts_build)
    checked = 0
    for title, (_, frame) in _charts(prs).items():
        chart = frame.chart
        plot = chart.plots[0]
        default = _colour(plot._element.find(qn("c:dLbls")))
        for drawn in plot.series:
            fill = _colour(drawn._element.find(qn("c:spPr")))
            own = _colour(drawn._element.find(qn("c:dLbls")))
            if chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED:
                ink, behind = own, fill  # inside the segment
            else:
                ink, behind = own or default, "#ffffff"  # beside the bar or the point, on the slide
            assert slideinfo.contrast(ink, behind) >= 4.5, (title, drawn.name, ink, behind)
            checked += 1
    assert checked >= 8


def test_units_are_shown_and_axes_bounded_by_the_data(charts_build):
    charts = _charts(_deck(charts_build))
    clubs = charts["The clubs grew"][1].chart
    assert clubs.value_axis.axis_title.text_frame.text == "members"
    assert (clubs.value_axis.minimum_scale, clubs.value_axis.maximum_scale) == (0, 8000)
    sales = charts["A few makers sold most"][1].chart  # shares: to 100, their sign on every number
    assert (sales.value_axis.maximum_scale, sales.value_axis.major_unit) == (100, 20)
    assert not sales.value_axis.has_title and sales.plots[0].series[0].data_labels.number_format.endswith('"%"')
    prices = charts["Cheaper, then dearer"][1].chart  # decimals on the values, none on the axis
    assert prices.value_axis.tick_labels.number_format == "[$-809]#,##0"
    assert prices.plots[0].data_labels.number_format == "[$-809]#,##0.00"
    assert charts["Who made the most"][1].chart.value_axis.axis_title.text_frame.text == "machines"


def test_no_chart_title_repeats_the_slides_and_a_chart_alone_is_as_wide_as_the_slide_allows(charts_build):
    prs = _deck(charts_build)
    charts = _charts(prs)
    assert not charts["Output by year"][1].chart.has_title  # its series is called "Output by year" too
    assert charts["Who made the most"][1].chart.chart_title.text_frame.text == "Bicycles made in 1895"
    _, layouts = drawing.open_master()
    holders = {ph.placeholder_format.idx: ph for ph in layouts["chart"].placeholders}
    right = holders[13].left + holders[13].width
    for title in ("Who made the most", "Output by year", "A few makers sold most"):  # nothing beside them
        frame = charts[title][1]
        assert abs(frame.left + frame.width - right) <= EMU_PER_PT and frame.left == holders[10].left, title
    beside = charts["The clubs grew"][1]
    assert beside.width == holders[10].width and beside.left == holders[10].left
    # right to left the chart stands on the right, its points on the left
    slide, frame = _charts(_deck(charts_build, "ar"))["The clubs grew"]
    text = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 13)
    assert abs(frame.left + frame.width - right) <= EMU_PER_PT and text.left == holders[10].left


def _drawn(charts_build, language, tmp_path_factory):
    if language not in _DRAWN:
        pptx = charts_build(language) / "lecture.pptx"
        _DRAWN[language] = slideinfo.draw(pptx, tmp_path_factory.mktemp(f"drawn-charts-{language}"))
    return _DRAWN[language]


@pytest.mark.parametrize("language", ["en-GB", "ar"])
def test_as_libreoffice_draws_them_labels_read_and_clear_lines_and_axes(
    charts_build, language, tmp_path_factory, tmp_path
):
    pdf = _drawn(charts_build, language, tmp_path_factory)
    prs = _deck(charts_build, language)
    pages = slideinfo.words(pdf)
    weak, clashes, on_fills = [], [], 0
    for number, slide in enumerate(prs.slides, 1):
        frames = [sh for sh in slide.shapes if sh.has_chart]
        if not frames:
            continue
        frame = frames[0]
        x0, y0 = frame.left / EMU_PER_PT, frame.top / EMU_PER_PT
        x1, y1 = x0 + frame.width / EMU_PER_PT, y0 + frame.height / EMU_PER_PT
        inside = [w for w in pages[number - 1] if w[1] >= x0 and w[3] <= x1 and w[2] >= y0 and w[4] <= y1]
        numbers = [w for w in inside if re.search(r"\d", w[0])]
        image = inkinfo.page_image(pdf, number, tmp_path, dpi=150)
        for text, *box in numbers:
            ratio, ink, behind = inkinfo.word_contrast(image, tuple(box), dpi=150)
            on_fills += behind != "#ffffff"
            if ratio < 4.5:
                weak.append((number, text, round(ratio, 2), ink, behind))
        if frame.chart.chart_type == XL_CHART_TYPE.LINE_MARKERS:
            line = "#" + str(frame.chart.plots[0].series[0].format.line.color.rgb).lower()
            for text, *box in numbers:  # a value label with the line's colour in its box is struck through
                if inkinfo.has_colour(image, _shrunk(box), line, dpi=150):
                    clashes.append((number, text, "on the line"))
            for a in numbers:  # no value label over an axis' number
                for b in numbers:
                    across = min(a[3], b[3]) - max(a[1], b[1])
                    down = min(a[4], b[4]) - max(a[2], b[2])
                    if a is not b and across > 1 and down > 1:
                        clashes.append((number, a[0], b[0]))
    assert weak == [] and clashes == []
    assert on_fills >= 6  # the stacked segments' labels were measured on their fills


def _shrunk(box: list[float]) -> tuple[float, ...]:
    """A word's box less a point each side, so a line passing beside it is not counted."""
    x0, y0, x1, y1 = box
    return (x0 + 1, y0 + 1, x1 - 1, y1 - 1)


def test_german_numbers_as_libreoffice_draws_them(charts_build, tmp_path_factory):
    pdf = _drawn(charts_build, "de", tmp_path_factory)
    drawn = {w[0] for page in slideinfo.words(pdf) for w in page}
    assert {"1.000", "3.000", "8.000", "4.100", "2,25", "3,10"} <= drawn  # not ".163", not "2.25"
    assert "94" in drawn and "%" in drawn  # "94 %": the sign after a space, as German writes it
