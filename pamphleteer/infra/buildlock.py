"""The output folder's build lock: one build writes a folder at a time, and a waiting build says so.

An OS file lock on ``.pamphleteer.lock`` in the folder (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows), so a build that dies releases it with its process. Holding it, a build sweeps the
temporary files a killed build left (``output.sweep``) before writing its own.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pamphleteer.errors import UsageError

from .output import in_the_way, prepare, sweep

LOCK_NAME = ".pamphleteer.lock"


@contextlib.contextmanager
def lock(folder: Path, *, wait: float = 600.0, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the output folder's build lock; wait for a running build to finish first.

    An OS file lock, so a build that dies releases it with its process. On POSIX the lock
    file is removed on release, so a finished build leaves only its outputs; a waiter that
    wakes on a removed lock file opens the new one and tries again.
    """
    prepare(folder)  # not swept yet: a running build's temporary files are still to be moved into place
    path = folder / LOCK_NAME
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fd = os.open(
                path, os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0), 0o644
            )
        except OSError as exc:
            if said := in_the_way(folder, LOCK_NAME):  # a link or a pipe where the lock goes: say what it is
                raise UsageError(said) from None
            raise UsageError(f"{folder}: cannot write output folder: {exc.strerror or exc}") from exc
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise UsageError(in_the_way(folder, LOCK_NAME) or f"{folder / LOCK_NAME}: not a file")
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
        sweep(folder)  # now that no other build is writing here
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
