"""Histories of the starter publication, for the slow job (see test_purity.py): sentences of any
words, so that hardly a content is reached twice."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.histories import CALM, STARTER_EDIT, replay

# histories of the starter (``PAMPHLETEER_PURITY_EXAMPLES``; ``PAMPHLETEER_PURITY_RANDOM`` draws new ones)
EXAMPLES = int(os.environ.get("PAMPHLETEER_PURITY_EXAMPLES", "4"))


@pytest.mark.slow
@settings(CALM, max_examples=EXAMPLES, derandomize=os.environ.get("PAMPHLETEER_PURITY_RANDOM") is None)
@given(steps=st.lists(STARTER_EDIT, min_size=1, max_size=4))
def test_every_incremental_build_of_the_starter_equals_a_clean_build(starter, steps):
    replay(*starter, steps)
