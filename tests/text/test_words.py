"""The tool's own words by language (words.py), and the Russian test publication read back from every output."""

from __future__ import annotations

import logging
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from babel import Locale

from pamphleteer.infra import dependencies
from pamphleteer.render import charts
from pamphleteer.text import inline, words
from tests import layout, outputs, pdfinfo
from tests.conftest import PUBLICATIONS

RU = PUBLICATIONS / "ru"
LANGUAGES = ("en", "es", "de", "fr", "ru", "ar")
MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_has_every_english_key_and_the_plural_forms_of_its_language(language):
    english, entries = outputs.catalogue("en"), outputs.catalogue(language)
    singular = {k for k in english if "." not in k}
    assert sorted(singular - set(entries)) == []
    assert all(isinstance(v, str) and v.strip() for v in entries.values())
    for category in Locale.parse(language).plural_form.tags | {"other"}:
        assert f"slide_count.{category}" in entries, category
    # every field the code fills is in the translation too
    for key in singular:
        assert set(re.findall(r"{(\w+)}", entries[key])) == set(re.findall(r"{(\w+)}", english[key])), key


def test_russian_counts_take_the_russian_plural():
    assert [words.count("ru", "slide_count", n) for n in (1, 3, 5, 21, 22)] == [
        "1 слайд",
        "3 слайда",
        "5 слайдов",
        "21 слайд",
        "22 слайда",
    ]
    assert words.count("en", "slide_count", 1) == "1 slide"
    assert words.count("en", "slide_count", 2) == "2 slides"


def test_a_language_without_a_catalogue_falls_back_to_english_saying_so(caplog):
    with caplog.at_level(logging.WARNING, logger="pamphleteer.text.words"):
        got = words.catalogue("xh")
    assert got["contents"] == "Contents"
    assert caplog.messages == ["language 'xh' has no catalogue; the tool's own words stay in English"]


def test_regional_variants_use_their_language_catalogue():
    assert words.catalogue("ru-RU")["contents"] == "Содержание"
    assert words.fill("en-GB", "chapter", number=3) == "Chapter 3"
    assert words.fill("de", "chapter", number=3) == "Kapitel 3"


def test_a_catalogue_read_during_a_build_is_recorded_as_one_of_its_files(tmp_path):
    with dependencies.recording((tmp_path,)) as recorder:
        words.catalogue("ru")
    assert {"templates:locales/en.yaml", "templates:locales/ru.yaml"} <= set(recorder.files)


def test_numbers_follow_the_language():
    assert charts.number(12000, "en") == "12,000"
    assert charts.number(2.5, "en") == "2.5"
    assert charts.number(12000, "ru") == "12\u00a0000"
    assert charts.number(2.5, "ru") == "2,5"
    assert charts.number(12000, "de") == "12.000"
    assert charts.percent(0.25, "en") == "25%"
    assert charts.percent(0.25, "fr") == "25\u00a0%"
    assert charts.percent(0.004, "ru", 1) == "0,4\u00a0%"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "“one ‘two’”"),
        ("es", "«one “two”»"),
        ("de", "„one ‚two‘“"),
        ("ru", "«one „two“»"),
        ("ar", "«one “two”»"),
        ("fr", "«\u202fone “two”\u202f»"),
    ],
)
def test_quotation_marks_by_language(language, expected):
    assert inline.smart("\"one 'two'\"", language) == expected


def test_french_sets_a_narrow_no_break_space_before_high_punctuation_and_inside_guillemets():
    got = inline.smart("Il dit « oui » : vraiment ? Oui! Voir https://exemple.fr/a:b.", "fr")
    assert got == "Il dit «\u202foui\u202f»\u202f: vraiment\u202f? Oui\u202f! Voir https://exemple.fr/a:b."
    assert inline.smart("Il dit : oui", "en") == "Il dit : oui"  # other languages keep their spacing


# The Russian publication, built once for the tests below.


@pytest.fixture(scope="module")
def ru_build(build_of) -> Path:
    return build_of(RU)


def test_no_english_word_the_tool_adds_appears_in_any_russian_output(ru_build):
    assert {"Contents", "Chapter", "Glossary", "Notes", "Source", "Slide", "Previous"} <= outputs.english_words("ru")
    assert outputs.english_in(ru_build, "ru") == {}
    # and the Russian words stand where the English ones stood
    texts = outputs.texts(ru_build)
    assert len(texts) > 15
    assert "Содержание" in texts["pamphlet"] and "Указатель имён" in texts["pamphlet"]
    assert "Часть 1 из 3" in texts["deck"] and "План лекции" in texts["deck"]
    assert "Текст лектора" in texts["script"] and "Итого" in texts["script"]


def test_russian_dates_numbers_and_quotation_marks_in_the_outputs(ru_build):
    pamphlet = outputs.pdf_text(ru_build / "pamphlet.pdf")
    assert "1 марта 1564 г." in " ".join(pamphlet.split())
    assert re.search(r"\b17 апреля 1774\s+г\.", pamphlet)
    assert "«Апостол»" in pamphlet and "„лапки“" in pamphlet
    assert (
        "12 000" in pamphlet
    )  # the chart's value grouped the Russian way, on one line (poppler reads the no-break space as a space)
    assert "12,000" not in pamphlet
    deck = outputs.deck_text(ru_build / "lecture.pptx")
    assert "«Буква, отлитая однажды, служит тысячу раз.»" in deck
    assert re.search(rf"\d{{1,2}} ({MONTHS}) \d{{4}} г\.", outputs.pdf_text(ru_build / "handout.pdf"))


def test_the_registers_are_in_russian_order(ru_build):
    order = ["верстатка", "ёлочки", "линотип", "литография", "тискальщик", "экслибрис", "эпиграф"]
    assert sorted(order) != order  # by code point ё would come last: the collation is doing the work
    glossary = next(p[1] for p in pdfinfo.pages(ru_build / "pamphlet.pdf") if "верстатка" in p[1])
    assert [t for t in sorted(order, key=glossary.index)] == order
    with zipfile.ZipFile(ru_build / "pamphlet.epub") as epub:
        page = epub.read("EPUB/glossary.xhtml").decode()
    assert sorted(order, key=page.index) == order


def test_the_russian_pamphlet_is_hyphenated_by_the_russian_dictionary(ru_build):
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(ru_build / "pamphlet.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    ends = [re.findall(r">([^<]*)</word>", line)[-1] for line in re.findall(r"<line[^>]*>(.*?)</line>", layout, re.S)]
    broken = [w for w in ends if re.fullmatch(r"[а-яё]{2,}-", w)]
    assert len(broken) >= 2, broken
    html = (ru_build / "web" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in html


def test_the_russian_pamphlet_passes_a_compositors_check(ru_build):
    report = layout.check(ru_build / "pamphlet.pdf", layout.compounds(RU), layout.names(RU))
    assert report.counts() == dict.fromkeys(report.counts(), 0), str(report)


def test_a_reference_takes_the_comma_of_its_own_script():
    assert words.comma("ar", "دار المرفأ للاختبار") == "، "
    assert words.comma("ar", "Jonathan M. BloomPaper Before Print") == ", "  # a Latin citation in an Arabic book
    assert words.comma("ar") == "، "
    assert words.comma("ru", "Febvre") == words.comma("ru") == ", "
