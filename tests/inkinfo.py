"""The contrast of text as it is drawn: each word's ink against what lies behind it, read from the pixels.

Independent of the code under test: poppler draws the page and finds the words;
the background of a word is the commonest colour in its box, its ink the pixel
farthest from that in luminance (a glyph's stroke core, not its anti-aliased edge),
and contrast is WCAG 2's formula (``slideinfo.contrast``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from tests import slideinfo


def page_image(pdf: Path, page: int, folder: Path, dpi: int = 200) -> Image.Image:
    """Page ``page`` (from 1) of ``pdf`` drawn by poppler at ``dpi`` (as a PPM file: the same pixels as a PNG,
    without the compression that took 90% of poppler's time)."""
    stem = folder / f"ink-{pdf.stem}-{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)], check=True
    )
    return Image.open(f"{stem}.ppm").convert("RGB")


def box_colours(image: Image.Image, box: tuple[float, ...], dpi: int = 200) -> list[tuple[int, tuple[int, int, int]]]:
    """(count, pixel) for each colour inside ``box`` (points, from the page's top left) of a page drawn at ``dpi``."""
    scale = dpi / 72
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    crop = image.crop((x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)))
    return crop.getcolors(crop.width * crop.height)


def word_contrast(image: Image.Image, box: tuple[float, float, float, float], dpi: int = 200) -> tuple[float, str, str]:
    """(contrast, ink, background) of the word in ``box`` (points, from the page's top left)."""
    counts = box_colours(image, box, dpi)
    colours = {pixel: "#{:02x}{:02x}{:02x}".format(*pixel) for _, pixel in counts}
    background = colours[max(counts)[1]]
    ground = slideinfo.luminance(background)
    ink = max(colours.values(), key=lambda c: abs(slideinfo.luminance(c) - ground))
    return slideinfo.contrast(ink, background), ink, background


def strongest_ink(image: Image.Image, box: tuple[float, float, float, float], dpi: int = 200) -> tuple[str, str]:
    """The colour inside ``box`` of highest contrast to the colour most of the box shows (the background),
    and that background, as ``#rrggbb``: the slides' furniture is read so (``word_contrast`` takes the
    colour farthest in luminance instead)."""
    counts = box_colours(image, box, dpi)
    hexed = "#{:02x}{:02x}{:02x}".format
    background = hexed(*max(counts)[1])
    return max((hexed(*pixel) for _, pixel in counts), key=lambda c: slideinfo.contrast(c, background)), background


def has_colour(image: Image.Image, box: tuple[float, ...], colour: str, dpi: int = 200, within: int = 48) -> bool:
    """Whether any pixel in ``box`` (points) is ``colour``, give or take ``within`` on each channel."""
    want = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return any(
        all(abs(a - b) <= within for a, b in zip(pixel, want, strict=True)) for _, pixel in box_colours(image, box, dpi)
    )
