"""Every character is drawn by a bundled font, or the build says which one is not, and where."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from pamphleteer import content
from pamphleteer.errors import display_path
from pamphleteer.infra import kept
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import glyphs
from tests.conftest import CONTENT, PUBLICATIONS

PRESS = PUBLICATIONS / "press"


def test_greek_and_chinese_fall_back_on_bundled_faces():
    assert glyphs.font_for("a") == "text"
    assert glyphs.font_for("ж") == "text"
    assert glyphs.font_for("φ") == "greek"
    assert glyphs.font_for("ῶ") == "greek"
    assert glyphs.font_for("國") == "cjk"
    assert glyphs.font_for("ש") == "hebrew"
    assert glyphs.font_for("ب") == "arabic"
    assert glyphs.font_for("ก") is None  # Thai: no bundled font


def test_only_the_fallbacks_the_content_uses_are_declared():
    assert [f.name for f in glyphs.fallbacks(content.load(PRESS))] == ["greek"]
    assert [f.name for f in glyphs.fallbacks(content.load(CONTENT))] == ["cjk"]


def test_arabic_content_declares_the_arabic_faces_only():
    fallbacks = glyphs.fallbacks(content.load(PUBLICATIONS / "ar"))
    assert [f.name for f in fallbacks] == ["arabic"]
    assert fallbacks[0].files == {"normal": "NotoNaskhArabic-Regular.ttf", "bold": "NotoNaskhArabic-Bold.ttf"}


def test_the_shipped_and_test_publications_have_no_missing_glyph():
    assert glyphs.check(content.load(CONTENT)) == []
    assert glyphs.check(content.load(PRESS)) == []


def test_a_character_no_font_has_is_named_at_its_file_line_and_field(small: Path):
    glossary = small / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("original: Laufmaschine", "original: Laufmaschine ก"), encoding="utf-8")
    problems = [str(p) for p in glyphs.check(content.load(small))]
    line = next(n for n, row in enumerate(glossary.read_text(encoding="utf-8").splitlines(), 1) if "ก" in row)
    assert len(problems) == 1
    where = display_path(glossary)
    assert problems[0].startswith(f"{where}:{line}:")
    assert problems[0].endswith(": terms[0].original: U+0E01 THAI CHARACTER KO KAI ('ก') is in no bundled font")


def test_character_maps_kept_between_builds_by_the_fonts_bytes(tmp_path, monkeypatch):
    # A build keeps what each font maps; the next process (here: the cache of this one cleared)
    # reads no font, and answers as a font read afresh; a font whose bytes changed is read again.
    glyphs._read_cmap.cache_clear()
    with kept.computing(tmp_path / "cache"):
        fresh = glyphs.coverage()
    glyphs._read_cmap.cache_clear()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a font was read")

    monkeypatch.setattr(glyphs.uharfbuzz, "Face", refuse)
    with kept.computing(tmp_path / "cache"):
        assert glyphs.coverage() == fresh
    edited = tmp_path / "PTF55F.ttf"
    edited.write_bytes((templates_dir() / "fonts" / "PTF55F.ttf").read_bytes() + b"\0")
    with kept.computing(tmp_path / "cache"), pytest.raises(AssertionError, match="a font was read"):
        glyphs._read_cmap(edited)
    glyphs._read_cmap.cache_clear()


def test_a_fonts_code_points_are_those_of_its_best_unicode_character_map():
    """HarfBuzz reads them (milliseconds); fontTools, which names every glyph on the way, agrees."""
    faces = [*glyphs.TEXT_FACES, *(fallback.files["normal"] for fallback in glyphs.FALLBACKS)]
    glyphs._read_cmap.cache_clear()
    for name in faces:
        folder = templates_dir() / "fonts"
        path = folder / name if (folder / name).exists() else folder / "noto" / name
        with TTFont(path, lazy=True) as font:
            assert glyphs._cmap(name) == frozenset(font.getBestCmap()), name
    glyphs._read_cmap.cache_clear()
