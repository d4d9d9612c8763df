"""The binding's builders: what each reads of the print section, and which publications have which."""

from __future__ import annotations

from pathlib import Path

from pamphleteer.builders import REGISTRY, select
from pamphleteer.content import load


def _with(small: Path, line: str):
    """The publication with ``line`` (a print section) in place of any the last call added."""
    text = (small / "publication.yaml").read_text(encoding="utf-8").split("print:")[0]
    (small / "publication.yaml").write_text(text + line + "\n", encoding="utf-8")
    return load(small)


def test_the_paper_reshapes_the_booklet_and_cover_and_the_binding_the_print_edition(small):
    saddle, thicker = load(small), _with(small, "print: {weight: 120}")
    assert REGISTRY["booklet"].reads(saddle) != REGISTRY["booklet"].reads(thicker)
    assert REGISTRY["print"].reads(saddle) == REGISTRY["print"].reads(thicker)
    assert REGISTRY["pamphlet"].reads(saddle) == REGISTRY["pamphlet"].reads(thicker)  # the pages stay
    perfect = _with(small, "print: {weight: 120, binding: perfect}")
    assert REGISTRY["print"].reads(perfect) != REGISTRY["print"].reads(thicker)


def test_a_plain_build_makes_the_cover_for_perfect_binding_and_the_booklet_for_saddle(small):
    saddle = [b.name for b in select([], load(small))]
    perfect = [b.name for b in select([], _with(small, "print: {binding: perfect}"))]
    assert "booklet" in saddle and "cover" not in saddle
    assert "cover" in perfect and "booklet" not in perfect
    assert not {"handout-2up", "pamphlet-2up", "pamphlet-4up"} & set(saddle)  # built only when named
