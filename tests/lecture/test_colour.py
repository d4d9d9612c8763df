"""The deck's colour check, on the shared WCAG arithmetic and palette (render/colours.py)."""

from __future__ import annotations

import pytest

from pamphleteer.lecture import colour
from pamphleteer.render import colours


def test_contrast_matches_the_wcag_reference_values():
    assert colour.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert colour.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert colour.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the well-known near miss
    assert colour.contrast("a1a1a1", "ffffff") == pytest.approx(2.58, abs=0.01)  # the old footers (issue 14)


def test_readable_picks_ink_or_white_and_every_palette_colour_has_one():
    assert colour.readable("#8c1c13") == colour.WHITE
    assert colour.readable("#bf8b30") == colour.INK
    assert all(colour.contrast(colour.readable(c), c) >= colour.MINIMUM for c in colour.palette())


def test_failures_name_the_pair_and_the_ratio():
    assert colour.failures([("footer", "#a1a1a1", "#ffffff"), ("title", "#1a1a1a", "#ffffff")]) == [
        "footer: text #a1a1a1 on #ffffff has contrast 2.6:1 (at least 4.5:1 is needed)"
    ]


def test_the_deck_takes_the_charts_palette_and_its_rule():
    assert colour.palette is colours.palette and colour.readable is colours.readable
