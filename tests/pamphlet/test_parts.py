"""Laying out the reading edition part by part: batches, kept layouts, links between parts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf

from pamphleteer.pamphlet import parts

SHEETS = ["pamphlet/pamphlet.css"]
PAGE = """<!DOCTYPE html><html lang="en"><body data-book="Book">
<section class="chapter" id="{id}"><header class="opener"><h1 data-running="{head}" data-bookmark="{head}">{head}</h1></header>
<p>{text}</p><p>See <a class="ref chapter" href="#{other}" data-p="p." data-page="3">the other</a>.</p></section>
</body></html>"""


def _html(anchor: str, other: str, paragraphs: int = 1) -> str:
    return PAGE.format(id=anchor, head=f"Head of {anchor}", text="A line of text. " * 60 * paragraphs, other=other)


def test_workers_lay_out_what_one_process_would(tmp_path: Path):
    sources = {f"chapter-{n}": _html(f"chapter-{n}", "chapter-0", n) for n in range(1, 4)}
    alone = parts.Layouts((tmp_path,), SHEETS, "id", jobs=1).get(sources)
    pool = parts.Layouts((tmp_path,), SHEETS, "id", jobs=2)
    try:
        first = pool.get(sources)
        again = pool.get({"chapter-9": _html("chapter-9", "chapter-1")})  # the same workers, a later round
    finally:
        pool.close()
    assert {k: v.pdf for k, v in first.items()} == {k: v.pdf for k, v in alone.items()}
    assert again["chapter-9"].borrowed == frozenset({"chapter-1"})
    assert pool.laid_out == 4


def test_jobs_default_to_the_cores_and_can_be_chosen():
    assert parts.jobs_wanted(3) == 3
    assert parts.jobs_wanted(0) >= 1


def test_a_part_keeps_its_links_to_other_parts_and_takes_no_furniture(tmp_path: Path):
    laid = parts.lay_out("k", _html("chapter-a", "chapter-b"), (tmp_path,), [*SHEETS, parts.PARTS_CSS], "id")
    assert laid.borrowed == frozenset({"chapter-b"})
    assert laid.anchors["chapter-a"] == 1
    assert laid.running == "Head of chapter-a"
    assert [p.name for p in laid.pages] == ["chapter"] * laid.page_count
    with pikepdf.open(io.BytesIO(laid.pdf)) as pdf:
        dests = {str(a.Dest) for page in pdf.pages for a in page.get("/Annots", [])}
    assert dests == {"chapter-b"}


def test_layouts_are_kept_between_builds_and_a_damaged_one_is_laid_out_again(tmp_path: Path):
    cache = tmp_path / "cache"
    sources = {"chapter-a": _html("chapter-a", "chapter-b"), "chapter-b": _html("chapter-b", "chapter-a", 2)}
    first = parts.Layouts((tmp_path,), SHEETS, "id", jobs=2, cache=cache)
    try:
        laid = first.get(sources)
    finally:
        first.close()
    assert first.laid_out == 2
    first.remember({"pages": {"chapter-a": 1}})

    again = parts.Layouts((tmp_path,), SHEETS, "id", jobs=1, cache=cache)
    assert again.notes() == {"pages": {"chapter-a": 1}}
    kept = again.get(sources)
    assert again.laid_out == 0
    assert {k: v.pdf for k, v in kept.items()} == {k: v.pdf for k, v in laid.items()}
    assert kept["chapter-b"].measured == laid["chapter-b"].measured

    damaged = cache / f"{laid['chapter-a'].key}.pdf"
    damaged.write_bytes(damaged.read_bytes()[:-10])
    third = parts.Layouts((tmp_path,), SHEETS, "id", jobs=1, cache=cache)
    third.get(sources)
    assert third.laid_out == 1


def test_only_the_parts_a_build_used_stay_in_the_cache(tmp_path: Path):
    cache = tmp_path / "cache"
    layouts = parts.Layouts((tmp_path,), SHEETS, "id", jobs=1, cache=cache)
    layouts.get({"chapter-a": _html("chapter-a", "chapter-b")})
    later = parts.Layouts((tmp_path,), SHEETS, "id", jobs=1, cache=cache)
    later.get({"chapter-a": _html("chapter-a", "chapter-c")})  # the part changed
    later.remember({})
    assert sorted(p.suffix for p in cache.iterdir()) == [".json", ".json", ".pdf"]  # the new part and the notes


def _laid_out(err: str) -> list[str]:
    return re.findall(r"pamphlet: (\d+ of \d+) parts laid out", err)


def test_an_edit_lays_out_only_the_part_it_touched(small: Path, run, tmp_path: Path):
    out = tmp_path / "out"
    code, _, err = run("pamphlet", "--content", small, "--output", out, "-v")
    assert code == 0, err
    assert _laid_out(err)[0] == "9 of 9"  # cold: every part
    chapter = small / "chapters" / "high-wheeler.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("blocks:\n", "blocks:\n  - p: One more paragraph, of a few words.\n", 1), "utf-8")
    code, _, err = run("pamphlet", "--content", small, "--output", out, "-v")
    assert code == 0, err
    assert _laid_out(err) == ["1 of 9"]


def test_the_number_of_workers_does_not_change_a_byte(small: Path, run, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for jobs in ("1", "2"):
        assert run("pamphlet", "--content", small, "--output", tmp_path / jobs, "-j", jobs, "-q")[0] == 0
    assert (tmp_path / "1" / "pamphlet.pdf").read_bytes() == (tmp_path / "2" / "pamphlet.pdf").read_bytes()
