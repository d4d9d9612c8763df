"""The script's builder: needs the page map, laid out in a child, reads the lecture; the script laid out in
parts, joined, numbered and kept between builds, read back."""

from __future__ import annotations

import re

import pdfplumber

from pamphleteer import content, lecture
from pamphleteer.builders import REGISTRY, script
from pamphleteer.lecture import drawing, speaking
from tests import pdfinfo
from tests.conftest import PUBLICATIONS, SMALL


def test_it_needs_pages_and_reads_the_lecture():
    script = REGISTRY["script"]
    assert (script.filename, script.needs, script.child, script.optional) == (
        "lecture-script.pdf",
        ("pages",),
        True,
        False,
    )
    assert "lecture" in script.reads(content.load(SMALL))["publication"]


PAGES = {"draisine": (3, 4), "high-wheeler": (5, 6), "safety": (7, 7)}


def _lay_out(root, cache=None, stats=None):
    book = content.load(root)
    prs, layouts = drawing.open_master()
    boxes = drawing.boxes(prs, layouts)
    specs = lecture.plan(book, PAGES, boxes)
    return book, specs, script.lay_out(book, PAGES, specs, boxes, jobs=1, cache=cache, stats=stats)


def test_the_script_has_a_cover_then_each_part_with_its_slides_clock_time_and_pages(small, tmp_path):
    book, specs, made = _lay_out(small)
    pdf = tmp_path / "lecture-script.pdf"
    pdf.write_bytes(made)
    plan = speaking.timing(book, PAGES, specs)
    with pdfplumber.open(pdf) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
    cover, rest = texts[0], re.sub(r"\s+", " ", " ".join(texts[1:]))
    assert "Lecturer’s script" in cover and "Total" in cover and "a minute a slide" in cover
    for title, seconds in plan.parts:
        assert re.search(re.escape(title) + r"\s+\S+\s+\d+:\d\d\s+" + speaking.minutes(seconds), cover)
    for t in plan.slides:
        said = f"Slide {t.number} from {t.start // 60} min {speaking.minutes(t.seconds)}"
        assert said + (f" Pamphlet {t.pages}" if t.pages else "") in rest
    assert "Start with the running machine." in rest
    # every page numbered "n / N" at its foot, as if laid out whole (the parts carry none of their own)
    folios = [re.findall(r"\b(\d+) ?/ ?(\d+)\b", text) for text in texts]
    assert [f[-1] for f in folios] == [(str(n), str(len(texts))) for n in range(1, len(texts) + 1)]
    with pdfplumber.open(pdf) as doc:
        sizes = {
            round(w["size"], 1)
            for p in doc.pages
            for w in p.extract_words(extra_attrs=["size"])
            if w["text"] == "Start"
        }
        assert sizes and all(13 <= s <= 14 for s in sizes)  # notes read at arm's length
        # two or three slides a page where a part has them: the slides' headings per page
        per_page = [len(re.findall(r"Slide \d+ from", p.extract_text() or "")) for p in doc.pages[1:]]
        assert max(per_page) >= 3
        # every letter drawn in a slide's picture (under 9 pt) lies inside the picture's frame
        for page in doc.pages:
            frames = [r for r in page.rects if r["width"] > 200 and 100 < r["height"] < 150]
            for c in page.chars:
                if c["size"] < 8.5 and c["text"].strip():
                    assert any(
                        f["x0"] <= c["x0"]
                        and c["x1"] <= f["x1"]
                        and f["top"] <= c["top"]
                        and c["bottom"] <= f["bottom"]
                        for f in frames
                    ), (page.page_number, c["text"], c["x0"], c["top"])


def test_a_notes_edit_lays_out_only_its_part_again(small, tmp_path):
    cache, stats = tmp_path / "cache", {}
    _lay_out(small, cache, stats)
    assert stats["laid_out"] == {"cover", "part-1", "part-2"}  # opening and first part, the rest
    _, _, first = _lay_out(small, cache, stats)
    assert stats["laid_out"] == set()  # all kept
    chapter = small / "chapters" / "high-wheeler.yaml"
    text = chapter.read_text(encoding="utf-8")
    said = "The chart shows the front wheel growing"  # a slide's notes
    assert said in text
    chapter.write_text(text.replace(said, said.replace("wheel", "hoop")), encoding="utf-8")  # as many words
    _, _, second = _lay_out(small, cache, stats)
    assert stats["laid_out"] == {"part-2"} and second != first


def test_a_leaflets_script_points_to_leaflet_pages(build_of):
    """The tri-fold's slides come up on the leaflet's panels: "Leaflet, p. 2", as its handout frames say."""
    text = " ".join(pdfinfo.text(build_of(PUBLICATIONS / "trifold") / "lecture-script.pdf").split())  # lower case
    assert "leaflet, p. 2" in text and "pamphlet p." not in text
