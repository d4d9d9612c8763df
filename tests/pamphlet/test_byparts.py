"""The pamphlet settled part by part: the registers set tighter where that saves notes pages."""

from __future__ import annotations

from pamphleteer.pamphlet import byparts, compose, forms


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
