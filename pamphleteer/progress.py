"""Progress and results through :mod:`logging`, as WeasyPrint reports its own.

Two named loggers: ``pamphleteer`` for results and warnings (what a build made,
what an author should know) and ``pamphleteer.progress`` for the steps of a
build as they happen. The library only logs; the command line decides what is
shown and where (results on stdout, steps and warnings on stderr). Child
processes forward their records to the parent (see ``infra/workers.py``).
"""

from __future__ import annotations

import logging

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


def say(message: str, *, step: bool = False) -> None:
    """For stages that take a ``say`` callable: a step or a result."""
    (steps if step else log).info(message)
