"""What the bindery will see, for ``preflight``: the binding, the sheets, the creep applied, the spine.

Read from the publication's ``print`` section (``content/model.py``: the paper's thickness, estimated
or given, and the rules that follow from it) and the reading edition built in the output folder (its
page count). A saddle-stitched pamphlet thicker than a stitch holds (``SADDLE_MM``) is advised to be
bound perfect; a perfect-bound one is told its spine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf

from pamphleteer.content.model import SADDLE_MM, Print

if TYPE_CHECKING:
    from .preflight import Report


def report(folder: Path, content: Path | None, into: Report) -> None:
    """Add the binding's lines (and a warning for a stitch asked to hold too much) to ``into``."""
    from pamphleteer.content import load
    from pamphleteer.errors import BuildError
    from pamphleteer.pamphlet import binding

    from .preflight import _DAMAGED, _not_a_file

    reading = folder / "pamphlet.pdf"
    if content is None or not reading.exists() or _not_a_file(reading, folder=False):
        into.lines.append("not known: no content folder, or no pamphlet.pdf, to count the pages of")
        return
    try:  # a damaged pamphlet.pdf is rejected in its own report
        with pikepdf.open(reading) as pdf:
            pages = len(pdf.pages)
    except _DAMAGED:
        pages = 0
    if not pages:
        into.lines.append("not known: pamphlet.pdf cannot be read to count its pages")
        return
    try:
        book = load(content)
    except BuildError:
        into.lines.append(f"not known: the publication in {content} does not load (pamphleteer check)")
        return
    if book.publication.form != "pamphlet" or book.publication.panels:
        into.lines.append(f"a {book.publication.form}: folded, not bound")
        return
    paper: Print = book.publication.print
    into.lines.append(f"paper: {paper.weight} g/m² {paper.paper}, {_thickness(paper)}")
    if paper.binding == "perfect":
        block = len(binding.block_pages(pages))
        spine = paper.spine_mm(block)
        lettered = "lettered" if binding.lettered(spine) else f"too narrow to letter (under {binding.LETTERED_MM:g} mm)"
        into.lines.append(
            f"perfect-bound: a block of {block} pages ({block // 2} leaves) glued into a cover printed both sides "
            f"(pamphlet-cover.pdf); spine {spine:.2f} mm, {lettered}"
        )
        return
    sheets = -(-pages // 4)
    creep = paper.creep_mm(sheets)
    into.lines.append(f"saddle-stitched: {pages} pages on {sheets} sheets folded one inside another")
    into.lines.append(
        f"creep applied in pamphlet-booklet.pdf: each sheet's pages {paper.sheet_mm:.3f} mm nearer the fold than "
        f"the sheet around it's: 0 mm on the outermost, {creep[-1]:.2f} mm on the innermost"
    )
    if not paper.saddle_holds(pages):
        into.warnings.append(
            f"{sheets} sheets fold {sheets * paper.sheet_mm:.1f} mm thick, more than a saddle stitch holds well "
            f"({SADDLE_MM:g} mm: 72 pages of 80 g/m² uncoated paper); bind it perfect: print: {{binding: perfect}} "
            f"in publication.yaml makes pamphlet-cover.pdf"
        )


def _thickness(paper: Print) -> str:
    if paper.caliper is not None:
        return f"{paper.caliper:g} mm a sheet (as given)"
    return f"{paper.sheet_mm:.3f} mm a sheet (estimated from the weight; set caliper: to the shop's figure)"
