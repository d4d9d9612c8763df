"""content-es/, the Spanish translation: every output builds, in Spanish where translated, marked where not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from pamphleteer.text import hyphenation
from tests import layout, outputs, pdfinfo
from tests.conftest import CONTENT, ROOT

SPANISH = ROOT / "content-es"
OUTPUTS = [
    "pamphlet.pdf",
    "pamphlet-print.pdf",
    "pamphlet-booklet.pdf",
    "lecture.pptx",
    "handout.pdf",
    "lecture-script.pdf",
    "pamphlet.epub",
    "web/index.html",
]
UNTRANSLATED = re.compile(r"chapters/([a-z0-9-]+)\.yaml:1:1: not translated")


@pytest.fixture(scope="module")
def es_build(build_of) -> Path:
    """Every output of the Spanish translation, built once."""
    return build_of(SPANISH)


def ids(folder: Path) -> set[str]:
    return {p.stem for p in (folder / "chapters").glob("*.yaml")}


def test_every_output_is_built_under_the_translations_title(es_build):
    assert sorted(p.name for p in es_build.iterdir() if not p.name.startswith(".")) == sorted(
        name.partition("/")[0] for name in OUTPUTS
    )
    title = yaml.safe_load((SPANISH / "publication.yaml").read_text(encoding="utf-8"))["title"]
    assert (
        Presentation(str(es_build / "lecture.pptx")).slides[0].shapes.title.text.split() == title.split()
    )  # its lines balanced
    assert f"<title>{title}</title>" in (es_build / "web" / "index.html").read_text(encoding="utf-8")
    for name in ("pamphlet.pdf", "handout.pdf", "lecture-script.pdf"):
        assert pdfinfo.normalise(title) in pdfinfo.text(es_build / name), name


def test_translated_chapters_read_in_spanish_and_the_rest_are_marked(es_build):
    text = pdfinfo.text(es_build / "pamphlet.pdf")
    for words in ("un tren sale de moscú", "asesinato en coyoacán", "lo que vio la oposición"):
        assert words in text
    assert "la vida es hermosa. que las generaciones futuras" in text
    # Every chapter the translation lacks carries the marker on its opener, and only those.
    untranslated = len(ids(CONTENT) - ids(SPANISH))
    spaced = text.replace(" ", "")  # the opener's label is letter-spaced
    assert untranslated and spaced.count("·sintraducir") == untranslated
    assert "introducción·sintraducir" not in spaced and "conclusión·sintraducir" not in spaced


def test_no_english_word_the_tool_adds_appears_in_any_output(es_build):
    # (the untranslated chapters' own English words do not count)
    assert outputs.english_in(es_build, "es", SPANISH, CONTENT) == {}


def test_the_spanish_pamphlet_passes_a_compositors_check(es_build):
    # (its untranslated chapters drawn in bundled fonts too: the original's Chinese name among them)
    report = layout.check(es_build / "pamphlet.pdf", layout.compounds(SPANISH), layout.names(SPANISH))
    assert report.counts() == dict.fromkeys(report.counts(), 0), str(report)


def test_the_deck_speaks_spanish_and_flags_the_originals_slides(es_build):
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(es_build / "lecture.pptx").slides]
    assert any(n.startswith("Empecemos el 18 de enero de 1928") for n in notes)
    flagged = [n for n in notes if n.startswith("[diapositiva del original, sin traducir]")]
    assert flagged and all("Empecemos" not in n for n in flagged)


def test_check_lists_exactly_the_untranslated_chapters(run):
    code, _, err = run("check", "--content", SPANISH)
    assert code == 0
    listed = [m.group(1) for line in err.splitlines() if (m := UNTRANSLATED.search(line))]
    assert sorted(listed) == sorted(ids(CONTENT) - ids(SPANISH))
    assert "out of date" not in err.replace("0 out of date", "")


def test_an_edited_original_puts_its_translation_out_of_date(tmp_path, run):
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(SPANISH, tmp_path / "content-es")
    original = tmp_path / "content" / "chapters" / "19-fourth-international.yaml"
    original.write_text(original.read_text().replace("Turkey,", "Türkiye,", 1))
    code, _, err = run("check", "--content", tmp_path / "content-es")
    assert code == 0
    stale = [line for line in err.splitlines() if "changed since this was translated" in line]
    assert len(stale) == 1
    assert stale[0].startswith(f"warning: {tmp_path}/content-es/chapters/19-fourth-international.yaml:2:11: original:")


def test_the_untranslated_chapters_break_their_words_by_english_rules_not_spanish(es_build):
    """A chapter the translation leaves in English is English text: its words break where English breaks
    them ("through" whole, "work-ers"), in the pamphlet and on the screens alike, not where Spanish would
    ("th-rough", "wor-kers"). Read from words only those chapters hold (not the registers, nor a
    translated chapter)."""
    english: set[str] = set()
    for name in ids(CONTENT) - ids(SPANISH):
        english |= set(re.findall(r"[a-z]{5,}", (CONTENT / "chapters" / f"{name}.yaml").read_text("utf-8").lower()))
    elsewhere = [SPANISH / "chapters" / f"{name}.yaml" for name in ids(SPANISH)] + sorted(CONTENT.glob("*.yaml"))
    for path in elsewhere:
        english -= set(re.findall(r"[a-záéíóúñ]{5,}", path.read_text("utf-8").lower()))
    broken = [(a, b) for a, b in layout.word_breaks(es_build / "pamphlet.pdf") if (a + b).lower() in english]
    assert len(broken) > 20  # the untranslated chapters are set hyphenated
    assert [f"{a}-{b}" for a, b in broken if len(a) not in hyphenation.points(a + b, "en-GB")] == []
    page = (es_build / "web" / "chapter-01-bolsheviks-aims.html").read_text(encoding="utf-8")
    cut = [w for w in re.findall(r"[a-z\u00ad]{5,}", page) if "\u00ad" in w and w.replace("\u00ad", "") in english]
    assert cut  # a screen breaks long words too, at fewer places
    assert [w for w in cut if w != hyphenation.hyphenated(w.replace("\u00ad", ""), "en-GB", screen=True)] == []
