"""Every character is drawn by a bundled font, or the build says which one is not, and where."""

from __future__ import annotations

from pathlib import Path

from pamphleteer import content
from pamphleteer.errors import display_path
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
