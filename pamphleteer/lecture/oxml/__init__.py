"""The one door to python-pptx's XML: every read or write of the deck's Office Open XML below its public API.

python-pptx draws text, charts, tables and shapes through its public API, but the deck
also needs what that API lacks: a layout's text style read and carried onto a slide,
backgrounds, descriptions for screen readers, footers and slide numbers copied from the
layout, a pie label deleted, right-to-left paragraphs, tables and charts, the master's
own placeholders and theme. All of it is in this package, and only here: reading the master
(``reading``), writing on slides (``slides``), charts (``charts``), right to left (``rtl``),
making the master (``master``), and slides and notes pages made as python-pptx makes them, from
copies (``pages``). ``lecture/drawing``, ``rtl`` and ``master`` decide, this package writes the
XML; each name is reached as ``oxml.<name>``. An upgrade of python-pptx that moves a
private attribute (``_element``, ``_txBody``, ``_chartSpace``, ``_spTree``, a part's
``_blob``) is a change in this package alone, and ``tests/lecture/test_oxml.py`` fails
loudly when one of them is gone or behaves otherwise.
"""

from . import pages
from .charts import (
    chart_language,
    hide_label,
    label_format,
    place_axis_title,
    place_plot,
    shift_label,
    value_axis_at_end,
)
from .master import Placeholder, add_placeholder, design_layout, edit_theme, recolour, set_background
from .reading import (
    UNREADABLE,
    TextStyle,
    background,
    text_colour,
    text_style,
    theme_fonts,
    unreadable_reason,
)
from .rtl import (
    chart_right_to_left,
    mirror_about_connector,
    mirror_furniture,
    right_to_left_paragraph,
    right_to_left_text,
    tables_from_right,
)
from .slides import carry_text_style, describe, footer, remove, slide_number

__all__ = [
    "UNREADABLE",
    "Placeholder",
    "TextStyle",
    "add_placeholder",
    "background",
    "carry_text_style",
    "chart_language",
    "chart_right_to_left",
    "describe",
    "design_layout",
    "edit_theme",
    "footer",
    "hide_label",
    "label_format",
    "mirror_about_connector",
    "mirror_furniture",
    "pages",
    "place_axis_title",
    "place_plot",
    "recolour",
    "remove",
    "right_to_left_paragraph",
    "right_to_left_text",
    "set_background",
    "shift_label",
    "slide_number",
    "tables_from_right",
    "text_colour",
    "text_style",
    "theme_fonts",
    "unreadable_reason",
    "value_axis_at_end",
]
