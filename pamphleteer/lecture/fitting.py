"""Pure fitting for slides: text sizes that fit a box, points chunked into slides, table rows into groups,
pictures inside their frame.

Only font metrics (``measure``) and boxes: no python-pptx and no content model,
so every decision here is unit-tested with a Box and some strings.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pamphleteer.infra import kept
from pamphleteer.text import balance, measure, pieces

from .specs import Box

INSET_X, INSET_Y = 7.2, 3.6  # the master's text insets, in points
BULLET = 27.0  # hanging indent of bulleted text, in points
SPACE_BEFORE = 6.0  # points between bulleted paragraphs
SAFETY = 0.95  # renderers differ a little; keep 5% of the width in hand
CELL_INSET = 14.4  # a table cell's left + right margins, in points
REMEMBERED = 8192  # fits and balanced texts kept in memory (the shipped lecture makes about 900)
FITS_VERSION = "1"  # what the kept fits depend on besides their arguments, fonts and this tool's code
R = TypeVar("R")


@dataclass(frozen=True)
class Fit:
    """The outcome of fitting: ``size`` is 0 when nothing at or above the floor fits."""

    size: float
    needed: int  # lines the text needs at the last size tried
    available: int  # lines the box holds at that size

    def __iter__(self):  # unpacks as (size, needed, available)
        return iter((self.size, self.needed, self.available))


def _remembered(measure_text: Callable[..., R]) -> Callable[..., R]:
    """``measure_text(paragraphs, box, size, **options)``, a function of its arguments and of the fonts it
    measures with, answered from memory when asked again while those fonts are unchanged
    (``measure.still_read``): a --watch fits the whole lecture again after each edit, and an edit to a
    slide's notes, or to anything but the slides, changes none of the texts it fits (0.3 s becomes 0.02 s).
    Kept in this process, the last :data:`REMEMBERED` of each, and between processes (:func:`_answer`)."""
    memo: OrderedDict[tuple, tuple[dict[str, object], Any]] = OrderedDict()
    name = measure_text.__name__

    @functools.wraps(measure_text)
    def remembered(paragraphs: list[str], box: Box, size: float, **options: Any) -> R:
        key = (tuple(paragraphs), box, size, tuple(sorted(options.items())))
        found = memo.get(key)
        if found is not None and measure.still_read(found[0]):
            memo.move_to_end(key)
        else:
            found = memo[key] = _answer(name, key, lambda: measure_text(paragraphs, box, size, **options))
            if len(memo) > REMEMBERED:
                memo.popitem(last=False)
        kept = found[1]
        return list(kept) if isinstance(kept, tuple) else kept

    return remembered


def _answer(name: str, key: tuple, measure_text: Callable[[], Any]) -> tuple[dict[str, object], Any]:
    """What ``measure_text`` answers and the fonts it read: as an earlier process answered it (the build's
    table of fits, ``infra/kept.py``) while those fonts' files are the same, else measured now. A --watch's
    first refit after its start, or a build after an edit, then measures only the texts that changed (the
    shipped lecture: 0.35 s of CPU, beside the layouts)."""
    table = kept.table("lecture-fits", FITS_VERSION)
    held = table.get((name, key))
    if held is not None:
        read = measure.read_again(held[0])
        if read is not None:
            return read, held[1]
    with measure.fonts_read() as read:
        made = measure_text()
    # a list (the balanced lines) kept as a tuple: a caller changing its copy changes nothing kept
    made = tuple(made) if isinstance(made, list) else made
    table[name, key] = (measure.files_of(read), made)
    return read, made


@_remembered
def fit(
    paragraphs: list[str], box: Box, floor: float, *, bullets: bool = False, face: measure.Face | None = None
) -> Fit:
    """Largest size from the box's own (the layout's cap) down to ``floor`` at which the text fits.

    Fitting means every line within the box and no word cut inside itself.
    """
    face = face or box.face
    floor = min(floor, box.size)
    usable_w = (box.w - 2 * INSET_X - (BULLET if bullets else 0)) * SAFETY
    usable_h = box.h - 2 * INSET_Y
    size = box.size
    needed = available = 0
    while size >= floor:
        n = sum(len(measure.lines(p, face, size, usable_w)) for p in paragraphs)
        gaps = SPACE_BEFORE * len(paragraphs) if bullets else 0
        needed = n
        available = int((usable_h - gaps) // (size * measure.LINE_SPACING))
        whole = all(measure.unbroken(p, face, size, usable_w) for p in paragraphs)
        if whole and measure.height(n, size) + gaps <= usable_h:
            return Fit(size, needed, available)
        size -= 2 if size > 20 else 1
    return Fit(0, needed, available)


@_remembered
def display_lines(
    paragraphs: list[str], box: Box, size: float, *, bullets: bool = False, face: measure.Face | None = None
) -> list[str]:
    """Each paragraph of a display text (the title slide's title and subtitle, a slide's bullets) in balanced
    lines at ``size`` in ``box`` (``text/balance.py``): as many lines as filling them takes, as even as they
    can be, joined by "\n" (a line break within the paragraph), so a subtitle or a point never ends in one
    word under a long line. ``bullets``: the paragraphs hang from a bullet, which takes its indent from the
    line. A paragraph balance would set in more lines than filling does (it breaks only at spaces) is left
    as it was, so the text keeps the size and the lines it was fitted at."""
    face = face or box.face
    usable_w = (box.w - 2 * INSET_X - (BULLET if bullets else 0)) * SAFETY
    out = []
    for paragraph in paragraphs:
        held = pieces.held(paragraph)  # a range or a date, kept on one line, is one word
        lines = balance.lines(held, lambda line: measure.width(line, face, size), usable_w)
        filled = measure.lines(paragraph, face, size, usable_w)
        out.append("\n".join(lines) if 1 < len(lines) <= len(filled) else paragraph)
    return out


def picture(pixels: tuple[int, int], frame: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Where a picture ``pixels`` wide and high is drawn in ``frame`` (left, top, width, height), in the
    frame's units: as large as fits inside it, its proportions kept, centred on both axes."""
    left, top, width, height = frame
    scale = min(width / max(pixels[0], 1), height / max(pixels[1], 1))
    drawn_w, drawn_h = pixels[0] * scale, pixels[1] * scale
    return left + (width - drawn_w) / 2, top + (height - drawn_h) / 2, drawn_w, drawn_h


def chunk(
    points: list[str], box: Box, comfortable: float, floor: float
) -> tuple[list[list[str]], list[tuple[int, Fit]]]:
    """Split points into runs that each fit ``box`` at ``comfortable`` size or above.

    Returns the runs and, for each point that fits nowhere even alone at ``floor``,
    its index and the failed fit (for a located error).
    """
    chunks: list[list[str]] = [[]]
    misfits: list[tuple[int, Fit]] = []
    for j, point in enumerate(points):
        trial = [*chunks[-1], point]
        if fit(trial, box, comfortable, bullets=True).size or not chunks[-1]:
            chunks[-1] = trial
        else:
            chunks.append([point])
        alone = fit([point], box, floor, bullets=True)
        if not alone.size:  # checked whichever run the point joined
            misfits.append((j, alone))
    return chunks, misfits


def _words(text: str) -> list[str]:
    """What a cell cannot break inside: words (joined by a no-break space), and the pieces of a URL between
    its breaks (U+200B)."""
    return [w for w in re.split(r"[^\S\u00a0\u202f]+", text.replace("\u200b", " ")) if w]


def widest(
    columns: tuple[str, ...], rows: list[tuple[str, ...]], k: int, face: str, size: float
) -> tuple[float, int, str]:
    """Column ``k``'s longest word at ``size``: the room it needs (cell margins included), the row
    it stands in (-1 for the heading, set bold) and the word."""
    bold, regular = measure.Face(face, bold=True), measure.Face(face)
    cells = [(-1, columns[k], bold), *((r, row[k], regular) for r, row in enumerate(rows))]
    need, where, found = 0.0, -1, ""
    for r, text, f in cells:
        for word in _words(text):
            w = measure.width(word, f, size)
            if w > need:
                need, where, found = w, r, word
    return need / SAFETY + CELL_INSET + 1, where, found


def table_widths(
    columns: tuple[str, ...], rows: list[tuple[str, ...]], total: float, face: str, size: float
) -> tuple[float, ...] | None:
    """Column widths in which the longest word or number of each column fits whole at ``size``.

    The room left over is shared by how much text each column holds; None when
    even the longest words do not fit side by side.
    """
    least = [widest(columns, rows, k, face, size)[0] for k in range(len(columns))]
    if sum(least) > total:
        return None
    share = column_widths(columns, rows, total)
    spare = total - sum(least)
    extra = [max(s - m, 0.0) for s, m in zip(share, least, strict=True)]
    scale = spare / sum(extra) if sum(extra) else 0.0
    widths = [m + e * scale for m, e in zip(least, extra, strict=True)]
    if not sum(extra):
        widths = [m + spare / len(least) for m in least]
    return tuple(widths)


def column_runs(
    columns: tuple[str, ...], rows: list[tuple[str, ...]], total: float, face: str, size: float
) -> list[list[int]] | int:
    """The columns after the first shared over the fewest slides, each run side by side with the
    first column at ``size``, the runs as even as they go: lists of column indexes, the first column
    leading each. Where a column cannot sit beside the first even alone, its index instead.
    """

    def fits(keys: list[int]) -> bool:
        picked = [tuple(row[k] for k in keys) for row in rows]
        return table_widths(tuple(columns[k] for k in keys), picked, total, face, size) is not None

    if not fits([0]):
        return 0
    greedy: list[list[int]] = [[0]]
    for k in range(1, len(columns)):
        if not fits([0, k]):
            return k
        if fits([*greedy[-1], k]):
            greedy[-1].append(k)
        else:
            greedy.append([0, k])
    rest = len(columns) - 1  # the greedy runs are the fewest; shared evenly, the last is not left thin
    runs = [[0, *range(a + 1, b + 1)] for a, b in even_runs(rest, -(-rest // len(greedy)))]
    return runs if len(runs) == len(greedy) and all(fits(run) for run in runs) else greedy


def table_size(
    columns: tuple[str, ...], rows: list[tuple[str, ...]], box: Box, floor: float, most: int, top: float = 0
) -> tuple[float, tuple[float, ...], list[list[tuple[str, ...]]]] | None:
    """The size a table takes on slides, its column widths and its rows grouped a slide each.

    The largest from the box's own size (or ``top``) down to ``floor`` at which the longest
    word of each column fits its column and the rows fit the fewest slides (at most ``most``
    rows a slide); a smaller size is worth taking only for fewer slides. None when the
    columns cannot sit side by side even at ``floor``.
    """
    fewest = len(even_runs(len(rows), most))
    chosen = None
    size = min(box.size, top or box.size)
    while size >= floor:
        widths = table_widths(columns, rows, box.w, box.face.family, size)
        if widths is not None:
            groups = row_groups(columns, rows, widths, size, box, most)
            if chosen is None or len(groups) < len(chosen[2]):
                chosen = (size, widths, groups)
            if len(groups) <= fewest:
                break
        size -= 1
    return chosen


def row_height(cells: tuple[str, ...], widths: tuple[float, ...], size: float, face: measure.Face) -> float:
    """A table row's height in points: its tallest cell, wrapped, plus the cell margins."""
    n = max(len(measure.lines(c, face, size, (w - CELL_INSET) * SAFETY)) for c, w in zip(cells, widths, strict=True))
    return measure.height(n, size) + 7.2 + 2


def column_widths(columns: tuple[str, ...], rows: list[tuple[str, ...]], total: float) -> tuple[float, ...]:
    """Share ``total`` points between columns by their longest text (capped), with some room each."""
    lengths = [max(len(columns[k]), *(len(r[k]) for r in rows)) for k in range(len(columns))]
    weight = sum(min(n, 40) + 6 for n in lengths)
    return tuple(total * (min(n, 40) + 6) / weight for n in lengths)


def row_groups(
    columns: tuple[str, ...],
    rows: list[tuple[str, ...]],
    widths: tuple[float, ...],
    size: float,
    box: Box,
    most: int | None = None,
) -> list[list[tuple[str, ...]]]:
    """Rows grouped into slides under a repeated header row, at most ``most`` a slide, shared evenly."""

    regular, bold = measure.Face(box.face.family), measure.Face(box.face.family, bold=True)
    room = box.h - row_height(columns, widths, size, bold)

    def fill(most: int) -> list[list[tuple[str, ...]]]:
        groups: list[list[tuple[str, ...]]] = [[]]
        used = 0.0
        for row in rows:
            h = row_height(row, widths, size, regular)
            if groups[-1] and (used + h > room or len(groups[-1]) >= most):
                groups.append([])
                used = 0.0
            groups[-1].append(row)
            used += h
        return groups

    greedy = fill(most or len(rows))
    heights = [row_height(row, widths, size, regular) for row in rows]
    # share the rows evenly (counts differing by one at most) rather than leave a thin last slide
    for count in range(len(greedy), len(rows) + 1):
        runs = even_runs(len(rows), -(-len(rows) // count))
        if len(runs) == count and all(sum(heights[a:b]) <= room for a, b in runs):
            return [rows[a:b] for a, b in runs]
    return greedy


def balanced(weights: list[int], runs: int) -> list[tuple[int, int]]:
    """``weights`` cut into ``runs`` consecutive runs (at most one a weight) whose heaviest is as light as it
    goes: (start, end) pairs."""
    count = len(weights)
    runs = max(1, min(runs, count))
    prefix = [0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    # best[r][i]: the lightest heaviest run cutting the first i weights into r runs, and where its last run starts
    none = float("inf")
    best = [[(none, 0)] * (count + 1) for _ in range(runs + 1)]
    best[0][0] = (0, 0)
    for r in range(1, runs + 1):
        for i in range(r, count + 1):
            cuts = [(max(best[r - 1][j][0], prefix[i] - prefix[j]), j) for j in range(r - 1, i)]
            best[r][i] = min(c for c in cuts if c[0] < none)
    out, end = [], count
    for r in range(runs, 0, -1):
        start = best[r][end][1]
        out.append((start, end))
        end = start
    return out[::-1]


def even_runs(count: int, most: int) -> list[tuple[int, int]]:
    """``count`` items cut into the fewest runs of at most ``most``, as even as they go: (start, end) pairs."""
    runs = max(-(-count // most), 1)
    base, extra = divmod(count, runs)
    out, start = [], 0
    for r in range(runs):
        end = start + base + (1 if r < extra else 0)
        out.append((start, end))
        start = end
    return out
