"""Running heads and folios drawn over the joined parts, and each page moved to its side."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from pamphleteer.pamphlet import furniture
from pamphleteer.pamphlet.parts import LaidPart, PartPage
from tests import pdfinfo

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


def test_heads_and_folios_are_pagination_artifacts(small_build: Path):
    with pikepdf.open(small_build / "pamphlet.pdf") as pdf:
        page = pdf.pages[4]
        streams = page.obj.Contents if isinstance(page.obj.Contents, pikepdf.Array) else [page.obj.Contents]
        drawn = b"".join(s.read_bytes() for s in streams)
        assert b"/Artifact <</Type /Pagination>> BDC" in drawn
        assert any(str(name).startswith("/Furn") for name in page.Resources.XObject)
