"""The e-book, ``pamphlet.epub``: the text, notes, registers and charts as an EPUB 3 (see ``screen/ebook.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, book_parts

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book


class Epub(Builder):
    name = "epub"
    filename = "pamphlet.epub"
    summary = "the e-book (EPUB 3)"
    kind = "other"
    needs = ("print_pages",)  # the print edition's pages, marked in the text

    def reads(self, book: Book) -> Any:
        return book_parts(book, text=True, lecture=False)

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.screen import ebook  # loaded when this output is built

        progress.step("epub: writing")
        data = ebook.render(inputs.book, inputs.print_pages, inputs.options.cache)
        progress.step("epub: done")
        return data
