"""Timeline slides: every label of a slide at one size, no smaller than a hall reads; events shared evenly."""

from __future__ import annotations

from pamphleteer.lecture import kinds, timelines
from pamphleteer.lecture.specs import Box
from pamphleteer.text import measure

from .test_kinds import _specs


def test_every_label_of_a_timeline_slide_has_one_size_at_least_18(small):
    timelines = [s for s in _specs(small) if s.events]
    assert timelines
    for spec in timelines:
        assert len({e.size for e in spec.events}) == 1
        assert spec.events[0].size >= 18


def _area(size: float = 28) -> Box:
    return Box(0, 0, 800, 300, size, measure.Face("PT Sans"))


def test_one_size_for_every_label_the_largest_each_fits_at():
    short = timelines.event_size(["Platform", "Expelled"], ["1923", "1927"], _area())
    assert short == 28  # everything fits at the area's own size
    longer = timelines.event_size(["Trotsky expelled from the party and sent to Alma-Ata"] * 4, ["1928"] * 4, _area())
    assert kinds.FLOORS["label"] <= longer < short


def test_a_title_too_long_for_its_slot_at_the_minimum_has_no_size():
    words = " ".join(["Unbreakablelongwordsinarow"] * 12)
    assert timelines.event_size([words] * 7, ["1923"] * 7, _area()) == 0


def test_the_labels_stand_further_from_the_line_as_they_grow():
    assert timelines.event_gap(18) < timelines.event_gap(28)
