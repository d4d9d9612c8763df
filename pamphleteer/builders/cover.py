"""A perfect-bound pamphlet's cover, ``pamphlet-cover.pdf``: back cover, spine and front cover on one sheet.

Made when ``print: {binding: perfect}``: the reading edition's own cover pages (their bytes, placed
as they are, as in the print edition) either side of a spine as wide as the glued block is thick
(``Print.spine_mm`` of the pages ``binding.block_pages`` keeps), lettered when wide enough
(``binding.spine``, laid out by WeasyPrint from ``templates/pamphlet/spine.html.j2``). The inside
covers are its second page. See ``imposition.cover``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, Options
from .print_edition import for_press, perfect

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book


class Cover(Builder):
    name = "cover"
    filename = "pamphlet-cover.pdf"
    summary = "a perfect-bound pamphlet's cover: back, spine (as wide as the pages are thick) and front, with marks"
    needs = ("pamphlet",)
    preflight = ("trim",)
    child = True  # the spine is laid out by WeasyPrint

    def refuses(self, book: Book) -> str:
        if not perfect(book):
            return "only a perfect-bound pamphlet has a cover of its own: set print: {binding: perfect}"
        return ""

    def reads(self, book: Book) -> Any:
        p = book.publication
        return {
            "sheet_mm": p.print.sheet_mm,
            "print": p.print.model_dump(mode="json", include={"paper", "standard"}),
            "title": p.title,
            "publisher": p.publisher,
            "language": book.language,
            "look": p.style.model_dump(mode="json"),
        }

    def shaped_by(self, options: Options) -> Any:
        return {"marks": options.marks}

    def build(self, inputs: Inputs) -> bytes:
        import io

        import pikepdf

        from pamphleteer.pamphlet import binding, imposition  # loaded when this output is built
        from pamphleteer.text import cldr

        book, reading = inputs.book, inputs.products["pamphlet"]
        with pikepdf.open(io.BytesIO(reading)) as pdf:
            count = len(pdf.pages)
            height_mm = float(pdf.pages[0].trimbox[3] - pdf.pages[0].trimbox[1]) / imposition.PT_PER_MM
        width = book.publication.print.spine_mm(len(binding.block_pages(count)))
        spine = binding.spine(book, width, height_mm)
        rtl = cldr.direction(book.language) == "rtl"
        pdf_bytes = for_press(
            book,
            lambda condition, standard: imposition.cover(
                reading, spine, width, marks=inputs.options.marks, rtl=rtl, condition=condition, standard=standard
            ),
        )
        progress.step(f"cover: spine {width:.1f} mm" + (", lettered" if binding.lettered(width) else ", unlettered"))
        return pdf_bytes
