"""Balanced lines for a display title: where a reader would break it, decided once with real metrics.

A title set large breaks where the line fills, so "The Matchwomen of Bow" comes out
"The Matchwomen of / Bow": a word alone under a long line, and the phrase torn at "of".
A person setting it by hand keeps the same number of lines and makes them as even as
they can: "The Matchwomen / of Bow". :func:`lines` does that: as many lines as filling
them would take, the breaks chosen so the lines' widths are as even as possible
(the least sum of squared widths, which also keeps the longest line short; a line ending
at a comma or a colon counts a little less, so that of two settings about as even the one
breaking where the phrase does is taken). WeasyPrint 70
has no ``text-wrap: balance``, so the cover's template gets the lines from here, measured
with the bundled face it sets them in (``width``), and breaks only where told.
"""

from __future__ import annotations

from collections.abc import Callable

from . import bidi, cldr

# A line that ends at a phrase's end costs this share of its squared width: between two settings about as
# even, the one that breaks at the comma ("Why the tenants of the road are meeting, / and what we can do
# together", not "... road are / meeting, and ...").
PHRASE = 0.8
_PAUSES = (",", ";", ":", "—", "–", "·")
# A line that ends at a short lower-case word ("the", "of", "в", "der") costs this share more: the word leans
# on the next ("by the / union leaders"), and a reader's eye stops on it; of two settings about as even, the
# one that carries it over is taken ("called off / by the union leaders"). Scripts without case never pay it.
# A short word that opens a phrase leans on the next whatever its case: "Klaus Schönhoven, Die / deutschen
# Gewerkschaften" reads worse than "Klaus Schönhoven, / Die deutschen Gewerkschaften".
LEANING = 1.25
SHORT = 3


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
        """The cost of words[i:j] as one line: its width squared (less for a line that ends a phrase, at a
        comma or a colon, where a reader pauses; more for one ending at "the"), or None if it does not fit."""
        w = width(" ".join(words[i:j]))
        if w > measure and j - i > 1:
            return None
        return w * w * (_weight(words[j - 1], words[j - 2] if j - 1 > i else "") if j < n else 1.0)

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


def _weight(last: str, before: str) -> float:
    """What a line ending at the word ``last`` (after ``before`` on the same line, or "") pays on its squared
    width: less at a pause, more at a short word that leans on the next (a lower-case one, or any that opens
    a phrase)."""
    if last.endswith(_PAUSES):
        return PHRASE
    leans = last.islower() or before.endswith(_PAUSES)
    return LEANING if len(last) <= SHORT and last.isalpha() and leans else 1.0


def _filled(words: list[str], width: Callable[[str], float], measure: float) -> list[str]:
    """The lines filling each as far as it goes, as a browser sets them."""
    out: list[str] = []
    for word in words:
        if out and width(out[-1] + " " + word) <= measure:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def by_hand(text: str, language: str) -> bool:
    """Whether ``text`` may be set in lines broken by hand in a book in ``language``: not when it runs against
    the book's direction (an English subtitle in a Hebrew book), where each forced line is a paragraph of its
    own to the bidi algorithm, and a comma ending one moves to its far end (",Why Calder Road ... meeting")."""
    found = bidi.first_strong(text)
    return not found or found == cldr.direction(language)
