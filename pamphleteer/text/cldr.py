"""Dates and writing direction in the publication's language, from Babel's locale data (CLDR).

Content writes dates as ISO text of one, two or three parts (``1940``,
``1940-08``, ``1940-08-20``); every output prints them through :func:`date`, so
month names and their order come from one place. English follows the house
style of British presses ("20 August 1940") rather than CLDR's American default.
:func:`direction` says whether the language is written right to left (Arabic,
Hebrew, Persian, Urdu...): every output asks it, so they all agree.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

# Patterns where the house style differs from the language's CLDR default, by width.
_HOUSE = {"en": {"long": "d MMMM y", "short": "d MMM y", "full": "EEEE d MMMM y"}}


def base(language: str) -> str:
    """The language of a tag, without its region or script: ``en-GB`` -> ``en``, ``pt_BR`` -> ``pt``."""
    return language.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def babel_locale(language: str) -> Locale:
    """Babel's locale for a publication language (English when Babel does not know it)."""
    return _locale(language)


def direction(language: str) -> Literal["rtl", "ltr"]:
    """``"rtl"`` for a language written right to left (``ar``, ``he-IL``, ``fa``, ``ur``), else ``"ltr"``.

    From CLDR's character order for the language; an unknown language is left to right.
    """
    return "rtl" if _locale(language).character_order == "right-to-left" else "ltr"


def date(value: str, language: str = "en", *, short: bool = False) -> str:
    """``1940-08-20`` -> "20 August 1940"; ``1940-08`` -> "August 1940"; ``1940`` stays as it is.

    ``short`` abbreviates the month ("20 Aug 1940"), for timelines and slides.
    Text that is not such a date is returned unchanged.
    """
    parts = value.split("-")
    if len(parts) == 1 and len(value) == 4 and value.isdigit() and value.startswith("0"):
        return str(int(value))  # the schema keeps years as four digits ("0751"); a reader sees 751
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return value
    locale = _locale(language)
    width = "short" if short else "long"
    if len(parts) == 2:
        day = dt.date(int(parts[0]), int(parts[1]), 1)
        return format_skeleton("yMMM" if short else "yMMMM", day, locale=locale)
    day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    pattern = _HOUSE.get(locale.language, {}).get(width)
    if pattern:
        return format_date(day, pattern, locale=locale)
    return format_date(day, "medium" if short else "long", locale=locale)


def day(value: str, language: str = "en") -> str:
    """A day with its weekday, as a notice of a meeting gives it: ``2026-03-12`` -> "Thursday 12 March
    2026" ("jeudi 12 mars 2026", "Donnerstag, 12. März 2026"); a month or a year as :func:`date` prints it."""
    parts = value.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return date(value, language)
    locale = _locale(language)
    when = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    return format_date(when, _HOUSE.get(locale.language, {}).get("full", "full"), locale=locale)


# The language a text in a script other than the publication's is taken to be in, when the
# content does not say (``original_lang``): the first letter's script decides.
_SCRIPTS = (
    ((0x0400, 0x052F), "ru"),  # Cyrillic
    ((0x0370, 0x03FF), "el"),  # Greek
    ((0x1F00, 0x1FFF), "el"),  # Greek with its accents (polytonic)
    ((0x0590, 0x05FF), "he"),  # Hebrew
    ((0x0600, 0x06FF), "ar"),  # Arabic
    ((0x4E00, 0x9FFF), "zh"),  # Han
    ((0x3040, 0x30FF), "ja"),  # kana
)
# Languages written in a script _SCRIPTS names, which keep their own tag for a text in it.
_WRITTEN_IN = {
    "ru": {"ru", "uk", "be", "bg", "sr", "mk", "kk"},
    "el": {"el"},
    "he": {"he", "yi"},
    "ar": {"ar", "fa", "ur"},
}


def _script(char: str) -> str:
    return next((language for (low, high), language in _SCRIPTS if low <= ord(char) <= high), "")


def language_of(text: str, publication: str) -> str:
    """The language of ``text`` as its script says: Cyrillic Russian (or the publication's language
    when that is written in Cyrillic too, Ukrainian say), Greek, Hebrew, Arabic, Chinese, Japanese;
    Latin letters are the publication's language."""
    first = next((c for c in text if c.isalpha()), "")
    script = _script(first) if first else ""
    if not script or base(publication) in _WRITTEN_IN.get(script, {script}):
        return publication
    return script
