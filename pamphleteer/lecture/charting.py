"""Chart decisions for a hall, made before python-pptx draws anything: pie labels and line-label sides.

Pure functions over numbers, unit-tested without a deck: a pie's labels are
percentages, set on their slices only where the slice is wide enough to hold one
(the rest are named in the legend with their percentage, so no two labels
collide); a line chart's value labels go on the side of the point the line
leaves free.
"""

from __future__ import annotations

from pamphleteer.render import charts

SMALL_SLICE = 0.08  # under this share of the pie, a slice's label moves to the legend


def percent(share: float, language: str = "en") -> str:
    """A share (0-1) as a whole percentage; under 1% with one decimal; written the language's way."""
    p = share * 100
    return charts.percent(share, language, 1 if 0 < p < 1 else 0)


def pie_labels(values: list[float], language: str = "en") -> list[tuple[str, bool]]:
    """For each slice its percentage and whether the label sits on the slice (False: in the legend)."""
    total = sum(values) or 1.0
    return [(percent(v / total, language), v / total >= SMALL_SLICE) for v in values]


def line_sides(values: list[float]) -> list[str]:
    """Where each point's label goes so the line does not strike through it.

    A peak's label goes above, a trough's below; on a rising stretch the line
    runs down to the left, so the label goes left; on a falling one, right.
    """
    out = []
    for k, v in enumerate(values):
        before = values[k - 1] if k else None
        after = values[k + 1] if k + 1 < len(values) else None
        neighbours = [x for x in (before, after) if x is not None]
        if all(v >= x for x in neighbours):
            out.append("above")
        elif all(v <= x for x in neighbours):
            out.append("below")
        elif before is not None and before < v:
            out.append("left")
        else:
            out.append("right")
    return out
