"""Child processes for the heavy renders: side by side, each with a time and memory limit.

A layout that hangs or eats memory ends in an error naming the output, never a
frozen build. Children are forked, so they share the validated model without
copying it; results come back through a pipe.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing as mp
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from typing import Any

from .errors import BuildError, Problem, UsageError

PR_SET_PDEATHSIG = 1
TIMEOUT = float(os.environ.get("PAMPHLETEER_TIMEOUT", "600"))  # seconds per build step
MEMORY_MB = int(os.environ.get("PAMPHLETEER_MEMORY_MB", "3072"))  # address space per child
_TO_PARENT: Any = None  # in a child: the pipe its results go back through


class Jobs:
    """Children started now, collected later; leaving the ``with`` block stops any still running."""

    def __init__(self, timeout: float | None = None) -> None:
        self.timeout = TIMEOUT if timeout is None else timeout
        self.ctx = mp.get_context("fork")
        self.running: dict[str, tuple[Any, Any, float]] = {}
        self.waiting: dict[str, tuple[str, Any]] = {}  # a final message read while waiting for an early one

    def __enter__(self) -> Jobs:
        return self

    def __exit__(self, *exc: object) -> None:
        for proc, recv, _ in self.running.values():
            if proc.is_alive():
                proc.kill()
                proc.join(5)
            recv.close()

    def start(self, name: str, fn: Callable[..., Any], *args: Any) -> None:
        recv, send = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_child, args=(send, fn, args), name=f"pamphleteer-{name}", daemon=True)
        proc.start()
        send.close()
        self.running[name] = (proc, recv, time.monotonic() + self.timeout)

    def early(self, name: str) -> Any:
        """The value the child sent with :func:`send_early`, as soon as it is sent."""
        status, value = self._next(name)
        if status == "early":
            return value
        self.waiting[name] = (status, value)
        self.result(name)  # raises the child's error
        raise RuntimeError(f"{name} finished without sending its early value")

    def result(self, name: str) -> Any:
        """The child's return value; its error, raised here; or a timeout."""
        status, value = self.waiting.pop(name, None) or self._next(name)
        if status == "early":  # sent but not asked for
            status, value = self._next(name)
        self.running[name][0].join(5)
        if status == "ok":
            return value
        if status == "problems":
            raise BuildError(value)
        if status == "usage":
            raise UsageError(value)
        if status == "memory":
            raise BuildError(
                [Problem(None, field=name, message=f"the render ran out of memory (limit {MEMORY_MB} MB)")]
            )
        raise RuntimeError(f"{name} failed in a child process:\n{value}")

    def _next(self, name: str) -> tuple[str, Any]:
        proc, recv, deadline = self.running[name]
        if not recv.poll(max(0.0, deadline - time.monotonic())):
            raise BuildError(
                [Problem(None, field=name, message=f"layout did not finish within {self.timeout:g}s; stopped")]
            )
        try:
            return recv.recv()
        except EOFError:
            proc.join(5)
            message = f"the render stopped unexpectedly (exit code {proc.exitcode})"
            raise BuildError([Problem(None, field=name, message=message)]) from None


def send_early(value: Any) -> None:
    """In a child: hand the parent a first result (say, page numbers) before the final one."""
    if _TO_PARENT is not None:
        _TO_PARENT.send(("early", value))


def _die_with_parent() -> None:
    """On Linux, a child outlives a parent killed with -9 unless it asks the kernel otherwise."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _child(send: Any, fn: Callable[..., Any], args: tuple) -> None:
    global _TO_PARENT
    _TO_PARENT = send
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    limit = MEMORY_MB * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit may already be in force
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        send.send(("ok", fn(*args)))
    except BuildError as exc:
        send.send(("problems", exc.problems))
    except UsageError as exc:
        send.send(("usage", str(exc)))
    except MemoryError:
        send.send(("memory", ""))
    except BaseException:  # reported to the parent with its traceback
        send.send(("crash", traceback.format_exc()))
    finally:
        send.close()
