"""The pagination pass: what a compositor corrects once the pages are laid out.

WeasyPrint breaks pages where its first pass drops them, guided by the stylesheet's
``orphans``, ``widows``, ``break-inside`` and ``break-after``. This module reads the
laid-out ``weasyprint.Document`` and returns the :class:`Corrections` for the
templates to apply on the next layout:

- a section (chapter or appendix) ending on a runt, less than four lines on its
  last page: if the runt is the tail of a paragraph, that paragraph carries four
  lines over (``widows: 4``); otherwise the section is set a little tighter so the
  runt comes back or, if that cannot be enough, a little looser so four lines go over;
- a page left more than a fifth empty in the middle of a section because a whole
  block (a chart, a table, a quotation, a timeline box) did not fit is filled: that
  block moves after the paragraph that follows it, which takes its place, never past a
  heading; a quotation that still leaves the hole there breaks over the page, three lines
  at least a side; with no text of its subsection after it, a figure is set smaller or
  before a paragraph it fits above;
- a register never ends on a page of fewer than three entries: it is set tighter or looser;
- a box (table, timeline, list) that breaks with fewer than three items on one
  side turns the page earlier if it is long enough to keep three on each side, and
  is kept whole if not; one with fewer than three items before the turn is first set closer (and
  its section tighter) to make room for a third; a figure that ends a section and left a hole is
  set smaller to fit it; if that is not enough, it is set before the last paragraph it fits
  above, so text follows it, or else smaller again;
- a paragraph whose last word on a page is hyphenated over the page turn is set
  without hyphenation;
- in a ladder of three or more hyphenated line ends, one line's word is kept whole: the one
  that leaves no three in a row and moves the least to the next line.

The rules themselves are in ``rules.py``, one function each. ``review`` is pure deciding, no
layout; a part is laid out again only when its corrections changed (``parts.py``), and
:class:`Settling` makes sure that ends: a correction the rules once took back is never tried again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from itertools import pairwise

from pamphleteer.render.weasy import MeasuredPage

from . import rules

# A figure set compact, and smaller still, takes this share of its size (pamphlet.css: figure.compact)
COMPACT, COMPACT_SMALLER = 0.72, 0.6
ROUNDS = 6  # layouts of one part: the corrections settle in two or three; a cap, as each round is a layout


@dataclass(frozen=True)
class Corrections:
    """Corrections by block key (``chapter-id/3``) and section anchor (``chapter-id``)."""

    tight: frozenset[str] = frozenset()
    loose: frozenset[str] = frozenset()
    defer: frozenset[str] = frozenset()  # blocks set after the paragraph that follows them
    farther: frozenset[str] = frozenset()  # deferred blocks that still left a hole: set after two blocks
    carry: frozenset[str] = frozenset()  # paragraphs that carry four lines (widows: 4) onto the next page
    whole: frozenset[str] = frozenset()  # boxes that split with fewer than 3 items on a side: kept whole
    turns: frozenset[str] = frozenset()  # "key#n": a long box turns the page before its item n
    compact: frozenset[str] = frozenset()  # figures set smaller, boxes set closer, to fit the room before them
    unbroken: frozenset[str] = frozenset()  # "key|word": a word of block key kept whole (a ladder's rung, a page turn)
    split: frozenset[str] = frozenset()  # quotes deferred and still leaving a hole: free to break over the page
    smaller: frozenset[str] = frozenset()  # figures still too tall when compact: set smaller again
    advance: frozenset[str] = frozenset()  # "a/7>a/5": block a/7 set before paragraph a/5, where it fits

    def as_lists(self) -> dict[str, list[str]]:
        """As JSON keeps it."""
        return {f.name: sorted(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_lists(cls, kept: dict[str, list[str]]) -> Corrections:
        """As JSON kept it (a KeyError or TypeError for anything else)."""
        return cls(**{f.name: frozenset(map(str, kept[f.name])) for f in fields(cls)})

    def fit(self, section: str) -> str:
        """The class a section's spacing takes: "tight", "loose" or ""."""
        return "tight" if section in self.tight else "loose" if section in self.loose else ""

    def unbroken_words(self, key: str) -> tuple[str, ...]:
        """The words of block ``key`` to keep whole, to break a ladder of hyphens."""
        return tuple(sorted(w for k, _, w in (u.partition("|") for u in self.unbroken) if k == key))

    def chart_scale(self, key: str) -> float:
        """The share of its height chart ``key`` is drawn at: 72% compact, 60% smaller (pamphlet.css sets a
        picture, or a pie or horizontal bars whose labels need their height, at that share of the measure instead:
        ``chart_layout.SHORTENED``)."""
        return (
            COMPACT_SMALLER if key in self.smaller and key in self.compact else COMPACT if key in self.compact else 1.0
        )

    def turn(self, key: str, item: int) -> bool:
        """Whether the page turns before item ``item`` (0-based) of block ``key``."""
        return f"{key}#{item}" in self.turns

    def order(self, where: str, kinds: Sequence[str]) -> list[int]:
        """Block indexes of a section in the order to set them, given each block's kind.

        A deferred block moves past the block that follows it (the two that follow it, when
        ``farther``), never past a subheading: a float stays in the subsection it was placed in.
        """
        order = list(range(len(kinds)))
        for move in sorted(self.advance):  # in one order whatever the hash seed
            block, _, before = move.partition(">")
            if block.rpartition("/")[0] == where:
                moved, target = int(block.rpartition("/")[2]), int(before.rpartition("/")[2])
                if moved < len(order) and target < len(order):
                    order.remove(moved)
                    order.insert(order.index(target), moved)
        i = 0
        while i < len(order) - 1:
            key = f"{where}/{order[i]}"
            if key in self.defer:
                # a float is never moved past a heading, into another subsection
                steps = 2 if key in self.farther else 1
                passed = 0
                while passed < steps and i + passed + 1 < len(order) and kinds[order[i + passed + 1]] != "heading":
                    passed += 1
                order[i : i + passed + 1] = [*order[i + 1 : i + passed + 1], order[i]]
                i += passed  # a deferred block moves once only
            i += 1
        return order


NONE = Corrections()  # a part as first laid out
EVERY = frozenset(f.name for f in fields(Corrections))  # every kind of correction: keep them all, make none


def review(pages: list[MeasuredPage], corrections: Corrections) -> Corrections:
    """The corrections these pages call for, added to (or taken from) those they were set with."""
    d = rules.Draft(**{f.name: set(getattr(corrections, f.name)) for f in fields(Corrections)})
    for page_rule in rules.PAGE_RULES:
        page_rule(pages, d)
    by_section: dict[str, list[MeasuredPage]] = {}
    for page in pages:
        if page.section:
            by_section.setdefault(page.section, []).append(page)
    for section, spread in by_section.items():
        if len(spread) < 2:
            continue
        for section_rule in rules.SECTION_RULES:
            section_rule(section, spread, d)
        for page, following in pairwise(spread):
            for turn_rule in rules.TURN_RULES:
                turn_rule(section, page, following, spread[-1], d)
    return Corrections(**{name: frozenset(values) for name, values in asdict(d).items()})


class Settling:
    """The rounds of the pass over one part, made to end: a correction the rules took back (a box
    kept whole that may break again, a section set tighter that must be set looser) is never
    proposed again, so no two rounds can undo each other for ever. Each correction is added at
    most once and taken back at most once."""

    def __init__(self, keep: frozenset[str] = frozenset()) -> None:
        self.keep = keep  # kinds of correction never made here (a short form's sections share pages)
        self.taken_back: set[tuple[str, str]] = set()
        self.rounds = 0

    def next(self, pages: list[MeasuredPage], current: Corrections) -> Corrections:
        """The corrections for the next round (equal to ``current`` when the part is settled)."""
        self.rounds += 1
        proposed = review(pages, current)
        chosen = {}
        for f in fields(Corrections):
            before, after = getattr(current, f.name), getattr(proposed, f.name)
            if f.name in self.keep:
                chosen[f.name] = before
                continue
            self.taken_back |= {(f.name, key) for key in before - after}
            chosen[f.name] = frozenset(k for k in after if k in before or (f.name, k) not in self.taken_back)
        return Corrections(**chosen)
