"""Pictures as every output shows them: a phone photo upright everywhere, a slide's picture inside its frame.

A phone stores a portrait photo as its sensor read it (landscape) with an EXIF tag saying how to turn
it. Ours is red on the left and blue on the right as stored, tagged "turn 90 degrees clockwise": shown
upright it is twice as high as wide, red above and blue below. Each output is read back as a reader
sees it: the PDFs drawn by poppler and sampled where the picture lies, the EPUB's and the web
edition's picture files decoded, the deck's picture with python-pptx.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pytest
import yaml
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pamphleteer import cli
from tests import inkinfo
from tests.conftest import SMALL
from tests.content.test_images import _photo

CHAPTER = "chapters/safety.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The small publication with the photo in a chapter and on a slide, and a 4000x20 strip on a slide."""
    folder = tmp_path_factory.mktemp("pictures")
    pub = folder / "pub"
    shutil.copytree(SMALL, pub)
    (pub / "images").mkdir()
    _photo(pub / "images" / "photo.jpg", 6)
    Image.new("RGB", (4000, 20), (0, 120, 0)).save(pub / "images" / "strip.png")
    data = yaml.safe_load((pub / CHAPTER).read_text(encoding="utf-8"))
    data["blocks"].insert(1, {"image": {"file": "images/photo.jpg", "alt": "A photo"}})
    for name in ("photo.jpg", "strip.png"):
        slide = {"title": f"Picture {name}", "image": {"file": f"images/{name}", "alt": name}, "notes": "Look."}
        data["slides"].append(slide)
    (pub / CHAPTER).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = folder / "out"
    assert cli.main(["pamphlet", "deck", "script", "epub", "web", "--content", str(pub), "--output", str(out)]) == 0
    return out


def _upright(img: Image.Image) -> bool:
    """Red in the upper quarter, blue in the lower, and higher than wide: the photo as it was taken."""
    rgb = img.convert("RGB")
    top = rgb.getpixel((rgb.width // 2, rgb.height // 4))
    bottom = rgb.getpixel((rgb.width // 2, rgb.height * 3 // 4))
    return rgb.height > rgb.width and top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]


def _drawn(pdf: Path, folder: Path) -> list[Image.Image]:
    """Every picture of the PDF as poppler draws its page, cropped to where the picture lies."""
    found = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            if not page.images:
                continue
            drawn = inkinfo.page_image(pdf, number, folder, dpi=144)  # once a page, however many pictures it holds
            for picture in page.images:
                box = [round(v * 2) for v in (picture["x0"], picture["top"], picture["x1"], picture["bottom"])]
                found.append(drawn.crop(box))
    return found


def test_the_pamphlet_and_the_script_draw_the_photo_upright(built, tmp_path):
    pamphlet = _drawn(built / "pamphlet.pdf", tmp_path)
    assert len(pamphlet) == 1 and _upright(pamphlet[0])
    script = [p for p in _drawn(built / "lecture-script.pdf", tmp_path) if p.height > 10]  # not the strip
    assert len(script) == 1 and _upright(script[0])


def test_the_screen_editions_ship_the_photo_upright(built):
    with zipfile.ZipFile(built / "pamphlet.epub") as book:
        epub = [book.read(n) for n in book.namelist() if n.startswith("EPUB/images/")]
    web = [p.read_bytes() for p in (built / "web" / "images").iterdir()]
    assert len(epub) == len(web) == 1
    for data in (*epub, *web):
        with Image.open(io.BytesIO(data)) as img:
            assert img.getexif().get(0x0112, 1) == 1  # nothing left for a reader to turn, or not
            assert _upright(img)


def test_the_deck_shows_the_photo_upright_and_every_picture_inside_its_frame(built):
    deck = Presentation(str(built / "lecture.pptx"))
    pictures = []
    for slide in deck.slides:
        frame = next((p for p in slide.slide_layout.placeholders if p.placeholder_format.idx == 10), None)
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert frame is not None
                pictures.append((shape, frame))
    assert len(pictures) == 2
    for shape, frame in pictures:
        inside = (
            frame.left <= shape.left
            and shape.left + shape.width <= frame.left + frame.width
            and frame.top <= shape.top
            and shape.top + shape.height <= frame.top + frame.height
        )
        assert inside, shape.image.size
        with Image.open(io.BytesIO(shape.image.blob)) as img:
            ratio = img.width / img.height
            assert shape.width / shape.height == pytest.approx(ratio, rel=0.01)  # its own proportions
            if img.width < 100 * img.height:  # the photo, not the strip (brought down for the projector)
                assert _upright(img)
            else:  # the strip: as wide as the frame, a few points high, centred
                assert shape.width == pytest.approx(frame.width, abs=2)
                assert shape.top + shape.height / 2 == pytest.approx(frame.top + frame.height / 2, abs=2)
