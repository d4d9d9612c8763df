"""The script's builder: needs the page map, laid out in a child, reads the lecture."""

from __future__ import annotations

from pamphleteer import content
from pamphleteer.builders import REGISTRY
from tests.conftest import SMALL


def test_it_needs_pages_and_reads_the_lecture():
    script = REGISTRY["script"]
    assert (script.filename, script.needs, script.child, script.optional) == (
        "lecture-script.pdf",
        ("pages",),
        True,
        False,
    )
    assert "lecture" in script.reads(content.load(SMALL))["publication"]
