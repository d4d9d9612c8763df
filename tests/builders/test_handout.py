"""The handout's builder: needs the page map, laid out in a child, shaped by paper and frames a page."""

from __future__ import annotations

from pamphleteer.builders import REGISTRY, Options


def test_it_needs_pages_and_paper_and_frames_shape_it():
    handout = REGISTRY["handout"]
    assert (handout.needs, handout.child) == (("pages",), True)
    shapes = {str(handout.shaped_by(Options(paper=p, handout_slides=n))) for p in ("a4", "letter") for n in (3, 6)}
    assert len(shapes) == 4
