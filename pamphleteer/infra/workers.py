"""Child processes for the heavy renders: side by side, each with a time and memory limit.

A layout that hangs or eats memory ends in an error naming the output, never a
frozen build. Children work under any start method: ``fork`` where it is safe
(Linux, one thread), ``forkserver`` on Linux in a process with threads (a ``--watch``),
``spawn`` elsewhere (macOS, Windows) or as ``PAMPHLETEER_START_METHOD`` says; they get
everything they need as arguments and rely on nothing inherited, the parent's environment as it is
when the child starts included (a fork server's children would otherwise see the one it started
with). Results, early products and log records come back through a pipe. Each child's temporary files (WeasyPrint
copies fonts into a temp folder) go into one folder the parent removes at the
end, so a build leaves the temp directory as it found it.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import multiprocessing.connection
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pamphleteer import progress, settings
from pamphleteer.errors import BuildError, Problem, UsageError

from . import early
from .childlife import child, die_with_parent, memory_limit

_SERVER: list[bool | None] = [None]  # whether the fork server runs this code (None: not started yet)


def start_method() -> str:
    """``fork`` only where it is safe and fast; on Linux in a process with threads (a ``--watch``,
    whose watcher is one), ``forkserver``: children forked by a server process that has only one
    thread, and that loaded the layout code once (:func:`preload`); ``spawn`` everywhere else."""
    chosen = settings.start_method()
    if chosen:
        return chosen
    if sys.platform.startswith("linux"):
        return "fork" if _threads() == 1 else "spawn" if _SERVER[0] is False else "forkserver"
    return "spawn"


def forked() -> bool:
    """Whether children start in milliseconds here: forked from this process, or from the fork server
    once it runs with this code loaded; not spawned (a fresh interpreter importing it all: a second)."""
    method = start_method()
    return method == "fork" or (method == "forkserver" and _SERVER[0] is True)


def cores() -> int:
    """The cores this process may use (its CPU affinity where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def _threads() -> int:
    """OS threads in this process (native ones too, which ``threading`` does not see)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("Threads:"))
    except (OSError, StopIteration, ValueError):
        import threading

        return threading.active_count()


ENDING = 5.0  # seconds a child that gave its result has to end before it is stopped


class Jobs:
    """Children started now, collected later; leaving the ``with`` block stops any still running."""

    def __init__(self, timeout: float | None = None) -> None:
        self.timeout = settings.timeout() if timeout is None else timeout
        self.ctx = mp.get_context(start_method())
        self.running: dict[str, tuple[Any, Any, float]] = {}
        self.results: dict[str, tuple[str, Any]] = {}  # final messages read while waiting for others
        self.early_values: dict[str, list[Any]] = {}
        self.tempdir = tempfile.mkdtemp(prefix="pamphleteer-")
        if not memory_limit():
            progress.step(f"no memory limit for layouts on this platform; the {self.timeout:g}s time limit holds")

    def __enter__(self) -> Jobs:
        return self

    def __exit__(self, *exc: object) -> None:
        for name, (proc, recv, _) in self.running.items():
            if name not in self.results and proc.is_alive():
                proc.kill()
            proc.join(ENDING)  # (so that its temporary files, which may be open until it is gone, can go)
            if proc.is_alive():
                # It gave its result and has not ended since: what it does is its own ending (a thread
                # not let go, a child of its own), and the build must not wait for it, here or as it
                # ends (Python waits for every child it started)
                progress.step(f"{name}: did not end within {ENDING:g}s of its result; stopped")
                proc.kill()
                proc.join(ENDING)
            recv.close()
        shutil.rmtree(self.tempdir, ignore_errors=True)

    def start(self, name: str, fn: Callable[..., Any], *args: Any) -> None:
        # not a daemon: a child may start children of its own (the pamphlet's part workers); it
        # still ends with its parent (die_with_parent) and with this block (__exit__ kills it)
        taken = early.take(self.tempdir, dict(os.environ), fn, args) if self.ctx.get_start_method() == "fork" else None
        if taken is not None:  # forked as the build started, with the layout code loaded since (early.py)
            proc, recv = taken
        else:
            recv, send = self.ctx.Pipe(duplex=False)
            proc = self.ctx.Process(
                target=child, args=(send, self.tempdir, dict(os.environ), fn, args), name=f"pamphleteer-{name}"
            )
            proc.start()
            send.close()
        self.running[name] = (proc, recv, time.monotonic() + self.timeout)

    def ready(self) -> bool:
        """Whether a running child has said something :meth:`wait` would read at once."""
        live = [recv for name, (_, recv, _) in self.running.items() if name not in self.results]
        return bool(live) and bool(mp.connection.wait(live, 0))

    def wait(self) -> tuple[str, str, Any]:
        """The next message of any running child: (name, "early" or "done", value); errors are raised."""
        while True:
            live = {recv: name for name, (_, recv, _) in self.running.items() if name not in self.results}
            if not live:
                raise RuntimeError("no child is running")
            deadline = min(self.running[name][2] for name in live.values())
            ready = mp.connection.wait(list(live), max(0.0, deadline - time.monotonic()))
            if not ready:
                late = min(live.values(), key=lambda n: self.running[n][2])
                raise _timeout(late, self.timeout)
            name = live[ready[0]]
            status, value = self._read(name, logs=True)
            if status == "log":
                continue  # logged: back to waiting on every child, not on this one's next word
            if status == "early":
                self.early_values.setdefault(name, []).append(value)
                return name, "early", value
            self.results[name] = (status, value)
            return name, "done", self.result(name)

    def early(self, name: str) -> Any:
        """The first value the child sent with :func:`childlife.send_early`, as soon as it is sent."""
        while not self.early_values.get(name):
            if name in self.results:
                self.result(name)  # raises the child's error
                raise RuntimeError(f"{name} finished without sending an early value")
            status, value = self._read(name)
            if status == "early":
                self.early_values.setdefault(name, []).append(value)
            else:
                self.results[name] = (status, value)
        return self.early_values[name][0]

    def result(self, name: str) -> Any:
        """The child's return value; its error, raised here; or a timeout."""
        while name not in self.results:
            status, value = self._read(name)
            if status == "early":
                self.early_values.setdefault(name, []).append(value)
            else:
                self.results[name] = (status, value)
        # a child that said its last word is not waited for here (it leaves at once: child) but when
        # the block ends: the system taking back its memory held up what needed its result, 8 ms or so
        status, value = self.results[name]
        if status == "ok":
            return value
        if status == "problems":
            raise BuildError(value)
        if status == "usage":
            raise UsageError(value)
        if status == "memory":
            raise BuildError(
                [Problem(None, field=name, message=f"the render ran out of memory (limit {settings.memory_mb()} MB)")]
            )
        summary, trace = value
        raise RuntimeError(f"{name} failed in a child process: {summary}") from ChildTraceback(trace)

    def _read(self, name: str, logs: bool = False) -> tuple[str, Any]:
        """The child's next message other than a log record (those are logged here as they come);
        with ``logs``, a log record too, as ("log", None), so that a caller waiting on several
        children is not held by one that says what it is doing before it is done."""
        proc, recv, deadline = self.running[name]
        while True:
            if not recv.poll(max(0.0, deadline - time.monotonic())):
                raise _timeout(name, self.timeout)
            try:
                status, value = recv.recv()
            except EOFError:
                proc.join(5)
                message = f"the render stopped unexpectedly (exit code {proc.exitcode})"
                raise BuildError([Problem(None, field=name, message=message)]) from None
            if status != "log":
                return status, value
            logger, level, text, created = value
            record = logging.makeLogRecord({"name": logger, "levelno": level, "levelname": logging.getLevelName(level)})
            record.msg, record.created = text, created  # stamped when the child said it, not when read here
            logging.getLogger(logger).handle(record)
            if logs:
                return "log", None


class ChildTraceback(Exception):
    """A child's traceback, as text: the cause of its parent's error, shown with ``--debug`` only."""


def fork_first(modules: Sequence[str]) -> int | None:
    """Where children are forked, fork the build's first layout child now, to load ``modules`` while this
    process loads the publication (``early.py``): the next child started is that one. Its process id, or None."""
    return early.fork(modules, start_method(), child, die_with_parent)


def release_first() -> None:
    """End the first layout child if no job took it (``early.py``)."""
    early.release()


def preload(modules: Sequence[str] = ()) -> None:
    """Before forking layouts: import WeasyPrint once here, not once in each child (0.7 s each).

    Only when children are forked (spawned ones import afresh), and only when a layout is
    about to run, so a build with nothing to lay out never pays for it. Under ``forkserver``,
    the server imports WeasyPrint and ``modules`` when it starts (now, if these are the first
    words on it), so that a long-lived process's layouts are forked from code already loaded.
    """
    method = start_method()
    if method == "fork" and early.pending():
        return  # the next child started is the one forked as the build started, which loads it itself
    if method == "fork":
        from . import quickload  # noqa: F401  (WeasyPrint, inherited by the forked children)
    elif method == "forkserver" and _SERVER[0] is None:
        _SERVER[0] = _serve(["pamphleteer.infra.quickload", *modules])
        if not _SERVER[0]:
            progress.step("layouts are spawned: the fork server found another copy of pamphleteer than this one")


@contextlib.contextmanager
def environment(values: Mapping[str, str | None]) -> Iterator[None]:
    """This process's environment with ``values`` set (None: left as it is) for the block, as it was
    after: what a process started in the block (the fork server) starts with."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update({name: value for name, value in values.items() if value is not None})
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _serve(modules: list[str]) -> bool:
    """Start the fork server with ``modules`` loaded from where this process loaded its own code;
    whether it did (a ``pamphleteer`` folder in the working folder would come first for it)."""
    from multiprocessing import forkserver

    mp.set_forkserver_preload(modules)
    here = str(Path(__file__).resolve().parents[2])  # the folder this package was imported from
    before = os.environ.get("PYTHONPATH")
    # Python 3.11's server ignores this process's sys.path: it finds the package on its own path
    with environment({"PYTHONPATH": os.pathsep.join([here, *([before] if before else [])])}):
        forkserver.ensure_running()
    ctx = mp.get_context("forkserver")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_whence, args=(send,), name="pamphleteer-whence")
    proc.start()
    send.close()
    try:
        found = recv.recv() if recv.poll(60) else None
    except EOFError:
        found = None
    finally:
        recv.close()
        proc.join(5)
    return isinstance(found, str) and Path(found).resolve() == Path(__file__).resolve()


def _whence(send: Any) -> None:
    """In a child of the fork server: where its copy of this module was loaded from."""
    send.send(__file__)
    send.close()


def _timeout(name: str, seconds: float) -> BuildError:
    return BuildError([Problem(None, field=name, message=f"layout did not finish within {seconds:g}s; stopped")])
