"""Progress and results through :mod:`logging`, as WeasyPrint reports its own.

Two named loggers: ``pamphleteer`` for results and warnings (what a build made,
what an author should know) and ``pamphleteer.progress`` for the steps of a
build as they happen. The library only logs; the command line decides what is
shown and where (results on stdout, steps and warnings on stderr). Child
processes forward their records to the parent (see ``infra/workers.py``). A
message that tells the user what to run names the command as they started it (:func:`command`).

It also reads ``PAMPHLETEER_HOLD``, the tests' way to stop a build at a named point (:func:`hold`).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PureWindowsPath

from pamphleteer import settings

log = logging.getLogger("pamphleteer")
steps = logging.getLogger("pamphleteer.progress")


def step(message: str) -> None:
    """A step of the build, for someone watching it run."""
    steps.info(message)


def result(message: str) -> None:
    """What a command achieved: the line a user reads when it ends."""
    log.info(message)


def warn(message: str) -> None:
    """Something the author should know that does not stop the build."""
    log.warning(message)


@contextmanager
def warnings_held(hold: bool) -> Iterator[list[str]]:
    """With ``hold``, the warnings said inside (by this process or its children, whose records are logged here)
    are kept in the list yielded instead of shown: ``--strict`` makes those a layout finds its build's errors."""
    held: list[str] = []

    def keep(record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING:
            return True
        held.append(record.getMessage())
        return False

    if hold:
        log.addFilter(keep)
    try:
        yield held
    finally:
        log.removeFilter(keep)


def say(message: str, *, step: bool = False) -> None:
    """For stages that take a ``say`` callable: a step or a result."""
    (steps if step else log).info(message)


HOLD_LIMIT = 300.0  # seconds a held build waits for its signal before it fails


def hold(point: str) -> None:
    """Stop here, when ``PAMPHLETEER_HOLD`` names ``point``, until a signal ends or interrupts the build.

    For tests that interrupt or race a build: with ``PAMPHLETEER_HOLD=before-write`` (the points
    are ``settings.HOLD_POINTS``; several, comma-separated) the build says "pamphleteer: holding
    before writing" on stderr when it gets there and waits, so the test signals a build that is
    provably at that point instead of one that may have finished. SIGINT and SIGTERM interrupt
    the wait as they would the work; a build held ``HOLD_LIMIT`` seconds fails. Unset, it costs
    one look at the environment.
    """
    if point not in settings.HOLD.get():
        return
    where = settings.HOLD_POINTS[point]
    print(f"pamphleteer: holding {where} ({settings.HOLD.name}={point})", file=sys.stderr, flush=True)
    time.sleep(HOLD_LIMIT)  # a signal's handler raises here (KeyboardInterrupt); SIGKILL ends the process
    raise RuntimeError(f"{settings.HOLD.name}={point}: no signal came within {HOLD_LIMIT:g} s")


def command() -> str:
    """The command as it was started, for a message that says what to run next: ``python build.py`` in a
    checkout, ``python -m pamphleteer``, or the installed ``pamphleteer`` (which has no build.py)."""
    started = PureWindowsPath(sys.argv[0]).name if sys.argv and sys.argv[0] else ""  # either separator
    if started == "build.py":
        return "python build.py"
    if started == "__main__.py":
        return "python -m pamphleteer"
    return "pamphleteer"


def word(path: object) -> str:
    """A path as one word of a command to copy: in double quotes when it holds a space or a character a
    shell reads (which POSIX shells, PowerShell and cmd all take as one word)."""
    text = str(path)
    return f'"{text}"' if not text or any(c.isspace() or c in "&|;<>()'`!*?[]{}~^%," for c in text) else text
