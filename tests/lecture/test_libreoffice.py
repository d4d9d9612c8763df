"""The deck as PDF through LibreOffice: one page a slide, a clear message without it, no folder left behind."""

from __future__ import annotations

import subprocess
import tempfile

import pytest
from pptx import Presentation
from pypdf import PdfReader

from pamphleteer.errors import UsageError
from pamphleteer.lecture import drawing, fitting, libreoffice
from pamphleteer.text import measure


def test_the_deck_pdf_has_a_page_for_every_slide(small_build, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # to see what the conversion leaves behind
    pptx = (small_build / "lecture.pptx").read_bytes()
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(libreoffice.convert(pptx))
    slides = Presentation(str(small_build / "lecture.pptx")).slides
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == len(slides)
    assert "Two Wheels" in reader.pages[0].extract_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pdf"]


def test_without_libreoffice_the_message_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(UsageError) as caught:
        libreoffice.convert(b"PK")
    assert str(caught.value) == (
        "the deck PDF is drawn by LibreOffice, and 'soffice' is not on the PATH; install LibreOffice "
        "(https://www.libreoffice.org/download/, or 'apt-get install libreoffice-impress', "
        "or 'brew install --cask libreoffice') and make sure 'soffice' runs from a terminal"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_file_libreoffice_cannot_read_is_a_usage_error_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(UsageError, match="LibreOffice could not draw the deck as PDF"):
        libreoffice.convert(b"not a presentation")
    assert list(tmp_path.iterdir()) == []


def test_libreoffice_draws_ranges_whole_and_the_subtitle_and_points_in_balanced_lines(small, run, tmp_path):
    """Read back from the deck as LibreOffice draws it: no line ends at the dash of a range of years (the
    typographic stage keeps it whole, and the deck holds it with a word joiner), and the title slide's
    subtitle, which filling would set as a long line and the one word "together", comes in even lines; so
    does a point that filling would end with "unaided" alone, in as many lines and at the size of its slide."""
    publication = small / "publication.yaml"
    subtitle = "Why the tenants of the road are meeting, and what we can do together"
    publication.write_text(publication.read_text(encoding="utf-8").replace("A lecture on the bicycle", subtitle))
    chapter = small / "chapters" / "draisine.yaml"
    ranges = " and ".join(f"{year}–{year + 1}" for year in range(1817, 1841, 2))
    point = "Pushed along by the feet of a rider who sat on a beam unaided"
    text = chapter.read_text(encoding="utf-8").replace("Built in 1817 by Karl Drais", f"Built {ranges}")
    chapter.write_text(text.replace("Pushed along by the feet,", f"{point},"), encoding="utf-8")
    prs, layouts = drawing.open_master()
    box = drawing.boxes(prs, layouts)["points"][1]
    usable = (box.w - 2 * fitting.INSET_X - fitting.BULLET) * fitting.SAFETY
    assert measure.lines(point, box.face, box.size, usable)[-1] == "unaided"  # as filling would set it
    out = tmp_path / "out"
    assert run("deck", "--content", small, "--output", out)[0] == 0
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(libreoffice.convert((out / "lecture.pptx").read_bytes()))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    lines = [line.strip() for page in pages for line in page.splitlines() if line.strip()]
    assert any("1839–1840" in line for line in lines)
    assert [line for line in lines if line.endswith("–")] == []
    said = [line for line in pages[0].splitlines() if line.strip()]
    subtitle_lines = [line.strip() for line in said if any(w in line for w in ("tenants", "together"))]
    assert len(subtitle_lines) == 2 and all(len(line.split()) >= 4 for line in subtitle_lines), subtitle_lines
    shown = [line.strip() for page in pages for line in page.splitlines() if "rider" in line or "unaided" in line]
    assert len(shown) == 2 and all(len(line.split()) >= 4 for line in shown), shown
    (frame,) = [
        shape.text_frame
        for slide in Presentation(str(out / "lecture.pptx")).slides
        for shape in slide.shapes
        if shape.has_text_frame and point in " ".join(shape.text_frame.text.split())
    ]
    assert {run.font.size.pt for p in frame.paragraphs for run in p.runs} == {box.size}  # not shrunk to balance
