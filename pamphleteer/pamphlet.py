"""The reading edition: the model laid out by Jinja templates and CSS, typeset by WeasyPrint.

``render(book)`` returns the PDF bytes; once laid out, it hands a map of where
every chapter and appendix landed to ``on_laid_out``, for the deck and the
handout to quote ("Pamphlet, p. 14"). The page count is padded to a multiple of
four with filler pages placed before the back cover, so the booklet folds
without blank pages inside a chapter. The print edition and the booklet are
made from these same pages (imposition.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import charts, collation, glyphs, inline, model, pagination, typeset
from .content import Book, ChapterDoc, stamp
from .errors import Problem

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


def back_matter(book: Book) -> list[BackItem]:
    return [
        BackItem("chapter", item.anchor, item) if isinstance(item, ChapterDoc) else BackItem(item, f"appendix-{item}")
        for item in book.back_matter
    ]


def render(
    book: Book,
    say: Callable[..., None] | None = None,
    *,
    on_laid_out: Callable[[dict[str, tuple[int, int]]], None] | None = None,
) -> bytes:
    """Lay out the pamphlet, pad it to a multiple of four pages, and write the PDF in memory."""
    # Lay out once with three filler pages before the back cover, then keep as many as the
    # count needs: cheaper than laying out twice, and fillers carry no folio to renumber.
    plan = pagination.Plan()
    laid = _layout(book, MAX_FILLERS, plan)
    # The pagination pass: measure the pages, correct what a compositor would, lay out again.
    for _ in range(pagination.ROUNDS):
        better = pagination.review(pagination.measure(laid.document), plan)
        if better == plan:
            break
        plan = better
        laid = _layout(book, MAX_FILLERS, plan)
    fillers = [laid.anchors[f"filler-{n}"] for n in range(1, MAX_FILLERS + 1)]
    needed = -(laid.page_count - MAX_FILLERS) % 4
    drop = set(fillers[needed:])
    if drop:
        laid = typeset.keep_pages(laid, [n for n in range(1, laid.page_count + 1) if n not in drop])
    if say:
        say(f"pamphlet: laid out, {laid.page_count} pages ({needed} filler)", step=True)
    if on_laid_out:  # page numbers are known now; the PDF takes a while longer
        on_laid_out(page_spans(laid.anchors, book.all_chapters()))
    pdf = typeset.pdf(laid.document, variant="pdf/ua-1", identity=book.publication.title + stamp(book))
    if say:
        say("pamphlet: PDF made", step=True)
    return pdf


def _layout(book: Book, fillers: int, plan: pagination.Plan) -> typeset.Laid:
    source = typeset.html(
        "pamphlet/pamphlet.html.j2",
        book.language,
        book=book,
        back=back_matter(book),
        people=collation.sort(list(book.people.values()), book.language, by=lambda p: p.index_as or p.name),
        terms=collation.sort(list(book.terms.values()), book.language, by=lambda t: t.term),
        sources=list(book.sources.values()),
        index=Index(book.people, book.language),
        fillers=fillers,
        stamp=stamp(book),
        fallbacks=glyphs.fallbacks(book),
        column_widths=column_widths,
        plan=plan,
        palette=list(charts.palette()),
    )
    return typeset.layout(source, book.root, STYLESHEETS)
