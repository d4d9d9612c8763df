"""The deck's master in the publication's house style: recoloured, and a title layout with room for the cover.

The master (``templates/lecture-master.pptx``) draws our own design, or a designer's. A
publication's ``style:`` and ``cover:`` change it in memory before anything reads it, so the
planner fits every text to the boxes the slides will have and the contrast check sees the
colours they will show:

- our design's colours become the house style's (:data:`OURS`: the accent, the text on it,
  the ink, the quotation's dark red), in every layout, the master and the theme; a designer's
  master, in colours of its own, keeps them;
- with a text in PT Sans, quotations (the theme's major font, Times New Roman) are set in
  Arial, which every machine has as well, and which ``measure`` fits with Liberation Sans;
- with a cover picture, the title layout's texts move into a column at the left, the
  picture fills the rest (:data:`PICTURE`, cropped to fill) and its credit sits under it, on
  the layout's own background, styled as the layout's footer (:data:`CREDIT`);
- with a logo, a frame for it under the subtitle (:data:`LOGO`).

The XML is written by ``oxml``; this module decides what goes where.
"""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Inches

from pamphleteer.content.house import Look

from . import oxml
from .specs import CREDIT, LOGO, PICTURE

# Our design's colours (lecture/master.py) -> the Look's colour that takes each one's part.
# A part divider's other parts (rose on our red) take the quieter text on the house accent.
OURS = {
    "8C1C13": "accent",
    "F6EFE2": "on_accent",
    "E9DCC3": "soft",
    "E3B9B3": "soft",
    "1A1A1A": "ink",
    "3A0B07": "quote",
}
COLUMN = 0.62  # the share of the slide's width the title's texts keep beside a cover picture
GAP = Inches(0.35)  # between the texts' column and the picture
LOGO_BOX = (Inches(0.8), Inches(5.0), Inches(2.4), Inches(1.1))  # under the subtitle, over the footer
CREDIT_LINES = Inches(0.8)  # the room under the picture for its credit: two lines at the hall's footer size

__all__ = ["CREDIT", "LOGO", "PICTURE", "restyle"]


def restyle(prs: object, layouts: dict[str, object], look: Look, *, cover: bool, credit: bool, logo: bool) -> None:
    """Put the house style into the master ``prs`` (its ``layouts`` by name), in memory."""
    if look.styled:
        oxml.recolour(prs, {old: getattr(look, name).lstrip("#") for old, name in OURS.items()})
    if look.sans:
        major = oxml.theme_fonts(prs)["+mj-lt"]
        latin = '<a:majorFont><a:latin typeface="{}"'
        oxml.edit_theme(prs, [(latin.format(major), latin.format("Arial"))])
    title = layouts["title"]
    if cover:
        _beside_picture(prs, title, credit)
    if logo:
        oxml.add_placeholder(title, "pic", LOGO, LOGO_BOX, f"pic {LOGO}")


def _beside_picture(prs: object, title: object, credit: bool) -> None:
    """The title layout's texts in a column at the left; the picture (and its credit) at the right."""
    width, height = prs.slide_width, prs.slide_height
    left = int(width * COLUMN)
    for ph in title.placeholders:
        ph.width = min(ph.width, left - GAP - ph.left)
    picture_height = height - (CREDIT_LINES if credit else 0)
    oxml.add_placeholder(title, "pic", PICTURE, (left, 0, width - left, picture_height), f"pic {PICTURE}")
    footer = next((ph for ph in title.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER), None)
    if credit and footer is not None:  # the credit reads as the layout's footer does, on the same background
        box = (left + Inches(0.05), picture_height, width - left - Inches(0.15), CREDIT_LINES)
        oxml.add_placeholder(title, "body", CREDIT, box, "credit", like=footer)
