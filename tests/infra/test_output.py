"""The one writer: failed, interrupted and concurrent builds lose nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pamphleteer.errors import UsageError
from pamphleteer.infra import output
from tests.conftest import ROOT, snapshot


def _build(content: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--output", str(out), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_line(proc: subprocess.Popen, text: str) -> str:
    """Read the build's stderr until a line containing ``text`` arrives (no fixed sleeps)."""
    assert proc.stderr is not None
    for line in proc.stderr:
        if text in line:
            return line
    raise AssertionError(f"the build ended without saying {text!r}")


def test_write_replaces_files_and_skips_unchanged(tmp_path):
    written = output.write(tmp_path, {"a.txt": b"one", "b.txt": b"two"})
    assert [p.name for p in written] == ["a.txt", "b.txt"]
    assert output.write(tmp_path, {"a.txt": b"one", "b.txt": b"three"}) == [tmp_path / "b.txt"]
    assert snapshot(tmp_path) == {"a.txt": b"one", "b.txt": b"three"}


def test_failed_build_keeps_previous_outputs(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("--content", small, "--output", out)[0] == 0
    before = snapshot(out)
    assert sorted(n for n in before if not n.startswith("web/")) == [
        ".pamphleteer-quick.json",
        ".pamphleteer-state.json",
        "handout.pdf",
        "lecture-script.pdf",
        "lecture.pptx",
        "pamphlet-booklet.pdf",
        "pamphlet-print.pdf",
        "pamphlet.epub",
        "pamphlet.pdf",
    ]
    assert "web/index.html" in before
    (small / "chapters" / "safety.yaml").write_text("title: [broken\n", encoding="utf-8")
    code, _, err = run("--content", small, "--output", out, "--force")
    assert code == 1 and err.endswith("Aborted with 1 error.\n")
    assert snapshot(out) == before


def test_stale_temporary_files_are_swept(small, run, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".pamphleteer-tmp-abc123").write_bytes(b"half a pdf")
    assert run("--content", small, "--output", out, "deck")[0] == 0
    assert sorted(snapshot(out)) == [".pamphleteer-quick.json", ".pamphleteer-state.json", "lecture.pptx"]


def test_output_folder_that_cannot_be_written(small, run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = run("--content", small, "--output", blocker / "out")
    assert code == 2
    assert err == f"pamphleteer: {blocker / 'out'}: cannot create output folder: Not a directory\n"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupted_build_keeps_previous_outputs(sig, small, run, tmp_path):
    out = tmp_path / "out"
    assert run("--content", small, "--output", out)[0] == 0
    before = snapshot(out)
    proc = _build(small, out, "--force", "-v")
    _wait_for_line(proc, "pamphlet: laying out")  # inside the layout
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert proc.returncode != 0
    after = {k: v for k, v in snapshot(out).items() if not k.startswith(".pamphleteer-tmp-")}
    after.pop(".pamphleteer.lock", None)  # kill -9 cannot clean up; the next build does
    assert after == before
    assert run("--content", small, "--output", out, "-q")[0] == 0
    assert not [n for n in snapshot(out) if n.startswith((".pamphleteer-tmp-", ".pamphleteer.lock"))]


def test_second_build_waits_for_the_first(small, tmp_path):
    out = tmp_path / "out"
    with output.lock(out):
        proc = _build(small, out, "deck")
        assert _wait_for_line(proc, "warning: another build is running; waiting for it")
        assert proc.poll() is None  # still waiting for the lock
    proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert (out / "lecture.pptx").is_file() and not (out / ".pamphleteer.lock").exists()


def test_lock_times_out_with_a_clear_message(tmp_path):
    with (
        output.lock(tmp_path),
        pytest.raises(UsageError, match="another build is still running"),
        output.lock(tmp_path, wait=0.3),
    ):
        pass


def test_files_get_ordinary_permissions(tmp_path):
    output.write(tmp_path, {"x.pdf": b"%PDF"})
    umask = os.umask(0o022)
    os.umask(umask)
    assert (tmp_path / "x.pdf").stat().st_mode & 0o777 == 0o666 & ~umask
