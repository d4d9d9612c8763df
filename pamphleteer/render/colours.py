"""The chart palette and what every output needs to know about it: text that reads on each fill, and greys.

``palette()`` reads ``templates/palette.json``, the one list of chart colours the
pamphlet, the handout, the script, the EPUB, the web edition and the deck share, so a
series has the same colour everywhere; a house style's accent leads it in place of ours. The
rest are pure functions over ``#rrggbb``:

- ``contrast`` is WCAG 2's ratio of relative luminances; ``readable`` picks the text
  colour for a fill, ink or white, and never one under 4.5:1 (when neither the house
  ink nor white reaches it on a mid-tone, pure black or white does: one of the two
  always gives at least 4.58:1).
- ``lightness`` is CIE L* of a colour's luminance, which is what a photocopier keeps
  of it; ``greyscale_clashes`` names the palette's pairs that a black-and-white copy
  would make one (less than :data:`GREY_STEP` apart).
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

from pamphleteer.content.house import BLACK, INK, MINIMUM, WHITE, Look, contrast, lightness, luminance
from pamphleteer.errors import UsageError, display_path
from pamphleteer.infra import dependencies
from pamphleteer.infra.filecache import by_file
from pamphleteer.infra.locations import templates_dir

# Two fills whose greys are closer than this (in CIE L*, 0 black to 100 white) read as one on a
# photocopy. Six colours at this step span L* 18-80: from near black to a pale tint.
GREY_STEP = 12.0
__all__ = ["BLACK", "GREY_STEP", "INK", "MINIMUM", "WHITE", "contrast", "lightness", "luminance", "palette", "readable"]


def palette(look: Look | None = None) -> tuple[str, ...]:
    """The chart colours in order, from ``templates/palette.json``: series and slices take them in turn.

    With a house style (``look`` styled), its accent leads in place of the file's first colour (our
    accent), and a colour of the rest a photocopy would not tell from it (less than :data:`GREY_STEP`
    apart in grey) is left out: a blue house's charts are blue, ochre, slate..., never our red."""
    path = templates_dir() / "palette.json"
    dependencies.record(path)
    ours = _read_palette(path)
    if look is None or not look.styled or look.accent == ours[0]:
        return ours
    accent = look.accent.lower()
    return (accent, *(c for c in ours[1:] if abs(lightness(c) - lightness(accent)) >= GREY_STEP))


@by_file(maxsize=2)  # an edited palette is read again by a running --watch
def _read_palette(path: Path) -> tuple[str, ...]:
    """The palette file's colours; one that is not a JSON list of '#rrggbb' is a usage error naming it."""
    try:
        colours = json.loads(path.read_bytes())
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        where = f":{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise UsageError(f"{display_path(path)}{where}: not a readable palette ({exc})") from None
    if not isinstance(colours, list) or not colours or not all(isinstance(c, str) and _HEX.match(c) for c in colours):
        raise UsageError(f'{display_path(path)}: a palette is a JSON list of colours like "#8c1c13"')
    return tuple(c.lower() for c in colours)


_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def readable(behind: str, choices: tuple[str, ...] = (INK, WHITE)) -> str:
    """The choice that contrasts most with ``behind``; pure black or white when none reaches :data:`MINIMUM`."""
    best = max(choices, key=lambda c: contrast(c, behind))
    if contrast(best, behind) >= MINIMUM:
        return best
    return max((BLACK, WHITE), key=lambda c: contrast(c, behind))


def greyscale_clashes(colours: tuple[str, ...], step: float = GREY_STEP) -> list[tuple[str, str, float]]:
    """Each pair of ``colours`` whose greys are less than ``step`` apart, with the difference."""
    return [
        (a, b, abs(lightness(a) - lightness(b)))
        for a, b in combinations(colours, 2)
        if abs(lightness(a) - lightness(b)) < step
    ]
