"""The print edition's builder: made from the pamphlet's bytes, shaped by the crop marks option."""

from __future__ import annotations

from pamphleteer.builders import REGISTRY, Options


def test_it_needs_the_pamphlet_and_the_marks_option_shapes_it():
    build = REGISTRY["print"]
    assert build.needs == ("pamphlet",) and build.preflight == ("trim",)
    assert build.shaped_by(Options(marks=True)) != build.shaped_by(Options(marks=False))
    assert build.shaped_by(Options(paper="letter")) == build.shaped_by(Options(paper="a4"))
