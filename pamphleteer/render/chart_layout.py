"""Each kind of chart laid out: a data series as bars, stacked bars, horizontal bars, a line or a pie.

``layout(series)`` returns the :class:`~pamphleteer.render.charts.Chart` of its kind, in the
palette's colours, its numbers written the language's way and, for a right-to-left language, the
kinds read from the right (:data:`MIRRORED`) drawn from the right. Shapes and shared measures are
``charts.py``'s; ``templates/chart.svg.j2`` draws the result.
"""

from __future__ import annotations

import math

from pamphleteer.content.house import Look
from pamphleteer.content.model import Series
from pamphleteer.text.cldr import direction, numbers_of

from . import colours, placement
from .charts import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    Chart,
    Label,
    Line,
    Rect,
    Wedge,
    decimals,
    nice_max,
    number,
    numbers_for,
    percent,
    text_width,
    wrap,
)


def layout(series: Series, language: str = "en", look: Look | None = None, scale: float = 1.0) -> Chart:
    """Lay out one series as the kind it asks for, in the palette's colours (led by ``look``'s accent, a
    house style's); numbers written the language's way. ``scale`` below 1 asks for a figure that much
    shorter (a page's room: the pagination pass's compact and smaller charts): a chart with a value axis
    is drawn with a plot that much lower, a pie smaller beside its key (where the key fits), horizontal
    bars thinner and closer (where each label keeps its lines), their labels at their size
    (:data:`SHORTENED`); where they do not fit, at the full height, for the page to scale down."""
    kind = {"line": _line, "stacked": _stacked, "pie": _pie, "hbar": _hbar}.get(series.kind, _bars)
    chart = kind(series, language, HEIGHT * scale)
    chart.fills = colours.palette(look)
    chart.unit = series.unit if series.unit and series.unit != "%" and series.kind != "pie" else None
    if series.kind in MIRRORED and direction(numbers_of(language)[0]) == "rtl":
        chart = _mirrored(chart)
    return chart


# The kinds drawn shorter, not smaller, where a page has less room for them: their labels keep their size.
SHORTENED = ("bar", "stacked", "line", "pie", "hbar")
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
            chart.ticks.append(Label(x, chart.height - BOTTOM + 13 + n * size * 1.1, line, "middle", size))


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


def _columns(chart: Chart, series: Series, top: float, step: float, language: str) -> float:
    """A column chart's value axis drawn (up to ``top`` in ``step``s); the width each label's columns
    stand in, side by side across the plot."""
    _axis(chart, top, step, chart.height - TOP - BOTTOM, series, language)
    return (WIDTH - LEFT - RIGHT) / len(series.labels)


def _column_labels(chart: Chart, series: Series, slot: float) -> None:
    """Each label under the middle of its slot, and the legend of a chart of more than one row."""
    _xticks(chart, [LEFT + slot * (i + 0.5) for i in range(len(series.labels))], series.labels, slot)
    _legend(chart, series)


def _bars(series: Series, language: str = "en", height: float = HEIGHT) -> Chart:
    chart = Chart("bar", height=height)
    say = numbers_for(series, language)
    rows = series.rows
    top, step = nice_max(max(v for row in rows for v in row.values))
    plot_h = chart.height - TOP - BOTTOM
    slot = _columns(chart, series, top, step, language)
    bar_w = min(slot * 0.7 / len(rows), 60)
    for i in range(len(series.labels)):
        x0 = LEFT + slot * i + (slot - bar_w * len(rows)) / 2
        for r, row in enumerate(rows):
            h = plot_h * row.values[i] / top
            box = Rect(x0 + r * bar_w, TOP + plot_h - h, bar_w - 1, h, r, say(row.values[i]))
            chart.boxes.append(box)
            chart.labels.append(Label(box.x + box.w / 2, box.y - 3, box.value))
    _value_labels(chart, bar_w + (slot - bar_w * len(rows)) / 2 if len(rows) == 1 else bar_w)
    _column_labels(chart, series, slot)
    return chart


def _stacked(series: Series, language: str = "en", height: float = HEIGHT) -> Chart:
    chart = Chart("stacked", height=height)
    say = numbers_for(series, language)
    rows = series.rows
    totals = [sum(row.values[i] for row in rows) for i in range(len(series.labels))]
    # Bars that all add up to the same whole (shares of 100%): a total over each says nothing,
    # so the parts are labelled instead.
    shares = len(set(totals)) == 1 and len(totals) > 1
    top, step = nice_max(max(totals))
    plot_h = chart.height - TOP - BOTTOM
    slot = _columns(chart, series, top, step, language)
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
    _column_labels(chart, series, slot)
    return chart


def _hbar(series: Series, language: str = "en", height: float = HEIGHT) -> Chart:
    """Horizontal bars, each label's lines beside its bars; drawn shorter (thinner bars, closer) only where
    every label keeps its lines' height and every bar 6 units, else at its full height (for the page to scale)."""
    say = numbers_for(series, language)
    rows = series.rows
    top, _ = nice_max(max(v for row in rows for v in row.values))
    # Labels get the room they need up to 40% of the figure, then wrap onto a second line.
    longest = max(text_width(label) for label in series.labels)
    room = min(longest, WIDTH * 0.4)
    lines = [wrap(label, room) for label in series.labels]
    left = 6 + max(text_width(line) for block in lines for line in block) + 6
    value_room = max(text_width(say(v)) for row in rows for v in row.values) + 8
    plot_w = WIDTH - left - value_room
    slot = (height - TOP - 10) / len(series.labels)
    if height < HEIGHT and (slot < max(len(block) for block in lines) * 11 + 4 or slot * 0.7 / len(rows) < 6):
        height = HEIGHT
        slot = (height - TOP - 10) / len(series.labels)
    chart = Chart("hbar", height=height)
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


def _line(series: Series, language: str = "en", height: float = HEIGHT) -> Chart:
    chart = Chart("line", height=height)
    say = numbers_for(series, language)
    rows = series.rows
    top, step = nice_max(max(v for row in rows for v in row.values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT - 20, chart.height - TOP - BOTTOM
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


def _pie(series: Series, language: str = "en", height: float = HEIGHT) -> Chart:
    """A pie with its key beside it; drawn shorter (a smaller pie, its key at its size) only where the key
    still fits the height, else at its full height (for the page to scale)."""
    chart = Chart("pie", height=height)
    say = numbers_for(series, language)
    values = series.rows[0].values
    total = sum(values) or 1.0
    cx, cy, radius = 115.0, height / 2, height / 2 - 20
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
    if height < HEIGHT and max(lb.y for lb in [*chart.labels, *(w.label for w in chart.wedges)]) > height - 4:
        return _pie(series, language)
    return chart
