"""A build with nothing to do, answered before the publication is even loaded.

Loading and validating a publication takes most of a second (and importing the model
half of that); an author who saves without changing anything, or a watcher, should not
wait for it. After each build, :func:`remember` notes what the build was asked for (the
targets, the options that shape outputs, the folders, and the size and time of the tool's
code files, which a new version or an edit changes) and the size and time of every file it
depended on: the whole publication folder (and a translation's original's folder, which the
note names), the templates and fonts the outputs read, and the outputs themselves.
:func:`up_to_date` answers yes only when all of that is the same, so any doubt (a new file,
a changed one, another request, a damaged note) falls through to the full build, which
decides for itself.

Standard library only, so that the answer comes before the heavy modules load.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pamphleteer import settings
from pamphleteer.infra import dependencies
from pamphleteer.infra import output as writer
from pamphleteer.infra.dependencies import digest
from pamphleteer.infra.locations import templates_dir

NOTE = ".pamphleteer-quick.json"
STATE = ".pamphleteer-state.json"  # the incremental builds' records: its bytes are part of what is compared


def request(content: Path, output: Path, targets: list[str], options: dict[str, Any]) -> str:
    """What a build was asked for, as one digest."""
    asked = {
        "code": dependencies.code_signature(),
        "content": str(content.resolve()),
        "output": str(output.resolve()),
        "targets": targets,
        "options": options,
        "env": settings.shaping(),
    }
    return digest(json.dumps(asked, sort_keys=True, default=str).encode())


def remember(content: Path, output: Path, asked: str, original: Path | None = None) -> bytes:
    """The note to keep beside the outputs after a build that succeeded (written by ``infra/output.py``);
    ``original``: a translation's original's folder, whose files the outputs are made from too."""
    where = str(original.resolve()) if original is not None else None
    note = {"request": asked, "original": where, "files": _files(content, output, original=original)}
    return json.dumps(note, sort_keys=True).encode()


def up_to_date(content: Path, output: Path, asked: str) -> bool:
    """Whether the last build was this request over exactly these files, and none is running or
    left anything behind (its temporary files, or on POSIX its lock file, which a build that
    ends removes): those are for the full build to wait for or sweep."""
    debris = [*output.glob(".pamphleteer-tmp-*")]
    if os.name != "nt":  # Windows cannot remove an open file: there the empty lock file stays
        debris += [*output.glob(".pamphleteer.lock")]
    if debris:
        return False
    try:
        note = json.loads(writer.read(output / NOTE) or b"")  # never a pipe, never through a link
        original = Path(note["original"]) if note["original"] is not None else None
        return note["request"] == asked and note["files"] == _files(content, output, note["files"], original)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _files(
    content: Path, output: Path, listed: dict[str, str] | None = None, original: Path | None = None
) -> dict[str, str]:
    """Signature of each file of the publication (and of its original), of each template the last build
    read, and of each output."""
    found = {f"content:{p.relative_to(content).as_posix()}": _signature(p) for p in _walk(content)}
    if original is not None:
        found |= {f"original:{p.relative_to(original).as_posix()}": _signature(p) for p in _walk(original)}
    found |= {f"output:{p.relative_to(output).as_posix()}": _signature(p) for p in _walk(output, outputs_only=True)}
    state = output / STATE
    found["output:" + STATE] = _signature(state) if state.is_file() else ""
    templates = templates_dir()
    if listed is None:  # after a build: the templates its outputs recorded reading
        listed = {f"templates:{name}": "" for name in _recorded_templates(state)}
    for name in (k for k in listed if k.startswith("templates:")):
        path = templates / name.partition(":")[2]
        found[name] = _signature(path) if path.is_file() else ""
    return found


def _walk(folder: Path, *, outputs_only: bool = False) -> list[Path]:
    """Every file under ``folder``; in the output folder, not our own dotfiles (state, lock, cache),
    whose folders are not entered (the cache holds ten times the outputs' files)."""
    files = []
    try:
        tops = sorted(folder.iterdir())
    except OSError:
        return []
    for top in tops:
        if outputs_only and top.name.startswith(".pamphleteer"):
            continue
        inside = sorted(top.rglob("*")) if top.is_dir() and not top.is_symlink() else []
        files += [path for path in [top, *inside] if path.is_file()]
    return files


def _signature(path: Path) -> str:
    """A file's size and modification time: any save, copy or checkout changes them, and reading
    them costs nothing beside reading the bytes of fonts and outputs (tens of megabytes)."""
    try:
        found = path.stat()
    except OSError:
        return ""
    return f"{found.st_size}:{found.st_mtime_ns}"


def _recorded_templates(state: Path) -> set[str]:
    try:
        records = json.loads(writer.read(state) or b"")["records"]
        return {key.partition(":")[2] for r in records.values() for key in r["files"] if key.startswith("templates:")}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()
