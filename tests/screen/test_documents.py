"""The screen editions' plan: documents and their files, where references lead, marks, chart descriptions, ids."""

from __future__ import annotations

import io
import random
import subprocess
import zipfile

import pytest
import yaml
from PIL import Image

from pamphleteer import content
from pamphleteer.screen import documents
from tests.conftest import SMALL


@pytest.fixture(scope="module")
def book():
    return content.load(SMALL)


def test_a_document_per_chapter_and_register_and_references_lead_to_their_files(book):
    plan = documents.ScreenEdition(book, "xhtml")
    assert [plan.file(d) for d in plan.docs] == [
        "chapter-draisine.xhtml",
        "chapter-high-wheeler.xhtml",
        "chapter-safety.xhtml",
        "people.xhtml",
        "timeline.xhtml",
        "glossary.xhtml",
        "sources.xhtml",
        "names.xhtml",
    ]
    assert [d.short for d in plan.docs[:3]] == ["Chapter 1", "Chapter 2", "Chapter 3"]
    assert plan.href("person", "drais") == "people.xhtml#person-drais"
    assert plan.href("term", "x") == "glossary.xhtml#term-x"
    assert plan.href("source", "y") == "sources.xhtml#source-y"
    assert plan.href("chapter", "safety") == "chapter-safety.xhtml"
    assert plan.neighbours(plan.docs[0]) == (None, plan.docs[1])


def test_without_a_register_a_reference_is_not_a_link(small):
    path = small / "publication.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["appendices"] = ["timeline"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plan = documents.ScreenEdition(content.load(small), "html")
    assert [plan.file(d) for d in plan.docs][-1] == "timeline.html"
    assert plan.href("person", "drais") == ""


def test_only_the_first_mention_in_each_chapter_is_marked(book):
    plan = documents.ScreenEdition(book, "html")
    one, two, people = plan.docs[0], plan.docs[1], plan.by_kind["people"]
    assert plan.marks.mark(one, "person", "drais") == "ix-person-drais-1"
    assert plan.marks.mark(one, "person", "drais") == ""
    assert plan.marks.mark(two, "person", "drais") == "ix-person-drais-2"
    assert plan.marks.mark(people, "person", "drais") == ""  # a register is not where the reader met a name
    assert plan.marks.mark(one, "source", "s") == ""
    assert plan.marks.of("person", "drais") == [(one, "ix-person-drais-1"), (two, "ix-person-drais-2")]


def test_the_identifier_is_stable_and_the_timestamp_complete(book, monkeypatch):
    assert documents.identifier(book) == documents.identifier(content.load(SMALL))
    assert documents.identifier(book).startswith("urn:uuid:")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert documents.modified(book) == "2023-11-14T22:13:20Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert documents.modified(book).endswith("T00:00:00Z")


def test_a_person_named_on_the_title_page_is_no_document_mention(tmp_path):
    """The blurb on the EPUB's title page belongs to no document: naming a person there (an unlinked
    mention) marks nothing, and the e-book builds (it was an internal error on the shipped blurb)."""
    marks = documents.Marks()
    assert marks.mark(None, "person", "trotsky") == ""
    assert marks.of("person", "trotsky") == []


def test_heading_ids_are_their_words_unique_in_their_document_and_never_another_kind_of_id(small):
    path = small / "chapters" / "draisine.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    heads = ["Why it ran", "Why it ran", "Title", "1817: the first ride", "¿Qué? «Ça»"]
    data["blocks"] = [{"heading": h} for h in heads] + data["blocks"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plan = documents.ScreenEdition(content.load(small), "html")
    doc = plan.docs[0]
    assert [plan.section(doc, i) for i in range(1, 6)] == [
        "why-it-ran",
        "why-it-ran-2",
        "s-title",  # the chapter's own title is "title"
        "s-1817-the-first-ride",
        "qué-ça",
    ]


def test_the_screen_editions_show_a_large_photo_downsampled_and_the_print_edition_the_original(small, small_out, run):
    rng = random.Random(3)
    (small / "images").mkdir()
    photo = Image.frombytes("RGB", (2400, 1600), rng.randbytes(2400 * 1600 * 3))
    photo.save(small / "images" / "ride.jpg", "JPEG", quality=95)
    path = small / "chapters" / "draisine.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["blocks"].insert(1, {"image": {"file": "images/ride.jpg", "alt": "Grain, as a test photograph."}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run("pamphlet", "epub", "web", "--content", small, "--output", small_out)[0] == 0
    (shown,) = (small_out / "web" / "images").iterdir()
    with Image.open(shown) as img:
        assert (img.format, img.size) == ("JPEG", (1600, 1067))
    with zipfile.ZipFile(small_out / "pamphlet.epub") as z:
        assert z.read(f"EPUB/images/{shown.name}") == shown.read_bytes()
    listed = subprocess.run(["pdfimages", "-list", small_out / "pamphlet.pdf"], capture_output=True, text=True)
    sizes = {tuple(int(n) for n in line.split()[3:5]) for line in listed.stdout.splitlines()[2:]}
    assert (2400, 1600) in sizes  # the print edition keeps every pixel
    with Image.open(io.BytesIO(shown.read_bytes())) as img:
        assert dict(img.getexif()) == {}


def test_a_kept_document_is_rendered_again_only_when_what_it_receives_changed(small, tmp_path, monkeypatch):
    from pamphleteer.infra import kept
    from pamphleteer.screen import ebook
    from tests.conftest import replace_in

    rendered: list[str] = []
    real = documents.ScreenEdition.render
    monkeypatch.setattr(
        documents.ScreenEdition,
        "render",
        lambda self, template, doc=None, **c: (
            rendered.append(doc.stem if doc else template) or real(self, template, doc, **c)
        ),
    )
    pages = {
        "1": "chapter-draisine",
        "2": "draisine/1",
        "3": "chapter-high-wheeler",
        "4": "chapter-safety",
        "5": "people/drais",
    }

    def built() -> tuple[bytes, list[str]]:
        """The EPUB of the publication as it is now, built with the kept documents, checked against one
        built from nothing kept; and the documents the first rendered."""
        rendered.clear()
        book = content.load(small)
        with kept.computing(tmp_path / "kept"):
            data = ebook.render(book, pages)
        made = [stem for stem in rendered if not stem.startswith("epub/")]
        assert data == ebook.render(book, pages)  # outside a build: every document rendered afresh
        return data, made

    first, every = built()
    assert every == [
        "chapter-draisine",
        "chapter-high-wheeler",
        "chapter-safety",
        "people",
        "timeline",
        "glossary",
        "sources",
        "names",
    ]
    assert built() == (first, [])
    replace_in(small / "chapters" / "safety.yaml", "made the modern bicycle.", "made the modern bicycle at last.")
    edited, made = built()
    assert made == ["chapter-safety"] and edited != first
    # a mention of a person early on: the marks the later documents and the registers make change
    replace_in(
        small / "chapters" / "draisine.yaml",
        "It had *no pedals*",
        "Unlike [Starley](person:starley)'s, it had *no pedals*",
    )
    _, made = built()
    assert made == every  # the marks each later document receives changed
