"""The lecture deck, reopened with python-pptx and drawn by LibreOffice: issue 5 as tests."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pypdf import PdfReader

from pamphleteer import content, deck, lecture, measure
from pamphleteer.errors import BuildError, display_path
from pamphleteer.inline import smart
from pamphleteer.lecture import fitting

from . import pdfinfo
from .conftest import CONTENT, SMALL

LAYOUTS = {"title", "section", "points", "quotation", "chart", "table", "timeline", "closing"}


@pytest.fixture(params=[("small_build", SMALL), ("main_build", CONTENT)], ids=["small", "main"])
def built(request):
    fixture, root = request.param
    out = request.getfixturevalue(fixture)
    return out, content.load(root)


def _layouts(prs) -> list[str]:
    return [s.slide_layout.name for s in prs.slides]


def test_structure_follows_the_content(built):
    out, book = built
    prs = Presentation(str(out / "lecture.pptx"))
    names = _layouts(prs)
    assert names[0] == "title" and names[1] == "points" and names[-1] == "closing"
    assert set(names) <= LAYOUTS
    sections = [s for s in prs.slides if s.slide_layout.name == "section"]
    assert [s.shapes.title.text for s in sections] == [
        smart(d.chapter.title) for d in book.all_chapters() if d.chapter.slides
    ]
    authored = sum(len(d.chapter.slides) for d in book.all_chapters())
    content_slides = len(names) - 3 - len(sections)  # title, agenda, closing
    assert content_slides >= authored  # continuations only ever add
    assert round(prs.slide_width / prs.slide_height, 3) == round(16 / 9, 3)


def test_notes_numbers_and_page_pointers_on_every_content_slide(built):
    out, book = built
    prs = Presentation(str(out / "lecture.pptx"))
    marks = pdfinfo.bookmarks(out / "pamphlet.pdf")
    starts = {}
    for (title, page), (_, following) in zip(marks, [*marks[1:], ("", 0)], strict=True):
        starts[title] = (page, following - 1)
    expected = {}
    for doc in book.all_chapters():
        title = smart(doc.chapter.title)
        key = title if doc.chapter.label or doc.number is None else f"{doc.number}. {title}"
        if key in starts:
            expected[title] = starts[key]
    chapter = None
    for number, slide in enumerate(prs.slides, 1):
        layout = slide.slide_layout.name
        footers = {
            ph.placeholder_format.type: ph.text_frame.text
            for ph in slide.placeholders
            if ph.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
        }
        if layout == "section":
            chapter = slide.shapes.title.text
        if layout in ("title",):
            continue
        assert footers[PP_PLACEHOLDER.SLIDE_NUMBER] == str(number)
        if layout in ("points", "closing") and chapter is None:
            continue  # agenda and closing
        assert slide.has_notes_slide and len(slide.notes_slide.notes_text_frame.text.split()) >= 3, number
        start, end = expected[chapter]
        pointer = f"Pamphlet, p. {start}" if start == end else f"Pamphlet, pp. {start}–{end}"
        if layout != "closing":
            assert footers[PP_PLACEHOLDER.FOOTER] == pointer, (number, chapter)


def test_charts_tables_and_pictures_are_native_and_described(built):
    out, book = built
    prs = Presentation(str(out / "lecture.pptx"))
    charts = tables = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                charts += 1
                assert shape._element.nvGraphicFramePr.cNvPr.get("descr")
                series = next(
                    s for s in book.series.values() if s.title == shape._element.nvGraphicFramePr.cNvPr.get("title")
                )
                categories = list(shape.chart.plots[0].categories)
                if series.kind == "pie":  # percentages: on the slice, or in the legend for a small slice
                    total = sum(series.rows[0].values)
                    for k, (label, value) in enumerate(zip(series.labels, series.rows[0].values, strict=True)):
                        share = f"{100 * value / total:.0f}%"
                        on_slice = shape.chart.plots[0].series[0].points[k].data_label.text_frame.text
                        assert on_slice == share or (not on_slice and categories[k] == f"{label} ({share})")
                    continue
                assert categories == [str(label) for label in series.labels]
                # thousands separated, no decimals the data lacks ("#,##0.##" shows "5." in PowerPoint)
                integers = all(v == int(v) for row in series.rows for v in row.values)
                assert shape.chart.plots[0].data_labels.number_format == ("#,##0" if integers else "#,##0.0")
            elif shape.has_table:
                tables += 1
                assert shape._element.nvGraphicFramePr.cNvPr.get("descr").startswith("Table: ")
            elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert shape._element.nvPicPr.cNvPr.get("descr")
    wanted_charts = sum(1 for d in book.all_chapters() for s in d.chapter.slides if s.chart)
    wanted_tables = sum(1 for d in book.all_chapters() for s in d.chapter.slides if s.table)
    assert charts == wanted_charts and tables >= wanted_tables


def test_no_text_overflows_its_box(built):
    """Every text run has an explicit size and its measured lines fit the shape."""
    out, _ = built
    prs = Presentation(str(out / "lecture.pptx"))
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            frame = shape.text_frame
            total = 0.0
            for para in frame.paragraphs:
                runs = [r for r in para.runs if r.text]
                if not runs:
                    continue
                size = runs[0].font.size
                assert size is not None, (number, shape.name)
                bullets = (
                    shape.is_placeholder
                    and shape.placeholder_format.type == PP_PLACEHOLDER.BODY
                    and slide.slide_layout.name in ("points", "closing", "chart")
                )
                width = shape.width / 12700 - 14.4 - (fitting.BULLET if bullets else 0)
                quote = (
                    shape.is_placeholder
                    and slide.slide_layout.name == "quotation"
                    and shape.placeholder_format.idx == 1
                )
                family = "Times New Roman" if quote else "Arial"
                lines = measure.lines("".join(r.text for r in runs), measure.Face(family), size.pt, width)
                total += measure.height(len(lines), size.pt) + (fitting.SPACE_BEFORE if bullets else 0)
            assert total <= shape.height / 12700 - 7.2 + 0.5, (number, shape.name, frame.text[:40])


def test_libreoffice_draws_one_page_per_slide(built, tmp_path):
    out, _ = built
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (apt-get install libreoffice-impress)"
    shutil.copy(out / "lecture.pptx", tmp_path / "lecture.pptx")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "lecture.pptx")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "lecture.pdf"
    prs = Presentation(str(out / "lecture.pptx"))
    assert len(PdfReader(str(pdf)).pages) == len(prs.slides)
    first = pdfinfo.pages(pdf)[0][1]
    assert prs.slides[0].shapes.title.text.split()[0] in first

    # As LibreOffice draws it: every word on its slide, and no word over another. Lines may
    # touch (font boxes are taller than the line pitch), so words clash only when they share
    # more than 40% of the smaller one's height.
    problems = []
    for number, ((width, height), boxes) in enumerate(pdfinfo.words(pdf), 1):
        problems += [
            (number, "off the slide", w) for w, x0, y0, x1, y1 in boxes if x0 < 0 or y0 < 0 or x1 > width or y1 > height
        ]
        for a, b in itertools.combinations(boxes, 2):
            across = min(a[3], b[3]) - max(a[1], b[1])
            down = min(a[4], b[4]) - max(a[2], b[2])
            if across > 1 and down > 0.4 * min(a[4] - a[2], b[4] - b[2]):
                problems.append((number, "overlaps", a[0], b[0]))
    assert problems == []


def test_master_missing_a_layout_is_named(tmp_path, monkeypatch):
    master = Presentation(str(deck.templates_dir() / deck.MASTER))
    for layout in list(master.slide_layouts):
        if layout.name == "timeline":
            master.slide_layouts.remove(layout)
    templates = tmp_path / "templates"
    shutil.copytree(deck.templates_dir(), templates)
    master.save(str(templates / deck.MASTER))
    monkeypatch.setattr("pamphleteer.locations.TEMPLATES", templates)
    with pytest.raises(BuildError) as caught:
        deck.open_master()
    assert [str(p) for p in caught.value.problems] == [
        f"{display_path(templates / deck.MASTER)}: layouts.timeline: the master has no layout named 'timeline' "
        "(it has: title, section, points, quotation, chart, table, points, closing)".replace(
            ", points, closing", ", closing"
        )
    ]


def test_a_quotation_too_long_for_its_slide_fails_with_its_place(small, run):
    chapter = small / "chapters" / "draisine.yaml"
    text = chapter.read_text(encoding="utf-8")
    long = " ".join(["and then I rode on through the town"] * 45)
    text = text.replace(
        "quote: {text: I rode from Mannheim to the relay house and back in a little over an hour.,",
        f"quote: {{text: {long},",
    )
    chapter.write_text(text, encoding="utf-8")
    code, _, err = run("deck", "--content", small, "--output", small / "out")
    assert code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("quote: {text: and then"))
    assert re.fullmatch(
        re.escape(f"{display_path(chapter)}:{line}:")
        + r"\d+"
        + re.escape(": slides[1].quote.text: ")
        + r"\d+ lines do not fit the quotation layout \(\d+\); shorten the quotation",
        err.splitlines()[0],
    )


def test_too_many_points_go_to_a_continuation_slide(small, run):
    chapter = small / "chapters" / "draisine.yaml"
    text = chapter.read_text(encoding="utf-8")
    many = ", ".join(
        f"Point {n} about the running machine and its riders in Baden and the roads they rode on that summer"
        for n in range(1, 12)
    )
    text = text.replace(
        "points: [Built in 1817 by Karl Drais, Pushed along by the feet, A craze for a summer]", f"points: [{many}]"
    )
    chapter.write_text(text, encoding="utf-8")
    assert run("deck", "--content", small, "--output", small / "out")[0] == 0
    prs = Presentation(str(small / "out" / "lecture.pptx"))
    titles = [s.shapes.title.text for s in prs.slides]
    parts = [t for t in titles if t.startswith("A machine without pedals (")]
    assert len(parts) >= 2 and parts == [
        f"A machine without pedals ({n}/{len(parts)})" for n in range(1, len(parts) + 1)
    ]
    points = [
        p.text
        for s in prs.slides
        if s.shapes.title.text.startswith("A machine without pedals")
        for p in s.placeholders[1].text_frame.paragraphs
    ]
    assert len(points) == 11


def test_slide_specs_are_plain_data(small):
    book = content.load(small)
    prs, layouts = deck.open_master()
    specs = lecture.plan(book, {d.id: (4, 5) for d in book.all_chapters()}, deck.boxes(prs, layouts))
    assert [s.layout for s in specs] == [
        "title",
        "points",
        "section",
        "points",
        "quotation",
        "section",
        "table",
        "chart",
        "section",
        "timeline",
        "closing",
    ]
    assert specs[3].footer == "Pamphlet, pp. 4–5"
    assert all(isinstance(s.title.size, float | int) and s.title.size > 0 for s in specs)


def test_machine_without_our_fonts_gets_metric_twins():
    assert measure.known("Arial") and measure.known("Times New Roman")
    assert Path(deck.templates_dir() / "fonts" / "deck" / "LiberationSans-Regular.ttf").is_file()
