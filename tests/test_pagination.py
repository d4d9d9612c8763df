"""The pagination pass's decisions, on measured pages made by hand (the layout itself is tested
through the built PDFs in test_pamphlet.py)."""

from __future__ import annotations

from pamphleteer.pagination import LINE, Page, Plan, review

TOP, BOTTOM = 64.0, 722.0


def page(number: int, section: str, used_lines: float, blocks: list[str], **extra) -> Page:
    info = Page(number, section=section, top=TOP, bottom=BOTTOM, used=TOP + used_lines * LINE, lines=int(used_lines))
    info.blocks = blocks
    info.first_block = blocks[0] if blocks else ""
    info.first_line_block = extra.pop("first_line_block", info.first_block)
    for key, value in extra.items():
        setattr(info, key, value)
    return info


def test_a_runt_that_ends_a_paragraph_carries_four_lines_over():
    pages = [page(1, "chapter-a", 34.7, ["a/0", "a/1"]), page(2, "chapter-a", 2, ["a/1"])]
    assert review(pages, Plan()) == Plan(carry=frozenset({"a/1"}))


def test_a_short_runt_of_a_long_section_is_taken_back_by_setting_it_tighter():
    pages = [page(n, "chapter-a", 34.7, [f"a/{n}"]) for n in range(1, 11)]
    pages.append(page(11, "chapter-a", 2, ["a/11"]))  # a new paragraph of two lines
    assert review(pages, Plan()).tight == {"chapter-a"}


def test_a_runt_tightening_cannot_take_back_is_sent_over_looser():
    pages = [page(1, "chapter-a", 34.7, ["a/0"]), page(2, "chapter-a", 3, ["a/1"])]
    assert review(pages, Plan()).loose == {"chapter-a"}
    # and a section already set tighter that still ends on a runt is set looser instead
    assert review(pages, Plan(tight=frozenset({"chapter-a"}))) == Plan(loose=frozenset({"chapter-a"}))


def test_a_hole_left_by_a_figure_that_moved_whole_is_filled_by_the_next_paragraph():
    pages = [
        page(1, "chapter-a", 20, ["a/0", "a/1"]),
        page(2, "chapter-a", 34.7, ["a/2", "a/3"], first_tag="figure", first_line_block="a/2"),
        page(3, "chapter-a", 10, ["a/4"]),
    ]
    assert review(pages, Plan()).defer == {"a/2"}
    assert Plan(defer=frozenset({"a/2"})).order("a", 5) == [0, 1, 3, 2, 4]


def test_a_figure_that_ends_a_section_is_set_smaller_to_fit_the_hole():
    pages = [page(1, "chapter-a", 18, ["a/0"]), page(2, "chapter-a", 15, ["a/1"], first_tag="figure")]
    assert review(pages, Plan()).compact == {"a/1"}


def test_a_full_page_calls_for_nothing():
    pages = [page(1, "chapter-a", 34.7, ["a/0"]), page(2, "chapter-a", 12, ["a/0", "a/1"], first_line_block="a/0")]
    assert review(pages, Plan()) == Plan()


def test_a_long_box_split_with_one_item_over_turns_the_page_two_items_earlier():
    pages = [
        page(1, "chapter-a", 34.7, ["a/0", "a/1"], items={"a/1": 17}),
        page(2, "chapter-a", 20, ["a/1", "a/2"], items={"a/1": 1}),
    ]
    plan = review(pages, Plan())
    assert plan.turns == {"a/1#15"} and plan.whole == set()
    assert plan.turn("a/1", 15) and not plan.turn("a/1", 16)
    pages[1].items = {"a/1": 3}
    assert review(pages, Plan()) == Plan()


def test_a_short_box_split_with_fewer_than_three_items_on_a_side_is_kept_whole():
    pages = [
        page(1, "chapter-a", 34.7, ["a/0", "a/1"], items={"a/1": 2}),
        page(2, "chapter-a", 20, ["a/1", "a/2"], items={"a/1": 4}),
    ]
    assert review(pages, Plan()).whole == {"a/1"}


def test_a_word_hyphenated_over_the_page_turn_unhyphenates_its_paragraph():
    pages = [
        page(1, "chapter-a", 34.7, ["a/0"], last_line_block="a/0"),
        page(2, "chapter-a", 20, ["a/0", "a/1"], first_line_block="a/0"),
    ]
    assert review(pages, Plan()).unhyphenated == {"a/0"}


def test_deferring_moves_a_block_one_place_and_never_off_the_end():
    plan = Plan(defer=frozenset({"a/0", "a/3"}))
    assert plan.order("a", 4) == [1, 0, 2, 3]
