"""The matchwomen publication (issue 30), written as a newcomer would write their first: three chapters,
timeline boxes of five events near page turns, a chart with a unit, three key points a chapter. Its
first build into a fresh folder (the session's) is read back: every output, the contents' and the
index's page numbers, the boxes whole, the handout's points, the deck chart's unit."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from tests import layout
from tests.conftest import PUBLICATIONS

MATCHWOMEN = PUBLICATIONS / "matchwomen"


@pytest.fixture(scope="module")
def built(build_of) -> Path:
    return build_of(MATCHWOMEN)


def _pages(pdf: Path) -> list[str]:
    """Each page's text, as laid out; the list's index + 1 is the page's number (its folio)."""
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")[:-1]


def _plain(text: str) -> str:
    """Letters and digits only, lower case: what a reader reads, whatever the quotes and line breaks."""
    return re.sub(r"[^0-9a-z]+", "", text.replace("\u00ad", "").casefold())


def _chapters() -> list[dict]:
    publication = yaml.safe_load((MATCHWOMEN / "publication.yaml").read_text(encoding="utf-8"))
    return [
        yaml.safe_load((MATCHWOMEN / "chapters" / f"{c}.yaml").read_text(encoding="utf-8"))
        for c in publication["chapters"]
    ]


def test_every_output_is_built(built):
    assert sorted(p.name for p in built.iterdir() if not p.name.startswith(".")) == [
        "handout.pdf",
        "lecture-script.pdf",
        "lecture.pptx",
        "pamphlet-booklet.pdf",
        "pamphlet-print.pdf",
        "pamphlet.epub",
        "pamphlet.pdf",
        "web",
    ]


def test_the_first_build_numbers_every_entry_of_the_contents_and_the_index(built):
    """The issue's first build shipped a contents page without numbers and 'Besant, Annie ,'."""
    pages = _pages(built / "pamphlet.pdf")
    contents = next(p for p in pages if p.lstrip().startswith("Contents"))
    entries = [line for line in contents.splitlines() if ". . ." in line]
    assert len(entries) == 3 + 5  # three chapters and five registers
    for line in entries:
        assert re.search(r"\. (\d+)$", line.rstrip()), line
    index = next(p for p in pages if "\nIndex of names\n" in p)
    lines = index.split("\nIndex of names\n")[1].split("\n\n")[0].splitlines()  # to the first blank line
    # (two balanced columns, side by side in the page's text; a comma between a name and its pages)
    names = sorted(name.strip() for line in lines for name in re.split(r"\s{2,}", line.strip()))
    assert names[0].startswith("Besant, Annie, ") and len(names) == 6, names
    for name in names:
        found = re.fullmatch(r"(\w+), [^,]+, (\d+(?:, \d+)*)", name)
        assert found, name
        for number in found[2].split(", "):  # the surname is on each page the index gives
            assert found[1] in pages[int(number) - 1], (name, number)


def test_the_timeline_boxes_print_every_event_in_order_and_leave_no_hole(built):
    text = _plain("".join(_pages(built / "pamphlet.pdf")))
    events = sorted(
        yaml.safe_load((MATCHWOMEN / "timeline.yaml").read_text(encoding="utf-8"))["events"],
        key=lambda e: str(e["date"]),
    )
    boxes = [b["timeline"] for c in _chapters() for b in c["blocks"] if "timeline" in b]
    assert len(boxes) == 2
    for box in boxes:
        start = text.index(_plain(box["title"]))
        within = [e for e in events if str(box["start"]) <= str(e["date"])[:4] <= str(box["end"])]
        assert len(within) == 5
        for event in within:  # each after the one before, in the box
            start = text.index(_plain(event["title"]), start)
    report = layout.check(built / "pamphlet.pdf", layout.compounds(MATCHWOMEN), layout.names(MATCHWOMEN))
    assert (report.runts, report.underfull, report.page_turn_splits) == ([], [], [])


def test_the_handout_recaps_every_key_point(built):
    handout = _plain("".join(_pages(built / "handout.pdf")))
    points = [p for c in _chapters() for p in c["key_points"]]
    assert len(points) == 9
    for point in points:
        assert _plain(point) in handout, point


def test_the_deck_chart_names_its_unit(built):
    charts = [
        s.chart for slide in Presentation(str(built / "lecture.pptx")).slides for s in slide.shapes if s.has_chart
    ]
    assert [c.value_axis.axis_title.text_frame.text for c in charts if c.value_axis.has_title] == ["pence"]
    assert len(charts) == 1


def test_the_deck_chart_prints_its_labels_as_the_pamphlet_does(built):
    # the data file writes "day's" with a typewriter apostrophe; every output prints the typographic one
    (chart,) = [
        s.chart for slide in Presentation(str(built / "lecture.pptx")).slides for s in slide.shapes if s.has_chart
    ]
    labels = list(chart.plots[0].categories)
    assert "Late (from a day’s 8d)" in labels and not any("'" in label for label in labels)
    assert (
        "Late (from a day’s 8d)"
        in subprocess.run(
            ["pdftotext", str(built / "pamphlet.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
