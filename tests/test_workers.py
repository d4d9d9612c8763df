"""Renders run in children with a time and memory limit: a hang or a memory hog is an error, not a freeze."""

from __future__ import annotations

import time

import pytest

from pamphleteer import workers
from pamphleteer.errors import BuildError


def _hang() -> None:
    time.sleep(60)


def _hog() -> bytes:
    return b"x" * (8 * 1024**3)


def _double(n: int) -> int:
    return n * 2


def test_results_come_back_from_children():
    assert workers.run({"a": (_double, (2,)), "b": (_double, (5,))}) == {"a": 4, "b": 10}


def test_a_layout_that_hangs_is_stopped_and_named():
    started = time.monotonic()
    with pytest.raises(BuildError) as caught:
        workers.run({"pamphlet": (_hang, ())}, timeout=1)
    assert [str(p) for p in caught.value.problems] == ["pamphlet: layout did not finish within 1s; stopped"]
    assert time.monotonic() - started < 10


def test_a_render_that_eats_memory_is_stopped_and_named():
    with pytest.raises(BuildError) as caught:
        workers.run({"handout": (_hog, ())})
    assert [str(p) for p in caught.value.problems] == [
        f"handout: the render ran out of memory (limit {workers.MEMORY_MB} MB)"
    ]
