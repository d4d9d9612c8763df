"""The web edition, ``web/``: a folder of pages to read on a phone or put on a server (see ``screen/site.py``).

The folder is meant to be published as it is, so the other editions it offers are copies inside it
(``web/downloads/``), never links out of it: those the publication's form has that this build makes,
or that an earlier build left in the output folder as its state records them (:func:`offered`). Which
they are shapes the pages (their footer links them), so it is part of the edition's key; the copies
themselves are written beside the pages by the build (:func:`copies`), not made by this builder,
so that remaking the pamphlet refreshes its copy without remaking the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, Made, book_parts

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book
    from pamphleteer.settings import Options

# What the footer offers to download, by target: the catalogue's key (words.py).
DOWNLOADS = {
    "pamphlet": "download_pamphlet",
    "booklet": "download_booklet",
    "deck": "download_deck",
    "epub": "download_epub",
}
COPIES = "downloads/"  # inside web/: the copies of the other editions


class Web(Builder):
    name = "web"
    filename = "web/"
    summary = "the web edition, a folder of pages"
    kind = "other"
    needs = ("print_pages",)  # the print edition's pages, marked in the text

    def reads(self, book: Book) -> Any:
        return book_parts(book, text=True, lecture=False)

    def shaped_by(self, options: Options) -> Any:
        return list(options.downloads)

    def build(self, inputs: Inputs) -> dict[str, bytes]:
        from pamphleteer.screen import site  # loaded when this output is built

        from . import REGISTRY  # the registry imports this module: read it when building, not on import

        progress.step("web: writing")
        form = inputs.book.publication.form  # a leaflet's or a flyer's reading edition is offered as such
        downloads = [
            (COPIES + REGISTRY[t].filename, f"download_{form}" if t == "pamphlet" else DOWNLOADS[t])
            for t in inputs.options.downloads
        ]
        files = site.render(inputs.book, downloads, inputs.print_pages, inputs.options.cache)
        progress.step(f"web: {len(files)} files")
        return files

    def read_back(self, folder: Path) -> Made | None:
        """The pages as this builder made them: the copies of the other editions are not its own."""
        found = super().read_back(folder)
        if not isinstance(found, dict):
            return found
        return {name: data for name, data in found.items() if not name.startswith(COPIES)}


def offered(book: Book, making: Iterable[str], on_disk: Callable[[Builder], Made | None]) -> tuple[str, ...]:
    """The outputs the web edition offers: of :data:`DOWNLOADS`, those the publication's form has
    (a flyer has no booklet) that this build makes (``making``) or that are in the output folder as an
    earlier build wrote them (``on_disk``, None when not)."""
    from . import REGISTRY

    making = set(making)
    return tuple(
        t
        for t in DOWNLOADS
        if t in REGISTRY and not REGISTRY[t].refuses(book) and (t in making or on_disk(REGISTRY[t]) is not None)
    )


def copies(
    options: Options,
    made: dict[str, bytes],
    on_disk: Callable[[Builder], Made | None],
    *,
    remade: bool,
    folder: Path,
) -> dict[str, bytes]:
    """The copies of the other editions inside ``web/``, by their path in the output folder: all it
    offers when the pages are ``remade`` now; else those already there (the pages on disk link them),
    refreshed. Each from this build's bytes (``made``), or else from the output as it is on disk."""
    from . import REGISTRY

    out = {}
    for target in options.downloads:
        builder = REGISTRY[target]
        copy = Web.filename + COPIES + builder.filename
        if not remade and not (folder / copy).is_file():
            continue
        data = made.get(builder.filename)
        if data is None:
            found = on_disk(builder)
            data = found if isinstance(found, bytes) else None
        if data is not None:
            out[copy] = data
    return out
