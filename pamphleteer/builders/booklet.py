"""The booklet, ``pamphlet-booklet.pdf``: the reading edition imposed two-up in fold order.

For saddle stitching on A4 or US Letter (see ``imposition.booklet``). A leaflet's
booklet is its one A4 sheet (two for 8 pages) to print both sides and fold; a
tri-fold's, the two sides of its A4 sheet, outside then inside (``imposition.trifold``);
a flyer, one flat sheet, has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, Options

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book


class Booklet(Builder):
    name = "booklet"
    filename = "pamphlet-booklet.pdf"
    summary = "imposed two-up in fold order: a pamphlet to staple, a leaflet to fold (a flyer has none)"
    needs = ("pamphlet",)
    preflight = ("sheets",)

    def refuses(self, book: Book) -> str:
        if book.publication.form == "flyer":
            return "a flyer is one flat sheet and has no booklet; print pamphlet-print.pdf (target print) double-sided"
        return ""

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
        pdf = imposition.booklet(inputs.products["pamphlet"], inputs.options.paper, rtl=rtl)
        progress.step("booklet: imposed in fold order")
        return pdf
