"""Right-to-left text made drawable by a renderer that neither shapes nor reorders (WeasyPrint's SVG text)."""

from __future__ import annotations

import unicodedata

from pamphleteer.text import bidi


def test_arabic_comes_back_joined_and_in_display_order():
    shown = bidi.visual("البردي")
    # six letters, each in its joined presentation form, the last letter first (drawn leftmost)
    assert [unicodedata.name(c) for c in shown] == [
        "ARABIC LETTER YEH ISOLATED FORM",
        "ARABIC LETTER DAL ISOLATED FORM",  # reh joins nothing on its left
        "ARABIC LETTER REH FINAL FORM",
        "ARABIC LETTER BEH MEDIAL FORM",
        "ARABIC LETTER LAM INITIAL FORM",
        "ARABIC LETTER ALEF ISOLATED FORM",
    ]


def test_numbers_inside_arabic_keep_their_own_order():
    shown = bidi.visual("ثمن 100 صفحة")
    assert "100" in shown and shown.index("100") > 0
    assert unicodedata.name(shown[0]).startswith("ARABIC LETTER TEH MARBUTA")  # the last word's end, drawn first


def test_text_without_a_right_to_left_letter_is_untouched():
    for text in ("Front wheel diameter", "1885", "Ζήνων", "Москва"):
        assert bidi.visual(text) == text and bidi.joined(text) == text
    assert not bidi.has_rtl("Dard Hunter 1883")
    assert bidi.has_rtl("שלום") and bidi.has_rtl("Hunter و")


def test_joined_keeps_logical_order():
    joined = bidi.joined("سمرقند")
    assert len(joined) == 6 and unicodedata.name(joined[0]) == "ARABIC LETTER SEEN INITIAL FORM"
