"""Same content, same bytes: reproducible outputs, dated by the publication, not the clock."""

from __future__ import annotations

import shutil

import pytest
from pptx import Presentation
from pypdf import PdfReader

from pamphleteer.engine import quick

from .conftest import PUBLICATIONS, SMALL, snapshot

MATCHWOMEN = PUBLICATIONS / "matchwomen"  # a publication with pictures: a cover, a logo, a figure


@pytest.mark.processes
def test_two_clean_builds_are_byte_identical(small_build, run, tmp_path):
    """A clean build now, into another folder, makes the bytes of the session's clean build."""
    assert run("--content", SMALL, "--output", tmp_path / "again", "-q")[0] == 0
    first, second = snapshot(small_build), snapshot(tmp_path / "again")
    # the no-op note holds the files' times and the output folder's path: the only bytes that differ
    del first[quick.NOTE], second[quick.NOTE]
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name


def test_a_publication_with_pictures_prints_the_same_bytes_from_another_folder_into_another(build_of, run, tmp_path):
    """WeasyPrint names each picture in a PDF by the md5 of its URL: a URL holding the folder the
    publication lay in made the PDFs differ when it was built from, or into, somewhere else."""
    first = build_of(MATCHWOMEN)
    moved = shutil.copytree(MATCHWOMEN, tmp_path / "elsewhere" / "deeper" / "mw")
    made = ("pamphlet.pdf", "pamphlet-print.pdf", "handout.pdf")
    assert run("pamphlet", "print", "handout", "--content", moved, "--output", tmp_path / "out", "-q")[0] == 0
    for name in made:
        assert (tmp_path / "out" / name).read_bytes() == (first / name).read_bytes(), name


def test_the_epoch_dates_the_outputs(small, run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14, not the publication's date
    assert run("deck", "--content", small, "--output", tmp_path / "out", "-q")[0] == 0
    props = Presentation(str(tmp_path / "out" / "lecture.pptx")).core_properties
    assert props.created.isoformat() == "2023-11-14T22:13:20" and props.modified == props.created


def test_without_epoch_dates_come_from_the_publication(small_build):
    meta = PdfReader(str(small_build / "pamphlet.pdf")).metadata
    assert meta["/CreationDate"].startswith("D:20250301")
    props = Presentation(str(small_build / "lecture.pptx")).core_properties
    assert props.created.date().isoformat() == "2025-03-01"
    assert props.modified == props.created
