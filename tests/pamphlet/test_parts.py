"""Laying out the reading edition part by part: workers, kept layouts, links between parts."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from pamphleteer import content
from pamphleteer.engine import pipeline
from pamphleteer.pamphlet import compose, furniture, parts
from pamphleteer.render import typeset
from tests import pdfinfo

SHEETS = ["pamphlet/pamphlet.css"]
PAGE = """<!DOCTYPE html><html lang="en"><body data-book="Book">
<section class="chapter" id="{id}"><header class="opener"><h1 data-running="{head}" data-bookmark="{head}">{head}</h1></header>
<p>{text}</p><p>See <a class="ref chapter" href="#{other}" data-p="p." data-page="3">the other</a>.</p></section>
</body></html>"""


def _html(anchor: str, other: str, paragraphs: int = 1) -> str:
    return PAGE.format(id=anchor, head=f"Head of {anchor}", text="A line of text. " * 60 * paragraphs, other=other)


@dataclass(frozen=True)
class Sources:
    """Parts' HTML by name, as a book's template would render them (no corrections: nothing to correct here)."""

    htmls: tuple[tuple[str, str], ...]

    def html(self, task: parts.Task, corrections: object) -> str:
        return dict(self.htmls)[task.name]

    def keeps(self) -> frozenset[str]:
        return frozenset()


def _layouts(tmp_path: Path, sources: dict[str, str], **options) -> parts.Layouts:
    return parts.Layouts((tmp_path,), SHEETS, "id", Sources(tuple(sources.items())), **options)


def _all(layouts: parts.Layouts, names) -> dict[str, parts.LaidPart]:
    """Every named part, settled."""
    layouts.submit([parts.Task(name) for name in names])
    found = dict(layouts.next() for _ in names)
    return {task.name: part for task, part in found.items()}


@pytest.mark.processes
def test_workers_lay_out_what_one_process_would(tmp_path: Path):
    sources = {f"chapter-{n}": _html(f"chapter-{n}", "chapter-0", n) for n in range(1, 4)}
    sources["chapter-9"] = _html("chapter-9", "chapter-1")
    alone = _all(_layouts(tmp_path, sources, jobs=1), sources)
    pool = _layouts(tmp_path, sources, jobs=2)
    try:
        first = _all(pool, ["chapter-1", "chapter-2", "chapter-3"])
        again = _all(pool, ["chapter-9"])  # the same workers, later
    finally:
        pool.close()
    assert {k: v.pdf for k, v in first.items()} == {k: alone[k].pdf for k in first}
    assert again["chapter-9"].borrowed == frozenset({"chapter-1"})
    assert pool.parts_laid_out == 4


@pytest.mark.processes
def test_the_workers_stop_before_the_furniture_is_laid_out(tmp_path: Path, monkeypatch):
    # Every part is settled once the furniture is laid out: the workers and all they hold are
    # gone before it and the join (a book ten times ours went past a gigabyte with them idle).
    sources = {f"chapter-{n}": _html(f"chapter-{n}", "chapter-0") for n in range(1, 3)}
    pool = _layouts(tmp_path, sources, jobs=2)
    alive: list[bool] = []
    layout = typeset.layout

    def furniture_layout(*args, **kwargs):
        alive.extend(proc.is_alive() for proc in workers)
        return layout(*args, **kwargs)

    try:
        _all(pool, sources)
        assert pool._pool is not None
        workers = [proc for proc, _, _ in pool._pool.jobs.running.values()]
        assert len(workers) == 2 and all(proc.is_alive() for proc in workers)
        monkeypatch.setattr(typeset, "layout", furniture_layout)
        page = '<!DOCTYPE html><html lang="en"><body data-book="Book"><p>Furniture.</p></body></html>'
        pdf, _, _ = furniture.furnish(page, 1, pool)
    finally:
        pool.close()
    assert alive == [False, False] and pdf.startswith(b"%PDF")


def test_jobs_default_to_the_cores_and_can_be_chosen():
    assert parts.jobs_wanted(3) == 3
    assert parts.jobs_wanted(0) >= 1


def test_a_part_keeps_its_links_to_other_parts_and_takes_no_furniture(tmp_path: Path):
    source = Sources((("chapter-a", _html("chapter-a", "chapter-b")),))
    laid, _ = parts.settle("k", parts.Task("chapter-a"), source, (tmp_path,), [*SHEETS, parts.PARTS_CSS], "id")
    assert laid.borrowed == frozenset({"chapter-b"})
    assert laid.anchors["chapter-a"] == 1
    assert laid.running == "Head of chapter-a"
    assert [p.name for p in laid.pages] == ["chapter"] * laid.page_count
    with pikepdf.open(io.BytesIO(laid.pdf)) as pdf:
        dests = {str(a.Dest) for page in pdf.pages for a in page.get("/Annots", [])}
    assert dests == {"chapter-b"}


def test_a_part_only_measured_writes_no_pdf(tmp_path: Path):
    source = Sources((("chapter-a", _html("chapter-a", "chapter-b")),))
    laid, _ = parts.settle("k", parts.Task("chapter-a", write=False), source, (tmp_path,), SHEETS, "id")
    assert laid.pdf == b"" and laid.page_count >= 1 and laid.anchors["chapter-a"] == 1


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


def test_an_edit_lays_out_only_the_part_it_touched_and_prints_what_a_cold_build_prints(
    small: Path, small_out: Path, tmp_path: Path
):
    chapter = small / "chapters" / "high-wheeler.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("blocks:\n", "blocks:\n  - p: One more paragraph, of a few words.\n", 1), "utf-8")
    book = content.load(small)
    stats: dict = {}
    warm = compose.render(book, cache=small_out / pipeline.CACHE, stats=stats)  # the shared build's layouts kept
    assert stats["settled"] == 1  # the edited chapter's part; the others came from the cache
    cold = compose.render(book)
    assert warm == cold
    (tmp_path / "edited.pdf").write_bytes(warm)
    assert "one more paragraph, of a few words." in pdfinfo.text(tmp_path / "edited.pdf")


@pytest.mark.processes
def test_the_end_and_furniture_made_ahead_are_those_one_worker_makes_after(small: Path):
    book = content.load(small)
    two: dict = {}
    one: dict = {}
    ahead = compose.render(book, jobs=2, stats=two)  # made in a process of their own while the last parts settle
    after = compose.render(book, jobs=1, stats=one)  # made once every part settled, in this process
    assert two["ahead"] and not one["ahead"]
    assert ahead == after


@pytest.mark.processes
def test_the_number_of_workers_does_not_change_a_byte(small: Path, run, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for jobs in ("1", "2"):
        assert run("pamphlet", "--content", small, "--output", tmp_path / jobs, "-j", jobs, "-q")[0] == 0
    assert (tmp_path / "1" / "pamphlet.pdf").read_bytes() == (tmp_path / "2" / "pamphlet.pdf").read_bytes()
