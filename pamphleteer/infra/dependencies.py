"""The files an output was made from, recorded as they are read.

Nothing lists an output's templates, fonts or images by hand: the template
loader, the guarded URL fetcher and the readers of the deck's master and
metrics call :func:`record` for every file they serve, while a builder runs
inside :func:`recording`. The record (file -> SHA-256) is part of the output's
fingerprint: a later build remakes the output when any of those files changed,
and never reads a file the output did not use.

Paths are kept relative to their root (``templates:pamphlet/pamphlet.css``,
``content:images/map.png``, and for a translation ``original:images/map.png``,
a picture of its original's folder), so a moved checkout or an installed
package finds them again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from . import filecache
from .locations import templates_dir

_current: ContextVar[Recorder | None] = ContextVar("pamphleteer_recorder", default=None)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@filecache.by_file(maxsize=512)
def file_digest(path: Path) -> str:
    """A file's digest, computed once per process while the file stays as it is (a 4.6 MB font
    read by every part of every build of a --watch was hashed each time)."""
    return digest(Path(path).read_bytes())


# The libraries whose code shapes the bytes of an output (layout, PDF writing, fonts, the deck, text): an
# upgrade of one changes outputs as a change of our own code does
LIBRARIES = frozenset(
    [
        "arabic_reshaper",
        "babel",
        "brotli",
        "cssselect2",
        "fonttools",
        "jinja2",
        "lxml",
        "markdown_it_py",
        "mdit_py_plugins",
        "pikepdf",
        "pillow",
        "pydantic",
        "pydantic_core",
        "pydyf",
        "pyphen",
        "python_bidi",
        "python_pptx",
        "pyyaml",
        "segno",
        "tinycss2",
        "tinyhtml5",
        "uharfbuzz",
        "weasyprint",
    ]
)


PACKAGE = Path(__file__).resolve().parent.parent  # the tool's own code


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The tool's own source and the installed versions of the libraries it makes outputs with: what it
    makes is remade when any stage changed, even without a version bump, and after a library's upgrade."""
    return digest(b"".join([*(p.read_bytes() for p in sorted(PACKAGE.rglob("*.py"))), *libraries()]))


@lru_cache(maxsize=1)
def code_signature() -> str:
    """The tool's source files by name, size and modification time, and the libraries as
    :func:`code_digest` names them: what a build with nothing to do compares (``engine/quick.py``), as
    it compares the publication's files. Any install, checkout or save changes a file's time or size;
    reading 150 files' bytes to hash them took 14 ms of a build with nothing to do, their sizes 3 ms."""
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found = path.stat()
        files.append(f"{path.relative_to(PACKAGE).as_posix()} {found.st_size} {found.st_mtime_ns}\n".encode())
    return digest(b"".join([*files, *libraries()]))


def libraries() -> list[bytes]:
    """The installed distributions of :data:`LIBRARIES` as their metadata folders name them (name and
    version: ``weasyprint-70.0.dist-info``), found by listing each folder on the path once (0.2 ms),
    not by asking ``importlib.metadata`` for each (20 ms, on every build with nothing to do)."""
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a finder's name, a folder gone
            continue
        for name in names:
            stem, dot, kind = name.rpartition(".")
            if dot and kind in ("dist-info", "egg-info"):
                project = stem.partition("-")[0].lower().replace("-", "_").replace(".", "_")
                if project in LIBRARIES:
                    found.add(stem.lower())
    return [name.encode() for name in sorted(found)]


def roots(folders: Sequence[Path]) -> dict[str, Path]:
    """The roots files are keyed under: the publication's folder (``content``), a translation's
    original's (``original``), and the templates."""
    named = dict(zip(("content", "original"), (folder.resolve() for folder in folders), strict=False))
    return {**named, "templates": templates_dir().resolve()}


class Recorder:
    """Every file served while a builder ran, keyed by root and relative path."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.roots = roots(folders)
        self.files: dict[str, str] = {}
        self._paths: set[Path] = set()  # as given: a font measured 50,000 times is resolved once

    def add(self, path: Path, data: bytes | None = None) -> None:
        if path in self._paths:
            return
        self._paths.add(path)
        key = key_of(path, self.roots)
        if key is None or key in self.files:
            return
        try:
            self.files[key] = digest(data) if data is not None else file_digest(Path(path))
        except OSError:
            return  # the reader reports a missing file itself


def key_of(path: Path, roots: dict[str, Path]) -> str | None:
    """``templates:fonts/PTS55F.ttf`` for a file under one of the roots; None for any other file."""
    real = Path(path).resolve()
    for name, root in roots.items():
        if real.is_relative_to(root):
            return f"{name}:{real.relative_to(root).as_posix()}"
    return None


@contextlib.contextmanager
def recording(folders: Sequence[Path]) -> Iterator[Recorder]:
    """Record the files read inside the block, under the publication's ``folders`` and the templates."""
    recorder = Recorder(folders)
    token = _current.set(recorder)
    try:
        yield recorder
    finally:
        _current.reset(token)


def record(path: Path, data: bytes | None = None) -> None:
    """Note that the running builder read ``path`` (``data``: its bytes, when already at hand)."""
    recorder = _current.get()
    if recorder is not None:
        recorder.add(path, data)


def adopt(files: dict[str, str]) -> None:
    """Add files recorded elsewhere (a worker process laying out part of an output) to the running builder's record."""
    recorder = _current.get()
    if recorder is not None:
        for key, found in files.items():
            recorder.files.setdefault(key, found)


def unchanged(files: dict[str, str], folders: Sequence[Path]) -> bool:
    """Whether every recorded file still exists with the same bytes (each file hashed once per
    process while it stays as it is, so the files every output reads, the fonts, are read once)."""
    return changed(files, folders) is None


def changed(files: dict[str, str], folders: Sequence[Path]) -> Path | str | None:
    """The first recorded file that is gone or holds other bytes now (its path; its key when its root
    is unknown); None when every one is as recorded."""
    named = roots(folders)
    for key, expected in files.items():
        root_name, _, rel = key.partition(":")
        root = named.get(root_name)
        if root is None or not rel:
            return key
        if not _as_checked(root, rel, expected):
            return root / rel
    return None


# (root, relative path) -> the file's stamp when it was last found inside its root with these bytes
_CHECKED: dict[tuple[Path, str], tuple[tuple[int, int, int, int], str]] = {}


def _as_checked(root: Path, rel: str, expected: str) -> bool:
    """Whether the file at ``rel`` under ``root`` is a file inside the root holding the bytes of digest
    ``expected``. Every part, rendering and output read by a build checks the same fonts and stylesheets:
    one found so before is taken as it was while it is the same file, unchanged (its device, inode,
    size and modification time), with one ``stat``, not its path resolved again, link by link."""
    path = root / rel
    try:
        now = os.stat(path)
    except OSError:
        return False  # gone: remake and let the reader report it
    stamp = (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns)
    if _CHECKED.get((root, rel)) == (stamp, expected):
        return True
    real = path.resolve()
    if not real.is_relative_to(root) or not real.is_file():
        return False  # a link that now leads outside, or no file
    try:
        if file_digest(real) != expected:
            return False
    except OSError:
        return False
    _CHECKED[root, rel] = (stamp, expected)
    return True
