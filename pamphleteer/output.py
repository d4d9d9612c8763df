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

LOCK_NAME = ".pamphleteer.lock"
TEMP_PREFIX = ".pamphleteer-tmp-"


def write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``folder``; return the paths written."""
    prepare(folder)
    temps: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            target = folder / name
            if target.exists() and target.read_bytes() == data:
                continue  # unchanged: keep the file and its timestamp
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
            temps.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, target in temps:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise UsageError(f"{folder}: cannot write output: {exc.strerror or exc}") from exc
    return [target for _, target in temps]


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
    """Hold the output folder's build lock; wait for a running build to finish first."""
    prepare(folder)
    try:
        fd = os.open(folder / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o644)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot write output folder: {exc.strerror or exc}") from exc
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told and callable(on_wait):
                    on_wait()
                    told = True
                if time.monotonic() > deadline:
                    raise UsageError(f"{folder}: another build is still running") from None
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)
