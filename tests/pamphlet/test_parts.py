"""Laying out the reading edition part by part: workers, kept layouts, links between parts."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from pamphleteer import content
from pamphleteer.engine import pipeline
from pamphleteer.pamphlet import compose, pagination, parts
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
    # the fonts of parts settled while others were laid out were parsed then, and the join took them
    assert two["fonts_ahead"] and not one["fonts_ahead"]
    assert ahead == after


@pytest.mark.processes
def test_the_number_of_workers_does_not_change_a_byte(small: Path, run, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for jobs in ("1", "2"):
        assert run("pamphlet", "--content", small, "--output", tmp_path / jobs, "-j", jobs, "-q")[0] == 0
    assert (tmp_path / "1" / "pamphlet.pdf").read_bytes() == (tmp_path / "2" / "pamphlet.pdf").read_bytes()


@dataclass(frozen=True)
class _Fitted:
    """A part whose spacing follows its corrections, as the book's template sets it."""

    def html(self, task: parts.Task, corrections: pagination.Corrections) -> str:
        fit = corrections.fit("chapter-a")
        return _html("chapter-a", "chapter-b").replace('class="chapter"', f'class="chapter {fit}"')

    def keeps(self) -> frozenset[str]:
        return frozenset()


def test_corrections_that_come_back_to_a_set_laid_out_before_take_that_layout(tmp_path: Path, monkeypatch):
    tight, loose = (
        pagination.Corrections(tight=frozenset({"chapter-a"})),
        pagination.Corrections(loose=frozenset({"chapter-a"})),
    )

    class Pass:  # tries tight, then loose, then settles back on tight
        def __init__(self, steps: list[pagination.Corrections]) -> None:
            self.steps = steps

        def next(self, measured: object, corrections: pagination.Corrections) -> pagination.Corrections:
            return self.steps.pop(0) if self.steps else corrections

    laid_out: list[str] = []
    layout = typeset.layout
    monkeypatch.setattr(typeset, "layout", lambda html, *args, **kw: laid_out.append(html) or layout(html, *args, **kw))
    monkeypatch.setattr(pagination, "Settling", lambda keeps: Pass([tight, loose, tight]))
    back, _ = parts.settle("k", parts.Task("chapter-a"), _Fitted(), (tmp_path,), SHEETS, "id")
    assert len(laid_out) == len(set(laid_out)) == 3 and back.layouts == 3  # none, tight, loose: tight once
    assert back.corrections == tight
    monkeypatch.setattr(pagination, "Settling", lambda keeps: Pass([]))
    straight, _ = parts.settle("k", parts.Task("chapter-a", start=tight), _Fitted(), (tmp_path,), SHEETS, "id")
    assert straight.pdf == back.pdf  # what a layout of tight alone writes
