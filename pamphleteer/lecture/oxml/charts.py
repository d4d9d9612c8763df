"""A chart's XML below python-pptx's API: data labels hidden, formatted or moved, the chart's
language, the value axis and the plot area placed."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn


def hide_label(point: object) -> None:
    """No data label on this chart point (a thin pie slice, named in the legend instead)."""
    dlbl = point.data_label._get_or_add_dLbl()
    for child in list(dlbl):
        if child.tag != qn("c:idx"):
            dlbl.remove(child)
    etree.SubElement(dlbl, qn("c:delete"), val="1")


def label_format(point: object, code: str) -> None:
    """A point's own data label shows its value in the number format ``code`` (python-pptx has no such
    property on a point, and a point's label does not inherit its series' format)."""
    dlbl = point.data_label._get_or_add_dLbl()
    fmt = dlbl.find(qn("c:numFmt"))
    if fmt is None:
        fmt = etree.Element(qn("c:numFmt"))
        later = [c for c in dlbl if etree.QName(c).localname not in ("idx", "delete", "layout", "tx")]
        if later:
            later[0].addprevious(fmt)
        else:
            dlbl.append(fmt)
    fmt.set("formatCode", code)
    fmt.set("sourceLinked", "0")


def shift_label(point: object, x: float) -> None:
    """A point's data label moved sideways from where its position puts it, by ``x`` (a fraction of
    the chart's width)."""
    dlbl = point.data_label._get_or_add_dLbl()
    old = dlbl.find(qn("c:layout"))
    if old is not None:
        dlbl.remove(old)
    layout = etree.Element(qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    etree.SubElement(manual, qn("c:x"), val=f"{x:.4f}")
    etree.SubElement(manual, qn("c:y"), val="0")
    dlbl.find(qn("c:idx")).addnext(layout)


def chart_language(chart: object, lang: str) -> None:
    """A chart's language (``c:lang``) and every text property in it tagged ``lang``: python-pptx writes ``en-US``."""
    space = chart._chartSpace
    tag = space.find(qn("c:lang"))
    if tag is None:
        tag = etree.Element(qn("c:lang"))
        before = space.find(qn("c:date1904"))  # the schema's order: date1904, lang, roundedCorners, ...
        if before is not None:
            before.addnext(tag)
        else:
            space.insert(0, tag)
    tag.set("val", lang)
    for name in ("a:rPr", "a:defRPr", "a:endParaRPr"):
        for props in space.iter(qn(name)):
            props.set("lang", lang)


def value_axis_at_end(chart: object) -> None:
    """The value axis crosses the category axis at its last category (at the bottom of reversed bars)."""
    axis = chart._chartSpace.find(".//" + qn("c:valAx"))
    crosses = axis.find(qn("c:crosses"))
    if crosses is None:
        crosses = etree.Element(qn("c:crosses"))
        axis.find(qn("c:crossAx")).addnext(crosses)
    crosses.set("val", "max")


def place_axis_title(chart: object, x: float, y: float) -> None:
    """The value axis' title moved to (x, y), fractions of the chart's frame from its top left corner."""
    _manual(chart._chartSpace.find(".//" + qn("c:valAx") + "/" + qn("c:title")), {"x": x, "y": y})


def place_plot(chart: object, x: float, y: float, w: float, h: float) -> None:
    """The plot's inner box (without its axes' labels) at (x, y, w, h), fractions of the chart's frame."""
    _manual(chart._chartSpace.find(".//" + qn("c:plotArea")), {"x": x, "y": y, "w": w, "h": h}, inner=True)


def _manual(parent: etree._Element, box: dict[str, float], *, inner: bool = False) -> None:
    """``parent``'s c:layout (after a title's c:tx, else first) set by hand, measured from the frame's corner."""
    layout = parent.find(qn("c:layout"))
    if layout is None:
        layout = etree.Element(qn("c:layout"))
        text = parent.find(qn("c:tx"))
        if text is not None:
            text.addnext(layout)
        else:
            parent.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    if inner:
        etree.SubElement(manual, qn("c:layoutTarget"), val="inner")
    etree.SubElement(manual, qn("c:xMode"), val="edge")
    etree.SubElement(manual, qn("c:yMode"), val="edge")
    for name, value in box.items():
        etree.SubElement(manual, qn(f"c:{name}"), val=f"{value:.4f}")
