"""The reading edition's structure tree (PDF/UA), walked with pikepdf: every figure in it says what it
shows, a chart in the words the EPUB gives it and the cover picture in its alt text; the drawn cover art
is decoration, left out of the tree."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from pamphleteer.content import load
from pamphleteer.render import charts

from .conftest import SMALL

MATCHWOMEN = Path(__file__).resolve().parent / "publications" / "matchwomen"


def _figures(path: Path) -> list[str]:
    """The /Alt of every /Figure in the PDF's structure tree ("" for one without), in reading order."""
    found: list[str] = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == pikepdf.Name.Figure:
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node.K)

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    return found


def _charts(root: Path) -> list[str]:
    """The description of every chart the publication's chapters draw, in its language."""
    book = load(root)
    said = []
    for doc in book.all_chapters():
        for block in doc.chapter.blocks:
            if block.figure is not None:
                said.append(charts.describe(book.series[block.figure.series], book.language))
    return said


@pytest.mark.parametrize("root", [SMALL, MATCHWOMEN], ids=["small", "matchwomen"])
def test_every_figure_of_the_tagged_pdf_has_its_alternative_text(root, build_of):
    figures = _figures(build_of(root) / "pamphlet.pdf")
    assert figures and all(alt.strip() for alt in figures), figures
    described = _charts(root)
    assert described and all(said in figures for said in described), (described, figures)


def test_the_cover_picture_is_described_and_drawn_cover_art_is_left_out(build_of):
    assert _figures(build_of(MATCHWOMEN) / "pamphlet.pdf")[0] == load(MATCHWOMEN).publication.cover.alt
    small = _figures(build_of(SMALL) / "pamphlet.pdf")  # its cover is drawn (an SVG marked aria-hidden)
    assert len(small) == len(_charts(SMALL))
