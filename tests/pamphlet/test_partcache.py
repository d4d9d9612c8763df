"""Settled parts kept in the cache folder between builds: read back only when whole and still true."""

from __future__ import annotations

from pathlib import Path

from tests.pamphlet.test_parts import _all, _html, _layouts


def test_layouts_are_kept_between_builds_and_a_damaged_one_is_laid_out_again(tmp_path: Path):
    cache = tmp_path / "cache"
    sources = {"chapter-a": _html("chapter-a", "chapter-b"), "chapter-b": _html("chapter-b", "chapter-a", 2)}
    first = _layouts(tmp_path, sources, jobs=2, cache=cache)
    try:
        laid = _all(first, sources)
    finally:
        first.close()
    assert first.parts_laid_out == 2

    again = _layouts(tmp_path, sources, jobs=1, cache=cache)
    kept = _all(again, sources)
    assert again.parts_laid_out == 0
    assert {k: v.pdf for k, v in kept.items()} == {k: v.pdf for k, v in laid.items()}
    assert kept["chapter-b"].pages == laid["chapter-b"].pages

    damaged = cache / f"{laid['chapter-a'].key}.pdf"
    damaged.write_bytes(damaged.read_bytes()[:-10])
    third = _layouts(tmp_path, sources, jobs=1, cache=cache)
    assert _all(third, sources)["chapter-a"].pdf == laid["chapter-a"].pdf
    assert third.parts_laid_out == 1

    forced = _layouts(tmp_path, sources, jobs=1, cache=cache, fresh=True)  # --force: nothing read
    _all(forced, sources)
    assert forced.parts_laid_out == 2


def test_a_kept_layout_whose_files_changed_is_laid_out_again(tmp_path: Path):
    cache = tmp_path / "cache"
    picture = tmp_path / "pic.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    html = _html("chapter-a", "chapter-b").replace("<p>", f'<p><img src="{picture.as_uri()}">', 1)
    _all(_layouts(tmp_path, {"chapter-a": html}, jobs=1, cache=cache), ["chapter-a"])
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"/>', encoding="utf-8")
    again = _layouts(tmp_path, {"chapter-a": html}, jobs=1, cache=cache)
    _all(again, ["chapter-a"])
    assert again.parts_laid_out == 1


def test_only_the_parts_a_build_used_stay_in_the_cache(tmp_path: Path):
    cache = tmp_path / "cache"
    _all(_layouts(tmp_path, {"chapter-a": _html("chapter-a", "chapter-b")}, jobs=1, cache=cache), ["chapter-a"])
    later = _layouts(tmp_path, {"chapter-a": _html("chapter-a", "chapter-c")}, jobs=1, cache=cache)  # the part changed
    _all(later, ["chapter-a"])
    later.sweep()
    assert sorted(p.suffix for p in cache.iterdir()) == [".json", ".pdf"]
