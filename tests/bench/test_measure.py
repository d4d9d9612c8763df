"""Measuring: a running watch times an edit from the save to its rebuild."""

from __future__ import annotations

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
