"""renditions.py: the screen editions' pictures, upright, at most 1600 px long (or as asked), a photograph as a JPEG."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

from pamphleteer.content import renditions


def _noise(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """A picture with as many colours as a photograph."""
    rng = random.Random(seed)
    return Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))


def _opened(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_a_large_phone_photo_is_turned_brought_down_to_1600_px_and_loses_its_camera_data(tmp_path):
    path = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # turn 90 degrees clockwise to show: a portrait taken on its side
    exif[0x010F] = "PhoneMaker"  # the camera's make, which no reader needs
    _noise((2400, 1800)).save(path, "JPEG", quality=95, exif=exif)
    made = renditions.screen(path)
    img = _opened(made.data)
    assert (made.suffix, img.format, img.size) == (".jpg", "JPEG", (1200, 1600))
    assert dict(img.getexif()) == {}
    assert len(made.data) < path.stat().st_size / 2


def test_a_drawing_stays_a_png_and_a_photograph_saved_as_png_becomes_a_jpeg(tmp_path):
    drawing = Image.new("RGBA", (3200, 1000), (0, 0, 0, 0))
    drawing.paste((140, 28, 19, 255), (100, 100, 3000, 900))
    drawing.save(tmp_path / "drawing.png")
    _noise((1000, 800)).save(tmp_path / "photo.png")
    made = renditions.screen(tmp_path / "drawing.png")
    img = _opened(made.data)
    assert (made.suffix, img.format, img.size, img.mode) == (".png", "PNG", (1600, 500), "P")  # few colours
    rgba = img.convert("RGBA")
    assert rgba.getpixel((0, 0))[3] == 0  # still transparent
    inside = rgba.getpixel((800, 250))  # the palette's nearest to the drawing's colour
    assert all(abs(got - want) <= 2 for got, want in zip(inside, (140, 28, 19, 255), strict=True)), inside
    assert len(made.data) < (tmp_path / "drawing.png").stat().st_size / 2
    photo = renditions.screen(tmp_path / "photo.png")
    assert (photo.suffix, _opened(photo.data).size) == (".jpg", (1000, 800))


def test_a_picture_fit_for_a_screen_is_passed_on_byte_for_byte(tmp_path):
    _noise((800, 600)).save(tmp_path / "small.jpg", "JPEG")
    Image.new("RGB", (20, 10), "white").save(tmp_path / "plain.png")
    for name in ("small.jpg", "plain.png"):
        assert renditions.screen(tmp_path / name).data == (tmp_path / name).read_bytes()


def test_a_drawing_its_rendition_would_make_no_lighter_is_passed_on_byte_for_byte(tmp_path):
    drawing = Image.new("RGB", (1700, 1000), "white")
    pen = ImageDraw.Draw(drawing)
    for x in range(0, 1700, 3):  # fine hatching: brought down, it takes a grey for every phase of its lines
        pen.line((x, 0, x + 500, 1000), fill="black")
    drawing.save(tmp_path / "hatched.png")
    assert renditions.screen(tmp_path / "hatched.png").data == (tmp_path / "hatched.png").read_bytes()


def test_a_caller_asks_for_its_own_long_side_and_each_is_kept_apart(tmp_path):
    path, cache = tmp_path / "photo.jpg", tmp_path / "cache"
    _noise((1200, 900), seed=3).save(path, "JPEG", quality=95)
    small, screen = renditions.screen(path, cache, long_side=300), renditions.screen(path, cache)
    assert (_opened(small.data).size, _opened(screen.data).size) == ((300, 225), (1200, 900))
    assert len(list((cache / renditions.FOLDER).iterdir())) == 2
    renditions._MEMO.clear()
    assert renditions.screen(path, cache, long_side=300) == small  # read back from its own entry


def test_the_same_picture_gives_the_same_bytes_and_a_damaged_cache_entry_is_not_used(tmp_path):
    path, cache = tmp_path / "photo.jpg", tmp_path / "cache"
    _noise((2000, 1000), seed=2).save(path, "JPEG", quality=95)
    first = renditions.screen(path, cache)
    renditions._MEMO.clear()  # as a new process would start
    assert renditions._render(path) == first  # made again, the same bytes
    (entry,) = (cache / renditions.FOLDER).iterdir()
    assert entry.read_bytes()[32:] == first.data
    entry.write_bytes(entry.read_bytes()[:-100])  # cut short, as by a full disk
    assert renditions.screen(path, cache) == first
    renditions._MEMO.clear()
    assert renditions.screen(path, cache) == first  # rewritten whole by the call before
    assert entry.read_bytes()[32:] == first.data


def test_a_small_cmyk_jpeg_is_made_rgb_for_screens(tmp_path):
    """A print shop's CMYK JPEG, small enough to pass as it is, is no file for a screen: many e-book readers
    draw CMYK wrong or not at all. Its rendition is an RGB JPEG of the same colours."""
    path = tmp_path / "press.jpg"
    Image.new("CMYK", (300, 200), (0, 230, 230, 0)).save(path, quality=95)  # a red
    made = renditions.screen(path)
    img = _opened(made.data)
    assert (made.suffix, img.format, img.mode, img.size) == (".jpg", "JPEG", "RGB", (300, 200))
    red, green, blue = img.getpixel((150, 100))
    assert red > 200 and green < 60 and blue < 60


def test_an_animated_png_shows_its_first_frame_on_screens_as_in_print(tmp_path):
    path = tmp_path / "blink.png"
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "blue")]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)
    made = _opened(renditions.screen(path).data)
    assert (getattr(made, "n_frames", 1), made.convert("RGB").getpixel((5, 5))) == (1, (255, 0, 0))
