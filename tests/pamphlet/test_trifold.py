"""The tri-fold leaflet (tests/publications/trifold), built with every output: its folded sheet reads in
order, read back from the print edition's and the booklet's page text, with the meeting on the front."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from tests import epubinfo, layout, pdfinfo
from tests.conftest import PUBLICATIONS

MM = 72 / 25.4
WIDTHS = [100, 100, 100, 97, 97, 100]  # the panels in reading order, mm: the inner flap (4, 5) narrower
SIDES = [(5, 6, 1), (2, 3, 4)]  # left to right: the outside, then the inside
DATE = "Thursday 12 March 2026"
CONTACT = ["rent@calderroadtenants.org.uk", "www.calderroadtenants.org.uk/rent-rise-meeting"]


@pytest.fixture(scope="module")
def trifold(build_of) -> Path:
    return build_of(PUBLICATIONS / "trifold")


def _panels(words: list[tuple[str, float, float, float, float]], left: float, panels: tuple[int, ...]) -> dict:
    """The words of a printed side by the panel they lie on (their middle between its folds)."""
    found: dict[int, list[str]] = {n: [] for n in panels}
    edges, x = [], left
    for n in panels:
        edges.append((n, x, x + WIDTHS[n - 1] * MM))
        x += WIDTHS[n - 1] * MM
    for word, x0, _, x1, _ in words:
        middle = (x0 + x1) / 2
        found[next(n for n, a, b in edges if a <= middle < b)].append(word)
    return found


def test_every_output_is_built(trifold):
    for name in ("pamphlet.pdf", "pamphlet-print.pdf", "pamphlet-booklet.pdf", "lecture.pptx", "handout.pdf"):
        assert (trifold / name).stat().st_size > 0, name
    assert (trifold / "lecture-script.pdf").is_file() and (trifold / "pamphlet.epub").is_file()
    assert (trifold / "web" / "index.html").is_file()


def test_the_reading_edition_is_six_panels_the_inner_flap_narrower(trifold):
    sizes = [size for size, _ in pdfinfo.words(trifold / "pamphlet.pdf")]
    assert [round(w / MM) for w, _ in sizes] == WIDTHS
    assert {round(h / MM) for _, h in sizes} == {210}


@pytest.mark.parametrize(("name", "margin"), [("pamphlet-print.pdf", 8 * MM), ("pamphlet-booklet.pdf", 0.0)])
def test_the_folded_sheet_reads_in_order(trifold, name, margin):
    """Each panel's text lands between its folds on its side: the outside flap | back | front, the inside
    2 | 3 | 4; turned over on the short edge each panel lies behind its own, so folded it reads 1 to 6."""
    reading = [words for _, words in pdfinfo.words(trifold / "pamphlet.pdf")]
    sides = pdfinfo.words(trifold / name)
    assert len(sides) == 2
    for (size, words), panels in zip(sides, SIDES, strict=True):
        assert round((size[0] - 2 * margin) / MM) == 297 and round((size[1] - 2 * margin) / MM) == 210
        found = _panels(words, margin, panels)
        for n in panels:
            assert found[n] == [w for w, *_ in reading[n - 1]], f"panel {n} of {name}"
    outside = _panels(sides[0][1], margin, SIDES[0])
    front, back = " ".join(outside[1]), " ".join(outside[6])
    assert "The Rent Rise" in front and DATE in front and "7 pm to 9 pm" in front
    assert "every household on the estate has one vote" in back
    inside = _panels(sides[1][1], margin, SIDES[1])
    assert " ".join(inside[2]).startswith("The letter we all received Last month")
    # the text runs on from the inner flap's inside over to its outside, mid-sentence
    assert inside[4][-2:] == ["whether", "or"] and outside[5][:3] == ["not", "you", "are"]


def test_the_print_edition_marks_each_fold_between_the_crop_marks(trifold):
    with pdfplumber.open(trifold / "pamphlet-print.pdf") as pdf:
        for page, panels in zip(pdf.pages, SIDES, strict=True):
            folds = [8 + sum(WIDTHS[n - 1] for n in panels[:k]) for k in (1, 2)]
            upright = {round(line["x0"] / MM, 1) for line in page.lines if abs(line["x0"] - line["x1"]) < 0.01}
            assert {float(f) for f in folds} <= upright, (folds, sorted(upright))


def test_a_contact_address_on_the_front_breaks_without_a_hyphen_of_its_own(trifold):
    pages, _, _ = layout.lines(trifold / "pamphlet.pdf")
    front = [" ".join(line.words) for line in pages[0]]
    start = next(i for i, text in enumerate(front) if text.startswith("www"))
    # the address's pieces, a line each as far as it needs, give it back letter for letter
    k = next(k for k in (1, 2, 3) if "".join(front[start : start + k]) == CONTACT[1])
    assert not any(text.endswith(("-", ".")) for text in front[start : start + k - 1]), front[start : start + k]
    assert CONTACT[0] in front


def test_the_meeting_is_on_the_epub_title_page_the_web_front_page_and_the_deck(trifold):
    with zipfile.ZipFile(trifold / "pamphlet.epub") as epub:
        title = epub.read("EPUB/title.xhtml").decode()
    home = (trifold / "web" / "index.html").read_text(encoding="utf-8")
    for page in (title, home):
        text = " ".join(re.sub(r"<[^>]+>", "", page).split())
        assert 'class="notice"' in page and DATE in text and "Calder Road Community Hall" in text
    deck = Presentation(str(trifold / "lecture.pptx"))
    first = [s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame]
    last = [s.text_frame.text for s in deck.slides[-1].shapes if s.has_text_frame]
    assert f"{DATE} · 7 pm to 9 pm · Calder Road Community Hall, 12 Calder Road" in first
    assert any(text.replace("\u200b", "").split("\n")[-2:] == CONTACT for text in last), last


def test_a_right_to_left_tri_fold_opens_the_other_way_its_front_text_inside_its_panel(run, tmp_path):
    pub = tmp_path / "pub"
    shutil.copytree(PUBLICATIONS / "trifold", pub)
    yaml = (pub / "publication.yaml").read_text(encoding="utf-8")
    (pub / "publication.yaml").write_text(yaml.replace("language: en-GB", "language: he"), encoding="utf-8")
    code, _, err = run("--content", pub, "--output", tmp_path / "out", "pamphlet", "booklet")
    assert code == 0, err
    front = pdfinfo.words(tmp_path / "out" / "pamphlet.pdf")[0][1]
    subtitle = "Why Calder Road tenants are meeting, and what we can do together"
    assert set(subtitle.split()) <= {w for w, *_ in front}  # none cut off at the panel's edge
    outside = pdfinfo.words(tmp_path / "out" / "pamphlet-booklet.pdf")[0][1]
    panels = _panels(outside, 0.0, (1, 6, 5))  # the front at the left, the flap at the right
    assert panels[1] == [w for w, *_ in front]


def test_the_epub_with_its_notices_passes_epubcheck(trifold):
    done = epubinfo.check(trifold / "pamphlet.epub")
    assert epubinfo.CLEAN in done.stdout, done.stdout + done.stderr


def test_a_handout_without_events_has_no_timeline_heading(trifold):
    """The tri-fold has no timeline.yaml: no 'Timeline' heading stands over nothing (its page guide names its form)."""
    text = subprocess.run(["pdftotext", trifold / "handout.pdf", "-"], capture_output=True, text=True, check=True)
    assert "Where the leaflet covers each part" in text.stdout and "Timeline" not in text.stdout
