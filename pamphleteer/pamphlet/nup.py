"""Pages 2-up and 4-up for an office run: each page of a document repeated on one sheet, with cut marks.

A handout or a leaflet printed by the hundred goes further on fewer sheets: every side of the sheet
carries ``n`` copies of one page, so that printing double-sided and cutting along the marks gives
``n`` copies from one sheet. Copies of the same page face each other through the paper whichever
edge the printer turns the sheet on. The sheet (A4 or US Letter) is turned and divided, columns by
rows, to hold the pages as large as it can; they are scaled down to fit inside :data:`MARGIN_MM`,
which an office printer cannot print to the edge of and which holds the cut marks.
"""

from __future__ import annotations

import io

import pikepdf

from .imposition import PAPERS, PT_PER_MM, _save

MARGIN_MM = 8.0  # room for the cut marks, and more than an office printer leaves unprinted
MARK_GAP_MM, MARK_MM = 1.5, 5.0  # a cut mark starts this far outside the cut and is this long


def grid(page: tuple[float, float], n: int, paper: str = "a4") -> tuple[tuple[float, float], int, int, float]:
    """The sheet (width, height, points), its columns and rows, and the scale that holds ``n`` pages
    of size ``page`` largest: the paper turned whichever way suits."""
    long, short = PAPERS[paper]
    margin = 2 * MARGIN_MM * PT_PER_MM
    best: tuple[float, tuple[float, float], int, int] | None = None
    for sheet in ((long, short), (short, long)):
        for cols in (c for c in range(1, n + 1) if n % c == 0):
            rows = n // cols
            scale = min((sheet[0] - margin) / cols / page[0], (sheet[1] - margin) / rows / page[1], 1.0)
            if best is None or scale > best[0] + 1e-9:
                best = (scale, sheet, cols, rows)
    assert best is not None
    scale, sheet, cols, rows = best
    return sheet, cols, rows, scale


def repeat(pdf: bytes, n: int, paper: str = "a4") -> bytes:
    """Each page of ``pdf`` ``n`` times on its own sheet side, scaled to fit, with cut marks."""
    with pikepdf.open(io.BytesIO(pdf)) as src, pikepdf.new() as dst:
        for number, page in enumerate(src.pages, 1):
            x0, y0, x1, y1 = (float(v) for v in page.trimbox)
            (width, height), cols, rows, scale = grid((x1 - x0, y1 - y0), n, paper)
            cell_w, cell_h = (x1 - x0) * scale, (y1 - y0) * scale
            left, bottom = (width - cols * cell_w) / 2, (height - rows * cell_h) / 2
            form = dst.copy_foreign(page.as_form_xobject())
            drawing = []
            for col in range(cols):
                for row in range(rows):
                    cx, cy = left + col * cell_w, bottom + row * cell_h
                    clip = f"{cx:.4f} {cy:.4f} {cell_w:.4f} {cell_h:.4f} re W n"
                    place = f"{scale:.6f} 0 0 {scale:.6f} {cx - x0 * scale:.4f} {cy - y0 * scale:.4f} cm"
                    drawing.append(f"q {clip} {place} /P{number} Do Q")
            cuts_x = [left + c * cell_w for c in range(cols + 1)]
            cuts_y = [bottom + r * cell_h for r in range(rows + 1)]
            drawing.append(_cut_marks(cuts_x, cuts_y, (left, bottom, width - left, height - bottom)))
            dst.add_blank_page(page_size=(width, height))
            side = dst.pages[-1]
            side.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary({f"/P{number}": form}))
            side.obj.Contents = dst.make_stream("\n".join(drawing).encode())
        dst.docinfo = dst.copy_foreign(src.docinfo)
        return _save(dst)


def _cut_marks(xs: list[float], ys: list[float], block: tuple[float, float, float, float]) -> str:
    """A hairline outside the block of pages in line with each cut, at both ends of it, as an artifact."""
    left, bottom, right, top = block
    gap, length = MARK_GAP_MM * PT_PER_MM, MARK_MM * PT_PER_MM
    lines = []
    for x in xs:
        lines.append(f"{x:.3f} {bottom - gap:.3f} m {x:.3f} {bottom - gap - length:.3f} l")
        lines.append(f"{x:.3f} {top + gap:.3f} m {x:.3f} {top + gap + length:.3f} l")
    for y in ys:
        lines.append(f"{left - gap:.3f} {y:.3f} m {left - gap - length:.3f} {y:.3f} l")
        lines.append(f"{right + gap:.3f} {y:.3f} m {right + gap + length:.3f} {y:.3f} l")
    return "/Artifact BMC q 0.25 w 0 G " + " ".join(lines) + " S Q EMC"
