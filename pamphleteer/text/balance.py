"""Balanced lines for a display title: where a reader would break it, decided once with real metrics.

A title set large breaks where the line fills, so "The Matchwomen of Bow" comes out
"The Matchwomen of / Bow": a word alone under a long line, and the phrase torn at "of".
A person setting it by hand keeps the same number of lines and makes them as even as
they can: "The Matchwomen / of Bow". :func:`lines` does that: as many lines as filling
them would take, the breaks chosen so the lines' widths are as even as possible
(the least sum of squared widths, which also keeps the longest line short). WeasyPrint 70
has no ``text-wrap: balance``, so the cover's template gets the lines from here, measured
with the bundled face it sets them in (``width``), and breaks only where told.
"""

from __future__ import annotations

from collections.abc import Callable


def lines(text: str, width: Callable[[str], float], measure: float) -> tuple[str, ...]:
    """``text`` broken at spaces into balanced lines no wider than ``measure`` (a word wider than it
    stands alone on its line); ``width`` measures a line in the units of ``measure``."""
    words = text.split(" ")
    words = [w for w in words if w]
    if len(words) < 2:
        return tuple(words)
    count = len(_filled(words, width, measure))
    if count < 2:
        return (" ".join(words),)
    n = len(words)

    def cost(i: int, j: int) -> float | None:
        """The cost of words[i:j] as one line: its width squared, or None if it does not fit."""
        w = width(" ".join(words[i:j]))
        return w * w if w <= measure or j - i == 1 else None

    # best[k][j]: the least cost of setting the first j words in k lines, and where its last line starts
    inf = float("inf")
    best = [[(inf, 0)] * (n + 1) for _ in range(count + 1)]
    best[0][0] = (0.0, 0)
    for k in range(1, count + 1):
        for j in range(k, n + 1):
            for i in range(k - 1, j):
                before = best[k - 1][i][0]
                if before == inf:
                    continue
                here = cost(i, j)
                if here is not None and before + here < best[k][j][0]:
                    best[k][j] = (before + here, i)
    if best[count][n][0] == inf:
        return tuple(_filled(words, width, measure))
    out: list[str] = []
    j = n
    for k in range(count, 0, -1):
        i = best[k][j][1]
        out.append(" ".join(words[i:j]))
        j = i
    return tuple(reversed(out))


def _filled(words: list[str], width: Callable[[str], float], measure: float) -> list[str]:
    """The lines filling each as far as it goes, as a browser sets them."""
    out: list[str] = []
    for word in words:
        if out and width(out[-1] + " " + word) <= measure:
            out[-1] += " " + word
        else:
            out.append(word)
    return out
