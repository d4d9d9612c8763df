"""Tables measured on the words that print (pamphlet/tables.py), and read back from the built pamphlet."""

from __future__ import annotations

import subprocess

from pamphleteer import content
from pamphleteer.content import model
from pamphleteer.pamphlet import tables
from pamphleteer.render import charts
from tests.conftest import PUBLICATIONS

PRESS = PUBLICATIONS / "press"


def _table(columns: list[str], rows: list[list[str]]) -> model.Table:
    return model.Table.model_validate({"caption": "T", "columns": columns, "rows": rows})


def test_columns_are_measured_on_the_printed_words_not_the_markup():
    people = [f"[Louise Michel {n}](person:michel)" for n in range(6)]
    table = _table(
        ["Name", "Born", "Died", "Where", "Trade", "Union", "Joined", "Left"],
        [[p, "1830", "1905", "Vroncourt", "teacher", "none", "1871", "1880"] for p in people],
    )
    fit = tables.fit(table, "en")
    assert fit.fits and fit.size == "wide"
    born = fit.widths[1] / 100 * tables.TEXT_BLOCK_PT
    assert born >= charts.text_width("1830", 6.9, tables.CELL_FACE)  # a year stands whole
    assert fit.widths[0] < 35  # the name column is not given the markup's length
    assert abs(sum(fit.widths) - 100) < 0.5


def test_a_long_url_cannot_take_a_table_over():
    table = content.load(PRESS).chapters[0].chapter.blocks[5].table
    fit = tables.fit(table, "en")
    assert abs(sum(fit.widths) - 100) < 0.5
    assert fit.widths[3] < 65  # the URL column wraps; the short ones stay on one line
    character = fit.widths[2] / 100 * tables.TEXT_BLOCK_PT
    assert character >= charts.text_width("white, every 20 s", 7.8, tables.CELL_FACE)


def test_a_table_too_wide_goes_a_size_smaller_then_smaller():
    words = ["Gewerkschaftsbewegung", "Arbeitgeberverbände", "Hafenarbeiterstreik", "Reichstagsabgeordneter"]
    assert tables.fit(_table(words[:3], [words[:3]]), "de").size == ""  # three long words fit as they are
    fits = tables.fit(_table(words, [words]), "de")
    assert fits.size == "wide" and fits.fits  # four fit a size smaller
    crushed = tables.fit(_table(words * 2, [words * 2]), "de")
    assert crushed.size == "narrow" and not crushed.fits


def test_a_table_whose_words_cannot_stand_side_by_side_is_named_in_a_located_warning(small, run):
    chapter = small / "chapters" / "safety.yaml"
    words = "[Gewerkschaftsbewegung, Arbeitgeberverbände, Hafenarbeiterstreik, Reichstagsabgeordneter]"
    text = chapter.read_text(encoding="utf-8").replace(
        "blocks:\n",
        f"blocks:\n  - table:\n      caption: Too wide\n      columns: {words[:-1]}, Zwei{words[1:]}\n"
        f"      rows:\n        - {words[:-1]}, Drei{words[1:]}\n",
        1,
    )
    chapter.write_text(text, encoding="utf-8")
    code, _, err = run("check", "--content", small)
    assert code == 0, err
    assert "chapters/safety.yaml:5:7: blocks[0].table: table “Too wide”: its 8 columns' longest words" in err, err


def test_a_table_that_starts_in_a_hole_runs_on_with_its_header_repeated(build_of):
    """The press publication's eight-column table starts on the page its chart left short and runs
    on to the next, its header row on both, three rows at least on each side, every row once."""
    pdf = build_of(PRESS) / "pamphlet.pdf"
    pages = [_page_text(pdf, n) for n in range(1, 30)]
    header = [n for n, text in enumerate(pages, start=1) if "Country Flashes Colour" in " ".join(text.split())]
    assert len(header) == 2 and header[1] == header[0] + 1, header
    countries = ["Poland", "France", "Germany", "Norway", "Ireland", "Spain", "Sweden", "Finland"]
    first, second = (pages[n - 1] for n in header)
    assert sum(c in first for c in countries) >= 3 and sum(c in second for c in countries) >= 3
    assert all((c in first) != (c in second) for c in countries)


def _page_text(pdf, number: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True
    )
    return done.stdout
