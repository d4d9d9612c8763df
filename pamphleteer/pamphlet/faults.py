"""What the pagination pass could not mend, read from a settled part's pages: the build's warnings.

The compositor's rules (``rules.py``) correct a part until nothing is left to correct, but some
pages no correction can save: a chapter whose last page holds only the two lines of a quotation,
a page left a third empty because the table after it fits nowhere, a footnote WeasyPrint sent on
to the page after its call. Such a page would print
without a word, so :func:`found` names each one the settled pages still hold, with the press's
own measures (``tests/layout.py`` reads the built PDF with the same ones), and :func:`problems`
words it for the author, at the block of the chapter's file it concerns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from pamphleteer.content import Book
from pamphleteer.content.model import GENERATED_APPENDICES
from pamphleteer.errors import Problem
from pamphleteer.render.weasy import MeasuredPage
from pamphleteer.text import words

from .rules import MIN_FULL, MIN_LINES, MOVABLE, last_lines


@dataclass(frozen=True)
class Fault:
    """A page a press would not let through: a section's ``runt`` last page, a ``hole`` mid-section, or a
    page whose footnote (a ``note``) is set on a later one."""

    kind: str  # "runt", "hole" or "note"
    page: int  # within its part, from 1
    section: str  # the section's anchor (``chapter-works``)
    block: str  # the block it concerns (``works/12``), or ""
    amount: float  # a runt's lines, a hole's share of the page left white (1 for a note)

    def as_list(self) -> list[str | int | float]:
        """As JSON keeps it (the part cache)."""
        return [self.kind, self.page, self.section, self.block, round(self.amount, 3)]

    @classmethod
    def from_list(cls, kept: list) -> Fault:
        """As JSON kept it (a TypeError or ValueError for anything else)."""
        kind, page, section, block, amount = kept
        return cls(str(kind), int(page), str(section), str(block), float(amount))


def found(pages: list[MeasuredPage]) -> tuple[Fault, ...]:
    """The faults of a part's settled ``pages``."""
    out = [Fault("note", page.number, page.section, block, 1) for page in pages for block in page.notes_later]
    by_section: dict[str, list[MeasuredPage]] = {}
    for page in pages:
        if page.section:
            by_section.setdefault(page.section, []).append(page)
    for section, spread in by_section.items():
        if len(spread) < 2:
            continue
        last = spread[-1]
        lines = last_lines(last)
        if lines < MIN_LINES - 0.5:
            block = last.first_line_block or last.first_block
            shown = last.lines if 0 < last.lines < lines else max(1, round(lines))  # the lines a reader counts
            out.append(Fault("runt", last.number, section, block, shown))
        for page, following in pairwise(spread):
            if page.white > 1 - MIN_FULL and not _box_runs_on(page, following):
                out.append(Fault("hole", page.number, section, following.first_block, page.white))
    return tuple(sorted(out, key=lambda f: (f.page, f.kind)))


def _box_runs_on(page: MeasuredPage, following: MeasuredPage) -> bool:
    """Whether the page ends in a box (a timeline, a table) that goes on over the turn: its tint or rules
    reach the foot of the page, so the room left after its last entry is inside it, not a hole (the
    press's check, reading ink, sees the same)."""
    last = page.blocks[-1] if page.blocks else ""
    if page.tags.get(last) not in MOVABLE:
        return False
    return following.first_line_block == last or following.items.get(last, 0) > 0


def problems(book: Book, faults: Iterable[tuple[int, Fault]]) -> list[Problem]:
    """Each fault (with the book's page number of its part's first page) worded for the author: at the
    block of the chapter's file it concerns, or naming the register."""
    docs = {doc.id: doc for doc in book.all_chapters()}
    titles = {doc.anchor: doc.chapter.title for doc in book.all_chapters()}
    said = words.catalogue(book.language)
    # a register by the title it is printed under ('Index of names'), as the author finds it in the pamphlet
    registers = {f"appendix-{kind}": said[kind] for kind in GENERATED_APPENDICES}
    out = []
    for first, fault in faults:
        page = first + fault.page - 1
        title = titles.get(fault.section) or registers.get(fault.section)
        where = f"'{title}'" if title else f"the {fault.section} section"
        register = fault.section in registers
        if fault.kind == "runt":
            lines = int(fault.amount)
            cure = (
                "a few lines more or fewer before it would"
                if register
                else "lengthen or shorten the chapter by a few lines"
            )
            message = (
                f"the last page of {where}, p. {page}, holds only {lines} line{'s' if lines != 1 else ''} of this; "
                f"the pagination pass could not mend it: {cure}"
            )
        elif fault.kind == "note":
            message = (
                f"a footnote of this, called on p. {page} of {where}, is set on a later page; the pagination pass "
                "could not mend it: shorten the note, or move it in the chapter"
            )
        else:
            message = (
                f"this did not fit at the foot of p. {page}, which is left {fault.amount:.0%} empty in {where}; "
                "the pagination pass could not mend it: "
                + ("shorten this entry or the one before it" if register else "shorten this, or move it in the chapter")
            )
        doc_id, _, index = fault.block.partition("/")
        doc = docs.get(doc_id)
        if doc is not None and index.isdigit() and int(index) < len(doc.chapter.blocks):
            i = int(index)
            out.append(doc.located.problem(("blocks", i, doc.chapter.blocks[i].kind), message))
        else:
            out.append(Problem(None, field="pamphlet", message=message))
    return out
