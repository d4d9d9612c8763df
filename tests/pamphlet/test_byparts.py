"""The pamphlet settled part by part: the registers set tighter where that saves notes pages."""

from __future__ import annotations

import os

from pamphleteer import content
from pamphleteer.pamphlet import byparts, compose, forms, pagination, parts


def _book(**counts: int) -> byparts._Book:
    return byparts._Book({}, {"front": 3, "chapter-a": 8, **counts}, None)  # type: ignore[arg-type]


BACK = [
    compose.BackItem("chapter", "chapter-b"),
    compose.BackItem("sources", "sources"),
    compose.BackItem("index", "index"),
]


def test_registers_set_tighter_where_that_saves_the_notes_pages_a_book_would_need():
    laid = _book(**{"chapter-b": 3, "sources": 4, "index": 2})  # 20 pages and a back cover: 3 notes pages
    tried = []

    def settle(preset):
        tried.append(sorted(preset))
        assert all(c.tight == {anchor} for anchor, c in preset.items())
        # the sources set tighter end on a runt and turn a page earlier; the index comes back to one page
        return _book(**{"chapter-b": 3, "sources": 5 if "sources" in preset else 4, "index": 1})

    kept = byparts._fewer_fillers(laid, forms.Form("pamphlet"), BACK, settle)
    assert tried == [["index", "sources"], ["index"]]  # registers only, then those that came out shorter
    assert sum(kept.counts.values()) == 19  # no notes page


def test_a_book_a_page_short_of_four_or_whose_registers_do_not_shrink_is_kept_as_laid_out():
    one_short = _book(**{"sources": 4, "index": 2})  # 17 pages and a back cover: 2 notes pages
    never = byparts._fewer_fillers(_book(**{"sources": 5, "index": 2}), forms.Form("pamphlet"), BACK, None)
    assert never.counts["sources"] == 5  # one notes page: not tried (settle would fail)
    same = byparts._fewer_fillers(
        one_short, forms.Form("pamphlet"), BACK, lambda preset: _book(**{"sources": 4, "index": 1})
    )
    assert same is one_short  # one page fewer means three notes pages, not fewer


class _Layouts:
    aside = True

    def __init__(self, kept_at: int | None) -> None:
        self.submitted: list[str] = []
        self.kept = kept_at

    def kept_at(self) -> int | None:
        return self.kept

    def found(self, task: parts.Task) -> None:
        return None

    def submit(self, tasks: list[parts.Task]) -> None:
        self.submitted += [task.name for task in tasks]


class _Source:
    def __init__(self, saved: str | None) -> None:
        self.saved = saved
        self.asked: list[str] = []

    def quotes(self, name: str) -> frozenset[str]:
        self.asked.append(name)
        return frozenset({"chapter-a"}) if name == "front" else frozenset()  # the contents print numbers

    def saved_last(self, names: list[str], after: int) -> str | None:
        return self.saved if after < 5 else None


def test_the_part_saved_since_the_parts_were_kept_is_rendered_and_handed_over_first_then_the_registers():
    names = ["front", "chapter-a", "chapter-b", "chapter-c", "appendix-index"]
    for saved, kept_at, first in (
        ("chapter-b", 1, ["chapter-b", "appendix-index"]),
        (None, 1, ["appendix-index"]),  # none saved since
        ("chapter-b", None, ["appendix-index"]),  # no parts kept: a cold build, the longest first
    ):
        layouts, source, latest = _Layouts(kept_at), _Source(saved), {}
        quotes = byparts._quoted(layouts, source, names, {}, latest)  # type: ignore[arg-type]
        assert source.asked[: len(first)] == first and sorted(source.asked) == sorted(names)
        assert layouts.submitted[: len(first)] == first  # each handed over as soon as it is rendered
        assert "front" not in layouts.submitted and quotes["front"] == {"chapter-a"}
        assert latest["chapter-b"] == parts.Task("chapter-b", start=pagination.NONE)


def test_the_chapter_saved_last_is_found_by_its_file(small):
    book = content.load(small)
    source = compose.PartSource(book, forms.of(book.publication), (), False, ())
    names = [doc.anchor for doc in book.chapters]
    files = {doc.anchor: doc.located.path for doc in book.chapters if doc.located is not None}
    for path in files.values():
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    last = names[1]
    os.utime(files[last], ns=(2_000_000_000, 2_000_000_000))
    assert source.saved_last(names, 1_500_000_000) == last
    assert source.saved_last(names, 2_000_000_000) is None  # not saved since
    assert source.saved_last(names[:1], 0) == names[0]  # only the parts asked about
    assert source.saved_last(["front", "appendix-index"], 0) is None
