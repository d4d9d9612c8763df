"""The pagination pass's decisions (pagination.py, rules.py), on measured pages made by hand (measuring on a small page
laid out by WeasyPrint; the whole pass through the built PDFs in test_pamphlet.py)."""

from __future__ import annotations

from dataclasses import replace

from weasyprint import HTML

from pamphleteer.pamphlet.pagination import Corrections, Settling, review
from pamphleteer.pamphlet.rules import LINE
from pamphleteer.render.weasy import MeasuredPage as Page
from pamphleteer.render.weasy import measure

TOP, BOTTOM = 64.0, 722.0


def page(number: int, section: str, used_lines: float, blocks: list[str], **extra) -> Page:
    info = Page(number, section=section, top=TOP, bottom=BOTTOM, used=TOP + used_lines * LINE, lines=int(used_lines))
    info.blocks = blocks
    info.first_line_block = extra.pop("first_line_block", info.first_block)
    if "first_tag" in extra:
        info.tags = {blocks[0]: extra.pop("first_tag"), **extra.pop("tags", {})}
    for key, value in extra.items():
        setattr(info, key, value)
    return info


def test_a_runt_that_ends_a_paragraph_carries_four_lines_over():
    pages = [page(1, "chapter-a", 34.7, ["a/0", "a/1"]), page(2, "chapter-a", 2, ["a/1"])]
    assert review(pages, Corrections()) == Corrections(carry=frozenset({"a/1"}))


def test_a_short_runt_of_a_long_section_is_taken_back_by_setting_it_tighter():
    pages = [page(n, "chapter-a", 34.7, [f"a/{n}"]) for n in range(1, 11)]
    pages.append(page(11, "chapter-a", 2, ["a/11"]))  # a new paragraph of two lines
    assert review(pages, Corrections()).tight == {"chapter-a"}


def test_a_runt_tightening_cannot_take_back_is_sent_over_looser():
    pages = [page(1, "chapter-a", 34.7, ["a/0"]), page(2, "chapter-a", 3, ["a/1"])]
    assert review(pages, Corrections()).loose == {"chapter-a"}
    # and a section already set tighter that still ends on a runt is set looser instead
    assert review(pages, Corrections(tight=frozenset({"chapter-a"}))) == Corrections(loose=frozenset({"chapter-a"}))


def test_a_hole_left_by_a_figure_that_moved_whole_is_filled_by_the_next_paragraph():
    pages = [
        page(1, "chapter-a", 20, ["a/0", "a/1"]),
        page(2, "chapter-a", 34.7, ["a/2", "a/3"], first_tag="figure", tags={"a/3": "p"}, kinds={"a/2": "quote"}),
        page(3, "chapter-a", 10, ["a/4"]),
    ]
    assert review(pages, Corrections()).defer == {"a/2"}
    assert Corrections(defer=frozenset({"a/2"})).order("a", ["p"] * 5) == [0, 1, 3, 2, 4]

    # set after that paragraph, it still leaves the hole: it goes after the next block too
    deferred = review(pages, Corrections(defer=frozenset({"a/2"})))
    assert deferred.farther == {"a/2"} and deferred.defer == {"a/2"}
    assert deferred.order("a", ["p"] * 5) == [0, 1, 3, 4, 2]
    # and if that leaves it too, a quotation breaks over the page
    farther = review(pages, deferred)
    assert farther.split == {"a/2"}


def test_a_ladder_of_three_hyphens_keeps_the_word_that_moves_least_whole():
    ends = [["a/0", "The", "revolu"], ["a/0", "tionary", "bureau"], ["a/0", "cracy", "Comin"], ["a/0", "tern", ""]]
    pages = [page(1, "chapter-a", 20, ["a/0"], ends=ends), page(2, "chapter-a", 20, ["a/1"])]
    assert review(pages, Corrections()).unbroken == {"a/0|Comintern"}  # "Comin-" moves less than "revolu-", "bureau-"
    assert Corrections(unbroken=frozenset({"a/0|bureaucracy", "a/1|Comintern"})).unbroken_words("a/0") == (
        "bureaucracy",
    )
    # two hyphens in a row, or three in different blocks, are no ladder
    ends = [["a/0", "x", "revolu"], ["a/0", "tionary", "bureau"], ["a/1", "cracy", "Comin"], ["a/1", "tern", ""]]
    assert review([page(1, "chapter-a", 20, ["a/0", "a/1"], ends=ends)], Corrections()).unbroken == set()


def test_a_figure_that_ends_a_section_is_set_smaller_to_fit_the_hole():
    pages = [
        page(1, "chapter-a", 18, ["a/0"]),
        page(2, "chapter-a", 15, ["a/1"], first_tag="figure", kinds={"a/1": "chart"}),
    ]
    assert review(pages, Corrections()).compact == {"a/1"}
    # still too tall when compact: smaller again
    again = review(pages, Corrections(compact=frozenset({"a/1"})))
    assert again.compact == {"a/1"} and again.smaller == {"a/1"}


def test_a_figure_too_tall_for_the_hole_at_a_sections_end_goes_before_a_paragraph_it_fits_above():
    hole = page(1, "chapter-a", 24, ["a/0", "a/1", "a/2"], tags={"a/1": "p", "a/2": "p"})
    hole.tops = {"a/0": TOP, "a/1": TOP + 10 * LINE, "a/2": TOP + 22 * LINE}
    figure = page(2, "chapter-a", 15, ["a/3"], first_tag="figure", tops={"a/3": TOP}, kinds={"a/3": "chart"})
    plan = review([hole, figure], Corrections(compact=frozenset({"a/3"})))
    assert plan.advance == {"a/3>a/1"} and plan.smaller == set()  # 15 lines fit below a/1's top, not a/2's
    assert plan.order("a", ["p"] * 4) == [0, 3, 1, 2]


def test_a_full_page_calls_for_nothing():
    pages = [page(1, "chapter-a", 34.7, ["a/0"]), page(2, "chapter-a", 12, ["a/0", "a/1"], first_line_block="a/0")]
    assert review(pages, Corrections()) == Corrections()


def test_a_long_box_split_with_one_item_over_turns_the_page_two_items_earlier():
    pages = [
        page(1, "chapter-a", 34.7, ["a/0", "a/1"], items={"a/1": 17}),
        page(2, "chapter-a", 20, ["a/1", "a/2"], items={"a/1": 1}),
    ]
    plan = review(pages, Corrections())
    assert plan.turns == {"a/1#15"} and plan.whole == set()
    assert plan.turn("a/1", 15) and not plan.turn("a/1", 16)
    pages[1].items = {"a/1": 3}
    assert review(pages, Corrections()) == Corrections()


def test_a_box_with_fewer_than_three_items_before_the_turn_is_set_closer_then_kept_whole():
    pages = [
        page(1, "chapter-a", 34.7, ["a/0", "a/1"], items={"a/1": 2}),
        page(2, "chapter-a", 20, ["a/1", "a/2"], items={"a/1": 4}),
    ]
    first = review(pages, Corrections())
    assert first.compact == {"a/1"} and first.tight == {"chapter-a"} and first.whole == set()
    assert review(pages, first).whole == {"a/1"}


def test_a_box_with_fewer_than_three_items_after_the_turn_and_too_short_to_turn_earlier_is_kept_whole():
    pages = [
        page(1, "chapter-a", 34.7, ["a/0", "a/1"], items={"a/1": 3}),
        page(2, "chapter-a", 20, ["a/1", "a/2"], items={"a/1": 2}),
    ]
    assert review(pages, Corrections()).whole == {"a/1"}


def test_a_word_hyphenated_over_the_page_turn_is_kept_whole_and_its_paragraph_keeps_its_breaks():
    pages = [
        page(1, "chapter-a", 34.7, ["a/0"], last_line_block="a/0", ends=[["a/0", "The", ""], ["a/0", "was", "dan"]]),
        page(2, "chapter-a", 20, ["a/0", "a/1"], first_line_block="a/0", ends=[["a/0", "gerous", ""]]),
    ]
    corrections = review(pages, Corrections())
    assert corrections.unbroken == {"a/0|dangerous"}
    assert corrections.unbroken_words("a/0") == ("dangerous",)


def test_deferring_moves_a_block_one_place_and_never_off_the_end():
    plan = Corrections(defer=frozenset({"a/0", "a/3"}))
    assert plan.order("a", ["p"] * 4) == [1, 0, 2, 3]


def test_a_deferred_block_never_moves_past_a_subheading():
    plan = Corrections(defer=frozenset({"a/1", "a/4"}))
    assert plan.order("a", ["p", "chart", "heading", "p", "image", "p"]) == [0, 1, 2, 3, 5, 4]
    farther = Corrections(defer=frozenset({"a/1"}), farther=frozenset({"a/1"}))
    assert farther.order("a", ["p", "chart", "p", "heading", "p"]) == [0, 2, 1, 3, 4]


def test_a_hole_before_a_subheading_is_not_filled_from_the_next_subsection():
    """A picture placed under one heading stays under it: with a heading after it, it is set
    smaller to fit the hole, then before a paragraph it fits above."""
    hole = page(1, "chapter-a", 24, ["a/0", "a/1"], tags={"a/1": "p"})
    hole.tops = {"a/0": TOP, "a/1": TOP + 12 * LINE}
    picture = page(2, "chapter-a", 30, ["a/2", "a/3", "a/4"], first_tag="figure", tags={"a/3": "h2", "a/4": "p"})
    picture.kinds, picture.tops = {"a/2": "image"}, {"a/2": TOP, "a/3": TOP + 12 * LINE, "a/4": TOP + 14 * LINE}
    first = review([hole, picture, page(3, "chapter-a", 20, ["a/5"])], Corrections())
    assert first.defer == set() and first.compact == {"a/2"}
    second = review([hole, picture, page(3, "chapter-a", 20, ["a/5"])], first)
    assert second.advance == {"a/2>a/1"}  # 12 lines fit below a/1's top


def test_a_register_ending_on_fewer_than_three_entries_is_set_tighter_then_turns_the_page_earlier():
    pages = [page(n, "appendix-people", 34.7, [f"people/{n}"], entries=12) for n in range(1, 3)]
    pages.append(page(3, "appendix-people", 5, ["people/99"], entries=2))
    assert review(pages, Corrections()) == Corrections(tight=frozenset({"appendix-people"}))
    # still short when tighter: the page turns before the third entry from the end (26 entries: the 24th)
    assert review(pages, Corrections(tight=frozenset({"appendix-people"}))) == Corrections(
        turns=frozenset({"appendix-people#23"})
    )
    # a register set in columns is set tighter, then looser instead
    columns = [replace(p, section="appendix-index") for p in pages]
    assert review(columns, Corrections()) == Corrections(tight=frozenset({"appendix-index"}))
    assert review(columns, Corrections(tight=frozenset({"appendix-index"}))) == Corrections(
        loose=frozenset({"appendix-index"})
    )
    pages[-1].entries = 3
    assert review(pages, Corrections()) == Corrections()
    # in columns, six short entries (three lines a column) are short too: counted by height, as the faults count
    columns[-1] = replace(columns[-1], entries=6, used=TOP + 2.4 * LINE, lines=6)
    assert review(columns, Corrections()) == Corrections(tight=frozenset({"appendix-index"}))
    columns[-1] = replace(columns[-1], used=TOP + 4 * LINE)
    assert review(columns, Corrections()) == Corrections()


def test_a_box_kept_whole_breaks_again_where_its_hole_would_hold_three_items():
    # a 12-entry box moved whole (2 lines an entry) leaves 14 lines empty: room for six entries
    hole = page(1, "chapter-a", 20.7, ["a/0"])
    box = page(2, "chapter-a", 26, ["a/1"], first_tag="section", items={"a/1": 12}, tops={"a/1": TOP})
    assert review([hole, box], Corrections(whole=frozenset({"a/1"}))).whole == set()
    # with six lines empty (two entries and the box's heading) it stays whole
    hole = page(1, "chapter-a", 28.7, ["a/0"])
    assert review([hole, box], Corrections(whole=frozenset({"a/1"}))).whole == {"a/1"}


def test_each_list_entry_counts_once_on_the_page_it_is_set_on():
    items = "".join(f"<li>entry {n}</li>" for n in range(8))
    css = "@page { size: 100mm 60mm; margin: 5mm } li { line-height: 8mm }"
    html = f'<style>{css}</style><section id="s"><ul data-b="s/0">{items}</ul></section>'
    pages = measure(HTML(string=html).render())
    # eight entries, five to the first page (under the list's top margin): each counted once
    assert [p.items for p in pages] == [{"s/0": 5}, {"s/0": 3}]


def test_a_pull_quote_alone_on_a_sections_last_page_is_a_runt_however_tall():
    pages = [page(n, "chapter-a", 34.7, [f"a/{n}"]) for n in range(1, 4)]
    quote = page(4, "chapter-a", 5, ["a/9"], tags={"a/9": "aside"})
    quote.lines = 2
    assert review([*pages, quote], Corrections()).loose == {"chapter-a"}
    # after a paragraph, it goes before that paragraph, whose end then follows it
    pages[-1].tags = {"a/3": "p"}
    assert review([*pages, quote], Corrections()).advance == {"a/9>a/3"}


def test_a_correction_taken_back_is_never_tried_again_so_the_rounds_end():
    """A box split short is set closer, then kept whole; whole, it leaves a hole that would hold
    three entries, so it may break again; broken, it splits short again: the rules alone would
    alternate for ever (the 4- and 5-entry timeline boxes of issue 34)."""
    split = [
        page(1, "chapter-a", 33.7, ["a/0", "a/1"], items={"a/1": 2}),
        page(2, "chapter-a", 20, ["a/1", "a/2"], items={"a/1": 3}),
    ]
    whole = [
        page(1, "chapter-a", 20.7, ["a/0"]),
        page(2, "chapter-a", 26, ["a/1", "a/2"], first_tag="section", items={"a/1": 5}),
    ]
    whole[1].tops = {"a/1": TOP, "a/2": TOP + 10 * LINE}
    settling, now = Settling(), Corrections()
    seen = []
    for pages in (split, whole, split, whole, split):
        now = settling.next(pages, now)
        seen.append(now.whole)
    assert seen == [set(), set(), {"a/1"}, set(), set()]
    assert review(split, now).whole == {"a/1"}  # what the rules alone would do again
    assert settling.next(split, now) == now  # settled: it was taken back once


def test_a_short_form_never_sets_its_sections_tighter_or_looser():
    pages = [page(1, "chapter-a", 34.7, ["a/0"]), page(2, "chapter-a", 3, ["a/1"])]
    assert Settling().next(pages, Corrections()).loose == {"chapter-a"}
    assert Settling(frozenset({"tight", "loose", "carry"})).next(pages, Corrections()) == Corrections()


def test_corrections_round_trip_through_json():
    kept = Corrections(tight=frozenset({"s"}), turns=frozenset({"a/1#4"}))
    assert Corrections.from_lists(kept.as_lists()) == kept


def test_a_footnote_sent_on_past_its_call_has_the_paragraph_over_the_turn_carry_lines_else_a_tighter_section():
    """WeasyPrint sends a page's notes on to keep a paragraph's last lines together at the page's end."""
    called = page(1, "chapter-a", 30, ["a/0", "a/1"], notes_later=["a/0"], ends=[["a/0", "", ""], ["a/1", "", ""]])
    over = page(2, "chapter-a", 34.7, ["a/2"], first_line_block="a/1")
    assert review([called, over], Corrections()) == Corrections(carry=frozenset({"a/1"}))
    # carried already, or no paragraph runs over: the section is set tighter, then looser
    assert review([called, over], Corrections(carry=frozenset({"a/1"}))).tight == {"chapter-a"}
    ended = replace(over, first_line_block="a/2")
    assert review([called, ended], Corrections()) == Corrections(tight=frozenset({"chapter-a"}))
    assert review([called, ended], Corrections(tight=frozenset({"chapter-a"}))) == Corrections(
        loose=frozenset({"chapter-a"})
    )
    # a note set at the foot of its page calls for nothing
    assert review([replace(called, notes_later=[]), over], Corrections()) == Corrections()


def test_a_compact_chart_is_drawn_at_72_percent_of_its_height_and_a_smaller_one_at_60():
    plan = Corrections(compact=frozenset({"a/1", "a/2"}), smaller=frozenset({"a/2"}))
    assert [plan.chart_scale(k) for k in ("a/0", "a/1", "a/2")] == [1.0, 0.72, 0.6]
