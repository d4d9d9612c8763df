"""The print edition, ``pamphlet-print.pdf``: the reading edition's own pages on a larger sheet.

Trim and bleed boxes, crop marks outside the bleed, the colours separated in CMYK for the press
condition the ``print`` section's paper names, declared PDF/X-4 or, when ``standard: x1a`` asks,
PDF/X-1a (see ``imposition.print_edition``); a tri-fold's is its flat sheet's two sides, with fold
marks (``imposition.trifold_print``). Made from the reading edition's bytes, so the two
cannot differ but in colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import dependencies

from .base import Builder, Inputs, Options

if TYPE_CHECKING:
    from pamphleteer.content import Book


class PrintEdition(Builder):
    name = "print"
    filename = "pamphlet-print.pdf"
    summary = "the print edition (3 mm bleed, crop marks, CMYK, PDF/X): the pages, or a flyer's or tri-fold's two sides"
    needs = ("pamphlet",)
    preflight = ("trim",)

    def reads(self, book: Book) -> Any:
        return {"print": book.publication.print.model_dump(mode="json", include={"paper", "standard"})}

    def shaped_by(self, options: Options) -> Any:
        return {"marks": options.marks}

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.pamphlet import imposition, press, separation  # loaded when this output is built
        from pamphleteer.text import cldr

        book, reading, marks = inputs.book, inputs.products["pamphlet"], inputs.options.marks
        settings = book.publication.print
        condition = press.condition(settings.paper)
        dependencies.record(condition.path)
        made = f"in CMYK for {condition.identifier}, {'PDF/X-1a' if settings.standard == 'x1a' else 'PDF/X-4'}"
        try:
            if book.publication.panels:  # printed flat, both sides, and folded by the print shop
                rtl = cldr.direction(book.language) == "rtl"
                pdf = imposition.trifold_print(
                    reading, marks=marks, rtl=rtl, condition=condition, standard=settings.standard
                )
                progress.step(f"print: the tri-fold's sheet, both sides, with fold marks, {made}")
                return pdf
            pdf = imposition.print_edition(reading, marks=marks, condition=condition, standard=settings.standard)
        except separation.Unflattenable as exc:  # PDF/X-1a asked of pages it cannot hold
            message = f"{exc}; 'standard: x4' keeps it"
            located = book.located
            where = located.problem(("print", "standard"), message) if located else Problem(None, message=message)
            raise BuildError([where]) from exc
        progress.step(f"print: the pages set on the print sheet, {made}")
        return pdf
