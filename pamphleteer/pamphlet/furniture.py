"""Running heads and folios over the pages of a reading edition laid out by parts.

A part is laid out before it is known where it lands (``parts.py``), so its pages carry
neither a head nor a folio, and it was set as if it began on a recto. Here the book's
furniture is laid out once, an empty page for each page of the book (``furniture.html.j2``
with pamphlet.css, so the heads and folios are exactly what its @page rules draw), and:

- each joined page whose side came out other than the part assumed is moved sideways by
  the difference between the two sides' content boxes (the text block is as wide on both
  sides, so nothing else about the page changes), its links with it;
- the furniture page is drawn over it, marked as a pagination artifact, as PDF/UA wants
  running heads and folios to be.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pikepdf

from pamphleteer.content import Book
from pamphleteer.render import typeset, weasy
from pamphleteer.text import glyphs, inline

from . import forms
from .parts import LaidPart, Layouts


@dataclass(frozen=True)
class Run:
    """Consecutive pages of one part under one @page name."""

    name: str
    running: str
    pages: int


def runs(parts: list[LaidPart]) -> list[Run]:
    """The book's pages as runs: a new run at each part and at each change of page name."""
    found: list[Run] = []
    for part in parts:
        start = len(found)
        for page in part.pages:
            if len(found) > start and found[-1].name == page.name:
                found[-1] = Run(page.name, part.running, found[-1].pages + 1)
            else:
                found.append(Run(page.name, part.running, 1))
    return found


def lay_out(
    book: Book, form: forms.Form, parts: list[LaidPart], layouts: Layouts
) -> tuple[bytes, list[float], list[bool]]:
    """The furniture PDF, each page's content-box left edge (points) and whether it has anything drawn.

    Kept with the parts' layouts: an edit that moves no page boundary finds it made.
    """
    source = typeset.html(
        "pamphlet/furniture.html.j2",
        book.language,
        runs=runs(parts),
        title=inline.smart(book.publication.title, book.language),
        lang=book.publication.language,
        form=form,
        fallbacks=glyphs.fallbacks(book),
        book=book,
    )
    return furnish(source, sum(p.page_count for p in parts), layouts)


def furnish(source: str, total: int, layouts: Layouts) -> tuple[bytes, list[float], list[bool]]:
    """The furniture of ``total`` pages laid out from ``source`` with the whole book's stylesheets (not
    parts.css): its PDF, each page's content-box left edge (points) and whether it has anything drawn.
    Kept with the parts' layouts (the lecturer's script's page numbers are made here too)."""

    def make() -> tuple[bytes, dict[str, Any]]:
        laid = typeset.layout(source, layouts.folders, layouts.book_stylesheets)
        pages = laid.document.pages
        if len(pages) != total:
            raise RuntimeError(f"the furniture came out {len(pages)} pages for a document of {total}")
        xs = [frame.x for frame in weasy.frames(laid.document)]
        drawn = [frame.margin_boxes for frame in weasy.frames(laid.document)]
        pdf = typeset.pdf(laid.document, variant=None, identity="furniture", tags=False)
        return pdf, {"xs": xs, "drawn": drawn}

    pdf, found = layouts.made(source, make)
    return pdf, found["xs"], found["drawn"]


class Drawing:
    """Draws each joined page's furniture over it, and moves the page to its side (``join.OnPages``)."""

    def __init__(self, furniture: bytes, parts: list[LaidPart], xs: list[float], drawn: list[bool]) -> None:
        self.source = pikepdf.open(io.BytesIO(furniture))
        self.assumed = [page.x for part in parts for page in part.pages]
        self.xs, self.drawn = xs, drawn

    def __call__(self, pdf: pikepdf.Pdf, pages: list[pikepdf.Page], first: int) -> None:
        for n, page in enumerate(pages, first):
            dx = round(self.xs[n] - self.assumed[n], 4)
            # The page's own drawing is closed in q/Q, so what it leaves set does not reach the
            # furniture; one stream for the page, as WeasyPrint writes it (each more costs bytes).
            before = f"q 1 0 0 1 {dx:g} 0 cm\n".encode() if dx else b"q\n"
            after = b"\nQ"
            if dx:
                _shift(page, dx)
            if self.drawn[n]:
                form = pdf.copy_foreign(self.source.pages[n].as_form_xobject())
                # a name of its own: a part's pages share one resources dictionary; and a fixed one, for same bytes
                name = page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/Furniture{n + 1}"))
                after += b"\n/Artifact <</Type /Pagination>> BDC q " + bytes(name) + b" Do Q EMC"
            page.contents_coalesce()
            page.obj.Contents.write(before + page.obj.Contents.read_bytes() + after)

    def close(self) -> None:
        self.source.close()


def _shift(page: pikepdf.Page, dx: float) -> None:
    """Links move with the page they are on."""
    for annot in page.obj.get("/Annots", []):
        rect = [float(v) for v in annot.Rect]
        annot.Rect = pikepdf.Array([rect[0] + dx, rect[1], rect[2] + dx, rect[3]])
