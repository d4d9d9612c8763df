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

import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pamphleteer.content import Book, ChapterDoc, per_book, reading, stamp
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import dependencies
from pamphleteer.render import charts, typeset, weasy
from pamphleteer.text import balance, collation, glyphs, inline

from . import forms, furniture, pagination, parts, rendered, tables
from .byparts import Announce, PageMap, PrintPages, by_parts, identity, page_spans, print_pages
from .nameindex import Index, numbered

TEMPLATE = "pamphlet/pamphlet.html.j2"
STYLESHEETS = ["pamphlet/pamphlet.css"]
TRIFOLD_STYLESHEET = "pamphlet/trifold.css"  # a tri-fold's panel sizes and margins, over pamphlet.css
MAX_FILLERS = 3


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


def back_matter(book: Book, form: forms.Form | None = None) -> list[BackItem]:
    """The back matter that has something in it: an empty register or appendix is left out.

    The index of names is kept here when there are people; ``render`` drops it too when no
    chapter mentions one of them. A leaflet or flyer has no page numbers to index.
    """
    entries = _entries(book, form)
    items = []
    for item in book.back_matter:
        if isinstance(item, ChapterDoc):
            if item.chapter.blocks or item.chapter.summary:
                items.append(BackItem("chapter", item.anchor, item))
        elif entries[item]:
            items.append(BackItem(item, f"appendix-{item}"))
    return items


def left_out(book: Book, printed: bool) -> list[Problem]:
    """Warnings for the appendices ``publication.yaml`` lists that :func:`back_matter` leaves out: a register
    with no entries, in every output; ``printed``, the index of names a form without page numbers (a leaflet,
    a flyer) does not print. Said only where the author wrote ``appendices``: the default list asks for
    whatever there is."""
    located = book.located
    if located is None or "appendices" not in (located.data or {}):
        return []
    form = forms.of(book.publication)
    empty = {name for name, entries in _entries(book, None).items() if not entries}
    found = []
    for i, name in enumerate(book.publication.appendices):
        if printed and name == "index" and form.runs_on and "index" not in empty:
            said = f"a {form.name} has no page numbers to index: the index of names is left out of its pages"
        elif not printed and name == "index" and "index" in empty:
            said = "the index of names is made from the people register, which has no entries: it is left out"
        elif not printed and name in reading.REGISTERS and name in empty:
            file = reading.REGISTERS[name][0]
            lacking = (
                f"there is no {file}"
                if book.translation is None and not (book.root / file).is_file()
                else (f"{file} has no entries")
            )
            said = f"'{name}' is listed, but {lacking}: the appendix is left out"
        else:
            continue
        found.append(located.problem(("appendices", i), said))
    return found


def _entries(book: Book, form: forms.Form | None) -> dict[str, Any]:
    return {
        "people": book.people,
        "timeline": book.events,
        "glossary": book.terms,
        "sources": book.sources,
        "index": book.people if form is None or not form.runs_on else (),
    }


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

    def saved_last(self, names: list[str], after: int) -> str | None:
        """Of the parts ``names`` that are one chapter's, the one whose file was saved last, if saved after
        ``after`` (nanoseconds): after an edit, the part to lay out again (a hint for the order of work
        only: nothing made depends on it)."""
        saved = {}
        for doc in self.book.all_chapters():
            if doc.anchor in names and doc.located is not None:
                with contextlib.suppress(OSError):
                    saved[doc.anchor] = doc.located.path.stat().st_mtime_ns
        last = max(saved, key=lambda name: saved[name], default=None)
        return last if last is not None and saved[last] > after else None

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

    A pamphlet is laid out part by part (``byparts.py``, ``parts.py``), ``jobs`` workers side by side, keeping
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
    layouts = parts.Layouts(book.folders, sheets, identity(book), source(False), jobs, cache, fresh)
    try:
        return by_parts(book, form, back, index, source, layouts, say, announce, stats)
    finally:
        layouts.close()


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
    pdf = typeset.pdf(laid.document, variant="pdf/ua-1", identity=identity(book))
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
