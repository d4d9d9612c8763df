"""Dates in the publication's language, from Babel's locale data."""

from __future__ import annotations

import pytest

from pamphleteer.text import cldr


@pytest.mark.parametrize(
    ("value", "language", "short", "expected"),
    [
        ("1940-08-20", "en", False, "20 August 1940"),
        ("1940-08-20", "en", True, "20 Aug 1940"),
        ("1940-08", "en", False, "August 1940"),
        ("1940-08", "en", True, "Aug 1940"),
        ("1940", "en", False, "1940"),
        ("1940-08-20", "ru", False, "20 августа 1940\u202fг."),
        ("1940-08", "ru", False, "август 1940\u202fг."),
        ("1940-08-20", "de", False, "20. August 1940"),
        ("1940-08-20", "fr", False, "20 août 1940"),
        ("1940-08-20", "es", False, "20 de agosto de 1940"),
        # a slide's short form abbreviates the month and never writes a day in figures alone ("20.08.1940")
        ("1940-08-20", "de", True, "20. Aug. 1940"),
        ("1940-08-20", "ru", True, "20 авг. 1940\u202fг."),
        ("1940-08-20", "es", True, "20 ago 1940"),
        ("1940-08-20", "ar", True, "20 أغسطس 1940"),
    ],
)
def test_dates_follow_the_language(value, language, short, expected):
    assert cldr.date(value, language, short=short) == expected


def test_an_unknown_language_falls_back_to_english():
    assert cldr.date("1917-11-07", "xx") == "7 November 1917"


def test_a_year_before_1000_loses_the_schemas_leading_zero():
    assert cldr.date("0751", "ar") == "751"
    assert cldr.date("0794", "en") == "794"


def test_text_that_is_not_a_date_is_kept():
    assert cldr.date("c. 1890", "en") == "c. 1890"
    assert cldr.date("spring", "ru") == "spring"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", "rtl"),
        ("ar-EG", "rtl"),
        ("he", "rtl"),
        ("he-IL", "rtl"),
        ("fa", "rtl"),
        ("fa-IR", "rtl"),
        ("ur", "rtl"),
        ("ur-PK", "rtl"),
        ("en", "ltr"),
        ("en-GB", "ltr"),
        ("ru", "ltr"),
        ("es", "ltr"),
        ("xx", "ltr"),
    ],
)
def test_direction_follows_the_language(language, expected):
    assert cldr.direction(language) == expected


def test_a_tags_language_is_its_first_subtag_lower_cased():
    assert [cldr.base(t) for t in ("en-GB", "pt_BR", "AR", "zh-Hant-TW")] == ["en", "pt", "ar", "zh"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en-GB", "Thursday 12 March 2026"),
        ("de", "Donnerstag, 12. März 2026"),
        ("fr", "jeudi 12 mars 2026"),
        ("es", "jueves, 12 de marzo de 2026"),
    ],
)
def test_a_notice_gives_the_day_with_its_weekday(language, expected):
    assert cldr.day("2026-03-12", language) == expected


def test_a_notice_for_a_month_gives_the_month_as_a_date_does():
    assert cldr.day("2026-03", "en") == cldr.date("2026-03", "en") == "March 2026"


def test_the_tool_writes_its_numbers_and_dates_in_the_digits_a_tag_names():
    tag = cldr.numbers_tag("ar", "arabic-indic")
    assert tag == "ar-u-nu-arab" and cldr.numbers_of(tag) == ("ar", "arabic-indic")
    assert cldr.numbers_of("ar") == ("ar", "latin") and cldr.numbers_tag("ar", "latin") == "ar"
    assert cldr.date("1940-08-20", tag) == "٢٠ أغسطس ١٩٤٠" and cldr.date("1940-08-20", "ar") == "20 أغسطس 1940"
    assert cldr.date("0751", tag) == "٧٥١"
    assert cldr.date("Mai 1915", tag) == "Mai 1915"  # not a date: left as written
    assert cldr.direction(tag) == "rtl" and cldr.babel_locale(tag).language == "ar"
    assert cldr.numerals(2025, "persian") == "۲۰۲۵" and cldr.numerals("p. 12", "latin") == "p. 12"


def test_persian_prints_its_own_digits_unless_asked_and_arabic_latin_ones():
    assert [cldr.default_digits(t) for t in ("fa", "fa-IR", "ar", "ur", "en")] == [
        "persian", "persian", "latin", "latin", "latin",
    ]  # fmt: skip
