"""The Arabic test publication, built once: every output reads right to left, read back from the files."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from pamphleteer.infra.locations import templates_dir
from pamphleteer.lecture import libreoffice
from pamphleteer.pamphlet import imposition

from . import epubinfo, layout, outputs, pdfinfo

ARABIC = Path(__file__).resolve().parent / "publications" / "ar"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(build_of) -> Path:
    """Every output of the Arabic test publication, built once."""
    return build_of(ARABIC)


def _lines(boxes: list[tuple[str, float, float, float, float]]) -> list[list[tuple[str, float, float, float, float]]]:
    """Words grouped into lines by their baseline (poppler gives Arabic words in drawing order, letters reversed)."""
    lines: dict[int, list] = {}
    for box in boxes:
        lines.setdefault(round(box[4]), []).append(box)
    return [lines[y] for y in sorted(lines)]


def _logical(word: str) -> str:
    return word[::-1]


def test_a_paragraphs_first_word_starts_at_the_right_edge_of_the_text_block(built):
    (_, height), boxes = pdfinfo.words(built / "pamphlet.pdf")[3]  # page 4: chapter 1 opens
    body = [b for b in boxes if 30 * MM < b[2] < height - 25 * MM]
    right_edge = max(b[3] for b in body)
    line = next(line for line in _lines(body) if any(_logical(w[0]) == "كتب" for w in line))
    first = next(w for w in line if _logical(w[0]) == "كتب")  # "كتب الناس قبل الورق..."
    second = next(w for w in line if _logical(w[0]) == "الناس")
    assert first[3] == max(w[3] for w in line)  # the first word is the rightmost of its line
    assert abs(first[3] - right_edge) < 1.0  # and starts at the text block's right edge
    assert second[3] < first[1]  # the second word follows to its left
    assert min(w[1] for w in line) > 15 * MM  # the line runs leftwards within the margin


def test_a_latin_name_keeps_its_order_inside_arabic_text(built):
    # chapter 1's last paragraph names him: on page 4, or on 5 where it goes over with the list ending the chapter
    pages = pdfinfo.words(built / "pamphlet.pdf")
    at = next(n for n in (3, 4) if any(w[0] == "Dard" for w in pages[n][1]))
    text = subprocess.run(
        ["pdftotext", "-f", str(at + 1), "-l", str(at + 1), str(built / "pamphlet.pdf"), "-"],
        capture_output=True,
        text=True,
    ).stdout
    assert "Dard Hunter" in text and "Hunter Dard" not in text
    words = {w[0]: w for w in pages[at][1]}
    assert words["Dard"][3] < words["Hunter"][1]  # left to right within the rtl line


def test_folios_sit_on_the_outer_edge_of_a_book_bound_on_the_right(built):
    pages = pdfinfo.words(built / "pamphlet.pdf")
    for number in (3, 4, 5, 6):
        (width, height), boxes = pages[number - 1]
        folio = [b for b in boxes if b[2] > height - 18 * MM and b[0] == str(number)]
        assert len(folio) == 1, number
        # an rtl book's first page is a left-hand page: odd pages are on the left, their folio at the left edge
        if number % 2:
            assert folio[0][3] < width / 2, number
        else:
            assert folio[0][1] > width / 2, number


def test_the_recto_carries_the_chapters_head_and_the_verso_the_books(built):
    pages = pdfinfo.words(built / "pamphlet.pdf")
    (width, _), boxes = pages[4]  # page 5, a left-hand page in chapter 1
    head = [b for b in boxes if b[4] < 16 * MM]
    assert [_logical(b[0]) for b in head] == ["سمرقند"] and head[0][3] < width / 2


def test_the_booklet_folds_for_a_right_hand_binding(built):
    n = len(pdfinfo.words(built / "pamphlet.pdf"))
    assert n % 4 == 0
    with pdfplumber.open(str(built / "pamphlet-booklet.pdf")) as pdf:
        assert len(pdf.pages) == n // 2
    sides = pdfinfo.words(built / "pamphlet-booklet.pdf")
    (width, _), boxes = sides[0]
    cover = [b for b in boxes if _logical(b[0]) == "رحلة" and b[4] - b[2] > 40]  # the cover's large title (33 pt)
    assert len(cover) == 1 and cover[0][3] < width / 2  # page 1 left of the fold
    assert imposition.fold_order(n, rtl=True)[0] == (1, n)


def test_the_pamphlet_embeds_the_arabic_faces_and_no_others(built):
    fonts = subprocess.run(["pdffonts", str(built / "pamphlet.pdf")], capture_output=True, text=True).stdout
    assert "Fallback-Arabic" in fonts and "Fallback-Arabic-Bold" in fonts
    assert "Hebrew" not in fonts and "Greek" not in fonts and "DejaVu" not in fonts


def test_every_paragraph_of_the_deck_reads_right_to_left(built):
    prs = Presentation(str(built / "lecture.pptx"))
    assert prs.core_properties.language == "ar"
    seen = 0
    for slide in prs.slides:
        numbers = [
            sh._element for sh in slide.placeholders if sh.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
        ]
        for para in slide._element.iter(qn("a:p")):
            if not "".join(para.itertext()).strip():
                continue
            ppr = para.find(qn("a:pPr"))
            assert ppr is not None and ppr.get("rtl") == "1"
            # the slide number, mirrored to the left, is set from there
            assert ppr.get("algn") in (("l",) if any(para in n.iter() for n in numbers) else ("r", "ctr"))
            for run in para.iter(qn("a:rPr")):
                assert run.get("lang") == "ar"
                assert run.find(qn("a:cs")).get("typeface") == "Noto Sans Arabic"
            seen += 1
        for para in slide.notes_slide.notes_text_frame.paragraphs:
            assert para._p.find(qn("a:pPr")).get("rtl") == "1"
    assert seen > 30


def test_the_decks_body_text_is_aligned_right(built):
    prs = Presentation(str(built / "lecture.pptx"))
    points = next(s for s in prs.slides if s.shapes.title and s.shapes.title.text == "مادة من الخرق")
    body = next(sh for sh in points.placeholders if sh.placeholder_format.idx == 1)
    assert [p._p.find(qn("a:pPr")).get("algn") for p in body.text_frame.paragraphs] == ["r", "r", "r"]


def test_the_decks_table_runs_its_columns_from_the_right(built):
    prs = Presentation(str(built / "lecture.pptx"))
    table = next(sh.table for s in prs.slides for sh in s.shapes if sh.has_table)
    assert [table.cell(0, k).text for k in range(3)] == ["الثمن", "الأصل", "المادة"]
    assert [table.cell(1, k).text for k in range(3)] == ["متوسط", "مصر", "البردي"]


def test_the_decks_chart_and_timeline_run_from_the_right(built):
    prs = Presentation(str(built / "lecture.pptx"))
    chart = next(sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart)
    orientation = chart._chartSpace.find(".//" + qn("c:catAx") + "/" + qn("c:scaling") + "/" + qn("c:orientation"))
    assert orientation.get("val") == "maxMin"
    timeline = next(s for s in prs.slides if s.shapes.title and s.shapes.title.text == "من الشرق إلى الغرب")
    dates = {sh.text_frame.text: sh.left for sh in timeline.shapes if sh.has_text_frame and not sh.is_placeholder}
    assert dates["751"] > dates["794"] > dates["1050"]


def test_the_pamphlets_chart_runs_from_the_right_as_the_decks_does(built):
    """The column chart of page 4 (papyrus 12, parchment 30, paper 4) read back from the PDF: its first
    column the rightmost, its value axis' numbers at the right of the plot, as on the slide."""
    with pdfplumber.open(built / "pamphlet.pdf") as pdf:
        page = pdf.pages[3]
        columns = sorted((r for r in page.rects if r["width"] < 60 and r["height"] > 5), key=lambda r: -r["x0"])
        axis = [w for w in page.extract_words() if w["text"] in ("0", "25")]
    heights = [c["height"] for c in columns]
    assert len(heights) == 3 and heights[0] / heights[1] == pytest.approx(12 / 30, abs=0.01)
    assert heights[2] / heights[1] == pytest.approx(4 / 30, abs=0.01)
    assert len(axis) == 2 and min(w["x0"] for w in axis) > columns[0]["x1"]


def test_a_sources_entry_hangs_from_the_right_inside_the_text_block(built):
    """Its first line starts at the block's right edge, its second 4 mm in; no line runs out on the left (WeasyPrint
    widened a right-to-left first line by a negative text-indent without moving it right: 6.7 pt out)."""
    assert layout.check(built / "pamphlet.pdf").outside == []
    pages, _, _ = layout.lines(built / "pamphlet.pdf")
    page = next(p for p in pages if any("Hunter," in line.words for line in p))
    entry = [line for line in page if "Hunter," in line.words]
    after = page[page.index(entry[0]) + 1]
    heading = page[page.index(entry[0]) - 1]
    assert abs(entry[0].x1 - heading.x1) < 0.5 and abs(entry[0].x1 - after.x1 - 4 * MM) < 0.5


def test_the_decks_footer_and_slide_number_change_sides(built):
    prs = Presentation(str(built / "lecture.pptx"))
    width = prs.slide_width
    for slide in prs.slides:
        furniture = {
            sh.placeholder_format.type: sh for sh in slide.placeholders if sh.placeholder_format.idx in (11, 12)
        }
        number = furniture.get(PP_PLACEHOLDER.SLIDE_NUMBER)  # none on the title slide
        if number is not None:
            assert number.left + number.width < width / 4  # at the left
            assert {p._p.find(qn("a:pPr")).get("algn") for p in number.text_frame.paragraphs} == {"l"}
        footer = furniture.get(PP_PLACEHOLDER.FOOTER)
        if footer is not None:
            assert footer.left + footer.width > width * 0.9  # at the right
            assert number is None or footer.left > number.left + number.width
            assert {p._p.find(qn("a:pPr")).get("algn") for p in footer.text_frame.paragraphs} == {"r"}


def test_the_decks_references_take_the_comma_of_their_script(built):
    """An Arabic reference takes the Arabic comma; a Latin citation, a left-to-right run of its own, the Latin."""
    prs = Presentation(str(built / "lecture.pptx"))
    closing = "\n".join(sh.text_frame.text for sh in prs.slides[-1].placeholders if sh.has_text_frame)
    assert "Bloom, Paper Before Print" in closing and "(دار المرفأ للاختبار، 2025)" in closing
    assert re.search(r"[A-Za-z]،", closing) is None


def test_a_latin_citation_keeps_the_latin_comma_in_every_output(built):
    """A Latin citation reads "Jonathan M. Bloom, Paper Before Print (Yale University Press, 2001)", no Arabic comma
    hung on a Latin word, in the pamphlet's sources, the handout's reading list, the web's and the e-book's."""
    texts = {name: " ".join(text.split()) for name, text in outputs.texts(built).items()}
    for name in ("pamphlet", "handout", "web/sources.html", "EPUB/sources.xhtml"):
        assert "Bloom, Paper Before Print" in texts[name], name
    for name in ("pamphlet", "web/sources.html", "EPUB/sources.xhtml"):
        assert "Press, 2001" in texts[name] and "Dard Hunter, Papermaking" in texts[name], name
    # (a Latin name inside Arabic prose takes the Arabic comma after it: "من تصميم ParaType، مضمَّنين")
    assert {name for name, text in texts.items() if re.search("(Bloom|Hunter|Press)،", text)} == set()


def test_the_deck_pdf_draws_arabic_in_the_face_the_deck_names(built, tmp_path):
    pdf = tmp_path / "lecture.pdf"
    pdf.write_bytes(libreoffice.convert((built / "lecture.pptx").read_bytes()))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansArabic-Regular" in fonts and "NotoSansArabic-Bold" in fonts


def test_the_epub_turns_its_pages_right_to_left(built):
    with zipfile.ZipFile(built / "pamphlet.epub") as z:
        opf = etree.fromstring(z.read("EPUB/package.opf"))
        spine = opf.find("{http://www.idpf.org/2007/opf}spine")
        assert spine.get("page-progression-direction") == "rtl"
        documents = [n for n in z.namelist() if n.endswith(".xhtml")]
        assert len(documents) > 5
        for name in documents:
            root = etree.fromstring(z.read(name))
            assert (root.get("dir"), root.get("lang")) == ("rtl", "ar"), name


def test_the_epub_passes_epubcheck(built):
    done = epubinfo.check(built / "pamphlet.epub")
    assert epubinfo.CLEAN in done.stdout, done.stdout + done.stderr


def test_every_web_page_is_right_to_left(built):
    pages = sorted((built / "web").glob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="ar" dir="rtl">', html), page.name
        assert html.index('href="style.css"') < html.index('href="rtl.css"'), page.name  # the mirrored rules win
    assert (built / "web" / "rtl.css").read_bytes() == (templates_dir() / "web" / "rtl.css").read_bytes()


def test_the_handout_reads_right_to_left(built):
    (width, height), boxes = pdfinfo.words(built / "handout.pdf")[0]
    title = [b for b in boxes if _logical(b[0]) in ("رحلة", "الورق") and b[4] - b[2] > 20]  # the 17 pt title
    assert len(title) == 2
    first = max(title, key=lambda b: b[3])
    assert _logical(first[0]) == "رحلة" and abs(first[3] - (width - 15 * MM)) < 1.5  # from the right margin
    folio = [b for b in boxes if b[2] > height - 16 * MM]
    assert folio and max(b[3] for b in folio) < width / 2  # page number at the left
    fonts = subprocess.run(["pdffonts", str(built / "handout.pdf")], capture_output=True, text=True).stdout
    assert "Fallback-Arabic" in fonts and "DejaVu" not in fonts


def test_no_english_word_the_tool_adds_appears_in_any_arabic_output(built):
    # (the publication's own Latin words, a name and the titles of English sources, do not count)
    assert outputs.english_in(built, "ar", ARABIC) == {}
    texts = outputs.texts(built)
    assert "المحتويات" in texts["pamphlet"]
