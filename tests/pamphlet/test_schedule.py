"""When each part is laid out for good (schedule.py), on made-up parts and page counts."""

from __future__ import annotations

from pamphleteer.pamphlet.schedule import PLACEHOLDER, Schedule

NAMES = ["front", "chapter-a", "chapter-b", "appendix-index"]


def _schedule(**quotes: set[str]) -> Schedule:
    home = {n: n for n in NAMES} | {"ix-a": "chapter-a", "ix-b": "chapter-b"}
    return Schedule(NAMES, {n: frozenset(quotes.get(n.replace("-", "_"), set())) for n in NAMES}, home)


def test_parts_that_print_no_number_go_for_good_at_once_and_the_front_is_measured_first():
    plan = _schedule(front={"chapter-a", "chapter-b", "appendix-index"}, appendix_index={"ix-a", "ix-b"})
    wanted = plan.wanted()
    assert ("chapter-a", (), True) in wanted and ("chapter-b", (), True) in wanted
    front = [w for w in wanted if w[0] == "front"]
    assert front == [("front", tuple((a, PLACEHOLDER) for a in ("appendix-index", "chapter-a", "chapter-b")), False)]
    assert not [w for w in wanted if w[0] == "appendix-index"]  # its numbers wait on the chapters, not on itself


def test_numbers_come_from_the_counts_of_every_part_before_the_anchors():
    plan = _schedule(front={"chapter-a", "chapter-b", "appendix-index"}, appendix_index={"ix-a", "ix-b"})
    plan.laid("front", 3, {"front": 1}, (), final=False)
    plan.laid("chapter-a", 5, {"chapter-a": 1, "ix-a": 2}, (), final=True)
    plan.laid("chapter-b", 4, {"chapter-b": 1, "ix-b": 3}, (), final=True)
    assert plan.numbers("appendix-index") == (("ix-a", 5), ("ix-b", 11))
    assert ("appendix-index", (("ix-a", 5), ("ix-b", 11)), True) in plan.wanted()
    plan.laid("appendix-index", 2, {"appendix-index": 1}, (("ix-a", 5), ("ix-b", 11)), final=True)
    assert plan.wanted() == [("front", (("appendix-index", 13), ("chapter-a", 4), ("chapter-b", 9)), True)]
    plan.laid("front", 3, {"front": 1}, plan.numbers("front"), final=True)
    assert plan.done and plan.wanted() == []


def test_a_part_that_came_out_longer_for_good_than_measured_has_the_others_renumbered():
    plan = _schedule(front={"chapter-a", "chapter-b", "appendix-index"}, appendix_index={"ix-b"})
    plan.laid("front", 2, {}, (), final=False)
    plan.laid("chapter-a", 5, {"chapter-a": 1}, (), final=True)
    plan.laid("chapter-b", 4, {"chapter-b": 1, "ix-b": 2}, (), final=True)
    plan.laid("appendix-index", 1, {"appendix-index": 1}, (("ix-b", 8),), final=True)
    plan.laid("front", 3, {}, plan.numbers("front"), final=True)  # a page longer with its real numbers
    assert not plan.done
    assert [w[0] for w in plan.wanted()] == ["front", "appendix-index"]  # both print numbers that moved


def test_a_chapter_citing_a_later_one_is_measured_first_and_one_citing_an_earlier_one_waits():
    plan = _schedule(chapter_a={"chapter-b"}, chapter_b={"chapter-a"})
    wanted = {w[0]: w for w in plan.wanted()}
    assert wanted["chapter-a"] == ("chapter-a", (("chapter-b", PLACEHOLDER),), False)
    assert "chapter-b" not in wanted  # its number needs only the parts before chapter-a


def test_after_two_layouts_for_good_a_part_only_grows_so_the_numbering_ends():
    plan = _schedule(chapter_a={"chapter-b"})
    plan.laid("front", 2, {}, (), final=True)
    plan.laid("chapter-a", 4, {"chapter-a": 1}, (("chapter-b", "00"),), final=False)
    plan.laid("chapter-b", 3, {"chapter-b": 1}, (), final=True)
    assert plan.laid("chapter-a", 5, {"chapter-a": 1}, (("chapter-b", 7),), final=True) == 5
    assert plan.laid("chapter-a", 4, {"chapter-a": 1}, (("chapter-b", 8),), final=True) == 5  # padded to 5
    assert plan.numbers("chapter-a") == (("chapter-b", 8),)


def test_an_anchor_in_no_part_prints_nothing_and_blocks_nothing():
    plan = _schedule(chapter_b={"chapter-gone"})
    assert plan.numbers("chapter-b") == (("chapter-gone", ""),)


def test_a_sections_own_anchor_is_on_its_first_page_before_its_part_is_laid_out():
    plan = _schedule(front={"chapter-a", "appendix-index"}, appendix_index={"ix-a"})
    plan.laid("front", 2, {}, (), final=False)
    plan.laid("chapter-a", 5, {"chapter-a": 1, "ix-a": 3}, (), final=True)
    plan.laid("chapter-b", 4, {"chapter-b": 1}, (), final=True)
    # the contents can be set for good while the index is laid out: it starts on the page after chapter-b
    assert plan.numbers("front") == (("appendix-index", 12), ("chapter-a", 3))
    assert {w[0] for w in plan.wanted() if w[2]} == {"front", "appendix-index"}
    plan.laid("appendix-index", 2, {"appendix-index": 2}, (("ix-a", 5),), final=True)  # it came out elsewhere
    assert plan.numbers("front") == (("appendix-index", 13), ("chapter-a", 3))  # then where it came out


def test_a_forecast_is_made_once_with_guessed_numbers_and_numbers_nothing():
    plan = _schedule(front={"chapter-a"}, appendix_index={"ix-a", "ix-b"})
    plan.forecasting = True
    plan.laid("chapter-a", 4, {"chapter-a": 1, "ix-a": 3}, (), final=True)
    assert not [w for w in plan.wanted() if w[0] == "appendix-index"]  # two parts before it have no count
    plan.laid("chapter-b", 6, {"chapter-b": 1, "ix-b": 2}, (), final=True)
    # the front (being measured) counted as long as the parts laid out are on average: (4 + 6) / 2 = 5
    assert [w for w in plan.wanted() if w[0] == "appendix-index"] == [
        ("appendix-index", (("ix-a", 5 + 3), ("ix-b", 5 + 4 + 2)), False)
    ]
    assert plan.forecasts == {"appendix-index"} and plan.lengths() is None  # the front has no count yet
    assert not [w for w in plan.wanted() if w[0] == "appendix-index"]  # forecast once only
    plan.laid("appendix-index", 3, {"appendix-index": 1}, (("ix-a", 8), ("ix-b", 11)), final=False)
    assert "appendix-index" not in plan.counts and "appendix-index" not in plan.anchors  # it numbers nothing
    plan.laid("front", 2, {"front": 1}, (("chapter-a", "00"),), final=False)
    assert plan.lengths() == {"front": 2, "chapter-a": 4, "chapter-b": 6, "appendix-index": 3}
    assert ("appendix-index", (("ix-a", 5), ("ix-b", 8)), True) in plan.wanted()  # for good, with the real ones


def test_a_forecast_waits_for_one_out_before_it_and_guesses_its_anchors_where_that_one_put_them():
    # chapter-b prints a page of chapter-a; the index, pages of both
    plan = _schedule(chapter_b={"ix-a"}, appendix_index={"ix-a", "ix-b"})
    plan.forecasting = True
    plan.laid("front", 2, {"front": 1}, (), final=True)
    assert ("chapter-b", (("ix-a", 2 + 1),), False) in plan.wanted()  # chapter-a not laid out: its first page
    plan.laid("chapter-a", 4, {"chapter-a": 1, "ix-a": 3}, (), final=True)
    # only chapter-b has no count now, but its forecast is out: the index waits for where its anchors land
    assert [w[0] for w in plan.wanted()] == ["chapter-b"]
    plan.laid("chapter-b", 6, {"chapter-b": 1, "ix-b": 2}, (("ix-a", 3),), final=False)
    guessed = ("appendix-index", (("ix-a", 2 + 3), ("ix-b", 2 + 4 + 2)), False)
    assert guessed in plan.wanted()
    # chapter-b's layout for good lands them where its forecast did: the index's numbers are the guesses
    plan.laid("chapter-b", 6, {"chapter-b": 1, "ix-b": 2}, (("ix-a", 5),), final=True)
    assert plan.numbers("appendix-index") == guessed[1]
