"""The deck as PDF through LibreOffice: one page a slide, a clear message without it, no folder left behind."""

from __future__ import annotations

import tempfile

import pytest
from pptx import Presentation
from pypdf import PdfReader

from pamphleteer.errors import UsageError
from pamphleteer.lecture import libreoffice


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
