"""Incremental builds: each output is remade only when what it reads has changed.

An output's fingerprint hashes exactly the parts of the model it reads (the deck
reads slides and notes, the pamphlet does not), the templates and fonts it uses,
the build options that shape it and the tool's version. The last build's
fingerprints, output digests and the pamphlet's page map are kept in
``.pamphleteer-state.json`` in the output folder; an output is stale when its
fingerprint changed, its file is missing, or the file on disk is not the one
we wrote.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .content import Book, ChapterDoc
from .locations import templates_dir

STATE = ".pamphleteer-state.json"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(*patterns: str) -> list[tuple[str, str]]:
    root = templates_dir()
    found = sorted(p for pattern in patterns for p in root.glob(pattern) if p.is_file())
    return [(str(p.relative_to(root)), digest(p.read_bytes())) for p in found]


@lru_cache(maxsize=1)
def _code() -> str:
    """The tool's own source: a changed stage rebuilds its outputs even without a version bump."""
    package = Path(__file__).resolve().parent
    return digest(b"".join(p.read_bytes() for p in sorted(package.rglob("*.py"))))


def _chapter(doc: ChapterDoc, *, text: bool, lecture: bool) -> dict[str, Any]:
    c = doc.chapter
    out: dict[str, Any] = {
        "id": doc.id,
        "number": doc.number,
        "title": c.title,
        "short": c.short_title,
        "label": c.label,
        "summary": c.summary,
    }
    if text:
        out["blocks"] = [b.model_dump(mode="json", exclude_none=True) for b in c.blocks]
    if lecture:
        out["slides"] = [s.model_dump(mode="json", exclude_none=True) for s in c.slides]
        out["key_points"] = list(c.key_points)
        out["tables"] = [b.table.model_dump(mode="json") for b in c.blocks if b.table]
    return out


def _registers(book: Book) -> dict[str, Any]:
    dump = lambda items: [i.model_dump(mode="json", exclude_none=True) for i in items]  # noqa: E731
    return {
        "people": dump(book.people.values()),
        "events": dump(book.events),
        "series": dump(book.series.values()),
        "terms": dump(book.terms.values()),
        "sources": dump(book.sources.values()),
    }


def fingerprint(book: Book, target: str, options: Any) -> str:
    """Hash of everything ``target`` reads."""
    pub = book.publication
    parts: dict[str, Any] = {
        "version": __version__,
        "code": _code(),
        "epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "registers": _registers(book),
    }
    if target in ("pamphlet", "print", "booklet"):
        parts["publication"] = pub.model_dump(mode="json", exclude={"lecture"})
        parts["chapters"] = [_chapter(d, text=True, lecture=False) for d in book.all_chapters()]
        parts["templates"] = _files("pamphlet/*", "fonts/*.ttf")
        parts["images"] = [digest(p.read_bytes()) for p in book.images]  # only those used, checked and capped
        parts["options"] = {"print": options.marks, "booklet": options.paper}.get(target)
    else:
        parts["publication"] = pub.model_dump(mode="json", exclude={"blurb", "colophon"})
        parts["chapters"] = [_chapter(d, text=False, lecture=True) for d in book.all_chapters()]
        if target == "deck":
            parts["templates"] = _files("lecture-master.pptx", "fonts/deck/*")
        else:
            parts["templates"] = _files(
                "handout/*", "pamphlet/_blocks.html.j2", "fonts/*.ttf", "fonts/deck/*", "lecture-master.pptx"
            )
            parts["options"] = [options.paper, options.handout_slides]
    return digest(json.dumps(parts, sort_keys=True, default=str).encode())


@dataclass
class State:
    targets: dict[str, dict[str, str]] = field(default_factory=dict)  # target -> inputs, output digests
    pages: dict[str, tuple[int, int]] = field(default_factory=dict)
    pages_key: str = ""

    @classmethod
    def load(cls, folder: Path) -> State:
        try:
            raw = json.loads((folder / STATE).read_text(encoding="utf-8"))
            return cls(raw["targets"], {k: tuple(v) for k, v in raw["pages"].items()}, raw["pages_key"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()  # no state or a damaged one: build everything

    def pages_valid(self, book: Book) -> bool:
        return bool(self.pages) and self.pages_key == fingerprint(book, "pamphlet", _Defaults())

    def update(
        self,
        book: Book,
        built: list[str],
        options: Any,
        pages: dict,
        fresh: bool,
        files: dict[str, bytes],
        names: dict[str, str],
    ) -> State:
        targets = dict(self.targets)
        for target in built:
            targets[target] = {"inputs": fingerprint(book, target, options), "output": digest(files[names[target]])}
        key = fingerprint(book, "pamphlet", _Defaults()) if fresh else self.pages_key
        return replace(self, targets=targets, pages=dict(pages), pages_key=key)

    def to_bytes(self) -> bytes:
        data = {"targets": self.targets, "pages": self.pages, "pages_key": self.pages_key}
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


@dataclass(frozen=True)
class _Defaults:
    marks: bool = True
    paper: str = "a4"
    handout_slides: int = 3


def stale(book: Book, wanted: list[str], options: Any, state: State, folder: Path, names: dict[str, str]) -> list[str]:
    """The wanted targets whose inputs changed or whose file is missing or altered."""
    if options.force:
        return list(wanted)
    out = []
    for target in wanted:
        record = state.targets.get(target)
        path = folder / names[target]
        if (
            record is None
            or record.get("inputs") != fingerprint(book, target, options)
            or not path.is_file()
            or digest(path.read_bytes()) != record.get("output")
        ):
            out.append(target)
    return out
