"""The reading edition: the model laid out by Jinja templates and CSS, typeset by WeasyPrint.

``render(book)`` returns the PDF bytes of the publication in its form (a pamphlet,
a leaflet or a flyer: see ``forms.py``); once laid out, it hands a map of where
every chapter and appendix landed to ``on_laid_out``, for the deck and the
handout to quote ("Pamphlet, p. 14"), and the print page map (where each page's
text begins: a block, a section's opener, a register's entry) to ``on_print_pages``,
for the screen editions' page markers. Nothing empty is printed: registers with no
entries are left out, the contents page only comes when there is something to
navigate. A folded form's page count is padded to a multiple of four with notes
pages placed before the back cover, so the booklet folds without blank pages
inside a chapter (its registers set tighter first, where that saves two or three
of them); content that overruns a leaflet or flyer is a build error that
says how many words to cut. The print edition and the booklet are made from
these same pages (imposition.py).
"""

from __future__ import annotations

import functools
import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pikepdf

from pamphleteer import progress
from pamphleteer.content import Book, ChapterDoc, per_book, stamp
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import dependencies, kept
from pamphleteer.render import charts, typeset, weasy
from pamphleteer.text import balance, collation, glyphs, inline

from . import faults, forms, furniture, join, pagination, parts, rendered, schedule, tables
from .ahead import Ahead
from .nameindex import Index, numbered

TEMPLATE = "pamphlet/pamphlet.html.j2"
STYLESHEETS = ["pamphlet/pamphlet.css"]
TRIFOLD_STYLESHEET = "pamphlet/trifold.css"  # a tri-fold's panel sizes and margins, over pamphlet.css
MAX_FILLERS = 3
PageMap = dict[str, tuple[int, int]]  # chapter id -> first and last page (builders/base.py says the same)
PrintPages = dict[str, str]  # page number (as text, as JSON keeps it) -> where its text begins
Announce = Callable[[PageMap, PrintPages], None]


@dataclass(frozen=True)
class BackItem:
    """An entry of the back matter: a generated register or an appendix chapter."""

    kind: str  # people, timeline, glossary, sources, index or chapter
    anchor: str
    doc: ChapterDoc | None = None


COVER_TITLE_PT = 33.0  # the cover's title, bold PT Sans (pamphlet.css, .cover-title)
COVER_MEASURE_PT = (148 - 14 - 14) * 72 / 25.4  # A5 less the cover's side margins (.cover-text, .cover-band)
# A tri-fold's front panel: its title size and measure (trifold.css, .cover-title and .cover-text)
PANEL_TITLE_PT, PANEL_MEASURE_PT = 25.0, 82 * 72 / 25.4


def cover_title(book: Book) -> tuple[str, ...]:
    """The cover's title in balanced lines ("The Matchwomen / of Bow"), measured in the face it is set in."""
    title = inline.smart(book.publication.title, book.language)
    panel = forms.of(book.publication).panels
    size, measure = (PANEL_TITLE_PT, PANEL_MEASURE_PT) if panel else (COVER_TITLE_PT, COVER_MEASURE_PT)
    return balance.lines(title, lambda line: charts.text_width(line, size, "PTS75F.ttf"), measure)


COVER_SUBTITLE_PT, PANEL_SUBTITLE_PT = 13.0, 12.0  # the subtitle, italic text face (.cover-subtitle)
COVER_SUBTITLE_SHARE = 0.8  # of the cover's measure (.cover-subtitle's width); a panel's is its whole


def cover_subtitle(book: Book) -> tuple[str, ...]:
    """The cover's subtitle in balanced lines, as its title (no word alone under a long line: the leaflet's
    "A talk on the allotment movement, and what it / left us"), measured in the text face's italic."""
    subtitle = inline.smart(book.publication.subtitle or "", book.language)
    panel = forms.of(book.publication).panels
    size, measure = (
        (PANEL_SUBTITLE_PT, PANEL_MEASURE_PT) if panel else (COVER_SUBTITLE_PT, COVER_MEASURE_PT * COVER_SUBTITLE_SHARE)
    )
    if not subtitle or not balance.by_hand(subtitle, book.language):
        return (subtitle,) if subtitle else ()
    face = book.look.italic_file
    return balance.lines(subtitle, lambda line: charts.text_width(line, size, face), measure)


def page_spans(anchors: dict[str, int], docs: list[ChapterDoc]) -> dict[str, tuple[int, int]]:
    """Chapter id -> (first, last) page; a chapter ends on the page before the next section."""
    sections = sorted(p for a, p in anchors.items() if a.startswith(("chapter-", "appendix-", "back-cover")))
    spans = {}
    for doc in docs:
        start = anchors[doc.anchor]
        later = [p for p in sections if p > start]
        spans[doc.id] = (start, min(later) - 1 if later else start)
    return spans


def back_matter(book: Book, form: forms.Form | None = None) -> list[BackItem]:
    """The back matter that has something in it: an empty register or appendix is left out.

    The index of names is kept here when there are people; ``render`` drops it too when no
    chapter mentions one of them. A leaflet or flyer has no page numbers to index.
    """
    entries = {
        "people": book.people,
        "timeline": book.events,
        "glossary": book.terms,
        "sources": book.sources,
        "index": book.people if form is None or not form.runs_on else (),
    }
    items = []
    for item in book.back_matter:
        if isinstance(item, ChapterDoc):
            if item.chapter.blocks or item.chapter.summary:
                items.append(BackItem("chapter", item.anchor, item))
        elif entries[item]:
            items.append(BackItem(item, f"appendix-{item}"))
    return items


class Numbers:
    """The page numbers a part prints, as its template asks for them (``pages.get(anchor, "")``),
    noting which it asked for: that is how a part's numbers are found out."""

    def __init__(self, known: dict[str, int | str] | None = None) -> None:
        self.known = known or {}
        self.asked: set[str] = set()

    def get(self, anchor: str, default: int | str = "") -> int | str:
        self.asked.add(anchor)
        return self.known.get(anchor, default)


@dataclass(frozen=True)
class PartSource:
    """The book's template for one part at a time (what the layout workers render, with corrections)."""

    book: Book
    form: forms.Form
    back: tuple[BackItem, ...]
    contents: bool
    marks: tuple[tuple[tuple[str, str, int], str], ...]  # the index's anchors, numbered in book order
    # a part as first rendered while its quotes were found (nothing to print yet): its first HTML
    # when it prints no number; this process's memory only, never sent to a worker
    _rendered: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_rendered": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def html(self, task: parts.Task, corrections: pagination.Corrections) -> str:
        if not task.numbers and corrections == pagination.NONE and task == parts.Task(task.name, write=task.write):
            found = self._rendered.get(task.name)
            if found is not None:
                return found
        return self._render(task, corrections, Numbers(task.pages))

    def keeps(self) -> frozenset[str]:
        # a short form's sections run on and share pages: a short last page is the next section's first, not a runt
        return frozenset({"tight", "loose", "carry"}) if self.form.runs_on else frozenset()

    def quotes(self, name: str) -> frozenset[str]:
        """The anchors whose page numbers part ``name`` prints."""
        numbers = Numbers()
        self._rendered[name] = self._render(parts.Task(name), pagination.Corrections(), numbers)
        return frozenset(numbers.asked)

    def _render(self, task: parts.Task, corrections: pagination.Corrections, numbers: Numbers) -> str:
        index = Index(self.book.people, self.book.language, dict(self.marks))
        part = task.name or None
        back = list(self.back)
        return _source(self.book, self.form, back, task.fillers, self.contents, corrections, index, part, numbers)


def render(
    book: Book,
    say: Callable[..., None] | None = None,
    *,
    on_laid_out: Callable[[PageMap], None] | None = None,
    on_print_pages: Callable[[PrintPages], None] | None = None,
    jobs: int = 0,
    cache: Path | None = None,
    fresh: bool = False,
    stats: dict[str, Any] | None = None,
) -> bytes:
    """Lay out the publication in its form, pad a folded one to a multiple of four pages, write the PDF.

    A pamphlet is laid out part by part (``parts.py``), ``jobs`` workers side by side, keeping
    its settled parts in ``cache`` between builds (``fresh``: reading none of them); a leaflet or
    flyer, whose sections run on and share pages, as one document. ``stats``, if given, gets
    each part's layout time and the join's, and whether the end and the furniture were made ahead.
    """
    form = forms.of(book.publication)
    back = back_matter(book, form)
    index = numbered(book, [*book.chapters, *(item.doc for item in back if item.doc is not None)])
    if any(item.kind == "index" for item in back) and not index.assigned:
        back = [item for item in back if item.kind != "index"]  # no chapter names anyone in the register
    sheets = typeset.stylesheets([*STYLESHEETS, *([TRIFOLD_STYLESHEET] if form.panels else [])], book.language)
    stats = {} if stats is None else stats

    def announce(spans: PageMap, starts: PrintPages) -> None:
        if on_laid_out:
            on_laid_out(spans)
        if on_print_pages:
            on_print_pages(starts)

    def source(contents: bool) -> PartSource:
        return PartSource(book, form, tuple(back), contents, tuple(index.assigned.items()))

    if form.runs_on:
        return _whole(book, form, source, sheets, say, announce)
    layouts = parts.Layouts(book.folders, sheets, _identity(book), source(False), jobs, cache, fresh)
    try:
        return _by_parts(book, form, back, index, source, layouts, say, announce, stats)
    finally:
        layouts.close()


def _identity(book: Book) -> str:
    return book.publication.title + stamp(book)


def _by_parts(
    book: Book,
    form: forms.Form,
    back: list[BackItem],
    index: Index,
    source: Callable[[bool], PartSource],
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
    pdf = _joined(book, form, book_parts, layouts)
    stats.update(
        parts={name: part.seconds for name, part in zip([*names, "end"], book_parts, strict=True)},
        join=time.perf_counter() - started,
        layouts=layouts.laid_out,
        settled=layouts.parts_laid_out,
        ahead=ahead.taken,
    )
    layouts.sweep()
    if say:
        say(f"{form.name}: PDF made", step=True)
    return pdf


@dataclass
class _Book:
    """The main parts as settled: each part, the page count the book is numbered with, and where anchors land."""

    parts: dict[str, parts.LaidPart]
    counts: dict[str, int]
    schedule: schedule.Schedule

    def page_of(self, anchor: str) -> int | None:
        return self.schedule.page_of(anchor)


def _fewer_fillers(
    laid: _Book, form: forms.Form, back: list[BackItem], settle: Callable[[dict[str, pagination.Corrections]], _Book]
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
    source: PartSource,
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
        layouts.submit(new)
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
    source: PartSource,
    names: list[str],
    preset: dict[str, pagination.Corrections],
    latest: dict[str, parts.Task],
) -> dict[str, frozenset[str]]:
    """The anchors whose numbers each part prints, found by rendering it; a part that prints none is
    handed to be laid out (and noted in ``latest``) as soon as it is rendered, so the workers start
    while the others are rendered: once two want laying out (one alone, after an edit, is laid out
    in this process, as before). The registers are rendered first, as they are the longest parts."""
    quotes: dict[str, frozenset[str]] = {}
    waiting: list[parts.Task] = []
    for name in sorted(names, key=lambda name: not name.startswith("appendix-")):
        quotes[name] = source.quotes(name)
        if quotes[name]:
            continue  # its numbers are the schedule's to give
        task = latest[name] = parts.Task(name, start=preset.get(name, pagination.NONE))
        if layouts.pooled or layouts.found(task) is not None:
            layouts.submit([task])
        else:
            waiting.append(task)
            if len(waiting) > 1:
                layouts.submit(waiting)
                waiting = []
    layouts.submit(waiting)
    return quotes


def _ended(
    layouts: parts.Layouts, source: PartSource, form: forms.Form, laid: _Book, ahead: Ahead
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


def _end(source: PartSource, form: forms.Form, laid: _Book, back_cover: int) -> parts.Task:
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


def _joined(book: Book, form: forms.Form, laid: list[parts.LaidPart], layouts: parts.Layouts) -> bytes:
    """The parts joined into one PDF, with their running heads and folios drawn over them."""
    drawn_pdf, xs, drawn = furniture.lay_out(book, form, laid, layouts)
    drawing = furniture.Drawing(drawn_pdf, laid, xs, drawn)
    try:
        ident = typeset.identifier(_identity(book))
        pdfs = [join.PartPdf(p.pdf, p.borrowed) for p in laid]
        return join.join(pdfs, identity=ident, on_pages=drawing, memo=kept.computed("pamphlet-fonts"))
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


def _whole(
    book: Book,
    form: forms.Form,
    source: Callable[[bool], PartSource],
    sheets: list[str],
    say: Callable[..., None] | None,
    announce: Announce,
) -> bytes:
    """A short form, laid out as one document: its sections run on and share pages."""
    fillers = MAX_FILLERS if form.folds else 0
    contents = forms.contents_wanted(form, len(book.chapters), 0)
    laid = _settled_whole(book, source(contents), fillers, sheets)
    # No contents page for a few chapters, unless the pages make one worth having.
    if not contents and forms.contents_wanted(form, len(book.chapters), laid.page_count - fillers + 1):
        laid = _settled_whole(book, source(True), fillers, sheets)
    problem = forms.misfit(form, _text_words(laid, form, fillers))
    if problem:
        where = book.located.problem(("form",), problem) if book.located else Problem(None, message=problem)
        raise BuildError([where])
    needed = 0
    if fillers:
        kept = [laid.anchors[f"filler-{n}"] for n in range(1, fillers + 1)]
        count = laid.page_count - fillers
        # a tri-fold is its six panels; a leaflet folded once a multiple of four pages, at least its own
        needed = max(0, form.pages - count) if form.panels else -count % 4
        if form.name == "leaflet" and not form.panels:
            needed = max(needed, form.pages - count)
        drop = set(kept[needed:])
        if drop:
            laid = typeset.keep_pages(laid, [n for n in range(1, laid.page_count + 1) if n not in drop])
    if say:
        unit = "panels" if form.panels else "pages"
        say(f"{form.said}: laid out, {laid.page_count} {unit} ({needed} filler)", step=True)
    # page numbers are known now; the PDF takes a while longer
    announce(page_spans(laid.anchors, book.all_chapters()), print_pages(weasy.page_starts(laid.document)))
    pdf = typeset.pdf(laid.document, variant="pdf/ua-1", identity=_identity(book))
    if say:
        say(f"{form.said}: PDF made", step=True)
    return pdf


def _settled_whole(book: Book, source: PartSource, fillers: int, sheets: list[str]) -> typeset.Laid:
    part, document = parts.settle("", parts.Task("", (), fillers, write=False), source, book.folders, sheets, "")
    dependencies.adopt(part.read)  # the stylesheets and fonts it read: an edit to them rebuilds it
    return typeset.Laid(document, part.anchors)


def _text_words(laid: typeset.Laid, form: forms.Form, fillers: int) -> list[int]:
    """Words set on each page of text: the pages between the front pages and the back ones."""
    pages = laid.document.pages[form.front_pages : laid.page_count - fillers - form.back_pages]
    return [weasy.words(page) for page in pages]


def _source(
    book: Book,
    form: forms.Form,
    back: list[BackItem],
    fillers: int,
    contents: bool,
    plan: pagination.Corrections,
    index: Index,
    part: str | None = None,
    pages: Numbers | None = None,
) -> str:
    """The book's HTML; with ``part``, only that part ("front", a section's anchor or "end"), rendered
    from what it reads of the book (``rendered.py``), or as kept from an earlier rendering of that."""
    seen, seen_back, seen_index = rendered.view(book, back, index, part)
    given = {"back": seen_back, "fillers": fillers, "contents": contents, "plan": plan, "index": seen_index}
    context = _context(seen, form, shared=_shared(book), part=part, pages=pages or Numbers(), **given)
    return rendered.html(TEMPLATE, book.language, book.folders, **context)


def _context(book: Book, form: forms.Form, *, shared: dict[str, Any], **given: Any) -> dict[str, Any]:
    """What the template is handed: the book (or its view), the form, ``given`` (the back matter,
    fillers, contents, corrections, index, part and page numbers) and what ``shared`` worked out."""
    fit = functools.partial(tables.fit, language=book.language)
    return {"book": book, "form": form, **given, "table_fit": fit, **shared}


@per_book
def _shared(book: Book) -> dict[str, Any]:
    """What every rendering of a book's template gets, worked out once per book (parts render it often)."""
    return {
        "people": collation.sort(list(book.people.values()), book.language, by=lambda p: p.index_as or p.name),
        "terms": collation.sort(list(book.terms.values()), book.language, by=lambda t: t.term),
        "sources": list(book.sources.values()),
        "stamp": stamp(book),
        "fallbacks": glyphs.fallbacks(book),
        # cut to one line, measured in the house face
        "heads": {doc.id: furniture.running_head(doc, book.look.italic_file) for doc in book.all_chapters()},
        "cover_title": cover_title(book),
        # a pamphlet's chapter titles in balanced lines (a leaflet's or flyer's, set small, are left to wrap)
        "openers": {doc.id: furniture.opener_title(doc.chapter.title, book.language) for doc in book.all_chapters()}
        if forms.of(book.publication).name == "pamphlet"
        else {},
        "cover_subtitle": cover_subtitle(book),
    }
