"""content/translation.py: a translation over its original, the content hash, and what check reports."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from pamphleteer import content
from pamphleteer.builders import REGISTRY, Options
from pamphleteer.content import model
from pamphleteer.content.translation import fingerprint
from pamphleteer.engine import incremental
from pamphleteer.errors import BuildError
from pamphleteer.pamphlet import compose, forms, nameindex, pagination
from pamphleteer.text.pieces import SOFT_HYPHEN as SHY
from tests.conftest import SMALL


def chapter(**extra) -> model.Chapter:
    data = {"title": "The running machine", "blocks": [{"p": "Drais rode out of Mannheim."}], **extra}
    return model.Chapter.model_validate(data)


def test_the_hash_is_eight_hex_digits_of_the_content_however_it_was_written():
    plain = chapter()
    assert re.fullmatch(r"[0-9a-f]{8}", fingerprint(plain))
    # Defaults spelt out, and the translation's own record of its original, do not count.
    assert fingerprint(chapter(slides=[], key_points=[], original="0123abcd")) == fingerprint(plain)
    assert fingerprint(chapter(title="The running machine!")) != fingerprint(plain)
    assert fingerprint(chapter(blocks=[{"p": "Drais rode out of Mannheim"}])) != fingerprint(plain)


def test_a_register_hashes_its_entries_in_order():
    a = model.Term(id="a", term="A", definition="First.")
    b = model.Term(id="b", term="B", definition="Second.")
    assert fingerprint([a, b]) == fingerprint([a, b]) != fingerprint([b, a])


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """The small publication and a translation of one of its chapters, side by side."""
    original = tmp_path / "pub"
    shutil.copytree(SMALL, original)
    mine = tmp_path / "es"
    (mine / "chapters").mkdir(parents=True)
    (mine / "publication.yaml").write_text(
        "translation_of: ../pub\nlanguage: es\ntitle: Dos ruedas\nlecture: {title: Dos ruedas}\n"
    )
    safety = yaml.safe_load((original / "chapters" / "safety.yaml").read_text())
    safety["original"] = fingerprint(model.Chapter.model_validate(safety))  # the version translated
    safety["title"] = "La bicicleta de seguridad"
    (mine / "chapters" / "safety.yaml").write_text(yaml.safe_dump(safety, allow_unicode=True, sort_keys=False))
    glossary = yaml.safe_load((original / "glossary.yaml").read_text())
    term = glossary["terms"][0]
    term["definition"] = "Una definición."
    (mine / "glossary.yaml").write_text(yaml.safe_dump({"terms": [term]}, allow_unicode=True))
    return original, mine


def test_what_the_translation_lacks_is_the_originals_and_marked(pair):
    original, mine = pair
    book = content.load(mine)
    english = content.load(original)
    assert book.publication.title == "Dos ruedas" and book.language == "es"
    assert book.publication.lecture.title == "Dos ruedas"
    assert book.publication.lecture.subtitle == english.publication.lecture.subtitle  # not translated: kept
    assert book.publication.chapters == english.publication.chapters
    docs = {d.id: d for d in book.all_chapters()}
    assert docs["safety"].chapter.title == "La bicicleta de seguridad" and not docs["safety"].untranslated
    assert docs["safety"].located.path == mine / "chapters" / "safety.yaml"
    assert docs["draisine"].untranslated and docs["draisine"].chapter == english.chapters[0].chapter
    first = next(iter(english.terms))
    assert book.terms[first].definition == "Una definición."
    assert list(book.terms) == list(english.terms) and list(book.people) == list(english.people)


def test_a_register_entry_left_in_the_original_is_set_in_its_language(pair, run, tmp_path):
    """An entry the translation takes from its original untranslated is English text in a Spanish book:
    marked so (a reader's voice, a hyphenation dictionary) and broken by English rules, in the pamphlet
    and on the screens; the entry it translated is Spanish."""
    original, mine = pair
    book = content.load(mine)
    english = content.load(original)
    translated, *others = english.terms
    assert book.translation.original_entries == {
        *(f"people/{p}" for p in english.people),
        *(f"glossary/{t}" for t in others),
        *(f"data/{d}" for d in english.series),
        *(f"sources/{d}" for d in english.sources),
        "timeline",
    }
    form = forms.of(book.publication)
    back = compose.back_matter(book, form)
    index = nameindex.numbered(book, [*book.chapters, *(item.doc for item in back if item.doc is not None)])
    page = compose._source(book, form, back, 1, True, pagination.NONE, index, None)
    run("web", "--content", mine, "--output", tmp_path / "out", "-q")
    screen = (tmp_path / "out" / "web" / "glossary.html").read_text("utf-8")
    for term in english.terms:
        mark = "" if term == translated else f' lang="{english.language}"'
        assert re.search(rf'<dt id="term-{term}" data-entry{mark}>', page), term
        assert re.search(rf'<dd data-b="glossary/{term}"{mark}>', page), term
        assert re.search(rf'<dt id="term-{term}"{mark}>', screen), term
    assert (
        f'<span class="what" lang="{english.language}">' in page and f'<dd><span lang="{english.language}">' in screen
    )
    # English breaks "bi-cycle", Spanish "bicy-cle" (the translated chapter, English text declared
    # Spanish, may: so only the register is read)
    glossary = page[page.index('<dl class="glossary">') :]
    assert f"bi{SHY}cycle" in glossary and f"bicy{SHY}cle" not in glossary


def test_check_lists_what_is_missing_and_what_is_out_of_date(pair, run):
    original, mine = pair
    draisine = original / "chapters" / "draisine.yaml"
    high = original / "chapters" / "high-wheeler.yaml"
    english = content.load(original)
    hashes = {d.id: fingerprint(d.chapter) for d in english.all_chapters()}
    safety = original / "chapters" / "safety.yaml"
    safety.write_text(safety.read_text().replace("title: ", "title: The ", 1))  # the original moves on
    now = fingerprint(content.load(original).all_chapters()[2].chapter)
    line = next(
        i for i, t in enumerate((mine / "chapters" / "safety.yaml").read_text().splitlines(), 1) if "original:" in t
    )
    registers = {
        name: fingerprint(entries)
        for name, entries in [
            ("people.yaml", english.people.values()),
            ("timeline.yaml", english.events),
            ("data.yaml", english.series.values()),
            ("sources.yaml", english.sources.values()),
        ]
    }
    code, out, err = run("check", "--content", mine)
    assert code == 0
    assert out == f"{mine}: 3 chapters, no problems found\n"
    expected = [
        f"{draisine}:1:1: not translated (no {mine}/chapters/draisine.yaml); when it is, record original: "
        f"{hashes['draisine']}",
        f"{high}:1:1: not translated (no {mine}/chapters/high-wheeler.yaml); when it is, record original: "
        f"{hashes['high-wheeler']}",
        f"{mine}/chapters/safety.yaml:{line}:11: original: the original ({safety}) changed since this was "
        f"translated; bring it up to date, then record original: {now}",
        *(
            f"{original}/{name}:1:1: not translated (no {mine}/{name}); when it is, record original: {digest}"
            for name, digest in registers.items()
        ),
        f"{mine}/glossary.yaml:1:1: which version of the original this translates is not recorded; original: "
        + fingerprint(english.terms.values()),
        f"{mine}: 2 of 3 chapters and 4 of 5 registers not translated, 2 out of date",
    ]
    assert sorted(err.splitlines()) == sorted(f"warning: {e}" for e in expected)


def test_refuse_makes_every_untranslated_part_an_error(pair, run):
    original, mine = pair
    pub = mine / "publication.yaml"
    pub.write_text(pub.read_text() + "untranslated: refuse\n")
    for name in ("draisine", "high-wheeler"):
        shutil.copy(original / "chapters" / f"{name}.yaml", mine / "chapters")
    for name in ("people", "timeline", "data", "glossary", "sources"):
        shutil.copy(original / f"{name}.yaml", mine)
    code, out, err = run("check", "--content", mine)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[-1] == "Aborted with 7 errors."
    assert lines[0] == (
        f"{mine}/chapters/draisine.yaml:1:1: which version of the original this translates is not recorded; "
        f"original: {fingerprint(content.load(original).chapters[0].chapter)}"
    )


def test_problems_stay_in_the_file_they_come_from(pair, run):
    original, mine = pair
    (original / "chapters" / "draisine.yaml").write_text("title: [\n")
    (mine / "chapters" / "penny.yaml").write_text("title: Penny\nblocks: [{p: Text.}]\n")
    code, _, err = run("check", "--content", mine)
    assert code == 1
    assert f"{original}/chapters/draisine.yaml:" in err
    assert f"{mine}/chapters/penny.yaml" not in err  # the original did not load: nothing to judge it by
    (original / "chapters" / "draisine.yaml").write_text((SMALL / "chapters" / "draisine.yaml").read_text())
    code, _, err = run("check", "--content", mine)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{mine}/chapters/penny.yaml:1:1: the original has no such chapter ({original}/chapters/penny.yaml)"
    )


def test_a_translation_must_name_an_original(pair):
    _, mine = pair
    pub = mine / "publication.yaml"
    pub.write_text(pub.read_text().replace("../pub", "../nowhere"))
    with pytest.raises(BuildError) as caught:
        content.load(mine)
    assert [str(p) for p in caught.value.problems] == [
        f"{pub}:1:17: translation_of: no publication.yaml in {mine.parent / 'nowhere'}"
    ]


def test_an_edit_to_the_original_remakes_the_translations_outputs(pair):
    original, mine = pair
    keys = {n: incremental.base_key(content.load(mine), b, Options()) for n, b in REGISTRY.items()}
    draisine = original / "chapters" / "draisine.yaml"
    draisine.write_text(draisine.read_text().replace("Drais", "Karl Drais", 1))
    after = {n: incremental.base_key(content.load(mine), b, Options()) for n, b in REGISTRY.items()}
    assert keys["pamphlet"] != after["pamphlet"] and keys["epub"] != after["epub"]


def test_a_build_after_an_edit_to_the_original_is_not_answered_up_to_date(pair, run, tmp_path):
    original, mine = pair
    out = tmp_path / "out"
    assert run("epub", "--content", mine, "--output", out, "-q")[0] == 0
    assert run("epub", "--content", mine, "--output", out) == (0, "everything is up to date\n", "")
    draisine = original / "chapters" / "draisine.yaml"
    draisine.write_text(draisine.read_text().replace("Mannheim", "Mannheim on the Rhine", 1))
    code, said, _ = run("epub", "--content", mine, "--output", out)
    assert code == 0 and said.startswith("built epub in ")
    with zipfile.ZipFile(out / "pamphlet.epub") as book:
        assert "Rhine" in book.read("EPUB/chapter-draisine.xhtml").decode()
