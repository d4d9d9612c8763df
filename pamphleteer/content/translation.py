"""A translation -> the whole publication in its language, and how each part stands against its original.

A translation is a publication folder whose ``publication.yaml`` names its
original (``translation_of: ../content``). It translates chapters
(``chapters/<id>.yaml``) and registers (entries by id; the timeline whole) by
the original's ids; whatever it lacks is taken from the original, so a
translation of two chapters is still a whole book. Each translated file records
the version of the original it translates, ``original: 3f9a1c2b``: the first 8
hex digits of a SHA-256 of the original's normalised content (:func:`fingerprint`).
``python build.py check`` lists what is missing and what is out of date
(:func:`report`); with ``untranslated: refuse`` those are errors.

Problems stay in the file they come from: the original is loaded as any
publication, so its problems are reported at its own paths.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pamphleteer.errors import BuildError, Problem, display_path

from . import messages, model, reading, references, source
from .book import Book, ChapterDoc, Lineage, TranslationPart, assemble

# Register file key -> (its list attribute, the Book attribute holding the original's entries by id).
_KEYED = {"people": ("people", "people"), "data": ("series", "series"), "glossary": ("terms", "terms")}
_KEYED["sources"] = ("sources", "sources")


def fingerprint(value: BaseModel | Iterable[BaseModel]) -> str:
    """The first 8 hex digits of the SHA-256 of ``value``'s content, however its YAML was written.

    A chapter's own ``original`` is left out (recording it does not change the chapter);
    layout, comments, quoting and omitted defaults do not count either.
    """
    if isinstance(value, BaseModel):
        data: Any = value.model_dump(mode="json", exclude={"original"}, exclude_none=True)
    else:
        data = [item.model_dump(mode="json", exclude_none=True) for item in value]
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def load(root: Path, files: reading.Files, load_original: Callable[[Path], Book]) -> Book:
    """The translation in ``root`` over its original; raise :class:`BuildError` listing every problem."""
    translation = files.publication.value
    here = files.publication.located
    assert translation is not None and here is not None
    problems = list(files.problems)
    original_root = _followed(root / translation.translation_of)
    if original_root is None:
        loop = here.problem(("translation_of",), "is a link that leads back to itself; name the original's folder")
        raise BuildError([*problems, loop])
    problem = _original_problem(root, original_root, here)
    if problem is not None:
        raise BuildError([*problems, problem])
    original = load_original(original_root)  # its own problems at its own paths
    publication = _publication(original.publication, translation, here, problems)
    # The house style is the original's; a cover the translation names (its alt and credit translated) is
    # looked for as its chapters' pictures are. Both keep the files checked as they loaded.
    translation, pictures, found = references.publication_images(root, translation, here, original_root)
    problems += found
    cover = translation.cover if translation.cover is not None else original.publication.cover
    publication = publication.model_copy(update={"style": original.publication.style, "cover": cover})
    own = files.chapters
    known = {doc.id for doc in original.all_chapters()}
    for name, read in own.items():
        if name not in known:
            where = display_path(original_root / "chapters" / f"{name}.yaml")
            problems.append(Problem(read.path, 1, 1, "", f"the original has no such chapter ({where})"))
    parts: list[TranslationPart] = []
    chapters: dict[str, tuple[source.Located, model.Chapter]] = {}
    for doc in original.all_chapters():
        read = own.get(doc.id)
        chapter = doc.chapter
        if read is not None and read.value is not None and read.located is not None:
            chapter = read.value
            if not chapter.slides and doc.chapter.slides:  # slides not yet translated: the original's
                chapter = chapter.model_copy(update={"slides": doc.chapter.slides})
        located = read.located if read is not None and read.value is not None else doc.located
        chapters[doc.id] = (located, chapter)  # type: ignore[assignment]
        translated = read.located if read is not None and read.value is not None else None
        stored = read.value.original if read is not None and read.value is not None else None
        parts.append(TranslationPart("chapter", doc.id, doc.located.path, translated, stored, fingerprint(doc.chapter)))
    registers, register_parts, original_entries = _registers(original, original_root, files, problems)
    parts += register_parts
    # The translation's own chapters name files of its folder (or, lacking them, of the original's); the
    # original's chapters, and the slides taken from them, were checked in the original's folder as it loaded.
    mine = {n: (r.located, r.value) for n, r in own.items() if n in chapters and r.value is not None}
    images, found = references.used_images(root, mine, original_root)
    problems += found
    problems += references.case_clashes(root, translation, here, mine)
    paths = (*original.files, *files.paths)
    book, found = assemble(root, publication, chapters, registers, paths, (*original.images, *images, *pictures), here)
    problems += found
    lineage = Lineage(original_root, original.language, translation.untranslated, tuple(parts), original_entries)
    book = _marked(book, own, lineage)
    problems += references.check(book, files)
    if translation.untranslated == "refuse":
        problems += [p for p in report(book) if p.path is not None]
    if problems:
        raise BuildError(problems, partial=book)
    return book


def original_of(root: Path) -> Path | None:
    """The folder a translation in ``root`` names as its original, as its publication.yaml says now;
    None for a publication that is no translation, or whose publication.yaml does not say."""
    located, _ = source.read(root / "publication.yaml", root)
    data = located.data if located is not None else None
    named = data.get("translation_of") if isinstance(data, dict) else None
    return _followed(root / named) if isinstance(named, str) and named.strip() else None


def _followed(path: Path) -> Path | None:
    """``path`` with its links followed, or None for a link that leads back to itself."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python 3.12 and earlier say "Symlink loop" so
        return None


def _original_problem(root: Path, original: Path, here: source.Located) -> Problem | None:
    if original == root.resolve():
        return here.problem(("translation_of",), "names this folder itself; name the original's folder")
    if not (original / "publication.yaml").is_file():
        return here.problem(("translation_of",), f"no publication.yaml in {display_path(original)}")
    read, _ = reading.read_file(original / "publication.yaml", model.Publication, original)
    if isinstance(read.value, model.Translation):
        return here.problem(("translation_of",), f"{display_path(original)} is itself a translation; name its original")
    return None


def _publication(
    original: model.Publication, translation: Any, here: source.Located, problems: list[Problem]
) -> model.Publication:
    """The original's publication.yaml with what the translation says for itself."""
    data = original.model_dump()
    own = translation.model_dump(exclude_unset=True, exclude={"translation_of", "untranslated", "lecture"})
    data["digits"] = None  # the original's choice was for its own language: the translation's is its own
    data.update(own)
    if "lecture" in translation.model_fields_set and translation.lecture is not None:
        data["lecture"] = {**data["lecture"], **translation.lecture.model_dump(exclude_unset=True)}
    try:
        return model.Publication.model_validate(data)
    except ValidationError as exc:  # e.g. lecture parts naming chapters the original lacks
        problems.extend(messages.problem(here, model.Publication, err) for err in exc.errors())
        return original


def _registers(
    original: Book, original_root: Path, files: reading.Files, problems: list[Problem]
) -> tuple[dict[str, tuple[source.Located, Any]], list[TranslationPart], frozenset[str]]:
    """The registers as the translation reads: its entries where it has them, the original's elsewhere;
    and which entries are the original's (``Lineage.original_entries``)."""
    registers: dict[str, tuple[source.Located, Any]] = {}
    parts: list[TranslationPart] = []
    untranslated: set[str] = set()
    for key, (name, cls) in reading.REGISTERS.items():
        path = original_root / name
        if not path.is_file():
            continue
        read = files.registers.get(key)
        value = read.value if read is not None else None
        here = read.located if read is not None and value is not None else None
        if key == "timeline":
            entries: list[Any] = list(original.events)
            attr = "events"
            if value is not None:
                entries = list(value.events)
            else:
                untranslated.add(key)
        else:
            attr, book_attr = _KEYED[key]
            table: dict[str, Any] = dict(getattr(original, book_attr))
            theirs = set(table)
            for i, item in enumerate(getattr(value, attr) if value is not None else []):
                if item.id not in table:
                    assert here is not None
                    problems.append(here.problem((attr, i, "id"), f"the original's {name} has no '{item.id}'"))
                table[item.id] = item
                theirs.discard(item.id)
            entries = list(table.values())
            untranslated |= {f"{key}/{id_}" for id_ in theirs}
        before = list(original.events) if key == "timeline" else list(getattr(original, _KEYED[key][1]).values())
        current = fingerprint(before)
        parts.append(
            TranslationPart("register", name, path, here, value.original if value is not None else None, current)
        )
        located = here or source.Located(path, None)
        registers[key] = (located, cls.model_construct(**{attr: entries}))
    return registers, parts, frozenset(untranslated)


def _marked(book: Book, own: Mapping[str, reading.Read], lineage: Lineage) -> Book:
    """Chapters the translation lacks, or whose slides it lacks, marked as the original's."""

    def mark(doc: ChapterDoc) -> ChapterDoc:
        read = own.get(doc.id)
        doc = dataclasses.replace(doc, language=book.language)  # its label ("Appendix") in the edition's words
        if read is None or read.value is None:
            return dataclasses.replace(doc, untranslated=True, slides_untranslated=bool(doc.chapter.slides))
        return dataclasses.replace(doc, slides_untranslated=bool(doc.chapter.slides) and not read.value.slides)

    back = tuple(mark(d) if isinstance(d, ChapterDoc) else d for d in book.back_matter)
    return dataclasses.replace(
        book, chapters=tuple(mark(d) for d in book.chapters), back_matter=back, translation=lineage
    )


def report(book: Book) -> list[Problem]:
    """Each part missing from the translation or translated from an older original, one located line each."""
    lineage = book.translation
    if lineage is None:
        return []
    out: list[Problem] = []
    for part in lineage.parts:
        if part.translated is None:
            mine = book.root / ("chapters/" if part.kind == "chapter" else "") / _file(part)
            message = f"not translated (no {display_path(mine)}); when it is, record original: {part.current}"
            out.append(Problem(part.original, 1, 1, "", message))
        elif part.stored is None:
            message = f"which version of the original this translates is not recorded; original: {part.current}"
            out.append(Problem(part.translated.path, 1, 1, "", message))
        elif part.stored != part.current:
            message = (
                f"the original ({display_path(part.original)}) changed since this was translated; "
                f"bring it up to date, then record original: {part.current}"
            )
            out.append(part.translated.problem(("original",), message))
    for doc in book.all_chapters():
        if doc.slides_untranslated and not doc.untranslated:
            out.append(Problem(doc.located.path, 1, 1, "slides", "not translated; the original's are shown"))
    return out


def counts(book: Book) -> str:
    """``19 of 22 chapters and 5 of 5 registers not translated, 1 out of date``."""
    assert book.translation is not None
    parts = book.translation.parts
    chapters = [p for p in parts if p.kind == "chapter"]
    registers = [p for p in parts if p.kind == "register"]
    missing = [sum(p.missing for p in chapters), sum(p.missing for p in registers)]
    stale = sum(p.translated is not None and p.stored != p.current for p in parts)
    return (
        f"{missing[0]} of {len(chapters)} chapters and {missing[1]} of {len(registers)} registers "
        f"not translated, {stale} out of date"
    )


def _file(part: TranslationPart) -> str:
    return f"{part.name}.yaml" if part.kind == "chapter" else part.name
