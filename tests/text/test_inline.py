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


def test_a_phrase_in_another_language_is_a_lang_span():
    spans = inline.parse("the motto [liberté, égalité](lang:fr) and [Sturm](lang:de-CH)", "en")
    langs = [(s.lang, inline.plain(s.children)) for s in inline.walk(spans) if s.kind == "lang"]
    assert langs == [("fr", "liberté, égalité"), ("de-CH", "Sturm")]
    # not a language tag: shown as written, never a span
    assert [s.kind for s in inline.parse("[x](lang:not a tag)")] == ["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from that post ...", "from that post\u00a0…"),  # closing a quotation: never alone on a line
        ("a word ... and the next", "a word\u00a0… and the next"),  # an omission: with the word before it
        ("a word [...] and the next", "a word\u00a0[…] and the next"),
        ("... I see that", "…\u00a0I see that"),  # opening one: with the word after it
        ('"... I see" he said', "“…\u00a0I see” he said"),
        ("wait... what", "wait… what"),  # set close: nothing to join
    ],
)
def test_an_ellipsis_never_begins_a_line(text, expected):
    assert inline.smart(text) == expected
