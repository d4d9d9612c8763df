"""Writing on a slide below python-pptx's API: descriptions for screen readers, a layout's text
style carried over, footers and slide numbers copied from the layout."""

from __future__ import annotations

import copy

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from pamphleteer.text import cldr

from .reading import first_level_run

_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


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


def _copy_placeholder(slide: object, layout_shape: object) -> tuple[etree._Element, str, etree._Element | None]:
    """The layout's placeholder copied onto the slide, emptied of paragraphs; with its run size and colour.

    The copy takes an id no shape on the slide has (the layout's may be taken: a timeline's or a
    picture's shapes), as ids must be unique within a slide.
    """
    element = copy.deepcopy(layout_shape._element)
    element.find(".//" + qn("p:cNvPr")).set("id", str(_next_shape_id(slide)))
    slide.shapes._spTree.append(element)
    body = element.find(qn("p:txBody"))
    default = first_level_run(body)
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
