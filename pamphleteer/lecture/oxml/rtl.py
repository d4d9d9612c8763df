"""Right to left below python-pptx's API: paragraphs, runs, tables and charts set right to
left, and a slide's furniture mirrored."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

# Children of a:rPr / a:defRPr that must come after a:cs (the schema's order).
_AFTER_CS = ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")


def right_to_left_text(part: object, language: str, face: str) -> None:
    """Every paragraph of a slide or notes page reads right to left from the right; every run in
    ``language`` with ``face`` for complex scripts, and upright (Arabic and Hebrew have no italic)."""
    root = part._element
    for tag in ("a:pPr", *(f"a:lvl{n}pPr" for n in range(1, 10))):
        for ppr in root.iter(qn(tag)):
            _right(ppr)
    for para in root.iter(qn("a:p")):
        ppr = para.find(qn("a:pPr"))
        if ppr is None:
            ppr = etree.Element(qn("a:pPr"))
            para.insert(0, ppr)
        _right(ppr)
    _runs(root, language, face)


def _right(ppr: etree._Element) -> None:
    if ppr.get("rtl") == "1":
        return  # set right to left already, and aligned for it (the footer and the number)
    ppr.set("rtl", "1")
    if ppr.get("algn", "l") == "l":  # centred stays centred
        ppr.set("algn", "r")


def _runs(root: etree._Element, language: str, face: str) -> None:
    for tag in ("a:rPr", "a:defRPr", "a:endParaRPr"):
        for rpr in root.iter(qn(tag)):
            if rpr.tag != qn("a:defRPr"):
                rpr.set("lang", language)
            if rpr.get("i") == "1":
                rpr.set("i", "0")  # a slanted Naskh reads as a fault
            cs = rpr.find(qn("a:cs"))
            if cs is None:
                cs = etree.Element(qn("a:cs"))
                later = [child for child in rpr if etree.QName(child).localname in _AFTER_CS]
                if later:
                    later[0].addprevious(cs)
                else:
                    rpr.append(cs)
            cs.set("typeface", face)


def right_to_left_paragraph(paragraph: object, lang: str) -> None:
    """One paragraph right to left, from the right, its runs in ``lang`` (a Hebrew point in an English deck)."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("rtl", "1")
    ppr.set("algn", "r")
    for run in paragraph.runs:
        run.font._rPr.set("lang", lang)


def tables_from_right(slide: object) -> None:
    """Every table's columns run from the right: reversed in place, as LibreOffice ignores
    ``a:tblPr rtl`` (PowerPoint honours it, so setting both would turn the table back)."""
    for table in slide._element.iter(qn("a:tbl")):
        grid = table.find(qn("a:tblGrid"))
        for parent, tag in [(grid, "a:gridCol"), *((row, "a:tc") for row in table.iter(qn("a:tr")))]:
            children = parent.findall(qn(tag))
            for child in children:
                parent.remove(child)
            for child in reversed(children):
                ext = parent.find(qn("a:extLst"))
                if ext is not None:
                    ext.addprevious(child)
                else:
                    parent.append(child)


def chart_right_to_left(chart: object, language: str, face: str) -> None:
    """A chart's text in ``language``, right to left; its categories from the right, unless its bars are
    horizontal (they read top down already; left and right are the values' own)."""
    space = chart._chartSpace
    _runs(space, language, face)
    for ppr in space.iter(qn("a:pPr")):
        ppr.set("rtl", "1")
    direction = space.find(".//" + qn("c:barDir"))
    if direction is not None and direction.get("val") == "bar":
        return
    for axis in space.iter(qn("c:catAx")):
        scaling = axis.find(qn("c:scaling"))
        orientation = scaling.find(qn("c:orientation"))
        if orientation is None:
            orientation = etree.SubElement(scaling, qn("c:orientation"))
        orientation.set("val", "maxMin")


def mirror_furniture(slide: object, width: int) -> None:
    """The footer and the slide number mirrored across the slide, each aligned to its new outer edge."""
    swap = {"l": "r", "r": "l"}
    for shape in slide._element.iter(qn("p:sp")):
        ph = shape.find(qn("p:nvSpPr") + "/" + qn("p:nvPr") + "/" + qn("p:ph"))
        if ph is None or ph.get("type") not in ("ftr", "sldNum"):
            continue
        off = shape.find(qn("p:spPr") + "/" + qn("a:xfrm") + "/" + qn("a:off"))
        ext = shape.find(qn("p:spPr") + "/" + qn("a:xfrm") + "/" + qn("a:ext"))
        if off is not None and ext is not None:
            off.set("x", str(width - int(off.get("x")) - int(ext.get("cx"))))
        style = shape.find(".//" + qn("a:lvl1pPr"))
        before = style.get("algn", "l") if style is not None else "l"
        align = swap.get(before, before)
        for para in shape.iter(qn("a:p")):
            ppr = para.find(qn("a:pPr"))
            if ppr is None:
                ppr = etree.Element(qn("a:pPr"))
                para.insert(0, ppr)
            for each in (ppr, style):
                if each is not None:
                    each.set("rtl", "1")
                    each.set("algn", align)


def mirror_about_connector(slide: object) -> None:
    """A slide with one connector (a timeline's line): every shape but the placeholders mirrored about its middle."""
    root = slide._element
    lines = list(root.iter(qn("p:cxnSp")))
    if len(lines) != 1:
        return
    off = lines[0].find(".//" + qn("a:off"))
    ext = lines[0].find(".//" + qn("a:ext"))
    axis2 = 2 * int(off.get("x")) + int(ext.get("cx"))  # twice the line's middle
    tree = root.find(qn("p:cSld") + "/" + qn("p:spTree"))
    for shape in tree.findall(qn("p:sp")):
        if shape.find(".//" + qn("p:ph")) is not None:
            continue  # title, footer and number stay where the layout puts them
        xoff = shape.find(qn("p:spPr") + "/" + qn("a:xfrm") + "/" + qn("a:off"))
        xext = shape.find(qn("p:spPr") + "/" + qn("a:xfrm") + "/" + qn("a:ext"))
        if xoff is not None and xext is not None:
            xoff.set("x", str(axis2 - int(xoff.get("x")) - int(xext.get("cx"))))
