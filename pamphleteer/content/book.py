"""The validated publication as one read-only :class:`Book`, and the date stamped into outputs.

A Book is built once, by :func:`assemble`, from the files that ``reading.py``
read and validated; after that nothing changes it. Its collections are tuples
and read-only mappings, so every stage (and every child process) sees the same
publication the checks saw.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pamphleteer import settings
from pamphleteer.errors import Problem
from pamphleteer.text import cldr, words

from . import house, model, source

K = TypeVar("K")
V = TypeVar("V")


class ReadOnly(Mapping[K, V]):
    """A mapping nobody can change; unlike ``MappingProxyType`` it pickles (child processes may be spawned)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data or {})

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"ReadOnly({self._data!r})"

    def __getstate__(self) -> dict[K, V]:
        return self._data

    def __setstate__(self, state: dict[K, V]) -> None:
        self._data = state


def digits_of(publication: model.Publication) -> str:
    """The digit style of every number the tool prints: the publication's choice, else its language's."""
    return publication.digits or cldr.default_digits(publication.language)


@dataclass(frozen=True)
class ChapterDoc:
    """A chapter with its id, its place in the book and where its YAML stood."""

    id: str
    number: int | None  # None for appendices and labelled chapters
    chapter: model.Chapter
    located: source.Located
    language: str = (
        "en"  # the publication's, with its digits (cldr.numbers_tag), for the words the tool adds ("Chapter 3")
    )
    untranslated: bool = False  # in a translation: the chapter's text is the original's
    slides_untranslated: bool = False  # in a translation: its slides are the original's

    @property
    def running_head(self) -> str:
        return self.chapter.short_title or self.chapter.title

    @property
    def label(self) -> str:
        if self.chapter.label:
            return self.chapter.label
        if self.number:
            return words.fill(
                self.language, "chapter", number=cldr.numerals(self.number, cldr.numbers_of(self.language)[1])
            )
        return words.catalogue(self.language)["appendix"]

    @property
    def anchor(self) -> str:
        return f"chapter-{self.id}"


@dataclass(frozen=True)
class TranslationPart:
    """One thing a translation translates (a chapter, a register file) and how it stands against its original."""

    kind: str  # "chapter" or "register"
    name: str  # the chapter id, or the register's file name
    original: Path  # the original's file
    translated: source.Located | None  # the translation's file; None when there is none
    stored: str | None  # the original's hash the translation records
    current: str  # the original's hash now

    @property
    def missing(self) -> bool:
        return self.translated is None

    @property
    def stale(self) -> bool:
        return self.translated is not None and self.stored != self.current


@dataclass(frozen=True)
class Lineage:
    """What a translation was made from: its original's folder and language, and each part's standing."""

    original: Path
    language: str
    untranslated: str  # "mark" or "refuse"
    parts: tuple[TranslationPart, ...] = ()
    # The register entries read from the original, untranslated, in its language: "<register>/<id>"
    # ("people/trotsky", "glossary/nep", "data/...", "sources/..."), and "timeline" when the
    # translation has no timeline of its own.
    original_entries: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Book:
    """The whole publication, validated and cross-referenced; read-only once built."""

    root: Path
    publication: model.Publication
    chapters: tuple[ChapterDoc, ...]
    back_matter: tuple[str | ChapterDoc, ...]
    people: Mapping[str, model.Person] = field(default_factory=ReadOnly)
    events: tuple[model.Event, ...] = ()
    series: Mapping[str, model.Series] = field(default_factory=ReadOnly)
    terms: Mapping[str, model.Term] = field(default_factory=ReadOnly)
    sources: Mapping[str, model.Source] = field(default_factory=ReadOnly)
    tables: Mapping[str, model.Table] = field(default_factory=ReadOnly)
    files: tuple[Path, ...] = ()  # every content file read, for fingerprints
    images: tuple[Path, ...] = ()  # real paths of the images the publication uses, in order of use
    located: source.Located | None = None  # publication.yaml with positions, to locate problems in it
    translation: Lineage | None = None  # set when the publication is a translation of another

    @property
    def language(self) -> str:
        return self.publication.language

    @property
    def digits(self) -> str:
        """The digit style of every number the tool prints (:func:`digits_of`)."""
        return digits_of(self.publication)

    @property
    def look(self) -> house.Look:
        """The house style's colours and faces (``house.py``), which every output draws with."""
        return self.publication.style.look

    @property
    def folders(self) -> tuple[Path, ...]:
        """The folders whose files the outputs may read: the publication's, and a translation's original's."""
        return (self.root,) if self.translation is None else (self.root, self.translation.original)

    def all_chapters(self) -> list[ChapterDoc]:
        return [*self.chapters, *(c for c in self.back_matter if isinstance(c, ChapterDoc))]

    def events_between(self, start: str, end: str) -> list[model.Event]:
        # Partial dates compare as text; pad the end so '1927' includes '1927-12-31'.
        return [e for e in self.events if start <= e.date <= end + "~"]


def stamp(book: Book) -> str:
    """The date stamped into outputs: SOURCE_DATE_EPOCH if set, else the publication's own date."""
    when = settings.source_date()
    if when is not None:
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    date = book.publication.date
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


_R = TypeVar("_R")


def per_book(fn: Callable[[Book], _R]) -> Callable[[Book], _R]:
    """``fn`` worked out once for the book at hand: asked again about the same Book (which is
    frozen), it answers from memory; asked about another, it works that one out instead."""
    kept: list[tuple[Book, _R]] = []

    @functools.wraps(fn)
    def once(book: Book) -> _R:
        if not kept or kept[0][0] is not book:
            kept[:] = [(book, fn(book))]
        return kept[0][1]

    return once


# Register file key -> (attribute of Book, list attribute in the file's model).
_REGISTERS = {"people": "people", "data": "series", "glossary": "terms", "sources": "sources"}


def assemble(
    root: Path,
    publication: model.Publication,
    chapters: Mapping[str, tuple[source.Located, model.Chapter]],
    registers: Mapping[str, tuple[source.Located, Any]],
    files: tuple[Path, ...],
    images: tuple[Path, ...] = (),
    located: source.Located | None = None,
) -> tuple[Book, list[Problem]]:
    """The Book from validated files, and the duplicate ids found while indexing them.

    ``chapters`` and ``registers`` hold only the files that validated; a chapter
    listed but missing is left out (its problem is reported elsewhere).
    """
    problems: list[Problem] = []
    docs: dict[str, ChapterDoc] = {}
    number = 0
    said = cldr.numbers_tag(publication.language, digits_of(publication))
    for name in publication.chapters:
        if name not in chapters:
            continue
        where, chapter = chapters[name]
        numbered = chapter.label is None  # labelled chapters (Introduction...) go unnumbered
        number += numbered
        docs[name] = ChapterDoc(name, number if numbered else None, chapter, where, said)
    for name in publication.appendices:
        if name in chapters and name not in docs:
            where, chapter = chapters[name]
            docs[name] = ChapterDoc(name, None, chapter, where, said)
    indexes: dict[str, ReadOnly[str, Any]] = {}
    for key, attr in _REGISTERS.items():
        table: dict[str, Any] = {}
        if key in registers:
            where, data = registers[key]
            for i, item in enumerate(getattr(data, attr)):
                if item.id in table:
                    problems.append(where.problem((attr, i, "id"), f"duplicate id '{item.id}'"))
                table[item.id] = item
        indexes[attr] = ReadOnly(table)
    events: tuple[model.Event, ...] = ()
    if "timeline" in registers:
        events = tuple(sorted(registers["timeline"][1].events, key=lambda e: e.date))
    ordered = [docs[n] for n in publication.chapters if n in docs]
    back = tuple(docs.get(name, name) for name in publication.appendices if name in docs or _generated(name))
    tables: dict[str, model.Table] = {}
    for doc in [*ordered, *(d for d in back if isinstance(d, ChapterDoc))]:
        for i, block in enumerate(doc.chapter.blocks):
            if block.table is not None and block.table.id:
                if block.table.id in tables:
                    problems.append(
                        doc.located.problem(("blocks", i, "table", "id"), f"duplicate table id '{block.table.id}'")
                    )
                tables[block.table.id] = block.table
    book = Book(
        root,
        publication,
        tuple(ordered),
        back,
        people=indexes["people"],
        events=events,
        series=indexes["series"],
        terms=indexes["terms"],
        sources=indexes["sources"],
        tables=ReadOnly(tables),
        files=files,
        images=images,
        located=located,
    )
    return book, problems


def _generated(name: str) -> bool:
    return name in model.GENERATED_APPENDICES
