"""Histories of the starter publication (sentences of any words, so that hardly a content is
reached twice), and more of the tiny one from another seed, for the slow job (see test_purity.py)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from tests.engine.histories import CALM, MORE_TINY, STARTER_EDIT, TINY_HISTORY, replay

# histories of the starter (``PAMPHLETEER_PURITY_EXAMPLES``; ``PAMPHLETEER_PURITY_RANDOM`` draws new ones)
EXAMPLES = int(os.environ.get("PAMPHLETEER_PURITY_EXAMPLES", "4"))


@pytest.mark.slow
@seed(1936)
@MORE_TINY
@given(steps=TINY_HISTORY)
def test_still_more_histories_of_the_tiny_publication(tiny_start, steps):
    replay(*tiny_start, steps)


@pytest.mark.slow
@settings(CALM, max_examples=EXAMPLES, derandomize=os.environ.get("PAMPHLETEER_PURITY_RANDOM") is None)
@given(steps=st.lists(STARTER_EDIT, min_size=1, max_size=4))
def test_every_incremental_build_of_the_starter_equals_a_clean_build(starter, steps):
    replay(*starter, steps)
