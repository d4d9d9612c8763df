"""Every content file of a publication, read with positions and validated against its model.

``publication.yaml``, the optional registers and ``chapters/*.yaml`` are each
read by ``source.py`` (which keeps every value's line and column) and checked
against their model in ``model/`` (a translation's ``publication.yaml``
against ``model.Translation``). A file that fails keeps its raw data when
its YAML parsed, so later checks can still look inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pamphleteer.errors import Problem
from pamphleteer.infra import kept

from . import messages, model, source

REGISTERS: dict[str, tuple[str, type[BaseModel]]] = {
    "people": ("people.yaml", model.PeopleFile),
    "timeline": ("timeline.yaml", model.TimelineFile),
    "data": ("data.yaml", model.DataFile),
    "glossary": ("glossary.yaml", model.GlossaryFile),
    "sources": ("sources.yaml", model.SourcesFile),
}


@dataclass(frozen=True)
class Read:
    """One file: its located data (``None`` if its YAML did not parse) and its model (``None`` if invalid)."""

    path: Path
    located: source.Located | None
    value: Any


@dataclass
class Files:
    """Everything read from a publication folder, and the problems reading and validating it found."""

    publication: Read
    registers: dict[str, Read] = field(default_factory=dict)  # only the registers that exist
    chapters: dict[str, Read] = field(default_factory=dict)  # file stem -> chapter file
    problems: list[Problem] = field(default_factory=list)

    @property
    def paths(self) -> tuple[Path, ...]:
        return (self.publication.path, *(r.path for r in self.registers.values()), *self.chapter_paths)

    @property
    def chapter_paths(self) -> list[Path]:
        return [r.path for r in self.chapters.values()]

    def all(self) -> list[Read]:
        return [self.publication, *self.registers.values(), *self.chapters.values()]


def read_all(root: Path, shelf: kept.Shelf | None = None) -> Files:
    """Read and validate every content file under ``root`` (each file read before answered from ``shelf``)."""
    problems: list[Problem] = []

    def read(path: Path, cls: type[BaseModel]) -> Read:
        done, found = read_file(path, cls, root, shelf)
        problems.extend(found)
        return done

    files = Files(read(root / "publication.yaml", model.Publication), problems=problems)
    for key, (name, cls) in REGISTERS.items():
        path = root / name
        if path.exists() or path.is_symlink():
            files.registers[key] = read(path, cls)
    folder = root / "chapters"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        files.chapters[path.stem] = read(path, model.Chapter)
    return files


def read_file(
    path: Path, cls: type[BaseModel], root: Path, shelf: kept.Shelf | None = None
) -> tuple[Read, list[Problem]]:
    """Read ``path`` (inside ``root``) and validate it as ``cls``; the file and its problems."""
    located, problems = source.read(path, root, shelf)
    if located is None:
        return Read(path, None, None), problems
    if cls is model.Publication:
        cls = model.publication_model(located.data)  # a translation's publication.yaml names its original
    try:
        return Read(path, located, cls.model_validate(located.data)), problems
    except ValidationError as exc:
        return Read(path, located, None), problems + [messages.problem(located, cls, err) for err in exc.errors()]
