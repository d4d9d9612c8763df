"""Slide builders by kind: minimums that move text on or fail with its place, tables for a hall."""

from __future__ import annotations

import dataclasses
import re

from pamphleteer import content, lecture
from pamphleteer.errors import display_path
from pamphleteer.lecture import drawing

PAGES = {"draisine": (3, 4), "high-wheeler": (5, 6), "safety": (7, 7)}


def _specs(root):
    book = content.load(root)
    prs, layouts = drawing.open_master()
    return lecture.plan(book, PAGES, drawing.boxes(prs, layouts))


def test_a_section_summary_too_long_for_20_pt_fails_at_the_summary(small, run):
    publication = small / "publication.yaml"  # chapter dividers, which show the summary, where asked
    publication.write_text(
        publication.read_text(encoding="utf-8").replace("lecture:\n", "lecture:\n  chapter_dividers: true\n"),
        encoding="utf-8",
    )
    chapter = small / "chapters" / "draisine.yaml"
    text = chapter.read_text(encoding="utf-8")
    long = " ".join(["A forester's clerk rode out of Mannheim on a wooden machine."] * 8)
    text = text.replace("summary: How a Baden forester's clerk rode into history.", f"summary: {long}")
    chapter.write_text(text, encoding="utf-8")
    code, _, err = run("deck", "--content", small, "--output", small.parent / "out")
    assert code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("summary:"))
    assert re.fullmatch(
        re.escape(f"{display_path(chapter)}:{line}:")
        + r"\d+: summary: \d+ lines do not fit the section layout \(\d+\) at 20 pt or more; shorten the text",
        err.splitlines()[0],
    )
    assert not (small.parent / "out" / "lecture.pptx").exists()


def test_a_point_too_long_for_any_slide_is_one_error_at_the_point(small):
    """Told once at its point, not again for the slide it was carried onto."""
    book = content.load(small)
    doc = next(d for d in book.chapters if d.id == "draisine")
    long = " ".join(["Pushed along by the feet of a rider who sat astride a wooden beam"] * 30)
    first = doc.chapter.slides[0]
    slide = first.model_copy(update={"points": [first.points[0], long, *first.points[2:]]})
    chapter = doc.chapter.model_copy(update={"slides": [slide, *doc.chapter.slides[1:]]})
    docs = tuple(dataclasses.replace(d, chapter=chapter) if d is doc else d for d in book.chapters)
    told = [str(p) for p in lecture.planned(dataclasses.replace(book, chapters=docs)).problems]
    assert len(told) == 1
    assert re.fullmatch(
        re.escape(f"{display_path(small / 'chapters' / 'draisine.yaml')}:17:43: slides[0].points[1]: ")
        + r"\d+ lines do not fit the points layout \(12\) at 24 pt or more; shorten the point or make it two",
        told[0],
    )


def test_chart_points_that_do_not_fit_beside_the_chart_continue_on_a_points_slide(small):
    chapter = small / "chapters" / "high-wheeler.yaml"
    text = chapter.read_text(encoding="utf-8")
    many = ", ".join(f"Wheel sizes grew for speed in the years after {1860 + n}" for n in range(8))
    text = text.replace("points: [Wheels grew until 1880]", f"points: [{many}]")
    chapter.write_text(text, encoding="utf-8")
    specs = _specs(small)
    k = next(i for i, s in enumerate(specs) if s.chart is not None)
    beside = [p.replace("\n", " ") for p in specs[k].texts[13].paragraphs]  # read across its balanced lines
    after = [
        p
        for s in specs[k + 1 :]
        if s.title.paragraphs[0].startswith("Wheel sizes over time (continued")
        for p in s.texts[1].paragraphs
    ]
    assert beside and after and beside + after == [p.strip() for p in many.split(",")]
    assert specs[k].texts[13].size >= 24
    carried = [s for s in specs[k + 1 :] if s.title.paragraphs[0].startswith("Wheel sizes over time (continued")]
    notes = content.load(small).chapters[1].chapter.slides[1].notes
    assert " ".join(s.notes for s in [specs[k], *carried]) == " ".join(notes.split())  # said once


def test_key_rows_past_seven_are_shared_evenly_at_most_seven_a_slide(small):
    chapter = small / "chapters" / "high-wheeler.yaml"
    text = chapter.read_text(encoding="utf-8")
    rows = ", ".join(f'[Machine {n}, "{1800 + n}", "No"]' for n in range(16))
    text = text.replace('rows: [[Draisine, "1817", "No"], [High-wheeler, "1869", "Yes"]]', f"rows: [{rows}]")
    text = text.replace(
        "    table: machines\n", "    table: machines\n    rows: [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]\n"
    )
    chapter.write_text(text, encoding="utf-8")
    specs = [s for s in _specs(small) if s.table is not None]
    tables = [s.table for s in specs]
    assert [len(t.rows) for t in tables] == [6, 6]
    assert all(t.size >= 18 and len(t.heights) == len(t.rows) + 1 for t in tables)
    assert [r for t in tables for r in t.rows][-1] == ("Machine 15", "1815", "No")
    assert [14 in s.texts for s in specs] == [False, True]  # what is left out, said once at the end
