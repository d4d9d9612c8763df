"""The deck as a PDF, ``lecture.pdf``, for lecturers without PowerPoint: LibreOffice draws the PPTX.

Needs ``soffice`` on the PATH; without it the build says how to get it (see ``lecture/libreoffice.py``).
"""

from __future__ import annotations

from pamphleteer import progress

from .base import Builder, Inputs


class DeckPdf(Builder):
    name = "deck-pdf"
    filename = "lecture.pdf"
    summary = "the deck drawn by LibreOffice, for showing without PowerPoint (needs soffice)"
    needs = ("deck",)
    optional = True  # LibreOffice is not on every machine, and takes a while

    def build(self, inputs: Inputs) -> bytes:
        from pamphleteer.lecture import libreoffice  # loaded when this output is built

        progress.step("deck-pdf: LibreOffice draws the deck")
        return libreoffice.convert(inputs.products["deck"])
