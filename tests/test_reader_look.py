"""What a reader sees on the built pages, read back from the pamphlet's PDF (pdftotext -bbox-layout): no
chapter ends on a page holding only a box, and a place a register names is never hyphenated."""

from __future__ import annotations

import re

import yaml

from tests import layout
from tests.conftest import PUBLICATIONS

RU = PUBLICATIONS / "ru"


def _prose_words(chapter: str) -> set[str]:
    """The words of a chapter's paragraphs, as written (links and notes' markup left out)."""
    blocks = yaml.safe_load((RU / "chapters" / f"{chapter}.yaml").read_text(encoding="utf-8"))["blocks"]
    text = " ".join(b["p"] for b in blocks if "p" in b)
    return set(re.findall(r"[^\W\d_]+", re.sub(r"\(person:\w+\)|\^\[[^]]*\]", "", text)))


def test_a_chapter_ending_in_a_timeline_box_does_not_leave_the_box_alone_on_its_last_page(build_of):
    """The Russian chapter 2 ends in a timeline box that used to go over alone to the chapter's last
    page (p. 7): now the box is set before a paragraph it fits above, and text follows it over."""
    pages, _, _ = layout.lines(build_of(RU) / "pamphlet.pdf")
    text = [" ".join(" ".join(line.words) for line in page) for page in pages]
    first = next(n for n, page in enumerate(text) if "ГЛАВА 2" in page)
    last = next(n for n, page in enumerate(text) if "ГЛАВА 3" in page) - 1
    while not text[last].strip(" 0123456789"):
        last -= 1  # a blank page before the next chapter's opener
    assert first < last
    prose = _prose_words("moscow")
    words = [w.replace("\u00ad", "") for line in pages[last] for w in line.words]
    # four lines of the chapter's running text at least (a hyphen may cut a word: its parts are not counted)
    running = [line for line in pages[last] if sum(w.strip(",.;:«»—") in prose for w in line.words) >= 3]
    assert len(running) >= 4, words
