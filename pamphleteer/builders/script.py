"""The lecturer's script, ``lecture-script.pdf``: each slide's picture, notes, pamphlet pages and time.

Laid out by WeasyPrint in a child process (see ``lecture/script_pages.py``) from the deck's own
slide specs; warns when the notes' speaking time strays from ``lecture.duration``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, book_parts

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book


class Script(Builder):
    name = "script"
    filename = "lecture-script.pdf"
    summary = "the lecturer's script: slides, notes, pages and speaking times (A4)"
    needs = ("pages",)
    shares = ("lecture",)
    child = True

    def reads(self, book: Book) -> Any:
        return book_parts(book, text=False, lecture=True)

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.lecture import script_pages  # loaded when this output is built

        progress.step("script: laying out")
        boxes = inputs.lecture.boxes
        specs = inputs.lecture.specs(inputs.pages)
        timing = script_pages.timing(inputs.book, inputs.pages, specs)
        if timing.warning:
            progress.warn(timing.warning)
        pdf = script_pages.render(inputs.book, inputs.pages, specs, boxes)
        progress.step(f"script: {len(specs)} slides, {script_pages.minutes(timing.seconds)} of speaking")
        return pdf
