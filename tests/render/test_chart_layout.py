"""Each kind of chart laid out: percentages on pies, labels kept in the figure, right to left from the right."""

from __future__ import annotations

from itertools import pairwise

from pamphleteer.render import chart_layout, charts

from .test_charts import _series


def test_pie_key_gives_percentages_and_fits_beside_the_pie():
    chart = chart_layout.layout(
        _series(kind="pie", labels=["Paraffin oil", "Coal gas", "Acetylene"], values=[212, 54, 34])
    )
    texts = [w.label.text for w in chart.wedges]
    assert texts == ["Paraffin oil: 71% (212)", "Coal gas: 18% (54)", "Acetylene: 11% (34)"]
    for w in chart.wedges:
        assert w.label.x + charts.text_width(w.label.text, w.label.size) <= charts.WIDTH


def test_a_pie_of_percentages_says_each_share_once():
    chart = chart_layout.layout(
        _series(kind="pie", unit="%", labels=["Full-time", "Part-time", "Others"], values=[55, 28, 17])
    )
    assert [w.label.text for w in chart.wedges] == ["Full-time: 55%", "Part-time: 28%", "Others: 17%"]
    # shares of 100 in another unit, and percentages that do not add up to 100, still give both
    chart = chart_layout.layout(_series(kind="pie", unit="%", labels=["A", "B"], values=[30, 30]))
    assert [w.label.text for w in chart.wedges] == ["A: 50% (30%)", "B: 50% (30%)"]


def test_long_pie_keys_shrink_then_wrap_inside_the_figure():
    long = "A category whose name is far too long to sit beside a pie"
    chart = chart_layout.layout(_series(kind="pie", labels=[long, "Other"], values=[3, 1]))
    lines = [w.label for w in chart.wedges] + chart.labels
    assert len(lines) > 2  # the long key took more than one line
    assert all(lb.x + charts.text_width(lb.text, lb.size) <= charts.WIDTH for lb in lines)


def test_horizontal_bar_labels_are_never_clipped_at_the_left():
    labels = ["North Foreland Point upper station", "Hel", "Cap Fréhel east lantern gallery"]
    chart = chart_layout.layout(_series(kind="hbar", labels=labels, values=[57, 41, 85]))
    for tick in chart.ticks:
        assert tick.anchor == "end"
        assert tick.x - charts.text_width(tick.text) >= 0, tick
    for label in chart.labels:  # values at the bar ends stay inside too
        assert label.x + charts.text_width(label.text) <= charts.WIDTH
    assert {" ".join(t.text for t in chart.ticks)} != {""}


def test_category_labels_wrap_or_shrink_and_never_overlap():
    labels = ["Peasant holdings of the richest", "Grain sales to the towns", "Other", "Exports abroad", "Reserves"]
    for kind in ("bar", "stacked", "line"):
        values = (
            {"values": [5, 7, 9, 4, 6]}
            if kind != "stacked"
            else {"datasets": [{"name": "A", "values": [1, 2, 3, 4, 5]}, {"name": "B", "values": [5, 4, 3, 2, 1]}]}
        )
        chart = chart_layout.layout(_series(kind=kind, labels=labels, **values))
        under = [t for t in chart.ticks if t.anchor == "middle"]
        rows: dict[float, list] = {}
        for t in under:
            rows.setdefault(round(t.y, 1), []).append(t)
        for row in rows.values():
            spans = sorted(
                (t.x - charts.text_width(t.text, t.size) / 2, t.x + charts.text_width(t.text, t.size) / 2) for t in row
            )
            assert all(a[1] <= b[0] for a, b in pairwise(spans)), (kind, row)
            assert spans[0][0] >= 0 and spans[-1][1] <= charts.WIDTH
        assert all(t.y <= charts.HEIGHT for t in under)


def test_shares_of_a_whole_label_their_parts_not_a_total_of_100():
    chart = chart_layout.layout(
        _series(
            kind="stacked",
            labels=["Holdings", "Sales"],
            datasets=[{"name": "Richest 6%", "values": [6, 60]}, {"name": "All others", "values": [94, 40]}],
        )
    )
    texts = [lb.text for lb in chart.labels]
    assert "100" not in texts
    assert sorted(texts) == sorted(["94", "60", "40"])  # the 6 is too thin a segment to hold its label


def test_right_to_left_a_column_or_line_chart_runs_from_the_right_as_its_slide_does():
    """Arabic reads a chart's categories from the right, the value axis on the right (the deck's
    c:orientation maxMin, lecture/rtl.py): the SVG every other output draws is the mirror image of the
    left-to-right one, its labels anchored on their other side; a horizontal bar chart and a pie keep theirs."""
    labels = ["البردي", "الرق", "الورق"]
    for kind in ("bar", "line", "stacked"):
        values = {"values": [12, 30, 4]} if kind != "stacked" else {"datasets": [{"name": "A", "values": [1, 2, 3]}]}
        ltr, rtl = (
            chart_layout.layout(_series(kind=kind, labels=labels, unit="درهم", **values), lang) for lang in ("en", "ar")
        )
        assert (ltr.rtl, rtl.rtl) == (False, True)
        under = [t for t in rtl.ticks if t.anchor == "middle"]
        assert [t.text for t in sorted(under, key=lambda t: -t.x)] == labels, kind  # the first at the right
        axis = [t for t in rtl.ticks if t.anchor != "middle"]
        assert axis and all(t.anchor == "start" and t.x > charts.WIDTH / 2 for t in axis), kind
        assert [round(t.x + u.x, 6) for t, u in zip(ltr.ticks, rtl.ticks, strict=True)] == [charts.WIDTH] * len(
            ltr.ticks
        )
        assert [(round(a.x + a.w + b.x, 6), a.h) for a, b in zip(ltr.boxes, rtl.boxes, strict=True)] == [
            (charts.WIDTH, a.h) for a in ltr.boxes
        ]
    for kind in ("hbar", "pie"):
        ltr, rtl = (
            chart_layout.layout(_series(kind=kind, labels=labels, values=[12, 30, 4]), lang) for lang in ("en", "ar")
        )
        assert rtl == ltr


def test_a_chart_with_a_value_axis_is_drawn_shorter_for_a_pages_room_its_labels_at_their_size():
    """A compact chart printed at 72% of the measure set its labels at 5 pt; drawn 72% as high instead it keeps them."""
    for kind in ("bar", "stacked", "line"):
        series = _series(kind=kind, labels=["1923", "1930", "1940"], values=[80, 175, 1660])
        full, short = chart_layout.layout(series), chart_layout.layout(series, scale=0.72)
        assert not full.short and short.short and short.height == 0.72 * charts.HEIGHT == 0.72 * full.height
        assert short.width == full.width
        assert [(t.text, t.size) for t in short.ticks] == [(t.text, t.size) for t in full.ticks]
        assert [(t.text, t.size) for t in short.labels] == [(t.text, t.size) for t in full.labels]
        assert all(b.y + b.h <= short.height - charts.BOTTOM + 3 for b in short.boxes)
        assert max(t.y for t in short.ticks) <= short.height
    # a pie is drawn smaller beside its key at its size, where the key fits the shorter figure
    pie = _series(kind="pie", labels=["Paraffin oil", "Coal gas", "Acetylene"], values=[212, 54, 34])
    full, short = chart_layout.layout(pie), chart_layout.layout(pie, scale=0.72)
    assert short.short and [(w.label.text, w.label.size) for w in short.wedges] == [
        (w.label.text, w.label.size) for w in full.wedges
    ]
    assert max(w.label.y for w in short.wedges) <= short.height - 4
    many = _series(kind="pie", labels=[f"Part {n}" for n in range(9)], values=list(range(1, 10)))
    assert chart_layout.layout(many, scale=0.6) == chart_layout.layout(many)  # its key needs the height
    # horizontal bars are drawn thinner and closer, their labels at their size, where each label keeps its lines
    series = _series(kind="hbar", labels=["Paraffin oil", "Coal gas", "Acetylene"], values=[212, 54, 34])
    full, short = chart_layout.layout(series), chart_layout.layout(series, scale=0.6)
    assert short.short and short.height == 0.6 * charts.HEIGHT and short.width == full.width
    assert [(t.text, t.size) for t in short.ticks] == [(t.text, t.size) for t in full.ticks]
    assert [(t.text, t.size) for t in short.labels] == [(t.text, t.size) for t in full.labels]
    assert all(b.y + b.h <= short.height for b in short.boxes) and max(t.y for t in short.ticks) <= short.height
    assert [b.w for b in short.boxes] == [b.w for b in full.boxes] and short.boxes[0].h < full.boxes[0].h
    # many labels of two lines need the height: drawn as they are, for the page to scale
    many = _series(kind="hbar", labels=[f"The {n}th works of the town" for n in range(9)], values=list(range(1, 10)))
    assert chart_layout.layout(many, scale=0.6) == chart_layout.layout(many)
