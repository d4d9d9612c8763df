"""The reading edition, ``pamphlet.pdf``: the book laid out by WeasyPrint (see ``pamphlet/compose.py``).

It also publishes the page map (chapter -> pages) as soon as the layout is done,
before its PDF is written, so the deck and the handout can quote page numbers, and the
print page map (page -> where its text begins), so the screen editions can mark the pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, book_parts

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book


class Pamphlet(Builder):
    name = "pamphlet"
    filename = "pamphlet.pdf"
    summary = "the reading edition (A5): a pamphlet, leaflet or flyer, as publication.yaml's form says"
    publishes = ("pages", "print_pages")
    child = True

    def reads(self, book: Book) -> Any:
        return book_parts(book, text=True, lecture=False)

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.pamphlet import compose  # loaded when this output is built

        progress.step("pamphlet: laying out the reading edition")
        return compose.render(
            inputs.book,
            progress.say,
            on_laid_out=lambda pages: inputs.publish("pages", pages),
            on_print_pages=lambda starts: inputs.publish("print_pages", starts),
            jobs=inputs.options.jobs,
            cache=inputs.options.cache,
            fresh=inputs.options.force,
        )
