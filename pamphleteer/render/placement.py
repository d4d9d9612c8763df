"""Where a line chart's value labels go: beside their points, clear of every line, of each other and of the axes.

One decision for every output: the pamphlet's SVG (``charts``) and the deck's native
charts (``lecture/charting``) both ask :func:`sides` with their own geometry, and draw
each label on the side it names. Pure geometry on boxes and segments, y growing
downwards as on a page; nothing here knows a file format.
"""

from __future__ import annotations

from itertools import pairwise

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1

SIDES = ("above", "below", "left", "right", "above left", "above right", "below left", "below right")


def box(point: Point, size: tuple[float, float], side: str, gap: float) -> Rect:
    """The box a label of ``size`` (width, height) takes on ``side`` of ``point``, ``gap`` away from it."""
    (x, y), (w, h) = point, size
    vertical, _, horizontal = side.partition(" ")
    if vertical in ("left", "right"):
        vertical, horizontal = "", vertical
    top = {"above": y - gap - h, "below": y + gap}.get(vertical, y - h / 2)
    left = {"left": x - gap - w, "right": x + gap}.get(horizontal, x - w / 2)
    return (left, top, left + w, top + h)


def sides(rows: list[list[Point]], sizes: list[list[tuple[float, float]]], bounds: Rect, gap: float) -> list[list[str]]:
    """For each point of each line, the side its label goes.

    Each label takes the first side, in its point's order of preference, that crosses no
    line, covers no label placed before it and stays inside ``bounds`` (the plot: outside
    it are the axes and their labels); when none is clear, the side with the fewest
    clashes. A peak prefers above, a trough below; a point on a slope prefers the corner
    the line leaves open (above left of a rise, above right of a fall); beside the point,
    where the label would touch its marker, comes last.
    """
    segments = [segment for row in rows for segment in pairwise(row)]
    placed: list[Rect] = []
    out: list[list[str]] = []
    for row, row_sizes in zip(rows, sizes, strict=True):
        chosen = []
        for k, (point, size) in enumerate(zip(row, row_sizes, strict=True)):
            order = _preference(row, k)

            def clashes(side: str, point: Point = point, size: tuple[float, float] = size) -> int:
                rect = box(point, size, side, gap)
                return (
                    sum(_crosses(a, b, rect) for a, b in segments)
                    + sum(_overlap(rect, other) for other in placed)
                    + (0 if _inside(rect, bounds) else 2)
                )

            side = min(order, key=lambda s: (clashes(s), order.index(s)))
            placed.append(box(point, size, side, gap))
            chosen.append(side)
        out.append(chosen)
    return out


def _preference(row: list[Point], k: int) -> list[str]:
    x, y = row[k]
    before = row[k - 1] if k else None
    after = row[k + 1] if k + 1 < len(row) else None
    neighbours = [p[1] for p in (before, after) if p is not None]
    if all(y <= v for v in neighbours):  # nothing higher beside it (y grows downwards)
        return ["above", "above left", "above right", "below", "below left", "below right", "left", "right"]
    if all(y >= v for v in neighbours):
        return ["below", "below left", "below right", "above", "above left", "above right", "left", "right"]
    # on a slope: the line leaves open the corners across from where it runs
    lower = before if before is not None and before[1] > y else after
    if lower is not None and lower[0] < x:  # it comes up from the lower left (from the right, right to left)
        return ["above left", "below right", "above", "below", "above right", "below left", "left", "right"]
    return ["above right", "below left", "above", "below", "above left", "below right", "right", "left"]


def _inside(rect: Rect, bounds: Rect) -> bool:
    return rect[0] >= bounds[0] and rect[1] >= bounds[1] and rect[2] <= bounds[2] and rect[3] <= bounds[3]


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(p: Point, q: Point, rect: Rect) -> bool:
    """Whether the segment p-q passes through the rectangle (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for step, room in ((-dx, x0 - rect[0]), (dx, rect[2] - x0), (-dy, y0 - rect[1]), (dy, rect[3] - y0)):
        if step == 0:
            if room < 0:
                return False
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True
