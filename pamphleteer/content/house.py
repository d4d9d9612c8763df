"""The house style settled: every colour and typeface the outputs draw, derived once from ``style:``.

``publication.yaml`` says a house style in three lines (``content/model/publication.py``, :class:`Style`):
an accent colour and a text colour, one of the bundled typefaces, and a logo. :func:`look`
turns them into a :class:`Look`, the few named colours and faces every output draws with:
the pamphlet's stylesheets read them as CSS variables, the screen editions' stylesheets are
rendered with them, the deck's master is recoloured with them. Without a style the look is
our own design, colour for colour.

The colours an author gives are checked where they are drawn (:func:`unreadable`): text in
the accent or the text colour must reach WCAG 2's 4.5:1 on the white page and on the tint
behind boxes; the colours set on the accent (the cover's and title slides' text) are chosen
here to reach it, white where our cream does not.

The colour arithmetic (WCAG 2 luminance and contrast, CIE lightness) is defined here, below
every output, and ``render/colours.py`` shares it with the chart palette.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

MINIMUM = 4.5  # WCAG 2 AA for text
WHITE, BLACK = "#ffffff", "#000000"
PAGE = WHITE  # every output's paper

# Our own design, the look of a publication with no style of its own.
ACCENT, INK = "#8c1c13", "#1a1a1a"
CREAM, SAND = "#f6efe2", "#e9dcc3"

# The bundled typefaces a style may choose (templates/fonts/): the text's face, and the file of its
# italic, which the running heads are measured in.
TYPEFACES = {"PT Serif": "PTF56F.ttf", "PT Sans": "PTS56F.ttf"}
DISPLAY = "PT Sans"  # headings, labels, captions and the cover, whichever face the text takes


@dataclass(frozen=True)
class Look:
    """The colours (``#rrggbb``) and faces every output draws with."""

    accent: str = ACCENT  # the cover, title and section slides, labels, rules, dates
    shade: str = "#6e140e"  # the accent darkened: the cover art's lower field
    deep: str = "#5a120c"  # the accent much darker: pull quotes
    quote: str = "#3a0b07"  # darker still: a quotation set large on a slide
    tint: str = "#f4eee4"  # boxes (a timeline excerpt), a table's banded rows
    ink: str = INK  # running text and headings
    on_accent: str = CREAM  # text on the accent and its shade
    soft: str = SAND  # rules and quieter text on the accent
    text_face: str = "PT Serif"
    display_face: str = DISPLAY
    styled: bool = False  # False: our own design, which the deck's master already draws

    @property
    def sans(self) -> bool:
        """Whether the text is set in the sans face (the deck then sets its quotations in Arial)."""
        return self.text_face == DISPLAY

    @property
    def italic_file(self) -> str:
        """The text face's italic, in templates/fonts/ (the running heads are set in it)."""
        return TYPEFACES[self.text_face]


@lru_cache(maxsize=16)
def look(accent: str = ACCENT, text: str = INK, typeface: str = "PT Serif") -> Look:
    """The look of a style: our own design, with the author's colours and typeface and what follows from them."""
    found = Look(ink=text, text_face=typeface, styled=(accent, text, typeface) != (ACCENT, INK, "PT Serif"))
    if accent == ACCENT:
        return found
    shade = mix(accent, BLACK, 0.21)
    on_accent = CREAM if min(contrast(CREAM, accent), contrast(CREAM, shade)) >= MINIMUM else WHITE
    soft = mix(on_accent, accent, 0.12)  # the cream (or white) a shade towards the accent
    soft = soft if contrast(soft, accent) >= MINIMUM else on_accent
    return replace(
        found,
        accent=accent,
        shade=shade,
        deep=mix(accent, BLACK, 0.36),
        quote=mix(accent, BLACK, 0.59),
        tint=mix(accent, WHITE, 0.92),
        on_accent=on_accent,
        soft=soft,
    )


# Where each of a style's colours is drawn as text, by what it is drawn on.
DRAWN = {
    "accent": {PAGE: "labels, dates and rules on the page", "tint": "dates in a box, on the accent's tint"},
    "text": {PAGE: "running text on the page", "tint": "text in a box, on the accent's tint"},
}


def unreadable(colour: str, behind: str, field: str) -> str:
    """Why text in ``colour`` (a style's ``field``: accent or text) cannot be read on ``behind``; "" when it can."""
    ratio = contrast(colour, behind)
    if ratio >= MINIMUM:
        return ""
    where = DRAWN[field][behind if behind == PAGE else "tint"]
    needed = f"at least {MINIMUM}:1 is needed: choose a darker colour"
    return f"{colour} on {behind} ({where}) has contrast {ratio:.1f}:1; {needed}"


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


def lightness(colour: str) -> float:
    """CIE L* of the colour's luminance: its grey on a black-and-white copy, 0 (black) to 100 (white)."""
    y = luminance(colour)
    f = y ** (1 / 3) if y > 216 / 24389 else (24389 / 27 * y + 16) / 116
    return 116 * f - 16


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0 to 1) of ``other`` mixed in, channel by channel."""
    a, b = colour.lstrip("#"), other.lstrip("#")
    channels = (round(int(a[i : i + 2], 16) * (1 - share) + int(b[i : i + 2], 16) * share) for i in (0, 2, 4))
    return "#" + "".join(f"{c:02x}" for c in channels)
