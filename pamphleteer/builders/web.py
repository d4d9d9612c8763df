"""The web edition, ``web/``: a folder of pages to read on a phone or put on a server (see ``screen/site.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, book_parts

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book

# What the footer offers to download (files beside the folder), by target: the catalogue's key (words.py).
DOWNLOADS = {
    "pamphlet": "download_pamphlet",
    "booklet": "download_booklet",
    "deck": "download_deck",
    "epub": "download_epub",
}


class Web(Builder):
    name = "web"
    filename = "web/"
    summary = "the web edition, a folder of pages"
    kind = "other"
    needs = ("print_pages",)  # the print edition's pages, marked in the text

    def reads(self, book: Book) -> Any:
        return book_parts(book, text=True, lecture=False)

    def build(self, inputs: Inputs) -> dict[str, bytes]:
        from pamphleteer.screen import site  # loaded when this output is built

        from . import REGISTRY  # the registry imports this module: read it when building, not on import

        progress.step("web: writing")
        downloads = [(REGISTRY[t].filename, what) for t, what in DOWNLOADS.items() if t in REGISTRY]
        files = site.render(inputs.book, downloads, inputs.print_pages, inputs.options.cache)
        progress.step(f"web: {len(files)} files")
        return files
