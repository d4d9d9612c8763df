"""Every fact drawn from the source essay is in the built pamphlet (tests/facts/<chapter>.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from . import layout, pdfinfo

FACTS = sorted((Path(__file__).parent / "facts").glob("*.yaml"))


def _facts():
    for path in FACTS:
        for n, fact in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            yield pytest.param(fact, id=f"{path.stem}[{n}]")


def test_there_are_at_least_sixty_facts():
    assert sum(len(yaml.safe_load(p.read_text(encoding="utf-8")) or []) for p in FACTS) >= 60


@lru_cache(maxsize=2)
def _running_text(path: Path) -> str:
    """The lines set at the running text's size (10 pt: poppler boxes them 12-14 pt tall), page after page."""
    pages, _, _ = layout.lines(path)
    lines = [" ".join(ln.words) for page in pages for ln in page if 12.0 <= ln.y1 - ln.y0 <= 14.0]
    return pdfinfo.normalise("\n".join(lines))


@pytest.mark.parametrize("fact", list(_facts()))
def test_fact_is_in_the_pamphlet(fact, main_build):
    path = main_build / "pamphlet.pdf"
    # A compound broken at a line end ("pit-/props") comes back joined, so hyphens are not compared.
    text = pdfinfo.text(path).replace("-", "")
    # and the running text alone: a sentence that runs over a page turn has that page's footnotes
    # between its halves in the page's text
    running = _running_text(path).replace("-", "")
    wanted = {s: pdfinfo.normalise(s).replace("-", "") for s in fact["expect"]}
    missing = [s for s, said in wanted.items() if said not in text and said not in running]
    assert not missing, f"{fact['fact']}: not found: {missing}"
