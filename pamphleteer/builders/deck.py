"""The lecture, ``lecture.pptx``: slides planned from the model, drawn on the master (see ``lecture/drawing.py``).

Needs the page map for its "Pamphlet, pp." pointers, and the lecture fitted once for the build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, book_parts

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book


class Deck(Builder):
    name = "deck"
    filename = "lecture.pptx"
    summary = "the lecture (16:9)"
    kind = "pptx"
    needs = ("pages",)
    shares = ("lecture",)

    def reads(self, book: Book) -> Any:
        return book_parts(book, text=False, lecture=True)

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.lecture import drawing  # loaded when this output is built

        specs = inputs.lecture.specs(inputs.pages)
        return drawing.build(inputs.book, inputs.pages, progress.say, specs=specs, cache=inputs.options.cache)
