"""A house style of three lines and a cover picture, read back from every output as a reader meets it.

The matchwomen publication sets its own colours (accent #7a1828), a logo and a cover picture
with its credit; the small one keeps our design. Colours are read from what is drawn: the
PDFs' pages drawn by poppler and sampled, the deck reopened with python-pptx.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pikepdf
import pytest
from lxml import etree
from pptx import Presentation

from pamphleteer import cli
from tests import inkinfo, pdfinfo
from tests.conftest import PUBLICATIONS

MATCHWOMEN = PUBLICATIONS / "matchwomen"
ACCENT = "#7a1828"
DPI = 150


@pytest.fixture(scope="module")
def styled(build_of):
    return build_of(MATCHWOMEN)


def _cover_words(pdf):
    (_, boxes), *_ = pdfinfo.words(pdf)
    return boxes


@pytest.mark.parametrize("which", ["small", "matchwomen"])
def test_every_line_on_the_cover_reads_at_4_5_to_1(which, small_build, build_of, tmp_path):
    pdf = (small_build if which == "small" else build_of(MATCHWOMEN)) / "pamphlet.pdf"
    image = inkinfo.page_image(pdf, 1, tmp_path, dpi=DPI)
    words = _cover_words(pdf)
    assert len(words) >= 8  # authors, title, subtitle, publisher
    low = []
    for word, *box in words:
        ratio, ink, behind = inkinfo.word_contrast(image, tuple(box), dpi=DPI)
        if ratio < 4.5:
            low.append((word, round(ratio, 1), ink, behind))
    assert not low


def test_the_cover_title_breaks_where_a_reader_would(styled):
    words = _cover_words(styled / "pamphlet.pdf")
    title = [(w, y0) for w, _, y0, _, y1 in words if y1 - y0 > 25]  # set at 33 pt, larger than any other line
    lines: dict[float, list[str]] = {}
    for word, y0 in title:
        lines.setdefault(round(y0), []).append(word)
    assert [" ".join(line) for _, line in sorted(lines.items())] == ["The Matchwomen", "of Bow"]


def test_the_cover_subtitle_comes_in_balanced_lines_breaking_at_the_comma(leaflet_build):
    """Filled, the leaflet's subtitle left "left us" alone under a long line; balanced as the title is, it
    breaks at its comma."""
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(leaflet_build / "pamphlet.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    at = lines.index("A talk on the allotment movement,")
    assert lines[at + 1] == "and what it left us"


def test_the_cover_is_in_the_accent_with_the_picture_above(styled, tmp_path):
    image = inkinfo.page_image(styled / "pamphlet.pdf", 1, tmp_path, dpi=DPI)
    width, height = image.size
    band = "#{:02x}{:02x}{:02x}".format(*image.getpixel((width // 20, height * 3 // 4)))
    assert band == ACCENT
    top = image.crop((0, 0, width, height // 3)).getcolors(width * height)
    assert len(top) > 200  # a photograph's many colours, not the flat cover art


def test_the_cover_picture_runs_into_the_print_editions_bleed(styled, tmp_path):
    pdf = styled / "pamphlet-print.pdf"
    with pikepdf.open(pdf) as doc:
        page = doc.pages[0]
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.TrimBox]
    image = inkinfo.page_image(pdf, 1, tmp_path, dpi=DPI)
    scale = DPI / 72
    bleed = 1.5 * 72 / 25.4  # half way into the 3 mm bleed, left of the trim
    x = (trim[0] - media[0] - bleed) * scale
    y_picture = (media[3] - trim[3] + 20) * scale  # 20 pt below the trim's top: the picture
    y_band = (media[3] - trim[1] - 20) * scale  # 20 pt above the trim's foot: the accent band
    assert image.getpixel((round(x), round(y_picture))) != (255, 255, 255)
    # the print edition is in press CMYK (for uncoated paper, the default: a smaller gamut than the
    # screen's), which poppler draws back to RGB without the profile: the accent comes back near, not
    # exactly, what it was
    band = image.getpixel((round(x), round(y_band)))
    accent = [int(ACCENT[i : i + 2], 16) for i in (1, 3, 5)]
    assert all(abs(b - a) <= 16 for b, a in zip(band, accent, strict=True)), band


def test_the_picture_is_credited_on_the_imprint(styled):
    credit = pdfinfo.normalise("Cover: Drawing by the branch education committee, CC BY 4.0")
    assert credit in pdfinfo.normalise(pdfinfo.text(styled / "pamphlet.pdf"))


def test_the_deck_is_in_the_house_colours_with_picture_logo_and_credit(styled):
    prs = Presentation(str(styled / "lecture.pptx"))
    first = prs.slides[0]
    layout_xml = first.slide_layout._element.xml
    assert 'val="7A1828"' in layout_xml and 'val="8C1C13"' not in layout_xml
    pictures = [s for s in first.shapes if s._element.tag.endswith("}pic")]
    described = {p._element.find(".//{*}cNvPr").get("descr") for p in pictures}
    assert "Rows of matchsticks, their red heads catching the light of a low sun." in described
    assert "" in described  # the logo: the publisher's name beside it says what it would
    texts = " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert "Cover: Drawing by the branch education committee, CC BY 4.0" in texts
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    ).blob.decode()
    assert "7A1828" in theme.upper() and "8C1C13" not in theme.upper()


def test_the_handout_draws_the_accent_and_the_logo(styled, tmp_path):
    image = inkinfo.page_image(styled / "handout.pdf", 1, tmp_path, dpi=DPI)
    (_, boxes), *_ = pdfinfo.words(styled / "handout.pdf")
    heading = next(box for word, *box in boxes if word == "Timeline")
    assert inkinfo.has_colour(image, tuple(heading), ACCENT, dpi=DPI, within=24)
    assert not inkinfo.has_colour(image, tuple(heading), "#8c1c13", dpi=DPI, within=6)


def test_the_epub_carries_the_cover_picture_the_logo_and_the_colours(styled):
    with zipfile.ZipFile(styled / "pamphlet.epub") as epub:
        package = epub.read("EPUB/package.opf").decode()
        title = epub.read("EPUB/title.xhtml").decode()
        house = epub.read("EPUB/house.css").decode()
        cover = re.search(r'href="(images/[^"]+)" media-type="image/jpeg" properties="cover-image"', package)
        assert cover and epub.read(f"EPUB/{cover[1]}")[:2] == b"\xff\xd8"
    assert (
        f'<img src="{cover[1]}" alt="Rows of matchsticks, their red heads catching the light of a low sun."/>' in title
    )
    assert "Drawing by the branch education committee, CC BY 4.0" in title
    assert re.search(r'<img class="logo" src="images/[0-9a-f]+\.png" alt=""/>', title)
    assert '<link rel="stylesheet" type="text/css" href="house.css"/>' in title
    assert (
        f".label, a, .when, .titlepage h1, aside.notice .notice-title, aside.notice dt {{ color: {ACCENT}; }}" in house
    )


def test_the_web_edition_opens_on_the_cover_picture_in_the_house_colours(styled):
    web = styled / "web"
    home = (web / "index.html").read_text(encoding="utf-8")
    picture = re.search(r'<figure class="cover-picture"><img src="(images/[^"]+)" alt="Rows of matchsticks', home)
    assert picture and (web / picture[1]).is_file()
    assert home.index("cover-picture") < home.index('<h1 id="title">')
    assert re.search(r'<a class="home" href="index.html"><img class="logo" src="images/[0-9a-f]+\.png" alt="">', home)
    house = (web / "house.css").read_text(encoding="utf-8")
    assert f"--red: {ACCENT};" in house and "--paper: #ffffff;" in house


def test_without_a_style_the_screen_editions_keep_our_design(small_build):
    assert not (small_build / "web" / "house.css").exists()
    with zipfile.ZipFile(small_build / "pamphlet.epub") as epub:
        assert "EPUB/house.css" not in epub.namelist()
        opf = etree.fromstring(epub.read("EPUB/package.opf"))
        # no cover picture: the cover is drawn in our palette
        cover = opf.find(".//{http://www.idpf.org/2007/opf}item[@properties='cover-image']")
        assert cover.get("href") == "cover.svg"
        assert 'fill="#8c1c13"' in epub.read("EPUB/cover.svg").decode()


def test_a_sans_house_style_sets_the_text_in_pt_sans_everywhere(small, tmp_path):
    text = (small / "publication.yaml").read_text(encoding="utf-8")
    (small / "publication.yaml").write_text(text + "style: {typeface: PT Sans}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["pamphlet", "epub", "deck", "--content", str(small), "--output", str(out), "-q"]) == 0
    fonts = subprocess.run(["pdffonts", str(out / "pamphlet.pdf")], capture_output=True, text=True, check=True).stdout
    assert "PT-Sans" in fonts and "PT-Serif" not in fonts
    with zipfile.ZipFile(out / "pamphlet.epub") as epub:
        assert 'body { color: #1a1a1a; font-family: "PT Sans", ' in epub.read("EPUB/house.css").decode()
        assert "Set in PT Sans" in epub.read("EPUB/title.xhtml").decode()
    prs = Presentation(str(out / "lecture.pptx"))
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    ).blob.decode()
    assert '<a:majorFont><a:latin typeface="Arial"' in theme  # the quotations, in a face every machine has


def test_a_right_to_left_cover_keeps_every_word_inside_the_page(build_of):
    (width, _), boxes = pdfinfo.words(build_of(PUBLICATIONS / "ar") / "pamphlet.pdf")[0]
    margin = 10 * 72 / 25.4
    assert boxes and all(margin <= x0 and x1 <= width - margin for _, x0, _, x1, _ in boxes)
    publisher = max(boxes, key=lambda box: box[2])  # the lowest line
    assert publisher[3] > width / 2  # at the right, where the line starts


def test_a_tri_fold_with_a_cover_picture_keeps_its_front_panel_inside(tmp_path):
    pub = tmp_path / "pub"
    shutil.copytree(PUBLICATIONS / "trifold", pub)
    shutil.copy(MATCHWOMEN / "images" / "cover.jpg", pub / "cover.jpg")
    text = (pub / "publication.yaml").read_text(encoding="utf-8")
    (pub / "publication.yaml").write_text(text + "cover: {file: cover.jpg, alt: Matches}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["pamphlet", "--content", str(pub), "--output", str(out), "-q"]) == 0
    (width, _), boxes = pdfinfo.words(out / "pamphlet.pdf")[0]
    margin = 5 * 72 / 25.4
    assert boxes and all(margin <= x0 and x1 <= width - margin for _, x0, _, x1, _ in boxes)


def _pdf_fills(path) -> set[str]:
    """Every colour the PDF's pages set with the RGB operators, as #rrggbb."""
    found = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) in ("rg", "RG"):
                    found.add("#" + "".join(f"{round(float(v) * 255):02x}" for v in operands))
    return found


def test_charts_take_their_palette_from_the_house_style_in_every_output(build_of, styled):
    """A press publication in a blue house style (accent #1d4e89) drew its charts in our red: the pamphlet's,
    the EPUB's and the web edition's charts now lead with the house accent, and no output sets our red; the
    deck's chart (matchwomen's, whose accent is a darker red) fills its first series with the house accent."""
    out = build_of(PUBLICATIONS / "press")
    blue, ours = "#1d4e89", "#8c1c13"
    with zipfile.ZipFile(out / "pamphlet.epub") as epub:
        book = "".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))
    web = "".join(p.read_text(encoding="utf-8") for p in (out / "web").glob("*.html"))
    for markup in (book, web):
        charts = "".join(re.findall(r'(?s)<svg[^>]*class="chart.*?</svg>', markup))
        fills = set(re.findall(r'fill="(#[0-9a-f]{6})"', charts))
        assert blue in fills and ours not in fills, fills
    pdf = _pdf_fills(out / "pamphlet.pdf")
    assert blue in pdf and ours not in pdf
    prs = Presentation(str(styled / "lecture.pptx"))
    charts = [s.chart for slide in prs.slides for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart]
    assert charts
    for chart in charts:
        fills = [c.upper() for c in re.findall(r'srgbClr val="([0-9A-Fa-f]{6})"', chart._chartSpace.xml)]
        assert ACCENT.removeprefix("#").upper() in fills and ours.removeprefix("#").upper() not in fills, fills
