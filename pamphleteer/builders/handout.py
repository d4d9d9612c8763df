"""The handout, ``handout.pdf``: recap frames with ruled notes, a timeline and the reading list.

Laid out by WeasyPrint in a child process (see ``lecture/handout_pages.py``), from the same
slide specs as the deck (the lecture fitted once for the build); needs the page map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, Options, book_parts

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book


class Handout(Builder):
    name = "handout"
    filename = "handout.pdf"
    summary = "the lecture handout"
    needs = ("pages",)
    shares = ("lecture",)
    child = True

    def reads(self, book: Book) -> Any:
        read = book_parts(book, text=False, lecture=True)
        for chapter in read["chapters"]:  # its frames recap the key points: a slide's notes are not printed
            for slide in chapter["slides"]:
                slide.pop("notes", None)
        return read

    def shaped_by(self, options: Options) -> Any:
        return [options.paper, options.handout_slides]

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.lecture import handout_pages  # loaded when this output is built

        progress.step("handout: laying out")
        pdf = handout_pages.render(
            inputs.book,
            inputs.pages,
            inputs.lecture.recap(inputs.pages),
            inputs.lecture.boxes,
            per_page=inputs.options.handout_slides,
            paper=inputs.options.paper,
        )
        progress.step("handout: done")
        return pdf
