"""Colour for a hall: WCAG 2 contrast between text and what lies behind it, and the shared chart palette.

``contrast`` and ``readable`` are pure functions over ``#rrggbb`` strings;
``palette`` reads ``templates/palette.json``, the one list of chart colours the
pamphlet and the deck share, so a series has the same colour in both.
"""

from __future__ import annotations

from pamphleteer.render.charts import palette

__all__ = ["palette"]  # the one chart palette, shared with the pamphlet (charts.py)

MINIMUM = 4.5  # WCAG 2 AA for text
INK, WHITE = "#1a1a1a", "#ffffff"


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb`` (the hash is optional)."""
    hex_ = colour.lstrip("#")
    channels = [int(hex_[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(text: str, behind: str) -> float:
    """Contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(text), luminance(behind)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(behind: str, choices: tuple[str, ...] = (INK, WHITE)) -> str:
    """The choice that contrasts most with ``behind`` (ink or white by default)."""
    return max(choices, key=lambda c: contrast(c, behind))


def failures(pairs: list[tuple[str, str, str]]) -> list[str]:
    """Messages for each (what, text colour, background) pair under the minimum contrast."""
    return [
        f"{what}: text {fg} on {bg} has contrast {contrast(fg, bg):.1f}:1 (at least {MINIMUM}:1 is needed)"
        for what, fg, bg in pairs
        if contrast(fg, bg) < MINIMUM
    ]
