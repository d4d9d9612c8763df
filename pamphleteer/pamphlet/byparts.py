"""The pamphlet laid out part by part: each part settled, numbered when its numbers are known,
padded, the end pages made, and all joined into one PDF with its furniture.

``compose.render`` hands a pamphlet here (a leaflet or flyer is laid out whole there). The parts
are settled by ``parts.Layouts`` (its workers side by side); ``schedule.py`` says which can be
laid out for good when; ``ahead.py`` makes the end pages and the furniture while the last are laid
out; ``fontahead.py`` parses the settled parts' fonts while this process waits for the others;
``join.py`` and ``furniture.py`` make the book's PDF. Also here: the page map the deck and the
handout quote (``page_spans``) and the print page map (``print_pages``).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

import pikepdf

from pamphleteer import progress
from pamphleteer.content import Book, ChapterDoc, stamp
from pamphleteer.infra import kept
from pamphleteer.render import typeset

from . import faults, fontahead, forms, furniture, join, pagination, parts, pool, schedule
from .ahead import Ahead
from .nameindex import Index

PageMap = dict[str, tuple[int, int]]  # chapter id -> first and last page (builders/base.py says the same)
PrintPages = dict[str, str]  # page number (as text, as JSON keeps it) -> where its text begins
Announce = Callable[[PageMap, PrintPages], None]


class Back(Protocol):
    """An entry of the back matter, as the settling reads it (``compose.BackItem``)."""

    @property
    def kind(self) -> str: ...

    @property
    def anchor(self) -> str: ...


class Source(parts.Source, Protocol):
    """The book's template for one part at a time (``compose.PartSource``)."""

    def quotes(self, name: str) -> frozenset[str]:
        """The anchors whose page numbers part ``name`` prints."""
        ...

    def saved_last(self, names: list[str], after: int) -> str | None:
        """The part whose file was saved last, if after ``after`` (a hint for the order of work)."""
        ...


def page_spans(anchors: dict[str, int], docs: list[ChapterDoc]) -> dict[str, tuple[int, int]]:
    """Chapter id -> (first, last) page; a chapter ends on the page before the next section."""
    sections = sorted(p for a, p in anchors.items() if a.startswith(("chapter-", "appendix-", "back-cover")))
    spans = {}
    for doc in docs:
        start = anchors[doc.anchor]
        later = [p for p in sections if p > start]
        spans[doc.id] = (start, min(later) - 1 if later else start)
    return spans


def identity(book: Book) -> str:
    """What the PDF's identifier is made from: the title and the content's stamp."""
    return book.publication.title + stamp(book)


def by_parts(
    book: Book,
    form: forms.Form,
    back: Sequence[Back],
    index: Index,
    source: Callable[[bool], Source],
    layouts: parts.Layouts,
    say: Callable[..., None] | None,
    announce: Announce,
    stats: dict[str, Any],
) -> bytes:
    """The pamphlet laid out part by part, each part settled by its worker, numbered when its numbers
    are known (``schedule.py``), padded with notes pages, joined and furnished."""
    names = ["front", *(c.anchor for c in book.chapters), *(item.anchor for item in back)]
    anchor_of = {doc.id: doc.anchor for doc in book.all_chapters()}
    home = {name: name for name in names} | {mark: anchor_of[where] for (where, *_), mark in index.assigned.items()}
    contents = forms.contents_wanted(form, len(book.chapters), 0)
    ahead = Ahead()
    fonts = fontahead.FontsAhead()
    opened = join.Opened()
    layouts.meanwhile = _Meanwhile(opened, fonts)  # the join's parts opened and fonts parsed while this process waits

    def foresee(laid: _Book) -> None:
        # every part has a page count: the end and the furniture can be made while the last are laid out
        main = [_padded(laid.parts[name], laid.counts[name]) for name in names]
        ahead.start(layouts, _end(source(contents), form, laid, 1), book, form, main)

    try:
        laid = _settled(layouts, source(contents), names, home, say, foresee=foresee)
        # No contents page for a few chapters, unless the pages make one worth having.
        pages = sum(laid.counts.values()) + form.back_pages
        if not contents and forms.contents_wanted(form, len(book.chapters), pages):
            contents = True
            laid = _settled(layouts, source(True), names, home, say)
        laid = _fewer_fillers(
            laid, form, back, lambda preset: _settled(layouts, source(contents), names, home, say, preset)
        )
        fillers, end = _ended(layouts, source(contents), form, laid, ahead)
    finally:
        ahead.close()
        layouts.meanwhile = None
    book_parts = [_padded(laid.parts[name], laid.counts[name]) for name in names] + [end]
    found = _page_map(book_parts)
    for problem in faults.problems(book, _faults(book_parts)):
        progress.warn(str(problem))  # what the pagination pass could not mend, at the block it concerns
    if say:
        total = sum(p.page_count for p in book_parts)
        say(f"{form.name}: laid out, {total} pages ({fillers} filler, {layouts.laid_out} layouts)", step=True)
    # page numbers are known now; the PDF takes a while longer
    announce(page_spans(found, book.all_chapters()), print_pages([s for p in book_parts for s in p.starts]))
    started = time.perf_counter()
    try:
        pdf = _joined(book, form, book_parts, layouts, fonts, opened)
    finally:
        fonts.clear()
        opened.close()
    stats.update(
        parts={name: part.seconds for name, part in zip([*names, "end"], book_parts, strict=True)},
        join=time.perf_counter() - started,
        layouts=layouts.laid_out,
        settled=layouts.parts_laid_out,
        ahead=ahead.taken,
        fonts_ahead=fonts.taken,
    )
    layouts.sweep()
    if say:
        say(f"{form.name}: PDF made", step=True)
    return pdf


class _Meanwhile:
    """Each of ``doers`` told of every part settled, and given this process's waits in turn."""

    def __init__(self, *doers: pool.Meanwhile) -> None:
        self.doers = doers

    def settled(self, task: parts.Task, part: parts.LaidPart, kept: bool = False) -> None:
        for doer in self.doers:
            doer.settled(task, part, kept)

    def until(self, ready: Callable[[], bool]) -> None:
        for doer in self.doers:
            doer.until(ready)


@dataclass
class _Book:
    """The main parts as settled: each part, the page count the book is numbered with, and where anchors land."""

    parts: dict[str, parts.LaidPart]
    counts: dict[str, int]
    schedule: schedule.Schedule

    def page_of(self, anchor: str) -> int | None:
        return self.schedule.page_of(anchor)


def _fewer_fillers(
    laid: _Book, form: forms.Form, back: Sequence[Back], settle: Callable[[dict[str, pagination.Corrections]], _Book]
) -> _Book:
    """A folded book two or three pages short of a multiple of four is laid out again with its registers
    of more than a page set tighter (as a press tightens the back matter rather than print blank pages),
    then with only those that came out a page shorter so (one set tighter may end on a runt and turn a
    page earlier); kept so only if that leaves fewer notes pages to fill. ``settle`` lays the book out
    from the corrections given."""

    def fillers(book: _Book) -> int:
        return -(sum(book.counts.values()) + 1) % 4  # (with a back cover of one page)

    registers = [item.anchor for item in back if item.kind != "chapter" and laid.counts.get(item.anchor, 0) > 1]
    if not form.folds or fillers(laid) < 2 or not registers:
        return laid
    tighter = settle({anchor: pagination.Corrections(tight=frozenset({anchor})) for anchor in registers})
    shorter = [anchor for anchor in registers if tighter.counts[anchor] < laid.counts[anchor]]
    if shorter and any(tighter.counts[anchor] > laid.counts[anchor] for anchor in registers):
        tighter = settle({anchor: pagination.Corrections(tight=frozenset({anchor})) for anchor in shorter})
    return tighter if fillers(tighter) < fillers(laid) else laid


def _settled(
    layouts: parts.Layouts,
    source: Source,
    names: list[str],
    home: dict[str, str],
    say: Callable[..., None] | None,
    preset: dict[str, pagination.Corrections] | None = None,
    foresee: Callable[[_Book], None] | None = None,
) -> _Book:
    """Every main part laid out for good with the page numbers the book gives it, each starting from
    the corrections ``preset`` gives it (none by default). ``foresee`` is handed the book as it
    stands once every part has a page count (measured or for good), if parts are still to settle."""
    preset = preset or {}
    layouts.use(source)
    latest: dict[str, parts.Task] = {}
    before = layouts.anew
    plan = schedule.Schedule(names, _quoted(layouts, source, names, preset, latest), home)
    done: dict[str, parts.LaidPart] = {}
    measured: dict[str, pagination.Corrections] = {}  # what a measured layout settled on: the final one starts there
    measures: dict[str, parts.LaidPart] = {}
    while True:
        wanted = [
            parts.Task(
                name,
                numbers,
                write=final,
                start=measured.get(name, preset.get(name, pagination.NONE)),
                forecast=not final and name in plan.forecasts,
            )
            for name, numbers, final in plan.wanted()
        ]
        new = [task for task in wanted if latest.get(task.name) != task]
        latest.update({task.name: task for task in new})
        # first the parts whose page count the book waits on (the numbers of the index wait on every
        # chapter's); a measured part's layout for good, whose count is known, after them
        layouts.submit(new, later=plan.counts.keys())
        if before is not None:  # the first tasks: a forecast pays when most are laid out anew (a cold
            # build); after an edit the index is usually found kept, and a forecast takes a core from the edit
            plan.forecasting = layouts.jobs > 1 and layouts.anew - before > len(names) // 2
            before = None
        if plan.done:
            break
        lengths = plan.lengths()
        if foresee is not None and lengths is not None and layouts.jobs > 1:
            foresee(_Book({name: done.get(name) or measures[name] for name in names}, lengths, plan))
            foresee = None
        task, part = layouts.next()
        if task.forecast:
            if task.name in plan.forecasts:  # (not one left over from an earlier plan)
                plan.laid(task.name, part.page_count, part.anchors, task.numbers, final=False)
                measures[task.name] = part
            continue
        if latest.get(task.name) != task:
            continue  # laid out with numbers that have changed since
        count = plan.laid(task.name, part.page_count, part.anchors, task.numbers, task.write)
        if not task.write:
            measured[task.name] = part.corrections
            measures[task.name] = part
        else:
            done[task.name] = part
            if count > part.page_count:
                progress.warn(
                    f"pamphlet: {task.name}: its page numbers and its length kept changing each other; "
                    f"padded with {count - part.page_count} blank page(s)"
                )
    if say:
        laid_out = len(layouts.names_laid_out & set(names))
        say(f"pamphlet: {laid_out} of {len(names)} parts laid out ({layouts.laid_out} layouts)", step=True)
    return _Book(done, dict(plan.counts), plan)


def _quoted(
    layouts: parts.Layouts,
    source: Source,
    names: list[str],
    preset: dict[str, pagination.Corrections],
    latest: dict[str, parts.Task],
) -> dict[str, frozenset[str]]:
    """The anchors whose numbers each part prints, found by rendering it; a part that prints none is
    handed to be laid out (and noted in ``latest``) as soon as it is rendered, so the workers start
    while the others are rendered: once two want laying out, or one where it is laid out beside this
    process (``Layouts.aside``). The registers are rendered first, as they are the longest parts; but
    first the part whose file was saved since the parts were last kept (after an edit, the one to lay
    out again: its layout starts while the others are found kept)."""
    quotes: dict[str, frozenset[str]] = {}
    waiting: list[parts.Task] = []
    kept = layouts.kept_at()
    edited = source.saved_last(names, kept) if kept is not None else None
    for name in sorted(names, key=lambda name: (name != edited, not name.startswith("appendix-"))):
        quotes[name] = source.quotes(name)
        if quotes[name]:
            continue  # its numbers are the schedule's to give
        task = latest[name] = parts.Task(name, start=preset.get(name, pagination.NONE))
        if layouts.aside or layouts.found(task) is not None:
            layouts.submit([task])
        else:
            waiting.append(task)
            if len(waiting) > 1:
                layouts.submit(waiting)
                waiting = []
    layouts.submit(waiting)
    return quotes


def _ended(
    layouts: parts.Layouts, source: Source, form: forms.Form, laid: _Book, ahead: Ahead
) -> tuple[int, parts.LaidPart]:
    """The end pages: as many notes pages as make, with the back cover, a multiple of four (what was
    made ahead taken in, if it was this); and how many notes pages that is."""
    back_cover = 1
    for _ in range(3):
        task = _end(source, form, laid, back_cover)
        ahead.finish(layouts, task)
        (_, end), *_ = _run(layouts, [task])
        if end.page_count - task.fillers == back_cover:
            return task.fillers, end
        back_cover = end.page_count - task.fillers
    progress.warn(f"{form.name}: the back cover came out {back_cover} pages, then {end.page_count - task.fillers}")
    return task.fillers, end


def _end(source: Source, form: forms.Form, laid: _Book, back_cover: int) -> parts.Task:
    """The end pages' task: notes pages enough to make, with a back cover of ``back_cover`` pages, a
    multiple of four (in a folded form), and the page numbers the end prints."""
    fillers = -(sum(laid.counts.values()) + back_cover) % 4 if form.folds else 0
    numbers = tuple((a, "" if (n := laid.page_of(a)) is None else n) for a in sorted(source.quotes("end")))
    return parts.Task("end", numbers, fillers)


def _run(layouts: parts.Layouts, tasks: list[parts.Task]) -> list[tuple[parts.Task, parts.LaidPart]]:
    """Lay out ``tasks`` and wait for all of them (a forecast still out is let go)."""
    layouts.submit(tasks)
    found: list[tuple[parts.Task, parts.LaidPart]] = []
    while len(found) < len(tasks):
        task, part = layouts.next()
        if not task.forecast:
            found.append((task, part))
    return found


def _padded(part: parts.LaidPart, count: int) -> parts.LaidPart:
    """The part with blank pages after it up to ``count`` pages (the numbers the book was given)."""
    if count <= part.page_count:
        return part
    with pikepdf.open(io.BytesIO(part.pdf)) as pdf:
        size = pdf.pages[-1].mediabox
        for _ in range(count - part.page_count):
            pdf.add_blank_page(page_size=(float(size[2]), float(size[3])))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    blank = parts.PartPage("blank", part.pages[-1].x)
    added = count - part.page_count
    return replace(
        part, pdf=out.getvalue(), pages=(*part.pages, *[blank] * added), starts=(*part.starts, *[""] * added)
    )


def _joined(
    book: Book,
    form: forms.Form,
    laid: list[parts.LaidPart],
    layouts: parts.Layouts,
    fonts: fontahead.FontsAhead,
    opened: join.Opened,
) -> bytes:
    """The parts joined into one PDF, with their running heads and folios drawn over them."""
    drawn_pdf, xs, drawn = furniture.lay_out(book, form, laid, layouts)
    drawing = furniture.Drawing(drawn_pdf, laid, xs, drawn)
    try:
        ident = typeset.identifier(identity(book))
        pdfs = [join.PartPdf(p.pdf, p.borrowed) for p in laid]
        memo = kept.computed("pamphlet-fonts")
        return join.join(pdfs, identity=ident, on_pages=drawing, memo=memo, prepared=fonts.take, opened=opened)
    finally:
        drawing.close()


def _faults(laid: list[parts.LaidPart]) -> list[tuple[int, faults.Fault]]:
    """Each part's faults, with the book's page number of the part's first page."""
    found = []
    start = 1
    for part in laid:
        found += [(start, fault) for fault in part.faults]
        start += part.page_count
    return found


def _page_map(laid: list[parts.LaidPart]) -> dict[str, int]:
    """Anchor -> page number in the book, from each part's own anchors and where it starts."""
    found: dict[str, int] = {}
    start = 0
    for part in laid:
        for anchor, page in part.anchors.items():
            found.setdefault(anchor, start + page)
        start += part.page_count
    return found


def print_pages(starts: list[str] | tuple[str, ...]) -> PrintPages:
    """The print page map from where each page of the book begins (``weasy.page_starts``, "" where
    nothing the screens have begins it): page number -> that place."""
    return {str(n): place for n, place in enumerate(starts, start=1) if place}
