"""Pictures as the pamphlet prints them: how large, and at what resolution.

WeasyPrint sets a picture at 96 pixels to the inch (CSS's ``image-resolution: 1dppx``), no wider
than the text block and no taller than ``MAX_HEIGHT_MM`` (``figure.image img`` in
``templates/pamphlet/pamphlet.css``), keeping its proportions. So its printed size, and the
resolution it prints at, are known before any layout: :func:`warnings` tells the author, at
build time and at the line that names the picture, when one prints under the 300 dpi a print
shop asks for (``preflight`` measures the same in the built PDF).
"""

from __future__ import annotations

from pamphleteer.content import Book, images
from pamphleteer.errors import Problem

from .tables import MM, TEXT_BLOCK_PT

CSS_PX = 0.75  # points in a CSS pixel
MAX_HEIGHT_MM = 140  # a picture and its caption's lines on one page (pamphlet.css)
PRINT_DPI, LEAST_DPI = 300, 150  # what a print shop asks for; under the least, the grain shows


def printed(pixels: tuple[int, int]) -> tuple[float, float]:
    """A picture's printed width and height, in points."""
    width, height = pixels[0] * CSS_PX, pixels[1] * CSS_PX
    scale = min(1.0, TEXT_BLOCK_PT / width, MAX_HEIGHT_MM * MM / height)
    return width * scale, height * scale


def dpi(pixels: tuple[int, int]) -> float:
    """The resolution a picture prints at in the pamphlet, in pixels to the inch."""
    return pixels[0] / (printed(pixels)[0] / 72)


def warnings(book: Book) -> list[Problem]:
    """A warning for each picture of the chapters that prints under 300 dpi, saying how many pixels would do."""
    found = []
    for doc in book.all_chapters():
        for i, block in enumerate(doc.chapter.blocks):
            if block.kind != "image":
                continue
            pixels = images.size(block.image.path)
            got = dpi(pixels)
            if got >= PRINT_DPI:
                continue
            width = printed(pixels)[0]
            wanted = round(PRINT_DPI * width / 72)
            grain = "too coarse for print" if got < LEAST_DPI else f"under the {PRINT_DPI} dpi a print shop asks for"
            message = (
                f"{block.image.file}: {pixels[0]}×{pixels[1]} pixels print {width / MM:.0f} mm wide at "
                f"{got:.0f} dpi, {grain}; a picture {wanted} pixels wide would print at {PRINT_DPI}"
            )
            found.append(doc.located.problem(("blocks", i, "image", "file"), message))
    return found
