"""content/mistakes.py: what would print without a word is an error at its line and column (issue 30)."""

from __future__ import annotations

import pytest

from pamphleteer.errors import display_path

FIRST = "      made the modern bicycle."  # the end of safety.yaml's first paragraph, line 6
SCHEMES = "a link goes to a web address (https://, http://, mailto:) or refers with person:, term:, source:, chapter: or lang:"
STRAY = "a link is [words](target), with nothing between ] and ( and no space inside the (...)"


def _check(small, run, old: str, new: str) -> tuple[int, list[str], str]:
    chapter = small / "chapters" / "safety.yaml"
    text = chapter.read_text(encoding="utf-8")
    assert old in text
    chapter.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, _, err = run("check", "--content", small)
    return code, err.splitlines(), display_path(chapter)


def test_a_link_without_a_scheme_names_the_reference_it_meant(small, run):
    code, err, where = _check(small, run, FIRST, "      made the modern bicycle for [Dunlop](dunlop).")
    assert code == 1
    assert err == [
        f"{where}:6:44: blocks[0].p: a link to 'dunlop' prints as '(dunlop)': {SCHEMES}; did you mean person:dunlop?",
        "Aborted with 1 error.",
    ]


def test_a_web_address_without_its_scheme_is_told_to_take_one(small, run):
    code, err, where = _check(small, run, FIRST, "      made the [modern](www.example.org/bikes) bicycle.")
    assert code == 1
    assert err == [
        f"{where}:6:25: blocks[0].p: a link to 'www.example.org/bikes' prints as '(www.example.org/bikes)': "
        f"{SCHEMES}; did you mean https://www.example.org/bikes?",
        "Aborted with 1 error.",
    ]


@pytest.mark.parametrize(
    ("written", "col", "shown"),
    [
        ("[Mary Driscoll](person: starley)", 50, "[Mary Driscoll](person: starley)"),
        ("[a maker] (https://example.org)", 44, "[a maker] (https://example.org)"),
        ("Starley (person:starley)", 44, "(person:starley)"),
    ],
)
def test_link_markup_that_prints_as_typed_is_an_error_at_itself(small, run, written, col, shown):
    code, err, where = _check(small, run, FIRST, f"      made the modern bicycle with {written}.")
    assert code == 1
    assert err == [
        f"{where}:6:{col}: blocks[0].p: link markup printed as typed: '{shown}'; {STRAY}",
        "Aborted with 1 error.",
    ]


def test_a_footnotes_link_is_checked_too_and_brackets_in_prose_are_not_markup(small, run):
    code, err, where = _check(
        small, run, FIRST, "      made the modern [sic] (1885) bicycle.^[See [his tyre](dunlop-tyre).]"
    )
    assert code == 1
    assert err == [
        f"{where}:6:61: blocks[0].p: a link to 'dunlop-tyre' prints as '(dunlop-tyre)': {SCHEMES}",
        "Aborted with 1 error.",
    ]


@pytest.mark.parametrize("style", ["|", ">-", ">", ""])
def test_a_blank_line_inside_a_paragraph_is_an_error_at_that_line(small, run, style):
    chapter = small / "chapters" / "safety.yaml"
    lines = chapter.read_text(encoding="utf-8").splitlines()
    first = (
        lines.index("      The air-filled tyre did the rest. Solid rubber rims rattled every joint on a cobbled") - 1
    )
    lines[first] = f"  - p: {style}".rstrip()  # blocks[5], written in each style
    lines.insert(first + 2, "")  # between the paragraph's first two lines: it joins them into one
    lines.insert(first + 7, "")  # after it, before the next block: no mistake
    chapter.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run("check", "--content", small)
    assert code == 1
    assert err.splitlines() == [
        f"{display_path(chapter)}:{first + 3}:1: blocks[5].p: a blank line inside a paragraph joins it into one; "
        "two paragraphs are two p: blocks",
        "Aborted with 1 error.",
    ]


def test_the_shipped_and_test_publications_have_none_of_these(run):
    from tests.conftest import CONTENT, PUBLICATIONS, SMALL

    for root in [CONTENT, SMALL, *sorted(p for p in PUBLICATIONS.iterdir() if p.is_dir())]:
        code, _, err = run("check", "--content", root)
        assert code == 0, err
