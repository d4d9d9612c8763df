"""The lecture deck right to left: one pass over the drawn slides of an Arabic, Hebrew, Persian or Urdu deck.

``deck.build`` draws every slide as for any language, then :func:`mirror` turns it
round in the slides' XML (python-pptx has no API for most of this):

- every paragraph, in the slides, their list styles and their notes, reads right to
  left (``a:pPr rtl="1"``) and starts at the right (``algn="r"``; centred stays centred);
- every run is tagged with the language and names the deck's face for complex scripts
  (``a:cs``, Noto Sans Arabic for Arabic, bundled in ``templates/fonts/deck/`` and used
  by ``measure`` to fit the text);
- tables run their columns from the right (the cells reversed in each row);
- no text is italic (the scripts have none);
- column and line charts run their categories from the right, their value axis on the
  right (``c:scaling/c:orientation maxMin``); a horizontal bar chart and a pie keep theirs;
- a timeline's events run from the right: its shapes are mirrored about its line.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from pamphleteer.text import cldr

# The typeface PowerPoint and LibreOffice use for complex-script text (a:cs), by script.
CS_FACE = {"arabic": "Noto Sans Arabic", "hebrew": "Arial"}
_HEBREW = ("he", "iw", "yi")
# Children of a:rPr / a:defRPr that must come after a:cs (the schema's order).
_AFTER_CS = ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")


def face_for(language: str) -> str:
    """The complex-script typeface of a right-to-left deck in ``language``."""
    base = cldr.base(language)
    return CS_FACE["hebrew" if base in _HEBREW else "arabic"]


def mirror(prs: object, language: str) -> None:
    """Turn every drawn slide of ``prs`` (and its notes) to read right to left, in ``language``."""
    face = face_for(language)
    for slide in prs.slides:
        root = slide._element
        _paragraphs(root, language, face)
        for table in root.iter(qn("a:tbl")):
            _table(table)
        _timeline(root)
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                _chart(shape.chart, language, face)
        if slide.has_notes_slide:
            _paragraphs(slide.notes_slide._element, language, face)


def _paragraphs(root: etree._Element, language: str, face: str) -> None:
    for tag in ("a:pPr", *(f"a:lvl{n}pPr" for n in range(1, 10))):
        for ppr in root.iter(qn(tag)):
            _right(ppr)
    for para in root.iter(qn("a:p")):
        ppr = para.find(qn("a:pPr"))
        if ppr is None:
            ppr = etree.Element(qn("a:pPr"))
            para.insert(0, ppr)
        _right(ppr)
    for tag in ("a:rPr", "a:defRPr", "a:endParaRPr"):
        for rpr in root.iter(qn(tag)):
            _language(rpr, language, face)


def _right(ppr: etree._Element) -> None:
    ppr.set("rtl", "1")
    if ppr.get("algn", "l") == "l":
        ppr.set("algn", "r")


def _language(rpr: etree._Element, language: str, face: str) -> None:
    if rpr.tag != qn("a:defRPr"):
        rpr.set("lang", language)
    if rpr.get("i") == "1":
        rpr.set("i", "0")  # Arabic and Hebrew have no italic; a slanted Naskh reads as a fault
    cs = rpr.find(qn("a:cs"))
    if cs is None:
        cs = etree.Element(qn("a:cs"))
        later = [child for child in rpr if etree.QName(child).localname in _AFTER_CS]
        if later:
            later[0].addprevious(cs)
        else:
            rpr.append(cs)
    cs.set("typeface", face)


def _table(table: etree._Element) -> None:
    """Columns from the right: reversed in place, as LibreOffice ignores ``a:tblPr rtl`` (PowerPoint honours it,
    so setting both would turn the table back)."""
    grid = table.find(qn("a:tblGrid"))
    for parent, tag in [(grid, "a:gridCol"), *((row, "a:tc") for row in table.iter(qn("a:tr")))]:
        children = parent.findall(qn(tag))
        for child in children:
            parent.remove(child)
        for child in reversed(children):
            _before_ext(parent, child)


def _before_ext(parent: etree._Element, child: etree._Element) -> None:
    ext = parent.find(qn("a:extLst"))
    if ext is not None:
        ext.addprevious(child)
    else:
        parent.append(child)


def _chart(chart: object, language: str, face: str) -> None:
    space = chart._chartSpace
    for tag in ("a:rPr", "a:defRPr", "a:endParaRPr"):
        for rpr in space.iter(qn(tag)):
            _language(rpr, language, face)
    for ppr in space.iter(qn("a:pPr")):
        ppr.set("rtl", "1")
    if space.find(".//" + qn("c:barDir")) is not None and space.find(".//" + qn("c:barDir")).get("val") == "bar":
        return  # horizontal bars already read top down; left and right are the values' own
    for axis in space.iter(qn("c:catAx")):
        scaling = axis.find(qn("c:scaling"))
        orientation = scaling.find(qn("c:orientation"))
        if orientation is None:
            orientation = etree.SubElement(scaling, qn("c:orientation"))
        orientation.set("val", "maxMin")


def _timeline(root: etree._Element) -> None:
    """Mirror a timeline's dots and labels about the middle of its line (the one connector deck draws)."""
    lines = list(root.iter(qn("p:cxnSp")))
    if len(lines) != 1:
        return
    off = lines[0].find(".//" + qn("a:off"))
    ext = lines[0].find(".//" + qn("a:ext"))
    axis2 = 2 * int(off.get("x")) + int(ext.get("cx"))  # twice the line's middle
    tree = root.find(qn("p:cSld") + "/" + qn("p:spTree"))
    for shape in tree.findall(qn("p:sp")):
        if shape.find(".//" + qn("p:ph")) is not None:
            continue  # placeholders (title, footer, number) stay where the layout puts them
        xoff = shape.find(qn("p:spPr") + "/" + qn("a:xfrm") + "/" + qn("a:off"))
        xext = shape.find(qn("p:spPr") + "/" + qn("a:xfrm") + "/" + qn("a:ext"))
        if xoff is not None and xext is not None:
            xoff.set("x", str(axis2 - int(xoff.get("x")) - int(xext.get("cx"))))
