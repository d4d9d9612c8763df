"""The deck's pictures at the pixels the hall's projector can show of them: the bytes the deck embeds.

A phone photograph of 4000x3000 px embedded as it is makes a deck of many megabytes, which mail
servers refuse and the hall's PC opens slowly, for pixels no projector shows. Each picture of the deck
is drawn at a size the plan settles: fitted inside its frame (a slide's picture, the logo) or cropped to
fill it (the title slide's cover). Mapped to a projector :data:`PROJECTOR` pixels across the slide, with
:data:`ZOOM` to spare, that size says how many pixels the picture can use. :func:`long_sides` gives each
picture file the long side its largest drawing in the deck needs, so that a picture shown on two
slides is one rendition and embedded once (python-pptx keeps one part for identical bytes).

The rendition is the screen editions' (``content/renditions.py``), asked for that long side: upright
as its EXIF tag says, a photograph a JPEG and a drawing or anything transparent a PNG, never larger
than the file, the same bytes on every build, cached by the file's digest in the build's cache folder.
This module is pure planning but for :meth:`Pictures.embedded`, which reads the rendition.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from pamphleteer.content import images, renditions
from pamphleteer.infra import dependencies

from .fitting import picture as fitted
from .specs import LOGO, PICTURE, Boxes, SlideSpec

PROJECTOR = 1920  # pixels across the slide: a full-HD projector or hall screen, what most halls have
# Headroom over what the projector shows: a lecturer zooming in on a detail, a 2560-px monitor (1.33x), a
# picture enlarged a little in the editor; far fewer bytes than the camera's file all the same.
ZOOM = 1.5
AREA = 10  # the placeholder a picture slide's picture fills (lecture/master.py)


def drawings(specs: Iterable[SlideSpec], frames: Boxes) -> Iterator[tuple[Path, tuple[float, float]]]:
    """Each picture the deck draws and its drawn width and height in points (a cover's before its crop),
    as ``drawing.draw`` places it: the spec's own frames where it moves a placeholder, else the layout's."""
    for spec in specs:
        boxes = {**frames[spec.layout], **spec.frames}
        if spec.chart is None and spec.image is not None:
            cover = spec.layout == "title"
            box = boxes[PICTURE if cover else AREA]
            yield spec.image.path, _drawn(images.size(spec.image.path), (box.w, box.h), fill=cover)
        if spec.logo is not None and LOGO in boxes:
            box = boxes[LOGO]
            yield spec.logo, _drawn(images.size(spec.logo), (box.w, box.h), fill=False)


def long_sides(specs: Iterable[SlideSpec], frames: Boxes, slide_width: float) -> dict[Path, int]:
    """The long side in pixels each picture file is embedded at: what its largest drawing needs on a slide
    ``slide_width`` points wide."""
    needs: dict[Path, int] = {}
    for path, drawn in drawings(specs, frames):
        needs[path] = max(needs.get(path, 0), pixels(drawn, slide_width))
    return needs


def pixels(drawn: tuple[float, float], slide_width: float) -> int:
    """The long side in pixels of a picture drawn ``drawn`` points wide and high on a slide ``slide_width``
    points wide, shown :data:`PROJECTOR` pixels across, with :data:`ZOOM` to spare."""
    return max(1, math.ceil(max(drawn) / slide_width * PROJECTOR * ZOOM))


def _drawn(size: tuple[int, int], frame: tuple[float, float], *, fill: bool) -> tuple[float, float]:
    """A picture ``size`` pixels drawn in ``frame``: fitted inside it, or (``fill``) covering it whole, as
    python-pptx crops a placeholder's picture."""
    if not fill:
        return fitted(size, (0, 0, *frame))[2:]
    scale = max(frame[0] / max(size[0], 1), frame[1] / max(size[1], 1))
    return size[0] * scale, size[1] * scale


@dataclass(frozen=True)
class Pictures:
    """The bytes the deck embeds for each picture, at the long sides :func:`long_sides` found (``cache``: the
    build's cache folder, where the renditions are kept)."""

    sides: dict[Path, int]
    cache: Path | None = None

    def embedded(self, path: Path) -> tuple[bytes, tuple[int, int]]:
        """The picture's rendition and its width and height in pixels (what its place on the slide is fitted
        to: the rendition's own proportions, which rounding to whole pixels may move a hair from the file's)."""
        dependencies.record(path)  # what the deck was made from, for the next build's check
        data = renditions.screen(path, self.cache, self.sides.get(path, renditions.LONG_SIDE)).data
        with Image.open(io.BytesIO(data)) as img:  # reads the header only
            return data, img.size
