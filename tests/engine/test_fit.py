"""What authors write, the tool sets: fit, then warn; --strict for CI; a build stopped only by its own outputs.

tests/publications/overfull holds what stopped a build before: an 8-column table on a slide, a
3-column table whose last row holds a web address, six sources for the closing slide and a
chapter title too long for the running head. It builds with a warning for each that was set
another way than written, read back here from the deck and the pamphlet.
"""

from __future__ import annotations

import contextlib
import io
import subprocess

import pytest
from pptx import Presentation

from pamphleteer import cli
from pamphleteer.errors import display_path
from tests.conftest import PUBLICATIONS

OVERFULL = PUBLICATIONS / "overfull"
TRADE = OVERFULL / "chapters" / "trade.yaml"
LOCKOUT = OVERFULL / "chapters" / "lockout.yaml"
HEAD = "How the society’s bakery, its coal round and its reading room carried the town through the…"
WARNINGS = [
    f"{display_path(LOCKOUT)}:2:8: title: too long for the running head on one line: set as '{HEAD}'; "
    "give the chapter a short_title (50 characters at most) to choose the words",
    f"{display_path(TRADE)}:32:12: slides[0].table: the 8 columns of table 'trade' do not fit one slide side by "
    "side at 18 pt or more: set over 2 slides, each with the first column (Year with Membership to Turnover (£); "
    "Year with Dividends to Bakehouses); to show fewer, list them in columns: on this slide",
    f"{display_path(OVERFULL / 'publication.yaml')}:20:12: lecture.reading: 6 sources do not fit one closing "
    "slide at 24 pt or more: continued on 2 closing slides (3, 3 a slide)",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every output of the publication, built once: (output folder, what the build said on stderr)."""
    out = tmp_path_factory.mktemp("overfull-out")
    said = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(said):
        code = cli.main(["--content", str(OVERFULL), "--output", str(out)])
    assert code == 0, said.getvalue()
    return out, said.getvalue()


def _warnings(err: str) -> list[str]:
    return sorted(line.removeprefix("warning: ") for line in err.splitlines() if line.startswith("warning: "))


def test_what_stopped_the_build_is_set_another_way_and_said_in_warnings(built):
    _, err = built
    assert _warnings(err) == sorted(WARNINGS)


def test_with_strict_the_warnings_are_errors_and_nothing_is_written(run, tmp_path):
    code, _, err = run("--strict", "--content", OVERFULL, "--output", tmp_path / "out")
    assert (code, err.splitlines()) == (1, [*WARNINGS, "Aborted with 3 errors."])
    assert not (tmp_path / "out").exists()


def test_check_with_strict_fails_and_without_it_passes_saying_the_warnings(run):
    code, _, err = run("check", "--strict", "--content", OVERFULL)
    assert (code, err.splitlines()[-1]) == (1, "Aborted with 3 errors.")
    code, out, err = run("check", "--content", OVERFULL)
    assert code == 0 and "no problems found" in out and _warnings(err) == sorted(WARNINGS)


def _tables(deck: Presentation) -> list[tuple[str, list[list[str]]]]:
    found = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                title = slide.shapes.title.text_frame.text
                found.append((title, [[c.text for c in row.cells] for row in shape.table.rows]))
    return found


def test_a_table_too_wide_for_a_slide_is_set_over_two_each_with_its_first_column(built):
    out, _ = built
    tables = dict(_tables(Presentation(str(out / "lecture.pptx"))))
    first, second = tables["The society’s trade (1/2)"], tables["The society’s trade (2/2)"]
    assert first[0] == ["Year", "Membership", "Shareholders", "Depositors", "Turnover (£)"]
    assert second[0] == ["Year", "Dividends", "Employees", "Bakehouses"]
    assert [row[0] for row in first] == [row[0] for row in second] == ["Year", "1870", "1880", "1890", "1900", "1910"]
    assert second[3] == ["1890", "2s. 10d.", "44", "2"]  # each row's cells stay in their row


def test_a_url_in_a_table_cell_may_break_at_its_slashes(built):
    out, _ = built
    rows = dict(_tables(Presentation(str(out / "lecture.pptx"))))["Where the papers are"]
    url = rows[-1][-1]
    assert url.replace("\u200b", "") == "https://archive.example.org/millbrook/annual-reports-1870-1914/index.html"
    assert "org\u200b/millbrook\u200b/annual" in url  # where the typographic stage breaks a URL: before a slash


def test_a_reading_list_too_long_for_the_closing_slide_continues_on_a_second(built):
    out, _ = built
    deck = Presentation(str(out / "lecture.pptx"))
    closing = [s for s in deck.slides if s.shapes.title.text_frame.text.startswith("Further reading")]
    titles = [s.shapes.title.text_frame.text for s in closing]
    assert titles == ["Further reading (1/2)", "Further reading (2/2)"] and closing[-1] is deck.slides[-1]
    texts = [
        # each source read across the lines it was balanced in (a line break, "\v" to python-pptx)
        [
            p.text.replace("\v", " ")
            for sh in s.placeholders
            if sh.placeholder_format.idx == 1
            for p in sh.text_frame.paragraphs
        ]
        for s in closing
    ]
    assert [len(t) for t in texts] == [3, 3]
    assert texts[0][0].startswith("George Jacob Holyoake, The History of Co-operation")
    assert texts[1][-1] == "E. P. Thompson, The Making of the English Working Class (1963)"
    captions = [[sh.text_frame.text for sh in s.placeholders if sh.placeholder_format.idx == 2] for s in closing]
    assert captions == [[], ["The pamphlet: The Millbrook Co-operative Society (Test Press, 2025)"]]


def test_a_title_too_long_for_the_running_head_is_cut_in_the_head_only(built):
    out, _ = built
    pages = subprocess.run(
        ["pdftotext", "-layout", str(out / "pamphlet.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    heads = [p.splitlines()[0].strip() for p in pages if p.strip()]
    assert HEAD in heads  # over the chapter's second page
    opener = next(p for p in pages if "CHAPTER 3" in p)
    assert "lock-out of 1893" in opener  # the chapter's own title, whole


def test_a_slide_that_fits_nowhere_stops_the_deck_but_not_the_web_edition_or_the_epub(small, run, tmp_path):
    chapter = small / "chapters" / "draisine.yaml"
    text = chapter.read_text(encoding="utf-8")
    quote = "quote: {text: I rode from Mannheim"
    long = " ".join(["and then I rode on through the town"] * 45)
    chapter.write_text(text.replace(quote, f"quote: {{text: {long} I rode from Mannheim"), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if quote in row)
    code, _, err = run("web", "epub", "--content", small, "--output", tmp_path / "out")
    assert (code, err) == (0, "")
    assert (tmp_path / "out" / "pamphlet.epub").is_file()
    code, _, err = run("deck", "--content", small, "--output", tmp_path / "out")
    assert code == 1
    first, last = err.splitlines()[0], err.splitlines()[-1]
    assert first.startswith(f"{display_path(chapter)}:{line}:") and last == "Aborted with 1 error."
    assert ": slides[1].quote.text: " in first and "do not fit the quotation layout" in first


@pytest.mark.slow  # lays out a pamphlet and a script: the default run's minutes are kept for wider tests
def test_with_strict_a_warning_only_the_layout_finds_stops_the_build_and_nothing_is_written(small, run, tmp_path):
    """The talk's pace is known once the script is laid out (it reads the pamphlet's pages aloud)."""
    pub = small / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8").replace("lecture:\n", "lecture:\n  duration: 1\n"), "utf-8")
    out = tmp_path / "out"
    code, _, err = run("script", "--strict", "--content", small, "--output", out)
    lines = err.splitlines()
    assert code == 1 and lines[-1] == "Aborted with 1 error.", err
    assert lines[-2].startswith("The notes take ") and "over the 1 minutes planned" in lines[-2]
    assert not (out / "lecture-script.pdf").exists() and not (out / "pamphlet.pdf").exists()
