"""The build's first layout child, forked as the build starts: it loads the layout code while this process
loads the publication and plans.

A cold build's first layout (the reading edition's) started only once the publication was loaded and
the build planned, and then WeasyPrint and the layout code were imported, here before the fork or in
the child after it: a second on this project's machine with the other core idle. Forked first, the
child imports them beside the loading; :class:`workers.Jobs` hands it the first child's work as it
would start a child (the same function, arguments and environment, sent through a pipe, as a fork
server's children get theirs), and forks the others as before. A child no job asked for (nothing was
stale, or the build stopped) is ended when the build ends. Only where children are forked from this
process (Linux, one thread): a spawned child imports everything once it is started anyway.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any

Life = Callable[[Any, str, dict[str, str], Callable[..., Any], tuple], None]  # childlife.child

_FORKED: list[tuple[Any, Any, Any]] = []  # (the process, its results' pipe, its orders' pipe), until taken


def fork(modules: Sequence[str], method: str, life: Life, first: Callable[[], None]) -> int | None:
    """Fork the first layout child now, loading ``modules``, where children are forked (``method``, the
    start method); its process id, or None. The child does ``first()`` at once, and lives its life as
    any child (``life``: ``childlife.child``) once it is handed its work."""
    if method != "fork" or _FORKED:
        return None
    ctx = mp.get_context("fork")
    results, send = ctx.Pipe(duplex=False)
    orders, commands = ctx.Pipe(duplex=False)
    # not a daemon, as any layout child: the reading edition's starts children of its own
    proc = ctx.Process(target=_wait, args=(orders, send, list(modules), life, first), name="pamphleteer-first")
    proc.start()
    send.close()
    orders.close()
    _FORKED.append((proc, results, commands))
    # registered after multiprocessing's own exit handler (loaded by the start), so it runs first: that one
    # waits for every child, and would wait for ever for this one, were the build to stop without release()
    atexit.unregister(release)
    atexit.register(release)
    return proc.pid


def pending() -> bool:
    """Whether a first child waits to be handed its work (the next child started is this one)."""
    return bool(_FORKED)


def take(tempdir: str, environ: dict[str, str], fn: Any, args: tuple) -> tuple[Any, Any] | None:
    """Hand the first child its work, as ``workers.Jobs.start`` would start a child with it: the child's
    process and its results' pipe; None if there is none (or it has ended: a child is forked instead)."""
    if not _FORKED:
        return None
    proc, results, commands = _FORKED.pop()
    try:
        commands.send((tempdir, environ, fn, args))
    except OSError:  # it has ended: the pipe is closed at its end
        _end(proc, results)
        return None
    finally:
        commands.close()
    return proc, results


def release() -> None:
    """End the first child if no job took it, and wait for it: the build used none, or stopped."""
    while _FORKED:
        proc, results, commands = _FORKED.pop()
        commands.close()
        _end(proc, results)


def _end(proc: Any, results: Any) -> None:
    if proc.is_alive():
        proc.kill()  # it has made nothing yet: it is waiting, or still loading code
    proc.join()
    results.close()


def _wait(orders: Any, send: Any, modules: list[str], life: Life, first: Callable[[], None]) -> None:
    """In the first child: load ``modules``, then wait for its work and do it as any child does."""
    first()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for module in modules:
        with contextlib.suppress(Exception):  # a module that fails to load fails again where it is used
            importlib.import_module(module)
    try:
        tempdir, environ, fn, args = orders.recv()
    except (EOFError, OSError):  # released: no work came
        os._exit(0)
    orders.close()
    life(send, tempdir, environ, fn, args)
