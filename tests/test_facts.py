"""Every fact drawn from the source essay is in the built pamphlet (tests/facts/<chapter>.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from . import pdfinfo

FACTS = sorted((Path(__file__).parent / "facts").glob("*.yaml"))


def _facts():
    for path in FACTS:
        for n, fact in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            yield pytest.param(fact, id=f"{path.stem}[{n}]")


def test_there_are_at_least_sixty_facts():
    assert sum(len(yaml.safe_load(p.read_text(encoding="utf-8")) or []) for p in FACTS) >= 60


@pytest.mark.parametrize("fact", list(_facts()))
def test_fact_is_in_the_pamphlet(fact, main_build):
    path = main_build / "pamphlet.pdf"
    # A compound broken at a line end ("pit-/props") comes back joined, so hyphens are not compared.
    text = pdfinfo.text(path).replace("-", "")
    missing = [s for s in fact["expect"] if pdfinfo.normalise(s).replace("-", "") not in text]
    assert not missing, f"{fact['fact']}: not found: {missing}"
