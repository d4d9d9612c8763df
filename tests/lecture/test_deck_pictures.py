"""The deck's pictures at the pixels a 1920-px projector shows of them (deck_pictures.py): planned on
made-up slides, then read back from a deck built with a 3 MB phone photo on two slides and a 4000x20 strip."""

from __future__ import annotations

import io
import math
import random
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pamphleteer import cli
from pamphleteer.content import model, renditions
from pamphleteer.lecture import deck_pictures
from pamphleteer.lecture.specs import LOGO, PICTURE, Box, SlideSpec, Text
from pamphleteer.text import measure
from tests.conftest import SMALL

SLIDE = 960.0  # points: a 16:9 slide's width
FACE = measure.Face("Arial")
CHAPTER = "chapters/safety.yaml"
DECK_BYTES = 700_000  # the deck with a 3 MB photo twice and a strip: 3.75 MB when the photo went in whole


def _box(w: float, h: float) -> Box:
    return Box(0, 0, w, h, 20, FACE)


def _picture(path: Path, size: tuple[int, int]) -> model.Picture:
    Image.new("RGB", size, "white").save(path)
    picture = model.Picture(file=path.name, alt="A picture")
    picture._path = path  # as the loader sets it once the file is checked
    return picture


def test_a_picture_across_the_slide_needs_the_projector_s_width_and_half_again():
    assert deck_pictures.pixels((SLIDE, 100), SLIDE) == 2880
    assert deck_pictures.pixels((96, 300), SLIDE) == 900  # its long side decides, here its height
    assert deck_pictures.pixels((0.01, 0.01), SLIDE) == 1


def test_a_picture_on_two_slides_gets_what_its_largest_drawing_needs(tmp_path):
    photo = _picture(tmp_path / "photo.png", (400, 300))
    frames = {"picture": {10: _box(640, 360)}, "title": {PICTURE: _box(300, 540), LOGO: _box(170, 80)}}
    title = Text(("A title",), 40)
    whole = SlideSpec("picture", title, image=photo)
    beside = SlideSpec("picture", title, image=photo, frames={10: _box(320, 360)})  # beside its points
    assert deck_pictures.long_sides([beside], frames, SLIDE) == {photo.path: 960}  # 320 pt wide: a third
    assert deck_pictures.long_sides([beside, whole], frames, SLIDE) == {photo.path: 1440}  # 480 x 360 drawn
    logo = tmp_path / "logo.png"
    Image.new("RGBA", (600, 600)).save(logo)
    cover = SlideSpec("title", title, image=photo, logo=logo)
    needs = deck_pictures.long_sides([cover], frames, SLIDE)
    assert needs[logo] == 240  # fitted: 80 x 80 points
    assert needs[photo.path] == 2160  # cropped to fill 300 x 540: drawn 720 x 540 before the crop


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> tuple[Path, Path]:
    """The small publication's deck with a phone photo (3000x2000 once turned as its tag says) on two
    slides (on the second beside its points and over its caption, smaller), and a 4000x20 strip on a third;
    and the photo's file."""
    folder = tmp_path_factory.mktemp("deckpics")
    pub = folder / "pub"
    shutil.copytree(SMALL, pub)
    (pub / "images").mkdir()
    rng = random.Random(1)
    coarse = Image.frombytes("RGB", (200, 300), rng.randbytes(200 * 300 * 3)).resize((2000, 3000), Image.BICUBIC)
    grain = Image.frombytes("L", (2000, 3000), rng.randbytes(2000 * 3000)).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6  # stored 2000 wide and 3000 high, to be turned: a landscape 3000 wide, 2000 high
    photo = pub / "images" / "photo.jpg"
    Image.blend(coarse, grain, 0.1).save(photo, "JPEG", quality=92, exif=exif)  # a photograph's colours and grain
    Image.new("RGB", (4000, 20), (0, 120, 0)).save(pub / "images" / "strip.png")
    data = yaml.safe_load((pub / CHAPTER).read_text(encoding="utf-8"))
    data["slides"] += [
        {"title": "The photo", "image": {"file": "images/photo.jpg", "alt": "A photo"}, "notes": "Look."},
        {
            "title": "The photo again",
            "points": ["Beside its points", "It is smaller here"],
            "image": {"file": "images/photo.jpg", "alt": "A photo", "caption": "The same photo, smaller."},
            "notes": "Look again.",
        },
        {"title": "The strip", "image": {"file": "images/strip.png", "alt": "A strip"}, "notes": "Thin."},
    ]
    (pub / CHAPTER).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = folder / "out"
    assert cli.main(["deck", "-q", "--content", str(pub), "--output", str(out)]) == 0
    return out / "lecture.pptx", photo


def test_a_second_build_renders_the_pictures_again_to_the_same_bytes(deck):
    pptx, photo = deck
    renditions._MEMO.clear()  # as a new process starts: nothing kept in memory, nor in the fresh output's cache
    again = pptx.parent.parent / "again"
    assert cli.main(["deck", "-q", "--content", str(photo.parent.parent), "--output", str(again)]) == 0
    assert (again / "lecture.pptx").read_bytes() == pptx.read_bytes()


def _pictures(pptx: Path) -> list[tuple[object, object]]:
    """Each picture of the deck and its slide's layout's picture frame."""
    found = []
    for slide in Presentation(str(pptx)).slides:
        frame = next((p for p in slide.slide_layout.placeholders if p.placeholder_format.idx == 10), None)
        found += [(s, frame) for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    return found


def test_each_picture_has_no_more_pixels_than_its_largest_drawing_needs(deck):
    pptx, _ = deck
    width = Presentation(str(pptx)).slide_width
    needs: dict[str, int] = {}
    for shape, _ in _pictures(pptx):
        need = math.ceil(max(shape.width, shape.height) / width * deck_pictures.PROJECTOR * deck_pictures.ZOOM)
        needs[shape.image.sha1] = max(needs.get(shape.image.sha1, 0), need)
    assert len(needs) == 2  # the photo and the strip
    for shape, _ in _pictures(pptx):
        with Image.open(io.BytesIO(shape.image.blob)) as img:
            assert needs[shape.image.sha1] - 2 <= max(img.size) <= needs[shape.image.sha1], (img.size, needs)
            if img.height > 100:  # the photo: turned (landscape), a JPEG, brought down from 3000 px
                assert (img.format, img.width > img.height, img.width < 3000) == ("JPEG", True, True)
                assert img.getexif().get(0x0112, 1) == 1


def test_the_photo_on_two_slides_is_embedded_once(deck):
    pptx, _ = deck
    with zipfile.ZipFile(pptx) as z:
        media = [n for n in z.namelist() if n.startswith("ppt/media/")]
    assert sorted(Path(n).suffix for n in media) == [".jpg", ".png"]  # the photo's one part, the strip's
    photos = [s for s, _ in _pictures(pptx) if s.image.size[1] > 100]
    assert len(photos) == 2 and photos[0].width > photos[1].width  # the one over its caption is smaller
    assert len({p.part.related_part(p._element.blipFill.blip.rEmbed).partname for p in photos}) == 1


def test_the_strip_sits_inside_its_frame_at_its_own_proportions(deck):
    pptx, _ = deck
    (strip, frame), *_ = [(s, f) for s, f in _pictures(pptx) if s.image.size[1] < 100]
    assert frame.left <= strip.left and strip.left + strip.width <= frame.left + frame.width
    assert frame.top <= strip.top and strip.top + strip.height <= frame.top + frame.height
    assert strip.width == pytest.approx(frame.width, abs=2)
    width, height = strip.image.size
    assert width < 4000 and strip.width / strip.height == pytest.approx(width / height, rel=0.01)


def test_the_deck_weighs_a_fraction_of_the_photo_it_shows_twice(deck):
    pptx, photo = deck
    assert photo.stat().st_size > 2_500_000  # what a phone makes
    assert pptx.stat().st_size < DECK_BYTES
