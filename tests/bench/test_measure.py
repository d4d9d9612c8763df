"""Measuring: a running watch times an edit from the save to its rebuild."""

from __future__ import annotations

import sys

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
