"""Inline markup: quotes by language, spacing around references and notes, typographic pieces."""

from __future__ import annotations

import pytest

from pamphleteer.text import inline


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "He said “no” and ‘yes’."),
        ("en-GB", "He said “no” and ‘yes’."),
        ("fr", "He said «\u202fno\u202f» and “yes”."),  # narrow no-break spaces; English quotes nested
        ("de", "He said „no“ and ‚yes‘."),
        ("ru", "He said «no» and „yes“."),
    ],
)
def test_quotes_follow_the_language(language, expected):
    assert inline.smart("He said \"no\" and 'yes'.", language) == expected
    assert inline.plain(inline.parse("He said \"no\" and 'yes'.", language)) == expected


def test_no_space_before_a_note_that_starts_a_yaml_line():
    spans = inline.parse("rode out of Mannheim.\n^[Under an hour.] It had no pedals.")
    assert [s.kind for s in spans] == ["text", "note", "text"]
    assert spans[0].text == "rode out of Mannheim."
    assert inline.plain(spans, notes=True) == "rode out of Mannheim. (Under an hour.) It had no pedals."


def test_a_reference_on_a_new_yaml_line_keeps_its_space():
    spans = inline.parse("described by\n[Paul Eyraud](person:eyraud)'s reports")
    assert inline.plain(spans) == "described by Paul Eyraud’s reports"


def test_pieces_keep_dates_and_ranges_and_mark_names_and_acronyms():
    pieces = inline.acronyms("In 1923–1940 the USSR met Zinoviev on 20 August 1940, and 12 août; b. 1851, died 1851–?")
    kinds = {text: kind for text, kind in pieces if kind}
    assert kinds == {
        "1923–1940": "keep",
        "USSR": "acronym",
        "Zinoviev": "name",
        "20 August 1940": "keep",
        "12 août": "keep",
        "1851–?": "keep",
    }
    assert "".join(text for text, _ in pieces).endswith("died 1851–?")
