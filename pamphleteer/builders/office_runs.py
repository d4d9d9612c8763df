"""Office runs: ``handout-2up.pdf``, and a leaflet's or flyer's ``pamphlet-2up.pdf`` and ``pamphlet-4up.pdf``.

Each side of the sheet carries 2 or 4 copies of one page, with cut marks (``pamphlet/nup.py``): a
hundred handouts on fifty sheets. Built only when named (``pamphleteer handout-2up``): one copy is
printed from the plain outputs, and a run needs choosing. What is repeated is what is printed: the
handout's pages; a flyer's two sides; a leaflet's folded sheet (its booklet's sides), to cut and then
fold. A pamphlet is bound, not cut: it has none. An n-up whose pages would shrink under
:data:`SMALLEST` (text under about 6 pt) is refused: the A4 handout 4-up, a leaflet 4-up, an A4 flyer's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, Options

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book

SMALLEST = 0.6  # the least scale a page is repeated at: 9 pt text prints at 5.4 pt


class Handout2Up(Builder):
    name = "handout-2up"
    filename = "handout-2up.pdf"
    summary = "the handout 2-up (each page twice a side, cut marks) for an office run; only when named"
    needs = ("handout",)
    optional = True

    def shaped_by(self, options: Options) -> Any:
        return {"paper": options.paper}

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.pamphlet import nup  # loaded when this output is built

        pdf = nup.repeat(inputs.products["handout"], 2, inputs.options.paper)
        progress.step("handout-2up: each page twice a side")
        return pdf


class ShortFormUp(Builder):
    """A leaflet's or flyer's printed sheet, ``n`` up."""

    needs = ("pamphlet",)
    optional = True
    n: int

    def refuses(self, book: Book) -> str:
        p = book.publication
        if p.form == "pamphlet":
            return "a pamphlet is bound, not cut from a run: print pamphlet-booklet.pdf or pamphlet-print.pdf"
        from pamphleteer.pamphlet import imposition, nup  # loaded when asked

        # what is repeated: a leaflet's A4 sheet, or a flyer's page (A4, or A5: half of it)
        a4 = imposition.PAPERS["a4"]
        size = (a4[1], a4[0] / 2) if p.form == "flyer" and (p.sheet or "a5") == "a5" else a4
        if nup.grid(size, self.n)[3] < SMALLEST:
            what = "a leaflet's sheet" if p.form == "leaflet" else "an A4 flyer"
            return f"{what} {self.n} to an A4 sheet prints at under {SMALLEST:.0%} of its size; choose pamphlet-2up"
        return ""

    def shaped_by(self, options: Options) -> Any:
        return {"paper": options.paper}

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.pamphlet import imposition, nup  # loaded when this output is built
        from pamphleteer.text import cldr

        book, sheet = inputs.book, inputs.products["pamphlet"]
        if book.publication.form == "leaflet":  # the sheet as folded: its booklet's (or tri-fold's) sides
            rtl = cldr.direction(book.language) == "rtl"
            impose = imposition.trifold if book.publication.panels else imposition.booklet
            sheet = impose(sheet, "a4", rtl=rtl)
        pdf = nup.repeat(sheet, self.n, inputs.options.paper)
        progress.step(f"{self.name}: each side {self.n} times")
        return pdf


class Short2Up(ShortFormUp):
    name = "pamphlet-2up"
    filename = "pamphlet-2up.pdf"
    summary = "a leaflet's or flyer's sheet 2-up with cut marks, for an office run; only when named"
    n = 2


class Short4Up(ShortFormUp):
    name = "pamphlet-4up"
    filename = "pamphlet-4up.pdf"
    summary = "an A5 flyer 4-up with cut marks, for an office run; only when named"
    n = 4
