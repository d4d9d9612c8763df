"""The deck's native charts: a data series drawn with python-pptx as ``charting`` decided.

A thin adapter, like ``drawing`` (which calls it for a chart slide): series and slices in
the palette's order, every text at the chart size, numbers in the publication's locale,
the value axis bounded as the pamphlet's figure is, the unit as the axis' title (or
its sign, for ``%``), each data label in the colour that reads on what lies behind it,
line labels where they clear the lines, and the chart tagged with the deck's language.
"""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Pt

from pamphleteer import lecture
from pamphleteer.render import charts

from . import charting, colour, oxml

TEXT = charting.TEXT
PAPER = "#ffffff"
SIDES = {
    "above": XL_LABEL_POSITION.ABOVE,
    "below": XL_LABEL_POSITION.BELOW,
    "left": XL_LABEL_POSITION.LEFT,
    "right": XL_LABEL_POSITION.RIGHT,
}
TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "hbar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
    "stacked": XL_CHART_TYPE.COLUMN_STACKED,
}


def rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_.lstrip("#").upper())


def draw(
    ph: object,
    spec: lecture.SlideSpec,
    frame: lecture.Box,
    *,
    lang: str,
    language: str,
    rtl: bool,
    fills: tuple[str, ...] | None = None,
) -> None:
    """The slide's chart in the chart placeholder ``ph``, laid in ``frame`` (points); ``lang`` tags its text;
    series and slices take ``fills`` in turn (``colour.palette``: a house style's leads with its accent)."""
    fills = fills or colour.palette()
    series = charting.said(spec.chart, language)
    pie = series.kind == "pie"
    labels = charting.pie_labels(list(series.rows[0].values), language) if pie else []
    data = CategoryChartData()
    # a pie's small slices are named in the legend with their share, their labels kept off the slice
    data.categories = [
        lab if not pie or labels[k][1] else f"{lab} ({labels[k][0]})" for k, lab in enumerate(series.labels)
    ]
    for row in series.rows:
        data.add_series(row.name, list(row.values))
    ph.left, ph.top, ph.width, ph.height = (Pt(v) for v in (frame.x, frame.y, frame.w, frame.h))
    shape = ph.insert_chart(TYPES[series.kind], data)
    oxml.describe(shape, spec.alt, title=series.title)
    chart = shape.chart
    chart.font.size = Pt(TEXT)
    chart.font.color.rgb = rgb(colour.INK)
    own_title = charting.title(series, spec.title.paragraphs[0] if spec.title.paragraphs else "")
    chart.has_title = own_title is not None
    if own_title is not None:
        chart.chart_title.text_frame.text = own_title
        for run in chart.chart_title.text_frame.paragraphs[0].runs:
            run.font.size = Pt(TEXT)
            run.font.bold = True
    chart.has_legend = len(series.rows) > 1 or pie
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(TEXT)
    if pie:
        _pie(chart.plots[0], labels, fills)
    else:
        _series(chart, series, frame, language, fills, rtl=rtl, titled=own_title is not None)
        _axes(chart, series, language)
        if rtl and series.kind != "hbar":  # the value axis goes right: room for it there, its unit beside it
            box = charting.plot(series, frame, language, titled=own_title is not None, rtl=True)
            x0, y0, x1, y1 = box
            oxml.place_plot(chart, x0 / frame.w, y0 / frame.h, (x1 - x0) / frame.w, (y1 - y0) / frame.h)
            if series.unit and series.unit != "%":
                oxml.place_axis_title(chart, *charting.axis_title(series, frame, box))
    oxml.chart_language(chart, lang)


def _series(
    chart: object,
    series: object,
    frame: lecture.Box,
    language: str,
    palette: tuple[str, ...],
    *,
    rtl: bool,
    titled: bool,
) -> None:
    """Series in the palette's order, as in the pamphlet; every value labelled, readable on what lies behind it."""
    plot = chart.plots[0]
    values = [v for row in series.rows for v in row.values]
    number = charting.number_format(language, charts.decimals(values), series.unit)
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(TEXT)
    plot.data_labels.font.color.rgb = rgb(colour.INK)
    plot.data_labels.number_format = number
    plot.data_labels.number_format_is_linked = False
    if series.kind in ("bar", "hbar"):
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    places = charting.line_labels(series, frame, language, rtl=rtl, titled=titled) if series.kind == "line" else []
    thin = charting.thin_segments(series, frame, language, titled=titled)
    for r, drawn in enumerate(plot.series):
        fill = palette[r % len(palette)]
        if series.kind == "line":
            drawn.format.line.color.rgb = rgb(fill)
            drawn.format.line.width = Pt(3)
            drawn.marker.format.fill.solid()
            drawn.marker.format.fill.fore_color.rgb = rgb(fill)
            drawn.marker.format.line.color.rgb = rgb(fill)
            for k, (side, shift) in enumerate(places[r]):
                label = drawn.points[k].data_label
                label.position = SIDES[side]
                label.font.size = Pt(TEXT)
                label.font.color.rgb = rgb(colour.INK)
                oxml.label_format(drawn.points[k], number)
                if shift:  # a corner: above or below, moved clear of the line
                    oxml.shift_label(drawn.points[k], shift / frame.w)
            continue
        drawn.format.fill.solid()
        drawn.format.fill.fore_color.rgb = rgb(fill)
        if series.kind == "stacked":  # labels inside their segments, in the ink that reads on the fill
            own = drawn.data_labels
            own.show_value = True
            own.number_format = number
            own.number_format_is_linked = False
            own.position = XL_LABEL_POSITION.CENTER
            own.font.size = Pt(TEXT)
            own.font.color.rgb = rgb(colour.readable(fill))
            for k in range(len(series.labels)):
                if (r, k) in thin:
                    oxml.hide_label(drawn.points[k])
    if series.kind in ("bar", "hbar", "stacked"):
        plot.gap_width = 60


def _axes(chart: object, series: object, language: str) -> None:
    """The value axis from 0 to the pamphlet's round top with its unit; the categories at the chart size."""
    value = chart.value_axis
    value.has_major_gridlines = True
    value.tick_labels.font.size = Pt(TEXT)
    axis = charting.value_axis(series, language)
    if axis is not None:
        value.minimum_scale, value.maximum_scale, value.major_unit = 0, axis.maximum, axis.step
        value.tick_labels.number_format = axis.format
        value.tick_labels.number_format_is_linked = False
    if series.unit and series.unit != "%":  # a share's sign is on every number instead
        value.has_title = True
        value.axis_title.text_frame.text = series.unit
        for run in value.axis_title.text_frame.paragraphs[0].runs:
            run.font.size = Pt(TEXT)
            run.font.bold = False
    chart.category_axis.tick_labels.font.size = Pt(TEXT)
    if series.kind == "hbar":  # PowerPoint stacks bars upwards; the pamphlet reads them top down
        chart.category_axis.reverse_order = True
        oxml.value_axis_at_end(chart)  # and the values' axis stays at the bottom


def _pie(plot: object, labels: list[tuple[str, bool]], palette: tuple[str, ...]) -> None:
    """Slices in the palette's order; a percentage on each slice wide enough, in a colour it can be read on."""
    plot.vary_by_categories = True
    drawn = plot.series[0]
    for k, (text, on_slice) in enumerate(labels):
        fill = palette[k % len(palette)]
        point = drawn.points[k]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(fill)
        point.format.line.color.rgb = rgb(PAPER)
        if on_slice:
            label = point.data_label
            label.has_text_frame = True
            label.text_frame.text = text
            label.position = XL_LABEL_POSITION.CENTER
            run = label.text_frame.paragraphs[0].runs[0]
            run.font.size = Pt(TEXT)
            run.font.bold = True
            run.font.color.rgb = rgb(colour.readable(fill))
        else:  # no label on a thin slice (its share is in the legend), so none collide
            oxml.hide_label(point)
