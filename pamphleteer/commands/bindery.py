"""What the bindery will see, for ``preflight``: the binding, the sheets, the creep applied, the spine.

Read from the publication's ``print`` section (``content/model/publication.py``: the paper's thickness, estimated
or given, and the rules that follow from it) and the reading edition built in the output folder (its
page count). A saddle-stitched pamphlet thicker than a stitch holds (``SADDLE_MM``) is advised to be
bound perfect; a perfect-bound one is told its spine.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.content.model import SADDLE_MM, Print


def report(content: Path | None, pages: int) -> tuple[list[str], list[str]]:
    """The binding's lines, and a warning for a stitch asked to hold too much, for a reading edition of
    ``pages`` pages (0 when it could not be read) built from the publication in ``content``."""
    from pamphleteer.content import load
    from pamphleteer.errors import BuildError
    from pamphleteer.pamphlet import binding

    lines: list[str] = []
    if content is None or not pages:
        return ["not known: no content folder, or no readable pamphlet.pdf, to count the pages of"], []
    try:
        book = load(content)
    except BuildError:
        return [f"not known: the publication in {content} does not load (pamphleteer check)"], []
    if book.publication.form != "pamphlet" or book.publication.panels:
        return [f"a {book.publication.form}: folded, not bound"], []
    paper: Print = book.publication.print
    lines.append(f"paper: {paper.weight} g/m² {paper.paper}, {_thickness(paper)}")
    if paper.binding == "perfect":
        block = len(binding.block_pages(pages))
        spine = paper.spine_mm(block)
        lettered = "lettered" if binding.lettered(spine) else f"too narrow to letter (under {binding.LETTERED_MM:g} mm)"
        lines.append(
            f"perfect-bound: a block of {block} pages ({block // 2} leaves) glued into a cover printed both sides "
            f"(pamphlet-cover.pdf); spine {spine:.2f} mm, {lettered}"
        )
        return lines, []
    sheets = -(-pages // 4)
    creep = paper.creep_mm(sheets)
    lines.append(f"saddle-stitched: {pages} pages on {sheets} sheets folded one inside another")
    lines.append(
        f"creep applied in pamphlet-booklet.pdf: each sheet's pages {paper.sheet_mm:.3f} mm nearer the fold than "
        f"the sheet around it's: 0 mm on the outermost, {creep[-1]:.2f} mm on the innermost"
    )
    if paper.saddle_holds(pages):
        return lines, []
    return lines, [
        f"{sheets} sheets fold {sheets * paper.sheet_mm:.1f} mm thick, more than a saddle stitch holds well "
        f"({SADDLE_MM:g} mm: 72 pages of 80 g/m² uncoated paper); bind it perfect: print: {{binding: perfect}} "
        f"in publication.yaml makes pamphlet-cover.pdf"
    ]


def _thickness(paper: Print) -> str:
    if paper.caliper is not None:
        return f"{paper.caliper:g} mm a sheet (as given)"
    return f"{paper.sheet_mm:.3f} mm a sheet (estimated from the weight; set caliper: to the shop's figure)"
