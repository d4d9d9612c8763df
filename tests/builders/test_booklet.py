"""The booklet's builder: made from the pamphlet's bytes, shaped by the paper."""

from __future__ import annotations

from pamphleteer.builders import REGISTRY, Options


def test_it_needs_the_pamphlet_and_the_paper_shapes_it():
    build = REGISTRY["booklet"]
    assert build.needs == ("pamphlet",) and build.preflight == ("sheets",)
    assert build.shaped_by(Options(paper="letter")) != build.shaped_by(Options(paper="a4"))
    assert build.shaped_by(Options(marks=False)) == build.shaped_by(Options(marks=True))
