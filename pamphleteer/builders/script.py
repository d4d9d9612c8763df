"""The lecturer's script, ``lecture-script.pdf``: each slide's picture, notes, pamphlet pages and time.

Laid out by WeasyPrint in a child process from the deck's own slide specs, in parts (the cover,
then each part of the lecture: ``lecture/script_pages.py``) settled side by side and kept between
builds by the pamphlet's own machinery (``pamphlet/parts.py``), joined (``pamphlet/join.py``) and
numbered over (``pamphlet/furniture.py``). Warns when the talk strays from its planned duration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pamphleteer import progress

from .base import Builder, Inputs, book_parts

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer import lecture
    from pamphleteer.content import Book
    from pamphleteer.pamphlet import pagination, parts


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
        from pamphleteer.lecture import speaking  # loaded when this output is built

        progress.step("script: laying out")
        boxes = inputs.lecture.boxes
        specs = inputs.lecture.specs(inputs.pages)
        timing = speaking.timing(inputs.book, inputs.pages, specs)
        if timing.warning:
            progress.warn(timing.warning)
        options = inputs.options
        cache = options.cache / "script" if options.cache is not None else None
        pdf = lay_out(inputs.book, inputs.pages, specs, boxes, jobs=options.jobs, cache=cache, fresh=options.force)
        progress.step(f"script: {len(specs)} slides, {speaking.minutes(timing.seconds)} of speaking")
        return pdf


@dataclass(frozen=True)
class PartSource:
    """The script's parts as rendered (``parts.Source``): nothing for the pagination pass to correct, as
    a slide and its notes are kept together and the pages run on."""

    htmls: tuple[tuple[str, str], ...]  # part name -> its HTML

    def html(self, task: parts.Task, corrections: pagination.Corrections) -> str:
        return dict(self.htmls)[task.name]

    def keeps(self) -> frozenset[str]:
        from pamphleteer.pamphlet import pagination

        return pagination.EVERY


def lay_out(
    book: Book,
    pages: dict[str, tuple[int, int]],
    specs: list[lecture.SlideSpec],
    boxes: lecture.Boxes,
    *,
    jobs: int = 0,
    cache: Path | None = None,
    fresh: bool = False,
    stats: dict[str, Any] | None = None,
) -> bytes:
    """The script's PDF: its parts laid out (or found kept in ``cache``), joined, their heads and folios drawn
    over. ``stats``, if given, gets the names of the parts laid out (not found kept)."""
    from pamphleteer.infra import kept
    from pamphleteer.lecture import script_pages
    from pamphleteer.pamphlet import furniture, join, parts
    from pamphleteer.render import typeset

    htmls = script_pages.parts(book, pages, specs, boxes)
    source = PartSource(tuple(htmls))
    ident = script_pages.identity(book)
    layouts = parts.Layouts(book.folders, script_pages.stylesheets(book), ident, source, jobs, cache, fresh)
    try:
        tasks = [parts.Task(name) for name, _ in htmls]
        layouts.submit(tasks)
        laid = dict(layouts.next() for _ in tasks)
        ordered = [laid[task] for task in tasks]
        total = sum(part.page_count for part in ordered)
        drawn_pdf, xs, drawn = furniture.furnish(script_pages.furniture(book, total), total, layouts)
        drawing = furniture.Drawing(drawn_pdf, ordered, xs, drawn)
        try:
            pdf = join.join(
                [join.PartPdf(p.pdf, p.borrowed) for p in ordered],
                identity=typeset.identifier(ident),
                on_pages=drawing,
                memo=kept.computed("script-fonts"),
            )
        finally:
            drawing.close()
        layouts.sweep()
        if stats is not None:
            stats["laid_out"] = set(layouts.names_laid_out)
        return pdf
    finally:
        layouts.close()
