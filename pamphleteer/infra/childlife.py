"""A layout child's life, from the parent's side of the pipe to its last word: the child's environment, its
signals, its temporary folder, its memory limit and its log records set up; its function run; its result,
early values and errors sent back through the pipe; and the child left at once, without tearing down what
it made (:func:`child`). Also what work done in a child calls: :func:`send_early` (a first result before
the final one) and :func:`give_back` (memory freed, returned to the system). ``workers.py`` starts the
children and reads what they send.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from typing import Any

from pamphleteer import settings
from pamphleteer.errors import BuildError, UsageError

from . import output

# Only Linux enforces an address-space limit; macOS accepts RLIMIT_AS and ignores it, Windows has none.
MEMORY_LIMITED = sys.platform.startswith("linux")
_TO_PARENT: Any = None  # in a child: the pipe its messages go back through


def give_back() -> None:
    """Hand the memory this process has freed back to the system, where the C library can (glibc).

    glibc keeps what a long-lived process freed (a part's layout, an output built here) for its
    own later use, so the process stays as large as its largest moment while it waits or does
    lighter work beside the others; elsewhere this does nothing.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # a C library without it (musl)
        return None


def send_early(value: Any) -> None:
    """In a child: hand the parent a first result (say, page numbers) before the final one."""
    if _TO_PARENT is not None:
        _TO_PARENT.send(("early", value))


class _PipeHandler(logging.Handler):
    """In a child: log records go to the parent, which logs them through its own handlers."""

    def __init__(self, send: Any) -> None:
        super().__init__(logging.DEBUG)
        self.send = send

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.send.send(("log", (record.name, record.levelno, record.getMessage(), record.created)))


def die_with_parent() -> None:
    """On Linux, a child outlives a parent killed with -9 unless it asks the kernel otherwise."""
    if not sys.platform.startswith("linux"):
        return  # elsewhere the pipe closing ends the child's work soon enough
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def memory_limit() -> bool:
    """Whether children get an address-space limit here (Linux with ``resource``)."""
    if not MEMORY_LIMITED:
        return False
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return False
    return True


def _limit_memory() -> None:
    if not memory_limit():
        return
    import resource  # POSIX only; imported where the limit is enforced

    limit = settings.memory_mb() * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit may already be in force
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _crash(exc: BaseException) -> tuple[str, str]:
    """A child's error as its parent reports it: one line, and the traceback kept for ``--debug``."""
    line = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    return line[:300], traceback.format_exc()


def child(send: Any, tempdir: str, environ: dict[str, str], fn: Callable[..., Any], args: tuple) -> None:
    """A child's life: ``fn(*args)`` in ``environ``; its result, early values and log records go back
    through ``send``."""
    global _TO_PARENT
    if os.environ != environ:  # settings are read from the environment when asked
        os.environ.clear()
        os.environ.update(environ)
    _TO_PARENT = send
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    tempfile.tempdir = tempdir  # WeasyPrint's font copies land where the parent will sweep
    os.environ["TMPDIR"] = tempdir
    root = logging.getLogger("pamphleteer")
    root.handlers[:] = [_PipeHandler(send)]
    root.filters[:] = []  # a forked child's copy of a parent's filter (held warnings) would keep them here
    root.propagate = False
    root.setLevel(logging.DEBUG)
    _limit_memory()
    # Objects inherited from the parent (the model, the modules) are left out of the collector's
    # passes; and the youngest are looked over after 7,000 allocations, not 700: a layout's garbage
    # is nearly all freed as it goes (some thousand objects in cycles a part), and each pass over
    # the part being laid out cost more than it found (0.35 s of 5 s over 30 layouts, 0.21 s so)
    gc.freeze()
    gc.set_threshold(7000, *gc.get_threshold()[1:])
    try:
        send.send(("ok", fn(*args)))
    except BuildError as exc:
        send.send(("problems", exc.problems))
    except UsageError as exc:
        send.send(("usage", str(exc)))
    except MemoryError:
        send.send(("memory", ""))
    except OSError as exc:
        if exc.errno in output.ENVIRONMENT:  # a full disk or a file-size limit: the machine's, not a bug
            send.send(("usage", output.cannot_write(exc)))
        else:
            send.send(("crash", _crash(exc)))
    except BaseException as exc:  # reported to the parent in a line, with its traceback for --debug
        send.send(("crash", _crash(exc)))
    finally:
        send.close()
    # Done: leave without tearing down the layout's objects one by one (a second or so for a
    # book). Nothing is lost: results went through the pipe, and the parent removes the temp
    # folder that WeasyPrint's font copies are in.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
