"""The print edition, ``pamphlet-print.pdf``: the reading edition's own pages on a larger sheet.

Trim and bleed boxes, crop marks outside the bleed, declared PDF/X-4 (see
``imposition.print_edition``); a tri-fold's is its flat sheet's two sides, with fold
marks (``imposition.trifold_print``). Made from the reading edition's bytes, so the two
cannot differ.
"""

from __future__ import annotations

from typing import Any

from pamphleteer import progress

from .base import Builder, Inputs, Options


class PrintEdition(Builder):
    name = "print"
    filename = "pamphlet-print.pdf"
    summary = "the print edition (3 mm bleed, crop marks, PDF/X-4): the pages, or a flyer's or tri-fold's two sides"
    needs = ("pamphlet",)
    preflight = ("trim",)

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
        pdf = imposition.print_edition(reading, marks=marks)
        progress.step("print: the pages set on the print sheet")
        return pdf
