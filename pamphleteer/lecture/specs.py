"""The lecture planned as plain data: boxes from the master, and the slide specs the deck, handout and script draw.

Nothing here measures or draws; every size in a spec has already been fitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pamphleteer.content import model
from pamphleteer.text import measure

# The placeholders a house style adds to the title layout (lecture/styling.py): the cover picture, the
# logo and the picture's credit.
PICTURE, LOGO, CREDIT = 10, 14, 15


@dataclass(frozen=True)
class Box:
    """A placeholder's frame in points and the typeface it sets by default."""

    x: float
    y: float
    w: float
    h: float
    size: float
    face: measure.Face


@dataclass(frozen=True)
class Text:
    paragraphs: tuple[str, ...]
    size: float
    levels: tuple[int, ...] = ()  # each paragraph's list level when not the first (0): the agenda's current part


@dataclass(frozen=True)
class EventSpec:
    """One event on a timeline slide: its date and title as set, and the size every label of the slide takes."""

    when: str
    title: str
    size: float


@dataclass(frozen=True)
class TableSpec:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    size: float
    widths: tuple[float, ...]  # column widths in points
    heights: tuple[float, ...] = ()  # row heights in points, header first


@dataclass(frozen=True)
class SlideSpec:
    layout: str
    title: Text
    texts: dict[int, Text] = field(default_factory=dict)  # placeholder idx -> text
    chart: model.Series | None = None
    table: TableSpec | None = None
    events: tuple[EventSpec, ...] = ()
    image: model.Picture | None = None  # a picture slide's, or the title slide's cover
    logo: Path | None = None  # the title slide's: the publisher's logo
    notes: str = ""
    footer: str = ""
    alt: str = ""
    chapter: str = ""  # chapter id, for the handout
    covers: tuple[str, ...] = ()  # the chapters its footer points to, when more than its own (a part's divider)
    frames: dict[int, Box] = field(default_factory=dict)  # placeholder idx -> where it goes, when not the layout's
    qr: str = ""  # an address drawn as a QR code in placeholder 14 (the closing slide)


@dataclass(frozen=True)
class PartSpec:
    """A part of the lecture for the handout: its recap frames and where the pamphlet covers it."""

    title: str
    chapters: tuple[str, ...]
    pages: tuple[int, int] | None
    frames: tuple[SlideSpec, ...]


Boxes = dict[str, dict[int, Box]]


def with_(spec: SlideSpec, **changes: Any) -> SlideSpec:
    """A copy of ``spec`` with ``changes``; specs are frozen."""
    return replace(spec, **changes)
