"""What every layout child of a ``--watch`` works out first on every rebuild and no publication
changes, worked out once by the children's fork server when it loads this module (``watch.warm``
names it): the bundled fonts' coverage (``text/glyphs.py``: every face's character map, read from
the font files, some 50 ms), which the reading edition asks first thing to pick its fallback fonts.
A child forked from the server finds it read; it is kept by the font files' stamps, so a font
changed since is read again there. A failure here is no build's: the child reads it again itself,
and says what went wrong.
"""

from __future__ import annotations

import contextlib

from pamphleteer.text import glyphs


def preheat() -> None:
    with contextlib.suppress(Exception):
        glyphs.coverage()


preheat()
