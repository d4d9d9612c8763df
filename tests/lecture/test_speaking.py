"""The lecture's pace: speaking times with quotations and pauses, the running clock, the rates by
language, the default duration and the warning naming the parts to cut or fill."""

from __future__ import annotations

import math
import re

from pamphleteer import content, lecture
from pamphleteer.lecture import drawing, script_pages, speaking

PAGES = {"draisine": (3, 4), "high-wheeler": (5, 6), "safety": (7, 7)}
PARTS = ["Opening", "The running machine", "High-wheeler", "The safety bicycle", "Closing"]  # of the small lecture


def _plan(root):
    book = content.load(root)
    prs, layouts = drawing.open_master()
    boxes = drawing.boxes(prs, layouts)
    return book, boxes, lecture.plan(book, PAGES, boxes)


def _set_lecture(root, **fields):
    path = root / "publication.yaml"
    extra = "".join(f"  {k}: {v}\n" for k, v in fields.items())
    path.write_text(path.read_text(encoding="utf-8").replace("lecture:\n", "lecture:\n" + extra), encoding="utf-8")


def test_each_slide_is_timed_from_its_notes_and_quotation_with_a_pause(small):
    _set_lecture(small, words_per_minute=100)
    book, _, specs = _plan(small)
    plan = speaking.timing(book, PAGES, specs)
    assert [t.number for t in plan.slides] == list(range(1, len(specs) + 1))
    for before, t, spec in zip((None, *plan.slides), plan.slides, specs, strict=False):
        said = len(spec.notes.split())
        if spec.layout == "quotation":
            said += sum(len(p.split()) for p in spec.texts[1].paragraphs)
        pause = speaking.PAUSE + (speaking.PART_PAUSE if before and before.part != t.part else 0)
        assert t.words == said
        assert t.seconds == max(15, math.ceil(said * 60 / 100) + pause)
    quoted = next(t for t in plan.slides if t.spec.layout == "quotation")
    assert quoted.words > len(quoted.spec.notes.split())  # the quotation is read out, and timed
    assert plan.seconds == sum(t.seconds for t in plan.slides) == sum(s for _, s in plan.parts)
    assert plan.words_per_minute == 100


def test_the_running_clock_starts_each_slide_where_the_last_ended(small):
    book, _, specs = _plan(small)
    plan = speaking.timing(book, PAGES, specs)
    assert plan.slides[0].start == 0
    for before, after in zip(plan.slides, plan.slides[1:], strict=False):
        assert after.start == before.start + before.seconds
    assert plan.slides[-1].start + plan.slides[-1].seconds == plan.seconds


def test_slides_point_to_their_pamphlet_pages_and_parts(small):
    book, _, specs = _plan(small)
    plan = speaking.timing(book, PAGES, specs)
    by_title = {t.spec.title.paragraphs[0]: t for t in plan.slides}
    assert by_title["A machine without pedals"].pages == "pp. 3–4"
    assert by_title["A machine without pedals"].part == "The running machine"
    assert by_title["The modern shape"].pages == "p. 7"
    assert by_title["Agenda"].pages == "" and by_title["Agenda"].part == "Opening"
    assert plan.slides[-1].part == "Closing"
    assert [p for p, _ in plan.parts] == PARTS


def test_the_rate_is_the_languages_unless_the_author_sets_one():
    assert speaking.rate("en") == 130
    assert speaking.rate("es") > speaking.rate("it") > speaking.rate("en") > speaking.rate("de") > speaking.rate("ru")
    assert speaking.rate("ar") < speaking.rate("en")
    assert speaking.rate("es-MX") == speaking.rate("es")
    assert speaking.rate("tr") == 130  # a language without a figure: English's
    assert speaking.rate("es", 110) == 110


def test_a_talk_without_a_duration_is_planned_at_a_minute_a_slide_so_the_check_runs(small):
    assert [speaking.default_duration(n) for n in (1, 8, 11, 63, 67)] == [1, 8, 10, 65, 65]
    book, _, specs = _plan(small)
    plan = speaking.timing(book, PAGES, specs)
    assert not plan.planned and plan.duration == speaking.default_duration(len(specs))
    assert plan.warning.startswith("The notes take ")  # 11 slides of short notes: under 10 minutes


def test_within_ten_percent_no_warning(small):
    book, _, specs = _plan(small)
    total = speaking.timing(book, PAGES, specs).seconds
    assert speaking.warning({"A": total}, total, math.ceil(total / 60), 130) == ""
    assert speaking.warning({"A": total}, total, round(total / 60 / 1.09), 130) == ""


def test_notes_far_over_the_duration_warn_naming_the_longest_parts(small):
    _set_lecture(small, duration=1)
    book, _, specs = _plan(small)
    plan = speaking.timing(book, PAGES, specs)
    own = [p for p in plan.parts if p[0] not in ("Opening", "Closing")]
    longest = sorted(own, key=lambda p: -p[1])[:3]
    over = plan.seconds / 60 - 1
    assert plan.warning == (
        f"The notes take {plan.seconds // 60}:{plan.seconds % 60:02d} at 130 words a minute, "
        f"{over:.0%} over the 1 minutes planned; the longest parts: "
        + ", ".join(f"{t} ({s // 60}:{s % 60:02d})" for t, s in longest)
        + "."
    )


def test_notes_far_under_the_duration_warn_naming_the_thinnest_parts(small):
    _set_lecture(small, duration=60)
    book, _, specs = _plan(small)
    plan = speaking.timing(book, PAGES, specs)
    own = [p for p in plan.parts if p[0] not in ("Opening", "Closing")]
    thinnest = sorted(own, key=lambda p: p[1])[:3]
    assert re.match(r"The notes take \d+:\d\d at 130 words a minute, \d+% under the 60 minutes planned", plan.warning)
    assert plan.warning.endswith(
        "the thinnest parts: " + ", ".join(f"{t} ({s // 60}:{s % 60:02d})" for t, s in thinnest) + "."
    )


def test_the_scripts_parts_gather_the_lectures_into_parts_of_four_slides_or_more():
    def section(title, n):
        return script_pages.Section(title, 0, 0, tuple(range(n)))

    found = [section("Opening", 2), section("A", 3), section("B", 5), section("C", 2), section("Closing", 1)]
    assert [[s.title for s in g] for g in script_pages.groups(found)] == [["Opening", "A"], ["B", "C", "Closing"]]
    assert [[s.title for s in g] for g in script_pages.groups(found[:4])] == [["Opening", "A"], ["B", "C"]]
    assert script_pages.groups([section("Opening", 1)]) == [[section("Opening", 1)]]


def test_a_deck_of_framing_slides_only_is_not_paced_unless_planned(tmp_path):
    """A leaflet's deck (title, agenda, closing: its chapters have no slides) has no talk to time against
    a minute a slide: no warning, so a new leaflet builds silent; a duration the author sets still is."""
    from pamphleteer import cli

    assert cli.main(["new", str(tmp_path / "leaflet"), "--form", "leaflet", "-q"]) == 0
    book, _, specs = _plan(tmp_path / "leaflet")
    assert all(not spec.chapter for spec in specs)
    assert speaking.timing(book, {}, specs).warning == ""
    path = tmp_path / "leaflet" / "publication.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "lecture:\n  duration: 10\n", encoding="utf-8")
    book, _, specs = _plan(tmp_path / "leaflet")
    assert "under the 10 minutes planned" in speaking.timing(book, {}, specs).warning


def test_a_closing_continued_on_a_second_slide_is_all_closing(small):
    """A reading list too long for one closing slide goes on over two (order.py); both close the lecture,
    where the first used to be timed, and printed on the script's cover, as a second "Opening"."""
    sources = small / "sources.yaml"
    extra = "".join(
        f"  - {{id: more{i}, author: An Author, title: A Further History of Cycling in Europe and America with Notes on the Makers of Frames and Wheels in Volume {i}, year: 200{i},"
        f" kind: history}}\n"
        for i in range(1, 6)
    )
    sources.write_text(sources.read_text(encoding="utf-8") + extra, encoding="utf-8")
    publication = small / "publication.yaml"
    publication.write_text(
        publication.read_text(encoding="utf-8").replace(
            "reading: [herlihy]", "reading: [herlihy, more1, more2, more3, more4, more5]"
        ),
        encoding="utf-8",
    )
    book, _, specs = _plan(small)
    plan = speaking.timing(book, PAGES, specs)
    closing = [t for t in plan.slides if not t.spec.chapter and t.number > 2]
    assert len(closing) >= 2 and {t.part for t in closing} == {"Closing"}
    assert [p for p, _ in plan.parts] == PARTS
