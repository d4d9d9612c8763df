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

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from weasyprint.formatting_structure import boxes

from . import charts, collation, forms, glyphs, inline, model, pagination, typeset
from .content import Book, ChapterDoc, stamp
from .errors import BuildError, Problem

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
    """The index of names: the first mention of each person in each chapter gets an anchor."""

    people: dict[str, model.Person]
    language: str = "en"
    marks: dict[str, list[str]] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def mark(self, where: str, person: str) -> str:
        if (where, person) in self.seen or person not in self.people:
            return ""
        self.seen.add((where, person))
        anchor = f"ix-{person}-{len(self.marks.get(person, [])) + 1}"
        self.marks.setdefault(person, []).append(anchor)
        return anchor

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
) -> bytes:
    """Lay out the publication in its form, pad a folded one to a multiple of four pages, write the PDF."""
    form = forms.of(book.publication)
    back = back_matter(book, form)
    if any(item.kind == "index" for item in back) and not _indexed(book, back):
        back = [item for item in back if item.kind != "index"]  # no chapter names anyone in the register
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
    pdf = typeset.pdf(laid.document, variant="pdf/ua-1", identity=book.publication.title + stamp(book))
    if say:
        say(f"{form.name}: PDF made", step=True)
    return pdf


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


def _indexed(book: Book, back: list[BackItem]) -> bool:
    """Whether any chapter marks a person for the index (the template marks them as it sets the text)."""
    index = Index(book.people, book.language)
    _source(book, forms.of(book.publication), back, 0, False, pagination.Plan(), index)
    return bool(index.marks)


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
    return typeset.layout(source, book.root, typeset.stylesheets(STYLESHEETS, book.language))


def _source(
    book: Book,
    form: forms.Form,
    back: list[BackItem],
    fillers: int,
    contents: bool,
    plan: pagination.Plan,
    index: Index,
) -> str:
    return typeset.html(
        "pamphlet/pamphlet.html.j2",
        book.language,
        book=book,
        form=form,
        contents=contents,
        back=back,
        people=collation.sort(list(book.people.values()), book.language, by=lambda p: p.index_as or p.name),
        terms=collation.sort(list(book.terms.values()), book.language, by=lambda t: t.term),
        sources=list(book.sources.values()),
        index=index,
        fillers=fillers,
        stamp=stamp(book),
        fallbacks=glyphs.fallbacks(book),
        column_widths=column_widths,
        plan=plan,
        palette=list(charts.palette()),
    )
