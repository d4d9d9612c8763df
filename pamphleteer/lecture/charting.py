"""Chart decisions for a hall, made before python-pptx draws anything.

Pure functions over the series, the slide's boxes and the language, unit-tested
without a deck:

- a pie's labels are percentages, set on their slices only where the slice is wide
  enough to hold one (the rest are named in the legend with their percentage);
- numbers are written the publication's way: an Office number format with the
  language's locale (``[$-407]`` for German, so LibreOffice and an Office set to that
  language use its separators), Babel's grouping, and no decimal the data lacks;
- the value axis runs from 0 to a round number as the pamphlet's figure does (with room
  above the tallest column or point for its label), in steps written without needless
  decimals; a series in ``%`` carries the sign, any other unit is the axis' title;
- a label's colour on a fill is ``colours.readable``'s, the rule every output shares;
  a stacked segment too short for a label at the chart's size gets none;
- a line's labels go where ``render/placement`` finds them clear of the lines, of
  each other and of the axes, on an estimate of where the plot sits in its frame;
- the chart's title is left out when it says what the slide's title says, and the
  chart takes the text's room when nothing stands beside it (and the right-hand
  side, in a right-to-left deck, when something does).
"""

from __future__ import annotations

import locale as stdlib_locale
import re
from dataclasses import dataclass, replace

from babel.core import get_global

from pamphleteer.content.model import Series
from pamphleteer.render import charts, placement
from pamphleteer.text import inline, measure
from pamphleteer.text.cldr import babel_locale, numbers_of

from .specs import Box

SMALL_SLICE = 0.08  # under this share of the pie, a slice's label moves to the legend
TEXT = 18  # every label, axis and legend of a chart, for the back row
_FACE = measure.Face("Arial")
_GAP = 4  # from a line's point to its label's box, as LibreOffice sets it


def percent(share: float, language: str = "en") -> str:
    """A share (0-1) as a whole percentage; under 1% with one decimal; written the language's way."""
    p = share * 100
    return charts.percent(share, language, 1 if 0 < p < 1 else 0)


def pie_labels(values: list[float], language: str = "en") -> list[tuple[str, bool]]:
    """For each slice its percentage and whether the label sits on the slice (False: in the legend)."""
    total = sum(values) or 1.0
    return [(percent(v / total, language), v / total >= SMALL_SLICE) for v in values]


def lcid(language: str) -> int | None:
    """The Windows locale id of a language (0x407 for ``de``), by its likeliest region; None if it has none."""
    # Babel has no Windows ids; the standard library's table of them (locale.windows_locale) is plain data
    found = babel_locale(language)
    region = found.territory or get_global("likely_subtags").get(found.language, "").split("_")[-1]
    ids = [k for k, name in stdlib_locale.windows_locale.items() if name == f"{found.language}_{region}"]
    return min(ids) if ids else None


def number_format(language: str, places: int, unit: str | None = None) -> str:
    """An Office number format: the language's locale and grouping, ``places`` decimals, a ``%`` unit's sign.

    A format code is written with ``,`` and ``.`` whatever the language; the locale prefix
    makes them the language's separators where it is drawn, and its high byte the digits a tag names
    (``ar-u-nu-arab``: ``[$-2000401]``, Arabic-Indic; Office's numeral shapes, 2 and 3).
    """
    found = babel_locale(language)
    code = found.decimal_formats[None].pattern.split(";")[0].split(".")[0]  # "#,##0", or "#,##,##0" in Hindi
    code += "." + "0" * places if places else ""
    if unit == "%":  # the sign where the language puts it, quoted so no format multiplies by 100
        before, _, after = re.split(r"([#,0.]+)", found.percent_formats[None].pattern, maxsplit=1)
        code = (f'"{before}"' if before else "") + code + (f'"{after}"' if after else "")
    prefix = lcid(language)
    shape = _SHAPES[numbers_of(language)[1]]
    if shape:
        return f"[$-{shape:X}00{prefix or 0:04X}]" + code
    return (f"[$-{prefix:X}]" if prefix else "") + code


_SHAPES = {"latin": 0, "arabic-indic": 2, "persian": 3}


@dataclass(frozen=True)
class Axis:
    maximum: float
    step: float
    format: str  # for the tick labels: as many decimals as the step needs


def value_axis(series: Series, language: str) -> Axis | None:
    """The value axis from 0 to the pamphlet's round top; None (the application decides) for a pie or negatives."""
    values = [v for row in series.rows for v in row.values]
    if series.kind == "pie" or min(values, default=0) < 0:
        return None
    if series.kind == "stacked":
        values = [sum(row.values[i] for row in series.rows) for i in range(len(series.labels))]
    top, step = charts.nice_max(max(values, default=0))
    if series.kind in ("line", "bar") and max(values, default=0) > 0.92 * top:
        top += step  # the tallest's label goes above it, under the chart's title
    return Axis(top, step, number_format(language, charts.decimals([step]), series.unit))


def said(series: Series, language: str) -> Series:
    """``series`` with its words as every output prints them: the title, unit, labels and row names with the
    language's quotation marks and dashes (``inline.smart``), as the pamphlet's figure sets them."""

    def say(text: str) -> str:
        return inline.smart(text, language)

    datasets = [d.model_copy(update={"name": say(d.name)}) for d in series.datasets or []] or None
    return series.model_copy(
        update={
            "title": say(series.title),
            "unit": say(series.unit) if series.unit else series.unit,
            "labels": [say(label) for label in series.labels],
            "datasets": datasets,
        }
    )


def title(series: Series, slide_title: str) -> str | None:
    """The chart's own title, or None when it repeats the slide's (the same words, or all of them in it)."""
    mine, slide = _words(series.title), _words(slide_title)
    return None if not mine or mine == slide or set(mine) <= set(slide) or set(slide) <= set(mine) else series.title


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def frames(boxes: dict[int, Box], beside: bool, rtl: bool) -> dict[int, Box]:
    """The chart's (10) and the text's (13) frames: the chart over both when nothing stands beside it,
    and swapped right to left (the chart first, on the right)."""
    chart, text = boxes[10], boxes[13]
    if not beside:
        return {10: replace(chart, w=text.x + text.w - chart.x)}
    if not rtl:
        return {10: chart, 13: text}
    left, right = chart.x, text.x + text.w
    return {10: replace(chart, x=right - chart.w), 13: replace(text, x=left)}


def plot(series: Series, frame: Box, language: str, *, titled: bool, rtl: bool = False) -> tuple[float, ...]:
    """Where a column, line or stacked chart's plot sits in its frame (x0, y0, x1, y1 in points from its corner):
    room for the value axis' numbers and unit on its side (the right, right to left), the categories and the
    legend below, the title above."""
    axis = value_axis(series, language) or Axis(max(v for row in series.rows for v in row.values) or 1, 1, "")
    steps = [axis.step * i for i in range(round(axis.maximum / axis.step) + 1)]
    share = series.unit == "%"
    ticks = [charts.percent(v / 100, language) if share else charts.number(v, language) for v in steps]
    # measured on LibreOffice's drawing: the rotated unit and its margins take about 63 pt, the numbers' gap 20
    side = max(measure.width(t, _FACE, TEXT) for t in ticks) + (63 if series.unit and not share else 20)
    top = TEXT * 3.3 if titled else TEXT
    bottom = TEXT * 2 + (TEXT * 2 if len(series.rows) > 1 else 0)
    return (12, top, frame.w - side, frame.h - bottom) if rtl else (side, top, frame.w - 12, frame.h - bottom)


def axis_title(series: Series, frame: Box, box: tuple[float, ...]) -> tuple[float, float]:
    """Right to left, where the value axis' title goes (fractions of the frame): by the frame's right edge,
    beside the axis' numbers, halfway down the plot. (Left to right, the application puts it there itself.)"""
    along = measure.width(series.unit or "", _FACE, TEXT)
    room = TEXT * measure.LINE_SPACING + 4  # the rotated line's depth and a little air
    middle = (box[1] + box[3]) / 2
    return max(0.0, 1 - room / frame.w), max(0.0, (middle - along / 2) / frame.h)


def line_labels(
    series: Series, frame: Box, language: str, *, titled: bool, rtl: bool = False
) -> list[list[tuple[str, float]]]:
    """For each point of each line, where its label goes: above, below, left or right of the point, and how far
    to move it sideways from there (points; a corner is above or below, moved by half the label and the gap)."""
    axis = value_axis(series, language) or Axis(max(v for row in series.rows for v in row.values) or 1, 1, "")
    x0, y0, x1, y1 = plot(series, frame, language, titled=titled, rtl=rtl)
    n = len(series.labels)
    slot = (x1 - x0) / n
    xs = [x0 + slot * (k + 0.5) for k in range(n)]
    if rtl:  # categories from the right
        xs = [x0 + x1 - x for x in xs]
    rows = [
        [(x, y1 - (y1 - y0) * v / axis.maximum) for x, v in zip(xs, row.values, strict=True)] for row in series.rows
    ]
    places = charts.decimals([v for row in series.rows for v in row.values])
    sizes = [
        [(measure.width(charts.number(v, language, places), _FACE, TEXT) + 6, TEXT * 1.3) for v in row.values]
        for row in series.rows
    ]
    out = []
    for row_sides, row_sizes in zip(placement.sides(rows, sizes, (x0, y0 - TEXT, x1, y1), _GAP), sizes, strict=True):
        labels = []
        for side, (w, _) in zip(row_sides, row_sizes, strict=True):
            vertical, _, horizontal = side.partition(" ")
            shift = {"left": -(w / 2 + _GAP), "right": w / 2 + _GAP}.get(horizontal, 0.0)
            labels.append((vertical, shift))
        out.append(labels)
    return out


def thin_segments(series: Series, frame: Box, language: str, *, titled: bool) -> set[tuple[int, int]]:
    """(row, point) of each stacked segment too short to hold a label at the chart's size."""
    axis = value_axis(series, language)
    if series.kind != "stacked" or axis is None:
        return set()
    _, y0, _, y1 = plot(series, frame, language, titled=titled)
    return {
        (r, k)
        for r, row in enumerate(series.rows)
        for k, v in enumerate(row.values)
        if (y1 - y0) * v / axis.maximum < TEXT * 1.3
    }
