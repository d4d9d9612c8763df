"""Where a line's value labels go, on made-up geometry (y grows downwards)."""

from __future__ import annotations

from itertools import pairwise

from pamphleteer.render import placement

PLOT = (0.0, 0.0, 400.0, 200.0)
SIZE = (30.0, 12.0)


def _clear(rows, sides, gap=4.0) -> bool:
    boxes = [
        placement.box(p, SIZE, s, gap)
        for row, row_sides in zip(rows, sides, strict=True)
        for p, s in zip(row, row_sides, strict=True)
    ]
    segments = [seg for row in rows for seg in pairwise(row)]
    crossing = any(placement._crosses(a, b, box) for box in boxes for a, b in segments)
    overlapping = any(placement._overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    inside = all(placement._inside(box, PLOT) for box in boxes)
    return not crossing and not overlapping and inside


def test_peaks_take_their_labels_above_and_troughs_below():
    row = [(40, 150), (120, 60), (200, 120), (280, 40), (360, 60)]
    sides = placement.sides([row], [[SIZE] * 5], PLOT, 4)
    assert sides == [["below", "above", "below", "above", "below"]]
    assert _clear([row], sides)


def test_a_label_never_leaves_the_plot_for_the_axes():
    row = [(30, 195), (200, 100), (370, 5)]  # the first point on the axis, the last in the top corner
    sides = placement.sides([row], [[SIZE] * 3], PLOT, 4)[0]
    # no side is clear of everything there: each takes the one that stays in the plot, touching the line least
    assert sides[0] == "above" and sides[2] == "below"
    boxes = [placement.box(p, SIZE, s, 4) for p, s in zip(row, sides, strict=True)]
    assert all(placement._inside(box, PLOT) for box in boxes)


def test_two_lines_keep_their_labels_apart():
    rows = [[(50, 100), (200, 100), (350, 100)], [(50, 108), (200, 108), (350, 108)]]
    sides = placement.sides(rows, [[SIZE] * 3] * 2, PLOT, 4)
    assert sides[0] == ["above"] * 3 and sides[1] == ["below"] * 3
    assert _clear(rows, sides)


def test_a_segment_through_a_box_is_found():
    assert placement._crosses((0, 0), (10, 10), (4, 4, 6, 6))
    assert not placement._crosses((0, 0), (10, 0), (4, 4, 6, 6))
    assert placement._crosses((5, -10), (5, 10), (4, 4, 6, 6))  # a vertical segment
