"""The lecture deck right to left: one pass over the drawn slides of an Arabic, Hebrew, Persian or Urdu deck.

``deck.build`` draws every slide as for any language, then :func:`mirror` turns it
round, through the XML door (``oxml``; python-pptx has no API for most of this):

- every paragraph, in the slides, their list styles and their notes, reads right to
  left (``a:pPr rtl="1"``) and starts at the right (``algn="r"``; centred stays centred);
- every run is tagged with the language and names the deck's face for complex scripts
  (``a:cs``, Noto Sans Arabic for Arabic, bundled in ``templates/fonts/deck/`` and used
  by ``measure`` to fit the text);
- tables run their columns from the right (the cells reversed in each row);
- no text is italic (the scripts have none);
- column and line charts run their categories from the right, their value axis on the
  right (``c:scaling/c:orientation maxMin``; ``deck_charts`` made room there for its
  numbers and unit); a horizontal bar chart and a pie keep theirs;
- a timeline's events run from the right: its shapes are mirrored about its line;
- the footer and the slide number change sides: the footer at the right, the number at the left.
"""

from __future__ import annotations

from pamphleteer.text import cldr

from . import oxml

# The typeface PowerPoint and LibreOffice use for complex-script text (a:cs), by script.
CS_FACE = {"arabic": "Noto Sans Arabic", "hebrew": "Arial"}
_HEBREW = ("he", "iw", "yi")


def face_for(language: str) -> str:
    """The complex-script typeface of a right-to-left deck in ``language``."""
    base = cldr.base(language)
    return CS_FACE["hebrew" if base in _HEBREW else "arabic"]


def mirror(prs: object, language: str) -> None:
    """Turn every drawn slide of ``prs`` (and its notes) to read right to left, in ``language``."""
    face = face_for(language)
    for slide in prs.slides:
        oxml.mirror_furniture(slide, prs.slide_width)  # first: their alignment is mirrored, not turned right
        oxml.right_to_left_text(slide, language, face)
        oxml.tables_from_right(slide)
        oxml.mirror_about_connector(slide)  # a timeline: the one connector the deck draws
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                oxml.chart_right_to_left(shape.chart, language, face)
        if slide.has_notes_slide:
            oxml.right_to_left_text(slide.notes_slide, language, face)
