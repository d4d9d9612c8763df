"""Measuring: a running watch times an edit from the save to its rebuild."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from pamphleteer.bench import measure


def test_a_running_watch_times_an_edit_from_the_save_to_its_rebuild(small, small_out):
    watch = measure.Watch(small, small_out)
    try:
        chapter = small / "chapters" / "safety.yaml"

        def longer(data: dict) -> None:
            block = next(b for b in data["blocks"] if "p" in b)
            block["p"] += " One more line."

        timing = watch.edit(chapter, longer)
    finally:
        watch.close()
    assert timing.wall > 0 and timing.cpu > 0  # the CPU of the watch and of the layouts it had forked
    assert any(line.startswith("changed: safety.yaml") for line in watch.said)
    assert watch.said[-1].startswith("built pamphlet, print, booklet")
    assert "One more line." in (small_out / "web" / "chapter-safety.html").read_text(encoding="utf-8")


def test_a_measured_command_keeps_pythons_compiled_code_where_the_benchmark_says(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")  # as this project's machine sets it
    monkeypatch.setattr(measure, "PYCACHE", [])
    imports = [sys.executable, "-c", "import pamphleteer.bench.peer"]
    measure.timed(imports)
    assert not (tmp_path / "pycache").exists()
    measure.compiled_in(tmp_path / "pycache")
    measure.timed(imports, compiled=False)  # as the environment says: nothing kept
    assert not (tmp_path / "pycache").exists()
    measure.timed(imports)
    kept = {p.relative_to(tmp_path / "pycache") for p in (tmp_path / "pycache").rglob("*.pyc")}
    peer = measure.ROOT / "pamphleteer" / "bench" / f"peer.{sys.implementation.cache_tag}.pyc"
    assert peer.relative_to(peer.anchor) in kept  # the tool's module, compiled once and kept


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals: an ignored SIGINT is inherited across exec")
def test_a_command_started_where_ctrl_c_is_ignored_still_stops_on_it():
    """A watch started by a benchmark or test run in the background (SIGINT ignored, as a non-interactive
    shell's ``&`` leaves it) stops on the SIGINT that ends it, as one started from a terminal does: it slept
    through it and was ended 30 s later (the running-watch test above: 40 s in CI's default suite, 7-10 s
    run from a terminal)."""
    show = [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)"]
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ignored = subprocess.run(show, capture_output=True, text=True, check=True).stdout.strip()
        with measure.interruptible():
            started = subprocess.run(show, capture_output=True, text=True, check=True).stdout.strip()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # as it was, after
    finally:
        signal.signal(signal.SIGINT, before)
    assert (ignored, started) == ("True", "False")
