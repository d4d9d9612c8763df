"""The booklet, ``pamphlet-booklet.pdf``: the reading edition imposed two-up in fold order.

For saddle stitching on A4 or US Letter (see ``imposition.booklet``).
"""

from __future__ import annotations

from typing import Any

from .. import imposition, progress
from .base import Builder, Inputs, Options


class Booklet(Builder):
    name = "booklet"
    filename = "pamphlet-booklet.pdf"
    summary = "imposed two-up for saddle stitching"
    needs = ("pamphlet",)
    preflight = ("sheets",)

    def shaped_by(self, options: Options) -> Any:
        return {"paper": options.paper}

    def build(self, inputs: Inputs) -> bytes:
        pdf = imposition.booklet(inputs.products["pamphlet"], inputs.options.paper)
        progress.step("booklet: imposed in fold order")
        return pdf
