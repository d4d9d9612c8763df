"""Same content, same bytes: reproducible outputs, dated by the publication, not the clock."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pypdf import PdfReader

from pamphleteer.engine import quick

from .conftest import snapshot


@pytest.mark.processes
def test_two_clean_builds_are_byte_identical(small, run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run("--content", small, "--output", tmp_path / "a", "-q")[0] == 0
    assert run("--content", small, "--output", tmp_path / "b", "-q")[0] == 0
    first, second = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    # the no-op note holds the files' times and the output folder's path: the only bytes that differ
    del first[quick.NOTE], second[quick.NOTE]
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name
    assert PdfReader(str(tmp_path / "a" / "pamphlet.pdf")).metadata["/CreationDate"].startswith("D:20231114")


def test_without_epoch_dates_come_from_the_publication(small_build):
    meta = PdfReader(str(small_build / "pamphlet.pdf")).metadata
    assert meta["/CreationDate"].startswith("D:20250301")
    props = Presentation(str(small_build / "lecture.pptx")).core_properties
    assert props.created.date().isoformat() == "2025-03-01"
    assert props.modified == props.created
