"""Problems found in content or during a build, and how they are reported.

Every stage collects :class:`Problem` objects instead of stopping at the first
one, so an author sees everything wrong with their publication in one run:
``content/chapters/03.yaml:41:7: slides[2].notes: expected text, got a list``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, located as precisely as we know it."""

    path: Path | None
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = display_path(self.path)
            if self.line:
                where += f":{self.line}:{self.col or 1}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class BuildError(Exception):
    """A build cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem], *, partial: object = None) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(set(problems), key=_sort_key)
        self.partial = partial  # what could be built despite the problems (a Book assembled from what loaded)


class UsageError(Exception):
    """The command line or the environment is wrong (exit code 2)."""


def _sort_key(p: Problem) -> tuple[str, int, int, str, str]:
    return (str(p.path or ""), p.line, p.col, p.field, p.message)


def display_path(path: Path) -> str:
    """A path as the author typed it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def format_field(loc: tuple[str | int, ...]) -> str:
    """``('slides', 2, 'notes')`` -> ``slides[2].notes``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            # Keys are the author's text: a long or unprintable one is shown short and escaped.
            name = part if len(part) <= 40 else part[:37] + "..."
            name = "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)
            out += f".{name}" if out else name
    return out
