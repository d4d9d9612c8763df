"""The compositor's rules: what each one sees on measured pages, and the correction it asks for.

Each rule is one function over one section's pages (a chapter or an appendix), reading the
measured pages (``render/weasy/``) and adding to or taking from a :class:`Draft` of the
corrections, which ``pagination.review`` turns into the next :class:`pagination.Corrections`.
They run in the order of :data:`SECTION_RULES` and then, for each pair of facing pages in turn,
:data:`TURN_RULES`; a later rule sees what an earlier one decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pamphleteer.render.weasy import MeasuredPage

MIN_LINES = 4
MIN_ITEMS = 3  # rows, list items or timeline entries a box keeps on each side of a page turn
MIN_ENTRIES = 3  # entries of a register on its last page
LINE = 10 * 1.42 * 96 / 72  # a line of text (10 pt, line-height 1.42) in CSS pixels
TIGHT, LOOSE = 1.385 / 1.42, 1.46 / 1.42  # how much pamphlet.css's section.tight and .loose scale a line
MIN_FULL = 0.8  # a page mid-section is never more than a fifth empty
# Blocks that move whole (break-inside: avoid) and so can leave a hole behind them.
MOVABLE = ("figure", "aside", "section", "table", "ul", "ol")


@dataclass
class Draft:
    """The corrections while the rules decide, as sets (see ``pagination.Corrections`` for each)."""

    tight: set[str] = field(default_factory=set)
    loose: set[str] = field(default_factory=set)
    defer: set[str] = field(default_factory=set)
    farther: set[str] = field(default_factory=set)
    carry: set[str] = field(default_factory=set)
    whole: set[str] = field(default_factory=set)
    turns: set[str] = field(default_factory=set)
    compact: set[str] = field(default_factory=set)
    unbroken: set[str] = field(default_factory=set)
    split: set[str] = field(default_factory=set)
    smaller: set[str] = field(default_factory=set)
    advance: set[str] = field(default_factory=set)


def runt(section: str, spread: list[MeasuredPage], d: Draft) -> None:
    """A section never ends on fewer than four lines.

    A pull quote alone on the last page goes before the paragraph above it; a runt that is the
    tail of a paragraph has that paragraph carry four lines over; any other runt has the section
    set tighter (about 2.5% of its lines come back: enough if the runt is that short) or else
    looser, so that at least four lines go over.
    """
    last, before = spread[-1], spread[-2]
    if last.entries:
        return  # a register's last page is counted in entries (register_runt)
    lines = last_lines(last)
    if lines >= MIN_LINES - 0.5:
        return
    tail = last.first_line_block
    asides = [b for b in last.blocks if last.tags.get(b) == "aside"]
    if asides and asides == last.blocks and before.blocks and before.tags.get(before.blocks[-1]) == "p":
        # only a pull quote went over: it goes before the paragraph above it, whose end follows it
        d.advance.add(f"{asides[0]}>{before.blocks[-1]}")
    elif tail and tail in before.blocks and tail not in before.items:
        # (the tail of a box is the box rules' to mend: three items a side, or whole)
        d.carry.add(tail)
    else:
        total = sum(p.used - p.top for p in spread) / LINE
        tighter_or_looser(section, lines, total, d)


def tighter_or_looser(section: str, lines: float, total: float, d: Draft) -> None:
    """A section whose last page holds ``lines`` too few of its ``total`` is set tighter, to take
    them back (about 2.5% of its lines come back: enough if they are that few), or else looser,
    to send more over; a section set tighter that still falls short is set looser."""
    if section not in d.tight and section not in d.loose and lines > total * (1 - TIGHT) * 0.7:
        d.loose.add(section)  # more than setting it tighter takes back: looser at once
    else:
        tighter_then_looser(section, d)


def tighter_then_looser(section: str, d: Draft) -> None:
    """A section is set tighter; one set tighter that still falls short is set looser."""
    if section in d.tight:
        d.tight.discard(section)
        d.loose.add(section)
    elif section not in d.loose:
        d.tight.add(section)


def register_runt(section: str, spread: list[MeasuredPage], d: Draft) -> None:
    """A register (who's who, timeline, glossary, sources, index) never ends on a page of fewer
    than three entries: it is set tighter, to take the last entries back, and if that is not
    enough the page turns before its third entry from the end. A register set in columns, the
    timeline and the index, is set tighter, then looser instead, and also when its last page, counted
    by its height as :func:`faults.found` counts it, holds fewer than four lines."""
    last = spread[-1]
    columns = section in ("appendix-timeline", "appendix-index")
    short = columns and last_lines(last) < MIN_LINES - 0.5  # three lines a column: six short entries
    if not last.entries or (last.entries >= MIN_ENTRIES and not short):
        return
    entries = sum(p.entries for p in spread)
    turned = any(t.startswith(section + "#") for t in d.turns)
    if columns:  # tighter first: two columns set tighter take back twice what a page of text does
        tighter_then_looser(section, d)
    elif section not in d.tight and not turned:
        d.tight.add(section)
    elif entries > MIN_ENTRIES and not turned:
        d.tight.discard(section)
        d.turns.add(f"{section}#{entries - MIN_ENTRIES}")


def last_lines(last: MeasuredPage) -> float:
    """How many lines of text a section's last page holds, as a reader counts them: its height in lines,
    or the lines set when fewer and no figure stands there (a pull quote's two lines are a runt, however
    tall they stand)."""
    lines = (last.used - last.top) / LINE
    if last.lines < MIN_LINES and not any(last.tags.get(b) == "figure" for b in last.blocks):
        lines = min(lines, last.lines)
    return lines


def hole(section: str, page: MeasuredPage, following: MeasuredPage, last: MeasuredPage, d: Draft) -> None:
    """A page left more than a fifth empty because a whole block went over is filled.

    A box kept whole that would now have two items or more in the hole breaks there again, and so
    does one that took a heading along with it. Otherwise
    the text that follows the block fills the hole, the block going after it (to the next page),
    and if the hole stays, after the next block too (a table that starts in the hole and runs on,
    say), but only text of its own subsection: a block is never moved past a heading. Where no such text
    follows (a heading or the section's end comes next), or where it did follow and the hole stays:
    a quotation breaks over the page; a chart or picture is set smaller, then before a paragraph
    above it that it fits above (text after it), then smaller again; any other block goes before a
    paragraph it fits above.
    """
    # the block at the head of the next page did not start on this one: it moved whole
    moved = following.first_block and following.first_block not in page.blocks
    if not (page.white > 1 - MIN_FULL and moved):
        return
    # a box kept whole that took the heading and the lines above it along breaks again
    kept = [b for b in following.blocks[:3] if b in d.whole]
    if following.first_tag in ("h2", "h3") and kept:
        d.whole.discard(kept[0])
        return
    if following.first_tag not in MOVABLE:
        return
    key = following.first_block
    kind = following.kinds.get(key, "")
    after = following.tags.get(following.blocks[1], "") if len(following.blocks) > 1 else ""
    # text of its own subsection follows it (a pull quote set beside the text does not count)
    text_follows = after not in ("", "h2", "h3", "aside") or key in d.defer
    # (two items before the turn rather than a page more than a fifth empty)
    if key in d.whole and room_for_items(page, following.height(key), following.items.get(key, 0)) >= MIN_ITEMS - 1:
        d.whole.discard(key)
    elif text_follows and key not in d.defer:
        d.defer.add(key)
    elif key in d.defer and key not in d.farther and after not in ("", "h2", "h3", "aside"):
        d.farther.add(key)  # the text after the next block fills the page, the float after it
    elif kind == "quote":
        d.split.add(key)
    elif kind in ("chart", "image") and key not in d.compact:
        d.compact.add(key)
    elif place := place_earlier(page, following.height(key)):
        d.defer.discard(key)  # (the text it was set after did not fill the page)
        d.farther.discard(key)
        d.advance.add(f"{key}>{place}")  # set before a paragraph it fits above, text after it
    elif kind in ("chart", "image"):
        d.smaller.add(key)


def split_box(section: str, page: MeasuredPage, following: MeasuredPage, last: MeasuredPage, d: Draft) -> None:
    """A box (table, list, timeline) keeps three items on each side of a page turn.

    A long box turns the page earlier; one with too few items before the turn is first set closer
    in a section a shade tighter (moving it whole would leave their room empty); else kept whole.
    """
    for key, count in page.items.items():
        over = following.items.get(key, 0)
        if not over or min(count, over) >= MIN_ITEMS or any(t.startswith(key + "#") for t in d.turns):
            continue
        if over < MIN_ITEMS and count - (MIN_ITEMS - over) >= MIN_ITEMS:
            d.turns.add(f"{key}#{count - (MIN_ITEMS - over)}")
        elif over >= MIN_ITEMS and key not in d.compact | d.whole:
            d.compact.add(key)
            if section not in d.loose:
                d.tight.add(section)
        else:
            d.whole.add(key)


def hyphen_at_turn(section: str, page: MeasuredPage, following: MeasuredPage, last: MeasuredPage, d: Draft) -> None:
    """No word is hyphenated across a page turn: that word is kept whole, and the rest of its
    paragraph keeps its break points (a paragraph set without them ran loose lines)."""
    if page.last_line_block and page.last_line_block == following.first_line_block and page.ends and following.ends:
        block, _, tail = page.ends[-1]
        d.unbroken.add(f"{block}|{tail}{following.ends[0][1]}")


def note_at_foot(section: str, page: MeasuredPage, following: MeasuredPage, last: MeasuredPage, d: Draft) -> None:
    """A footnote is set at the foot of the page that calls it.

    ``footnote-policy: line`` (pamphlet.css) turns the page before a call whose note would not fit;
    but to keep a paragraph's last lines together at the page's end WeasyPrint sends the page's notes
    on to the next one. The paragraph that runs over the page then carries four lines over, which
    frees the room; where none runs over, the section is set tighter, then looser.
    """
    if not page.notes_later:
        return
    running = page.ends[-1][0] if page.ends else ""
    if running and running == following.first_line_block and running not in d.carry:
        d.carry.add(running)
    elif section not in d.tight | d.loose:
        d.tight.add(section)
    elif section in d.tight:
        d.tight.discard(section)
        d.loose.add(section)


def ladders(pages: list[MeasuredPage], d: Draft) -> None:
    """No ladder of three or more hyphenated line ends in a block: one rung's word is kept whole,
    the one that leaves no three in a row and moves least to the next line (the shortest part
    before its hyphen), so its line is left the least loose."""
    lines = [tuple(end) for page in pages for end in page.ends]
    run: list[int] = []
    for i, (block, _, tail) in enumerate([*lines, ("", "", "")]):
        if tail and block and run and lines[run[-1]][0] == block:
            run.append(i)
            continue
        if len(run) >= 3:
            fits = [k for k in range(len(run)) if k <= 2 and len(run) - 1 - k <= 2] or [len(run) // 2]
            rung = run[min(fits, key=lambda k: len(lines[run[k]][2]))]
            d.unbroken.add(f"{lines[rung][0]}|{lines[rung][2]}{lines[rung + 1][1]}")
        run = [i] if tail and block else []


PAGE_RULES = (ladders,)
SECTION_RULES = (runt, register_runt)
TURN_RULES = (hole, split_box, hyphen_at_turn, note_at_foot)


def room_for_items(page: MeasuredPage, height: float, items: int) -> float:
    """How many items of a box ``height`` tall holding ``items`` the foot of ``page`` would hold."""
    if not items:
        return 0.0
    each = height / (items + 1)  # the box's heading and padding count as one more
    return (page.bottom - page.used) / each - 1


def place_earlier(page: MeasuredPage, height: float) -> str:
    """The last paragraph on ``page`` above which a figure ``height`` tall fits."""
    fits = [b for b in page.blocks[1:] if page.tags.get(b) == "p" and page.bottom - page.tops[b] >= height]
    return fits[-1] if fits else ""
