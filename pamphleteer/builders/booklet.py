"""The booklet, ``pamphlet-booklet.pdf``: the reading edition imposed two-up in fold order.

For saddle stitching on A4 or US Letter (see ``imposition.booklet``), each nested sheet's pages
moved toward the fold by the creep its depth and the paper cause (``Print.creep_mm``). A
perfect-bound pamphlet has none: its pages are glued into a cover (``builders/cover.py``). A leaflet's
booklet is its one A4 sheet (two for 8 pages) to print both sides and fold; a
tri-fold's, the two sides of its A4 sheet, outside then inside (``imposition.trifold``);
a flyer, one flat sheet, has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, Options
from .print_edition import perfect

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book


class Booklet(Builder):
    name = "booklet"
    filename = "pamphlet-booklet.pdf"
    summary = "imposed two-up in fold order: a pamphlet to staple, a leaflet to fold (a flyer has none)"
    needs = ("pamphlet",)
    preflight = ("sheets",)
    aside = True  # the shorter of the two made from the reading edition: the print edition is made here

    def refuses(self, book: Book) -> str:
        if book.publication.form == "flyer":
            return "a flyer is one flat sheet and has no booklet; print pamphlet-print.pdf (target print) double-sided"
        if perfect(book):
            return (
                "a perfect-bound pamphlet is glued into a cover, not folded and stapled: print pamphlet-print.pdf "
                "(target print) and pamphlet-cover.pdf (target cover), or set print: {binding: saddle}"
            )
        return ""

    def reads(self, book: Book) -> Any:
        return {"sheet_mm": book.publication.print.sheet_mm}

    def shaped_by(self, options: Options) -> Any:
        return {"paper": options.paper}

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.pamphlet import imposition
        from pamphleteer.text import cldr  # loaded when this output is built

        rtl = cldr.direction(inputs.book.language) == "rtl"  # bound on the right: folds the other way
        if inputs.book.publication.panels:
            pdf = imposition.trifold(inputs.products["pamphlet"], inputs.options.paper, rtl=rtl)
            progress.step("booklet: the tri-fold's panels on the two sides of its sheet")
            return pdf
        reading = inputs.products["pamphlet"]
        pdf = imposition.booklet(reading, inputs.options.paper, rtl=rtl, creep=inputs.book.publication.print.creep_mm)
        progress.step("booklet: imposed in fold order, creep compensated")
        return pdf
