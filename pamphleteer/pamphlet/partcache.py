"""The cache folder's entries for settled parts and what else is laid out like one (``parts.Layouts``).

An entry is two files named by its key: a JSON of what the book needs of the layout (with the key
and the PDF's checksum) and the PDF. It is read back only when whole and still true: the PDF as it
was written, and every file its layout read unchanged since (a stylesheet, a font, an image).

Beside them, for each part by its name, the lines its last layouts broke (``render/weasy/lines.py``):
not a layout but a memory of WeasyPrint's answers, each right by its own key, that the part's next
layout starts from (after an edit, only the edited paragraph's lines are broken anew). Its file
is named by the part's name and what the answers depend on, and sealed as a kept entry is.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pamphleteer.infra import dependencies, kept, output
from pamphleteer.render import weasy


def entry(cache: Path, k: str, folders: tuple[Path, ...]) -> tuple[dict[str, Any], bytes] | None:
    """A cache entry, its JSON and its PDF, if whole and still true: the PDF as it was written,
    and every file its layout read (in ``folders``) unchanged since."""
    try:
        meta = json.loads((cache / f"{k}.json").read_bytes())
        pdf = (cache / f"{k}.pdf").read_bytes()
        if meta["key"] != k or hashlib.sha256(pdf).hexdigest() != meta["pdf"]:
            return None
        if not dependencies.unchanged(meta["read"], folders):
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return meta, pdf


def store(cache: Path, entries: dict[str, tuple[dict[str, Any], bytes]]) -> None:
    """Keep entries (key -> its JSON and its PDF) in the cache."""
    files = {}
    for k, (meta, pdf) in entries.items():
        whole = {**meta, "key": k, "pdf": hashlib.sha256(pdf).hexdigest()}
        files[f"{k}.json"] = json.dumps(whole, sort_keys=True).encode()
        files[f"{k}.pdf"] = pdf
    output.keep(cache, files)


def lines_name(name: str) -> str:
    """The file of part ``name``'s lines: named by what its answers depend on besides their keys."""
    version = f"{name}\0{weasy.LINES_VERSION}\0{dependencies.code_digest()}"
    return "lines-" + dependencies.digest(version.encode())


def lines(cache: Path, name: str) -> bytes:
    """The lines kept for part ``name``, if whole (else nothing)."""
    file = lines_name(name)
    entry = output.read(cache / file)
    return (kept.unsealed(file, entry) if entry is not None else None) or b""


def keep_lines(cache: Path, name: str, payload: bytes) -> None:
    """Keep part ``name``'s lines (``weasy.kept_lines``), sealed as the kept entries are (``infra/kept.py``)."""
    file = lines_name(name)
    output.keep(cache, {file: kept.seal(file, payload)})


def stored(part: Any) -> dict[str, Any]:
    """What the cache keeps of a settled part (``parts.LaidPart``) beside its PDF."""
    return {
        "pages": [[p.name, p.x] for p in part.pages],
        "anchors": part.anchors,
        "borrowed": sorted(part.borrowed),
        "running": part.running,
        "read": part.read,
        "corrections": part.corrections.as_lists(),
        "layouts": part.layouts,
        "faults": [f.as_list() for f in part.faults],
        "starts": list(part.starts),
    }
