"""Text fitting for slides, with a Box and strings: no deck, no content."""

from __future__ import annotations

import shutil

import pytest

from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.lecture import fitting
from pamphleteer.lecture.specs import Box
from pamphleteer.text import measure

ARIAL = measure.Face("Arial")


def _box(w: float = 400, h: float = 200, size: float = 28) -> Box:
    return Box(0, 0, w, h, size, ARIAL)


def test_short_text_keeps_the_box_size():
    assert fitting.fit(["Hello"], _box(), 10).size == 28


def test_fit_picks_the_largest_size_that_fits():
    box = _box(w=400, h=80)
    text = ["A sentence long enough to need a second line at the largest size of the box"]
    size, needed, available = fitting.fit(text, box, 10)
    assert 10 <= size < 28
    assert needed <= available
    larger = size + (2 if size >= 20 else 1)
    width = (box.w - 2 * fitting.INSET_X) * fitting.SAFETY
    lines = len(measure.lines(text[0], ARIAL, larger, width))
    assert measure.height(lines, larger) > box.h - 2 * fitting.INSET_Y  # one step up no longer fits


def test_nothing_fits_gives_size_zero_and_the_counts():
    result = fitting.fit(["word " * 200], _box(w=200, h=60), 16)
    assert result.size == 0
    assert result.needed > result.available


def test_a_word_or_number_is_never_cut_inside_itself():
    narrow = _box(w=110, h=400, size=28)
    assert fitting.fit(["1830"], narrow, 10).size == 28
    cut = fitting.fit(["Preobrazhensky"], narrow, 10)
    width = (narrow.w - 2 * fitting.INSET_X) * fitting.SAFETY
    assert 0 < cut.size < 28  # smaller, till the longest word fits whole
    assert measure.width("Preobrazhensky", ARIAL, cut.size) <= width
    assert fitting.fit(["18301830183018301830"], narrow, 16).size == 0


def test_chunking_keeps_points_together_until_the_box_is_full():
    box = _box(w=600, h=200)
    points = [f"Point number {n} says a modest amount" for n in range(12)]
    chunks, misfits = fitting.chunk(points, box, 24, 16)
    assert [p for c in chunks for p in c] == points
    assert len(chunks) > 1 and not misfits
    for c in chunks:
        assert fitting.fit(c, box, 24, bullets=True).size >= 24


def test_a_point_too_long_for_any_slide_is_reported_by_index():
    box = _box(w=300, h=100)
    _, misfits = fitting.chunk(["short", "word " * 300, "short"], box, 24, 16)
    assert [j for j, _ in misfits] == [1]
    assert misfits[0][1].size == 0


def test_row_groups_share_rows_evenly():
    columns = ("Year", "Event")
    rows = [(str(1900 + n), f"Something happened {n}") for n in range(13)]
    box = _box(w=800, h=260, size=18)
    widths = fitting.column_widths(columns, rows, box.w)
    groups = fitting.row_groups(columns, rows, widths, 18, box)
    sizes = [len(g) for g in groups]
    assert len(groups) > 1 and sum(sizes) == 13
    assert max(sizes) - min(sizes) <= 1


def test_column_widths_fill_the_box_in_proportion_to_text():
    widths = fitting.column_widths(("A", "Long heading"), [("1", "x" * 30)], 600)
    assert abs(sum(widths) - 600) < 1e-6 and widths[1] > widths[0]


def test_a_picture_is_fitted_inside_its_frame_and_centred():
    frame = (100.0, 50.0, 800.0, 400.0)
    assert fitting.picture((4000, 20), frame) == (100.0, 248.0, 800.0, 4.0)  # a strip: as wide as the frame
    assert fitting.picture((20, 40), frame) == (400.0, 50.0, 200.0, 400.0)  # a portrait: as high as it
    assert fitting.picture((1600, 800), frame) == frame  # the frame's own proportions: the frame


def test_a_display_text_is_set_in_even_lines_and_never_ends_in_one_word():
    box = _box(w=842)
    subtitle = "Why the tenants of the road are meeting, and what we can do together"
    usable = (box.w - 2 * fitting.INSET_X) * fitting.SAFETY
    assert measure.lines(subtitle, ARIAL, 28, usable)[-1] == "together"  # as filling sets it
    (shown,) = fitting.display_lines([subtitle], box, 28)
    lines = shown.split("\n")
    assert lines == ["Why the tenants of the road are meeting,", "and what we can do together"]  # at the comma
    assert max(measure.width(line, ARIAL, 28) for line in lines) <= usable
    assert fitting.display_lines(["Two Wheels"], box, 28) == ["Two Wheels"]  # one line stays as it is


def test_a_point_is_set_in_even_lines_within_the_bullets_indent_in_as_many_lines():
    box = _box(w=873.36, h=363.6, size=32)
    point = "Pushed along by the feet of a rider who sat on a beam unaided"
    usable = (box.w - 2 * fitting.INSET_X - fitting.BULLET) * fitting.SAFETY
    assert measure.lines(point, ARIAL, 32, usable)[-1] == "unaided"  # as filling sets it
    (shown,) = fitting.display_lines([point], box, 32, bullets=True)
    assert shown.split("\n") == ["Pushed along by the feet of a rider", "who sat on a beam unaided"]
    assert max(measure.width(line, ARIAL, 32) for line in shown.split("\n")) <= usable  # beside the bullet


# --- fits kept in memory (a --watch fits the lecture again after each edit) ---------------------------


@pytest.fixture
def own_fonts(tmp_path, monkeypatch):
    """A templates folder of our own whose deck fonts a test may replace."""
    templates = tmp_path / "templates"
    (templates / "pamphlet").mkdir(parents=True)
    shutil.copytree(templates_dir() / "fonts" / "deck", templates / "fonts" / "deck")
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    return templates / "fonts" / "deck"


TEXT = ["The Opposition is broken, its leaders scattered from Alma-Ata to Prinkipo"]


def test_a_fit_asked_again_is_answered_from_memory_and_still_records_its_font(own_fonts, monkeypatch):
    box = _box(w=500, h=200)
    first = fitting.fit(TEXT, box, 10, bullets=True)
    lines = fitting.display_lines(TEXT, box, first.size, bullets=True)
    lines.append("changed by its caller")

    def unmeasured(*args, **kwargs):
        raise AssertionError("measured again")

    monkeypatch.setattr(measure, "lines", unmeasured)
    monkeypatch.setattr(measure, "width", unmeasured)
    with dependencies.recording([]) as recorder:
        assert fitting.fit(list(TEXT), box, 10, bullets=True) == first
        assert fitting.display_lines(TEXT, box, first.size, bullets=True) == lines[:-1]
    assert "templates:fonts/deck/LiberationSans-Regular.ttf" in recorder.files  # as when it was measured


def test_a_fit_is_made_again_once_its_font_has_changed(own_fonts):
    box = _box(w=500, h=200)
    before = fitting.fit(TEXT, box, 10, bullets=True)
    balanced = fitting.display_lines(TEXT, box, before.size, bullets=True)
    # a house style's font edited in place while a --watch runs: the serif face is narrower
    shutil.copyfile(own_fonts / "LiberationSerif-Regular.ttf", own_fonts / "LiberationSans-Regular.ttf")
    after = fitting.fit(TEXT, box, 10, bullets=True)
    assert after == fitting.fit.__wrapped__(TEXT, box, 10, bullets=True)  # as made from nothing
    assert after != before
    assert fitting.display_lines(TEXT, box, after.size, bullets=True) == fitting.display_lines.__wrapped__(
        TEXT, box, after.size, bullets=True
    )
    assert fitting.display_lines(TEXT, box, before.size, bullets=True) != balanced


def _new_process(monkeypatch) -> None:
    """This process as a new one finds it: the fits' memories empty, the build's tables unread."""
    from pamphleteer.infra import kept

    monkeypatch.setattr(fitting, "fit", fitting._remembered(fitting.fit.__wrapped__))
    monkeypatch.setattr(fitting, "display_lines", fitting._remembered(fitting.display_lines.__wrapped__))
    kept._TABLES.clear()
    kept._memory.clear()


def test_a_fit_made_by_an_earlier_build_is_answered_from_its_table_until_its_font_changes(
    own_fonts, tmp_path, monkeypatch
):
    from pamphleteer.infra import kept

    box = _box(w=500, h=200)
    _new_process(monkeypatch)
    with kept.computing(tmp_path / "computed"):
        first = fitting.fit(TEXT, box, 10, bullets=True)
        lines = fitting.display_lines(TEXT, box, first.size, bullets=True)
    _new_process(monkeypatch)
    measuring, unmeasured = measure.lines, lambda *args, **kwargs: pytest.fail("measured again")
    monkeypatch.setattr(measure, "lines", unmeasured)
    with kept.computing(tmp_path / "computed"), dependencies.recording([]) as recorder:
        assert fitting.fit(TEXT, box, 10, bullets=True) == first
        assert fitting.display_lines(TEXT, box, first.size, bullets=True) == lines
    assert "templates:fonts/deck/LiberationSans-Regular.ttf" in recorder.files  # as when it was measured
    monkeypatch.setattr(measure, "lines", measuring)
    shutil.copyfile(own_fonts / "LiberationSerif-Regular.ttf", own_fonts / "LiberationSans-Regular.ttf")
    _new_process(monkeypatch)
    with kept.computing(tmp_path / "computed"):
        assert fitting.fit(TEXT, box, 10, bullets=True) == fitting.fit.__wrapped__(TEXT, box, 10, bullets=True)
        assert fitting.fit(TEXT, box, 10, bullets=True) != first  # the narrower face, measured
    _new_process(monkeypatch)
    with kept.computing(tmp_path / "computed", fresh=True):  # --force: nothing kept is answered
        monkeypatch.setattr(measure, "lines", unmeasured)
        with pytest.raises(pytest.fail.Exception):
            fitting.fit(TEXT, box, 10, bullets=True)
    monkeypatch.setattr(measure, "lines", measuring)
    _new_process(monkeypatch)
