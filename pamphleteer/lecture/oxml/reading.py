"""Reading the deck's master below python-pptx's API: a layout's text style and colour,
backgrounds, theme fonts; and what reading a damaged .pptx raises."""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

_A = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


# What reading a damaged .pptx raises, from python-pptx and the XML below it (a house style's master).
UNREADABLE = (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError)


def unreadable_reason(exc: BaseException) -> str:
    """Why a .pptx could not be read, in a few words."""
    return "not a zip package" if isinstance(exc, PackageNotFoundError) else f"{type(exc).__name__}: {exc}"


class TextStyle(NamedTuple):
    """A placeholder's first-level run defaults: size in points, typeface (a theme name like ``+mn-lt``)."""

    size: float
    typeface: str
    bold: bool
    italic: bool


def first_level_run(element: etree._Element, level: int = 1) -> etree._Element | None:
    return element.find(".//" + qn(f"a:lvl{level}pPr") + "/" + qn("a:defRPr"))


def _solid(fill_parent: etree._Element | None) -> str | None:
    fill = fill_parent.find(qn("a:solidFill")) if fill_parent is not None else None
    rgb = fill.find(qn("a:srgbClr")) if fill is not None else None
    return "#" + rgb.get("val").lower() if rgb is not None else None


def text_colour(shape: object, level: int = 1) -> str | None:
    """The colour a placeholder's list style gives its text at ``level``, if it names one."""
    return _solid(first_level_run(shape._element, level))


def text_style(shape: object) -> TextStyle:
    """A placeholder's first-level text defaults (18 pt in the minor theme font when it sets none)."""
    rpr = first_level_run(shape._element)
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
