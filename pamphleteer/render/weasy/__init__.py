"""WeasyPrint's internals, behind one door: everything we read from its laid-out box tree, and the
few places where we reach past its public API.

WeasyPrint's public API makes a document and writes it; it does not say what a page holds. The
pagination pass, the layout by parts, the furniture and the short forms' misfit messages all need
to know (which blocks start on a page, how full it is, the page's name and side, its words), and
that knowledge lives in private attributes (``page._page_box``) and in the classes of
``weasyprint.formatting_structure.boxes``. They are read here and nowhere else, so an upgrade of
WeasyPrint is a change in this package, and ``tests/render/test_weasy.py`` says at once what moved.

And :class:`Pending`, the list WeasyPrint keeps its footnotes still to place in, made to answer
``in`` at once: footnotes in linear time (see the class); and its line breaker answering from
memory a line it broke before (``lines``: a part's layouts after its first break the same lines,
and its next layout, after an edit, those it broke last time).

Also here: one :class:`Fonts` per process (a ``FontConfiguration`` loads fontconfig and every
``@font-face`` file; shared, it fetches each face once, so it records each face as a dependency of
every layout that declares it), the deflate level of the PDF writer, and placeholders for links
into other documents; and its HTML parser finding the patterns it compiled (``parsing``). ``pages`` reads the
laid-out pages, ``hooks``, ``lines`` and ``parsing`` reach past the API; every name is reached as ``weasy.<name>``.
"""

from pamphleteer.infra import quickload  # noqa: F401  (before WeasyPrint: it loads it without a search)

# isort: split
from .hooks import (
    Fonts,
    Pending,
    deflate_level,
    described_figures,
    fonts,
    no_margin_boxes,
    open_arrays,
    pending_footnotes,
    warm_up,
)
from .lines import LINES_VERSION, adopt_lines, forget_lines, kept_lines, recorded_lines, remember_lines
from .pages import (
    CSS_PX,
    Frame,
    MeasuredPage,
    borrow_links,
    first_attribute,
    frames,
    measure,
    page_starts,
    renumber,
    words,
)
from .parsing import cached_runs

__all__ = [
    "CSS_PX",
    "LINES_VERSION",
    "Fonts",
    "Frame",
    "MeasuredPage",
    "Pending",
    "adopt_lines",
    "borrow_links",
    "cached_runs",
    "deflate_level",
    "described_figures",
    "first_attribute",
    "fonts",
    "forget_lines",
    "frames",
    "kept_lines",
    "measure",
    "no_margin_boxes",
    "open_arrays",
    "page_starts",
    "pending_footnotes",
    "recorded_lines",
    "remember_lines",
    "renumber",
    "warm_up",
    "words",
]
