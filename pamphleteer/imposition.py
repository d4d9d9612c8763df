"""Print production: exact bleed boxes for the print edition, and the saddle-stitched booklet.

The booklet puts the reading edition's pages two to a side on A4 (or US Letter)
landscape in fold order, so that printing double-sided (flip on the short edge),
folding the stack in half and stapling gives the pamphlet in reading order:
sheet 1 carries pages n|1 on its front and 2|n-1 on its back, and so on inward.
pikepdf (qpdf) does the page placement.
"""

from __future__ import annotations

import hashlib
import io
import re

import pikepdf

MM = 72 / 25.4
_RANDOM_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")
_FILE_ID = re.compile(rb"/ID \[\([0-9a-f]*\) \([0-9a-f]*\)\]")
PAPERS = {"a4": (297 * MM, 210 * MM), "letter": (11 * 72, 8.5 * 72)}  # landscape: width, height


def fold_order(n: int) -> list[tuple[int, int]]:
    """(left, right) page numbers of each printed side, front then back, sheet by sheet."""
    if n % 4:
        raise ValueError(f"a booklet needs a multiple of 4 pages, got {n}")
    sides = []
    for sheet in range(n // 4):
        sides.append((n - 2 * sheet, 1 + 2 * sheet))
        sides.append((2 + 2 * sheet, n - 1 - 2 * sheet))
    return sides


def booklet(pdf: bytes, paper: str = "a4") -> bytes:
    """Impose ``pdf`` (its page count a multiple of 4) two-up in fold order.

    pikepdf (qpdf) places each page as a form XObject: fonts and images are shared, not
    copied per placement, which keeps this fast and the file small.
    """
    width, height = PAPERS[paper]
    with pikepdf.open(io.BytesIO(pdf)) as src, pikepdf.new() as dst:
        forms = {}
        for left, right in fold_order(len(src.pages)):
            dst.add_blank_page(page_size=(width, height))
            side = dst.pages[-1]
            xobjects, drawing = pikepdf.Dictionary(), []
            for slot, number in enumerate((left, right)):
                if number not in forms:
                    forms[number] = dst.copy_foreign(src.pages[number - 1].as_form_xobject())
                x0, y0, x1, y1 = (float(v) for v in src.pages[number - 1].trimbox)
                scale = min(width / 2 / (x1 - x0), height / (y1 - y0))
                tx = slot * width / 2 + (width / 2 - (x1 - x0) * scale) / 2 - x0 * scale
                ty = (height - (y1 - y0) * scale) / 2 - y0 * scale
                xobjects[f"/P{number}"] = forms[number]
                drawing.append(f"q {scale:.6f} 0 0 {scale:.6f} {tx:.4f} {ty:.4f} cm /P{number} Do Q")
            side.obj.Resources = pikepdf.Dictionary(XObject=xobjects)
            side.obj.Contents = dst.make_stream("\n".join(drawing).encode())
        dst.docinfo = dst.copy_foreign(src.docinfo)
        return _save(dst)


def exact_bleed(pdf: bytes, bleed_mm: float = 3.0) -> bytes:
    """Set each page's BleedBox exactly ``bleed_mm`` beyond its TrimBox (WeasyPrint caps it at 10 pt)."""
    d = bleed_mm * MM
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            left, bottom, right, top = (float(v) for v in page.obj.TrimBox)
            page.obj.BleedBox = pikepdf.Array(
                [round(left - d, 4), round(bottom - d, 4), round(right + d, 4), round(top + d, 4)]
            )
        metadata = doc.Root.get("/Metadata")
        if metadata is not None:  # WeasyPrint's PDF/X DocumentID is random; derive it from the content
            digest = hashlib.sha256(_RANDOM_ID.sub(b"", _FILE_ID.sub(b"", pdf))).hexdigest()
            uuid = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
            metadata.write(_RANDOM_ID.sub(b"xmp.did:" + uuid.encode(), metadata.read_bytes()))
        return _save(doc)


def _save(doc: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    doc.save(out, deterministic_id=True)  # same input, same bytes
    return out.getvalue()
