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
        return Locale.parse(numbers_of(language)[0].replace("-", "_"))
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

    ``short`` abbreviates the month ("20 Aug 1940", "20. Aug. 1940"), for timelines and slides; a day is
    never written in figures alone, which read as different days in different countries. A ``language`` tag
    naming digits (``ar-u-nu-arab``, :func:`numbers_tag`) writes the date in them: "٢٠ أغسطس ١٩٤٠".
    Text that is not such a date is returned unchanged.
    """
    plain, digits = numbers_of(language)
    return numerals(_date(value, plain, short), digits) if _is_date(value) else value


def _is_date(value: str) -> bool:
    parts = value.split("-")
    return 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts)


def _date(value: str, language: str, short: bool) -> str:
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
    if short:  # the month abbreviated, never all figures (CLDR's medium form is "07.11.1927" in German)
        return format_skeleton("yMMMd", day, locale=locale)
    return format_date(day, "long", locale=locale)


def day(value: str, language: str = "en") -> str:
    """A day with its weekday, as a notice of a meeting gives it: ``2026-03-12`` -> "Thursday 12 March
    2026" ("jeudi 12 mars 2026", "Donnerstag, 12. März 2026"); a month or a year as :func:`date` prints it."""
    parts = value.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return date(value, language)
    locale = _locale(language)
    when = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    said = format_date(when, _HOUSE.get(locale.language, {}).get("full", "full"), locale=locale)
    return numerals(said, numbers_of(language)[1])


# The digits the tool prints its own numbers in (page numbers, dates, chart values, slide numbers...):
# the style's ten digits, and the CSS counter style that draws them (the PDFs' folios and notes).
DIGITS: dict[str, str] = {
    "latin": "0123456789",
    "arabic-indic": "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
    "persian": "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
}
COUNTER_STYLE = {"latin": "decimal", "arabic-indic": "arabic-indic", "persian": "persian"}
# Where the language's own default is not Latin: Persian prints its own digits (CLDR's "arabext").
# Arabic and Urdu keep Latin ones, as CLDR does (and the Maghreb's presses), unless asked.
_DEFAULT_DIGITS = {"fa": "persian"}


def default_digits(language: str) -> str:
    """The digit style a publication in ``language`` prints in when it does not choose one."""
    return _DEFAULT_DIGITS.get(base(language), "latin")


def arabic_letters(language: str) -> bool:
    """Whether ``language`` is written in Arabic letters (Arabic, Persian, Urdu...)."""
    return base(language) in _WRITTEN_IN["ar"]


def numerals(text: object, digits: str = "latin") -> str:
    """``text`` with its ASCII digits in the style ``digits``: ``numerals(1925, "arabic-indic")`` -> "١٩٢٥".

    Only for numbers the tool makes (a page number, a date it formats): the author's own digits stay as
    written. A date or number Babel formatted keeps its separators: only the digits change."""
    said = str(text)
    if digits == "latin":
        return said
    return said.translate(_TABLES[digits])


_TABLES = {style: str.maketrans(DIGITS["latin"], shapes) for style, shapes in DIGITS.items()}
# CLDR's name of each style's numbering system (Babel formats numbers in it, with its own separators:
# "١٬٢٣٤٫٥"), and the BCP 47 extension that names it in a tag: "ar-u-nu-arab".
NUMBERING = {"latin": "latn", "arabic-indic": "arab", "persian": "arabext"}
_EXTENSION = "-u-nu-"


def numbers_tag(language: str, digits: str) -> str:
    """The tag numbers are written by: ``language`` with its digit style, ``ar-u-nu-arab`` (BCP 47's way).

    A chart's or a description's numbers are made deep inside code that knows only a language:
    the tag carries the digits there, and :func:`numbers_of` reads them back."""
    return language if digits == "latin" else f"{language}{_EXTENSION}{NUMBERING[digits]}"


def numbers_of(tag: str) -> tuple[str, str]:
    """``ar-u-nu-arab`` -> ("ar", "arabic-indic"); a plain tag is Latin digits."""
    language, _, system = tag.partition(_EXTENSION)
    return language, next((style for style, name in NUMBERING.items() if name == system), "latin")


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
