"""More histories of the tiny publication, for the slow job (see test_purity.py): the same histories
in every run, from a fixed seed."""

from __future__ import annotations

import pytest
from hypothesis import given, seed

from tests.engine.histories import MORE_TINY, TINY_HISTORY, replay


@pytest.mark.slow
@seed(1917)
@MORE_TINY
@given(steps=TINY_HISTORY)
def test_more_histories_of_the_tiny_publication(tiny_start, steps):
    replay(*tiny_start, steps)
