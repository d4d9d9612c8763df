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

The same sealed entries keep what a build computed from the book and wants again next time (the
lecture fitted to its slides): :func:`computing` names the shelf for the build under way, and
:func:`computed` answers it to whoever computes. Such a value is kept under the digest of what
it was computed from; the caller verifies what else it read (files) before using it.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from pamphleteer.infra import dependencies, output

COMPUTED = "computed"  # the folder in a build's cache that holds the shelves of computed values
MEMORY = 256  # entries kept in this process: a publication's files, and a translation's original's
_memory: OrderedDict[str, bytes] = OrderedDict()  # key -> entry, most recently used last
_PICKLE = 5  # a fixed protocol: an entry's bytes do not depend on the Python that wrote it


def key(path: Path, raw: bytes) -> str:
    """What a file's reading depends on: its path (named in every problem), its bytes and our code."""
    return dependencies.digest(b"\0".join((dependencies.code_digest().encode(), str(path).encode(), raw)))


class Shelf:
    """Readings kept between builds in ``folder`` (None: in this process's memory only); a ``fresh``
    shelf (``--force``) answers nothing it kept, and keeps what it is handed for the next build."""

    def __init__(self, folder: Path | None = None, *, fresh: bool = False) -> None:
        self.folder = folder
        self.fresh_only = fresh
        self.used: set[str] = set()  # entry names this load asked for
        self.fresh: dict[str, bytes] = {}  # entries read afresh, not yet in the folder
        self.held: dict[str, Callable[[], Any]] = {}  # entries whose value is taken when the shelf is kept

    def recall(self, k: str) -> Any | None:
        """What was read under ``k``, or None when it was not kept or its entry is damaged."""
        self.used.add(k)
        if self.fresh_only:
            return None
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

    def on_disk(self, k: str, default: Any = None) -> Any:
        """What the folder holds under ``k`` now (another process of the build may have kept it since it
        was recalled here); ``default`` when nothing, or when nothing kept may be used (``fresh``)."""
        entry = output.read(self.folder / k) if self.folder is not None and not self.fresh_only else None
        value = _opened(k, entry) if entry is not None else None
        return default if value is None else value

    def hold(self, k: str, value_of: Callable[[], Any]) -> None:
        """Keep under ``k`` what ``value_of()`` gives when the shelf is kept (a table the build adds to)."""
        self.used.add(k)
        self.held[k] = value_of

    def keep(self) -> None:
        """Write what was read afresh to the folder and remove the entries this load did not use
        (a shelf asked nothing keeps what it had: a build that did not need it)."""
        for k, value_of in self.held.items():
            self.store(k, value_of())
        self.held = {}
        if self.folder is not None and self.used and (self.fresh or self.folder.is_dir()):
            output.keep(self.folder, self.fresh, only=self.used)
        self.fresh = {}


class Computed:
    """The shelves of values a build computes from the book and keeps for the next, one per kind
    (a subfolder of ``folder`` each, swept only by a build that used that kind)."""

    def __init__(self, folder: Path, *, fresh: bool = False) -> None:
        self.folder, self.fresh = folder, fresh
        self.shelves: dict[str, Shelf] = {}

    def shelf(self, kind: str) -> Shelf:
        if kind not in self.shelves:
            self.shelves[kind] = Shelf(self.folder / kind, fresh=self.fresh)
        return self.shelves[kind]

    def keep(self) -> None:
        for shelf in self.shelves.values():
            shelf.keep()


_computing: ContextVar[Computed | None] = ContextVar("pamphleteer_computed", default=None)


@contextlib.contextmanager
def computing(folder: Path, *, fresh: bool = False) -> Iterator[Computed]:
    """Within the block, :func:`computed` answers the shelves kept in ``folder`` (``fresh``: recalling
    nothing, as ``--force`` asks); they are kept on the way out, whether the build succeeded or not:
    an entry is right by its key either way."""
    found = Computed(folder, fresh=fresh)
    token = _computing.set(found)
    try:
        yield found
    finally:
        _computing.reset(token)
        found.keep()


_TABLES: dict[tuple[str, str], tuple[Computed | None, dict[Any, Any]]] = {}  # (kind, version) -> its table


def table(kind: str, version: str) -> dict[Any, Any]:
    """A table of a pure function's answers (argument -> result) that this process adds to, kept
    between builds: read from the build's shelf of ``kind`` the first time this build asks, under
    ``version`` (what the answers depend on besides the arguments and this tool's code), and
    written back, with what was added, when the build's shelves are kept. Outside a build, or
    when nothing was kept, it starts empty; a build that asks nothing leaves it as it was."""
    found = _computing.get()
    held = _TABLES.get((kind, version))
    if held is not None and held[0] is found:
        return held[1]
    answers: dict[Any, Any] = {}
    if found is not None:
        shelf, k = found.shelf(kind), dependencies.digest(f"{kind} {version} {dependencies.code_digest()}".encode())
        kept = shelf.recall(k)
        answers = dict(_dict(kept))
        shelf.hold(k, lambda: {**_dict(shelf.on_disk(k)), **answers})  # with what another process kept meanwhile
    _TABLES[kind, version] = (found, answers)
    return answers


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def computed(kind: str) -> Shelf | None:
    """The build's shelf of ``kind`` of computed values (the fitted lecture, separated pages); None
    outside a build."""
    found = _computing.get()
    return found.shelf(kind) if found is not None else None


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
