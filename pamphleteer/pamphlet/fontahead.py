"""The parts' font programs parsed while other parts are still laid out, for the join to take.

The join merges each TrueType face's subsets into one program (``fontmerge.py``,
``fontunion.py``), and parsing the parts' programs with fontTools is most of that work, done
serially after the last part settles. The builder process waits idle while the workers lay the
parts out; ``FontsAhead.add`` parses a settled part's programs there (``fontunion.prepare``), and the
join's union takes each program it finds parsed instead of parsing it again. What is taken is
found by the program's bytes and the glyphs drawn from it, exactly what a union reads, so a part
laid out again, or a program the join never asks for, only costs the time it took; the join's
bytes are the same either way.

A parsed program takes some twenty times its bytes in memory, so no more than ``budget`` bytes of
programs are kept parsed (a book ten times ours has some 1,400 programs); the others are parsed
by the join as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from . import fontmerge, fontunion

_BUDGET = 4_000_000  # bytes of programs kept parsed: some 90 MB in memory (the shipped pamphlet has 0.9 MB)

_Key = tuple[bytes, frozenset[int]]


class FontsAhead:
    """Programs parsed ahead, each handed over once (a union changes the program it uses)."""

    def __init__(self, budget: int = _BUDGET) -> None:
        self.budget = budget
        self.size = 0  # bytes of the programs kept parsed
        self.taken = 0  # programs handed over to a union
        self._programs: dict[_Key, fontunion.Program] = {}
        self._settled: list[bytes] = []  # PDFs of parts laid out for good, to parse when there is time

    def settled(self, task: Any, part: Any, kept: bool = False) -> None:
        """A part a worker settled or found ``kept`` (``parts.Layouts`` tells): one a worker laid out for
        good is parsed later (a kept one's fonts usually are too: see fontmerge's memo)."""
        if task.write and not task.forecast and not kept:
            self._settled.append(part.pdf)

    def until(self, ready: Callable[[], bool]) -> None:
        """Parse the parts settled since, a part at a time, until ``ready()`` says what this process
        waits for has come."""
        while self._settled and not ready():
            self.add(self._settled.pop(0))

    def add(self, pdf: bytes) -> None:
        """Parse the programs of a part's PDF that the join would merge (those not parsed yet), within budget."""
        if self.size >= self.budget:
            return  # (not even the part opened)
        for data, drawn in fontmerge.part_programs(pdf):
            k = _key(data, drawn)
            if k not in self._programs and self.size + len(data) <= self.budget:
                self._programs[k] = fontunion.prepare(data, drawn)
                self.size += len(data)

    def take(self, data: bytes, drawn: set[int]) -> fontunion.Program | None:
        """The program of ``data`` with ``drawn`` parsed ahead (for a union), or None; given once."""
        program = self._programs.pop(_key(data, drawn), None)
        if program is not None:
            self.size -= len(data)
            self.taken += 1
        return program

    def clear(self) -> None:
        self._programs.clear()
        self._settled.clear()
        self.size = 0


def _key(data: bytes, drawn: set[int]) -> _Key:
    return hashlib.sha256(data).digest(), frozenset(drawn)
