"""The measured layouts a process keeps, for the parts' layouts for good: most need no second layout.

A part that prints page numbers of anchors in or after itself (the contents, a chapter's "see
p. 42") is first measured with placeholders (``schedule.PLACEHOLDER``) for the numbers not known
yet, and laid out for good once they are. The worker that measured it keeps that layout here, and
the pool hands the part's layout for good to the same worker (``pool.Pool``): when the HTML
differs only in those numbers and each sets exactly as wide as its placeholder, the measured
layout with the numbers set in it (``weasy.renumber``) is the layout the new HTML would get, and
the part is not laid out again. Anything else (another number width, a stylesheet or font edited
since, other corrections) and the part is laid out as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pamphleteer.infra import dependencies
from pamphleteer.render import typeset

from . import pagination


@dataclass(frozen=True)
class Measured:
    """A part's measured layout, kept in the process that made it."""

    html: str  # what it was laid out from: the placeholders for the numbers not known then
    corrections: pagination.Corrections
    laid: typeset.Laid
    stylesheets: tuple[str, ...]
    read: dict[str, str]  # the files its layout read (a stylesheet or font edited since: not used)


_KEPT: dict[str, Measured] = {}  # part name -> its last measured layout in this process


def keep(name: str, measured: Measured) -> None:
    """Keep part ``name``'s measured layout (in place of any earlier one)."""
    _KEPT[name] = measured


def take(name: str) -> Measured | None:
    """Part ``name``'s measured layout, if this process keeps one: given once, then forgotten."""
    return _KEPT.pop(name, None)


def renumbered(
    measured: Measured | None,
    corrections: pagination.Corrections,
    html: str,
    folders: tuple[Path, ...],
    stylesheets: list[str],
) -> typeset.Laid | None:
    """The measured layout with the part's numbers set, if it was laid out with ``corrections`` from
    the same stylesheets and files and the numbers fit as the placeholders did; else None."""
    if measured is None or measured.corrections != corrections or measured.stylesheets != tuple(stylesheets):
        return None
    if not dependencies.unchanged(measured.read, folders):
        return None
    return typeset.renumbered(measured.laid, measured.html, html)
