"""The print edition, ``pamphlet-print.pdf``: the reading edition's own pages on a larger sheet.

Trim and bleed boxes, crop marks outside the bleed, declared PDF/X-4 (see
``imposition.print_edition``); a tri-fold's is its flat sheet's two sides, with fold
marks (``imposition.trifold_print``); a perfect-bound pamphlet's, the block between its cover
sheet's pages (``binding.block_pages``; the cover is ``pamphlet-cover.pdf``). Made from the reading
edition's bytes, so the two cannot differ.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, Options

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book


class PrintEdition(Builder):
    name = "print"
    filename = "pamphlet-print.pdf"
    summary = "the print edition (3 mm bleed, crop marks, PDF/X-4): the pages, or a flyer's or tri-fold's two sides"
    needs = ("pamphlet",)
    preflight = ("trim",)

    def reads(self, book: Book) -> Any:
        return {"perfect": perfect(book)}

    def shaped_by(self, options: Options) -> Any:
        return {"marks": options.marks}

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.pamphlet import imposition  # loaded when this output is built
        from pamphleteer.text import cldr

        reading, marks = inputs.products["pamphlet"], inputs.options.marks
        if inputs.book.publication.panels:  # printed flat, both sides, and folded by the print shop
            rtl = cldr.direction(inputs.book.language) == "rtl"
            pdf = imposition.trifold_print(reading, marks=marks, rtl=rtl)
            progress.step("print: the tri-fold's sheet, both sides, with fold marks")
            return pdf
        if perfect(inputs.book):  # the cover sheet carries the covers and their insides (builders/cover.py)
            from pamphleteer.pamphlet import binding

            pdf = imposition.print_edition(reading, marks=marks, keep=binding.block_pages)
            progress.step("print: the block's pages set on the print sheet (the covers are in pamphlet-cover.pdf)")
            return pdf
        pdf = imposition.print_edition(reading, marks=marks)
        progress.step("print: the pages set on the print sheet")
        return pdf


def perfect(book: Book) -> bool:
    """A perfect-bound pamphlet: its print edition is the block glued into the cover, without the cover."""
    return book.publication.form == "pamphlet" and book.publication.print.binding == "perfect"
