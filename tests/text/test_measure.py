"""Font metrics and wrapping, checked against the font files read independently with PIL."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont
from PIL import ImageFont

from pamphleteer.errors import UsageError
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import measure, pieces

FONTS = templates_dir() / "fonts" / "deck"


@pytest.mark.parametrize(
    ("face", "file"),
    [
        (measure.Face("Arial"), "LiberationSans-Regular.ttf"),
        (measure.Face("Arial", bold=True), "LiberationSans-Bold.ttf"),
        (measure.Face("Times New Roman", italic=True), "LiberationSerif-Italic.ttf"),
    ],
)
def test_width_matches_the_font_drawn_by_pil(face, file):
    text = "Hall of 200: legible from the back row"
    pil = ImageFont.truetype(str(FONTS / file), 1000).getlength(text) / 1000 * 30
    assert measure.width(text, face, 30) == pytest.approx(pil, rel=0.01)


def test_lines_wrap_at_spaces_and_never_exceed_the_width():
    face = measure.Face("Arial")
    text = "one two three four five six seven eight nine ten eleven twelve"
    out = measure.lines(text, face, 24, 200)
    assert len(out) > 1
    assert " ".join(out) == text
    assert all(measure.width(line, face, 24) <= 200 for line in out)


def test_lines_break_after_hyphens_and_keep_newlines():
    face = measure.Face("Arial")
    out = measure.lines("well-known-long-compound-word-here\nsecond", face, 24, 150)
    assert out[-1] == "second"
    assert out[0].endswith("-")


def test_a_word_wider_than_the_box_is_cut_into_pieces():
    face = measure.Face("Arial")
    out = measure.lines("W" * 30, face, 24, 100)
    assert "".join(out) == "W" * 30 and len(out) > 1


def test_height_is_lines_times_spacing():
    assert measure.height(3, 20) == pytest.approx(72)
    assert measure.known("arial") and not measure.known("Comic Sans")


@pytest.mark.parametrize(
    ("text", "bold"),
    [("البردي من مصر وحدها", False), ("مادة من الخرق", True), ("سوق الورّاقين سنة 794", False)],
)
def test_arabic_is_measured_joined_with_the_arabic_face_as_raqm_shapes_it(text, bold):
    # Liberation has no Arabic: its letters are measured in their joined forms with Noto Sans Arabic,
    # the face a right-to-left deck names for them (PIL shapes with HarfBuzz through raqm)
    file = "NotoSansArabic-Bold.ttf" if bold else "NotoSansArabic-Regular.ttf"
    shaped = ImageFont.truetype(str(FONTS / file), 1000, layout_engine=ImageFont.Layout.RAQM).getlength(text)
    assert measure.width(text, measure.Face("Arial", bold=bold), 30) == pytest.approx(shaped / 1000 * 30, rel=0.02)


def test_lines_never_break_at_a_no_break_space():
    """The deck's fitter breaks where PowerPoint does: not at U+00A0 (an ellipsis kept with its word,
    text/inline.py) nor at French's narrow U+202F, both of which Python counts as white space."""
    face = measure.Face("Arial")
    for nbsp in ("\u00a0", "\u202f"):
        text = f"one two three four five six seven eight nine{nbsp}…"
        out = measure.lines(text, face, 24, measure.width(text, face, 24) - 5)
        assert out[-1] == f"nine{nbsp}…", nbsp


def _measured_trial_by_trial(text: str, face: measure.Face, size: float, box_width: float) -> list[str]:
    """The wrapping rule stated with ``width`` alone: each trial line measured whole, kept pieces held."""
    out: list[str] = []
    for para in pieces.held(text).split("\n"):
        current = ""
        for word in measure._BREAK.split(para):
            trial = current + word
            if current and measure.width(trial.rstrip(), face, size) > box_width:
                out.append(current.rstrip())
                current = word.lstrip()
            else:
                current = trial
            while measure.width(current.rstrip(), face, size) > box_width and len(current) > 1:
                cut = 1
                while cut < len(current) and measure.width(current[: cut + 1], face, size) <= box_width:
                    cut += 1
                out.append(current[:cut])
                current = current[cut:]
        out.append(current.rstrip())
    return out


@pytest.mark.parametrize("box_width", [40.0, 120.0, 333.3])
def test_lines_summed_as_they_go_are_those_measured_trial_by_trial(box_width):
    words = ["a", "state-run", "Supercalifragilistic", "x/y", "1917–1923", "no\u00a0break", "url\u200bpart", "  ", "W."]
    face = measure.Face("Arial", bold=True)
    for n in range(40):
        text = " ".join(words[(n * 7 + k * 3) % len(words)] for k in range(n % 13 + 1)) + ("\nnext line" * (n % 2))
        assert measure.lines(text, face, 24, box_width) == _measured_trial_by_trial(text, face, 24, box_width)


def test_a_fonts_widths_are_its_horizontal_metrics_by_its_best_unicode_character_map():
    """HarfBuzz reads them; fontTools, reading the same tables, agrees for every bundled deck face and the
    display face the charts and the cover measure with (render/charts.py)."""
    display = [templates_dir() / "fonts" / name for name in ("PTS55F.ttf", "PTS75F.ttf")]
    for path in [*sorted((templates_dir() / "fonts" / "deck").glob("*.ttf")), *display]:
        with TTFont(path) as font:
            cmap, hmtx = font.getBestCmap(), font["hmtx"].metrics
            expected = ({code: hmtx[glyph][0] for code, glyph in cmap.items()}, font["head"].unitsPerEm)
            assert measure.read_metrics(path) == (*expected, hmtx[".notdef"][0]), path.name


def test_a_file_that_is_no_font_is_named_not_read_as_an_empty_font(tmp_path):
    broken = tmp_path / "LiberationSans-Regular.ttf"
    broken.write_bytes(b"a download cut short")
    with pytest.raises(
        UsageError, match=r"LiberationSans-Regular.ttf: not a font file HarfBuzz can read \(damaged\?\)"
    ):
        measure.face_of(broken)
