"""The print edition, ``pamphlet-print.pdf``: the reading edition's own pages on a larger sheet.

Trim and bleed boxes, crop marks outside the bleed, the colours separated in CMYK for the press
condition the ``print`` section's paper names, declared PDF/X-4 or, when ``standard: x1a`` asks,
PDF/X-1a (see ``imposition.print_edition``); a tri-fold's is its flat sheet's two sides, with fold
marks (``imposition.trifold_print``); a perfect-bound pamphlet's, the block between its cover
sheet's pages (``binding.block_pages``; the cover is ``pamphlet-cover.pdf``). Made from the reading
edition's bytes, so the two cannot differ but in colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import dependencies

from .base import Builder, Inputs, Options

if TYPE_CHECKING:  # the model loads only when a build needs it
    from collections.abc import Callable

    from pamphleteer.content import Book
    from pamphleteer.pamphlet import press


class PrintEdition(Builder):
    name = "print"
    filename = "pamphlet-print.pdf"
    summary = "the print edition (3 mm bleed, crop marks, CMYK, PDF/X): the pages, or a flyer's or tri-fold's two sides"
    needs = ("pamphlet",)
    preflight = ("trim",)

    def reads(self, book: Book) -> Any:
        return {
            "print": book.publication.print.model_dump(mode="json", include={"paper", "standard"}),
            "perfect": perfect(book),
        }

    def shaped_by(self, options: Options) -> Any:
        return {"marks": options.marks}

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.pamphlet import binding, imposition  # loaded when this output is built
        from pamphleteer.text import cldr

        book, reading, marks = inputs.book, inputs.products["pamphlet"], inputs.options.marks

        def make(condition: press.Condition, standard: str) -> bytes:
            if book.publication.panels:  # printed flat, both sides, and folded by the print shop
                rtl = cldr.direction(book.language) == "rtl"
                progress.step("print: the tri-fold's sheet, both sides, with fold marks")
                return imposition.trifold_print(reading, marks=marks, rtl=rtl, condition=condition, standard=standard)
            # a perfect-bound block: the cover sheet carries the covers and their insides (builders/cover.py)
            keep = binding.block_pages if perfect(book) else None
            what = "the block's pages (the covers are in pamphlet-cover.pdf)" if keep else "the pages"
            progress.step(f"print: {what} set on the print sheet")
            return imposition.print_edition(reading, marks=marks, condition=condition, standard=standard, keep=keep)

        return for_press(book, make)


def perfect(book: Book) -> bool:
    """A perfect-bound pamphlet: its print edition is the block glued into the cover, without the cover."""
    return book.publication.form == "pamphlet" and book.publication.print.binding == "perfect"


def for_press(book: Book, make: Callable[[press.Condition, str], bytes]) -> bytes:
    """What ``make`` sets for the press condition and PDF/X standard the ``print`` section names (the print
    edition, a perfect-bound cover); PDF/X-1a asked of pages it cannot hold is the author's error there."""
    from pamphleteer.pamphlet import press, separation

    settings = book.publication.print
    condition = press.condition(settings.paper)
    dependencies.record(condition.path)
    try:
        pdf = make(condition, settings.standard)
    except separation.Unflattenable as exc:
        message = f"{exc}; 'standard: x4' keeps it"
        located = book.located
        where = located.problem(("print", "standard"), message) if located else Problem(None, message=message)
        raise BuildError([where]) from exc
    standard = "PDF/X-1a" if settings.standard == "x1a" else "PDF/X-4"
    progress.step(f"print: in CMYK for {condition.identifier}, {standard}")
    return pdf
