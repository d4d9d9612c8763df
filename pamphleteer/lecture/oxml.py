"""The one door to python-pptx's XML: every read or write of the deck's Office Open XML below its public API.

python-pptx draws text, charts, tables and shapes through its public API, but the deck
also needs what that API lacks: a layout's text style read and carried onto a slide,
backgrounds, descriptions for screen readers, footers and slide numbers copied from the
layout, a pie label deleted, right-to-left paragraphs, tables and charts, the master's
own placeholders and theme. All of it is here, and only here (with ``oxml_pages.py``, where
slides and notes pages are made as python-pptx makes them, from copies): ``drawing``, ``rtl``
and ``master`` decide, this module writes the XML. An upgrade of python-pptx that moves a
private attribute (``_element``, ``_txBody``, ``_chartSpace``, ``_spTree``, a part's
``_blob``) is a change in this module alone, and ``tests/lecture/test_oxml.py`` fails
loudly when one of them is gone or behaves otherwise.
"""

from __future__ import annotations

import copy
from typing import NamedTuple

from lxml import etree
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from pamphleteer.text import cldr

# What reading a damaged .pptx raises, from python-pptx and the XML below it (a house style's master).
UNREADABLE = (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError)


def unreadable_reason(exc: BaseException) -> str:
    """Why a .pptx could not be read, in a few words."""
    return "not a zip package" if isinstance(exc, PackageNotFoundError) else f"{type(exc).__name__}: {exc}"


_NS = (
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)
_A = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
# Children of a:rPr / a:defRPr that must come after a:cs (the schema's order).
_AFTER_CS = ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


class TextStyle(NamedTuple):
    """A placeholder's first-level run defaults: size in points, typeface (a theme name like ``+mn-lt``)."""

    size: float
    typeface: str
    bold: bool
    italic: bool


# --- reading the master -------------------------------------------------------------------


def _first_level_run(element: etree._Element, level: int = 1) -> etree._Element | None:
    return element.find(".//" + qn(f"a:lvl{level}pPr") + "/" + qn("a:defRPr"))


def _solid(fill_parent: etree._Element | None) -> str | None:
    fill = fill_parent.find(qn("a:solidFill")) if fill_parent is not None else None
    rgb = fill.find(qn("a:srgbClr")) if fill is not None else None
    return "#" + rgb.get("val").lower() if rgb is not None else None


def text_colour(shape: object, level: int = 1) -> str | None:
    """The colour a placeholder's list style gives its text at ``level``, if it names one."""
    return _solid(_first_level_run(shape._element, level))


def text_style(shape: object) -> TextStyle:
    """A placeholder's first-level text defaults (18 pt in the minor theme font when it sets none)."""
    rpr = _first_level_run(shape._element)
    if rpr is None:
        return TextStyle(18.0, "+mn-lt", False, False)
    latin = rpr.find(qn("a:latin"))
    return TextStyle(
        int(rpr.get("sz", "1800")) / 100,
        latin.get("typeface") if latin is not None else "+mn-lt",
        rpr.get("b") == "1",
        rpr.get("i") == "1",
    )


def background(part: object) -> str | None:
    """A slide master's or layout's solid background colour, if it sets one."""
    return _solid(part._element.find(qn("p:cSld") + "/" + qn("p:bg") + "/" + qn("p:bgPr")))


def theme_fonts(prs: object) -> dict[str, str]:
    """The theme's major and minor Latin typefaces, by the names text styles use for them."""
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    major = theme.find(".//a:majorFont/a:latin", _A).get("typeface")
    minor = theme.find(".//a:minorFont/a:latin", _A).get("typeface")
    return {"+mj-lt": major, "+mn-lt": minor}


# --- drawing slides -----------------------------------------------------------------------


def describe(shape: object, description: str, title: str | None = None) -> None:
    """Alternative text (and a title) for a shape, a picture, a chart or a table, for screen readers."""
    props = shape._element.find(".//" + qn("p:cNvPr"))
    props.set("descr", description)
    if title is not None:
        props.set("title", title)


def remove(shape: object) -> None:
    """Take a shape off its slide (an unused placeholder shows "Click to add text" in the editor)."""
    shape._element.getparent().remove(shape._element)


def carry_text_style(shape: object, layout_shape: object) -> None:
    """Copy a layout placeholder's body properties and list style onto the slide's, with no autofit.

    LibreOffice does not inherit list styles from layouts; PowerPoint ignores shrink-to-fit
    until the text is edited, so sizes are explicit and the body properties keep no child.
    """
    body = shape.text_frame._txBody
    layout_body = layout_shape._element.find(qn("p:txBody"))
    for tag in ("a:bodyPr", "a:lstStyle"):
        old, new = body.find(qn(tag)), layout_body.find(qn(tag))
        if old is not None and new is not None:
            old.addprevious(copy.deepcopy(new))
            body.remove(old)
    body_pr = body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)


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
    """A point's data label moved sideways from where its position puts it, by ``x`` (a fraction of the chart's width)."""
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


def _copy_placeholder(slide: object, layout_shape: object) -> tuple[etree._Element, str, etree._Element | None]:
    """The layout's placeholder copied onto the slide, emptied of paragraphs; with its run size and colour.

    The copy takes an id no shape on the slide has (the layout's may be taken: a timeline's or a
    picture's shapes), as ids must be unique within a slide.
    """
    element = copy.deepcopy(layout_shape._element)
    element.find(".//" + qn("p:cNvPr")).set("id", str(_next_shape_id(slide)))
    slide.shapes._spTree.append(element)
    body = element.find(qn("p:txBody"))
    default = _first_level_run(body)
    size = default.get("sz", "1200") if default is not None else "1200"
    fill = default.find(qn("a:solidFill")) if default is not None else None
    for p in body.findall(qn("a:p")):
        body.remove(p)
    return etree.SubElement(body, qn("a:p")), size, fill


def _next_shape_id(slide: object) -> int:
    taken = [int(e.get("id")) for e in slide.shapes._spTree.iter(qn("p:cNvPr")) if e.get("id", "").isdigit()]
    return max(taken, default=1) + 1


def _run_props(parent: etree._Element, lang: str, size: str, fill: etree._Element | None) -> etree._Element:
    """A run's properties with the layout's colour on the run itself: LibreOffice draws a footer's
    list-style colour as its own light grey (#9a9a9a for #595959)."""
    props = etree.SubElement(parent, qn("a:rPr"), lang=lang, sz=size)
    if fill is not None:
        props.append(copy.deepcopy(fill))
    return props


def footer(slide: object, layout_shape: object, text: str, lang: str, link: str = "") -> None:
    """The layout's footer placeholder put on the slide with ``text`` (linking to ``link`` when given).

    python-pptx leaves footers and slide numbers on the layout, where no slide shows them.
    """
    para, size, fill = _copy_placeholder(slide, layout_shape)
    run = etree.SubElement(para, qn("a:r"))
    props = _run_props(run, lang, size, fill)
    if link:  # after the fill, as the schema orders them
        rel = slide.part.relate_to(link, RT.HYPERLINK, is_external=True)
        etree.SubElement(props, qn("a:hlinkClick"), {qn("r:id"): rel})
    etree.SubElement(run, qn("a:t")).text = text


def slide_number(slide: object, layout_shape: object, number: int, lang: str, digits: str = "latin") -> None:
    """The layout's slide-number placeholder put on the slide, a field showing ``number``; in other digits
    than Latin, the number as text in them: PowerPoint and LibreOffice redraw a field in Latin digits."""
    para, size, fill = _copy_placeholder(slide, layout_shape)
    if digits == "latin":
        run = etree.SubElement(para, qn("a:fld"), id=_SLIDE_NUMBER_FIELD, type="slidenum")
    else:
        run = etree.SubElement(para, qn("a:r"))
    _run_props(run, lang, size, fill)
    etree.SubElement(run, qn("a:t")).text = cldr.numerals(number, digits)


# --- right to left ------------------------------------------------------------------------


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


# --- making the master --------------------------------------------------------------------


class Placeholder(NamedTuple):
    """A master layout's placeholder as ``master`` designs it; geometry in EMU, colours ``RRGGBB``."""

    kind: str  # the p:ph type: title, body, ftr, ...
    idx: int
    box: tuple[int, int, int, int]
    size: int  # points
    style: str  # the design's name for it, shown in the editor
    colour: str
    font: str  # +mn-lt or +mj-lt
    bold: bool
    italic: bool
    anchor: str  # t, ctr, b
    align: str  # l, r
    bullets: bool
    space_before: int  # hundredths of a point
    current: str = ""  # with a colour, a second level in bold in it: the agenda's current part


def _placeholder_xml(ph: Placeholder, shape_id: int) -> etree._Element:
    x, y, w, h = ph.box
    bold = ' b="1"' if ph.bold else ""
    italic = ' i="1"' if ph.italic else ""
    bullet = "" if ph.bullets else "<a:buNone/>"
    indent = ' marL="342900" indent="-342900"' if ph.bullets else ' marL="0" indent="0"'
    current = (
        f'<a:lvl2pPr marL="0" indent="0" algn="{ph.align}"><a:buNone/><a:spcBef><a:spcPts val="{ph.space_before}"/>'
        f'</a:spcBef><a:defRPr sz="{ph.size * 100}" b="1"><a:solidFill><a:srgbClr val="{ph.current}"/></a:solidFill>'
        f'<a:latin typeface="{ph.font}"/></a:defRPr></a:lvl2pPr>'
        if ph.current
        else ""
    )
    xml = f"""<p:sp {_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{ph.style} {ph.idx}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>
<p:nvPr><p:ph type="{ph.kind}" idx="{ph.idx}"/></p:nvPr></p:nvSpPr>
<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm></p:spPr>
<p:txBody><a:bodyPr lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="{ph.anchor}"></a:bodyPr>
<a:lstStyle><a:lvl1pPr{indent} algn="{ph.align}">{bullet}<a:spcBef><a:spcPts val="{ph.space_before}"/></a:spcBef>
<a:defRPr sz="{ph.size * 100}"{bold}{italic}><a:solidFill><a:srgbClr val="{ph.colour}"/></a:solidFill><a:latin typeface="{ph.font}"/></a:defRPr></a:lvl1pPr>{current}</a:lstStyle>
<a:p><a:r><a:rPr lang="en-GB"/><a:t>{ph.style}</a:t></a:r></a:p></p:txBody></p:sp>"""
    return etree.fromstring(xml)


def design_layout(layout: object, name: str, placeholders: list[Placeholder], colour: str | None) -> None:
    """A master layout renamed, its shapes replaced by ``placeholders`` and, with ``colour``, a solid background."""
    layout._element.find(qn("p:cSld")).set("name", name)
    tree = layout.shapes._spTree
    for shape in list(layout.shapes):
        tree.remove(shape._element)
    for n, ph in enumerate(placeholders, start=2):
        tree.append(_placeholder_xml(ph, n))
    if colour:
        set_background(layout, colour)


def set_background(part: object, colour: str) -> None:
    """A solid background (``RRGGBB``) for a slide master or layout, replacing any it had."""
    c_sld = part._element.find(qn("p:cSld"))
    for old in c_sld.findall(qn("p:bg")):
        c_sld.remove(old)
    bg = etree.fromstring(
        f'<p:bg {_NS}><p:bgPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
    )
    c_sld.insert(0, bg)


def edit_theme(prs: object, replacements: list[tuple[str, str]]) -> None:
    """The master's theme with each (old, new) piece of its XML replaced (fonts and accent colours)."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode()
    for old, new in replacements:
        xml = xml.replace(old, new)
    theme._blob = xml.encode()


# --- a house style on the master (styling.py) ---------------------------------------------


def recolour(prs: object, colours: dict[str, str]) -> None:
    """Each ``RRGGBB`` colour the master, its layouts or its theme name that is a key of ``colours``, its value."""
    new = {old.upper(): value.upper() for old, value in colours.items()}
    for element in [prs.slide_master._element, *(layout._element for layout in prs.slide_layouts)]:
        for colour in element.iter(qn("a:srgbClr")):
            colour.set("val", new.get(colour.get("val", "").upper(), colour.get("val")))
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for colour in root.iter(qn("a:srgbClr")):
        colour.set("val", new.get(colour.get("val", "").upper(), colour.get("val")))
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_placeholder(
    layout: object, kind: str, idx: int, box: tuple[int, int, int, int], name: str, like: object = None
) -> None:
    """A placeholder of type ``kind`` and index ``idx`` added to ``layout`` at ``box`` (EMU); a copy of the
    placeholder ``like`` (its text style and all) when given, else an empty frame (a picture's)."""
    if like is not None:
        element = copy.deepcopy(like._element)
        ph = element.find(".//" + qn("p:ph"))
        ph.attrib.clear()
        ph.set("type", kind)
        ph.set("idx", str(idx))
    else:
        element = etree.fromstring(
            f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="0" name=""/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="{kind}" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
        )
    props = element.find(".//" + qn("p:cNvPr"))
    ids = (int(e.get("id", 0)) for e in layout._element.iter(qn("p:cNvPr")))
    props.set("id", str(max(ids, default=1) + 1))
    props.set("name", name)
    sp_pr = element.find(qn("p:spPr"))
    for old in sp_pr.findall(qn("a:xfrm")):
        sp_pr.remove(old)
    x, y, w, h = box
    xfrm = etree.Element(qn("a:xfrm"))
    etree.SubElement(xfrm, qn("a:off"), x=str(int(x)), y=str(int(y)))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(int(w)), cy=str(int(h)))
    sp_pr.insert(0, xfrm)
    layout.shapes._spTree.append(element)
