"""Sort keys that put names and terms where a reader of the publication's language looks for them.

A small, pure-Python take on the Unicode Collation Algorithm's levels: first the
letters without their accents and case (so "Écuyer" files among the E's and "łąka"
among the L's for an English reader), then the accents, then the case. A language
that treats a letter as its own (Polish ł after l, Swedish å after z) says so in
``_TAILORING`` (Spanish ñ after n, Russian й after и; ё among the е's). Used by the
registers (who's who, index, glossary) of every edition.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TypeVar

from . import cldr

T = TypeVar("T")

# Letters that do not decompose into a base letter and an accent.
_BASE = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "ħ": "h"}
# Letters a language files after their base letter (a tuple: the base, then an order mark).
_TAILORING: dict[str, dict[str, str]] = {
    "pl": {c: b + "\uffff" for c, b in zip("ąćęłńóśźż", "acelnoszz", strict=True)} | {"ż": "z\uffff\uffff"},
    "sv": {"å": "z\uffff", "ä": "z\uffff\uffff", "ö": "z\uffff\uffff\uffff"},
    "de": {},  # ä, ö, ü file with a, o, u (DIN 5007-1, CLDR's default); ß is "ss"
    "fr": {},  # accents count only after the letters (CLDR's default for French)
    "es": {"ñ": "n\uffff"},  # ñ is a letter of its own, after n
    # й is a letter of its own after и; ё files with е (it decomposes to е and a diaeresis)
    "ru": {"й": "и\uffff"},
    "uk": {"й": "и\uffff", "ї": "і\uffff", "ґ": "г\uffff"},
}


def _primary(char: str, tailoring: dict[str, str]) -> str:
    if char in tailoring:
        return tailoring[char]
    if char in _BASE:
        return _BASE[char]
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(text: str, language: str = "en") -> tuple[str, str, str]:
    """A sort key for ``text``: letters first, then accents, then case."""
    tailoring = _TAILORING.get(cldr.base(language), {})
    folded = text.casefold()
    # punctuation and spaces do not count at the first level ("Lenin, V." next to "Lenina")
    letters = [c for c in folded if c.isalnum()]
    primary = "".join(_primary(c, tailoring) for c in letters)
    secondary = unicodedata.normalize("NFD", "".join(letters))
    tertiary = "".join("1" if c.isupper() else "0" for c in text if c.isalnum())
    return primary, secondary, tertiary


def sort(items: list[T], language: str, by: Callable[[T], str] = str) -> list[T]:
    """``items`` sorted by ``by(item)`` under the language's collation."""
    return sorted(items, key=lambda item: key(by(item), language))
