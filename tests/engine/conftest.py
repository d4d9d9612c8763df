"""The engine tests' shared starting points: a publication and its first build, per test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from pamphleteer import cli
from tests.engine.histories import EVERY, build, store_of, tiny


@pytest.fixture(scope="module")
def tiny_start(tmp_path_factory) -> tuple[Path, Path, Path, Path]:
    """The tiny publication at a fixed place, its first build (each history starts from a copy of
    both) and the session's store of clean builds."""
    root = tmp_path_factory.mktemp("tiny")
    assert build(tiny(root / "original"), root / "built", EVERY) == ""
    return root, root / "original", root / "built", store_of(tmp_path_factory)


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> tuple[Path, Path, Path, Path]:
    """The starter publication at a fixed place, its first build and the store of clean builds."""
    root = tmp_path_factory.mktemp("purity")
    assert cli.main(["new", str(root / "original"), "-q"]) == 0
    assert build(root / "original", root / "built", EVERY) == ""
    return root, root / "original", root / "built", store_of(tmp_path_factory)
