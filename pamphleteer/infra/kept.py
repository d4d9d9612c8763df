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
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from pamphleteer.infra import dependencies, output

COMPUTED = "computed"  # the folder in a build's cache that holds the shelves of computed values
# Bytes of entries kept in this process: a publication's files (a translation's original's too) and
# what its builds computed, the print edition's separated pages among them (some 5 MB in all for ours).
# Counted in entries (256), a --watch's rebuild asked for more than were kept, in the same order each
# time, and so read every one from the folder again.
MEMORY = 32 << 20


class _Held(OrderedDict[str, bytes]):
    """Entries kept in this process, the most recently used last, and their bytes in all."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def clear(self) -> None:
        super().clear()
        self.size = 0


_memory = _Held()
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
        self.tables: list[_Table] = []  # tables of answers asked from this shelf, kept with it

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

    def store(self, k: str, value: Any, *, remember: bool = True) -> None:
        """Keep ``value``, read under ``k``, for the next reading of the same file (``remember``: in
        this process's memory too)."""
        self.used.add(k)
        payload = pickle.dumps(value, protocol=_PICKLE)
        entry = seal(k, payload)
        if remember:
            _remember(k, entry)
        if self.folder is not None:
            self.fresh[k] = entry

    def keep(self) -> None:
        """Write what was read afresh to the folder and remove the entries this load did not use
        (a shelf asked nothing keeps what it had: a build that did not need it)."""
        for kept_table in self.tables:
            kept_table.keep(self)
        self.tables = []
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
def computing(folder: Path, *, fresh: bool = False, first: bool = True) -> Iterator[Computed]:
    """Within the block, :func:`computed` answers the shelves kept in ``folder`` (``fresh``: recalling
    nothing, as ``--force`` asks); they are kept on the way out, whether the build succeeded or not:
    an entry is right by its key either way. ``fresh`` in the build's ``first`` process (the one that
    runs it, not a child of it) empties the shelves before anything is computed, so that a table's
    answers kept by one process of a ``--force`` build are read by those that ask after it."""
    if fresh and first:
        _emptied(folder)
    found = Computed(folder, fresh=fresh)
    token = _computing.set(found)
    try:
        yield found
    finally:
        _computing.reset(token)
        found.keep()


def _emptied(folder: Path) -> None:
    """Every entry of the shelves in ``folder`` removed (their folders stay)."""
    try:
        shelves = sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:  # none yet
        return
    for shelf in shelves:
        output.keep(shelf, {}, only=set())


COMPACT = 8  # a table's added answers kept as this many entries at most before they are merged into one


class _Answers(dict[Any, Any]):
    """A table's answers, noting those added since the table was last kept."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.added: dict[Any, Any] = {}

    def __setitem__(self, k: Any, value: Any) -> None:
        super().__setitem__(k, value)
        self.added[k] = value


class _Table:
    """A table of answers and where it is kept: entry ``key`` (the answers when last merged) and
    ``key.<digest>`` entries (the answers one process added in one build), all read when a process
    first asks, and only what was added written when a build's shelves are kept."""

    def __init__(self, build: Computed | None, folder: Path | None, key: str, answers: _Answers) -> None:
        self.build, self.folder, self.key, self.answers = build, folder, key, answers

    def entries(self, shelf: Shelf) -> list[str]:
        """The names of this table's entries in the shelf's folder now, the merged one first."""
        if shelf.folder is None:
            return []
        try:
            names = [p.name for p in shelf.folder.iterdir() if p.name.startswith(self.key)]
        except OSError:
            return []
        return sorted(names, key=lambda name: (name != self.key, name))

    def keep(self, shelf: Shelf) -> None:
        """Hand the shelf what was added since the table was last kept, as an entry of its own; when
        there are too many such entries, every answer as the merged entry, the others swept. The same
        in a ``fresh`` build, whose entries are all its own processes' (:func:`computing` emptied the
        shelf first): each process's answers are an entry of their own, not one merged entry that the
        last process to finish writes over the others'."""
        names = self.entries(shelf)
        added = self.answers.added
        self.answers.added = {}
        if len(names) > COMPACT:
            merged = {}
            for name in names:
                merged.update(_dict(_opened(name, output.read(shelf.folder / name) or b"")))  # type: ignore[operator]
            merged.update(self.answers)
            shelf.store(self.key, merged, remember=False)
            return
        shelf.used.update(names)
        if added:
            payload = pickle.dumps(added, protocol=_PICKLE)
            name = f"{self.key}.{hashlib.sha256(payload).hexdigest()[:24]}"
            shelf.used.add(name)
            shelf.fresh[name] = seal(name, payload)


_TABLES: dict[tuple[str, str], _Table] = {}  # (kind, version) -> its table, in this process


def table(kind: str, version: str) -> dict[Any, Any]:
    """A table of a pure function's answers (argument -> result) that this process adds to, kept
    between builds: read from the build's shelf of ``kind`` the first time this process asks (a
    ``--watch`` process holds it from build to build of the same output folder), under ``version``
    (what the answers depend on besides the arguments and this tool's code); what was added is
    written when the build's shelves are kept. Outside a build, or when nothing was kept, it starts
    empty, and what it answered outside is kept with the next build's answers; a build that asks
    nothing leaves it as it was; ``--force`` starts it empty."""
    found = _computing.get()
    held = _TABLES.get((kind, version))
    if held is not None and held.build is found:
        return held.answers
    if found is None:
        answers = _Answers()
        _TABLES[kind, version] = _Table(None, None, "", answers)
        return answers
    shelf, k = found.shelf(kind), dependencies.digest(f"{kind} {version} {dependencies.code_digest()}".encode())
    if held is not None and held.key == k and held.folder == shelf.folder and not shelf.fresh_only:
        held.build = found  # the answers this process holds are right by their key: not read again
    else:
        answers = _Answers()
        before, held = held, _Table(found, shelf.folder, k, answers)
        shelf.used.add(k)
        for name in held.entries(shelf):  # (in a --force build, what its own processes kept: see computing)
            answers.update(_dict(_opened(name, output.read(shelf.folder / name) or b"")))  # type: ignore[operator]
        if before is not None and before.build is None and not shelf.fresh_only:
            # What this process answered before the build began (loading the book checks every text
            # by parsing it): right by its key, and kept with the build's answers, so that a process
            # that did not load the book (a --watch's layouts) need not work it out again.
            for question, answer in before.answers.items():
                if question not in answers:
                    answers[question] = answer
    shelf.tables.append(held)
    _TABLES[kind, version] = held
    return held.answers


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def computed(kind: str) -> Shelf | None:
    """The build's shelf of ``kind`` of computed values (the fitted lecture, separated pages); None
    outside a build."""
    found = _computing.get()
    return found.shelf(kind) if found is not None else None


def preload(cache: Path, read: str) -> None:
    """Hold in this process's memory the entries of a build's shelves in its ``cache`` folder (the
    readings in ``read``, the computed values in :data:`COMPUTED`), as far as half of :data:`MEMORY`
    allows: a long-lived process (a ``--watch``) then answers its first rebuild as it answers the next,
    not from the folder. An entry is still checked by its seal when asked for, and only what a build
    asks for, by its key, is used."""
    computed = cache / COMPUTED
    kinds = sorted(p for p in computed.iterdir() if p.is_dir()) if computed.is_dir() else []
    for shelf in [cache / read, *kinds]:
        for entry in sorted(shelf.iterdir()) if shelf.is_dir() else []:
            data = output.read(entry)  # (None for anything but a regular file)
            if data is not None and _memory.size + len(data) <= MEMORY // 2:  # the builds add their own
                _remember(entry.name, data)


def seal(k: str, payload: bytes) -> bytes:
    """An entry of ``payload`` under the name ``k``: the digest of both, then the payload."""
    return hashlib.sha256(k.encode() + payload).hexdigest().encode() + b"\n" + payload


def unsealed(k: str, entry: bytes) -> bytes | None:
    """The payload of an entry :func:`seal` made under ``k``; None if the entry is damaged or another's."""
    digest, _, payload = entry.partition(b"\n")
    return payload if digest == hashlib.sha256(k.encode() + payload).hexdigest().encode() else None


def _opened(k: str, entry: bytes) -> Any | None:
    payload = unsealed(k, entry)
    if payload is None:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # sealed but unreadable (say, written by another Python): the file is read again
        return None


def _remember(k: str, entry: bytes) -> None:
    old = _memory.pop(k, None)
    _memory.size -= len(old) if old is not None else 0
    _memory[k] = entry
    _memory.size += len(entry)
    while _memory.size > MEMORY and len(_memory) > 1:
        _memory.size -= len(_memory.popitem(last=False)[1])
