"""The print edition, ``pamphlet-print.pdf``: the reading edition's own pages on a larger sheet.

Trim and bleed boxes, crop marks outside the bleed, declared PDF/X-4 (see
``imposition.print_edition``). Made from the reading edition's bytes, so the two
cannot differ.
"""

from __future__ import annotations

from typing import Any

from pamphleteer import progress

from .base import Builder, Inputs, Options


class PrintEdition(Builder):
    name = "print"
    filename = "pamphlet-print.pdf"
    summary = "the print edition (3 mm bleed, crop marks, PDF/X-4): the pages, or a flyer's two sides"
    needs = ("pamphlet",)
    preflight = ("trim",)

    def shaped_by(self, options: Options) -> Any:
        return {"marks": options.marks}

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.pamphlet import imposition  # loaded when this output is built

        pdf = imposition.print_edition(inputs.products["pamphlet"], marks=inputs.options.marks)
        progress.step("print: the pages set on the print sheet")
        return pdf
