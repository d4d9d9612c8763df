"""The lecture's order: title, agenda, a section per chapter with its slides, closing; parts and recap."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from pamphleteer import content, lecture
from pamphleteer.content import model
from pamphleteer.errors import display_path
from pamphleteer.lecture import drawing
from pamphleteer.text import inline
from pamphleteer.text.inline import smart
from pamphleteer.text.pieces import held
from tests.conftest import PUBLICATIONS, SMALL


def _boxes():
    prs, layouts = drawing.open_master()
    return drawing.boxes(prs, layouts)


def test_the_deck_runs_title_agenda_parts_closing():
    book = content.load(SMALL)
    specs = lecture.plan(book, {"draisine": (4, 5)}, _boxes())
    layouts = [s.layout for s in specs]
    assert layouts[:2] == ["title", "points"] and layouts[-1] == "closing"
    assert "section" not in layouts
    assert layouts.count("part") == len([d for d in book.all_chapters() if d.chapter.slides])
    divider = next(s for s in specs if s.layout == "part")
    assert divider.footer == "Pamphlet, pp. 4–5" and divider.chapter == "draisine"
    # where the talk is: every part on the agenda, the first set apart
    agenda = [smart(t) for t, _ in lecture.parts(book)]
    assert list(divider.texts[2].paragraphs) == agenda and divider.texts[2].levels == (1, *[0] * (len(agenda) - 1))
    assert divider.texts[1].paragraphs == (f"Part 1 of {len(agenda)}",)


def test_chapter_dividers_where_the_author_asks_and_never_in_a_short_form():
    book = content.load(SMALL)
    asked = book.publication.model_copy(
        update={"lecture": book.publication.lecture.model_copy(update={"chapter_dividers": True})}
    )
    layouts = [s.layout for s in lecture.plan(replace(book, publication=asked), {}, _boxes())]
    assert layouts.count("section") == len([d for d in book.all_chapters() if d.chapter.slides])
    leaflet = asked.model_copy(update={"form": "leaflet"})
    layouts = [s.layout for s in lecture.plan(replace(book, publication=leaflet), {}, _boxes())]
    assert "section" not in layouts and "part" not in layouts


def test_footers_name_the_printed_form():
    assert lecture.pointer((2, 2), "en", "leaflet") == "Leaflet, p. 2"
    assert lecture.pointer((1, 2), "de", "flyer") == "Flugblatt, S. 1–2"


def test_without_declared_parts_each_chapter_is_a_part():
    book = content.load(SMALL)
    if book.publication.lecture.parts:
        assert [t for t, _ in lecture.parts(book)] == [p.title for p in book.publication.lecture.parts]
    else:
        assert [docs[0].id for _, docs in lecture.parts(book)] == [d.id for d in book.chapters]


def test_recap_gives_each_part_its_pages():
    book = content.load(SMALL)
    pages = {d.id: (n * 2 + 3, n * 2 + 4) for n, d in enumerate(book.all_chapters())}
    recap = lecture.recap(book, pages, _boxes())
    assert len(recap) == len(lecture.parts(book))
    first = recap[0]
    assert first.pages == (min(pages[c][0] for c in first.chapters), max(pages[c][1] for c in first.chapters))
    assert first.frames and first.frames[0].footer == lecture.pointer(first.pages)


def test_recap_holds_every_key_point_and_a_chapter_without_any_by_its_title():
    """Issue 30: the handout showed each chapter's first key point only (a split point read "• Low pay")."""
    book = content.load(PUBLICATIONS / "matchwomen")
    recap = lecture.recap(book, {}, _boxes())
    # each point as the deck draws it (pieces.held: a date on one line), across the lines it was balanced in
    points = [held(p.replace("\n", " ")) for part in recap for frame in part.frames for p in frame.texts[1].paragraphs]
    assert points == [held(inline.smart(k, "en-GB")) for d in book.chapters for k in d.chapter.key_points]
    small = content.load(SMALL)
    titles = [p for part in lecture.recap(small, {}, _boxes()) for p in part.frames[0].texts[1].paragraphs]
    assert titles == [d.chapter.key_points[0] if d.chapter.key_points else d.chapter.title for d in small.chapters]


def test_pointer_reads_as_a_page_or_a_range():
    assert lecture.pointer((14, 14)) == "Pamphlet, p. 14"
    assert lecture.pointer((14, 16)) == "Pamphlet, pp. 14–16"
    assert lecture.pointer(None) == ""


def test_a_chapter_title_too_long_for_its_handout_frame_names_the_cure(small, run, tmp_path):
    chapter = small / "chapters" / "safety.yaml"
    text = chapter.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    long = "The safety bicycle, " + "and the long road from the workshop to the crowded streets of every town, " * 2
    chapter.write_text(text.replace(title, f"title: {long.strip()}"), encoding="utf-8")
    code, _, err = run("handout", "--content", small, "--output", tmp_path / "out")
    line = text.splitlines().index(title) + 1
    assert code == 1
    assert err.splitlines() == [  # the running head, cut to its line, is the pamphlet's warning, not the handout's
        f"{display_path(chapter)}:{line}:8: title: the handout's frame title runs to 3 lines (at most 2); "
        "give the chapter a short_title, which the handout uses",
        "Aborted with 1 error.",
    ]


def test_a_meeting_is_at_the_foot_of_the_title_slide_and_its_contacts_on_the_closing_slide():
    book = content.load(SMALL)
    notice = model.Notice(
        date="2026-03-12", time="7 pm", place="The *Calder Road* Hall", contact=["Joan, 07700 900123", "x.org/a"]
    )
    book = dataclasses.replace(book, publication=book.publication.model_copy(update={"notice": notice}))
    specs = lecture.plan(book, {}, _boxes())
    assert specs[0].footer == "Thursday 12 March 2026 · 7 pm · The Calder Road Hall"
    assert specs[-1].texts[1].paragraphs[-2:] == ("Joan, 07700 900123", "x.org/a")
