"""The German test publication (tests/publications/de), every output built: its long compounds
hyphenated at their joints, its partial dates in German, its quotation marks German."""

from __future__ import annotations

import re
import subprocess
import zipfile

from pptx import Presentation

from pamphleteer.text import hyphenation
from tests import layout


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_every_output_is_built(de_build):
    names = {p.name for p in de_build.iterdir()}
    assert {"pamphlet.pdf", "pamphlet-print.pdf", "lecture.pptx", "handout.pdf", "pamphlet.epub", "web"} <= names


def test_partial_dates_print_as_the_german_month_and_year(de_build):
    text = _pdf_text(de_build / "pamphlet.pdf")
    assert "Oktober 1878" in text and "November 1890" in text
    assert not re.search(r"\b1[89]\d\d-\d\d\b", text)  # no ISO date left as written


def test_the_decks_timeline_writes_a_day_with_its_month_as_the_pamphlets_timeline_does(de_build):
    """CLDR's medium German date is all figures ("20.11.1896", beside "Dez. 1896"): the slide abbreviates the
    month the pamphlet's timeline writes out ("20. November 1896")."""
    dates = [
        shape.text_frame.text
        for slide in Presentation(str(de_build / "lecture.pptx")).slides
        for shape in slide.shapes
        if shape.has_text_frame and re.fullmatch(r"[\d. A-Za-zä]*1[89]\d\d", shape.text_frame.text)
    ]
    assert "20. Nov. 1896" in dates and "6. Feb. 1897" in dates and "Dez. 1896" in dates
    assert [d for d in dates if re.fullmatch(r"\d+\.\d+\.\d+", d)] == []  # a bare year is a year
    assert "20. November 1896" in _pdf_text(de_build / "pamphlet.pdf")


def test_compounds_are_hyphenated_and_at_their_joints_where_the_line_allows(de_build):
    broken = [(h, t) for h, t in layout.word_breaks(de_build / "pamphlet.pdf") if h[:1].isupper() and t]
    assert len(broken) >= 5, broken  # nouns break: a capital letter no longer keeps a word whole
    at_joints = [(h, t) for h, t in broken if len(h) in hyphenation.joints(h + t, "de")]
    assert at_joints, broken  # "Hafen-arbeiter", "Reichstags-abgeordneter"


def test_german_quotation_marks_in_every_output(de_build):
    with zipfile.ZipFile(de_build / "pamphlet.epub") as book:
        epub = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    for text in (_pdf_text(de_build / "pamphlet.pdf"), epub):
        assert "„" in text and "“" in text
        assert "”" not in text  # the English closing mark never closes a German quotation


def test_the_german_pamphlet_sets_no_looser_than_the_english(de_build):
    """German nouns are long and capitalised: once they were kept whole as names and 10 of 190 full
    lines (5.3%) ran loose; with compounds broken at their joints and the dictionary's limits ("Wo-chen")
    3 of 190, each before a word a ladder's or a page turn's cure keeps whole; 4 of 189 since the strike
    chart stays above its subheading (it had moved into the next subsection, and the paragraph after it
    set without an indent, "des-halb" fitting its first line). The shipped English pamphlet's limit is
    1%; German, with a fifth of its lines, may have about 2%."""
    report = layout.check(de_build / "pamphlet.pdf")
    assert report.loose_share() <= 0.022, "\n".join(report.loose)
    assert report.lone_words == []


def test_the_index_lists_every_page_a_person_is_named_on_linked_or_not(de_build):
    """Johann Döring is linked once (chapter 1) and named without a link in chapters 2 and 3: the
    index gives every page of the chapters that names him, each once, after a comma."""
    pdf = de_build / "pamphlet.pdf"
    pages = [_pdf_text_page(pdf, n) for n in range(1, _page_count(pdf) + 1)]
    first_register = next(n for n, text in enumerate(pages, start=1) if n > 3 and "ANHANG" in text)
    named = [n for n, text in enumerate(pages[: first_register - 1], start=1) if n > 3 and "Döring" in text]
    entry = re.search(r"Döring, Johann((?:, \d+)+)", _pdf_text(pdf))
    assert entry, "no index entry"
    assert [int(n) for n in entry.group(1).split(", ")[1:]] == named and len(named) >= 3


def _page_count(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _pdf_text_page(pdf, number: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
