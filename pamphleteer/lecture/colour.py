"""Colour for a hall: the deck's text colours checked against what lies behind them (WCAG 2).

The arithmetic and the chart palette are ``render/colours.py``'s, shared with every other
output, so a chart label's colour on a fill is chosen by one rule everywhere; this module
adds the deck's own check of every (text, background) pair it sets.
"""

from __future__ import annotations

from pamphleteer.render.colours import INK, MINIMUM, WHITE, contrast, luminance, palette, readable

__all__ = ["INK", "MINIMUM", "WHITE", "contrast", "failures", "luminance", "palette", "readable"]


def failures(pairs: list[tuple[str, str, str]]) -> list[str]:
    """Messages for each (what, text colour, background) pair under the minimum contrast."""
    return [
        f"{what}: text {fg} on {bg} has contrast {contrast(fg, bg):.1f}:1 (at least {MINIMUM}:1 is needed)"
        for what, fg, bg in pairs
        if contrast(fg, bg) < MINIMUM
    ]
