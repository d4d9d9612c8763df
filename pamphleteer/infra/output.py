"""The one writer: puts finished outputs on disk, all or nothing per file.

Every other stage builds bytes in memory. Here each file is written to a
temporary file in the output folder, flushed to disk, and only when every
temporary file is complete are they moved into place with ``os.replace``. A
build that fails or is killed before that point leaves the previous outputs
byte-identical; leftover temporary files are removed by the next build, once it
holds the lock file that keeps two builds from writing the same folder at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pamphleteer import progress
from pamphleteer.errors import UsageError, display_path

_UMASK = os.umask(0o022)
os.umask(_UMASK)
LOCK_NAME = ".pamphleteer.lock"
TEMP_PREFIX = ".pamphleteer-tmp-"
LEDGER = ".pamphleteer-written.json"  # the output files this writer wrote in a folder, which it alone removes


def write(
    folder: Path,
    files: dict[str, bytes],
    *,
    state: dict[str, bytes] | None = None,
    prune: list[str] = (),
    remove: list[str] = (),
    ledger: bool = False,
) -> list[Path]:
    """Write ``files`` (relative path -> bytes) into ``folder``; return the outputs written.

    ``state`` files (the build's bookkeeping) go in with the outputs but are not reported.
    With ``ledger``, the folder is a build's output folder: the writer keeps a ledger there of the
    files it wrote (:data:`LEDGER`), refuses to replace a file it did not write, and removes only
    files the ledger lists. ``prune`` names subfolders that are outputs of their own: files in them
    that were not written now are left over from an earlier build, and removed once the new files
    are in. ``remove`` names earlier outputs that no longer belong (files, or folders ending in "/").
    Files in those places that the ledger does not list are left alone, and named in a warning.
    """
    assert ledger or not (prune or remove), "only a ledger says what may be removed"
    prepare(folder)
    sweep(folder)
    ours = _ledger(folder, files, state) if ledger else set()
    if ledger:
        _refuse_strangers(folder, files, ours)
    progress.hold("before-write")
    temps: list[tuple[Path, Path]] = []
    try:
        for name, data in {**files, **(state or {})}.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if _holds(target, data):
                continue  # unchanged: keep the file and its timestamp
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
            temps.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        if ledger:  # before the files are in: a build killed between lists more than it wrote, never less
            _keep_ledger(folder, ours | set(files))
        progress.hold("mid-write")
        for tmp, target in temps:
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
            os.replace(tmp, target)
        if ledger:
            gone = _remove(folder, files, ours, prune, remove)
            _keep_ledger(folder, (ours | set(files)) - gone)
    except BaseException as exc:  # interrupted or failed: no half-written file stays behind
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            raise UsageError(f"{folder}: cannot write output: {exc.strerror or exc}") from exc
        raise
    return [target for _, target in temps if target.relative_to(folder).as_posix() in files]


def _holds(target: Path, data: bytes) -> bool:
    """Whether ``target`` is a regular file holding ``data`` (a link, pipe or device is never read)."""
    try:
        found = target.lstat()
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and found.st_size == len(data) and target.read_bytes() == data


def written(folder: Path) -> set[str] | None:
    """The files the ledger in ``folder`` says the writer wrote there; None when it has no ledger it can trust."""
    try:
        raw = json.loads((folder / LEDGER).read_bytes())
        names = raw["files"]
        if raw.get("format") == 1 and raw["checksum"] == _checksum(names) and all(isinstance(n, str) for n in names):
            return set(names)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _ledger(folder: Path, files: dict[str, bytes], state: dict[str, bytes] | None) -> set[str]:
    """The files the writer wrote in ``folder`` before; none when its ledger is missing or damaged.

    An output folder built before the ledger was kept has the build's state file but no ledger:
    there the outputs about to be written again are taken as ours, and nothing else.
    """
    found = written(folder)
    if found is not None:
        return found
    if not (folder / LEDGER).exists() and any((folder / name).is_file() for name in state or {}):
        return set(files)
    return set()


def _keep_ledger(folder: Path, names: set[str]) -> None:
    body = sorted(names)
    data = json.dumps({"format": 1, "files": body, "checksum": _checksum(body)}, indent=1).encode()
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, folder / LEDGER)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _checksum(names: list[str]) -> str:
    return hashlib.sha256(json.dumps(names).encode()).hexdigest()


def _refuse_strangers(folder: Path, files: dict[str, bytes], ours: set[str]) -> None:
    """Stop before writing anything if an output would replace a file the writer did not write, or
    would be written through a link to another folder."""
    inside = folder.resolve()
    strangers = []
    for name in files:
        target = folder / name
        if not target.parent.resolve().is_relative_to(inside):
            strangers.append(f"{name} (its folder links outside {folder})")
        elif name not in ours and (target.exists() or target.is_symlink()) and not _holds(target, files[name]):
            strangers.append(name)
    if strangers:
        raise UsageError(
            f"{folder}: not written by pamphleteer, in the way of its outputs: {_some(strangers)}; "
            "move them out of the output folder or choose another --output"
        )


def _remove(folder: Path, files: dict[str, bytes], ours: set[str], prune: list[str], remove: list[str]) -> set[str]:
    """Remove what the ledger lists and this build no longer makes, in ``prune`` and ``remove``; warn of
    the files there the ledger does not list, which are left as they are. The names removed."""
    stale: list[Path] = []
    for name in remove:
        place = folder / name
        stale += sorted(place.rglob("*")) if name.endswith("/") and place.is_dir() else [place]
    for sub in prune:
        stale += sorted((folder / sub).rglob("*"))
    gone: set[str] = set()
    strangers = []
    for path in stale:
        name = path.relative_to(folder).as_posix()
        if (path.is_dir() and not path.is_symlink()) or name in files:
            continue
        if name in ours:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            gone.add(name)
        elif path.exists() or path.is_symlink():
            strangers.append(name)
    for name in sorted(gone, key=lambda n: -n.count("/")):  # the folders that removing left empty go too
        parent = (folder / name).parent
        while parent != folder:
            try:
                parent.rmdir()
            except OSError:  # not empty: something else is in it
                break
            parent = parent.parent
    if strangers:
        logging.getLogger("pamphleteer").warning(
            "%s: left in place, as pamphleteer did not write them: %s", folder, _some(strangers)
        )
    return gone


def _some(names: list[str]) -> str:
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


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


def refuse_overlap(folder: Path, publication: list[Path]) -> None:
    """A usage error when the output ``folder`` is, lies inside or holds a folder of the ``publication``
    (its own, then a translation's original's): outputs written there would be read as content,
    and an output folder's upkeep must never reach the author's files."""
    out = folder.resolve()
    for i, content in enumerate(publication):
        inside = content.resolve()
        what = "the publication folder" if i == 0 else "the original's folder"
        if out == inside:
            problem = f"is {what}"
        elif out.is_relative_to(inside):
            problem = f"is inside {what} {display_path(content)}"
        elif inside.is_relative_to(out):
            problem = f"holds {what} {display_path(content)}"
        else:
            continue
        raise UsageError(f"{folder}: the output folder {problem}; choose one outside it (--output DIR)")


def prepare(folder: Path) -> None:
    """Make the output folder if needed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot create output folder: {exc.strerror or exc}") from exc


def sweep(folder: Path) -> None:
    """Remove the temporary files a killed build left, in the folder and its subfolders (web/).

    Only while holding the folder's lock (or writing a folder no build locks): a build that is
    writing has its temporary files there too, and needs them until it moves them into place.
    """
    for stale in folder.rglob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            stale.unlink()


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
