"""More histories of the tiny publication, for the slow job (see test_purity.py); the same
histories in every run, from a fixed seed."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from tests.engine.histories import CALM, TINY_EDIT, replay

# histories of this file in a slow run (``PAMPHLETEER_PURITY_TINY``, more for a longer search)
TINY = int(os.environ.get("PAMPHLETEER_PURITY_TINY", "88"))


@pytest.mark.slow
@seed(1917)
@settings(CALM, max_examples=TINY, derandomize=False)
@given(steps=st.lists(TINY_EDIT, min_size=1, max_size=3))
def test_more_histories_of_the_tiny_publication(tiny_start, steps):
    replay(*tiny_start, steps)
