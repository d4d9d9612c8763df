"""Chart geometry: percentages on pies, labels measured with the bundled fonts and kept in the figure."""

from __future__ import annotations

from pamphleteer import content
from pamphleteer.content.model import Series
from pamphleteer.errors import display_path
from pamphleteer.render import charts
from tests.conftest import PUBLICATIONS

PRESS = PUBLICATIONS / "press"


def _series(**fields) -> Series:
    return Series.model_validate({"id": "s", "title": "T", "source": "S", **fields})


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
