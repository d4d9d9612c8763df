"""Chart geometry: a data series turned into plain shapes for an SVG template to draw.

Pure arithmetic, no markup: ``layout(series)`` returns a :class:`Chart` of
rectangles, polylines, pie wedges, tick marks and labels in a fixed coordinate
space, with the palette's fill for each series and, for each label, the ink that
reads on what lies behind it (``colours.readable``: 4.5:1 at least, the deck's rule
too). ``templates/chart.svg.j2``, the one SVG macro of the pamphlet, handout, script,
EPUB and web edition, draws it and decides type and rules, so a designer restyles
every figure without touching this module.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from babel.numbers import format_decimal, format_percent
from fontTools.ttLib import TTFont

from pamphleteer.content import source
from pamphleteer.content.house import Look
from pamphleteer.content.model import Series
from pamphleteer.errors import Problem
from pamphleteer.infra.filecache import by_file
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import words
from pamphleteer.text.cldr import NUMBERING, babel_locale, direction, numbers_of, numerals

from . import colours, placement

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

    def fill(self, row: int) -> str:
        """The fill of a series (or a pie's slice)."""
        return self.fills[row % len(self.fills)]

    def ink(self, label: Label) -> str:
        """The colour a label is set in: the ink, or the one that reads on the fill behind it."""
        return colours.INK if label.on is None else colours.readable(self.fill(label.on))


def _advances(face: str = "PTS55F.ttf") -> tuple[dict[int, int], int, int]:
    """A bundled face's advance widths by code point, its default width and units per em."""
    return _read_advances(templates_dir() / "fonts" / face)


@by_file(maxsize=4)  # the face of the templates in force, as it is now
def _read_advances(path: Path) -> tuple[dict[int, int], int, int]:
    with TTFont(path, lazy=True) as font:
        cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
        widths = {code: metrics[glyph][0] for code, glyph in cmap.items()}
        return widths, metrics[".notdef"][0] if ".notdef" in metrics else 500, font["head"].unitsPerEm


def text_width(text: str, size: float = 10.0, face: str = "PTS55F.ttf") -> float:
    """How wide ``text`` is set in PT Sans (or ``face``) at ``size``, in the units of ``size``."""
    widths, default, em = _advances(face)
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


def _numbers(series: Series, language: str) -> Callable[[float], str]:
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


def layout(series: Series, language: str = "en", look: Look | None = None) -> Chart:
    """Lay out one series as the kind it asks for, in the palette's colours (led by ``look``'s accent, a
    house style's); numbers written the language's way."""
    chart = {"pie": _pie, "hbar": _hbar, "line": _line, "stacked": _stacked}.get(series.kind, _bars)(series, language)
    chart.fills = colours.palette(look)
    chart.unit = series.unit if series.unit and series.unit != "%" and series.kind != "pie" else None
    if series.kind in MIRRORED and direction(numbers_of(language)[0]) == "rtl":
        chart = _mirrored(chart)
    return chart


# The kinds a right-to-left language reads from the right, as its deck draws them (lecture/rtl.py): a
# horizontal bar chart and a pie keep their drawing.
MIRRORED = ("bar", "stacked", "line")
_ANCHOR_MIRRORED = {"start": "end", "end": "start", "middle": "middle"}


def _mirrored(chart: Chart) -> Chart:
    """``chart`` drawn from the right: every shape and label at its mirror image across the figure's
    middle, labels anchored on their other side (their text itself is not mirrored)."""
    w = chart.width

    def label(lb: Label) -> Label:
        return Label(w - lb.x, lb.y, lb.text, _ANCHOR_MIRRORED[lb.anchor], lb.size, lb.on)

    def points(line: Line) -> Line:
        pairs = (p.split(",") for p in line.points.split())
        return Line(" ".join(f"{w - float(x):.1f},{y}" for x, y in pairs), line.row)

    chart.boxes = [Rect(w - b.x - b.w, b.y, b.w, b.h, b.row, b.value) for b in chart.boxes]
    chart.lines = [points(line) for line in chart.lines]
    chart.grid = [(w - x1, y1, w - x2, y2) for x1, y1, x2, y2 in chart.grid]
    chart.labels = [label(lb) for lb in chart.labels]
    chart.ticks = [label(lb) for lb in chart.ticks]
    chart.rtl = True
    return chart


def _axis(chart: Chart, top: float, step: float, plot_h: float, series: Series, language: str = "en") -> None:
    n = round(top / step)
    for i in range(n + 1):
        y = TOP + plot_h - plot_h * i / n
        chart.grid.append((LEFT, y, WIDTH - RIGHT, y))
        text = percent(step * i / 100, language, decimals([step])) if series.unit == "%" else number(step * i, language)
        chart.ticks.append(Label(LEFT - 4, y + 3, text, "end"))


def _xticks(chart: Chart, centres: list[float], labels: list[str], slot: float) -> None:
    """Category labels under the axis: wrapped to their slot on two lines at most, smaller if need be."""
    room = slot - 4
    size = 10.0

    def fits(text: str) -> bool:
        return len(wrap(text, room, size)) <= 2 and text_width(max(text.split() or [""], key=len), size) <= room

    while size > 6 and not all(fits(t) for t in labels):
        size -= 0.5
    for x, label in zip(centres, labels, strict=True):
        for n, line in enumerate(wrap(label, room, size)[:2]):
            chart.ticks.append(Label(x, HEIGHT - BOTTOM + 13 + n * size * 1.1, line, "middle", size))


def _value_labels(chart: Chart, room: float) -> None:
    """Values over the bars, as large as fits the bar's slot; none if even 6 units will not fit."""
    widest = max((text_width(lb.text) for lb in chart.labels), default=0)
    if widest <= room:
        return
    size = 10 * room / widest
    chart.labels = [] if size < 6 else [Label(lb.x, lb.y, lb.text, lb.anchor, size, lb.on) for lb in chart.labels]


def _legend(chart: Chart, series: Series) -> None:
    if len(series.rows) > 1:
        chart.legend = [(i, row.name) for i, row in enumerate(series.rows)]


def _bars(series: Series, language: str = "en") -> Chart:
    chart = Chart("bar")
    say = _numbers(series, language)
    rows = series.rows
    top, step = nice_max(max(v for row in rows for v in row.values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    _axis(chart, top, step, plot_h, series, language)
    slot = plot_w / len(series.labels)
    bar_w = min(slot * 0.7 / len(rows), 60)
    for i in range(len(series.labels)):
        x0 = LEFT + slot * i + (slot - bar_w * len(rows)) / 2
        for r, row in enumerate(rows):
            h = plot_h * row.values[i] / top
            box = Rect(x0 + r * bar_w, TOP + plot_h - h, bar_w - 1, h, r, say(row.values[i]))
            chart.boxes.append(box)
            chart.labels.append(Label(box.x + box.w / 2, box.y - 3, box.value))
    _value_labels(chart, bar_w + (slot - bar_w * len(rows)) / 2 if len(rows) == 1 else bar_w)
    _xticks(chart, [LEFT + slot * (i + 0.5) for i in range(len(series.labels))], series.labels, slot)
    _legend(chart, series)
    return chart


def _stacked(series: Series, language: str = "en") -> Chart:
    chart = Chart("stacked")
    say = _numbers(series, language)
    rows = series.rows
    totals = [sum(row.values[i] for row in rows) for i in range(len(series.labels))]
    # Bars that all add up to the same whole (shares of 100%): a total over each says nothing,
    # so the parts are labelled instead.
    shares = len(set(totals)) == 1 and len(totals) > 1
    top, step = nice_max(max(totals))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    _axis(chart, top, step, plot_h, series, language)
    slot = plot_w / len(series.labels)
    bar_w = min(slot * 0.6, 70)
    for i in range(len(series.labels)):
        x = LEFT + slot * i + (slot - bar_w) / 2
        base = TOP + plot_h
        for r, row in enumerate(rows):
            h = plot_h * row.values[i] / top
            base -= h
            chart.boxes.append(Rect(x, base, bar_w, h, r, say(row.values[i])))
            if shares and h >= 14:  # each part labelled inside its segment, where it fits
                chart.labels.append(Label(x + bar_w / 2, base + h / 2 + 3.5, say(row.values[i]), "middle", 10, r))
        if not shares:
            chart.labels.append(Label(x + bar_w / 2, base - 3, say(totals[i])))
    if not shares:
        _value_labels(chart, slot - 2)
    _xticks(chart, [LEFT + slot * (i + 0.5) for i in range(len(series.labels))], series.labels, slot)
    _legend(chart, series)
    return chart


def _hbar(series: Series, language: str = "en") -> Chart:
    chart = Chart("hbar")
    say = _numbers(series, language)
    rows = series.rows
    top, _ = nice_max(max(v for row in rows for v in row.values))
    # Labels get the room they need up to 40% of the figure, then wrap onto a second line.
    longest = max(text_width(label) for label in series.labels)
    room = min(longest, WIDTH * 0.4)
    lines = [wrap(label, room) for label in series.labels]
    left = 6 + max(text_width(line) for block in lines for line in block) + 6
    value_room = max(text_width(say(v)) for row in rows for v in row.values) + 8
    plot_w = WIDTH - left - value_room
    slot = (HEIGHT - TOP - 10) / len(series.labels)
    bar_h = min(slot * 0.7 / len(rows), 26)
    for i, block in enumerate(lines):
        y0 = TOP + slot * i + (slot - bar_h * len(rows)) / 2
        for r, row in enumerate(rows):
            w = plot_w * row.values[i] / top
            box = Rect(left, y0 + r * bar_h, w, bar_h - 1, r, say(row.values[i]))
            chart.boxes.append(box)
            chart.labels.append(Label(left + w + 4, box.y + box.h / 2 + 3, box.value, "start"))
        middle = TOP + slot * (i + 0.5) + 3 - (len(block) - 1) * 5.5
        for n, line in enumerate(block):
            chart.ticks.append(Label(left - 6, middle + n * 11, line, "end"))
    _legend(chart, series)
    return chart


def _line(series: Series, language: str = "en") -> Chart:
    chart = Chart("line")
    say = _numbers(series, language)
    rows = series.rows
    top, step = nice_max(max(v for row in rows for v in row.values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT - 20, HEIGHT - TOP - BOTTOM
    _axis(chart, top, step, plot_h, series, language)
    n = len(series.labels)
    xs = [LEFT + 10 + (plot_w * i / (n - 1) if n > 1 else plot_w / 2) for i in range(n)]
    paths = [[(x, TOP + plot_h - plot_h * v / top) for x, v in zip(xs, row.values, strict=True)] for row in rows]
    texts = [[say(v) for v in row.values] for row in rows]
    sizes = [[(text_width(t), 7.5) for t in row] for row in texts]  # 7.5: PT Sans' figures at 10 units
    bounds = (LEFT, TOP - 14, WIDTH - RIGHT, TOP + plot_h)  # the unit's line above, the axis' labels around
    for r, (pts, row_texts, row_sides) in enumerate(
        zip(paths, texts, placement.sides(paths, sizes, bounds, 4), strict=True)
    ):
        chart.lines.append(Line(" ".join(f"{x:.1f},{y:.1f}" for x, y in pts), r))
        for (x, y), text, side in zip(pts, row_texts, row_sides, strict=True):
            chart.boxes.append(Rect(x - 2.5, y - 2.5, 5, 5, r, text))
            x0, _, x1, y1 = placement.box((x, y), (text_width(text), 7.5), side, 4)
            chart.labels.append(Label((x0 + x1) / 2, y1, text))
    _xticks(chart, xs, series.labels, plot_w / max(n - 1, 1) if n > 1 else plot_w)
    _legend(chart, series)
    return chart


def _pie(series: Series, language: str = "en") -> Chart:
    chart = Chart("pie")
    say = _numbers(series, language)
    values = series.rows[0].values
    total = sum(values) or 1.0
    cx, cy, radius = 115.0, HEIGHT / 2, 95.0
    angle = -math.pi / 2
    keys: list[tuple[str, str, float]] = []
    for i, (label, value) in enumerate(zip(series.labels, values, strict=True)):
        sweep = 2 * math.pi * value / total
        x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        x2, y2 = cx + radius * math.cos(angle + sweep), cy + radius * math.sin(angle + sweep)
        large = 1 if sweep > math.pi else 0
        if sweep >= 2 * math.pi - 1e-9:  # a full circle is two half arcs
            path = (
                f"M {cx - radius:.1f},{cy:.1f} a {radius},{radius} 0 1,0 {2 * radius},0 "
                f"a {radius},{radius} 0 1,0 {-2 * radius},0 Z"
            )
        else:
            path = f"M {cx:.1f},{cy:.1f} L {x1:.1f},{y1:.1f} A {radius},{radius} 0 {large},1 {x2:.1f},{y2:.1f} Z"
        key_y = 30 + i * 22
        share, amount = percent(value / total, language), say(value)
        # values that are already shares of 100 print once: "Others: 17%", not "Others: 17% (17%)"
        keys.append((path, f"{label}: {share}" if amount == share else f"{label}: {share} ({amount})", key_y))
        angle += sweep
    # The key is set as large as 12 units and as small as 8 to fit beside the pie; longer ones wrap.
    room = WIDTH - 250 - 4
    size = max(8.0, min(12.0, *(12.0 * room / max(text_width(t, 12.0), 1) for _, t, _ in keys)))
    extra = 0.0
    for i, (path, text, key_y) in enumerate(keys):
        lines = wrap(text, room, size)
        chart.wedges.append(Wedge(path, i, Label(250, key_y + 4 + extra, lines[0], "start", size)))
        for line in lines[1:]:
            extra += size * 1.15
            chart.labels.append(Label(250, key_y + 4 + extra, line, "start", size))
    return chart


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
