"""The reading edition's builder: laid out in a child, publishes the page map, reads the text only."""

from __future__ import annotations

from pamphleteer.builders import REGISTRY


def test_it_publishes_the_page_map_and_lays_out_in_a_child():
    pamphlet = REGISTRY["pamphlet"]
    assert (pamphlet.filename, pamphlet.publishes, pamphlet.needs, pamphlet.child) == (
        "pamphlet.pdf",
        ("pages",),
        (),
        True,
    )
