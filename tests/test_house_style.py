"""A broken house style (PAMPHLETEER_TEMPLATES) is a usage error naming its file and line, never an internal error."""

from __future__ import annotations

import shutil

import pytest

from pamphleteer.errors import display_path
from pamphleteer.infra.locations import shipped_dir


@pytest.fixture
def house(tmp_path, monkeypatch):
    """A copy of our templates, in force as a house style, free to break."""
    folder = tmp_path / "house"
    shutil.copytree(shipped_dir(), folder)
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(folder))
    return folder


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _lines(path):
    return path.read_text(encoding="utf-8").count("\n")


HOUSE = " (in the house style PAMPHLETEER_TEMPLATES)"


def test_a_template_with_a_syntax_error_is_named_with_its_line(house, small, run, tmp_path):
    page = house / "epub" / "page.xhtml.j2"
    _append(page, "{{ foo( }}\n")
    code, out, err = run("epub", "--content", small, "--output", tmp_path / "out")
    where = f"{display_path(page)}:{_lines(page)}"
    assert (code, out, err) == (2, "", f"pamphleteer: {where}: template error: unexpected '}}', expected ')'{HOUSE}\n")
    assert not (tmp_path / "out" / "pamphlet.epub").exists()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{{ undefined_thing.attr }}", "'undefined_thing' is undefined"),
        ('{% include "nothere.j2" %}', "no template nothere.j2"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "macros call one another without end"),
    ],
)
def test_a_template_that_fails_as_it_renders_is_named_with_its_line(text, said, house, small, run, tmp_path):
    page = house / "epub" / "page.xhtml.j2"
    _append(page, text + "\n")
    code, _, err = run("epub", "--content", small, "--output", tmp_path / "out")
    assert (code, err) == (2, f"pamphleteer: {display_path(page)}:{_lines(page)}: template error: {said}{HOUSE}\n")


def test_a_template_that_fails_in_a_layout_child_is_a_usage_error_too(house, small, run, tmp_path):
    blocks = house / "pamphlet" / "_blocks.html.j2"
    _replace(blocks, "\n", "{% if %}\n")
    code, _, err = run("pamphlet", "--content", small, "--output", tmp_path / "out")
    said = "template error: Expected an expression, got 'end of statement block'"
    assert (code, err) == (2, f"pamphleteer: {display_path(blocks)}:1: {said}{HOUSE}\n")


@pytest.mark.parametrize(
    ("change", "where", "said"),
    [
        (
            lambda p: p.write_text("- a list\n", encoding="utf-8"),
            ":1:1",
            "a catalogue is flat 'key: text' lines, not a sequence",
        ),
        (
            lambda p: _append(p, "chapter2: [unclosed\n"),
            ":{end}:1",
            "the catalogue is not readable YAML (expected ',' or ']', but got '<stream end>')",
        ),
        (
            lambda p: _replace(p, "chapter: Chapter {number}", "chapter: Chapter {number:99999999}"),
            ":6:10",
            "chapter: {number:99999999}: a field takes no format; write {number}",
        ),
        (
            lambda p: _replace(p, "chapter: Chapter {number}", "chapter: Chapter {number.__class__}"),
            ":6:10",
            "chapter: {number.__class__}: a field is a plain name, like {title}",
        ),
        (
            lambda p: _replace(p, "chapter: Chapter {number}", "chapter: Chapter {numbr}"),
            ":6:10",
            "chapter: {numbr}: no such field here (this entry has {number})",
        ),
        (
            lambda p: _replace(p, "chapter: Chapter {number}", "chapter: Chapter {number"),
            ":6:10",
            "chapter: a '{' or '}' out of place (expected '}' before end of string); write {{ or }} for a brace itself",
        ),
        (
            lambda p: _replace(p, "chapter: Chapter {number}", "chapter: [Chapter]"),
            ":6:10",
            "chapter: expected text ('key: text')",
        ),
    ],
)
def test_a_broken_catalogue_is_named_with_its_line_and_key(change, where, said, house, small, run, tmp_path):
    catalogue = house / "locales" / "en.yaml"
    change(catalogue)
    code, out, err = run("epub", "--content", small, "--output", tmp_path / "out")
    where = where.format(end=_lines(catalogue) + 1)
    assert (code, out, err) == (2, "", f"pamphleteer: {display_path(catalogue)}{where}: {said}\n")


def test_a_catalogue_entry_of_a_huge_width_is_refused_before_it_is_filled(house, small, run, tmp_path):
    """The entry that ran 120 s and 2.7 GB: refused as the catalogue is read, in no time and no memory."""
    catalogue = house / "locales" / "en.yaml"
    _replace(catalogue, "page: p. {page}", "page: p. {page:>999999999}")
    code, _, err = run("check", "--content", small)
    assert code == 2
    assert err.endswith(": page: {page:>999999999}: a field takes no format; write {page}\n")


def test_a_broken_palette_is_named(house, small, run, tmp_path):
    (house / "palette.json").write_text("[oops", encoding="utf-8")
    code, _, err = run("epub", "--content", small, "--output", tmp_path / "out")
    where = display_path(house / "palette.json")
    assert (code, err) == (
        2,
        f"pamphleteer: {where}:1:2: not a readable palette (Expecting value: line 1 column 2 (char 1))\n",
    )


def test_a_damaged_deck_master_is_named(house, small, run):
    master = house / "lecture-master.pptx"
    master.write_bytes(master.read_bytes()[:5000])
    code, _, err = run("check", "--content", small)
    assert (code, err) == (
        1,
        f"{display_path(master)}: the deck master is not a readable PowerPoint file (not a zip package)\n"
        "Aborted with 1 error.\n",
    )
