"""The pagination pass: what a compositor corrects once the pages are laid out.

WeasyPrint breaks pages where its first pass drops them, guided by the stylesheet's
``orphans``, ``widows``, ``break-inside`` and ``break-after``. This module reads the
laid-out ``weasyprint.Document`` and returns a :class:`Plan` of corrections for the
templates to apply on the next layout:

- a section (chapter or appendix) ending on a runt, less than four lines on its
  last page: if the runt is the tail of a paragraph, that paragraph carries four
  lines over (``widows: 4``); otherwise the section is set a little tighter so the
  runt comes back or, if that cannot be enough, a little looser so four lines go over;
- a page left more than a quarter empty in the middle of a section because a whole
  block (a chart, a table, a quotation, a timeline box) did not fit is filled: that
  block moves after the paragraph that follows it, which takes its place; a quotation
  that still leaves the hole there breaks over the page, three lines at least a side;
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

``review`` is pure measuring and deciding, no layout; ``pamphlet.render`` lays out
again only when the plan changed, at most :data:`ROUNDS` times.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from weasyprint.formatting_structure import boxes

ROUNDS = 4  # the corrections settle in two or three; a cap, as each round is a layout
MIN_LINES = 4
MIN_ITEMS = 3  # rows, list items or timeline entries a box keeps on each side of a page turn
LINE = 10 * 1.42 * 96 / 72  # a line of text (10 pt, line-height 1.42) in CSS pixels
TIGHT, LOOSE = 1.385 / 1.42, 1.46 / 1.42  # how much pamphlet.css's section.tight and .loose scale a line
MIN_FULL = 0.75
# Blocks that move whole (break-inside: avoid) and so can leave a hole behind them.
MOVABLE = ("figure", "aside", "section", "table", "ul", "ol")
_LETTERS = re.compile(r"[^\W\d_]+")
_LETTERS_END = re.compile(r"[^\W\d_]+$")


@dataclass(frozen=True)
class Plan:
    """Corrections by block key (``chapter-id/3``) and section anchor (``chapter-id``)."""

    tight: frozenset[str] = frozenset()
    loose: frozenset[str] = frozenset()
    defer: frozenset[str] = frozenset()  # blocks set after the paragraph that follows them
    unhyphenated: frozenset[str] = frozenset()
    carry: frozenset[str] = frozenset()  # paragraphs that carry four lines (widows: 4) onto the next page
    whole: frozenset[str] = frozenset()  # boxes that split with fewer than 3 items on a side: kept whole
    turns: frozenset[str] = frozenset()  # "key#n": a long box turns the page before its item n
    compact: frozenset[str] = frozenset()  # figures set smaller, boxes set closer, to fit the room before them
    unbroken: frozenset[str] = frozenset()  # "key|word": a word of block key not to hyphenate (a ladder's rung)
    split: frozenset[str] = frozenset()  # quotes deferred and still leaving a hole: free to break over the page
    smaller: frozenset[str] = frozenset()  # figures still too tall when compact: set smaller again
    advance: frozenset[str] = frozenset()  # "a/7>a/5": block a/7 set before paragraph a/5, where it fits

    def fit(self, section: str) -> str:
        """The class a section's spacing takes: "tight", "loose" or ""."""
        return "tight" if section in self.tight else "loose" if section in self.loose else ""

    def unbroken_words(self, key: str) -> tuple[str, ...]:
        """The words of block ``key`` to keep whole, to break a ladder of hyphens."""
        return tuple(sorted(w for k, _, w in (u.partition("|") for u in self.unbroken) if k == key))

    def turn(self, key: str, item: int) -> bool:
        """Whether the page turns before item ``item`` (0-based) of block ``key``."""
        return f"{key}#{item}" in self.turns

    def order(self, where: str, kinds: Sequence[str]) -> list[int]:
        """Block indexes of a section in the order to set them, given each block's kind.

        A deferred block moves past the block that follows it, and past a subheading
        together with the block under it, so a heading is never left above a figure.
        """
        order = list(range(len(kinds)))
        for move in self.advance:
            block, _, before = move.partition(">")
            if block.rpartition("/")[0] == where:
                moved, target = int(block.rpartition("/")[2]), int(before.rpartition("/")[2])
                if moved < len(order) and target < len(order):
                    order.remove(moved)
                    order.insert(order.index(target), moved)
        i = 0
        while i < len(order) - 1:
            if f"{where}/{order[i]}" in self.defer:
                step = 2 if kinds[order[i + 1]] == "heading" and i + 2 < len(order) else 1
                order[i : i + step + 1] = [*order[i + 1 : i + step + 1], order[i]]
                i += step  # a deferred block moves once only
            i += 1
        return order


# What measure() records of a page; part layouts are cached under it (parts.key).
MEASURES = "lines, blocks, items, ends"


@dataclass
class Page:
    """What one laid-out page holds, in CSS pixels from the top of the page."""

    number: int
    section: str = ""  # id of the section the page's text belongs to
    top: float = 0.0  # top of the content area
    bottom: float = 0.0  # where the content area ends (above any footnotes)
    used: float = 0.0  # lowest bottom of anything set on the page
    lines: int = 0
    first_line_block: str = ""  # block of the page's first line of text
    last_line_block: str = ""  # block of the page's last line of text, if it ends in a hyphen
    blocks: list[str] = field(default_factory=list)
    tops: dict[str, float] = field(default_factory=dict)  # where each block starts on this page
    tags: dict[str, str] = field(default_factory=dict)  # each block's element
    items: dict[str, int] = field(default_factory=dict)  # list items of each block set on this page
    # each line of text: its block, the letters it starts with, and the part of a word it ends in
    # when it ends at a soft hyphen ("" otherwise)
    ends: list[list[str]] = field(default_factory=list)  # lists, as the part cache's JSON gives them back

    @property
    def first_block(self) -> str:
        """Key of the first block that starts on this page."""
        return self.blocks[0] if self.blocks else ""

    @property
    def first_tag(self) -> str:
        return self.tags.get(self.first_block, "")

    def height(self, block: str) -> float:
        """How much of the page ``block`` takes: from its top to the next block's, or to the last ink."""
        after = self.blocks.index(block) + 1
        end = self.tops[self.blocks[after]] if after < len(self.blocks) else self.used
        return end - self.tops.get(block, self.top)

    @property
    def white(self) -> float:
        height = self.bottom - self.top
        return (self.bottom - self.used) / height if height > 0 else 0.0


def measure(document: Any) -> list[Page]:
    """A :class:`Page` for each page of the document."""
    pages = []
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box  # WeasyPrint keeps the laid-out tree here
        info = Page(number, top=box.content_box_y(), bottom=box.content_box_y() + box.height)
        for child in box.children:
            if isinstance(child, boxes.FootnoteAreaBox):
                # footnotes take the foot of the page: the text's area ends where they start
                if child.children:
                    info.bottom = min(info.bottom, child.position_y)
            elif not isinstance(child, boxes.MarginBox):
                _walk(child, info, block="", section="", seen=set())
        pages.append(info)
    return pages


def _walk(box: Any, info: Page, block: str, section: str, seen: set[int], header: bool = False) -> None:
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", "") == "section":
        section = element.get("id") or section
    if element is not None and element.get("data-b") and not block:
        block = element.get("data-b")
        if block not in info.blocks:
            info.blocks.append(block)
            info.tops[block] = box.position_y
            info.tags[block] = box.element_tag
    tag = getattr(box, "element_tag", "")
    # an item of a box: a list entry or a table row (not the header row a table repeats on each page)
    # (counted once per element: a list entry's anonymous inner box carries the same element)
    if block and not header and tag in ("li", "tr") and id(element) not in seen:
        seen.add(id(element))
        info.items[block] = info.items.get(block, 0) + 1
    header = header or tag == "thead"
    if isinstance(box, boxes.LineBox):
        info.lines += 1
        info.section = section or info.section
        if info.lines == 1:
            info.first_line_block = block
        text = "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox)).rstrip()
        broken = text.endswith("\u00ad-")
        text = text.replace("\u00ad", "")  # a line broken at a soft hyphen keeps it before the "-" it prints
        info.last_line_block = block if text.endswith("-") and text[-2:-1].isalpha() else ""
        head = _LETTERS.match(text.lstrip())
        tail = _LETTERS_END.search(text[:-1]) if broken else None
        info.ends.append([block, head.group() if head else "", tail.group() if tail else ""])
    if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or (
        isinstance(box, boxes.BlockBox) and not getattr(box, "children", None)
    ):
        info.used = max(info.used, box.position_y + box.margin_height() - box.margin_bottom)
        return
    for child in getattr(box, "children", []):
        _walk(child, info, block, section, seen, header)


def review(pages: list[Page], plan: Plan) -> Plan:
    """The plan with the corrections these pages call for."""
    tight, loose, defer = set(plan.tight), set(plan.loose), set(plan.defer)
    unhyph, carry = set(plan.unhyphenated), set(plan.carry)
    unbroken = set(plan.unbroken) | _ladders(pages)
    split = set(plan.split)
    whole, compact, turns = set(plan.whole), set(plan.compact), set(plan.turns)
    smaller, advance = set(plan.smaller), set(plan.advance)
    by_section: dict[str, list[Page]] = {}
    for page in pages:
        if page.section:
            by_section.setdefault(page.section, []).append(page)
    for section, spread in by_section.items():
        if len(spread) < 2:
            continue
        last = spread[-1]
        runt = (last.used - last.top) / LINE
        if last.lines < MIN_LINES and not any(last.tags.get(b) == "figure" for b in last.blocks):
            runt = min(runt, last.lines)  # a pull quote's two lines are a runt, however tall they stand
        before = spread[-2]
        tail = last.first_line_block
        asides = [b for b in last.blocks if last.tags.get(b) == "aside"]
        if runt < MIN_LINES - 0.5 and asides == last.blocks and before.tags.get(before.blocks[-1]) == "p":
            # only a pull quote went over: it goes before the paragraph above it, whose end follows it
            advance.add(f"{asides[0]}>{before.blocks[-1]}")
        elif runt < MIN_LINES - 0.5 and tail and tail in before.blocks and tail not in before.items:
            # A runt that is the tail of a paragraph: that paragraph carries four lines over.
            # (The tail of a box is the box rules' to mend: three items a side, or whole.)
            carry.add(last.first_line_block)
        elif runt < MIN_LINES - 0.5:
            # A runt. Setting the section tighter takes back about 2.5% of its lines: enough
            # if the runt is that short; otherwise looser, so at least four lines go over.
            total = sum(p.used - p.top for p in spread) / LINE
            if section in tight or (section not in loose and runt > total * (1 - TIGHT) * 0.7):
                tight.discard(section)
                loose.add(section)
            elif section not in loose:
                tight.add(section)
        for page, following in pairwise(spread):
            # the block at the head of the next page did not start on this one: it moved whole
            moved = following.first_block and following.first_block not in page.blocks
            if page.white > 1 - MIN_FULL and following.first_tag in MOVABLE and moved:
                key = following.first_block
                if (
                    key in whole
                    and _room_for_items(page, following.height(key), following.items.get(key, 0)) >= MIN_ITEMS
                ):
                    # kept whole when it split short, but the hole it left would hold three items
                    # and more: let it break there
                    whole.discard(key)
                elif following is last and all(following.tags.get(b) == "aside" for b in following.blocks[1:]):
                    # no text follows it to fill the hole: a figure is set smaller to fit there
                    if key not in compact:
                        compact.add(key)
                    elif place := _place_earlier(page, following.height(key)):
                        advance.add(f"{key}>{place}")  # set before a paragraph it fits above, text after it
                    else:
                        smaller.add(key)
                elif key in defer and following.tags.get(key) == "figure":
                    # set after the next paragraph, it still did not fit the room: a long quotation
                    # breaks over the page rather than leave a hole (a chart's picture cannot)
                    split.add(key)
                else:
                    defer.add(key)
            for key, count in page.items.items():
                over = following.items.get(key, 0)
                if not over or min(count, over) >= MIN_ITEMS or any(t.startswith(key + "#") for t in turns):
                    continue
                if over < MIN_ITEMS and count - (MIN_ITEMS - over) >= MIN_ITEMS:
                    # a long box: turn the page earlier, so three items go over
                    turns.add(f"{key}#{count - (MIN_ITEMS - over)}")
                elif over >= MIN_ITEMS and key not in compact | whole:
                    # too few items before the turn: the box set closer, in a section a shade
                    # tighter, may make room for a third, where moving it whole would leave
                    # their room empty
                    compact.add(key)
                    if section not in loose:
                        tight.add(section)
                else:
                    whole.add(key)
            if page.last_line_block and page.last_line_block == following.first_line_block:
                unhyph.add(page.last_line_block)
    return replace(
        plan,
        tight=frozenset(tight),
        loose=frozenset(loose),
        defer=frozenset(defer),
        unhyphenated=frozenset(unhyph),
        carry=frozenset(carry),
        whole=frozenset(whole),
        compact=frozenset(compact),
        smaller=frozenset(smaller),
        advance=frozenset(advance),
        turns=frozenset(turns),
        unbroken=frozenset(unbroken),
        split=frozenset(split),
    )


def _ladders(pages: list[Page]) -> set[str]:
    """``key|word`` for a rung of each ladder of 3+ hyphenated line ends in one block."""
    found: set[str] = set()
    lines = [tuple(end) for page in pages for end in page.ends]
    run: list[int] = []
    for i, (block, _, tail) in enumerate([*lines, ("", "", "")]):
        if tail and block and run and lines[run[-1]][0] == block:
            run.append(i)
            continue
        if len(run) >= 3:
            # the rung whose word, kept whole, leaves no three in a row and moves least to the next
            # line (the shortest part before its hyphen): its line is left the least loose
            fits = [k for k in range(len(run)) if k <= 2 and len(run) - 1 - k <= 2] or [len(run) // 2]
            rung = run[min(fits, key=lambda k: len(lines[run[k]][2]))]
            found.add(f"{lines[rung][0]}|{lines[rung][2]}{lines[rung + 1][1]}")
        run = [i] if tail and block else []
    return found


def _room_for_items(page: Page, height: float, items: int) -> float:
    """How many items of a box ``height`` tall holding ``items`` the foot of ``page`` would hold."""
    if not items:
        return 0.0
    each = height / (items + 1)  # the box's heading and padding count as one more
    return (page.bottom - page.used) / each - 1


def _place_earlier(page: Page, height: float) -> str:
    """The last paragraph on ``page`` above which a figure ``height`` tall fits."""
    fits = [b for b in page.blocks[1:] if page.tags.get(b) == "p" and page.bottom - page.tops[b] >= height]
    return fits[-1] if fits else ""
