"""Print production: the print edition's boxes and the booklet's fold order, read back."""

from __future__ import annotations

import io
import json
import subprocess
from collections import Counter

import pdfplumber
import pytest
from pypdf import PdfReader

from pamphleteer.pamphlet import imposition
from tests import pdfinfo
from tests.conftest import PUBLICATIONS

MM = 72 / 25.4


def test_fold_order_for_sixteen_pages():
    assert imposition.fold_order(16) == [(16, 1), (2, 15), (14, 3), (4, 13), (12, 5), (6, 11), (10, 7), (8, 9)]
    with pytest.raises(ValueError, match="multiple of 4"):
        imposition.fold_order(6)


def test_fold_order_right_to_left_mirrors_every_side():
    # bound on the right: the front cover is left of the fold, the first spread's page 2 right of it
    assert imposition.fold_order(8, rtl=True) == [(1, 8), (7, 2), (3, 6), (5, 4)]
    assert imposition.fold_order(16, rtl=True)[:2] == [(1, 16), (15, 2)]


def test_a_tri_fold_sheet_puts_each_panel_behind_its_own():
    # outside: the flap's outside, the back, the front; turned on the short edge, the front's back is panel 2
    assert imposition.trifold_sides() == [(5, 6, 1), (2, 3, 4)]
    assert imposition.trifold_sides(rtl=True) == [(1, 6, 5), (4, 3, 2)]


def test_print_edition_has_trim_bleed_and_room_for_marks(small_build):
    reader = PdfReader(str(small_build / "pamphlet-print.pdf"))
    reading = PdfReader(str(small_build / "pamphlet.pdf"))
    assert len(reader.pages) == len(reading.pages)
    for page in reader.pages:
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        assert round(float(trim.width) / MM, 1) == 148.0 and round(float(trim.height) / MM, 1) == 210.0
        for side in ("left", "bottom"):
            assert round((float(getattr(trim, side)) - float(getattr(bleed, side))) / MM, 2) == 3.0
        assert round((float(bleed.right) - float(trim.right)) / MM, 2) == 3.0
        assert float(media.left) < float(bleed.left)  # crop marks sit outside the bleed


def test_print_edition_is_pdf_x(small_build):
    reader = PdfReader(str(small_build / "pamphlet-print.pdf"))
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert "pdfx" in reader.xmp_metadata.stream.get_data().decode("utf-8", "replace").lower()


def test_cover_art_runs_into_the_bleed(small_build):
    with pdfplumber.open(str(small_build / "pamphlet-print.pdf")) as pdf:
        page = pdf.pages[0]
        trim_left = float(PdfReader(str(small_build / "pamphlet-print.pdf")).pages[0].trimbox.left)
        assert any(
            float(r["x0"]) <= trim_left - 2.9 * MM for r in page.rects + page.curves + page.objects.get("path", [])
        )


def test_no_marks_option(small, run, tmp_path):
    assert run("print", "--no-marks", "--content", small, "--output", tmp_path / "out")[0] == 0
    page = PdfReader(str(tmp_path / "out" / "pamphlet-print.pdf")).pages[0]
    assert round((float(page.trimbox.left) - float(page.mediabox.left)) / MM, 1) == 3.0


def test_booklet_halves_follow_fold_order(small_build):
    reading = pdfinfo.pages(small_build / "pamphlet.pdf")
    n = len(reading)
    with pdfplumber.open(str(small_build / "pamphlet-booklet.pdf")) as pdf:
        assert len(pdf.pages) == n // 2
        for side, (left, right) in zip(pdf.pages, imposition.fold_order(n), strict=True):
            assert round(side.width / MM) == 297 and round(side.height / MM) == 210
            half = side.width / 2
            for (x0, x1), number in (((0, half), left), ((half, side.width), right)):
                got = pdfinfo.normalise(side.crop((x0, 0, x1, side.height)).extract_text() or "")
                want = pdfinfo.normalise(reading[number - 1][1])
                # two extractors order a page's text differently; its letters must be the same
                assert Counter(got.replace(" ", "")) == Counter(want.replace(" ", "")), (number, got[:60], want[:60])


def test_booklet_on_letter(small, run, tmp_path):
    assert run("booklet", "--paper", "letter", "--content", small, "--output", tmp_path / "out")[0] == 0
    page = PdfReader(str(tmp_path / "out" / "pamphlet-booklet.pdf")).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (792, 612)


def test_filler_pages_sit_before_the_back_cover(small_build):
    pages = pdfinfo.pages(small_build / "pamphlet.pdf")
    fillers = [i for i, (_, body, *_) in enumerate(pages, 1) if body.strip() == "NOTES"]
    assert fillers and fillers == list(range(len(pages) - len(fillers), len(pages)))


@pytest.mark.parametrize("name", ["pamphlet.pdf", "pamphlet-print.pdf", "pamphlet-booklet.pdf", "handout.pdf"])
def test_qpdf_check(small_build, name):
    result = subprocess.run(["qpdf", "--check", str(small_build / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_print_edition_carries_the_reading_editions_pages_and_marks(small_build):
    """The same text on every page, links gone (PDF/X), hairline crop marks outside the bleed only."""
    reading = [pdfinfo.normalise(p[1]) for p in pdfinfo.pages(small_build / "pamphlet.pdf")]
    printed = [pdfinfo.normalise(p[1]) for p in pdfinfo.pages(small_build / "pamphlet-print.pdf")]
    assert printed == reading
    pdf = PdfReader(str(small_build / "pamphlet-print.pdf"))
    assert all("/Annots" not in page for page in pdf.pages)
    assert pdf.pdf_header == "%PDF-1.6"
    with pdfplumber.open(str(small_build / "pamphlet-print.pdf")) as plumb:
        page, boxes = plumb.pages[1], pdf.pages[1]
        bleed = [float(v) for v in boxes.bleedbox]
        height = float(boxes.mediabox.height)
        marks = [line for line in page.lines if line["linewidth"] == 0.25]
        assert len(marks) == 8
        for line in marks:  # pdfplumber's y grows downwards
            x0, x1, y0, y1 = line["x0"], line["x1"], height - line["bottom"], height - line["top"]
            assert x1 <= bleed[0] or x0 >= bleed[2] or y1 <= bleed[1] or y0 >= bleed[3]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_booklet_pages_meet_at_the_fold(small_build, paper):
    """Each pair of pages touches at the sheet's centre line: no white strip down the spread."""
    import pikepdf

    reading = (small_build / "pamphlet.pdf").read_bytes()
    x0, _, x1, _ = (float(v) for v in PdfReader(str(small_build / "pamphlet.pdf")).pages[0].trimbox)
    with pikepdf.open(io.BytesIO(imposition.booklet(reading, paper))) as pdf:
        for side in pdf.pages:
            width = float(side.mediabox[2])
            placed = [
                [float(op) for op in operands]
                for operands, operator in pikepdf.parse_content_stream(side)
                if operator == pikepdf.Operator("cm")
            ]
            (s, _, _, _, left_tx, _), (_, _, _, _, right_tx, _) = placed
            assert round(left_tx + x1 * s, 2) == round(width / 2, 2)
            assert round(right_tx + x0 * s, 2) == round(width / 2, 2)


def test_leaflet_folds_from_one_a4_sheet(leaflet_build):
    """The leaflet's booklet: one A4 sheet, back panel | front panel outside, the inside spread inside."""
    reading = pdfinfo.pages(leaflet_build / "pamphlet.pdf")
    assert len(reading) == 4
    with pdfplumber.open(str(leaflet_build / "pamphlet-booklet.pdf")) as pdf:
        assert len(pdf.pages) == 2
        for side, (left, right) in zip(pdf.pages, [(4, 1), (2, 3)], strict=True):
            assert round(side.width / MM) == 297 and round(side.height / MM) == 210
            half = side.width / 2
            for (x0, x1), number in (((0, half), left), ((half, side.width), right)):
                got = pdfinfo.normalise(side.crop((x0, 0, x1, side.height)).extract_text() or "")
                want = pdfinfo.normalise(reading[number - 1][1])
                assert Counter(got.replace(" ", "")) == Counter(want.replace(" ", "")), (number, got[:60], want[:60])


def test_flyer_print_edition_is_two_sides_with_bleed(flyer_build):
    """A flyer prints as it reads: its two sides on the print sheet, the masthead running into the bleed."""
    reading = [pdfinfo.normalise(p[1]) for p in pdfinfo.pages(flyer_build / "pamphlet.pdf")]
    printed = [pdfinfo.normalise(p[1]) for p in pdfinfo.pages(flyer_build / "pamphlet-print.pdf")]
    assert printed == reading and len(printed) == 2
    front = PdfReader(str(flyer_build / "pamphlet-print.pdf")).pages[0]
    trim = [float(v) for v in front.trimbox]
    bleed = [float(v) for v in front.bleedbox]
    assert round(trim[0] - bleed[0], 2) == round(3 * MM, 2)
    assert (round((trim[2] - trim[0]) / MM), round((trim[3] - trim[1]) / MM)) == (148, 210)
    with pdfplumber.open(str(flyer_build / "pamphlet-print.pdf")) as plumb:
        page = plumb.pages[0]
        top = page.height - bleed[3]  # pdfplumber measures from the top
        band = [r for r in page.rects if r["non_stroking_color"] and r["top"] <= top + 0.5]
        assert band and min(r["x0"] for r in band) <= bleed[0] + 0.5  # the masthead fills the bleed


def test_a_flyer_has_no_booklet(run, tmp_path):
    flyer = PUBLICATIONS / "flyer"
    code, _, err = run("booklet", "--content", flyer, "--output", tmp_path / "out")
    assert code == 2
    assert err == (
        "pamphleteer: booklet: a flyer is one flat sheet and has no booklet; "
        "print pamphlet-print.pdf (target print) double-sided\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_booklet_made_before_a_publication_became_a_flyer_is_removed(run, tmp_path):
    import shutil

    source = tmp_path / "pub"
    shutil.copytree(PUBLICATIONS / "leaflet", source)
    out = tmp_path / "out"
    assert run("pamphlet", "booklet", "--content", source, "--output", out)[0] == 0
    assert (out / "pamphlet-booklet.pdf").is_file()
    meta = source / "publication.yaml"
    text = meta.read_text(encoding="utf-8").replace("form: leaflet", "form: flyer")
    meta.write_text("\n".join(line for line in text.splitlines() if not line.startswith("pages:")) + "\n", "utf-8")
    code, _, err = run("--content", source, "--output", out)
    assert code == 0, err
    assert not (out / "pamphlet-booklet.pdf").exists()
    assert "booklet" not in json.loads((out / ".pamphleteer-state.json").read_text(encoding="utf-8"))["records"]
