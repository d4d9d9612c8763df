"""Settled parts kept in the cache folder between builds: read back only when whole and still true."""

from __future__ import annotations

import pickle
from pathlib import Path

from pamphleteer.pamphlet import partcache
from pamphleteer.render import weasy
from pamphleteer.render.weasy import lines
from tests.pamphlet.test_parts import PAGE, _all, _html, _layouts


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
    kept_lines = partcache.lines_name("chapter-a")  # the part's lines, by its name
    assert sorted(p.suffix or p.name for p in cache.iterdir()) == [".json", ".pdf", kept_lines]
    gone = _layouts(tmp_path, {"chapter-b": _html("chapter-b", "chapter-c")}, jobs=1, cache=cache)
    _all(gone, ["chapter-b"])  # chapter-a is no longer in the book: its lines go with its layout
    gone.sweep()
    assert partcache.lines_name("chapter-b") in {p.name for p in cache.iterdir()}
    assert not (cache / kept_lines).exists()


def test_a_part_laid_out_again_breaks_anew_only_the_lines_of_what_changed(tmp_path: Path, monkeypatch):
    cache = tmp_path / "cache"
    text = "</p><p>".join(f"Paragraph {n}. " + "A line of text. " * 40 for n in range(4))
    before = PAGE.format(id="chapter-a", head="Head", text=text, other="chapter-b")
    after = before.replace("Paragraph 2.", "Paragraph two, edited.")
    file = cache / partcache.lines_name("chapter-a")

    def breaks(html: str, **options: object) -> tuple[bytes, int, int]:
        """A new process's layout of ``html``: its PDF, the lines it asked and those it broke anew."""
        weasy.forget_lines()
        kept = len(pickle.loads(partcache.lines(cache, "chapter-a"))) if file.exists() else 0
        layouts = _layouts(tmp_path, {"chapter-a": html}, jobs=1, cache=cache, **options)
        pdf = _all(layouts, ["chapter-a"])["chapter-a"].pdf
        return pdf, len(pickle.loads(partcache.lines(cache, "chapter-a"))), len(lines._ANSWERS) - kept

    _, asked, anew = breaks(before)
    assert asked == anew > 20  # the first layout breaks every line
    edited, asked, anew = breaks(after)
    assert 0 < anew < asked // 2  # the edited paragraph's lines (one of four), not the others'
    handed: list[bytes] = []
    monkeypatch.setattr(weasy, "adopt_lines", lambda data: handed.append(data) or lines.adopt_lines(data))
    forced, _, _ = breaks(after, fresh=True)  # --force starts from no lines kept
    assert handed == [b""] and edited == forced  # the same bytes with the lines kept as without
    file.write_bytes(file.read_bytes()[:-5])  # damaged: not read
    assert partcache.lines(cache, "chapter-a") == b""
    weasy.forget_lines()
