"""Content folder -> one validated :class:`Book`, or every problem in every file.

Each YAML file is read with positions (``source.py``), validated against its
model (``model.py``), and then the whole publication is cross-checked: chapter
lists, references between files, images. Nothing is built from a folder with
any problem in it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import images, inline, model, source
from .errors import BuildError, Problem

REGISTERS = {
    "people": ("people.yaml", model.PeopleFile),
    "timeline": ("timeline.yaml", model.TimelineFile),
    "data": ("data.yaml", model.DataFile),
    "glossary": ("glossary.yaml", model.GlossaryFile),
    "sources": ("sources.yaml", model.SourcesFile),
}


@dataclass
class ChapterDoc:
    """A chapter with its id, its place in the book and where its YAML stood."""

    id: str
    number: int | None  # None for appendices
    chapter: model.Chapter
    located: source.Located

    @property
    def running_head(self) -> str:
        return self.chapter.short_title or self.chapter.title

    @property
    def label(self) -> str:
        if self.chapter.label:
            return self.chapter.label
        return f"Chapter {self.number}" if self.number else "Appendix"

    @property
    def anchor(self) -> str:
        return f"chapter-{self.id}"


@dataclass
class Book:
    """The whole publication, validated and cross-referenced."""

    root: Path
    publication: model.Publication
    chapters: list[ChapterDoc]
    back_matter: list[str | ChapterDoc]
    people: dict[str, model.Person] = field(default_factory=dict)
    events: list[model.Event] = field(default_factory=list)
    series: dict[str, model.Series] = field(default_factory=dict)
    terms: dict[str, model.Term] = field(default_factory=dict)
    sources: dict[str, model.Source] = field(default_factory=dict)
    tables: dict[str, model.Table] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.publication.language

    def all_chapters(self) -> list[ChapterDoc]:
        return [*self.chapters, *(c for c in self.back_matter if isinstance(c, ChapterDoc))]

    def events_between(self, start: str, end: str) -> list[model.Event]:
        # Partial dates compare as text; pad the end so '1927' includes '1927-12-31'.
        return [e for e in self.events if start <= e.date <= end + "~"]


def stamp(book: Book) -> str:
    """The date stamped into outputs: SOURCE_DATE_EPOCH if set, else the publication's own date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    date = book.publication.date
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


def load(root: Path) -> Book:
    """Read and check the publication in ``root``; raise :class:`BuildError` listing every problem."""
    loader = _Loader(root)
    return loader.run()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.files: list[Path] = []

    def run(self) -> Book:
        if not (self.root / "publication.yaml").is_file():
            raise BuildError(
                [Problem(self.root / "publication.yaml", message="no publication.yaml here; is this a content folder?")]
            )
        pub_loc, pub = self._file(self.root / "publication.yaml", model.Publication)
        registers: dict[str, Any] = {}
        for key, (name, cls) in REGISTERS.items():
            path = self.root / name
            registers[key] = self._file(path, cls) if path.exists() else (None, None)
        chapters = self._chapters(pub, pub_loc)
        if self.problems or pub is None or pub_loc is None:
            raise BuildError(self.problems)
        book = self._assemble(pub, pub_loc, chapters, registers)
        self._cross_check(book, pub_loc, registers)
        if self.problems:
            raise BuildError(self.problems)
        return book

    def _file(self, path: Path, cls: type[BaseModel]) -> tuple[source.Located | None, Any]:
        self.files.append(path)
        located, problems = source.read(path)
        self.problems += problems
        if located is None:
            return None, None
        try:
            return located, cls.model_validate(located.data)
        except ValidationError as exc:
            self.problems += [_problem(located, cls, err) for err in exc.errors()]
            return located, None

    def _chapters(self, pub: model.Publication | None, pub_loc: source.Located | None) -> dict[str, ChapterDoc]:
        folder = self.root / "chapters"
        found = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        docs: dict[str, ChapterDoc] = {}
        for path in found:
            located, chapter = self._file(path, model.Chapter)
            if located is not None and chapter is not None:
                docs[path.stem] = ChapterDoc(path.stem, None, chapter, located)
        if pub is None or pub_loc is None:
            return docs
        listed = {*pub.chapters, *pub.appendices}
        for key in ("chapters", "appendices"):
            for i, name in enumerate(getattr(pub, key)):
                if name in model.GENERATED_APPENDICES and key == "appendices":
                    continue
                if not (folder / f"{name}.yaml").is_file():
                    hint = _did_you_mean(name, [p.stem for p in found])
                    self.problems.append(pub_loc.problem((key, i), f"no file chapters/{name}.yaml{hint}"))
        for path in found:
            if path.stem in model.GENERATED_APPENDICES:
                self.problems.append(
                    Problem(path, 1, 1, "", f"'{path.stem}' is the name of a generated appendix; rename the file")
                )
            elif path.stem not in listed:
                self.problems.append(
                    Problem(path, 1, 1, "", "chapter is not listed in publication.yaml (chapters or appendices)")
                )
        return docs

    def _assemble(
        self, pub: model.Publication, pub_loc: source.Located, docs: dict[str, ChapterDoc], registers: dict[str, Any]
    ) -> Book:
        chapters = []
        number = 0
        for name in pub.chapters:
            doc = docs[name]
            if doc.chapter.label is None:  # labelled chapters (Introduction...) go unnumbered
                number += 1
                doc.number = number
            chapters.append(doc)
        back: list[str | ChapterDoc] = [docs.get(name, name) for name in pub.appendices]
        book = Book(self.root, pub, chapters, back, files=self.files)
        for key, attr, id_attr in (
            ("people", "people", "id"),
            ("data", "series", "id"),
            ("glossary", "terms", "id"),
            ("sources", "sources", "id"),
        ):
            located, data = registers[key]
            if data is None:
                continue
            table = getattr(book, attr)
            for i, item in enumerate(getattr(data, attr)):
                key_value = getattr(item, id_attr)
                if key_value in table:
                    self.problems.append(located.problem((attr, i, id_attr), f"duplicate id '{key_value}'"))
                table[key_value] = item
        if registers["timeline"][1] is not None:
            book.events = sorted(registers["timeline"][1].events, key=lambda e: e.date)
        for doc in book.all_chapters():
            for i, block in enumerate(doc.chapter.blocks):
                if block.table is not None and block.table.id:
                    if block.table.id in book.tables:
                        self.problems.append(
                            doc.located.problem(("blocks", i, "table", "id"), f"duplicate table id '{block.table.id}'")
                        )
                    book.tables[block.table.id] = block.table
        return book

    def _cross_check(self, book: Book, pub_loc: source.Located, registers: dict[str, Any]) -> None:
        known = {
            "person": book.people,
            "term": book.terms,
            "source": book.sources,
            "chapter": {c.id: c for c in book.all_chapters()},
        }
        located_files = [pub_loc, *(loc for loc, _ in registers.values() if loc is not None)]
        located_files += [doc.located for doc in book.all_chapters()]
        for located in located_files:
            for loc, text in _strings(located.data, ()):
                for kind, ref in inline.refs(inline.parse(text, book.language)):
                    if ref not in known[kind]:
                        hint = _did_you_mean(ref, list(known[kind]))
                        self.problems.append(located.problem(loc, f"{kind}:{ref} refers to no {_NOUN[kind]}{hint}"))
        for i, ref in enumerate(book.publication.lecture.reading):
            self._ref(pub_loc, ("lecture", "reading", i), ref, book.sources, "source")
        chapters = {c.id: c for c in book.all_chapters()}
        for i, part in enumerate(book.publication.lecture.parts):
            for j, ref in enumerate(part.chapters):
                self._ref(pub_loc, ("lecture", "parts", i, "chapters", j), ref, chapters, "chapter")
        for doc in book.all_chapters():
            for i, block in enumerate(doc.chapter.blocks):
                base = ("blocks", i, block.kind)
                self._visual(book, doc, base, block.kind, block.body)
            for i, slide in enumerate(doc.chapter.slides):
                if slide.visual:
                    self._visual(book, doc, ("slides", i, slide.visual), slide.visual, getattr(slide, slide.visual))

    def _visual(self, book: Book, doc: ChapterDoc, loc: tuple, kind: str, body: Any) -> None:
        if kind == "quote" and body.who:
            self._ref(doc.located, (*loc, "who"), body.who, book.people, "person")
        elif kind == "figure":
            self._ref(doc.located, (*loc, "series"), body.series, book.series, "data series")
        elif kind == "chart":
            self._ref(doc.located, loc, body, book.series, "data series")
        elif kind == "table" and isinstance(body, str):
            self._ref(doc.located, loc, body, book.tables, "table")
        elif kind == "timeline":
            if body.start > body.end:
                self.problems.append(
                    doc.located.problem((*loc, "end"), f"ends ({body.end}) before it starts ({body.start})")
                )
            elif not book.events_between(body.start, body.end):
                self.problems.append(
                    doc.located.problem(loc, f"no timeline events between {body.start} and {body.end}")
                )
        elif kind == "image":
            problem = images.check(book.root, body.file)
            if problem:
                self.problems.append(doc.located.problem((*loc, "file"), problem))

    def _ref(self, located: source.Located, loc: tuple, ref: str, table: dict, noun: str) -> None:
        if ref not in table:
            hint = _did_you_mean(ref, list(table))
            self.problems.append(located.problem(loc, f"'{ref}' is no known {noun}{hint}"))


_NOUN = {
    "person": "person in people.yaml",
    "term": "term in glossary.yaml",
    "source": "source in sources.yaml",
    "chapter": "chapter",
}


def _strings(data: Any, loc: tuple) -> list[tuple[tuple, str]]:
    if isinstance(data, str):
        return [(loc, data)] if "](" in data else []
    if isinstance(data, list):
        return [x for i, item in enumerate(data) for x in _strings(item, (*loc, i))]
    if isinstance(data, dict):
        return [x for k, v in data.items() for x in _strings(v, (*loc, k))]
    return []


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# --- pydantic errors in an author's words --------------------------------------------------


def _problem(located: source.Located, cls: type[BaseModel], err: Any) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        fields = _fields_at(cls, loc[:-1])
        return located.problem(loc, f"unknown field{_did_you_mean(str(loc[-1]), fields)}", key=True)
    if kind == "missing":
        return located.problem(loc, "required field is missing")
    return located.problem(loc, _message(err))


_EXPECTED = {
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
}


def _message(err: Any) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {_describe(value)}"
        if (kind == "string_type" and isinstance(value, (bool, int, float))) or (
            value is None and kind == "string_type"
        ):
            message += "; quote it if you mean text"
        return message
    if kind == "string_too_long":
        return f"text is too long ({len(value)} characters; at most {ctx['max_length']})"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_long":
        return f"too many items ({ctx.get('actual_length', len(value))}; at most {ctx['max_length']})"
    if kind == "too_short":
        return f"needs at least {ctx['min_length']} item(s)"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == model.ID_PATTERN:
            return f"expected an id of lowercase letters, digits and hyphens, got '{value}'"
        if pattern.startswith("^https?"):
            return f"expected a web address starting https:// or http://, got '{value}'"
        return f"'{value}' is not in the expected form"
    if kind == "literal_error":
        return f"expected one of {ctx['expected']}; got {_describe(value)}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err["msg"]))
    return err["msg"]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"text '{short}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _fields_at(cls: Any, loc: tuple) -> list[str]:
    """Field names of the model found by following ``loc`` from ``cls``."""
    current: Any = cls
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0]
        else:
            return tp
