"""The pamphlet's index of names: an anchor for every mention of a person, numbered in book order.

:func:`numbered` finds the mentions in the model, in the order ``templates/pamphlet`` places
them (``index.mark``: a person reference, an unlinked mention that ``text/mentions.py`` finds,
a quotation's speaker), chapter by chapter, so the book's anchors are known without rendering
the book. The parts then render with those anchors (:class:`Index`), each on its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pamphleteer.content import Book, ChapterDoc, model
from pamphleteer.text import collation, inline, mentions


class Pages(Protocol):
    """Page numbers by anchor ("" when not known), as a part's template asks for them."""

    def get(self, anchor: str, default: int | str = "") -> int | str: ...


@dataclass
class Index:
    """The index of names: every mention of a person in a chapter gets an anchor, linked or not
    (``text/mentions.py`` finds the unlinked ones by the register's name forms).

    A mention is known by its chapter, its person and its order among that person's mentions
    there; anchors are numbered in book order (:func:`numbered`), and a chapter keeps its anchors
    when it is rendered alone, so a part laid out on its own carries the same anchors as the
    whole book.
    """

    people: Any  # id -> model.Person
    language: str = "en"
    assigned: dict[tuple[str, str, int], str] = field(default_factory=dict)
    placed: dict[tuple[str, str], int] = field(default_factory=dict)

    def mark(self, where: str, person: str) -> str:
        if person not in self.people:
            return ""
        nth = self.placed[(where, person)] = self.placed.get((where, person), 0) + 1
        if (where, person, nth) not in self.assigned:
            number = self._numbered(person) + 1
            self.assigned[(where, person, nth)] = f"ix-{person}-{number}"
            counts = self._counted[1]
            counts[person] = number
            self._counted = (len(self.assigned), counts)
        return self.assigned[(where, person, nth)]

    def _numbered(self, person: str) -> int:
        """How many of ``person``'s mentions have an anchor: counted once, then kept with the count of
        anchors it was counted at (``assigned`` is shared with a :meth:`fresh` copy), not counted
        again for every mention (a book ten times ours has some 4,000)."""
        counted = getattr(self, "_counted", None)  # no field: no part of the index's digest or equality
        if counted is None or counted[0] != len(self.assigned):
            counts: dict[str, int] = {}
            for _, p, _ in self.assigned:
                counts[p] = counts.get(p, 0) + 1
            self._counted = counted = (len(self.assigned), counts)
        return counted[1].get(person, 0)

    def fresh(self) -> Index:
        """The same anchors, none of them placed yet: for rendering again."""
        return Index(self.people, self.language, self.assigned)

    @property
    def marks(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for (_, person, _), anchor in self.assigned.items():
            found.setdefault(person, []).append(anchor)
        return found

    def entries(self) -> list[tuple[model.Person, list[str]]]:
        found = [(self.people[pid], anchors) for pid, anchors in self.marks.items()]
        return collation.sort(found, self.language, by=lambda e: e[0].index_as or e[0].name)

    @staticmethod
    def places(anchors: list[str], pages: Pages) -> list[tuple[str, int | str]]:
        """Each page a person is named on, once, with the first of their anchors there, in page
        order; anchors whose page is not known yet are all kept (the index is then longest)."""
        seen: dict[int | str, str] = {}
        unknown = []
        for anchor in anchors:
            page = pages.get(anchor, "")
            if page == "":
                unknown.append((anchor, page))
            else:
                seen.setdefault(page, anchor)
        return [(anchor, page) for page, anchor in sorted(seen.items(), key=lambda item: int(item[0]))] + unknown


def numbered(book: Book, docs: Sequence[ChapterDoc]) -> Index:
    """The index with every mention in ``docs`` (the chapters the book prints, in book order) given
    its anchor, as rendering the whole book would give them."""
    index = Index(book.people, book.language)
    for doc in docs:
        for person in named(book, doc):
            index.mark(doc.id, person)
    return index


def named(book: Book, doc: ChapterDoc) -> Iterator[str]:
    """The people a chapter names, a person for each mention, in the order the template marks them."""
    chapter = doc.chapter
    yield from _in_text(book, chapter.summary)
    for block in chapter.blocks:  # in their own order: the index is numbered from the uncorrected book
        yield from _in_block(book, block)


def _in_block(book: Book, b: model.Block) -> Iterator[str]:
    kind = b.kind
    if kind in ("p", "pullquote"):
        yield from _in_text(book, b.body)
    elif kind in ("list", "numbered"):
        for item in b.body:
            yield from _in_text(book, item)
    elif kind == "quote":
        yield from _in_text(book, b.quote.text)
        if not b.quote.by and b.quote.who is not None:
            yield b.quote.who  # the attribution names the speaker, linked
        yield from _in_text(book, b.quote.source)
    elif kind == "table":
        for row in b.table.rows:
            for cell in row:
                yield from _in_text(book, cell)
        yield from _in_text(book, b.table.source)
    elif kind == "figure":
        series = book.series[b.figure.series]
        yield from _in_text(book, b.figure.caption)
        yield from _in_text(book, series.note)
        yield from _in_text(book, series.source)
    elif kind == "timeline":
        for event in book.events_between(b.timeline.start, b.timeline.end):
            yield from _in_text(book, event.text)
    elif kind == "notice":
        yield from _in_text(book, b.notice.place)
        for line in b.notice.contact:
            yield from _in_text(book, line)
    elif kind == "image":
        yield from _in_text(book, b.image.caption)


def _in_text(book: Book, text: str | None) -> Iterator[str]:
    """Each person a text names, in order: its references to people and its unlinked mentions
    (the spans the template's ``inline | mentions`` filters make, walked as its macro walks them)."""
    if not text:
        return
    for span in inline.walk(mentions.split(inline.parse(text, book.language), book)):
        if span.kind == "mention" or (span.kind == "ref" and span.ref_kind == "person"):
            yield span.ref_id
