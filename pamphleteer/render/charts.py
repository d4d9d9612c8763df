"""Chart geometry: a data series turned into plain shapes for an SVG template to draw.

Pure arithmetic, no markup: a :class:`Chart` of rectangles, polylines, pie wedges,
tick marks and labels in a fixed coordinate space, with the palette's fill for each
series and, for each label, the ink that reads on what lies behind it
(``colours.readable``: 4.5:1 at least, the deck's rule too). Here are the shapes, the
measures every kind shares (text widths in the house face, numbers and percentages the
language's way, a round axis maximum), a chart in words and the data's warnings;
``chart_layout.layout(series)`` lays each kind out. ``templates/chart.svg.j2``, the one
SVG macro of the pamphlet, handout, script, EPUB and web edition, draws it and decides
type and rules, so a designer restyles every figure without touching this module.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from babel.numbers import format_decimal, format_percent

from pamphleteer.content import source
from pamphleteer.content.model import Series
from pamphleteer.errors import Problem
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import measure, words
from pamphleteer.text.cldr import NUMBERING, babel_locale, numbers_of, numerals

from . import colours

if TYPE_CHECKING:  # content imports charts' callers; only the type is needed here
    from pamphleteer.content import Book

WIDTH, HEIGHT = 400.0, 230.0
# LEFT holds "1,200,000" inside the figure; TOP leaves the unit a line of its own above the axis.
LEFT, RIGHT, TOP, BOTTOM = 50.0, 10.0, 24.0, 34.0


@dataclass(frozen=True)
class Rect:
    """A filled rectangle: a bar, or a line's point marker; ``value`` is the number it stands for."""

    x: float
    y: float
    w: float
    h: float
    row: int
    value: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"  # SVG text-anchor
    size: float = 10.0
    on: int | None = None  # the series whose fill lies behind the label; None: the paper


@dataclass(frozen=True)
class Line:
    points: str  # "x,y x,y ..." for <polyline>
    row: int


@dataclass(frozen=True)
class Wedge:
    path: str
    row: int
    label: Label


@dataclass
class Chart:
    kind: str
    width: float = WIDTH
    height: float = HEIGHT
    boxes: list[Rect] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    wedges: list[Wedge] = field(default_factory=list)
    grid: list[tuple[float, float, float, float]] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    ticks: list[Label] = field(default_factory=list)
    legend: list[tuple[int, str]] = field(default_factory=list)
    fills: tuple[str, ...] = ("#000000",)  # the palette: series and slices take them in turn
    unit: str | None = None  # the values' unit, shown above the axis ("%" is on every number instead)
    rtl: bool = False  # drawn right to left: categories from the right, the value axis and its unit on the right

    @property
    def short(self) -> bool:
        """Whether it was drawn shorter than a chart's height for a page's room (``chart_layout.SHORTENED``)."""
        return self.height < HEIGHT

    def fill(self, row: int) -> str:
        """The fill of a series (or a pie's slice)."""
        return self.fills[row % len(self.fills)]

    def ink(self, label: Label) -> str:
        """The colour a label is set in: the ink, or the one that reads on the fill behind it."""
        return colours.INK if label.on is None else colours.readable(self.fill(label.on))


def text_width(text: str, size: float = 10.0, face: str = "PTS55F.ttf") -> float:
    """How wide ``text`` is set in PT Sans (or ``face``) at ``size``, in the units of ``size``."""
    widths, em, default = measure.read_metrics(templates_dir() / "fonts" / face)
    # a character PT Sans lacks is drawn by a fallback face: count it a full em, to be safe
    return sum(widths.get(ord(c), em if ord(c) > 0x2FFF else default) for c in text) * size / em


def wrap(text: str, width: float, size: float = 10.0) -> list[str]:
    """``text`` broken into lines no wider than ``width``, at spaces (a word longer stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def number(value: float, language: str = "en", places: int | None = None) -> str:
    """12000 -> '12,000'; 2.5 -> '2.5'; in Russian '12 000' and '2,5' (Babel's locale data); with the
    digits a tag names (``ar-u-nu-arab``, :func:`cldr.numbers_tag`), "١٢٬٠٠٠".

    With ``places``, that many decimals (a series' values share theirs, :func:`decimals`).
    """
    if places is None:
        places = 0 if float(value).is_integer() else 1
    plain, digits = numbers_of(language)
    if not plain.startswith("en"):
        pattern = "#,##0" + ("." + "0" * places if places else "")
        said = format_decimal(value, pattern, locale=babel_locale(plain), numbering_system=NUMBERING[digits])
        return numerals(said, digits)  # Babel gives the system's separators, never its digits
    return numerals(f"{value:,.{places}f}", digits)


def decimals(values: list[float]) -> int:
    """The decimals a set of values needs, up to two: a series' labels all show as many."""
    return min(max((len(f"{v:.6f}".rstrip("0").partition(".")[2]) for v in values), default=0), 2)


def numbers_for(series: Series, language: str) -> Callable[[float], str]:
    """How a series' values are written: the language's way, with the decimals the series needs."""
    places = decimals([v for row in series.rows for v in row.values])
    if series.unit == "%":  # shares carry their sign, as the language writes it
        return lambda value: percent(value / 100, language, places)
    return lambda value: number(value, language, places)


def percent(share: float, language: str = "en", decimals: int = 0) -> str:
    """A share (0-1) as a percentage: '25%' in English, '25 %' in Russian and French (Babel's locale data),
    in the digits the tag names (:func:`number`)."""
    plain, digits = numbers_of(language)
    if plain.startswith("en"):
        return numerals(f"{100 * share:.{decimals}f}%", digits)
    locale = babel_locale(plain)
    pattern = locale.percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals)
    return numerals(format_percent(share, pattern, locale=locale, numbering_system=NUMBERING[digits]), digits)


def describe(series: Series, language: str = "en") -> str:
    """A chart in words, for readers who cannot see it: its kind, and every value with its label (in the
    digits ``language`` names: cldr.numbers_tag). The EPUB's and web edition's <desc>, the tagged PDF's
    /Alt and the deck's alternative text."""
    said = words.catalogue(language)
    kinds = {
        "bar": said["bar_chart"],
        "hbar": said["bar_chart"],
        "line": said["line_chart"],
        "pie": said["pie_chart"],
        "stacked": said["stacked_bars"],
    }
    unit = f" ({series.unit})" if series.unit else ""
    rows = []
    for row in series.rows:
        values = said["semicolon"].join(
            f"{label}: {number(v, language)}" for label, v in zip(series.labels, row.values, strict=True)
        )
        rows.append(f"{row.name}{unit}: {values}." if len(series.rows) > 1 else f"{values}.")
    return f"{kinds[series.kind]}{said['comma']}{series.title}{unit}. " + " ".join(rows)


def nice_max(value: float) -> tuple[float, float]:
    """A round axis maximum at or above ``value`` and the step between gridlines."""
    if value <= 0:
        return 1.0, 1.0
    exponent = math.floor(math.log10(value))
    for mult in (1, 2, 2.5, 5, 10):
        step = mult * 10 ** (exponent - 1) * 2
        top = math.ceil(value / step) * step
        if top / step <= 6:
            return top, step
    return value, value  # pragma: no cover - the loop always returns


def warnings(book: Book) -> list[Problem]:
    """A warning for each data series of fewer than 3 values (a chart spent on two numbers), and for each
    without a unit (its numbers would say nothing of what they count)."""
    path = book.root / "data.yaml"
    located = source.read(path, book.root)[0] if path.is_file() else None
    if located is None or not isinstance(located.data, dict):
        return []
    found = []
    for i, series in enumerate(located.data.get("series") or []):
        if not isinstance(series, dict):
            continue
        rows = [series.get("values") or []] + [d.get("values") or [] for d in series.get("datasets") or []]
        count = sum(len(row) for row in rows if isinstance(row, list))
        if count < 3:
            found.append(located.problem(("series", i), f"a chart of {count} value(s): a sentence would do"))
        if not series.get("unit"):
            message = "no unit: the chart's numbers would not say what they count; give one, e.g. unit: workers or %"
            found.append(located.problem(("series", i), message))
    return found
