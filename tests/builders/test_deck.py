"""The deck's builder: needs the page map, reads the lecture, not the pamphlet's paragraphs."""

from __future__ import annotations

from pamphleteer import content
from pamphleteer.builders import REGISTRY
from tests.conftest import SMALL


def test_it_needs_pages_and_reads_slides_not_paragraphs():
    deck = REGISTRY["deck"]
    assert (deck.needs, deck.kind, deck.child) == (("pages",), "pptx", False)
    read = deck.reads(content.load(SMALL))
    assert all("slides" in c and "blocks" not in c for c in read["chapters"])
