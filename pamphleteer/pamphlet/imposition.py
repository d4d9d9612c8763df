"""Print production: the print edition (bleed, crop marks, PDF/X-4) and the saddle-stitched booklet.

Both start from the reading edition's PDF, so neither can differ from it: the
print edition sets each page on a larger sheet with trim and bleed boxes;
the booklet puts the reading edition's pages two to a side on A4 (or US Letter)
landscape in fold order, so that printing double-sided (flip on the short edge),
folding the stack in half and stapling gives the pamphlet in reading order:
sheet 1 carries pages n|1 on its front and 2|n-1 on its back, and so on inward.
A right-to-left book is bound on its right edge, so it folds the other way: every
side is mirrored (1|n on the front, n-1|2 on the back).
pikepdf (qpdf) does the page placement.
"""

from __future__ import annotations

import hashlib
import io
import uuid

import pikepdf

PT_PER_MM = 72 / 25.4  # PDF points in a millimetre
BLEED_MM = 3.0  # what print shops ask for
SLUG_MM = 8.0  # sheet margin beyond the trim that holds the crop marks
PAPERS = {"a4": (297 * PT_PER_MM, 210 * PT_PER_MM), "letter": (11 * 72, 8.5 * 72)}  # landscape: width, height


def fold_order(n: int, *, rtl: bool = False) -> list[tuple[int, int]]:
    """(left, right) page numbers of each printed side, front then back, sheet by sheet.

    ``rtl``: for a book bound on the right (read right to left), each side mirrored.
    """
    if n % 4:
        raise ValueError(f"a booklet needs a multiple of 4 pages, got {n}")
    sides = []
    for sheet in range(n // 4):
        sides.append((n - 2 * sheet, 1 + 2 * sheet))
        sides.append((2 + 2 * sheet, n - 1 - 2 * sheet))
    return [(right, left) for left, right in sides] if rtl else sides


def booklet(pdf: bytes, paper: str = "a4", *, rtl: bool = False) -> bytes:
    """Impose ``pdf`` (its page count a multiple of 4) two-up in fold order (mirrored if ``rtl``).

    pikepdf (qpdf) places each page as a form XObject: fonts and images are shared, not
    copied per placement, which keeps this fast and the file small.
    """
    width, height = PAPERS[paper]
    with pikepdf.open(io.BytesIO(pdf)) as src, pikepdf.new() as dst:
        forms = {}
        for left, right in fold_order(len(src.pages), rtl=rtl):
            dst.add_blank_page(page_size=(width, height))
            side = dst.pages[-1]
            xobjects, drawing = pikepdf.Dictionary(), []
            for slot, number in enumerate((left, right)):
                if number not in forms:
                    forms[number] = dst.copy_foreign(src.pages[number - 1].as_form_xobject())
                x0, y0, x1, y1 = (float(v) for v in src.pages[number - 1].trimbox)
                scale = min(width / 2 / (x1 - x0), height / (y1 - y0))
                # pages meet at the fold, as a spread does; any spare paper goes to the outer edges
                tx = width / 2 - (x1 - x0) * scale * (1 - slot) - x0 * scale
                ty = (height - (y1 - y0) * scale) / 2 - y0 * scale
                xobjects[f"/P{number}"] = forms[number]
                drawing.append(f"q {scale:.6f} 0 0 {scale:.6f} {tx:.4f} {ty:.4f} cm /P{number} Do Q")
            side.obj.Resources = pikepdf.Dictionary(XObject=xobjects)
            side.obj.Contents = dst.make_stream("\n".join(drawing).encode())
        dst.docinfo = dst.copy_foreign(src.docinfo)
        return _save(dst)


def print_edition(reading: bytes, *, marks: bool = True, bleed_mm: float = BLEED_MM) -> bytes:
    """The reading edition's own pages on a larger sheet, for a print shop: PDF/X-4.

    Each page keeps its size as the TrimBox; the BleedBox lies ``bleed_mm`` beyond it, and
    what the reading edition draws past its page edge (the cover art) shows there. With
    ``marks``, the sheet grows to ``SLUG_MM`` a side and crop marks are drawn outside the
    bleed. Links and tags go (PDF/X wants no annotations on the page); bookmarks stay.
    """
    bleed = bleed_mm * PT_PER_MM
    margin = SLUG_MM * PT_PER_MM if marks else bleed
    with pikepdf.open(io.BytesIO(reading)) as pdf:
        shifts: dict[tuple[int, int], tuple[float, float]] = {}
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.obj.MediaBox)
            width, height = x1 - x0, y1 - y0
            dx, dy = margin - x0, margin - y0
            shifts[page.obj.objgen] = (dx, dy)
            sheet = [0, 0, width + 2 * margin, height + 2 * margin]
            trim = [margin, margin, margin + width, margin + height]
            page.obj.MediaBox = pikepdf.Array(_round(sheet))
            page.obj.TrimBox = pikepdf.Array(_round(trim))
            bleeds = [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
            page.obj.BleedBox = pikepdf.Array(_round(bleeds))
            for key in ("/CropBox", "/ArtBox", "/Annots", "/StructParents", "/Tabs"):
                if key in page.obj:
                    del page.obj[key]
            page.contents_add(pdf.make_stream(f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm\n".encode()), prepend=True)
            tail = "Q\n" + (_crop_marks(trim, bleed) if marks else "")
            page.contents_add(pdf.make_stream(tail.encode()), prepend=False)
        _shift_destinations(pdf, shifts)
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in pdf.Root:
                del pdf.Root[key]
        _pdf_x4(pdf, identity=reading)
        return _save(pdf, version="1.6")


def _round(values: list[float]) -> list[float]:
    return [round(v, 4) for v in values]


def _crop_marks(trim: list[float], bleed: float) -> str:
    """Hairlines at each trim corner, from just outside the bleed to the sheet's edge, as an artifact."""
    x0, y0, x1, y1 = trim
    start, length = bleed + 1 * PT_PER_MM, 4 * PT_PER_MM  # leave the bleed clear, then 4 mm of line
    lines = []
    for x, y, sx, sy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        lines.append(f"{x + sx * start:.3f} {y:.3f} m {x + sx * (start + length):.3f} {y:.3f} l")
        lines.append(f"{x:.3f} {y + sy * start:.3f} m {x:.3f} {y + sy * (start + length):.3f} l")
    return "/Artifact BMC q 0.25 w 0 G " + " ".join(lines) + " S Q EMC\n"


def _shift_destinations(pdf: pikepdf.Pdf, shifts: dict[tuple[int, int], tuple[float, float]]) -> None:
    """Bookmarks and named destinations point where they did, on the moved pages."""

    def shift(dest: object) -> None:
        if isinstance(dest, pikepdf.Array) and len(dest) >= 4 and dest[1] == pikepdf.Name.XYZ:
            dx, dy = shifts.get(dest[0].objgen, (0.0, 0.0))
            if dest[2] is not None:
                dest[2] = round(float(dest[2]) + dx, 4)
            if dest[3] is not None:
                dest[3] = round(float(dest[3]) + dy, 4)

    with pdf.open_outline() as outline:
        todo = list(outline.root)
        while todo:
            item = todo.pop()
            todo.extend(item.children)
            if isinstance(item.destination, pikepdf.Array):
                shift(item.destination)
    dests = pdf.Root.get("/Names", {}).get("/Dests", {})
    for i in range(1, len(dests.get("/Names", [])), 2):
        shift(dests.Names[i])


def _pdf_x4(pdf: pikepdf.Pdf, identity: bytes) -> None:
    """Declare PDF/X-4 with an sRGB output intent (WeasyPrint draws in RGB)."""
    from importlib.util import find_spec
    from pathlib import Path

    # The ICC's standard sRGB profile, as WeasyPrint ships it (a generated one carries a
    # timestamp); found without importing WeasyPrint, which takes the parent half a second.
    spec = find_spec("weasyprint")
    assert spec and spec.origin, "WeasyPrint is not installed"
    icc = Path(spec.origin).parent / "pdf" / "sRGB2014.icc"
    profile = pdf.make_stream(icc.read_bytes())
    profile.N = 3
    pdf.Root.OutputIntents = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFX,
                OutputConditionIdentifier="sRGB IEC61966-2.1",
                RegistryName="http://www.color.org",
                Info="sRGB IEC61966-2.1",
                DestOutputProfile=profile,
            )
        ]
    )
    pdf.docinfo.Trapped = pikepdf.Name("/False")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        if "pdfuaid:part" in meta:
            del meta["pdfuaid:part"]
        meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
        meta["pdf:Trapped"] = "False"
        # PDF/X-4 asks for an identity and version; derived from the content, so builds repeat.
        meta["xmpMM:DocumentID"] = f"uuid:{uuid.UUID(hashlib.sha256(identity).hexdigest()[:32])}"
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"
        if "xmp:ModifyDate" in meta:
            meta["xmp:MetadataDate"] = meta["xmp:ModifyDate"]


def _save(doc: pikepdf.Pdf, version: str = "") -> bytes:
    out = io.BytesIO()
    doc.save(out, deterministic_id=True, force_version=version)  # same input, same bytes
    return out.getvalue()
