"""The lecturer's script: speaking times, page pointers, the duration warning, and the PDF read back."""

from __future__ import annotations

import math
import re

import pdfplumber

from pamphleteer import content, lecture
from pamphleteer.lecture import drawing, script_pages
from tests import pdfinfo

PAGES = {"draisine": (3, 4), "high-wheeler": (5, 6), "safety": (7, 7)}


def _plan(root):
    book = content.load(root)
    prs, layouts = drawing.open_master()
    boxes = drawing.boxes(prs, layouts)
    return book, boxes, lecture.plan(book, PAGES, boxes)


def _set_lecture(root, **fields):
    path = root / "publication.yaml"
    extra = "".join(f"  {k}: {v}\n" for k, v in fields.items())
    path.write_text(path.read_text(encoding="utf-8").replace("lecture:\n", "lecture:\n" + extra), encoding="utf-8")


def test_each_slide_is_timed_from_its_notes_at_the_rate(small):
    _set_lecture(small, words_per_minute=100)
    book, _, specs = _plan(small)
    plan = script_pages.timing(book, PAGES, specs)
    assert [t.number for t in plan.slides] == list(range(1, len(specs) + 1))
    for t, spec in zip(plan.slides, specs, strict=True):
        spoken = len(spec.notes.split())
        assert t.words == spoken
        assert t.seconds == max(15, math.ceil(spoken * 60 / 100))
    assert plan.seconds == sum(t.seconds for t in plan.slides) == sum(s for _, s in plan.parts)
    assert plan.words_per_minute == 100


def test_slides_point_to_their_pamphlet_pages_and_parts(small):
    book, _, specs = _plan(small)
    plan = script_pages.timing(book, PAGES, specs)
    by_title = {t.spec.title.paragraphs[0]: t for t in plan.slides}
    assert by_title["A machine without pedals"].pages == "pp. 3–4"
    assert by_title["A machine without pedals"].part == "The running machine"
    assert by_title["The modern shape"].pages == "p. 7"
    assert by_title["Agenda"].pages == "" and by_title["Agenda"].part == "Opening"
    assert plan.slides[-1].part == "Closing"
    assert [p for p, _ in plan.parts] == [
        "Opening",
        "The running machine",
        "High-wheeler",
        "The safety bicycle",
        "Closing",
    ]


def test_no_duration_no_warning_and_within_ten_percent_none_either(small):
    book, _, specs = _plan(small)
    assert script_pages.timing(book, PAGES, specs).warning == ""
    for rate in range(60, 251, 5):  # a rate at which the notes take about a whole number of minutes
        _set_lecture(small, words_per_minute=rate)
        book, _, specs = _plan(small)
        total = script_pages.timing(book, PAGES, specs).seconds
        (small / "publication.yaml").write_text(
            (small / "publication.yaml").read_text(encoding="utf-8").replace(f"  words_per_minute: {rate}\n", ""),
            encoding="utf-8",
        )
        if round(total / 60) and abs(total / (round(total / 60) * 60) - 1) <= 0.10:
            break
    _set_lecture(small, words_per_minute=rate, duration=round(total / 60))
    book, _, specs = _plan(small)
    plan = script_pages.timing(book, PAGES, specs)
    assert abs(plan.seconds / (plan.duration * 60) - 1) <= 0.10
    assert plan.warning == ""


def test_notes_far_over_the_duration_warn_naming_the_longest_parts(small):
    _set_lecture(small, duration=1)
    book, _, specs = _plan(small)
    plan = script_pages.timing(book, PAGES, specs)
    longest = sorted(plan.parts, key=lambda p: -p[1])[:3]
    over = plan.seconds / 60 - 1
    assert plan.warning == (
        f"The notes take {plan.seconds // 60}:{plan.seconds % 60:02d} at 130 words a minute, "
        f"{over:.0%} over the 1 minutes planned; the longest parts: "
        + ", ".join(f"{t} ({s // 60}:{s % 60:02d})" for t, s in longest)
        + "."
    )


def test_notes_far_under_the_duration_warn_too(small):
    _set_lecture(small, duration=60)
    book, _, specs = _plan(small)
    assert re.match(
        r"The notes take \d+:\d\d at 130 words a minute, \d+% under the 60 minutes planned",
        script_pages.timing(book, PAGES, specs).warning,
    )


def test_the_script_pdf_has_a_cover_and_every_slide_with_notes_time_and_pages(small, tmp_path):
    _set_lecture(small, duration=1)
    book, boxes, specs = _plan(small)
    pdf = tmp_path / "lecture-script.pdf"
    pdf.write_bytes(script_pages.render(book, PAGES, specs, boxes))
    plan = script_pages.timing(book, PAGES, specs)
    pages = pdfinfo.pages(pdf)
    cover, rest = pages[0][1], re.sub(r"\s+", " ", " ".join(p[1] for p in pages[1:]))
    assert "Lecturer’s script" in cover and "Total" in cover and "over the 1 minutes planned" in cover
    for title, seconds in plan.parts:
        assert re.search(re.escape(title) + r"\s+\S+\s+" + f"{seconds // 60}:{seconds % 60:02d}", cover)
    for t in plan.slides:
        assert f"Slide {t.number} {t.seconds // 60}:{t.seconds % 60:02d}" in rest
        if t.pages:
            assert f"Slide {t.number} {t.seconds // 60}:{t.seconds % 60:02d} Pamphlet {t.pages}" in rest
    notes = "Start with the running machine."
    assert notes in rest
    with pdfplumber.open(pdf) as doc:  # notes are set at 13-14 pt, to be read at arm's length
        sizes = {
            round(c["size"], 1)
            for page in doc.pages
            for w in page.extract_words(extra_attrs=["size"])
            if w["text"] == "Start"
            for c in [w]
        }
    assert sizes and all(13 <= s <= 14 for s in sizes)
