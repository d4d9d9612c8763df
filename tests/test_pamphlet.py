"""The reading edition, read back from the PDF: the specification of issue 4 as tests."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from pamphleteer import content
from pamphleteer.inline import smart

from . import pdfinfo
from .conftest import CONTENT, SMALL

BUILDS = [("small_build", SMALL), ("main_build", CONTENT)]


@pytest.fixture(params=BUILDS, ids=["small", "main"])
def edition(request):
    """(path of pamphlet.pdf, the book it was built from)."""
    fixture, root = request.param
    out = request.getfixturevalue(fixture)
    return out / "pamphlet.pdf", content.load(root)


def test_pages_are_a5_and_a_multiple_of_four(edition):
    path, _ = edition
    reader = PdfReader(str(path))
    assert len(reader.pages) % 4 == 0
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == pdfinfo.A5


def test_a_bookmark_for_every_chapter_and_appendix(edition):
    path, book = edition
    titles = [t for t, _ in pdfinfo.bookmarks(path)]
    expected = ["Contents"]
    for doc in book.chapters:
        expected.append(smart(doc.chapter.title) if doc.chapter.label else f"{doc.number}. {smart(doc.chapter.title)}")
    names = {
        "people": "Who’s who",
        "timeline": "Timeline",
        "glossary": "Glossary",
        "sources": "Sources and further reading",
        "index": "Index of names",
    }
    for item in book.back_matter:
        expected.append(names[item] if isinstance(item, str) else smart(item.chapter.title))
    assert titles == expected


def test_contents_numbers_are_the_folios_where_chapters_start(edition):
    path, book = edition
    marks = {k: v for k, v in pdfinfo.bookmarks(path) if k != "Contents"}
    checked = 0
    for doc in book.chapters:
        title = smart(doc.chapter.title)
        key = title if doc.chapter.label else f"{doc.number}. {title}"
        page = marks[key]
        assert pdfinfo.contents_number(path, title, 3, min(marks.values()) - 1) == page, title
        assert pdfinfo.folio(path, page) == str(page)
        assert title.split()[0] in pdfinfo.pages(path)[page - 1][1]
        checked += 1
    assert checked == len(book.chapters)


def test_running_heads_name_the_chapter_on_right_pages_and_the_book_on_left(edition):
    path, book = edition
    marks = pdfinfo.bookmarks(path)
    starts = {page: title for title, page in marks}
    pages = pdfinfo.pages(path)
    title_of = {
        smart(d.chapter.title) if d.chapter.label else f"{d.number}. {smart(d.chapter.title)}": d for d in book.chapters
    }
    seen = 0
    for (mark, start), (_, end) in zip(marks, [*marks[1:], ("", len(pages) + 1)], strict=True):
        doc = title_of.get(mark)
        if doc is None:
            continue
        for number in range(start + 1, end):
            head = pages[number - 1][0]
            if number in starts or not pages[number - 1][1].strip():
                continue
            expected = smart(doc.running_head) if number % 2 else smart(book.publication.title)
            assert expected in head, (number, head)
            seen += 1
        assert pages[start - 1][0] == "", f"opener page {start} carries a running head"
    assert seen > 0


def test_cover_and_openers_have_no_folio(edition):
    path, _ = edition
    assert pdfinfo.folio(path, 1) == ""
    assert pdfinfo.pages(path)[0][0] == ""


def test_index_entries_point_at_pages_that_name_the_person(edition):
    path, book = edition
    marks = dict(pdfinfo.bookmarks(path))
    start = marks["Index of names"]
    index_text = pdfinfo.columns(path, start)
    checked = 0
    for person in book.people.values():
        label = smart(person.index_as or person.name)
        match = re.search(re.escape(label) + r"((?:\s*,?\s*\d+)+)", index_text)
        if not match:
            continue
        surname = label.split(",")[0].split()[-1]
        for number in re.findall(r"\d+", match.group(1)):
            page_text = pdfinfo.normalise(pdfinfo.pages(path)[int(number) - 1][1])
            assert surname.casefold() in page_text, (label, number)
            checked += 1
    assert checked >= 3


def test_fonts_are_ours_embedded_and_subset(edition):
    path, _ = edition
    reader = PdfReader(str(path))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            fonts.add(name.split("+")[-1])
            assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not subset"
            target = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = target["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
    # PT Serif and PT Sans, and the bundled Noto subsets the template names "Fallback ..."
    assert fonts and all(f.startswith(("PT-Serif", "PT-Sans", "Fallback-")) for f in fonts), fonts


def test_tagged_with_metadata_and_language(edition):
    path, book = edition
    reader = PdfReader(str(path))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == book.publication.language
    meta = reader.metadata
    assert meta.title.startswith(book.publication.title)
    assert meta.author == ", ".join(book.publication.authors)
    assert meta.subject == book.publication.description
    assert meta["/Keywords"] == ", ".join(book.publication.keywords)


def test_qpdf_finds_nothing_wrong(edition):
    path, _ = edition
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_block_kind_reaches_the_page(small_build):
    text = pdfinfo.text(small_build / "pamphlet.pdf")
    for expected in [
        "rode a wooden draisine",
        "no pedals",
        "i rode from mannheim",
        "— karl drais, 1817",
        "front wheel diameter",
        "wooden frame",
        "speed came at the price",
        "machines compared",
        "from running machine to safety",
        "chain drive",
        "the ride took under an hour",
        "see the first chapter (p. 4)",
        "laufmaschine",
        "bicycle: the history",
    ]:
        assert expected in text, expected


def test_no_word_runs_into_the_margin(edition):
    """Every word on a text page sits inside its text block: long words and URLs break, figures fit.

    Justified lines may end a fraction of a point past the block (WeasyPrint's rounding), so
    the bound allows 2 pt (0.7 mm); an overfull line or a runaway URL overshoots by far more."""
    path, _ = edition
    width, mm = pdfinfo.A5[0], 72 / 25.4
    pages = pdfinfo.word_boxes(path)
    outside = []
    for number, words in enumerate(pages[1:-1], start=2):  # covers run to the edge by design
        inner, outer = 17 * mm, 14 * mm
        left, right = (outer, width - inner) if number % 2 == 0 else (inner, width - outer)
        outside += [(number, word, round(x0), round(x1)) for word, x0, x1 in words if x0 < left - 2 or x1 > right + 2]
    assert outside == []


def test_acronyms_are_marked_for_small_capitals():
    """Runs of two or more capitals become <abbr>, which the stylesheet sets with the font's c2sc."""
    from pamphleteer import locations, typeset

    template = typeset.environment("en").from_string(
        '{% import "pamphlet/_blocks.html.j2" as m %}{{ m.text("The USSR and the *NEP* of <b>1921</b>, I think") }}'
    )
    assert template.render() == (
        "The <abbr>USSR</abbr> and the <em><abbr>NEP</abbr></em> of &lt;b&gt;1921&lt;/b&gt;, I think"
    )
    css = (locations.templates_dir() / "pamphlet" / "pamphlet.css").read_text(encoding="utf-8")
    assert 'p abbr, li abbr, dd abbr, td abbr, figcaption abbr, blockquote abbr { font-feature-settings: "c2sc";' in css
