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
import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import UsageError

_UMASK = os.umask(0o022)
os.umask(_UMASK)
LOCK_NAME = ".pamphleteer.lock"
TEMP_PREFIX = ".pamphleteer-tmp-"


def write(folder: Path, files: dict[str, bytes], *, state: dict[str, bytes] | None = None) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``folder``; return the outputs written.

    ``state`` files (the build's bookkeeping) go in with the outputs but are not reported.
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
            os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, target in temps:
            os.replace(tmp, target)
    except BaseException as exc:  # interrupted or failed: no half-written file stays behind
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            raise UsageError(f"{folder}: cannot write output: {exc.strerror or exc}") from exc
        raise
    return [target for _, target in temps if target.name in files]


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
def lock(folder: Path, *, wait: float = 600.0, on_wait: object = None) -> Iterator[None]:
    """Hold the output folder's build lock; wait for a running build to finish first.

    The lock file is removed on release, so a finished build leaves only its outputs.
    A waiter that wakes on a removed lock file opens the new one and tries again.
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
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if not told and callable(on_wait):
                on_wait()
                told = True
            if time.monotonic() > deadline:
                raise UsageError(f"{folder}: another build is still running") from None
            time.sleep(0.2)
            continue
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the previous holder removed this file as we opened it
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)
