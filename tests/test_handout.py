"""The lecture handout, read back from the PDF."""

from __future__ import annotations

from pypdf import PdfReader

from . import pdfinfo

MM = 72 / 25.4


def test_handout_pages_and_contents(small_build):
    path = small_build / "handout.pdf"
    reader = PdfReader(str(path))
    assert 2 <= len(reader.pages) <= 6
    page = reader.pages[0]
    assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (210, 297)
    text = pdfinfo.text(path)
    for expected in [
        "two wheels",
        "the running machine",
        "the first two-wheeler had no pedals.",
        "notes",
        "timeline",
        "12 june 1817",
        "reading",
        "bicycle: the history",
        "where the pamphlet covers each part",
        "pp. 4–5",
    ]:
        assert expected in text, expected
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_three_frames_a_page_with_lines(small_build):
    first = pdfinfo.pages(small_build / "handout.pdf")[0][1]
    assert first.count("NOTES") == 3


def test_six_frames_without_lines_and_letter_paper(small, run, tmp_path):
    assert (
        run("handout", "--handout-slides", "6", "--paper", "letter", "--content", small, "--output", tmp_path)[0] == 0
    )
    path = tmp_path / "handout.pdf"
    page = PdfReader(str(path)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    assert "NOTES" not in pdfinfo.pages(path)[0][1]
