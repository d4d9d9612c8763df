"""content/book.py: the Book is read-only once built, pickles whole, and stamps a reproducible date."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from pamphleteer.content import load, stamp
from pamphleteer.content.book import ReadOnly
from tests.conftest import SMALL


def test_book_and_its_parts_cannot_be_changed():
    book = load(SMALL)
    doc = book.chapters[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        book.chapters = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.number = 7  # type: ignore[misc]
    with pytest.raises(TypeError):
        book.people["someone"] = book.people["drais"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        book.chapters.append(doc)  # type: ignore[attr-defined]
    assert isinstance(book.events, tuple) and isinstance(book.back_matter, tuple)


def test_chapters_are_numbered_in_reading_order_and_appendices_are_not():
    book = load(SMALL)
    assert [(d.id, d.number, d.label) for d in book.chapters] == [
        ("draisine", 1, "Chapter 1"),
        ("high-wheeler", 2, "Chapter 2"),
        ("safety", 3, "Chapter 3"),
    ]
    assert book.back_matter == ("people", "timeline", "glossary", "sources", "index")


def test_book_pickles_whole_for_child_processes():
    book = load(SMALL)
    copy = pickle.loads(pickle.dumps(book))
    assert copy == book
    assert dict(copy.people) == dict(book.people)
    assert [p.name for p in copy.files] == ["publication.yaml", *[p.name for p in book.files[1:]]]


def test_read_only_mapping():
    table = ReadOnly({"a": 1})
    assert (dict(table), len(table), "a" in table, table.get("b")) == ({"a": 1}, 1, True, None)
    assert pickle.loads(pickle.dumps(table)) == table


def test_stamp_prefers_source_date_epoch(monkeypatch):
    book = load(SMALL)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert stamp(book) == "2025-03-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert stamp(book) == "2023-11-14T22:13:20Z"
    short = dataclasses.replace(book, publication=book.publication.model_copy(update={"date": "1928"}))
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert stamp(short) == "1928-01-01"
