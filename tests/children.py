"""A command run as a user runs it, in a child process, its lines read as they come.

Tests that interrupt a build, race one, or wait for a server wait for what the child says
(a line on stdout or stderr), never for a fixed time; every wait has a deadline after which
the test fails saying what it waited for and what the child had said.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from pamphleteer.bench import measure
from tests.conftest import ROOT

DEADLINE = 120.0  # seconds: a build of the small publication takes a few on a loaded machine


class Child:
    """A running command whose stdout and stderr lines are collected by two reader threads."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
        with measure.interruptible():
            self.proc = subprocess.Popen(
                argv,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, **(env or {})},
                cwd=cwd,
            )
        self.lines: dict[str, list[str]] = {"stdout": [], "stderr": []}
        self.closed: set[str] = set()
        self._changed = threading.Condition()
        self._readers = [
            threading.Thread(target=self._read, args=(name, getattr(self.proc, name)), daemon=True)
            for name in self.lines
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, name: str, stream) -> None:
        for line in stream:
            with self._changed:
                self.lines[name].append(line)
                self._changed.notify_all()
        with self._changed:
            self.closed.add(name)
            self._changed.notify_all()

    def wait_for(self, text: str, stream: str = "stderr", timeout: float = DEADLINE, *, after: int = 0) -> str:
        """The first line on ``stream`` (from line ``after`` on) containing ``text``, once it comes;
        fails if the child ends or the deadline passes first."""

        def found() -> str | None:
            return next((line for line in self.lines[stream][after:] if text in line), None)

        with self._changed:
            self._changed.wait_for(lambda: found() is not None or stream in self.closed, timeout)
            line = found()
        if line is None:
            why = "ended" if stream in self.closed else f"went on for {timeout:g} s"
            raise AssertionError(f"the child {why} without saying {text!r} on {stream}:\n{self.said()}")
        return line

    def said_so_far(self, stream: str) -> int:
        """How many lines ``stream`` has had: pass it as ``after`` to wait for a line still to come."""
        with self._changed:
            return len(self.lines[stream])

    def finish(self, timeout: float = DEADLINE) -> tuple[int, str, str]:
        """Wait for the child to end: (exit code, stdout, stderr)."""
        code = self.proc.wait(timeout)
        for reader in self._readers:
            reader.join(timeout)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return code, "".join(self.lines["stdout"]), "".join(self.lines["stderr"])

    def said(self) -> str:
        with self._changed:
            return "".join(self.lines["stdout"] + self.lines["stderr"])

    def stop(self) -> None:
        """End the child if it still runs (for a test's cleanup)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.finish()


def build(*args: str | Path, env: dict[str, str] | None = None) -> Child:
    """``python build.py ARGS`` from the checkout, as a user starts a build."""
    return Child([sys.executable, str(ROOT / "build.py"), *map(str, args)], env=env)
