"""Images named in content: where they may live and what their bytes must be.

An image path is relative to the publication folder and must stay inside it
(no ``..``, no absolute paths, no URLs, no symlinks leading out, no device
files). Its bytes must be a whole PNG or JPEG of sane size, whatever its name
says; Pillow checks it with decompression-bomb protection on.
"""

from __future__ import annotations

import io
import stat
import warnings
from pathlib import Path, PurePosixPath

from PIL import Image

MAX_PIXELS = 50_000_000
MAX_BYTES = 20_000_000
_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def resolve(root: Path, name: str) -> Path | str:
    """The real path of image ``name`` under ``root``, or why it may not be used."""
    if "://" in name or name.startswith(("file:", "data:")):
        return f"'{name}' is a URL; images must be files inside the publication folder"
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return f"'{name}' is an absolute path; give a path inside the publication folder"
    if ".." in pure.parts:
        return f"'{name}' leaves the publication folder"
    path = root / pure
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"image '{name}' not found"
    if not real.is_relative_to(root.resolve()):
        return f"'{name}' links outside the publication folder"
    return real


def check(root: Path, name: str) -> Path | str:
    """The real path of image ``name`` if it is fine, else a message for the author."""
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
    return _decode(name, data, fmt) or real


def _decode(name: str, data: bytes, fmt: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.width * img.height > MAX_PIXELS:
                    return f"image '{name}' has too many pixels ({img.width}x{img.height})"
                img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"image '{name}' has too many pixels (a decompression bomb?)"
    except (OSError, SyntaxError, ValueError):
        return f"{fmt} image '{name}' is damaged or truncated; export it again"
    return None


def size(path: Path) -> tuple[int, int]:
    """Pixel width and height of a checked image."""
    with Image.open(path) as img:
        return img.size
