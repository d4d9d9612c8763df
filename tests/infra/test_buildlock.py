"""The build lock: a second build waits for the first and says so, leaves its files alone, and gives
up with a clear message."""

from __future__ import annotations

import pytest

from pamphleteer.errors import UsageError
from pamphleteer.infra import buildlock, output
from tests import children, pdfinfo
from tests.conftest import snapshot

from .test_output import _edit_a_paragraph


@pytest.mark.processes
def test_a_waiting_build_leaves_the_running_builds_new_files_alone(small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "web").mkdir()
    with buildlock.lock(out):  # a build that has written its new files and is about to move them into place
        (out / (output.TEMP_PREFIX + "pamphlet")).write_bytes(b"%PDF-1.7")
        (out / "web" / (output.TEMP_PREFIX + "index")).write_bytes(b"<!doctype html>")
        build = children.build("deck", "--content", small, "--output", out)
        try:
            build.wait_for("warning: another build is running; waiting for it")
            assert (out / (output.TEMP_PREFIX + "pamphlet")).read_bytes() == b"%PDF-1.7"
            assert (out / "web" / (output.TEMP_PREFIX + "index")).read_bytes() == b"<!doctype html>"
        finally:
            build.stop()


@pytest.mark.processes
def test_second_build_waits_for_the_first(small, small_out):
    out = small_out
    before = snapshot(out)
    _edit_a_paragraph(small)
    with buildlock.lock(out):  # a first build, provably running until the block ends
        build = children.build("--content", small, "--output", out)
        try:
            build.wait_for("warning: another build is running; waiting for it")
            assert build.proc.poll() is None
            assert {k: v for k, v in snapshot(out).items() if k != buildlock.LOCK_NAME} == before
        except BaseException:
            build.stop()
            raise
    code, _, err = build.finish()
    assert code == 0, err
    assert "quite so." in pdfinfo.text(out / "pamphlet.pdf")
    assert not (out / buildlock.LOCK_NAME).exists()


def test_lock_times_out_with_a_clear_message(tmp_path):
    with (
        buildlock.lock(tmp_path),
        pytest.raises(UsageError, match="another build is still running"),
        buildlock.lock(tmp_path, wait=0.3),
    ):
        pass
