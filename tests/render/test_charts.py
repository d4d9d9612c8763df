"""Chart geometry: percentages on pies, labels measured with the bundled fonts and kept in the figure."""

from __future__ import annotations

from itertools import pairwise

from pamphleteer import content
from pamphleteer.content.model import Series
from pamphleteer.errors import display_path
from pamphleteer.render import charts
from tests.conftest import PUBLICATIONS

PRESS = PUBLICATIONS / "press"


def _series(**fields) -> Series:
    return Series.model_validate({"id": "s", "title": "T", "source": "S", **fields})


def test_pie_key_gives_percentages_and_fits_beside_the_pie():
    chart = charts.layout(_series(kind="pie", labels=["Paraffin oil", "Coal gas", "Acetylene"], values=[212, 54, 34]))
    texts = [w.label.text for w in chart.wedges]
    assert texts == ["Paraffin oil: 71% (212)", "Coal gas: 18% (54)", "Acetylene: 11% (34)"]
    for w in chart.wedges:
        assert w.label.x + charts.text_width(w.label.text, w.label.size) <= charts.WIDTH


def test_a_pie_of_percentages_says_each_share_once():
    chart = charts.layout(
        _series(kind="pie", unit="%", labels=["Full-time", "Part-time", "Others"], values=[55, 28, 17])
    )
    assert [w.label.text for w in chart.wedges] == ["Full-time: 55%", "Part-time: 28%", "Others: 17%"]
    # shares of 100 in another unit, and percentages that do not add up to 100, still give both
    chart = charts.layout(_series(kind="pie", unit="%", labels=["A", "B"], values=[30, 30]))
    assert [w.label.text for w in chart.wedges] == ["A: 50% (30%)", "B: 50% (30%)"]


def test_long_pie_keys_shrink_then_wrap_inside_the_figure():
    long = "A category whose name is far too long to sit beside a pie"
    chart = charts.layout(_series(kind="pie", labels=[long, "Other"], values=[3, 1]))
    lines = [w.label for w in chart.wedges] + chart.labels
    assert len(lines) > 2  # the long key took more than one line
    assert all(lb.x + charts.text_width(lb.text, lb.size) <= charts.WIDTH for lb in lines)


def test_horizontal_bar_labels_are_never_clipped_at_the_left():
    labels = ["North Foreland Point upper station", "Hel", "Cap Fréhel east lantern gallery"]
    chart = charts.layout(_series(kind="hbar", labels=labels, values=[57, 41, 85]))
    for tick in chart.ticks:
        assert tick.anchor == "end"
        assert tick.x - charts.text_width(tick.text) >= 0, tick
    for label in chart.labels:  # values at the bar ends stay inside too
        assert label.x + charts.text_width(label.text) <= charts.WIDTH
    assert {" ".join(t.text for t in chart.ticks)} != {""}


def test_text_width_uses_the_fonts_metrics():
    assert charts.text_width("iiii") < charts.text_width("MMMM")
    assert charts.text_width("Hel", 20) == 2 * charts.text_width("Hel", 10)


def test_a_chart_of_two_values_is_a_warning():
    book = content.load(PRESS)
    found = charts.warnings(book)
    lines = (PRESS / "data.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  - id: range") + 1
    assert [f"{p.line}:{p.field}: {p.message}" for p in found] == [
        f"{line}:series[3]: a chart of 2 value(s): a sentence would do"
    ]


def test_a_series_without_a_unit_is_a_warning_at_the_series(small, run):
    """Issue 30: "shillings" nowhere on the page; the chart's numbers said nothing of what they counted."""
    data = small / "data.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("    unit: inches\n", "", 1), encoding="utf-8")
    code, _, err = run("check", "--content", small)
    line = text.splitlines().index("  - id: wheel-size") + 1
    assert code == 0
    assert err.splitlines() == [
        f"warning: {display_path(data)}:{line}:5: series[0]: no unit: the chart's numbers would not say what they "
        "count; give one, e.g. unit: workers or %"
    ]


def test_category_labels_wrap_or_shrink_and_never_overlap():
    labels = ["Peasant holdings of the richest", "Grain sales to the towns", "Other", "Exports abroad", "Reserves"]
    for kind in ("bar", "stacked", "line"):
        values = (
            {"values": [5, 7, 9, 4, 6]}
            if kind != "stacked"
            else {"datasets": [{"name": "A", "values": [1, 2, 3, 4, 5]}, {"name": "B", "values": [5, 4, 3, 2, 1]}]}
        )
        chart = charts.layout(_series(kind=kind, labels=labels, **values))
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
    chart = charts.layout(
        _series(
            kind="stacked",
            labels=["Holdings", "Sales"],
            datasets=[{"name": "Richest 6%", "values": [6, 60]}, {"name": "All others", "values": [94, 40]}],
        )
    )
    texts = [lb.text for lb in chart.labels]
    assert "100" not in texts
    assert sorted(texts) == sorted(["94", "60", "40"])  # the 6 is too thin a segment to hold its label


def test_the_pamphlets_charts_draw_with_the_shared_palette(small, run, tmp_path, monkeypatch):
    import json
    import shutil

    import pikepdf

    from pamphleteer.infra.locations import templates_dir

    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    marker = "#123456"  # a colour no design would choose, first in the list
    colours = json.loads((templates / "palette.json").read_text(encoding="utf-8"))
    (templates / "palette.json").write_text(json.dumps([marker, *colours[1:]]), encoding="utf-8")
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    out = tmp_path / "out"
    assert run("pamphlet", "--content", small, "--output", out)[0] == 0
    wanted = [round(int(marker[i : i + 2], 16) / 255, 3) for i in (1, 3, 5)]
    found = False
    with pikepdf.open(out / "pamphlet.pdf") as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("rg", "RG") and [round(float(v), 3) for v in operands] == wanted:
                    found = True
    assert found


def test_numbers_take_the_digits_and_separators_a_tag_names():
    assert charts.number(12345.5, "ar-u-nu-arab") == "١٢٬٣٤٥٫٥"
    assert charts.percent(0.255, "fa-u-nu-arabext", 1).startswith("۲۵٫۵")
    assert charts.number(12345.5, "ar") == "12,345.5"


def test_a_chart_in_words_names_every_value():
    series = Series(
        id="s", title="Riders", kind="line", unit="%", labels=["1890", "1900"], source="x",
        datasets=[{"name": "Men", "values": [10, 12.5]}, {"name": "Women", "values": [1, 2]}],
    )  # fmt: skip
    assert charts.describe(series) == (
        "Line chart, Riders (%). Men (%): 1890: 10; 1900: 12.5. Women (%): 1890: 1; 1900: 2."
    )
    # in Arabic, the catalogue's marks between the parts and the digits the tag names
    assert charts.describe(series, "ar-u-nu-arab") == (
        "مخطط خطي، Riders (%). Men (%): 1890: ١٠؛ 1900: ١٢٫٥. Women (%): 1890: ١؛ 1900: ٢."
    )


def test_right_to_left_a_column_or_line_chart_runs_from_the_right_as_its_slide_does():
    """Arabic reads a chart's categories from the right, the value axis on the right (the deck's
    c:orientation maxMin, lecture/rtl.py): the SVG every other output draws is the mirror image of the
    left-to-right one, its labels anchored on their other side; a horizontal bar chart and a pie keep theirs."""
    labels = ["البردي", "الرق", "الورق"]
    for kind in ("bar", "line", "stacked"):
        values = {"values": [12, 30, 4]} if kind != "stacked" else {"datasets": [{"name": "A", "values": [1, 2, 3]}]}
        ltr, rtl = (
            charts.layout(_series(kind=kind, labels=labels, unit="درهم", **values), lang) for lang in ("en", "ar")
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
        ltr, rtl = (charts.layout(_series(kind=kind, labels=labels, values=[12, 30, 4]), lang) for lang in ("en", "ar"))
        assert rtl == ltr


def test_the_pamphlets_chart_text_names_only_faces_weasyprint_finds():
    """WeasyPrint's SVG text splits font-family at commas and strips quotes only at each end, so
    "'PT Sans', 'Fallback Arabic'" asks for " 'Fallback Arabic" and Persian digits or a Greek label
    came out in a system face. Each family list the pamphlet gives its charts reads as bundled names."""
    import re

    from pamphleteer.render.typeset import templates_dir

    blocks = (templates_dir() / "pamphlet" / "_blocks.html.j2").read_text(encoding="utf-8")
    lists = re.findall(r'set chart_font = "([^"]*)"', blocks)
    assert len(lists) == 3
    for families in lists:
        read = [font.strip("\"'") for font in families.split(",")]  # as weasyprint/svg/text.py reads them
        assert set(read) <= {"PT Sans", "Fallback Greek", "Fallback Hebrew", "Fallback Arabic", "Fallback CJK"}
