"""Ink on pages as poppler draws them: the contrast of text, each word's ink against what lies behind it,
and where pages carry no ink.

Independent of the code under test: poppler draws the page (in colour, :func:`page_image`, or in
grey, :func:`grey_pages`) and finds the words; the background of a word is the commonest colour in
its box, its ink the pixel farthest from that in luminance (a glyph's stroke core, not its
anti-aliased edge), and contrast is WCAG 2's formula (``slideinfo.contrast``).
"""

from __future__ import annotations

import subprocess
import tempfile
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


def grey_pages(pdf: Path, dpi: int, page: int | None = None) -> list[Image.Image]:
    """Every page of ``pdf`` (or only page ``page``, from 1) drawn in grey by poppler at ``dpi`` (``-gray``: one
    byte a pixel, as PGM files), in page order."""
    only = ["-f", str(page), "-l", str(page)] if page is not None else []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", str(dpi), *only, "-gray", str(pdf), f"{folder}/p"], check=True)
        drawn = sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1]))
        return [Image.open(path).convert("L") for path in drawn]  # read whole before the folder goes


def bands(pdf: Path) -> list[float]:
    """For each page, the deepest band of rows with no ink, as a fraction of the page's height (drawn at 24 dpi)."""
    out = []
    for image in grey_pages(pdf, 24):
        w, h = image.size
        counts = image.histogram()
        background = max(range(256), key=counts.__getitem__)  # the commonest grey (the first, of equals)
        ink = image.point([int(abs(v - background) >= 12) for v in range(256)]).tobytes()  # a byte a pixel
        deepest = run = 0
        for y in range(h):
            blank = not any(ink[y * w : (y + 1) * w])
            run = run + 1 if blank else 0
            deepest = max(deepest, run)
        out.append(deepest / h)
    return out


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
