"""Running heads and folios drawn over the joined parts, and each page moved to its side."""

from __future__ import annotations

import io
import shutil
import threading
import zlib
from dataclasses import replace
from pathlib import Path

import pikepdf

from pamphleteer import content
from pamphleteer.errors import display_path
from pamphleteer.pamphlet import furniture, join
from pamphleteer.pamphlet.parts import LaidPart, PartPage
from pamphleteer.text import glyphs
from pamphleteer.text.inline import smart
from tests import layout, pdfinfo
from tests.conftest import PUBLICATIONS

PRESS = PUBLICATIONS / "press"

MM = 72 / 25.4


def _part(running: str, *names: str) -> LaidPart:
    return LaidPart("k", b"", tuple(PartPage(n, 0.0) for n in names), {}, frozenset(), running, [], {})


def test_runs_break_at_each_part_and_each_page_name():
    laid = [
        _part("", "cover", "imprint", "front", "front"),
        _part("One", "chapter", "chapter"),
        _part("Two", "chapter"),
    ]
    assert furniture.runs(laid) == [
        furniture.Run("cover", "", 1),
        furniture.Run("imprint", "", 1),
        furniture.Run("front", "", 2),
        furniture.Run("chapter", "One", 2),
        furniture.Run("chapter", "Two", 1),
    ]


def test_text_sits_on_the_inner_margin_of_each_side(small_build: Path):
    """Left pages have their binding margin on the right; a part laid out as if on a recto moved over."""
    pages = pdfinfo.words(small_build / "pamphlet.pdf")
    for number, (_, boxes) in enumerate(pages, 1):
        body = [b for b in boxes if 30 * MM < b[2] < 180 * MM]  # below the head, above the folio
        if number <= 2 or number == len(pages) or not body:  # not the covers or the imprint
            continue
        margin = 17 if number % 2 else 14  # pamphlet.css: 17 mm inside, 14 mm outside
        left = min(x0 for _, x0, _, _, _ in body)
        assert abs(left - margin * MM) < 1, (number, left / MM)


def _without_pagination_artifacts(source: Path, dest: Path) -> None:
    """The PDF as software that skips pagination artifacts (a screen reader, a reflowing reader) takes it:
    every marked-content sequence tagged ``/Artifact <</Type /Pagination>>`` left out."""
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            kept, depth = [], 0  # depth: how deep inside a pagination artifact
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if depth:
                    depth += {"BDC": 1, "BMC": 1, "EMC": -1}.get(name, 0)
                    continue
                if name == "BDC" and operands[0] == "/Artifact" and operands[1].get("/Type") == "/Pagination":
                    depth = 1
                    continue
                kept.append((operands, operator))
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
        pdf.save(dest)


def test_heads_and_folios_are_pagination_artifacts_and_nothing_else_is(small_build: Path, tmp_path: Path):
    source = small_build / "pamphlet.pdf"
    skipped = tmp_path / "skipped.pdf"
    _without_pagination_artifacts(source, skipped)
    shown, read = pdfinfo.pages(source), pdfinfo.pages(skipped)
    assert len(read) == len(shown)
    numbered = [n for n, (_, _, foot, _) in enumerate(shown) if foot.isdigit()]
    assert len(numbered) == 10 and any(shown[n][0] for n in numbered)  # folios, and a running head
    for n in numbered:
        head, _, foot, body = read[n]
        assert (head, foot) == ("", ""), n + 1  # a reader that skips artifacts meets no head, no folio
        assert body == shown[n][3], n + 1  # and the whole text of the page


def test_a_title_too_long_for_the_running_head_is_cut_at_a_word_with_a_warning_naming_short_title(tmp_path):
    pub = tmp_path / "press"
    shutil.copytree(PRESS, pub)
    chapter = pub / "chapters" / "registers.yaml"
    chapter.write_text(
        "".join(ln for ln in chapter.read_text(encoding="utf-8").splitlines(True) if "short_title" not in ln),
        encoding="utf-8",
    )
    book = content.load(pub)
    doc = next(d for d in book.chapters if d.id == "registers")
    head = furniture.running_head(doc)
    title = smart(doc.chapter.title)
    assert head == "Keepers, their families and the long slow end of the kept light on the coasts of the north, as the…"
    assert title.startswith(head[:-1] + " ")  # cut where a word ends
    assert furniture.running_head_width(head) <= furniture.TEXT_BLOCK_PT
    assert [str(p) for p in furniture.head_warnings(book)] == [
        f"{display_path(chapter)}:2:8: title: too long for the running head on one line: set as '{head}'; "
        "give the chapter a short_title (50 characters at most) to choose the words"
    ]
    assert furniture.head_warnings(content.load(PRESS)) == []  # its short_title fits


def test_a_cut_head_drops_the_punctuation_before_its_ellipsis():
    book = content.load(PRESS)
    doc = next(d for d in book.chapters if d.id == "registers")
    long = doc.chapter.model_copy(update={"short_title": None, "title": "Keepers; " + "registers, " * 30})
    head = furniture.running_head(replace(doc, chapter=long))
    assert head.endswith("registers…") and furniture.running_head_width(head) <= furniture.TEXT_BLOCK_PT


def _opener_titles(pdf: Path) -> list[list[tuple[str, ...]]]:
    """Each chapter opener's title as printed, line by line: the lines set large (19 pt: over 20 pt high in
    poppler's boxes) on a page whose first line is its label."""
    pages, _, _ = layout.lines(pdf)
    found = []
    for page in pages:
        if page and page[0].words and page[0].words[0] == "CHAPTER":
            found.append([line.words for line in page[1:] if line.y1 - line.y0 > 20])
    return found


def test_a_chapter_title_on_its_opener_is_set_in_balanced_lines(build_of):
    """No title ends in one word under a long line ("Lamps, lenses and the character of a / light"): the
    lines are as even as the breaks allow, as many as filling them takes."""
    titles = _opener_titles(build_of(PRESS) / "pamphlet.pdf")
    assert len(titles) == 3 and all(len(lines) > 1 for lines in titles)
    assert titles[1] == [("Lamps,", "lenses"), ("and", "the", "character", "of", "a", "light")]
    for lines in titles:
        assert len(lines[-1]) > 1, lines  # no word alone on the last line


def test_an_opener_title_the_display_face_cannot_measure_is_left_to_the_line_breaker():
    assert furniture.opener_title("Lamps, lenses and the character of a light", "en") == (
        "Lamps, lenses",
        "and the character of a light",
    )
    assert furniture.opener_title("الطواحين على الأنهار وطواحين الورق في فاس وشاطبة والأندلس", "ar") == (
        "الطواحين على الأنهار وطواحين الورق في فاس وشاطبة والأندلس",
    )
    assert furniture.opener_title("A short title", "en") == ("A short title",)


def test_an_opener_title_asks_the_fonts_coverage_once_not_once_a_character(monkeypatch):
    asked = []
    coverage = glyphs.coverage
    monkeypatch.setattr(glyphs, "coverage", lambda: asked.append(1) or coverage())
    furniture.opener_title("Lamps, lenses and the character of a light", "en")
    assert len(asked) == 1  # each asks every font file's stamp: 650 asks were 0.15 s of a cold build


def _pages_pdf(*drawings: bytes) -> bytes:
    """A PDF of 200 x 300 pt pages, one drawing each."""
    pdf = pikepdf.new()
    for drawing in drawings:
        pdf.add_blank_page(page_size=(200, 300))
        pdf.pages[-1].obj.Contents = pdf.make_stream(drawing)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_each_pages_drawing_is_compressed_beside_the_join_and_written_before_it_is_saved(monkeypatch):
    # zlib lets go of the interpreter: a page's drawing is compressed in a thread of its own while
    # the join goes on, and every page has its own, compressed, when the PDF is written
    threads: list[str] = []
    deflate = zlib.compress
    monkeypatch.setattr(
        furniture.zlib, "compress", lambda *a: threads.append(threading.current_thread().name) or deflate(*a)
    )
    parts = [
        LaidPart("k", _pages_pdf(b"0 0 10 10 re f"), (PartPage("chapter", 10.0),), {}, frozenset(), "", {}),
        LaidPart("k", _pages_pdf(b"5 5 10 10 re f"), (PartPage("chapter", 10.0),), {}, frozenset(), "", {}),
    ]
    drawing = furniture.Drawing(_pages_pdf(b"1 1 5 5 re S", b"1 1 5 5 re S"), parts, [10.0, 14.0], [True, False])
    try:
        joined = join.join([join.PartPdf(p.pdf, p.borrowed) for p in parts], identity=b"x" * 16, on_pages=drawing)
    finally:
        drawing.close()
    assert threads and all(name.startswith("pamphleteer-deflate") for name in threads)
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        first, second = (page.obj.Contents for page in pdf.pages)
        assert first.Filter == second.Filter == pikepdf.Name.FlateDecode
        assert first.read_bytes() == b"q\n0 0 10 10 re f\nQ\n/Artifact <</Type /Pagination>> BDC q /Furniture1 Do Q EMC"
        assert second.read_bytes() == b"q 1 0 0 1 4 0 cm\n5 5 10 10 re f\nQ"  # moved to its side, nothing drawn
