"""The lecture deck, reopened with python-pptx and drawn by LibreOffice: issue 5 as tests."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pypdf import PdfReader

from pamphleteer import cli, content, lecture
from pamphleteer.errors import BuildError, display_path
from pamphleteer.lecture import drawing
from pamphleteer.text import measure
from pamphleteer.text.inline import smart
from tests import inkinfo, pdfinfo, slideinfo
from tests.conftest import CONTENT, SLOW, SMALL

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
LAYOUTS = {"title", "section", "part", "points", "quotation", "chart", "table", "picture", "timeline", "closing"}


HALL_SERIES = """
  - id: makers
    title: Bicycles made in 1895
    kind: hbar
    labels: [Rover, Humber, Raleigh, Singer]
    values: [30, 25, 20, 10]
    source: Illustrative.
  - id: output
    title: Output by year
    kind: line
    labels: ["1880", "1885", "1890", "1895", "1900"]
    values: [10, 40, 25, 60, 55]
    source: Illustrative.
"""
HALL_TABLE = """
  - table:
      id: makers
      caption: Makers and their founders
      columns: [Founder, Born, Died, Famous machine, Notes]
      rows:
""" + "".join(
    f'        - [Founder{n} Surname, "18{30 + n}", "19{10 + n}", A safety bicycle with a diamond frame and chain,'
    " Sold across Britain and the Empire for many years after]\n"
    for n in range(13)
)
HALL_SLIDES = """
  - title: Makers and founders
    table: makers
    notes: The makers, who founded them, and when they lived.
  - title: Who made the most
    chart: makers
    notes: Rover led the field.
  - title: Output rose and fell
    chart: output
    notes: Output by year, with a dip in 1890.
  - title: Riders by machine
    chart: riders
    notes: Most riders chose the safety.
"""


@pytest.fixture(scope="session")
def hall_build(tmp_path_factory) -> tuple[Path, Path]:
    """The small publication with what a new user writes: a wide, long table of years, a pie with
    thin slices, horizontal bars and a line that rises and falls (issue 14's second publication)."""
    root = tmp_path_factory.mktemp("hall") / "pub"
    shutil.copytree(SMALL, root)
    data = (root / "data.yaml").read_text(encoding="utf-8")
    data = data.replace(
        "labels: [Safety, High-wheel, Other]\n    values: [70, 20, 10]",
        "labels: [Safety, High-wheel, Tricycle, Other]\n    values: [80, 12, 4, 4]",
    )
    (root / "data.yaml").write_text(data + HALL_SERIES, encoding="utf-8")
    chapter = root / "chapters" / "high-wheeler.yaml"
    text = chapter.read_text(encoding="utf-8")
    text = text.replace("slides:\n", HALL_TABLE.lstrip("\n") + "slides:\n" + HALL_SLIDES.lstrip("\n"), 1)
    chapter.write_text(text, encoding="utf-8")
    out = root.parent / "out"
    assert cli.main(["--content", str(root), "--output", str(out), "-q"]) == 0
    return out, root


@pytest.fixture(params=["small", pytest.param("main", marks=SLOW), "hall"])
def built(request):
    if request.param == "hall":
        out, root = request.getfixturevalue("hall_build")
    else:
        out = request.getfixturevalue(f"{request.param}_build")
        root = {"small": SMALL, "main": CONTENT}[request.param]
    return out, content.load(root)


_DRAWN: dict[Path, Path] = {}


@pytest.fixture
def drawn(built, tmp_path_factory):
    """The built deck as LibreOffice draws it (once per publication), with the deck and the book."""
    out, book = built
    if out not in _DRAWN:
        _DRAWN[out] = slideinfo.draw(out / "lecture.pptx", tmp_path_factory.mktemp("drawn"))
    return _DRAWN[out], out, book


def _layouts(prs) -> list[str]:
    return [s.slide_layout.name for s in prs.slides]


def test_structure_follows_the_content(built):
    out, book = built
    prs = Presentation(str(out / "lecture.pptx"))
    names = _layouts(prs)
    assert names[0] == "title" and names[1] == "points" and names[-1] == "closing"
    assert set(names) <= LAYOUTS
    assert "section" not in names  # chapter dividers only where the author asks
    dividers = [s for s in prs.slides if s.slide_layout.name == "part"]
    assert [_read(s.shapes.title.text) for s in dividers] == [
        smart(title) for title, docs in lecture.parts(book) if any(d.chapter.slides for d in docs)
    ]
    authored = sum(len(d.chapter.slides) for d in book.all_chapters())
    content_slides = len(names) - 3 - len(dividers)  # title, agenda, closing
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
    # a part's divider points to its chapters' pages; a slide, to its chapter's (found by its title, which a
    # continuation slide carries on)
    spans = {}
    for title, docs in lecture.parts(book):
        covered = [expected[smart(d.chapter.title)] for d in docs if smart(d.chapter.title) in expected]
        spans[smart(title)] = (min(c[0] for c in covered), max(c[1] for c in covered))
    owner = {smart(s.title): smart(d.chapter.title) for d in book.all_chapters() for s in d.chapter.slides}
    for number, slide in enumerate(prs.slides, 1):
        layout = slide.slide_layout.name
        footers = {
            ph.placeholder_format.type: ph.text_frame.text
            for ph in slide.placeholders
            if ph.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
        }
        if layout in ("title",):
            continue
        assert footers[PP_PLACEHOLDER.SLIDE_NUMBER] == str(number)
        if number == 2 or layout == "closing":
            continue  # agenda and closing
        assert slide.has_notes_slide and len(slide.notes_slide.notes_text_frame.text.split()) >= 3, number
        heading = _read(slide.shapes.title.text)
        if layout == "part":
            start, end = spans[heading]
        else:
            start, end = expected[owner[max((t for t in owner if heading.startswith(t)), key=len)]]
        pointer = f"Pamphlet, p. {start}" if start == end else f"Pamphlet, pp. {start}–{end}"
        assert footers[PP_PLACEHOLDER.FOOTER] == pointer, (number, heading)


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
                        dlbl = shape.chart.plots[0].series[0].points[k].data_label._dLbl
                        if dlbl is not None and dlbl.find(qn("c:delete")) is not None:  # thin: named in the legend
                            assert dlbl.find(qn("c:delete")).get("val") == "1"
                            assert categories[k] == f"{label} ({share})"
                        else:
                            assert shape.chart.plots[0].series[0].points[k].data_label.text_frame.text == share
                    continue
                assert categories == [str(label) for label in series.labels]
                # thousands separated in the deck's locale, no decimals the data lacks ("#,##0.##" shows "5.")
                integers = all(v == int(v) for row in series.rows for v in row.values)
                fmt = shape.chart.plots[0].data_labels.number_format
                assert re.fullmatch(r"\[\$-[0-9A-F]+\]#,##0" + ("" if integers else r"\.0{1,2}"), fmt), fmt
            elif shape.has_table:
                tables += 1
                assert shape._element.nvGraphicFramePr.cNvPr.get("descr").startswith("Table: ")
            elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert shape._element.nvPicPr.cNvPr.get("descr")
    wanted_charts = sum(1 for d in book.all_chapters() for s in d.chapter.slides if s.chart)
    wanted_tables = sum(1 for d in book.all_chapters() for s in d.chapter.slides if s.table)
    assert charts == wanted_charts and tables >= wanted_tables


def test_no_text_overflows_its_box(built):
    """Every text run has an explicit size and its lines, wrapped with PIL on the font files, fit the shape."""
    out, _ = built
    prs = Presentation(str(out / "lecture.pptx"))
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            bullets = (  # the points' placeholders: a closing slide's credit has none
                shape.is_placeholder
                and shape.placeholder_format.type == PP_PLACEHOLDER.BODY
                and (slide.slide_layout.name, shape.placeholder_format.idx)
                in {("points", 1), ("closing", 1), ("chart", 13), ("picture", 13)}
            )
            quote = (
                shape.is_placeholder and slide.slide_layout.name == "quotation" and shape.placeholder_format.idx == 1
            )
            title = shape.is_placeholder and shape.placeholder_format.type in TITLES
            width = shape.width / 12700 - 14.4 - (27 if bullets else 0)
            total = 0.0
            for para in shape.text_frame.paragraphs:
                runs = [r for r in para.runs if r.text]
                if not runs:
                    continue
                size = runs[0].font.size
                assert size is not None, (number, shape.name)
                face = {"serif": quote, "italic": quote, "bold": title or bool(runs[0].font.bold), "size": size.pt}
                lines = slideinfo.wrap("".join(r.text for r in runs), width, **face)
                total += lines * size.pt * 1.2 + (6 if bullets else 0)
            assert total <= shape.height / 12700 - 7.2 + 0.5, (number, shape.name, shape.text_frame.text[:40])


def _minimum(slide, shape) -> float:
    """The hall minimum of a shape's text (issue 14)."""
    layout = slide.slide_layout.name
    if not shape.is_placeholder:
        return 18  # timeline labels and dates
    kind, idx = shape.placeholder_format.type, shape.placeholder_format.idx
    if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
        return 14
    if (layout, idx) in {("quotation", 2), ("closing", 2)} or idx == 14 or layout in ("section", "part"):
        return 20  # attributions, dividers' labels, summaries and agendas, captions, the closing credit
    return 24  # titles, points, quotations and every other body text


def _sizes(element) -> list[float]:
    """Every explicit run size in an element, in points."""
    return [int(e.get("sz")) / 100 for e in element.iter() if e.tag.endswith("}rPr") and e.get("sz")]


def test_every_text_meets_its_minimum(built):
    out, _ = built
    prs = Presentation(str(out / "lecture.pptx"))
    under = []
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if shape.has_chart:
                xml = shape.chart.part.blob.decode()
                sizes = [int(v) / 100 for v in re.findall(r'<a:(?:defRPr|rPr)[^>]* sz="(\d+)"', xml)]
                assert sizes, (number, "chart text without a size")
                under += [(number, "chart", s) for s in sizes if s < 18]
            elif shape.has_table:
                under += [(number, "table", s) for s in _sizes(shape._element) if s < 18]
                assert len(shape.table.rows) - 1 <= 7, (number, "table rows")
            elif shape.has_text_frame and shape.text_frame.text.strip():
                sizes = _sizes(shape._element)
                assert sizes, (number, shape.name, "no explicit size")
                least = _minimum(slide, shape)
                under += [(number, shape.name, s) for s in sizes if s < least]
    assert under == []


def test_tables_are_split_evenly(built):
    out, _ = built
    prs = Presentation(str(out / "lecture.pptx"))
    runs: dict[str, list[int]] = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                runs.setdefault(re.sub(r" \(\d+/\d+\)$", "", slide.shapes.title.text), []).append(
                    len(shape.table.rows) - 1
                )
    assert runs
    for title, rows in runs.items():
        assert max(rows) - min(rows) <= 1 and max(rows) <= 7, (title, rows)


def _colour(element) -> str | None:
    fill = element.find(qn("a:solidFill")) if element is not None else None
    rgb = fill.find(qn("a:srgbClr")) if fill is not None else None
    return "#" + rgb.get("val").lower() if rgb is not None else None


def _background(part) -> str | None:
    return _colour(part._element.find(f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}"))


def test_every_text_contrasts_with_what_lies_behind_it(built):
    """4.5:1 at least, from the colours in the file: the run's, else its shape's list style, else its layout's."""
    out, _ = built
    prs = Presentation(str(out / "lecture.pptx"))
    master = _background(prs.slide_master) or "#ffffff"
    weak = []
    for number, slide in enumerate(prs.slides, 1):
        behind = _background(slide.slide_layout) or master
        layout_styles = {ph.placeholder_format.idx: ph for ph in slide.slide_layout.placeholders}
        for shape in slide.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        fill = _colour(cell._tc.tcPr)
                        for rpr in cell._tc.iter(qn("a:rPr")):
                            weak.append((number, "table", _colour(rpr), fill))
            elif shape.has_chart:
                chart = shape.chart
                text = _colour(chart._chartSpace.find(qn("c:txPr") + "//" + qn("a:defRPr")))
                weak.append((number, "chart", text, "#ffffff"))
                if chart.chart_type == XL_CHART_TYPE.PIE:
                    for point in chart.plots[0].series[0].points:
                        if point.data_label.has_text_frame and point.data_label.text_frame.text:
                            run = point.data_label.text_frame.paragraphs[0].runs[0]
                            weak.append(
                                (number, "pie label", str(run.font.color.rgb), str(point.format.fill.fore_color.rgb))
                            )
            elif shape.has_text_frame and shape.text_frame.text.strip():
                own = shape._element.find(".//" + qn("a:lstStyle") + "/" + qn("a:lvl1pPr") + "/" + qn("a:defRPr"))
                layout = layout_styles.get(shape.placeholder_format.idx) if shape.is_placeholder else None
                inherited = (
                    layout._element.find(".//" + qn("a:lvl1pPr") + "/" + qn("a:defRPr")) if layout is not None else None
                )
                for rpr in shape._element.iter(qn("a:rPr")):
                    colour = _colour(rpr) or _colour(own) or _colour(inherited)
                    weak.append((number, shape.name, colour, behind))
    problems = [
        (n, what, fg, bg)
        for n, what, fg, bg in weak
        if fg is None or bg is None or slideinfo.contrast("#" + fg.lstrip("#"), "#" + bg.lstrip("#")) < 4.5
    ]
    assert problems == []


def _read(text: str) -> str:
    """Text as a reader reads it: without the word joiners that hold a range of years on one line, and
    with a title's line breaks as spaces."""
    return " ".join(text.replace("\u2060", "").split())


def _source_words(slide) -> set[str]:
    """The words the deck file puts on a slide, cut where LibreOffice may break a line (spaces, after dashes)."""
    texts = []
    for shape in slide.shapes:
        if shape.has_table:
            texts += [c.text for row in shape.table.rows for c in row.cells]
        elif shape.has_text_frame:
            texts.append(shape.text_frame.text)
    out = set()
    for text in texts:
        for piece in re.split(r"[\s\-–—/]+", _read(text)):
            word = piece.strip(".,;:!?“”‘’\"'()…")
            if len(word) >= 2:
                out.add(word)
    return out


def test_no_word_is_broken_inside_itself(drawn):
    """Every word of every slide appears whole in LibreOffice's drawing (not "Bor / n", "183 / 0")."""
    pdf, out, _ = drawn
    prs = Presentation(str(out / "lecture.pptx"))
    pages = slideinfo.words(pdf)
    broken = []
    for number, (slide, page) in enumerate(zip(prs.slides, pages, strict=True), 1):
        drawn_words = set()
        for text, *_ in page:
            for piece in re.split(r"[\-–—/]+", _read(text)):
                drawn_words.add(piece.strip(".,;:!?“”‘’\"'()…"))
        broken += [(number, w) for w in sorted(_source_words(slide)) if w not in drawn_words]
    assert broken == []


def test_pie_slices_show_percentages_only_as_drawn(drawn):
    """In LibreOffice's drawing, every number inside a pie's frame is a percentage (no stray counts)."""
    pdf, out, _ = drawn
    prs = Presentation(str(out / "lecture.pptx"))
    pages = slideinfo.words(pdf)
    stray = []
    for number, (slide, page) in enumerate(zip(prs.slides, pages, strict=True), 1):
        for shape in slide.shapes:
            if not shape.has_chart or shape.chart.chart_type != XL_CHART_TYPE.PIE:
                continue
            x0, y0 = shape.left / 12700, shape.top / 12700
            x1, y1 = x0 + shape.width / 12700, y0 + shape.height / 12700
            title = shape.chart.chart_title.text_frame.text.split()
            stray += [
                (number, w)
                for w, a, b, c, d in page
                if a >= x0
                and c <= x1
                and b >= y0
                and d <= y1
                and re.search(r"\d", w)
                and "%" not in w
                and w not in title
            ]
    assert stray == []


def test_no_visual_slide_keeps_an_empty_band_a_third_deep(drawn):
    """A chart, table, picture or timeline fills its area; text starts at the top (where the eye returns on
    every slide), so a short list leaves the room under it by design."""
    pdf, out, _ = drawn
    deepest = inkinfo.bands(pdf)
    names = _layouts(Presentation(str(out / "lecture.pptx")))
    visual = {"chart", "table", "picture", "timeline"}
    assert [(n, round(d, 2)) for n, d in enumerate(deepest, 1) if d >= 1 / 3 and names[n - 1] in visual] == []


def test_charts_take_the_pamphlets_colours_and_order(built):
    out, book = built
    shared = json.loads((drawing.templates_dir() / "palette.json").read_text(encoding="utf-8"))  # the pamphlet's too
    prs = Presentation(str(out / "lecture.pptx"))
    seen = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            seen += 1
            chart = shape.chart
            plot = chart.plots[0]
            if chart.chart_type == XL_CHART_TYPE.PIE:
                fills = [str(p.format.fill.fore_color.rgb).lower() for p in plot.series[0].points]
                assert fills == [c.lstrip("#") for c in shared[: len(fills)]]
                continue
            line = chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
            fills = [
                str(s.format.line.color.rgb if line else s.format.fill.fore_color.rgb).lower() for s in plot.series
            ]
            assert fills == [c.lstrip("#") for c in shared[: len(fills)]]
            if chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED:  # read top down, as in the pamphlet
                assert chart.category_axis.reverse_order
    assert seen == sum(1 for d in book.all_chapters() for s in d.chapter.slides if s.chart)


def test_libreoffice_draws_one_page_per_slide(drawn):
    pdf, out, _ = drawn
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


def test_footers_and_slide_numbers_read_as_libreoffice_draws_them(drawn, tmp_path):
    """At least 4.5:1 against the slide in the drawing itself (LibreOffice drew the master's #595959 as #9a9a9a)."""
    pdf = drawn[0]
    weak = []
    for number, ((_, height), boxes) in enumerate(pdfinfo.words(pdf), 1):
        furniture = [b for b in boxes if b[2] > height * 0.9]  # the band under the body
        image = inkinfo.page_image(pdf, number, tmp_path, dpi=150) if furniture else None
        for word, x0, y0, x1, y1 in furniture[:3]:
            text, behind = inkinfo.strongest_ink(image, (x0, y0, x1, y1), dpi=150)
            if slideinfo.contrast(text, behind) < 4.5:
                weak.append((number, word, text, behind))
    assert weak == []


def test_master_missing_a_layout_is_named(tmp_path, monkeypatch):
    master = Presentation(str(drawing.templates_dir() / drawing.MASTER))
    for layout in list(master.slide_layouts):
        if layout.name == "timeline":
            master.slide_layouts.remove(layout)
    templates = tmp_path / "templates"
    shutil.copytree(drawing.templates_dir(), templates)
    master.save(str(templates / drawing.MASTER))
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    with pytest.raises(BuildError) as caught:
        drawing.open_master()
    assert [str(p) for p in caught.value.problems] == [
        f"{display_path(templates / drawing.MASTER)}: layouts.timeline: the master has no layout named 'timeline' "
        "(it has: title, section, points, part, quotation, chart, table, picture, closing)"
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
    code, _, err = run("deck", "--content", small, "--output", small.parent / "out")
    assert code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("quote: {text: and then"))
    assert re.fullmatch(
        re.escape(f"{display_path(chapter)}:{line}:")
        + r"\d+"
        + re.escape(": slides[1].quote.text: ")
        + r"\d+ lines do not fit the quotation layout \(\d+\); shorten the quotation",
        err.splitlines()[0],
    )


def test_an_ellipsis_closing_a_quotation_stays_with_its_last_word_on_the_slide(small, run):
    """The slide's text keeps "back …" together with a no-break space (the shipped deck set the "…" of a
    quotation alone on its last line)."""
    chapter = small / "chapters" / "draisine.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(
        text.replace(
            "quote: {text: I rode from Mannheim to the relay house and back in a little over an hour.,",
            "quote: {text: I rode from Mannheim to the relay house and back ...,",
        ),
        encoding="utf-8",
    )
    assert run("deck", "--content", small, "--output", small.parent / "out")[0] == 0
    prs = Presentation(str(small.parent / "out" / "lecture.pptx"))
    said = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert any(t.endswith("relay house and back\u00a0…”") for t in said), [t for t in said if "relay" in t]


def test_a_page_pointer_linking_to_the_web_edition_keeps_the_footers_grey(small, run):
    """With a url, each content slide's footer links to its page of the web edition; PowerPoint and
    LibreOffice draw a link in the theme's link colour whatever its run says, which was Office's blue
    (the German test deck's footers came out bright blue beside the grey slide number)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    publication = small / "publication.yaml"
    publication.write_text(
        publication.read_text(encoding="utf-8").replace(
            "title: Two Wheels\n", "title: Two Wheels\nurl: https://example.org/two-wheels\n", 1
        ),
        encoding="utf-8",
    )
    assert run("deck", "--content", small, "--output", small.parent / "out")[0] == 0
    prs = Presentation(str(small.parent / "out" / "lecture.pptx"))
    linked = [
        run_
        for slide in prs.slides
        for shape in slide.placeholders
        if shape.placeholder_format.idx == 11
        for run_ in shape.text_frame.paragraphs[0].runs
        if run_.hyperlink.address
    ]
    assert linked and all(r.hyperlink.address.startswith("https://example.org/two-wheels/") for r in linked)
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    link_colours = {theme.find(f".//a:{k}/a:srgbClr", ns).get("val") for k in ("hlink", "folHlink")}
    assert link_colours == {str(r.font.color.rgb) for r in linked} == {"595959"}


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
    assert run("deck", "--content", small, "--output", small.parent / "out")[0] == 0
    prs = Presentation(str(small.parent / "out" / "lecture.pptx"))
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
    prs, layouts = drawing.open_master()
    specs = lecture.plan(book, {d.id: (4, 5) for d in book.all_chapters()}, drawing.boxes(prs, layouts))
    assert [s.layout for s in specs] == [
        "title",
        "points",
        "part",
        "points",
        "quotation",
        "part",
        "table",
        "chart",
        "part",
        "timeline",
        "closing",
    ]
    assert specs[3].footer == "Pamphlet, pp. 4–5"
    assert all(isinstance(s.title.size, float | int) and s.title.size > 0 for s in specs)


def test_machine_without_our_fonts_gets_metric_twins():
    assert measure.known("Arial") and measure.known("Times New Roman")
    # measured as PowerPoint sets Arial on a machine that has it: with its metric twin's advance widths,
    # read here with PIL straight from the bundled file, not with the code under test
    twin = ImageFont.truetype(str(drawing.templates_dir() / "fonts" / "deck" / "LiberationSans-Regular.ttf"), 1000)
    text = "Wheels, 1817–1890"
    assert measure.width(text, measure.Face("Arial"), 10) == pytest.approx(twin.getlength(text) / 100, abs=0.01)


def test_page_pointers_open_the_web_edition_when_the_publication_is_online(small, run, tmp_path):
    publication = small / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    publication.write_text(
        text.replace("title: Two Wheels\n", "title: Two Wheels\nurl: https://example.org/wheels/\n", 1)
    )
    out = tmp_path / "out"
    assert run("deck", "web", "--content", small, "--output", out)[0] == 0
    links = {}
    for slide in Presentation(str(out / "lecture.pptx")).slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.startswith("Pamphlet, p"):
                links[shape.text_frame.text] = shape.text_frame.paragraphs[0].runs[0].hyperlink.address
    assert links and all(address.startswith("https://example.org/wheels/chapter-") for address in links.values())
    assert "https://example.org/wheels/chapter-draisine.html#page-4" in links.values()
    for footer, address in links.items():  # each opens a page the web edition has, at the print page it names
        path, _, fragment = address.removeprefix("https://example.org/wheels/").partition("#")
        assert f'id="{fragment}"' in (out / "web" / path).read_text(encoding="utf-8")
        assert fragment == f"page-{footer.split()[-1].split('–')[0]}"


def test_without_a_url_page_pointers_link_nowhere(small_build):
    for slide in Presentation(str(small_build / "lecture.pptx")).slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.startswith("Pamphlet, p"):
                assert shape.text_frame.paragraphs[0].runs[0].hyperlink.address is None
