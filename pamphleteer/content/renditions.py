"""The pictures as the screen editions (EPUB, web, deck) show them: upright, no larger than a screen needs.

A print edition keeps the author's file as it is (``images.py``); on a screen a photograph of
4000 px and 3 MB costs a phone reader time and data for nothing. :func:`screen` gives each
checked picture's screen rendition: turned upright as its EXIF tag says, its long side brought
down to :data:`LONG_SIDE` pixels (or to what the caller's frame needs: the deck asks for each
picture's own, ``lecture/deck_pictures.py``), a photograph as a JPEG at :data:`QUALITY`, a
drawing, diagram or anything with transparency kept a PNG (a palette one when it had few
colours); without the camera's metadata (the place it was taken), with its colour profile. A
picture in the right format comes back byte for byte when it is already small enough, or when
its rendition would weigh no less. The bytes are the same on every run (Pillow's encoders are
deterministic), and a rendition is cached by the digest of the source bytes and the long side
asked for: in memory, and in the build's cache folder when one is given, where each entry
carries its own digest and is checked when read.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from pamphleteer.infra import filecache, output

from . import images

LONG_SIDE = 1600  # pixels: a full-width picture on a large screen at twice its CSS size, or a phone's at three
QUALITY = 82  # JPEG quality: no artefact a reader sees, a quarter of the bytes of quality 95
PHOTO_COLOURS = 4096  # a PNG with more colours than this (and no transparency) is a photograph
PALETTE = 256  # a drawing with no more colours than this is brought down to a palette PNG as light as it
VERSION = b"screen-2"  # of the recipe above: a change of it makes new cache entries
FOLDER = "renditions"  # in the build's cache folder


@dataclass(frozen=True)
class Rendition:
    """A picture's bytes for the screen editions and the name ending their format asks for."""

    data: bytes
    suffix: str  # ".png" or ".jpg"


def screen(path: Path, cache: Path | None = None, long_side: int = LONG_SIDE) -> Rendition:
    """The screen rendition of the checked picture at ``path`` (``cache``: the build's cache folder), its
    long side at most ``long_side`` pixels (never more than the picture has)."""
    key = f"{_digest(path)}-{long_side}"
    kept = _kept(cache, key)
    found = kept or _MEMO.get(key) or _render(path, long_side)
    if cache is not None and kept is None:  # missing or damaged there: written (again) whole
        output.keep(cache / FOLDER, {key + found.suffix: hashlib.sha256(found.data).digest() + found.data})
    if len(_MEMO) >= 64:  # a long --watch session meets many versions of a picture
        _MEMO.clear()
    _MEMO[key] = found
    return found


_MEMO: dict[str, Rendition] = {}


@filecache.by_file(maxsize=64)
def _digest(path: Path) -> str:
    return hashlib.sha256(VERSION + path.read_bytes()).hexdigest()


def _kept(cache: Path | None, key: str) -> Rendition | None:
    """A rendition from the cache folder, if there whole: its digest checked against its bytes."""
    if cache is None:
        return None
    for suffix in (".jpg", ".png"):
        entry = output.read(cache / FOLDER / (key + suffix))
        if entry is not None and len(entry) > 32 and hashlib.sha256(entry[32:]).digest() == entry[:32]:
            return Rendition(entry[32:], suffix)
    return None


def _render(path: Path, long_side: int = LONG_SIDE) -> Rendition:
    upright = images.upright(path)  # the EXIF turn applied, the tag gone
    with Image.open(io.BytesIO(upright)) as img:
        img.load()
        fmt = img.format
        photo = fmt == "JPEG" or _is_photo(img)
        suffix = ".jpg" if photo else ".png"
        small = max(img.size) <= long_side
        # Not a print shop's CMYK JPEG (many e-book readers draw it wrong or not at all), nor an animated PNG (its
        # first frame, as the PDFs and the deck show it)
        screen_ready = img.mode != "CMYK" and getattr(img, "n_frames", 1) == 1
        as_is = (fmt == "JPEG") == photo and not img.getexif()  # in the right format, nothing private in it
        if small and screen_ready and as_is:
            return Rendition(upright, suffix)  # fit for a screen as it is
        icc = img.info.get("icc_profile") if img.mode != "CMYK" else None  # a CMYK profile fits no RGB pixels
        few = not photo and img.getcolors(PALETTE) is not None
        picture = img.convert(_mode(img, photo))
    if not small:
        scale = long_side / max(picture.size)
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
        if few and picture.mode in ("RGB", "RGBA"):  # its edges' in-between colours, brought back to a palette
            octree = picture.mode == "RGBA"  # the one of Pillow's methods that keeps transparency
            method = Image.Quantize.FASTOCTREE if octree else Image.Quantize.MEDIANCUT
            picture = picture.quantize(PALETTE, method=method, dither=Image.Dither.NONE)
    out = io.BytesIO()
    keep = {"icc_profile": icc} if icc else {}
    if photo:
        picture.save(out, "JPEG", quality=QUALITY, optimize=True, **keep)
    else:
        picture.save(out, "PNG", optimize=True, **keep)
    made = out.getvalue()
    # no lighter for all the pixels it lost (a flat drawing barely brought down): the file as it is
    if as_is and screen_ready and len(upright) <= len(made):
        return Rendition(upright, suffix)
    return Rendition(made, suffix)


def _is_photo(img: Image.Image) -> bool:
    """A PNG that is a photograph: no transparency, and more colours than a drawing has."""
    if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info or img.mode in ("1", "P"):
        return False
    sample = ImageOps.contain(img.convert("RGB"), (400, 400))
    return sample.getcolors(PHOTO_COLOURS) is None


def _mode(img: Image.Image, photo: bool) -> str:
    """The mode the rendition is saved in: what JPEG takes, or a PNG's own when it resizes well."""
    if photo:
        return "L" if img.mode in ("L", "I;16", "I") else "RGB"
    if img.mode in ("L", "LA", "RGB", "RGBA"):
        return img.mode
    if img.mode == "1":
        return "L"  # resized, its edges take greys
    return "RGBA" if img.mode in ("P", "PA") and ("transparency" in img.info or img.mode == "PA") else "RGB"
