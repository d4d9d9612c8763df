"""The one writer: puts finished outputs on disk, all or nothing per file.

Every other stage builds bytes in memory. Here each file is written to a
temporary file in the output folder, flushed to disk, and only when every
temporary file is complete are they moved into place with ``os.replace``. A
build that fails or is killed before that point leaves the previous outputs
byte-identical; leftover temporary files are removed by the next build, once it
holds the lock (``buildlock.py``) that keeps two builds from writing the same folder at once.

Only ordinary files and folders are written over: a link, a named pipe, a device or a
folder standing where an output goes is refused with a usage error naming it, before
anything is written (a link would take the bytes elsewhere, a pipe would hang the build).
The writer never reads through a link either: :func:`read` is how the build reads back
what it wrote (its state, its notes, its outputs).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import stat
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from pamphleteer import progress
from pamphleteer.errors import UsageError, display_path

_UMASK = os.umask(0o022)
os.umask(_UMASK)
TEMP_PREFIX = ".pamphleteer-tmp-"
LEDGER = ".pamphleteer-written.json"  # the output files this writer wrote in a folder, which it alone removes
FLUSHING = 8  # files written and flushed to the disk at once


def write(
    folder: Path,
    files: dict[str, bytes],
    *,
    state: dict[str, bytes] | None = None,
    prune: list[str] = (),
    remove: list[str] = (),
    ledger: bool = False,
    what: str = "the output folder",
) -> list[Path]:
    """Write ``files`` (relative path -> bytes) into ``folder``; return the outputs written.

    ``state`` files (the build's bookkeeping) go in with the outputs but are not reported.
    With ``ledger``, the folder is a build's output folder: the writer keeps a ledger there of the
    files it wrote (:data:`LEDGER`), refuses to replace a file it did not write, and removes only
    files the ledger lists. ``prune`` names subfolders that are outputs of their own: files in them
    that were not written now are left over from an earlier build, and removed once the new files
    are in. ``remove`` names earlier outputs that no longer belong (files, or folders ending in "/").
    Files in those places that the ledger does not list are left alone, and named in a warning.
    ``what`` names the folder in a message when it cannot be made ("the publication folder").
    """
    assert ledger or not (prune or remove), "only a ledger says what may be removed"
    prepare(folder, what)
    everything = {**files, **(state or {})}
    refused = [said for name in everything if (said := in_the_way(folder, name))]
    if refused:  # anything but an ordinary file in the way, each named, before anything is written
        raise UsageError("\n".join(dict.fromkeys(refused)))
    sweep(folder)
    ours = _ledger(folder, files, state) if ledger else set()
    if ledger:
        _refuse_strangers(folder, files, ours)
    progress.hold("before-write")
    temps: list[tuple[Path, Path]] = []
    opened: list[tuple[BinaryIO, bytes, Path]] = []
    target = folder
    try:
        for name, data in everything.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if _holds(target, data):
                continue  # unchanged: keep the file and its timestamp
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
            temps.append((Path(tmp), target))
            opened.append((os.fdopen(fd, "wb"), data, target))
        failed = _flushed(opened)
        if failed is not None:
            target, error = failed
            raise error
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
        for fh, _, _ in opened:
            fh.close()
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            raise UsageError(cannot_write(exc, target)) from exc
        raise
    return [target for _, target in temps if target.relative_to(folder).as_posix() in files]


def _flushed(opened: list[tuple[BinaryIO, bytes, Path]]) -> tuple[Path, BaseException] | None:
    """Write each file's bytes and flush them to the disk, several at once: a flush waits on the disk,
    not on this process (an edit's nine files took 30 ms one after another). Each file is closed; the
    first that failed is returned with its error."""

    def one(fh: BinaryIO, data: bytes) -> None:
        with fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    if len(opened) < 2:  # no thread for one file
        for fh, data, target in opened:
            try:
                one(fh, data)
            except OSError as exc:
                return target, exc
        return None
    with ThreadPoolExecutor(max_workers=min(FLUSHING, len(opened))) as pool:
        done = [(target, pool.submit(one, fh, data)) for fh, data, target in opened]
    return next(((target, error) for target, job in done if (error := job.exception()) is not None), None)


def _holds(target: Path, data: bytes) -> bool:
    """Whether ``target`` is a regular file holding ``data`` (a link, pipe or device is never read)."""
    return read(target, len(data)) == data


def written(folder: Path) -> set[str] | None:
    """The files the ledger in ``folder`` says the writer wrote there; None when it has no ledger it can trust."""
    try:
        raw = json.loads(read(folder / LEDGER) or b"")  # never a pipe, never through a link
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


# The system's refusals that are the machine's, not the build's: a full disk, a quota, a file-size limit.
ENVIRONMENT = frozenset({errno.EFBIG, errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def cannot_write(exc: OSError, target: Path | None = None) -> str:
    """Why a file (``target``, or the one the error names) could not be written, for a usage error:
    the system's reason and, for a full disk or a file-size limit, the limit it met."""
    named = exc.filename2 or exc.filename or target  # os.replace names the temporary file first, its target second
    if named is not None and Path(named).name.startswith(TEMP_PREFIX):
        named = target  # the temporary file is ours: the output it was for is what the user knows
    where = f"{display_path(Path(named))}: " if named else ""
    reason = {
        errno.EFBIG: "the file is larger than this system lets a process write (its file-size limit: ulimit -f)",
        errno.ENOSPC: "no space left on the disk",
        getattr(errno, "EDQUOT", -1): "the disk quota is used up",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"cannot write output: {where}{reason}; previous outputs are untouched"


def read(path: Path, limit: int = 1 << 30) -> bytes | None:
    """A file the build wrote, read back; None when it is missing, larger than ``limit``, or not a
    regular file: a link (never read through), a named pipe (which would block), a device."""
    if path.is_symlink():  # O_NOFOLLOW says the same where the system has it; Windows has not
        return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = fh.read(limit + 1)
    return data if len(data) <= limit else None


def in_the_way(folder: Path, name: str) -> str:
    """Why ``name`` cannot be written in ``folder``: anything but an ordinary file (or nothing) where it
    goes, or anything but ordinary folders on the way to it; or ""."""
    at = folder
    parts = Path(name).parts
    for i, part in enumerate(parts):
        at = at / part
        last = i == len(parts) - 1
        if not (at.exists() or at.is_symlink()):
            return ""
        if at.is_symlink() or not (at.is_file() if last else at.is_dir()):
            what = "a file" if last else "a folder"
            return (
                f"{display_path(at)}: {_kind(at)} stands where the build writes {what}; "
                "the build writes only ordinary files: remove it"
            )
    return ""


def _kind(path: Path) -> str:
    """What stands at ``path``, in words: 'a link to /dev/null', 'a named pipe'..."""
    if path.is_symlink():
        return f"a link to {os.readlink(path)}"
    mode = path.lstat().st_mode
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a named pipe", stat.S_ISSOCK: "a socket"}
    return next(
        (said for test, said in kinds.items() if test(mode)), "a device" if not stat.S_ISREG(mode) else "a file"
    )


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
    try:
        out = folder.resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python 3.12 and earlier say "Symlink loop" so
        raise UsageError(f"{folder}: a link that leads back to itself; choose another output folder") from None
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


def prepare(folder: Path, what: str = "the output folder") -> None:
    """Make the folder (``what``: which one, for the message) if needed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = _blocked(folder) or exc.strerror or str(exc)
        raise UsageError(f"{folder}: cannot create {what}: {why}") from exc


def _blocked(folder: Path) -> str:
    """The file standing where ``folder`` or a folder above it should be, in words; or ""."""
    for place in (*reversed(folder.parents), folder):
        if (place.exists() or place.is_symlink()) and not place.is_dir():
            return f"{'it' if place == folder else display_path(place)} is {_kind(place)}, not a folder"
    return ""


def sweep(folder: Path) -> None:
    """Remove the temporary files a killed build left, in the folder and its subfolders (web/).

    Only while holding the folder's lock (or writing a folder no build locks): a build that is
    writing has its temporary files there too, and needs them until it moves them into place.
    """
    for stale in folder.rglob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            stale.unlink()
