"""Make the lecture master, ``templates/lecture-master.pptx``.

The build never calls this: it reads the committed master, which a designer may
restyle in PowerPoint or LibreOffice. This script is how our own design was
made, kept so it can be remade: ``python -m pamphleteer.lecture.master [PATH]``.

Every layout the deck uses is named here with its placeholders; ``lecture/drawing.py``
looks them up by name and placeholder index, never by position.
Theme fonts are Arial and Times New Roman: present on Windows and macOS, and
replaced by the metric-compatible Liberation fonts on Linux, so text measured
with Liberation metrics fits wherever the deck is opened.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Inches

from pamphleteer.lecture import oxml

RED, CREAM, INK, GREY, SAND = "8C1C13", "F6EFE2", "1A1A1A", "595959", "E9DCC3"
ROSE = "E3B9B3"  # on a part's divider, the parts not being spoken of: 5.2:1 on RED
W, H = Emu(12192000), Emu(6858000)

# name -> [(placeholder type, idx, (x, y, w, h) inches, size pt, style)]
# A placeholder's size is its layout's cap: the planner sets each text at the largest size up to it
# that fits, never under the hall minimum (lecture/kinds.py MINIMUMS).
TITLE = ("title", 0, (0.6, 0.35, 12.13, 1.05), 32, "title")
FOOTER = ("ftr", 11, (0.6, 6.88, 9.5, 0.4), 14, "footer")
NUMBER = ("sldNum", 12, (11.53, 6.88, 1.2, 0.4), 14, "number")
DARK_FOOTER = ("ftr", 11, (0.6, 6.88, 9.5, 0.4), 14, "footer-dark")
DARK_NUMBER = ("sldNum", 12, (11.53, 6.88, 1.2, 0.4), 14, "number-dark")
AREA = (0.6, 1.6, 12.13, 5.05)
LAYOUTS: dict[str, list[tuple]] = {
    "title": [
        ("ctrTitle", 0, (0.8, 0.6, 11.7, 2.6), 54, "cover-title"),
        ("subTitle", 1, (0.8, 3.35, 11.7, 1.6), 28, "cover-sub"),
        ("ftr", 11, (0.8, 6.2, 11.7, 0.5), 20, "footer-dark"),
    ],
    "section": [
        ("body", 1, (0.8, 1.5, 11.7, 0.6), 24, "label"),
        ("title", 0, (0.8, 2.15, 11.7, 2.75), 44, "section-title"),
        ("body", 2, (0.8, 5.0, 11.7, 1.35), 24, "section-sub"),
        DARK_FOOTER,
        DARK_NUMBER,
    ],
    "points": [TITLE, ("body", 1, AREA, 32, "points"), FOOTER, NUMBER],
    # where the talk is: the part's number and title, then every part, the current one set apart (level 2)
    "part": [
        ("body", 1, (0.8, 0.6, 11.7, 0.55), 24, "label"),
        ("title", 0, (0.8, 1.15, 11.7, 1.5), 40, "part-title"),
        ("body", 2, (0.8, 2.85, 11.7, 3.8), 24, "agenda"),
        DARK_FOOTER,
        DARK_NUMBER,
    ],
    "quotation": [
        TITLE,
        ("body", 1, (1.3, 1.55, 10.73, 3.95), 36, "quote"),
        ("body", 2, (1.3, 5.6, 10.73, 0.95), 24, "attribution"),
        FOOTER,
        NUMBER,
    ],
    "chart": [
        TITLE,
        ("chart", 10, (0.6, 1.6, 7.6, 5.05), 18, "plain"),
        ("body", 13, (8.45, 1.6, 4.28, 5.05), 24, "points"),
        FOOTER,
        NUMBER,
    ],
    "table": [
        TITLE,
        ("tbl", 10, AREA, 24, "plain"),
        ("body", 14, (0.6, 6.15, 12.13, 0.5), 20, "caption"),  # what the slide leaves out of a long table
        FOOTER,
        NUMBER,
    ],
    # a picture as large as the area allows (points beside it take 13), its caption and credit under it (14)
    "picture": [
        TITLE,
        ("body", 10, AREA, 24, "area"),
        ("body", 13, (8.45, 1.6, 4.28, 5.05), 24, "points"),
        ("body", 14, (0.6, 5.85, 12.13, 0.8), 20, "caption"),
        FOOTER,
        NUMBER,
    ],
    "timeline": [TITLE, ("body", 10, AREA, 24, "area"), FOOTER, NUMBER],
    "closing": [
        TITLE,
        ("body", 1, (0.6, 1.6, 12.13, 3.9), 32, "points"),
        ("body", 2, (0.6, 5.65, 12.13, 0.95), 24, "attribution"),
        ("body", 14, (10.93, 4.75, 1.8, 1.8), 24, "area"),  # the QR code of the publication's address
        FOOTER,
        NUMBER,
    ],
}
DARK = {"title", "section", "part"}
# points start at the top of their area, where the eye returns on every slide
ANCHORS = {"title": "b", "cover-title": "b", "section-title": "b", "quote": "ctr"}
COLOURS = {
    "footer": GREY,
    "number": GREY,
    "attribution": GREY,
    "caption": GREY,
    "label": SAND,
    "footer-dark": SAND,
    "number-dark": SAND,
    "agenda": ROSE,
}


def _placeholder(kind: str, idx: int, box: tuple, size: int, style: str) -> oxml.Placeholder:
    """One placeholder of our design: its colour, face, weight, anchor and alignment follow its style."""
    colour = COLOURS.get(style, INK)
    if style in ("cover-title", "section-title", "cover-sub", "section-sub", "part-title"):
        colour = CREAM
    if style == "quote":
        colour = "3A0B07"
    return oxml.Placeholder(
        kind=kind,
        idx=idx,
        box=tuple(Emu(Inches(v)) for v in box),
        size=size,
        style=style,
        colour=colour,
        font="+mn-lt" if style != "quote" else "+mj-lt",
        bold=style in ("title", "cover-title", "section-title", "label", "part-title"),
        italic=style in ("quote", "cover-sub"),
        anchor=ANCHORS.get(style, "t"),
        align="r" if style in ("attribution", "number", "number-dark") else "l",
        bullets=style == "points",
        space_before=600 if style in ("points", "agenda") else 0,
        current=CREAM if style == "agenda" else "",  # the part being spoken of
    )


def make(path: Path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    layouts = list(prs.slide_layouts)
    for layout, (name, spec) in zip(layouts, LAYOUTS.items(), strict=False):
        oxml.design_layout(layout, name, [_placeholder(*ph) for ph in spec], RED if name in DARK else None)
    for extra in layouts[len(LAYOUTS) :]:
        prs.slide_layouts.remove(extra)
    master = prs.slide_master
    oxml.set_background(master, "FFFFFF")
    for shape in master.placeholders:  # the master's own boxes follow the 16:9 grid
        box = {"title": TITLE[2], "body": AREA, "ftr": FOOTER[2], "sldNum": NUMBER[2]}.get(
            shape.placeholder_format.type.name.lower().replace("slide_number", "sldNum").replace("footer", "ftr")
        )
        if box:
            shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in box)
        else:
            shape.left, shape.top, shape.width, shape.height = Inches(0.6), Inches(6.88), Inches(2), Inches(0.4)
    oxml.edit_theme(
        prs,
        [
            ('<a:majorFont><a:latin typeface="Calibri"/>', '<a:majorFont><a:latin typeface="Times New Roman"/>'),
            ('<a:minorFont><a:latin typeface="Calibri"/>', '<a:minorFont><a:latin typeface="Arial"/>'),
            ('<a:accent1><a:srgbClr val="4F81BD"/>', f'<a:accent1><a:srgbClr val="{RED}"/>'),
            ('<a:accent2><a:srgbClr val="C0504D"/>', '<a:accent2><a:srgbClr val="2F3E46"/>'),
            ('<a:accent3><a:srgbClr val="9BBB59"/>', '<a:accent3><a:srgbClr val="BF8B30"/>'),
            ('<a:accent4><a:srgbClr val="8064A2"/>', '<a:accent4><a:srgbClr val="52796F"/>'),
            ('<a:dk2><a:srgbClr val="1F497D"/>', f'<a:dk2><a:srgbClr val="{INK}"/>'),
            # a link is drawn in the theme's colour, not its run's: the only links, the page pointers in
            # the footers of slides on the white page, keep the footer's grey rather than Office's blue
            ('<a:hlink><a:srgbClr val="0000FF"/>', f'<a:hlink><a:srgbClr val="{GREY}"/>'),
            ('<a:folHlink><a:srgbClr val="800080"/>', f'<a:folHlink><a:srgbClr val="{GREY}"/>'),
        ],
    )
    prs.core_properties.title = "pamphleteer lecture master"
    prs.save(str(path))


if __name__ == "__main__":
    make(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent.parent / "templates" / "lecture-master.pptx"
    )
