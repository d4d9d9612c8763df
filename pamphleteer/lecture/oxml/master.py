"""Making the master below python-pptx's API: layouts designed with their placeholders,
backgrounds, the theme edited and recoloured (a house style)."""

from __future__ import annotations

import copy
from typing import NamedTuple

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

_NS = (
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


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
