"""Print production: exact bleed boxes for the print edition, and the saddle-stitched booklet.

The booklet puts the reading edition's pages two to a side on A4 (or US Letter)
landscape in fold order, so that printing double-sided (flip on the short edge),
folding the stack in half and stapling gives the pamphlet in reading order:
sheet 1 carries pages n|1 on its front and 2|n-1 on its back, and so on inward.
pypdf does the page placement.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, ByteStringObject, FloatObject, NameObject, RectangleObject

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


def _read(pdf: bytes) -> PdfReader:
    # pypdf warns about WeasyPrint's trailer /Size when tags are on; the file is sound (qpdf --check)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    return PdfReader(io.BytesIO(pdf))


def booklet(pdf: bytes, paper: str = "a4", *, identity: str = "") -> bytes:
    """Impose ``pdf`` (its page count a multiple of 4) two-up in fold order."""
    reader = _read(pdf)
    width, height = PAPERS[paper]
    writer = PdfWriter()
    for left, right in fold_order(len(reader.pages)):
        side = writer.add_blank_page(width, height)
        for slot, number in enumerate((left, right)):
            page = reader.pages[number - 1]
            box = page.trimbox
            pw, ph = float(box.width), float(box.height)
            scale = min(width / 2 / pw, height / ph)
            tx = slot * width / 2 + (width / 2 - pw * scale) / 2 - float(box.left) * scale
            ty = (height - ph * scale) / 2 - float(box.bottom) * scale
            side.merge_transformed_page(page, Transformation().scale(scale).translate(tx, ty))
    return _finish(writer, reader, identity)


def exact_bleed(pdf: bytes, bleed_mm: float = 3.0) -> bytes:
    """Set each page's BleedBox exactly ``bleed_mm`` beyond its TrimBox (WeasyPrint caps it at 10 pt)."""
    identity = hashlib.sha256(_FILE_ID.sub(b"", _RANDOM_ID.sub(b"", pdf))).hexdigest()
    reader = _read(pdf)
    writer = PdfWriter(clone_from=reader)
    d = bleed_mm * MM
    for page in writer.pages:
        t = page.trimbox
        page[NameObject("/BleedBox")] = RectangleObject(
            [
                FloatObject(round(float(t.left) - d, 4)),
                FloatObject(round(float(t.bottom) - d, 4)),
                FloatObject(round(float(t.right) + d, 4)),
                FloatObject(round(float(t.top) + d, 4)),
            ]
        )
    return _finish(writer, reader, identity)


def _fix_document_id(writer: PdfWriter, identity: str) -> None:
    """WeasyPrint gives PDF/X metadata a random DocumentID; derive it from the content instead."""
    meta = writer._root_object.get("/Metadata")
    if meta is None:
        return
    stream = meta.get_object()
    data = stream.get_data()
    uuid = f"{identity[:8]}-{identity[8:12]}-{identity[12:16]}-{identity[16:20]}-{identity[20:32]}"
    fixed = _RANDOM_ID.sub(b"xmp.did:" + uuid.encode(), data)
    if fixed != data:
        stream.set_data(fixed)


def _finish(writer: PdfWriter, reader: PdfReader, identity: str) -> bytes:
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items() if isinstance(k, str)})
    if identity:  # same input, same bytes
        ident = ByteStringObject(bytes.fromhex(identity[:32].ljust(32, "0")))
        writer._ID = ArrayObject([ident, ident])
        _fix_document_id(writer, identity)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
