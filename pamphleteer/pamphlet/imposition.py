"""Print production: the print edition (bleed, crop marks, CMYK, PDF/X) and the saddle-stitched booklet.

Both start from the reading edition's PDF, so neither can differ from it: the
print edition sets each page on a larger sheet with trim and bleed boxes;
the booklet puts the reading edition's pages two to a side on A4 (or US Letter)
landscape in fold order, so that printing double-sided (flip on the short edge),
folding the stack in half and stapling gives the pamphlet in reading order:
sheet 1 carries pages n|1 on its front and 2|n-1 on its back, and so on inward.
Each sheet's pages move toward the fold by the creep its depth in the fold causes (from the
paper's thickness: ``Print.creep_mm``), so that trimmed flush every page's text sits where
the outermost sheet's does. A right-to-left book is bound on its right edge, so it folds the
other way: every side is mirrored (1|n on the front, n-1|2 on the back); the creep still moves
each page toward the fold. A perfect-bound pamphlet's cover sheet (``cover``) sets its back
cover, spine and front cover side by side with bleed, crop and fold marks.
A tri-fold leaflet's six panels (``pamphlet/forms.py``) are imposed on the two sides of one A4
landscape sheet, each panel clipped at its folds: the outside reads 5 | 6 | 1 (the inner flap's
outside, the back, the front), the inside 2 | 3 | 4 (the flap's inside at the right, behind its
outside), so that printing double-sided with a flip on the short edge puts each panel behind its
own; mirrored for a right-to-left leaflet. Its print edition is that sheet with bleed where a
panel meets the sheet's edge, crop marks and fold marks.
pikepdf (qpdf) does the page placement; the print edition's colours are separated for the press
condition (``separation.py``, ``press.py``) and declared PDF/X-4, or PDF/X-1a flattened.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pikepdf

from pamphleteer.infra import kept

from . import colourspaces, press, separation

PT_PER_MM = 72 / 25.4  # PDF points in a millimetre
BLEED_MM = 3.0  # what print shops ask for
SLUG_MM = 8.0  # sheet margin beyond the trim that holds the crop marks
SEAM_MM = 0.3  # a cover's spine runs this far under the covers either side: no hairline of paper between them
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


def booklet(
    pdf: bytes, paper: str = "a4", *, rtl: bool = False, creep: Callable[[int], Sequence[float]] | None = None
) -> bytes:
    """Impose ``pdf`` (its page count a multiple of 4) two-up in fold order (mirrored if ``rtl``).

    ``creep``: for a number of sheets, how far (mm) each sheet's pages move toward the fold, outermost
    first (``Print.creep_mm``), so that trimmed flush the inner sheets' text sits where the outer ones' does.
    Each page is clipped at the fold, so what moves over it is its own inner margin, never the facing
    page. pikepdf (qpdf) places each page as a form XObject: fonts and images are shared, not copied
    per placement, which keeps this fast and the file small.
    """
    width, height = PAPERS[paper]
    with pikepdf.open(io.BytesIO(pdf)) as src, pikepdf.new() as dst:
        forms = {}
        sides = fold_order(len(src.pages), rtl=rtl)
        creeps = [mm * PT_PER_MM for mm in creep(len(sides) // 2)] if creep else [0.0] * (len(sides) // 2)
        for side_number, (left, right) in enumerate(sides):
            shift = creeps[side_number // 2]
            dst.add_blank_page(page_size=(width, height))
            side = dst.pages[-1]
            xobjects, drawing = pikepdf.Dictionary(), []
            for slot, number in enumerate((left, right)):
                if number not in forms:
                    forms[number] = dst.copy_foreign(src.pages[number - 1].as_form_xobject())
                tx, ty, scale = placement(src.pages[number - 1], width, height, slot)
                tx += shift if slot == 0 else -shift  # toward the fold: the left page right, the right page left
                xobjects[f"/P{number}"] = forms[number]
                clip = f"{width / 2 * slot:.4f} 0 {width / 2:.4f} {height:.4f} re W n"
                drawing.append(f"q {clip} {scale:.6f} 0 0 {scale:.6f} {tx:.4f} {ty:.4f} cm /P{number} Do Q")
            side.obj.Resources = pikepdf.Dictionary(XObject=xobjects)
            side.obj.Contents = dst.make_stream("\n".join(drawing).encode())
        dst.docinfo = dst.copy_foreign(src.docinfo)
        return _save(dst)


def placement(page: pikepdf.Page, width: float, height: float, slot: int) -> tuple[float, float, float]:
    """Where a page goes in half ``slot`` (0 left, 1 right) of a ``width`` × ``height`` side, before any
    creep: its x and y offsets and scale. Pages meet at the fold, as a spread does; any spare paper goes
    to the outer edges."""
    x0, y0, x1, y1 = (float(v) for v in page.trimbox)
    scale = min(width / 2 / (x1 - x0), height / (y1 - y0))
    tx = width / 2 - (x1 - x0) * scale * (1 - slot) - x0 * scale
    ty = (height - (y1 - y0) * scale) / 2 - y0 * scale
    return tx, ty, scale


def trifold_sides(*, rtl: bool = False) -> list[tuple[int, int, int]]:
    """The panels of a tri-fold's two sides, left to right: the outside (flap, back, front), then the inside.

    Turned over on its short edge, the inside's left panel lies behind the outside's right: the front's
    back is panel 2, the flap's back panel 4. Right to left, the sheet opens the other way.
    """
    sides = [(5, 6, 1), (2, 3, 4)]
    return [(c, b, a) for a, b, c in sides] if rtl else sides


def trifold(reading: bytes, paper: str = "a4", *, rtl: bool = False) -> bytes:
    """A tri-fold's six panels on the two sides of one sheet, to print double-sided at home (flip on the
    short edge) and fold: each panel clipped at its folds, the sheet scaled to fit US Letter."""
    sheet, _ = _trifold(reading, 0.0, rtl=rtl, paper=paper)
    return sheet


def trifold_print(
    reading: bytes,
    *,
    marks: bool = True,
    rtl: bool = False,
    condition: press.Condition = press.FOGRA39,
    standard: str = "x4",
) -> bytes:
    """A tri-fold's print edition: the flat A4 sheet's two sides, with bleed where a panel meets the sheet's
    edge (never across a fold), crop marks and, between them, a mark at each fold."""
    sheet, folds = _trifold(reading, BLEED_MM * PT_PER_MM, rtl=rtl)
    return print_edition(sheet, marks=marks, folds=folds, condition=condition, standard=standard)


def _trifold(reading: bytes, bleed: float, *, rtl: bool, paper: str = "") -> tuple[bytes, list[list[float]]]:
    """The two sides, each the width of its three panels (and, with ``paper``, scaled onto that paper), and
    the folds' distances from each side's left edge, in points. ``bleed`` lets a panel draw that far past
    the sheet's edges, for the print edition to show."""
    with pikepdf.open(io.BytesIO(reading)) as src, pikepdf.new() as dst:
        if len(src.pages) != 6:
            raise ValueError(f"a tri-fold has 6 panels, got {len(src.pages)}")
        folds = []
        for side_panels in trifold_sides(rtl=rtl):
            boxes = [[float(v) for v in src.pages[n - 1].trimbox] for n in side_panels]
            width, height = sum(b[2] - b[0] for b in boxes), max(b[3] - b[1] for b in boxes)
            scale, dx, dy = 1.0, 0.0, 0.0
            if paper:  # centred on the paper, scaled down if it is smaller (US Letter)
                pw, ph = PAPERS[paper]
                scale = min(1.0, pw / width, ph / height)
                dx, dy = (pw - width * scale) / 2, (ph - height * scale) / 2
                dst.add_blank_page(page_size=(pw, ph))
            else:
                dst.add_blank_page(page_size=(width, height))
            xobjects, drawing, x = pikepdf.Dictionary(), [f"q {scale:.6f} 0 0 {scale:.6f} {dx:.4f} {dy:.4f} cm"], 0.0
            for slot, (number, (x0, y0, x1, y1)) in enumerate(zip(side_panels, boxes, strict=True)):
                form = dst.copy_foreign(src.pages[number - 1].as_form_xobject())
                form.BBox = pikepdf.Array(_round([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed]))
                xobjects[f"/P{number}"] = form
                # the panel shows up to its folds, and past the sheet's edges by the bleed
                left = bleed if slot == 0 else 0.0
                right = bleed if slot == 2 else 0.0
                clip = f"{x - left:.4f} {-bleed:.4f} {x1 - x0 + left + right:.4f} {y1 - y0 + 2 * bleed:.4f} re W n"
                drawing.append(f"q {clip} 1 0 0 1 {x - x0:.4f} {-y0:.4f} cm /P{number} Do Q")
                x += x1 - x0
            drawing.append("Q")
            side = dst.pages[-1]
            side.obj.Resources = pikepdf.Dictionary(XObject=xobjects)
            side.obj.Contents = dst.make_stream("\n".join(drawing).encode())
            edges = [b[2] - b[0] for b in boxes]
            folds.append([edges[0], edges[0] + edges[1]])
        dst.docinfo = dst.copy_foreign(src.docinfo)
        return _save(dst), folds


def cover(
    reading: bytes,
    spine: bytes,
    spine_mm: float,
    *,
    marks: bool = True,
    rtl: bool = False,
    condition: press.Condition = press.FOGRA39,
    standard: str = "x4",
) -> bytes:
    """A perfect-bound cover's sheet, in CMYK for ``condition`` as the print edition (PDF/X-4, or X-1a).
    Outside: the back cover, the spine and the front cover (the
    reading edition's last and first pages, and ``spine``'s one page, laid out lying down and turned to read
    top to bottom, ``SEAM_MM`` wider either side than the spine, under the covers' edges). Inside: the inside
    covers (its second and second-last pages) either side of a blank spine, so that the sheet turned over on
    its short edge puts each behind its own. Bleed on the outer edges, crop marks, and fold marks at the
    spine's two edges. Right to left, the front is on the left.
    """
    bleed, s = BLEED_MM * PT_PER_MM, spine_mm * PT_PER_MM
    margin = SLUG_MM * PT_PER_MM if marks else bleed
    with pikepdf.open(io.BytesIO(reading)) as src, pikepdf.open(io.BytesIO(spine)) as lettered, pikepdf.new() as dst:
        n = len(src.pages)
        x0, y0, x1, y1 = (float(v) for v in src.pages[0].trimbox)
        w, h = x1 - x0, y1 - y0
        trim = [margin, margin, margin + 2 * w + s, margin + h]
        sides = [(n, 1), (2, n - 1)]  # (left, right) of the outside, then the inside
        for number, (left, right) in enumerate([(b, a) for a, b in sides] if rtl else sides):
            dst.add_blank_page(page_size=(trim[2] + margin, trim[3] + margin))
            xobjects, drawing = pikepdf.Dictionary(), []
            if number == 0:  # the spine, its length down the sheet, its top toward the front; a little wider
                # than its folds, under the covers' edges, so no hairline of paper shows between them
                xobjects["/Spine"] = dst.copy_foreign(lettered.pages[0].as_form_xobject())
                seam = SEAM_MM * PT_PER_MM
                clip = f"{margin + w - seam:.4f} {margin - bleed:.4f} {s + 2 * seam:.4f} {h + 2 * bleed:.4f} re W n"
                turn = f"0 -1 1 0 {margin + w - seam:.4f} {margin + h + bleed:.4f} cm"
                drawing.append(f"q {clip} {turn} /Spine Do Q")
            for slot, page in enumerate((left, right)):
                form = dst.copy_foreign(src.pages[page - 1].as_form_xobject())
                form.BBox = pikepdf.Array(_round([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed]))
                xobjects[f"/P{page}"] = form
                x = margin + slot * (w + s)
                outer = bleed if slot == 0 else 0.0
                clip = f"{x - outer:.4f} {margin - bleed:.4f} {w + bleed:.4f} {h + 2 * bleed:.4f} re W n"
                drawing.append(f"q {clip} 1 0 0 1 {x - x0:.4f} {margin - y0:.4f} cm /P{page} Do Q")
            if marks:
                drawing.append(_crop_marks(trim, bleed) + _fold_marks(trim, [w, w + s], bleed))
            page_obj = dst.pages[-1].obj
            _trim_and_bleed(page_obj, trim, bleed)
            page_obj.Resources = pikepdf.Dictionary(XObject=xobjects)
            page_obj.Contents = dst.make_stream("\n".join(drawing).encode())
        dst.docinfo = dst.copy_foreign(src.docinfo)
        return _for_press(dst, reading + spine, condition, standard)


def print_edition(
    reading: bytes,
    *,
    marks: bool = True,
    bleed_mm: float = BLEED_MM,
    folds: list[list[float]] | None = None,
    condition: press.Condition = press.FOGRA39,
    standard: str = "x4",
    keep: Callable[[int], list[int]] | None = None,
) -> bytes:
    """The reading edition's own pages on a larger sheet, for a print shop: CMYK for ``condition``,
    PDF/X-4, or with ``standard`` "x1a" PDF/X-1a (transparency flattened: see ``separation.py``).

    Each page keeps its size as the TrimBox; the BleedBox lies ``bleed_mm`` beyond it, and
    what the reading edition draws past its page edge (the cover art) shows there. With
    ``marks``, the sheet grows to ``SLUG_MM`` a side and crop marks are drawn outside the
    bleed, and a fold mark above and below each of ``folds`` (per page, points from the trim's left
    edge). Links and tags go (PDF/X wants no annotations on the page); bookmarks stay. ``keep``, given
    the page count, names the pages kept (1-based: a perfect-bound block), and the bookmarks kept with them.
    Raises ``separation.Unflattenable`` naming what PDF/X-1a cannot hold when asked for it.
    """
    bleed = bleed_mm * PT_PER_MM
    margin = SLUG_MM * PT_PER_MM if marks else bleed
    with pikepdf.open(io.BytesIO(reading)) as pdf:
        if keep is not None:
            _keep_pages(pdf, keep(len(pdf.pages)))
        shifts: dict[tuple[int, int], tuple[float, float]] = {}
        for number, page in enumerate(pdf.pages):
            x0, y0, x1, y1 = (float(v) for v in page.obj.MediaBox)
            width, height = x1 - x0, y1 - y0
            dx, dy = margin - x0, margin - y0
            shifts[page.obj.objgen] = (dx, dy)
            sheet = [0, 0, width + 2 * margin, height + 2 * margin]
            trim = [margin, margin, margin + width, margin + height]
            page.obj.MediaBox = pikepdf.Array(_round(sheet))
            _trim_and_bleed(page.obj, trim, bleed)
            for key in ("/CropBox", "/ArtBox", "/Annots", "/StructParents", "/Tabs"):
                if key in page.obj:
                    del page.obj[key]
            page.contents_add(pdf.make_stream(f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm\n".encode()), prepend=True)
            tail = "Q\n" + (_crop_marks(trim, bleed) if marks else "")
            if marks and folds:
                tail += _fold_marks(trim, folds[number], bleed)
            page.contents_add(pdf.make_stream(tail.encode()), prepend=False)
        _shift_destinations(pdf, shifts)
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in pdf.Root:
                del pdf.Root[key]
        return _for_press(pdf, reading, condition, standard)


def _for_press(pdf: pikepdf.Pdf, identity: bytes, condition: press.Condition, standard: str) -> bytes:
    """``pdf``'s colours separated for ``condition``, declared PDF/X-4 (or X-1a, flattened), as bytes."""
    flatten = standard == "x1a"
    if flatten and (found := colourspaces.live_transparency(pdf)):
        raise separation.Unflattenable("PDF/X-1a cannot hold live transparency: " + "; ".join(found[:3]))
    memo = kept.computed("separated")  # each page's streams rewritten, kept for the next build
    separation.separate(pdf, press.inks(condition), flatten=flatten, memo=memo)
    press.declare_pdf_x(pdf, identity=identity, condition=condition, standard=standard)
    return _save(pdf, version="1.4" if flatten else "1.6")


def _trim_and_bleed(page: pikepdf.Dictionary, trim: list[float], bleed: float) -> None:
    """``page``'s TrimBox ``trim``, and its BleedBox ``bleed`` points beyond it on every side."""
    page.TrimBox = pikepdf.Array(_round(trim))
    page.BleedBox = pikepdf.Array(_round([trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]))


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


def _fold_marks(trim: list[float], folds: list[float], bleed: float) -> str:
    """A dashed hairline above and below the trim at each fold, in the slug beside the crop marks."""
    x0, y0, _, y1 = trim
    start, length = bleed + 1 * PT_PER_MM, 4 * PT_PER_MM
    lines = []
    for fold in folds:
        x = x0 + fold
        lines.append(f"{x:.3f} {y0 - start:.3f} m {x:.3f} {y0 - start - length:.3f} l")
        lines.append(f"{x:.3f} {y1 + start:.3f} m {x:.3f} {y1 + start + length:.3f} l")
    return "/Artifact BMC q 0.25 w 0 G [1.5 1] 0 d " + " ".join(lines) + " S Q EMC\n"


def _keep_pages(pdf: pikepdf.Pdf, numbers: list[int]) -> None:
    """Only the pages ``numbers``; bookmarks and named destinations to the others go with them."""
    gone = {page.objgen for number, page in enumerate(pdf.pages, 1) if number not in numbers}

    def lost(dest: object) -> bool:
        return isinstance(dest, pikepdf.Array) and len(dest) > 0 and dest[0].objgen in gone

    with pdf.open_outline() as outline:
        todo = [outline.root]
        while todo:
            items = todo.pop()
            items[:] = [item for item in items if not lost(item.destination)]
            todo.extend(item.children for item in items)
    dests = pdf.Root.get("/Names", {}).get("/Dests", {})
    if "/Names" in dests:
        pairs = list(dests.Names)
        kept = [v for i in range(0, len(pairs) - 1, 2) if not lost(pairs[i + 1]) for v in pairs[i : i + 2]]
        dests.Names = pikepdf.Array(kept)
    for index in sorted((n - 1 for n in range(1, len(pdf.pages) + 1) if n not in numbers), reverse=True):
        del pdf.pages[index]


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


def _save(doc: pikepdf.Pdf, version: str = "") -> bytes:
    out = io.BytesIO()
    # same input, same bytes; PDF 1.4 (X-1a) has no object streams
    streams = pikepdf.ObjectStreamMode.disable if version == "1.4" else pikepdf.ObjectStreamMode.preserve
    doc.save(out, deterministic_id=True, force_version=version, object_stream_mode=streams)
    return out.getvalue()
