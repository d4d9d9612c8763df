"""The lecture handout, read back from the PDF."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests import inkinfo, layout, pdfinfo
from tests.conftest import PUBLICATIONS, replace_in

MM = 72 / 25.4


def test_handout_pages_and_contents(small_build):
    path = small_build / "handout.pdf"
    reader = PdfReader(str(path))
    assert 1 <= len(reader.pages) <= 6  # three frames, the timeline and the reading fill one page
    page = reader.pages[0]
    assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (210, 297)
    text = pdfinfo.text(path)
    for expected in [
        "two wheels",
        "the running machine",
        "the first two-wheeler had no pedals.",
        "notes",
        "timeline",
        "12 june 1817",
        "reading",
        "bicycle: the history",
        "where the pamphlet covers each part",
        "pp. 6–7",
    ]:
        assert expected in text, expected
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_three_frames_a_page_with_lines(small_build):
    first = pdfinfo.pages(small_build / "handout.pdf")[0][1]
    assert first.count("NOTES") == 3


def test_six_frames_without_lines_and_letter_paper(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("handout", "--handout-slides", "6", "--paper", "letter", "--content", small, "--output", out)[0] == 0
    path = out / "handout.pdf"
    page = PdfReader(str(path)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    assert "NOTES" not in pdfinfo.pages(path)[0][1]


def test_frames_read_at_handout_size_and_the_shipped_handout_is_filled(main_build):
    """Frame titles and points at 9 pt or more, page references at 8 pt or more in a dark grey
    (#444 on white, 9.7:1), and no page of the shipped handout half empty."""
    import pdfplumber

    path = main_build / "handout.pdf"
    with pdfplumber.open(path) as pdf:
        sizes = {}
        for page in pdf.pages:
            for word in page.extract_words(extra_attrs=["size", "non_stroking_color"]):
                sizes.setdefault(word["text"], []).append((round(word["size"], 1), word["non_stroking_color"]))
        first = pdf.pages[0].extract_words(extra_attrs=["size"])
    frame_words = [w for w in first if 40 * MM < w["top"] < 250 * MM and w["x0"] < 120 * MM]
    assert frame_words and min(round(w["size"], 1) for w in frame_words) >= 8.0
    footer = re.compile(r"^(Pamphlet,|pp?\.|\d+(–\d+)?)$")  # "Pamphlet, pp. 4–15"
    assert min(round(w["size"], 1) for w in frame_words if not footer.match(w["text"])) >= 9.0
    for size, colour in sizes["Pamphlet,"]:
        assert size >= 8.0
        assert max(colour) <= 0.27  # #444 or darker
    pages, _, height = layout.lines(path)
    assert len(pages) <= 6  # every key point of 22 chapters in six parts: five pages
    for page in pages:
        assert max(ln.y1 for ln in page if ln.words) > 0.6 * height  # more than half the page set


def test_a_publication_online_gets_its_address_and_a_qr_code_on_the_handout(small, run, tmp_path):
    replace_in(
        small / "publication.yaml", "title: Two Wheels\n", "title: Two Wheels\nurl: https://example.org/two-wheels\n"
    )
    out = tmp_path / "out"
    assert run("handout", "--content", small, "--output", out)[0] == 0
    text = " ".join(body for _, body, *_ in pdfinfo.pages(out / "handout.pdf"))
    assert "Read the pamphlet online:" in text and "https://example.org/two-wheels" in text
    if shutil.which("zbarimg"):  # the code itself, read back as a phone would
        subprocess.run(
            ["pdftoppm", "-r", "200", "-l", "1", "-png", str(out / "handout.pdf"), str(tmp_path / "p")], check=True
        )
        page = next(tmp_path.glob("p-*.png"))
        decoded = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True).stdout
        assert decoded.strip() == "https://example.org/two-wheels"


def test_without_a_reading_list_the_address_sits_beside_the_page_guide_not_on_a_page_of_its_own(build_of):
    """The tri-fold's four frames and its page guide fill the first page: its address and QR code went over to a
    second page holding nothing else. With no reading list to set beside the guide, they take its place."""
    path = build_of(PUBLICATIONS / "trifold") / "handout.pdf"
    pages = pdfinfo.pages(path)
    assert len(pages) == 1
    words = pdfinfo.words(path)[0][1]
    code = next(b for b in words if b[0] == "https://example.org/calder-road")
    guide = next(b for b in words if b[0] == "Where")  # "Where the pamphlet covers each part"
    assert code[3] < guide[1] and code[4] > guide[2]  # left of the guide, level with it


@pytest.mark.parametrize(("form", "noun"), [("leaflet", "leaflet"), ("flyer", "flyer"), ("trifold", "leaflet")])
def test_a_short_forms_handout_names_its_form_not_a_pamphlet(build_of, form, noun):
    """Its frames say "Leaflet, p. 2": its page guide and its address say leaflet too, never "pamphlet"."""
    text = " ".join(body for _, body, *_ in pdfinfo.pages(build_of(PUBLICATIONS / form) / "handout.pdf"))
    said = " ".join(text.split())
    assert f"Where the {noun} covers each part" in said and f"{noun.capitalize()} pages" in said
    assert f"Read the {noun} online:" in said and "pamphlet" not in said.lower()


def test_a_frame_recalls_a_chapter_without_key_points_by_its_summary_not_its_title_again(build_of):
    """The leaflet's chapters have no key points: each frame said its title twice ("The talk / • The talk")."""
    text = " ".join(pdfinfo.text(build_of(PUBLICATIONS / "leaflet") / "handout.pdf").split())  # lower case
    assert "the talk • why a plot of rented ground mattered to a town family." in text
    assert "the talk • the talk" not in text and "holder • what a plot" not in text
    # the tri-fold's have no summary either: the frame names the part, and says nothing more of it
    text = " ".join(pdfinfo.text(build_of(PUBLICATIONS / "trifold") / "handout.pdf").split())
    assert "the letter we all received notes leaflet, p. 2" in text and "received • the letter" not in text


def test_without_a_url_the_handout_has_no_qr_code(small_build):
    text = " ".join(body for _, body, *_ in pdfinfo.pages(small_build / "handout.pdf"))
    assert "Read the pamphlet online" not in text


def _frames_and_ink(path, dpi=150, number=1):
    """A page's frames (pdfplumber rects, in points) and the page as a photocopier sees it: each
    pixel black where it is darker than half grey (a black-and-white threshold at 50%), at 150 dpi, coarser
    than a copier scans."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[number - 1]
        frames = [r for r in page.rects if r["width"] > 250 and r.get("non_stroking_color") == (1.0, 1.0, 1.0)]
    (drawn,) = inkinfo.grey_pages(path, dpi, number)
    image = drawn.point(lambda v: 0 if v < 128 else 255)
    return frames, image, dpi / 72


def test_the_note_lines_survive_a_photocopy_and_leave_a_third_of_the_row_to_write_in(small_build):
    frames, image, scale = _frames_and_ink(small_build / "handout.pdf")
    assert len(frames) == 3
    width, _ = image.size
    pixels = image.load()
    for frame in frames:
        left = round((frame["x1"] + 12 * MM) * scale)  # the notes column, beside the frame
        right = round(width - 20 * MM * scale)
        top, bottom = round(frame["top"] * scale), round((frame["top"] + 46 * MM) * scale)
        ruled = [y for y in range(top, bottom) if all(pixels[x, y] == 0 for x in range(left, right, 3))]
        lines = [y for i, y in enumerate(ruled) if i == 0 or y - ruled[i - 1] > 1]
        assert len(lines) >= 6, (frame["top"], lines)  # six lines at least, black after the threshold
        assert lines[-1] >= (frame["bottom"] - 7 * MM) * scale  # ruled down to the frame's foot
        # the ruled column is over a third of the row (frame, gap and column)
        column = [x for x in range(round(frame["x1"] * scale), width) if pixels[x, lines[0]] == 0]
        assert (column[-1] - column[0]) / (column[-1] - frame["x0"] * scale) >= 1 / 3


def test_every_row_on_every_page_has_its_own_lines_once(main_build):
    """The shipped handout runs to several pages: beside every frame on every page, its notes column is
    ruled 7 mm apart from its label to its foot, once (the rules a row hid were carried to the next page,
    which had its lines doubled 2 mm apart, and the rows before the page end had none)."""

    pages = len(PdfReader(str(main_build / "handout.pdf")).pages)
    checked = 0
    for number in range(1, pages + 1):
        frames, image, scale = _frames_and_ink(main_build / "handout.pdf", number=number)
        width, _ = image.size
        pixels = image.load()
        for frame in frames:
            left, right = round((frame["x1"] + 12 * MM) * scale), round(width - 20 * MM * scale)
            top, bottom = round((frame["top"] + 5 * MM) * scale), round(frame["bottom"] * scale)
            ruled = [y for y in range(top, bottom) if all(pixels[x, y] == 0 for x in range(left, right, 3))]
            lines = [y for i, y in enumerate(ruled) if i == 0 or y - ruled[i - 1] > 1]
            gaps = [(b - a) / scale / MM for a, b in itertools.pairwise(lines)]
            assert len(lines) >= 5 and all(6.5 < gap < 7.5 for gap in gaps), (number, frame["top"], gaps)
            checked += 1
    assert pages >= 3 and checked >= 3 * pages


def test_a_range_of_years_stays_on_one_line_in_every_part_of_the_handout(small, run, tmp_path):
    """The handout sets its text in the typographic pieces every output shares (text/pieces.py): a part
    titled "..., 1817–1819" in the narrow column of where the pamphlet covers it keeps its years together,
    where it used to end a line on "1817–"."""
    replace_in(
        small / "chapters" / "draisine.yaml", "title: The running machine\n", "title: The running machines, 1817–1819\n"
    )
    out = tmp_path / "out"
    assert run("handout", "--content", small, "--output", out)[0] == 0
    pages, _, _ = layout.lines(out / "handout.pdf")
    said = [" ".join(line.words) for page in pages for line in page]
    assert sum("1817–1819" in line for line in said) >= 2  # the frame's title and the table's row
    assert [line for line in said if re.search(r"\d–$", line)] == []


def test_no_point_of_the_shipped_handout_ends_in_one_word_alone(main_build):
    """A frame's point ends on a line of two words or more: its last two words are tied (text/pieces.py
    ``tied``), where the shipped handout had ended five points on "Trotsky.", "Secretary.", "Opposition."..."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(main_build / "handout.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.split(" " * 20)[0].rstrip() for line in text.splitlines()]  # the frames' column, not NOTES
    continued = re.compile(r"^ {3,}[^ •]")  # a point's second or later line, indented under its bullet
    points = sum("•" in line for line in lines)
    alone = [
        here.strip()
        for here, after in zip(lines, [*lines[1:], ""], strict=True)
        if continued.match(here) and (not continued.match(after) or "Pamphlet" in after) and len(here.split()) == 1
    ]
    assert points > 40 and alone == []
