"""The reading edition: the model laid out by Jinja templates and CSS, typeset by WeasyPrint.

``render(book)`` returns the PDF bytes of the publication in its form (a pamphlet,
a leaflet or a flyer: see ``forms.py``); once laid out, it hands a map of where
every chapter and appendix landed to ``on_laid_out``, for the deck and the
handout to quote ("Pamphlet, p. 14"). Nothing empty is printed: registers with no
entries are left out, the contents page only comes when there is something to
navigate. A folded form's page count is padded to a multiple of four with notes
pages placed before the back cover, so the booklet folds without blank pages
inside a chapter; content that overruns a leaflet or flyer is a build error that
says how many words to cut. The print edition and the booklet are made from
these same pages (imposition.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from weasyprint.formatting_structure import boxes

from pamphleteer.content import Book, ChapterDoc, model, per_book, stamp
from pamphleteer.errors import BuildError, Problem
from pamphleteer.render import charts, typeset
from pamphleteer.text import collation, glyphs, inline

from . import forms, furniture, join, pagination, parts

STYLESHEETS = ["pamphlet/pamphlet.css"]
MAX_FILLERS = 3


@dataclass(frozen=True)
class BackItem:
    """An entry of the back matter: a generated register or an appendix chapter."""

    kind: str  # people, timeline, glossary, sources, index or chapter
    anchor: str
    doc: ChapterDoc | None = None


@dataclass
class Index:
    """The index of names: the first mention of each person in each chapter gets an anchor.

    Anchors are numbered in the order chapters are first rendered, and a chapter keeps its
    anchor when it is rendered again alone (``fresh``), so a part laid out on its own carries
    the same anchors as the whole book.
    """

    people: dict[str, model.Person]
    language: str = "en"
    assigned: dict[tuple[str, str], str] = field(default_factory=dict)
    placed: set[tuple[str, str]] = field(default_factory=set)

    def mark(self, where: str, person: str) -> str:
        if (where, person) in self.placed or person not in self.people:
            return ""
        self.placed.add((where, person))
        if (where, person) not in self.assigned:
            number = sum(1 for (_, p) in self.assigned if p == person) + 1
            self.assigned[(where, person)] = f"ix-{person}-{number}"
        return self.assigned[(where, person)]

    def fresh(self) -> Index:
        """The same anchors, none of them placed yet: for rendering again."""
        return Index(self.people, self.language, self.assigned)

    @property
    def marks(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for (_, person), anchor in self.assigned.items():
            found.setdefault(person, []).append(anchor)
        return found

    def entries(self) -> list[tuple[model.Person, list[str]]]:
        found = [(self.people[pid], anchors) for pid, anchors in self.marks.items()]
        return collation.sort(found, self.language, by=lambda e: e[0].index_as or e[0].name)


def column_widths(table: model.Table) -> list[float]:
    """Each column's share of the text block (percent), from what its cells hold.

    A column gets the room of its longest word (up to 16 characters: anything longer,
    a URL say, breaks inside the cell) or of its average cell (up to 36), whichever is
    more; so one long cell cannot crush the others.
    """
    needs = []
    for j, heading in enumerate(table.columns):
        cells = [row[j] for row in table.rows if j < len(row)] or [""]
        words = [len(w) for text in [heading, *cells] for w in text.split()] or [1]
        mean = sum(len(c) for c in cells) / len(cells)
        needs.append(max(min(max(words), 16), min(mean, 36), 3))
    total = sum(needs)
    return [round(100 * n / total, 1) for n in needs]


RUNNING_HEAD_PT = 8.0  # the running head's size (pamphlet.css, @top-right)
TEXT_BLOCK_PT = (148 - 17 - 14) * 72 / 25.4  # A5 less the side margins


def running_head_width(text: str) -> float:
    """How wide ``text`` sets as a running head (PT Serif Italic), in points."""
    return charts.text_width(text, RUNNING_HEAD_PT, face="PTF56F.ttf")


def title_problems(book: Book) -> list[Problem]:
    """A problem for each chapter whose running head would not fit on one line: it needs ``short_title``."""
    problems = []
    for doc in book.all_chapters():
        head = inline.smart(doc.running_head, book.language)
        if running_head_width(head) > TEXT_BLOCK_PT:
            field = "short_title" if doc.chapter.short_title else "title"
            advice = "shorten it" if doc.chapter.short_title else "add a short_title (50 characters at most)"
            problems.append(doc.located.problem((field,), f"too long for the running head on one line: {advice}"))
    return problems


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


def render(
    book: Book,
    say: Callable[..., None] | None = None,
    *,
    on_laid_out: Callable[[dict[str, tuple[int, int]]], None] | None = None,
    jobs: int = 0,
    cache: Path | None = None,
    fresh: bool = False,
    stats: dict[str, Any] | None = None,
) -> bytes:
    """Lay out the publication in its form, pad a folded one to a multiple of four pages, write the PDF.

    A pamphlet is laid out part by part (``parts.py``), ``jobs`` workers side by side, keeping
    its parts in ``cache`` between builds (``fresh``: laying them all out again); a leaflet or
    flyer, whose sections run on and share pages, as one document. ``stats``, if given, gets
    each part's layout time and the join's.
    """
    form = forms.of(book.publication)
    back = back_matter(book, form)
    index = Index(book.people, book.language)
    _source(book, form, back, 0, False, pagination.Plan(), index)  # numbers the index's anchors in book order
    if any(item.kind == "index" for item in back) and not index.assigned:
        back = [item for item in back if item.kind != "index"]  # no chapter names anyone in the register
    sheets = typeset.stylesheets(STYLESHEETS, book.language)
    if not form.runs_on:
        layouts = parts.Layouts(book.folders, sheets, _identity(book), jobs, cache, fresh)
        try:
            return _by_parts(book, form, back, index, say, on_laid_out, layouts, {} if stats is None else stats)
        finally:
            layouts.close()
    fillers = MAX_FILLERS if form.folds else 0
    contents = forms.contents_wanted(form, len(book.chapters), 0)
    laid = _paginated(book, form, back, fillers, contents)
    # No contents page for a few chapters, unless the pages make one worth having.
    if not contents and forms.contents_wanted(form, len(book.chapters), laid.page_count - fillers + 1):
        contents = True
        laid = _paginated(book, form, back, fillers, contents)
    problem = forms.misfit(form, _text_words(laid, form, fillers))
    if problem:
        where = book.located.problem(("form",), problem) if book.located else Problem(None, message=problem)
        raise BuildError([where])
    if fillers:
        kept = [laid.anchors[f"filler-{n}"] for n in range(1, fillers + 1)]
        needed = -(laid.page_count - fillers) % 4
        if form.name == "leaflet":
            needed = max(needed, form.pages - (laid.page_count - fillers))
        drop = set(kept[needed:])
        if drop:
            laid = typeset.keep_pages(laid, [n for n in range(1, laid.page_count + 1) if n not in drop])
    else:
        needed = 0
    if say:
        say(f"{form.name}: laid out, {laid.page_count} pages ({needed} filler)", step=True)
    if on_laid_out:  # page numbers are known now; the PDF takes a while longer
        on_laid_out(page_spans(laid.anchors, book.all_chapters()))
    pdf = typeset.pdf(laid.document, variant="pdf/ua-1", identity=_identity(book))
    if say:
        say(f"{form.name}: PDF made", step=True)
    return pdf


def _identity(book: Book) -> str:
    return book.publication.title + stamp(book)


def _by_parts(
    book: Book,
    form: forms.Form,
    back: list[BackItem],
    index: Index,
    say: Callable[..., None] | None,
    on_laid_out: Callable[[dict[str, tuple[int, int]]], None] | None,
    layouts: parts.Layouts,
    stats: dict[str, Any],
) -> bytes:
    """The pamphlet laid out part by part, paginated, padded with notes pages, joined and furnished.

    Each round renders every part with the current plan and page map and lays out again only the
    parts whose HTML changed; it ends when the pagination pass has nothing more to correct and
    the page numbers the parts quote are the ones the layout gave. It starts from where the last
    build settled, if the cache knows, so an unchanged part is found laid out as it was.
    """
    main = ["front", *(c.anchor for c in book.chapters), *(item.anchor for item in back)]
    contents = forms.contents_wanted(form, len(book.chapters), 0)
    last = layouts.notes()

    def settle(contents: bool) -> tuple[list[parts.LaidPart], dict[str, int], pagination.Plan]:
        plan, pages = _plan(last.get("plan", {})), dict[str, int](last.get("pages", {}))
        for _ in range(pagination.ROUNDS + 2):
            sources = {n: _source(book, form, back, 0, contents, plan, index.fresh(), n, pages) for n in main}
            laid = list(layouts.get(sources, say).values())
            found = _page_map(laid)
            better = pagination.review(_measured(laid), plan)
            if better != plan:  # the page numbers wait: each correction may move them again
                plan = better
                continue
            if all(pages.get(a) == found.get(a) for a in _quoted(main, index)):
                break
            pages = found
        return laid, found, plan

    laid, found, plan = settle(contents)
    total = sum(p.page_count for p in laid)
    # No contents page for a few chapters, unless the pages make one worth having.
    if not contents and forms.contents_wanted(form, len(book.chapters), total + form.back_pages):
        laid, found, plan = settle(True)
    settled = {"plan": {k: sorted(v) for k, v in asdict(plan).items()}, "pages": found}
    # The end: as many notes pages as make, with the back cover (one page, as the last build found, unless
    # it says otherwise), a multiple of four; laid out again if the back cover came out longer.
    main_pages, back_cover = sum(p.page_count for p in laid), int(last.get("back_cover", 1))
    for _ in range(2):
        fillers = -(main_pages + back_cover) % 4 if form.folds else 0
        source = _source(book, form, back, fillers, contents, pagination.Plan(), index.fresh(), "end", found)
        end = layouts.get({"end": source}, say)["end"]
        if end.page_count - fillers == back_cover:
            break
        back_cover = end.page_count - fillers
    laid.append(end)
    found = _page_map(laid)
    pages_total = sum(p.page_count for p in laid)
    if say:
        say(
            f"{form.name}: laid out, {pages_total} pages ({fillers} filler, {layouts.laid_out} part layouts)", step=True
        )
    if on_laid_out:  # page numbers are known now; the PDF takes a while longer
        on_laid_out(page_spans(found, book.all_chapters()))
    started = time.perf_counter()
    pdf = _joined(book, form, laid, layouts)
    stats.update(
        parts={name: part.seconds for name, part in zip([*main, "end"], laid, strict=True)},
        join=time.perf_counter() - started,
        layouts=layouts.laid_out,
        rounds=layouts.rounds,
    )
    layouts.remember({**settled, "back_cover": back_cover})
    if say:
        say(f"{form.name}: PDF made", step=True)
    return pdf


def _plan(kept: dict[str, list[str]]) -> pagination.Plan:
    """A plan as the cache kept it; an empty one if it does not fit today's Plan."""
    try:
        return pagination.Plan(**{k: frozenset(v) for k, v in kept.items()})
    except TypeError:
        return pagination.Plan()


def _joined(book: Book, form: forms.Form, laid: list[parts.LaidPart], layouts: parts.Layouts) -> bytes:
    """The parts joined into one PDF, with their running heads and folios drawn over them."""
    drawn_pdf, xs, drawn = furniture.lay_out(book, form, laid, layouts)
    drawing = furniture.Drawing(drawn_pdf, laid, xs, drawn)
    try:
        ident = typeset.identifier(_identity(book))
        return join.join([join.Part(p.pdf, p.borrowed) for p in laid], identity=ident, on_pages=drawing)
    finally:
        drawing.close()


def _page_map(laid: list[parts.LaidPart]) -> dict[str, int]:
    """Anchor -> page number in the book, from each part's own anchors and where it starts."""
    found: dict[str, int] = {}
    start = 0
    for part in laid:
        for anchor, page in part.anchors.items():
            found.setdefault(anchor, start + page)
        start += part.page_count
    return found


def _measured(laid: list[parts.LaidPart]) -> list[pagination.Page]:
    """The parts' measured pages in book order, numbered through."""
    pages = [replace(page) for part in laid for page in part.measured]
    for number, page in enumerate(pages, 1):
        page.number = number
    return pages


def _quoted(main: list[str], index: Index) -> set[str]:
    """The anchors whose page numbers the parts print: sections (contents, cross-references) and index marks."""
    return {*main, *index.assigned.values()} - {"front"}


def _paginated(book: Book, form: forms.Form, back: list[BackItem], fillers: int, contents: bool) -> typeset.Laid:
    """Laid out with ``fillers`` notes pages before the back cover, after the pagination pass.

    Laying out once with all the fillers and then dropping those the count does not need is
    cheaper than laying out twice, and fillers carry no folio to renumber.
    """
    plan = pagination.Plan()
    laid = _layout(book, form, back, fillers, contents, plan)
    # The pagination pass: measure the pages, correct what a compositor would, lay out again.
    for _ in range(pagination.ROUNDS):
        better = pagination.review(pagination.measure(laid.document), plan)
        if form.runs_on:  # sections share pages: a short last page is the next section's first, not a runt
            better = replace(better, tight=plan.tight, loose=plan.loose, carry=plan.carry)
        if better == plan:
            break
        plan = better
        laid = _layout(book, form, back, fillers, contents, plan)
    return laid


def _text_words(laid: typeset.Laid, form: forms.Form, fillers: int) -> list[int]:
    """Words set on each page of text: the pages between the front pages and the back ones."""
    pages = laid.document.pages[form.front_pages : laid.page_count - fillers - form.back_pages]
    return [_words(page._page_box) for page in pages]  # WeasyPrint keeps the laid-out tree here


def _words(box: Any) -> int:
    if isinstance(box, boxes.TextBox):
        return len(box.text.split())
    return sum(_words(child) for child in getattr(box, "children", []) if not isinstance(child, boxes.MarginBox))


def _layout(
    book: Book, form: forms.Form, back: list[BackItem], fillers: int, contents: bool, plan: pagination.Plan
) -> typeset.Laid:
    source = _source(book, form, back, fillers, contents, plan, Index(book.people, book.language))
    return typeset.layout(source, book.folders, typeset.stylesheets(STYLESHEETS, book.language))


def _source(
    book: Book,
    form: forms.Form,
    back: list[BackItem],
    fillers: int,
    contents: bool,
    plan: pagination.Plan,
    index: Index,
    part: str | None = None,
    pages: dict[str, int] | None = None,
) -> str:
    """The book's HTML; with ``part``, only that part ("front", a section's anchor or "end")."""
    return typeset.html(
        "pamphlet/pamphlet.html.j2",
        book.language,
        book=book,
        form=form,
        contents=contents,
        back=back,
        index=index,
        fillers=fillers,
        plan=plan,
        part=part,
        pages=pages or {},
        column_widths=column_widths,
        **_shared(book),
    )


@per_book
def _shared(book: Book) -> dict[str, Any]:
    """What every rendering of a book's template gets, worked out once per book (parts render it often)."""
    return {
        "people": collation.sort(list(book.people.values()), book.language, by=lambda p: p.index_as or p.name),
        "terms": collation.sort(list(book.terms.values()), book.language, by=lambda t: t.term),
        "sources": list(book.sources.values()),
        "stamp": stamp(book),
        "fallbacks": glyphs.fallbacks(book),
        "palette": list(charts.palette()),
    }
