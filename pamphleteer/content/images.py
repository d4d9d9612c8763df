"""Images named in content: where they may live, what their bytes must be, and the bytes each output shows.

An image path is relative to the publication folder of the file that names it
and must stay inside that folder (no ``..``, no absolute paths, no URLs, no
symlinks leading out, no device files). A translation's own chapters may also
show the original's pictures: a name not found in the translation's folder is
looked up in the original's, and checked there the same way. The original's
chapters (and the slides a translation takes from them) name files of the
original's folder only.

Each picture is checked once, when the publication loads: its bytes must be a
whole PNG or JPEG of sane size, the format its name says; Pillow checks it with
decompression-bomb protection on. The checked real path is kept on the model's
:class:`~pamphleteer.content.model.Image` (``image.path``), so every output
reads the file that was checked, and nothing else. :func:`upright` gives the
bytes as a reader should see them: a phone photo's EXIF orientation applied.
"""

from __future__ import annotations

import io
import os
import stat
import warnings
import zlib
from pathlib import Path, PurePosixPath

from PIL import Image, ImageFile, ImageOps, PngImagePlugin

from pamphleteer.errors import display_path

from .model import MAX_IMAGE_BYTES as MAX_BYTES
from .model import MAX_IMAGE_PIXELS as MAX_PIXELS

_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
# The pixel formats (Pillow's modes) every output draws faithfully: 8 bits a channel (a 16-bit colour PNG
# is read as 8), a palette, or a JPEG's CMYK.
_DRAWN = {"PNG": {"1", "L", "LA", "P", "RGB", "RGBA"}, "JPEG": {"L", "RGB", "CMYK"}}
_TEXT_LIMIT = PngImagePlugin.MAX_TEXT_CHUNK  # what one text chunk may expand to before Pillow refuses the file
_ORIENTATION = 0x0112  # the EXIF tag a camera sets instead of turning the pixels


def resolve(root: Path, name: str) -> Path | str:
    """The real path of image ``name`` under ``root``, or why it may not be used."""
    if "://" in name or name.startswith(("file:", "data:")):
        return f"'{name}' is a URL; images must be files inside the publication folder"
    pure = PurePosixPath(name)
    if pure.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return f"'{name}' is an absolute path; give a path inside the publication folder"
    if ".." in pure.parts:
        return f"'{name}' leaves the publication folder"
    path = root / pure
    cased = _as_on_disk(root, pure)
    if cased is not None and cased != pure:
        return (
            f"image '{name}' is written with other capitals than its file, {cased}: write '{cased}' (Windows and "
            "macOS would find it as written, Linux would not)"
        )
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"image '{name}' not found"
    if not real.is_relative_to(root.resolve()):
        return f"'{name}' links outside the publication folder"
    return real


def _as_on_disk(root: Path, name: PurePosixPath) -> PurePosixPath | None:
    """``name`` as the folders under ``root`` spell it, where each of its parts is there in some capitals
    (on every system alike, so that a publication built on Windows or macOS builds on Linux); None where
    a part is missing, or cannot be listed."""
    spelt: list[str] = []
    folder = root
    for part in name.parts:
        if part in (".", ""):
            continue
        try:
            entries = os.listdir(folder)
        except OSError:
            return None
        if part not in entries:
            matches = [entry for entry in entries if entry.casefold() == part.casefold()]
            if len(matches) != 1:
                return None
            part = matches[0]
        spelt.append(part)
        folder = folder / part
    return PurePosixPath(*spelt) if spelt else None


def check(root: Path, name: str, original: Path | None = None) -> Path | str:
    """The real path of image ``name`` if it is fine, else a message for the author.

    ``original``: a translation's original folder, where a name the translation's own folder
    lacks is looked up (and checked) instead.
    """
    if original is not None and not (root / PurePosixPath(name)).exists() and not _is_link(root, name):
        found = check(original, name)
        if isinstance(found, str) and found == f"image '{name}' not found":
            return f"image '{name}' not found in {display_path(root)} nor in the original's {display_path(original)}"
        return found
    real = resolve(root, name)
    if isinstance(real, str):
        return real
    try:
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            return f"'{name}' is not a regular file"
        if info.st_size > MAX_BYTES:
            return f"image '{name}' is too large ({info.st_size:,} bytes; at most {MAX_BYTES:,})"
        with real.open("rb") as file:
            data = file.read(MAX_BYTES + 1)  # bounded, should the file grow after the check
    except OSError as exc:
        return f"cannot read image '{name}': {exc.strerror}"
    if len(data) > MAX_BYTES:
        return f"image '{name}' is too large (more than {MAX_BYTES:,} bytes)"
    fmt = next((f for magic, f in _MAGIC.items() if data.startswith(magic)), None)
    if fmt is None:
        return f"'{name}' is not a PNG or JPEG image (whatever its name says)"
    named = SUFFIXES.get(PurePosixPath(name).suffix.lower())
    if named != fmt:  # the EPUB and the web edition declare its type by its name
        return f"'{name}' holds a {fmt} image; name it {PurePosixPath(name).stem}.{'png' if fmt == 'PNG' else 'jpg'}"
    return _decode(name, data, fmt) or real


def _is_link(root: Path, name: str) -> bool:
    try:
        return (root / PurePosixPath(name)).is_symlink()  # a dangling link is the translation's own problem
    except OSError:
        return False


def _decode(name: str, data: bytes, fmt: str) -> str | None:
    # WeasyPrint, once imported, tells Pillow to read truncated files (and skip text chunks too long): a
    # check in the same process (a build, --watch) would pass what a fresh one refuses. Not while checking.
    tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        return _decoded(name, data, fmt)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _decoded(name: str, data: bytes, fmt: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.width * img.height > MAX_PIXELS:
                    return f"image '{name}' has too many pixels ({img.width}x{img.height}; at most {MAX_PIXELS:,})"
                img.load()
                mode = img.mode
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        if fmt == "PNG" and len(data) >= 24:  # the size its header declares, as read before any pixel
            width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
            return f"image '{name}' has too many pixels ({width}x{height}; at most {MAX_PIXELS:,})"
        return f"image '{name}' has too many pixels (a decompression bomb?)"
    except (OSError, SyntaxError, ValueError):
        said = _long_text(name, data) if fmt == "PNG" else None
        return said or f"{fmt} image '{name}' is damaged or truncated; export it again"
    if mode not in _DRAWN[fmt]:  # WeasyPrint writes a 16-bit grey PNG's pixels as RGB: noise or black
        bits = "a 16-bit greyscale" if mode.startswith("I;16") else f"a {mode}-mode"
        return f"image '{name}' is {bits} {fmt}, which the PDFs cannot show; save it as an 8-bit {fmt}"
    return None


def _long_text(name: str, data: bytes) -> str | None:
    """What a PNG's compressed text chunk (metadata a reader may skip, but Pillow, which the PDFs and the deck
    read pictures with, will not) holds past the limit Pillow reads, in words; None when no chunk does."""
    at = 8
    while at + 8 <= len(data):
        length, kind = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        at += 12 + length
        if kind not in (b"zTXt", b"iTXt"):
            continue
        keyword, _, rest = body.partition(b"\0")
        if kind == b"iTXt":  # compressed or not, then the method, a language tag and a translated keyword
            if not rest.startswith(b"\1"):
                continue
            rest = rest[2:].split(b"\0", 2)[-1]
        else:
            rest = rest[1:]
        try:
            expanded = len(zlib.decompressobj().decompress(rest, _TEXT_LIMIT + 1))
        except zlib.error:
            continue  # damaged, and said so
        if expanded > _TEXT_LIMIT:
            return (
                f"image '{name}' holds a compressed text chunk ({keyword.decode('latin-1')!r}, {length:,} bytes: "
                f"metadata) that expands past {_TEXT_LIMIT:,} bytes, more than a PNG reader takes; save the picture "
                "again without its metadata"
            )
    return None


def size(path: Path) -> tuple[int, int]:
    """Pixel width and height of a checked image, as it is shown (turned as its EXIF orientation says)."""
    with Image.open(path) as img:
        width, height = img.size
        turned = img.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8)
    return (height, width) if turned else (width, height)


def upright(path: Path) -> bytes:
    """A checked image's bytes as a reader should see them.

    A phone stores a photo as the sensor read it and says in an EXIF tag how to turn it. The
    pamphlet's renderer and browsers obey the tag; PowerPoint and some e-book readers ignore it.
    So a picture whose tag says to turn it is turned here and saved without the tag (a JPEG at
    quality 95, keeping its colour profile and resolution); any other comes back byte for byte.
    """
    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as img:
        if img.getexif().get(_ORIENTATION, 1) == 1:
            return data
        fmt = img.format
        turned = ImageOps.exif_transpose(img)
    keep = {k: turned.info[k] for k in ("icc_profile", "dpi") if k in turned.info}
    out = io.BytesIO()
    if fmt == "JPEG":
        turned.save(out, "JPEG", quality=95, exif=turned.getexif(), **keep)
    else:
        turned.save(out, "PNG", exif=turned.getexif(), **keep)
    return out.getvalue()


def by_size(content: Path) -> dict[tuple[int, int], str]:
    """Pixel size -> file name (relative to the publication) of every PNG and JPEG in it, to name a picture
    found in a PDF (preflight)."""
    found: dict[tuple[int, int], str] = {}
    for path in sorted(content.rglob("*")) if content.is_dir() else ():
        if path.suffix.lower() in (".png", ".jpg", ".jpeg") and path.is_file() and not path.is_symlink():
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                    with Image.open(path) as img:  # reads the header only
                        found.setdefault(img.size, path.relative_to(content).as_posix())
            except (OSError, Image.UnidentifiedImageError, Image.DecompressionBombError):
                continue  # the build reports broken images; here they cannot be named
    return found
