"""Footnotes in linear time: WeasyPrint's pending footnotes answer ``in`` without a scan, and lay out the same."""

from __future__ import annotations

import inspect

import pytest
import weasyprint
from weasyprint.layout import LayoutContext, block

from pamphleteer.render import typeset, weasy  # noqa: F401  (typeset installs it, as every build does)

NOTES = "<style>.n { float: footnote }</style>" + "".join(
    f"<p>Paragraph {i} of a text that goes on.<span class=n>Note {i} says where.</span></p>" for i in range(300)
)


class _Box:
    """Stands for a WeasyPrint box: no __eq__, so membership is identity."""


def test_pending_is_a_list_whose_membership_is_identity_kept_through_every_change():
    a, b, c = _Box(), _Box(), _Box()
    notes = weasy.Pending([a, b])
    assert a in notes and c not in notes and None not in notes
    copy = notes.copy()
    assert isinstance(copy, weasy.Pending) and copy == [a, b] and copy is not notes
    notes.remove(a)
    assert a not in notes and a in copy
    notes.append(c)
    notes.extend([a])
    notes += [a]
    assert notes == [b, c, a, a] and a in notes
    notes.remove(a)
    assert a in notes  # one of the two is left
    assert notes.pop() is a and a not in notes
    notes.insert(0, a)
    del notes[0]
    assert a not in notes and notes == [b, c]
    notes[0] = a
    assert a in notes and b not in notes
    notes.clear()
    assert c not in notes and notes == []
    with pytest.raises(ValueError):
        notes.remove(a)


def test_weasyprint_still_asks_its_pending_footnotes_what_pending_answers():
    """If WeasyPrint changes how it keeps footnotes, this fails rather than the fix quietly doing nothing."""
    assert "descendant.footnote in context.footnotes" in inspect.getsource(block._linebox_layout)
    assert "self.footnotes = []" in inspect.getsource(LayoutContext.__init__.__wrapped__)
    seen: list[type] = []
    place = LayoutContext.layout_footnote

    def spy(self, footnote):
        seen.append(type(self.footnotes))
        return place(self, footnote)

    LayoutContext.layout_footnote = spy
    try:
        document = weasyprint.HTML(string=NOTES).render()
    finally:
        LayoutContext.layout_footnote = place
    assert len(seen) >= 300 and set(seen) == {weasy.Pending}  # every pass, and its copies, keep it
    assert len(document.pages) > 10


def test_the_same_notes_land_on_the_same_pages_as_with_a_plain_list():
    installed = LayoutContext.__init__
    with_pending = weasyprint.HTML(string=NOTES).render().write_pdf()
    LayoutContext.__init__ = installed.__wrapped__
    try:
        with_list = weasyprint.HTML(string=NOTES).render().write_pdf()
    finally:
        LayoutContext.__init__ = installed
    assert with_pending == with_list
