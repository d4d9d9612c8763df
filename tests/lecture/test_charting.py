"""Chart decisions for a hall, on made-up series: pie labels, number formats by locale, axes, titles, frames."""

from __future__ import annotations

from pamphleteer.content.model import Series
from pamphleteer.lecture import charting
from pamphleteer.lecture.specs import Box
from pamphleteer.text import measure

FACE = measure.Face("Arial")
CHART, BESIDE = Box(43.2, 115.2, 547.2, 363.6, 18, FACE), Box(608.4, 115.2, 308.2, 363.6, 24, FACE)


def _series(**fields) -> Series:
    return Series.model_validate({"id": "s", "title": "Output by year", "source": "S", **fields})


def test_pie_labels_are_percentages_and_thin_slices_go_to_the_legend():
    assert charting.pie_labels([80, 12, 4, 4]) == [("80%", True), ("12%", True), ("4%", False), ("4%", False)]


def test_a_tiny_share_keeps_a_decimal_and_an_empty_pie_does_not_divide_by_zero():
    assert charting.percent(0.004) == "0.4%"
    assert charting.pie_labels([0, 0]) == [("0%", False), ("0%", False)]


def test_number_formats_carry_the_languages_locale_and_no_literal_separator():
    # German once read "#\.##0": 163 drawn as ".163". Now the locale says which separators to draw.
    assert charting.number_format("de", 0) == "[$-407]#,##0"
    assert charting.number_format("en-GB", 2) == "[$-809]#,##0.00"
    assert charting.number_format("ru", 1) == "[$-419]#,##0.0"
    assert charting.number_format("hi", 0) == "[$-439]#,##,##0"  # Babel's grouping: lakhs and crores
    # a share carries its sign where the language puts it, quoted: a bare % would multiply by 100
    assert charting.number_format("en", 0, "%") == '[$-409]#,##0"%"'
    assert charting.number_format("fr", 0, "%") == '[$-40C]#,##0"\u00a0%"'
    assert charting.number_format("tr", 0, "%") == '[$-41F]"%"#,##0'
    assert charting.lcid("ar") == 0xC01 and charting.lcid("xx") == 0x409  # unknown: English, as everywhere
    # a tag naming other digits puts Office's numeral shape in the prefix's high byte
    assert charting.number_format("ar-u-nu-arab", 1) == "[$-2000C01]#,##0.0"
    assert charting.number_format("fa-u-nu-arabext", 0) == "[$-3000429]#,##0"


def test_the_value_axis_is_bounded_by_the_data_without_needless_decimals():
    shares = _series(kind="stacked", unit="%", labels=["A", "B"], datasets=[
        {"name": "x", "values": [6, 60]}, {"name": "y", "values": [94, 40]}])  # fmt: skip
    assert charting.value_axis(shares, "en") == charting.Axis(100, 20, '[$-409]#,##0"%"')
    bars = _series(kind="bar", labels=["A", "B", "C"], values=[37.9, 412.5, 600])
    axis = charting.value_axis(bars, "de")
    assert (axis.maximum, axis.step, axis.format) == (700, 100, "[$-407]#,##0")  # not "600.0"; a step for its label
    line = _series(kind="line", labels=["A", "B"], values=[10, 60])
    assert charting.value_axis(line, "en").maximum == 70  # room above the peak for its label
    assert charting.value_axis(_series(kind="bar", labels=["A", "B"], values=[-5, 10]), "en") is None


def test_a_chart_title_that_repeats_the_slides_is_left_out():
    series = _series(kind="bar", labels=["A"], values=[1])
    assert charting.title(series, "Output by year") is None
    assert charting.title(series, "Output by year, 1880–1900") is None  # every word of it is in the slide's
    assert charting.title(series, "Who made the most") == "Output by year"


def test_a_series_words_are_said_with_the_languages_marks():
    series = _series(
        title='The "new course", 1923--24',
        unit="workers' wages",
        labels=["day's", "A -- B"],
        datasets=[{"name": "Lenin's", "values": [1, 2]}],
    )
    said = charting.said(series, "en")
    assert (said.title, said.unit, said.labels, said.rows[0].name) == (
        "The “new course”, 1923–24",
        "workers’ wages",
        ["day’s", "A – B"],
        "Lenin’s",
    )
    german = charting.said(_series(labels=['"Vorwärts"'], values=[1]), "de")
    assert german.labels == ["„Vorwärts“"] and german.rows[0].values == [1]


def test_a_chart_alone_takes_the_texts_room_and_right_to_left_stands_on_the_right():
    boxes = {10: CHART, 13: BESIDE}
    alone = charting.frames(boxes, beside=False, rtl=False)
    assert alone[10].x == CHART.x and alone[10].x + alone[10].w == BESIDE.x + BESIDE.w
    assert charting.frames(boxes, beside=True, rtl=False) == boxes
    mirrored = charting.frames(boxes, beside=True, rtl=True)
    assert mirrored[10].x + mirrored[10].w == BESIDE.x + BESIDE.w and mirrored[13].x == CHART.x
    assert mirrored[10].w == CHART.w and mirrored[13].w == BESIDE.w


def test_line_labels_go_where_the_line_is_not():
    series = _series(kind="line", unit="machines", labels=["1880", "1885", "1890", "1895", "1900"],
                     values=[10, 40, 25, 60, 55])  # fmt: skip
    # peaks straight above, troughs straight below
    assert charting.line_labels(series, CHART, "en", titled=False) == [
        [("below", 0), ("above", 0), ("below", 0), ("above", 0), ("below", 0)]
    ]
    rising = _series(kind="line", unit="shillings", labels=["1885", "1890", "1895", "1900"],
                     values=[1.5, 2.25, 3.1, 2.8])  # fmt: skip
    # a point on a rise: above and to its left, by half the label and the gap, clear of both segments
    width = measure.width("2.25", FACE, charting.TEXT) + 6
    assert charting.line_labels(rising, CHART, "en", titled=True)[0][1] == ("above", -(width / 2 + 4))


def test_stacked_segments_too_thin_for_a_label_get_none():
    series = _series(kind="stacked", labels=["A", "B"], datasets=[
        {"name": "x", "values": [6, 60]}, {"name": "y", "values": [94, 40]}])  # fmt: skip
    assert charting.thin_segments(series, CHART, "en", titled=True) == {(0, 0)}
