"""images.py: an image is a real PNG or JPEG inside the publication, or a message saying why not."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from pamphleteer.content import images


def test_a_good_image_gives_its_real_path(tmp_path):
    Image.new("RGB", (20, 10), "white").save(tmp_path / "a.png")
    assert images.check(tmp_path, "a.png") == (tmp_path / "a.png").resolve()
    assert images.size(tmp_path / "a.png") == (20, 10)


def test_what_is_not_an_image_inside_the_folder(tmp_path):
    root = tmp_path / "pub"
    root.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "out.png").symlink_to(tmp_path / "outside.png")
    (root / "folder.png").mkdir()
    (root / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * images.MAX_BYTES)
    assert [images.check(root, n) for n in ["out.png", "folder.png", "big.png", "../outside.png", "C:/x.png"]] == [
        "'out.png' links outside the publication folder",
        "'folder.png' is not a regular file",
        f"image 'big.png' is too large ({images.MAX_BYTES + 8:,} bytes; at most 20,000,000)",
        "'../outside.png' leaves the publication folder",
        "'C:/x.png' is an absolute path; give a path inside the publication folder",
    ]


def test_a_picture_written_with_other_capitals_than_its_file_is_refused_on_every_system(tmp_path):
    (tmp_path / "Images").mkdir()
    Image.new("RGB", (20, 10), "white").save(tmp_path / "Images" / "Map.png")
    assert images.check(tmp_path, "Images/Map.png") == (tmp_path / "Images" / "Map.png").resolve()
    assert images.check(tmp_path, "images/map.png") == (
        "image 'images/map.png' is written with other capitals than its file, Images/Map.png: write "
        "'Images/Map.png' (Windows and macOS would find it as written, Linux would not)"
    )
    assert images.check(tmp_path, "images/other.png") == "image 'images/other.png' not found"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_pipe_named_like_an_image_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    assert images.check(tmp_path, "pipe.png") == "'pipe.png' is not a regular file"


def _photo(path, orientation: int, fmt: str = "JPEG") -> None:
    """As a phone stores a portrait photo: the sensor's landscape pixels, left half red, right half blue,
    and an EXIF tag saying how to turn them."""
    img = Image.new("RGB", (200, 100), (220, 0, 0))
    img.paste((0, 0, 220), (100, 0, 200, 100))
    exif = Image.Exif()
    exif[0x0112] = orientation
    img.save(path, fmt, exif=exif)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_photo_is_turned_upright_as_its_exif_tag_says(tmp_path, fmt):
    _photo(tmp_path / "photo", 6, fmt)  # 6: turn 90 degrees clockwise to show
    assert images.size(tmp_path / "photo") == (100, 200)
    with Image.open(io.BytesIO(images.upright(tmp_path / "photo"))) as img:
        assert img.format == fmt and img.size == (100, 200)
        assert img.getexif().get(0x0112, 1) == 1  # no tag left to turn it a second time
        top, bottom = img.convert("RGB").getpixel((50, 40)), img.convert("RGB").getpixel((50, 160))
    assert top[0] > 180 > top[2] and bottom[2] > 180 > bottom[0]


def test_a_picture_without_a_turn_is_passed_on_byte_for_byte(tmp_path):
    _photo(tmp_path / "photo.jpg", 1)
    Image.new("RGB", (20, 10), "white").save(tmp_path / "plain.png")
    for name in ("photo.jpg", "plain.png"):
        assert images.upright(tmp_path / name) == (tmp_path / name).read_bytes()
