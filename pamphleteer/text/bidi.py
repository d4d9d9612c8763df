"""Right-to-left text made drawable where nothing shapes it (the pamphlet's chart labels) and measurable.

WeasyPrint draws SVG ``<text>`` one character at a time, left to right, with no shaping
and no bidi, so an Arabic label came out as loose letters in reverse. :func:`visual`
gives such a label as it must appear: Arabic letters in their joined presentation forms
(arabic-reshaper) and the whole in display order (python-bidi's Unicode bidi algorithm),
so drawing it character by character reads right. Text with no right-to-left letter is
returned unchanged, so left-to-right editions are untouched.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import arabic_reshaper
from bidi import get_display


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana...)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def first_strong(text: str) -> str:
    """``"rtl"`` or ``"ltr"`` as the first letter with a direction of its own says (Unicode's rule for
    a paragraph's direction), ``""`` for text with none (digits, punctuation)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return ""


@lru_cache(maxsize=4096)
def joined(text: str) -> str:
    """``text`` with Arabic letters in their joined presentation forms, in logical order (for measuring)."""
    return arabic_reshaper.reshape(text) if has_rtl(text) else text


@lru_cache(maxsize=1024)
def visual(text: str) -> str:
    """``text`` in display order with Arabic letters joined, for a renderer that does neither."""
    if not has_rtl(text):
        return text
    return get_display(joined(text), base_dir="R")
