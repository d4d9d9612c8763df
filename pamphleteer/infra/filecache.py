"""File readers cached by what the file is now: its path, size, modification time and inode.

A reader cached by path alone serves the first contents it read for as long as the process
lives, so a running ``--watch`` or ``--serve`` would never see an edited catalogue or a
house style's new font. :func:`by_file` caches a reader of one file under the file's
current stamp instead: unchanged files are answered from memory (a font is read once, not
once per character measured), and any edit, replacement or move of a file reads it again.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
Stamp = tuple[int, int, int]  # size, modification time in nanoseconds, inode


def stamp(path: Path) -> Stamp | None:
    """What a file is now, cheaply (one ``stat``); None when it cannot be read."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino)


def by_file(maxsize: int) -> Callable[[Callable[[Path], T]], Callable[[Path], T]]:
    """Cache a reader of one file (``read(path)``) by the file's path and stamp.

    A file that cannot be stat'ed is handed to the reader uncached, so the reader's own error
    (a missing file named for the user) is the one raised.
    """

    def decorate(read: Callable[[Path], T]) -> Callable[[Path], T]:
        @functools.lru_cache(maxsize=maxsize)
        def cached(path: Path, now: Stamp) -> T:
            return read(path)

        @functools.wraps(read)
        def reader(path: Path) -> T:
            now = stamp(path)
            return read(path) if now is None else cached(path, now)

        reader.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return reader

    return decorate
