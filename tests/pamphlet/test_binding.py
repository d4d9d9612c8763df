"""Binding: the paper's thickness, the booklet's creep measured on its sheets, a perfect-bound cover's spine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from pamphleteer.content.model import Print
from pamphleteer.pamphlet import binding, imposition, nup
from tests import pdfinfo

MM = 72 / 25.4


def test_a_sheets_thickness_is_given_or_estimated_from_weight_and_surface():
    assert Print().sheet_mm == pytest.approx(0.1125)  # 90 g/m² uncoated, bulk 1.25
    assert Print(weight=80).sheet_mm == pytest.approx(0.1)
    assert Print(paper="coated", weight=115).sheet_mm == pytest.approx(0.1035)  # bulk 0.9
    assert Print(weight=80, caliper=0.13).sheet_mm == 0.13


def test_creep_grows_a_sheet_thickness_a_sheet_inward_and_the_spine_follows_the_pages():
    paper = Print(weight=80)
    assert paper.creep_mm(4) == pytest.approx([0, 0.1, 0.2, 0.3])
    assert paper.creep_mm(24)[-1] == pytest.approx(2.3)  # the 96-page pamphlet: 23 sheets inside the outermost
    assert paper.spine_mm(92) == pytest.approx(4.6)


def test_a_stitch_holds_72_pages_of_80_gsm_and_fewer_of_thicker_paper():
    assert Print(weight=80).saddle_holds(72) and not Print(weight=80).saddle_holds(76)
    assert Print(weight=90).saddle_holds(64) and not Print(weight=90).saddle_holds(68)
    assert not Print(weight=80, caliper=0.2).saddle_holds(40)


def _outer_distances(reading: Path, booklet: Path, sheet_mm: float, rtl: bool) -> list[tuple[int, float, float]]:
    """(page, distance of its text block to its outer edge as designed, the same after folding and trimming)
    for the pages of the outermost and innermost sheets, in points, measured with poppler's word boxes.

    Folded, sheet ``i`` (0 outermost) has its fold ``i`` sheet thicknesses inside the outermost's, so a point
    ``d`` from its fold lies ``d + i × thickness`` from the spine; trimmed flush with the outermost sheet, the
    outer edge lies a page width from the spine."""
    pages, sides = pdfinfo.words(reading), pdfinfo.words(booklet)
    order = imposition.fold_order(len(pages), rtl=rtl)
    sheets = len(order) // 2
    found = []
    for number in (0, 1, len(order) - 2, len(order) - 1):
        (width, _), words = sides[number]
        fold, depth = width / 2, (number // 2) * sheet_mm * MM
        for slot, page in enumerate(order[number]):
            (page_w, _), designed = pages[page - 1]
            mine = [w for w in words if (w[1] < fold) == (slot == 0)]
            assert mine and designed, (page, number)
            if slot == 0:  # a left-hand page: its outer edge is its left
                want = min(w[1] for w in designed)
                got = page_w - (fold - min(w[1] for w in mine) + depth)
            else:
                want = page_w - max(w[3] for w in designed)
                got = page_w - (max(w[3] for w in mine) - fold + depth)
            found.append((page, want, got))
    assert sheets > 2
    return found


def test_the_booklets_inner_pages_sit_where_the_outer_pages_do_once_trimmed(small_build):
    for page, want, got in _outer_distances(
        small_build / "pamphlet.pdf", small_build / "pamphlet-booklet.pdf", Print().sheet_mm, rtl=False
    ):
        assert abs(got - want) < 0.1 * MM, (page, want / MM, got / MM)


@pytest.mark.parametrize("rtl", [False, True])
def test_creep_moves_each_sheet_toward_its_fold_whichever_way_it_folds(small_build, tmp_path, rtl):
    paper = Print(weight=80, caliper=0.3)  # a thick card makes the creep plain: 0.9 mm on the innermost sheet
    imposed = imposition.booklet((small_build / "pamphlet.pdf").read_bytes(), rtl=rtl, creep=paper.creep_mm)
    (tmp_path / "booklet.pdf").write_bytes(imposed)
    found = _outer_distances(small_build / "pamphlet.pdf", tmp_path / "booklet.pdf", paper.sheet_mm, rtl=rtl)
    for page, want, got in found:
        assert abs(got - want) < 0.1 * MM, (page, want / MM, got / MM)
    # and without the creep the innermost pages would sit 0.9 mm nearer the trimmed edge
    flat = imposition.booklet((small_build / "pamphlet.pdf").read_bytes(), rtl=rtl)
    (tmp_path / "flat.pdf").write_bytes(flat)
    found = _outer_distances(small_build / "pamphlet.pdf", tmp_path / "flat.pdf", paper.sheet_mm, rtl=rtl)
    assert [round((want - got) / MM, 2) for _, want, got in found[-4:]] == [0.9] * 4


def _perfect(small: Path, paper: str) -> Path:
    text = (small / "publication.yaml").read_text(encoding="utf-8")
    (small / "publication.yaml").write_text(text + f"print: {{binding: perfect, {paper}}}\n", encoding="utf-8")
    return small


@pytest.mark.parametrize(
    ("paper", "sheet_mm"),
    [("weight: 80", 0.1), ("paper: coated, weight: 115", 0.1035), ("weight: 80, caliper: 0.5", 0.5)],
)
def test_a_perfect_bound_covers_spine_is_as_wide_as_the_block_is_thick(small, run, tmp_path, paper, sheet_mm):
    out = tmp_path / "out"
    code, _, err = run("pamphlet", "print", "cover", "--content", _perfect(small, paper), "--output", out)
    assert code == 0, err
    pages = len(pikepdf.open(out / "pamphlet.pdf").pages)
    block = len(pikepdf.open(out / "pamphlet-print.pdf").pages)
    assert block == pages - 4  # the cover sheet carries the covers and their insides
    with pikepdf.open(out / "pamphlet-cover.pdf") as cover:
        assert len(cover.pages) == 2  # outside and inside
        # separated for the press as the print edition is: the paper's CMYK intent, no RGB left (the spine's either)
        condition = "FOGRA39" if "paper: coated" in paper else "FOGRA29"
        assert cover.Root.OutputIntents[0].OutputConditionIdentifier == condition
        assert pdfinfo.rgb_anywhere(cover) == []
        trim = [float(v) for v in cover.pages[0].trimbox]
        bleed = [float(v) for v in cover.pages[0].bleedbox]
        assert trim[0] - bleed[0] == pytest.approx(3 * MM, abs=0.01)
        spine = (trim[2] - trim[0] - 2 * 148 * MM) / MM
        assert spine == pytest.approx(block * sheet_mm / 2, abs=0.01)
        # the fold marks stand at the spine's edges: read from the content stream's dashed hairlines
        # (the separation for the press writes the stream again, a token a line: spaces are normalised)
        drawn = " ".join(cover.pages[0].Contents.read_bytes().decode().replace("[", "[ ").replace("]", " ]").split())
        folds = drawn.split("[ 1.5 1 ] 0 d ")[1].split(" S ")[0].split(" l")
        xs = sorted({round(float(f.split()[0]), 2) for f in folds if f.strip()})
        assert [round((x - trim[0]) / MM, 2) for x in xs] == pytest.approx([148, 148 + spine], abs=0.01)
    words = pdfinfo.words(out / "pamphlet-cover.pdf")[0][1]
    lettered = [w for w in words if trim[0] + 148 * MM < (w[1] + w[3]) / 2 < trim[0] + (148 + spine) * MM]
    if spine >= binding.LETTERED_MM:  # turned: the title reads down the spine
        assert "Wheels" in [w[0] for w in lettered]
    else:
        assert lettered == []


def test_a_perfect_bound_pamphlet_has_no_booklet_and_a_saddle_stitched_one_no_cover(small, run, tmp_path):
    code, _, err = run("cover", "--content", small, "--output", tmp_path / "a")
    assert code == 2 and "only a perfect-bound pamphlet has a cover of its own" in err
    code, _, err = run("booklet", "--content", _perfect(small, "weight: 80"), "--output", tmp_path / "b")
    assert code == 2 and "glued into a cover, not folded and stapled" in err


def test_n_up_repeats_each_page_at_the_largest_size_the_sheet_holds():
    a5, a4 = (148 * MM, 210 * MM), (210 * MM, 297 * MM)
    sheet, cols, rows, scale = nup.grid(a5, 2)
    assert (round(sheet[0] / MM), cols, rows, round(scale, 3)) == (297, 2, 1, 0.924)  # A4 turned, side by side
    sheet, cols, rows, scale = nup.grid(a5, 4)
    assert (round(sheet[0] / MM), cols, rows) == (210, 2, 2)
    assert nup.grid(a4, 2)[1:3] == (2, 1)


def test_handout_2up_has_each_page_twice_with_cut_marks(small_build, tmp_path):
    handout = small_build / "handout.pdf"
    shutil.copy(handout, tmp_path / "h.pdf")
    (tmp_path / "2up.pdf").write_bytes(nup.repeat(handout.read_bytes(), 2))
    single, double = pdfinfo.words(tmp_path / "h.pdf"), pdfinfo.words(tmp_path / "2up.pdf")
    assert len(double) == len(single)
    for ((width, _), words), (_, one) in zip(double, single, strict=True):
        halves = [sorted(w[0] for w in words if (w[1] < width / 2) == left) for left in (True, False)]
        assert halves[0] == halves[1] == sorted(w[0] for w in one)  # poppler may order a page's lines otherwise
    with pikepdf.open(tmp_path / "2up.pdf") as pdf:
        drawn = pdf.pages[0].Contents.read_bytes().decode()
        assert drawn.count(" l") == 2 * 3 + 2 * 2  # three cuts across (edges and middle), two along


def test_switching_to_perfect_binding_builds_what_a_clean_build_does(small, run, tmp_path):
    out, clean = tmp_path / "out", tmp_path / "clean"
    assert run("pamphlet", "print", "booklet", "--content", small, "--output", out)[0] == 0
    _perfect(small, "weight: 80")
    assert run("pamphlet", "print", "cover", "--content", small, "--output", out)[0] == 0
    assert run("pamphlet", "print", "cover", "--content", small, "--output", clean)[0] == 0
    assert not (out / "pamphlet-booklet.pdf").exists()  # retired with the binding that had one
    for name in ("pamphlet.pdf", "pamphlet-print.pdf", "pamphlet-cover.pdf"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    code, said, _ = run("preflight", "--output", out)
    assert code == 0
    assert (
        "binding (publication.yaml, print):\n"
        "  paper: 80 g/m² uncoated, 0.100 mm a sheet (estimated from the weight; set caliper: to the shop's figure)\n"
        "  perfect-bound: a block of 12 pages (6 leaves) glued into a cover printed both sides (pamphlet-cover.pdf); "
        "spine 0.60 mm, too narrow to letter (under 6 mm)\n"
    ) in said
    assert "pamphlet-cover.pdf:\n  2 pages, 297 × 210 mm\n  bleed 3.0 mm" in said


def test_preflight_reports_the_creep_and_advises_perfect_binding_past_what_a_stitch_holds(small, run, tmp_path):
    text = (small / "publication.yaml").read_text(encoding="utf-8")
    (small / "publication.yaml").write_text(text + "print: {weight: 200, caliper: 0.5}\n", encoding="utf-8")
    assert run("pamphlet", "booklet", "--content", small, "--output", tmp_path / "out")[0] == 0
    code, said, _ = run("preflight", "--output", tmp_path / "out")
    assert code == 0
    assert "  saddle-stitched: 16 pages on 4 sheets folded one inside another\n" in said
    assert (
        "  creep applied in pamphlet-booklet.pdf: each sheet's pages 0.500 mm nearer the fold than the sheet around "
        "it's: 0 mm on the outermost, 1.50 mm on the innermost\n"
    ) in said
    assert (
        "  warning: 4 sheets fold 2.0 mm thick, more than a saddle stitch holds well (1.8 mm: 72 pages of 80 g/m² "
        "uncoated paper); bind it perfect: print: {binding: perfect} in publication.yaml makes pamphlet-cover.pdf\n"
    ) in said
