"""Content files read once: each file's located data kept by what it was read from, between builds.

Reading the YAML with every value's position is most of loading a publication (0.17 s of CPU
for the shipped one, in every build that has anything to do, and again for the registers the
glyph check reads). A file is read from its bytes, its path and the reader's code; while those
are as before, :class:`Shelf` answers with what it read then, pickled: from this process's
memory (a running ``--watch`` reads only the file just saved) or from the output's cache
folder (a new process). An entry carries the digest of its key and its bytes and is used only
when both match, so a damaged or foreign file is read again, never trusted.

What was read afresh is held until :meth:`Shelf.keep` hands it to ``infra/output.py`` (the one
writer) inside the build's lock, with every entry this load did not use removed.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from pathlib import Path
from typing import Any

from pamphleteer.infra import dependencies, output

MEMORY = 256  # entries kept in this process: a publication's files, and a translation's original's
_memory: OrderedDict[str, bytes] = OrderedDict()  # key -> entry, most recently used last
_PICKLE = 5  # a fixed protocol: an entry's bytes do not depend on the Python that wrote it


def key(path: Path, raw: bytes) -> str:
    """What a file's reading depends on: its path (named in every problem), its bytes and our code."""
    return dependencies.digest(b"\0".join((dependencies.code_digest().encode(), str(path).encode(), raw)))


class Shelf:
    """Readings kept between builds in ``folder`` (None: in this process's memory only)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.used: set[str] = set()  # entry names this load asked for
        self.fresh: dict[str, bytes] = {}  # entries read afresh, not yet in the folder

    def recall(self, k: str) -> Any | None:
        """What was read under ``k``, or None when it was not kept or its entry is damaged."""
        self.used.add(k)
        entry = _memory.get(k)
        if entry is None and self.folder is not None:
            entry = output.read(self.folder / k)
        value = _opened(k, entry) if entry is not None else None
        if value is None:
            return None
        _remember(k, entry)  # type: ignore[arg-type]  (None was answered above)
        return value

    def store(self, k: str, value: Any) -> None:
        """Keep ``value``, read under ``k``, for the next reading of the same file."""
        self.used.add(k)
        payload = pickle.dumps(value, protocol=_PICKLE)
        entry = _seal(k, payload)
        _remember(k, entry)
        if self.folder is not None:
            self.fresh[k] = entry

    def keep(self) -> None:
        """Write what was read afresh to the folder and remove the entries this load did not use."""
        if self.folder is not None and (self.fresh or self.folder.is_dir()):
            output.keep(self.folder, self.fresh, only=self.used)
        self.fresh = {}


def _seal(k: str, payload: bytes) -> bytes:
    return hashlib.sha256(k.encode() + payload).hexdigest().encode() + b"\n" + payload


def _opened(k: str, entry: bytes) -> Any | None:
    seal, _, payload = entry.partition(b"\n")
    if seal != hashlib.sha256(k.encode() + payload).hexdigest().encode():
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # sealed but unreadable (say, written by another Python): the file is read again
        return None


def _remember(k: str, entry: bytes) -> None:
    _memory[k] = entry
    _memory.move_to_end(k)
    while len(_memory) > MEMORY:
        _memory.popitem(last=False)
