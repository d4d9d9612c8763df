"""Chart decisions for a hall: pie percentages and which slices keep their label; line-label sides."""

from __future__ import annotations

from pamphleteer.lecture import charting


def test_pie_labels_are_percentages_and_thin_slices_go_to_the_legend():
    assert charting.pie_labels([80, 12, 4, 4]) == [("80%", True), ("12%", True), ("4%", False), ("4%", False)]


def test_a_tiny_share_keeps_a_decimal_and_an_empty_pie_does_not_divide_by_zero():
    assert charting.percent(0.004) == "0.4%"
    assert charting.pie_labels([0, 0]) == [("0%", False), ("0%", False)]


def test_line_labels_sit_where_the_line_is_not():
    # a peak above, a trough below, a rise to the left, a fall to the right
    assert charting.line_sides([10, 40, 25, 60, 55]) == ["below", "above", "below", "above", "below"]
    assert charting.line_sides([1, 2, 3]) == ["below", "left", "above"]
    assert charting.line_sides([3, 2, 1]) == ["above", "right", "below"]
    assert charting.line_sides([5]) == ["above"]
