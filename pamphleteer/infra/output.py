"""The one writer: puts finished outputs on disk, all or nothing per file.

Every other stage builds bytes in memory. Here each file is written to a
temporary file in the output folder, flushed to disk, and only when every
temporary file is complete are they moved into place with ``os.replace``. A
build that fails or is killed before that point leaves the previous outputs
byte-identical; leftover temporary files are removed by the next build. A lock
file keeps two builds from writing the same folder at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pamphleteer.errors import UsageError

_UMASK = os.umask(0o022)
os.umask(_UMASK)
LOCK_NAME = ".pamphleteer.lock"
TEMP_PREFIX = ".pamphleteer-tmp-"


def write(
    folder: Path,
    files: dict[str, bytes],
    *,
    state: dict[str, bytes] | None = None,
    prune: list[str] = (),
    remove: list[str] = (),
) -> list[Path]:
    """Write ``files`` (relative path -> bytes) into ``folder``; return the outputs written.

    ``state`` files (the build's bookkeeping) go in with the outputs but are not reported.
    ``prune`` names subfolders that are outputs of their own: files in them that were not
    written now are left over from an earlier build, and removed once the new files are in.
    ``remove`` names earlier outputs that no longer belong (files, or folders ending in "/").
    """
    prepare(folder)
    temps: list[tuple[Path, Path]] = []
    try:
        for name, data in {**files, **(state or {})}.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() and target.read_bytes() == data:
                continue  # unchanged: keep the file and its timestamp
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
            temps.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, target in temps:
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
            os.replace(tmp, target)
        for name in remove:
            gone = folder / name
            if name.endswith("/") and gone.is_dir():
                shutil.rmtree(gone, ignore_errors=True)
            elif gone.is_file():
                gone.unlink()
        for sub in prune:
            for old in sorted((folder / sub).rglob("*"), reverse=True):
                name = old.relative_to(folder).as_posix()
                if old.is_file() and name not in files:
                    old.unlink()
                elif old.is_dir() and not any(old.iterdir()):
                    old.rmdir()
    except BaseException as exc:  # interrupted or failed: no half-written file stays behind
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            raise UsageError(f"{folder}: cannot write output: {exc.strerror or exc}") from exc
        raise
    return [target for _, target in temps if target.relative_to(folder).as_posix() in files]


def keep(folder: Path, files: dict[str, bytes], *, only: set[str] | None = None) -> None:
    """Write cache entries into ``folder``, each whole or not at all; with ``only``, remove the others.

    The cache is not an output: entries are named by the hash of what they were made from, so
    one written by a build that then fails is still right, and the next build may use it.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, folder / name)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        if only is not None:
            for old in folder.iterdir():
                if old.is_file() and old.name not in only:
                    old.unlink()
    except OSError as exc:  # a cache that cannot be written costs time, not the build
        logging.getLogger("pamphleteer").debug("cache %s not kept: %s", folder, exc)


def prepare(folder: Path) -> None:
    """Make the output folder if needed and sweep temporary files a killed build left."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot create output folder: {exc.strerror or exc}") from exc
    for stale in folder.glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            stale.unlink()


@contextlib.contextmanager
def lock(folder: Path, *, wait: float = 600.0, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the output folder's build lock; wait for a running build to finish first.

    An OS file lock, so a build that dies releases it with its process. On POSIX the lock
    file is removed on release, so a finished build leaves only its outputs; a waiter that
    wakes on a removed lock file opens the new one and tries again.
    """
    prepare(folder)
    path = folder / LOCK_NAME
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as exc:
            raise UsageError(f"{folder}: cannot write output folder: {exc.strerror or exc}") from exc
        if not _try_lock(fd):
            os.close(fd)
            if not told and on_wait is not None:
                on_wait()
                told = True
            if time.monotonic() > deadline:
                raise UsageError(f"{folder}: another build is still running") from None
            time.sleep(0.1)
            continue
        if os.name == "nt" or _same_file(fd, path):
            break
        os.close(fd)  # the previous holder removed this file as we opened it
    try:
        yield
    finally:
        if os.name != "nt":  # Windows cannot remove an open file; the empty lock file stays there
            with contextlib.suppress(OSError):
                path.unlink()
        os.close(fd)


def _try_lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; False when another process holds it."""
    if os.name == "nt":
        import msvcrt  # Windows only

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        import fcntl  # POSIX only
    except ImportError:  # neither msvcrt nor fcntl: nothing to lock with; build unguarded
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False
