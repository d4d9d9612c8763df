"""The screen editions' plan: documents and their files, where references lead, marks, chart descriptions, ids."""

from __future__ import annotations

import pytest
import yaml

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
