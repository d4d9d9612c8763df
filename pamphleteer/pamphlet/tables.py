"""How a table is set in the pamphlet: its size, and its columns' widths from the words that print.

A column's width is measured on the text a reader sees (``[Louise Michel](person:michel)``
prints as "Louise Michel"), with the bundled fonts' metrics at the size the table is set in:
PT Serif for cells, PT Sans Bold for the header row. Every column gets at least its longest
unbreakable piece (a word, a year, a date kept whole, a web address's piece between the points
where it may break), so no word or year is broken inside itself; what room is left goes to the
columns whose cells would run longest on one line. A table too wide for the text block at its
size is set a size smaller, and then smaller again; one whose words cannot stand side by side
even then is set at the smallest size with its longest words broken inside their cells, and
:func:`warnings` names it.

The sizes and paddings are those of ``templates/pamphlet/pamphlet.css`` (``table``,
``table.wide``, ``table.narrow``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pamphleteer.content import Book, model
from pamphleteer.errors import Problem
from pamphleteer.render import charts
from pamphleteer.text import inline, pieces

MM = 72 / 25.4
TEXT_BLOCK_PT = (148 - 17 - 14) * MM  # A5 less the side margins
CELL_FACE, HEAD_FACE = "PTF55F.ttf", "PTS75F.ttf"  # PT Serif for the cells, PT Sans Bold for the header
# (class, size in pt, a cell's padding at its end in pt), from the roomiest to the tightest
SIZES = (("", 7.8, 1.5 * MM), ("wide", 6.9, 1.1 * MM), ("narrow", 6.2, 0.9 * MM))
WIDE_FROM = 6  # columns: a table this wide starts a size smaller
SAFETY = 1.03  # bold or italic words in a cell, and rounding: a little more room than measured
_BREAK_AFTER = re.compile(r"(?<=[^\W\d_][-–])(?=[^\W\d_])")  # a compound may break after its hyphen


@dataclass(frozen=True)
class Fit:
    """How a table is set: the class that sets its size, each column's share of the text block
    (percent), and whether its words stand whole side by side."""

    size: str
    widths: tuple[float, ...]
    fits: bool
    points: float  # its text size


def printed(text: str, language: str) -> str:
    """A cell's text as it prints: its markup read, its notes (set at the foot of the page) left out."""
    return inline.plain(inline.parse(text, language)) if text else ""


def unbreakable(text: str) -> list[str]:
    """The pieces of ``text`` a line cannot break inside: words, dates and ranges kept whole, and a
    web address's pieces between the points where it may break."""
    found: list[str] = []
    for piece in pieces.pieces(text, "", hyphenate=False):
        if piece.kind == "url":
            found += piece.parts
        elif piece.kind == "keep":
            found.append(piece.text)
        else:
            for word in piece.text.split():
                found += _BREAK_AFTER.split(word)
    return found


def fit(table: model.Table, language: str) -> Fit:
    """The size and column widths of ``table``: the roomiest size whose longest words all fit."""
    return _fit(tuple(table.columns), tuple(tuple(row) for row in table.rows), language)


@lru_cache(maxsize=256)  # a part renders its tables each round
def _fit(columns_: tuple[str, ...], rows: tuple[tuple[str, ...], ...], language: str) -> Fit:
    heads = [inline.smart(c, language) for c in columns_]
    columns = [[printed(row[j], language) for row in rows if j < len(row)] for j in range(len(heads))]
    sizes = SIZES if len(heads) < WIDE_FROM else SIZES[1:]
    for name, size, pad in sizes:
        least, natural = _needs(heads, columns, size, pad)
        if sum(least) <= TEXT_BLOCK_PT or name == sizes[-1][0]:
            fits = sum(least) <= TEXT_BLOCK_PT
            return Fit(name, _shares(least, natural) if fits else _percent(least), fits, size)
    raise AssertionError("unreachable: the last size always returns")


def _needs(heads: list[str], columns: list[list[str]], size: float, pad: float) -> tuple[list[float], list[float]]:
    """Each column's least width (its longest unbreakable piece) and its natural one (its longest
    cell on one line), in points with its padding."""
    least, natural = [], []
    for head, cells in zip(heads, columns, strict=True):
        words = [charts.text_width(w, size, HEAD_FACE) for w in unbreakable(head)]
        words += [charts.text_width(w, size, CELL_FACE) for cell in cells for w in unbreakable(cell)]
        lines = [charts.text_width(head, size, HEAD_FACE)] + [charts.text_width(c, size, CELL_FACE) for c in cells]
        least.append(max(words, default=0.0) * SAFETY + pad)
        natural.append(max(lines) * SAFETY + pad)
    return least, natural


def _shares(least: list[float], natural: list[float]) -> tuple[float, ...]:
    """Widths as percentages of the text block. When the cells cannot all stand on one line, the
    room is shared out evenly, each column taking no more than its cells need on one line and no
    less than its longest word: short columns stay on one line, the long ones wrap at one width.
    When they can, the spare room goes to each in proportion to its width."""
    if sum(natural) <= TEXT_BLOCK_PT:
        spare = TEXT_BLOCK_PT - sum(natural)
        return _percent([n + spare * n / sum(natural) for n in natural])

    def given(level: float) -> list[float]:
        return [min(n, max(m, level)) for m, n in zip(least, natural, strict=True)]

    low, high = 0.0, TEXT_BLOCK_PT
    for _ in range(40):  # the level at which the columns fill the block, to a hundredth of a point
        level = (low + high) / 2
        low, high = (level, high) if sum(given(level)) < TEXT_BLOCK_PT else (low, level)
    return _percent(given(high))


def _percent(widths: list[float]) -> tuple[float, ...]:
    total = sum(widths)
    return tuple(round(100 * w / total, 1) for w in widths)


def warnings(book: Book) -> list[Problem]:
    """A warning for each table whose words cannot stand whole side by side even at the smallest size."""
    found = []
    for doc in book.all_chapters():
        for i, block in enumerate(doc.chapter.blocks):
            if block.kind != "table":
                continue
            got = fit(block.table, book.language)
            if not got.fits:
                name = f"table '{block.table.id}'" if block.table.id else f"table “{block.table.caption}”"
                message = (
                    f"{name}: its {len(block.table.columns)} columns' longest words do not fit side by side "
                    f"even at {got.points} pt; set at {got.points} pt with long words broken inside their cells "
                    "(fewer columns, or shorter words in the widest, would keep them whole)"
                )
                found.append(doc.located.problem(("blocks", i, "table"), message))
    return found
