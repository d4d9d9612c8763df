"""pamphlet/faults.py: the pages the pagination pass could not mend, on pages made by hand, and as the build's
warnings on a built pamphlet, where tests/layout.py (the same measures, read from the PDF) finds them too."""

from __future__ import annotations

import shutil

from pamphleteer import content
from pamphleteer.errors import display_path
from pamphleteer.pamphlet import faults
from pamphleteer.pamphlet.faults import Fault
from tests import layout
from tests.conftest import SMALL
from tests.pamphlet.test_pagination import page


def test_a_scrap_ending_a_section_and_a_hole_mid_section_are_faults():
    pages = [
        page(1, "chapter-a", 34.7, ["a/0"]),
        page(2, "chapter-a", 20, ["a/1"]),  # 40% left white before the table that opens page 3
        page(3, "chapter-a", 30, ["a/2", "a/3"]),
        page(4, "chapter-a", 2, ["a/4"], first_line_block="a/4"),  # a quotation's two lines
        page(5, "chapter-b", 34.7, ["b/0"]),
        page(6, "chapter-b", 5, ["b/0"]),
    ]
    assert faults.found(pages) == (
        Fault("hole", 2, "chapter-a", "a/2", pages[1].white),
        Fault("runt", 4, "chapter-a", "a/4", 2),
    )


def test_a_footnote_set_past_the_page_of_its_call_is_a_fault_worded_at_its_block():
    pages = [page(1, "chapter-a", 34.7, ["a/0"], notes_later=["a/0"]), page(2, "chapter-a", 30, ["a/1"])]
    assert faults.found(pages) == (Fault("note", 1, "chapter-a", "a/0", 1),)
    book = content.load(SMALL)
    doc = book.chapters[2]
    note = Fault("note", 1, doc.anchor, f"{doc.id}/1", 1)
    line, col = doc.located.position(("blocks", 1, doc.chapter.blocks[1].kind))
    assert [str(p) for p in faults.problems(book, [(12, note)])] == [
        f"{display_path(doc.located.path)}:{line}:{col}: blocks[1].numbered: a footnote of this, called on p. 12 of "
        "'The safety bicycle', is set on a later page; the pagination pass could not mend it: shorten the note, "
        "or move it in the chapter"
    ]


def test_room_left_inside_a_box_that_goes_on_over_the_turn_is_no_hole():
    """A timeline box split over the turn keeps its tint to the foot of the page: the room after its
    last entry there is inside the box (the press's check reads it as ink). The same room after a box
    that ends on the page is a hole."""
    running_on = [
        page(1, "chapter-a", 26, ["a/0", "a/1"], tags={"a/1": "aside"}, first_tag="p"),
        page(2, "chapter-a", 30, ["a/2"], first_line_block="a/1", items={"a/1": 3}),
        page(3, "chapter-a", 30, ["a/3"]),
    ]
    assert faults.found(running_on) == ()
    ended = [
        page(1, "chapter-a", 26, ["a/0", "a/1"], tags={"a/1": "aside"}, first_tag="p"),
        page(2, "chapter-a", 30, ["a/2"]),
        page(3, "chapter-a", 30, ["a/3"]),
    ]
    assert faults.found(ended) == (Fault("hole", 1, "chapter-a", "a/2", ended[0].white),)


def test_a_fault_is_worded_at_the_block_it_concerns_and_kept_as_json():
    book = content.load(SMALL)
    doc = book.chapters[2]
    runt = Fault("runt", 2, doc.anchor, f"{doc.id}/1", 2)
    hole = Fault("hole", 1, "appendix-people", "people/drais", 0.31)
    index = Fault("runt", 2, "appendix-index", "index/0", 2)
    assert Fault.from_list(runt.as_list()) == runt
    line, col = doc.located.position(("blocks", 1, doc.chapter.blocks[1].kind))
    assert [str(p) for p in faults.problems(book, [(12, runt), (20, hole), (30, index)])] == [
        f"{display_path(doc.located.path)}:{line}:{col}: blocks[1].numbered: the last page of 'The safety bicycle', "
        "p. 13, holds only 2 lines of this; the pagination pass could not mend it: lengthen or shorten the "
        "chapter by a few lines",
        "pamphlet: this did not fit at the foot of p. 20, which is left 31% empty in 'Who’s who'; "
        "the pagination pass could not mend it: shorten this entry or the one before it",
        "pamphlet: the last page of 'Index of names', p. 31, holds only 2 lines of this; "
        "the pagination pass could not mend it: a few lines more or fewer before it would",
    ]


def _scrap(folder, words: int) -> None:
    """The small publication with a last chapter of one paragraph of ``words`` words and a one-line quotation."""
    shutil.copytree(SMALL, folder)
    chapter = folder / "chapters" / "safety.yaml"
    text = chapter.read_text(encoding="utf-8")
    sentence = (
        "The rider sat between the wheels and low enough to put a foot down on the road "
        "so that a fall became a stumble rather than a header over the bars"
    )
    filler = sentence.split()
    head, _, slides = text.partition("slides:")
    blocks = (
        f"blocks:\n  - p: >-\n      {' '.join((filler * 40)[:words])}.\n"
        "  - quote: {text: A bicycle is a machine for freedom., who: starley}\n"
    )
    chapter.write_text(head.split("blocks:")[0] + blocks + "slides:" + slides, encoding="utf-8")


def test_a_page_holding_only_a_two_line_quotation_is_a_warning_of_the_build(run, tmp_path):
    """The issue's scrap: a chapter's last page holds a quotation alone. The build says so, at the quotation,
    where the layout checker of the tests finds the runt; with more text before it, neither says a word."""
    for words, scrap in ((380, True), (440, False)):
        pub, out = tmp_path / f"pub{words}", tmp_path / f"out{words}"
        _scrap(pub, words)
        code, _, err = run("pamphlet", "--content", pub, "--output", out)
        assert code == 0, err
        report = layout.check(out / "pamphlet.pdf", layout.compounds(pub), layout.names(pub))
        assert bool(report.runts) == scrap, f"{words} words: {report.runts} (the test's text needs adjusting)"
        chapter = pub / "chapters" / "safety.yaml"
        expected = (
            [
                f"warning: {display_path(chapter)}:6:12: blocks[1].quote: the last page of 'The safety bicycle', "
                f"p. {report.runts[0].split(':')[0].removeprefix('p. ')}, holds only 2 lines of this; the pagination pass could not "
                "mend it: lengthen or shorten the chapter by a few lines"
            ]
            if scrap
            else []
        )
        assert err.splitlines() == expected
