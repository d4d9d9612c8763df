"""Measuring a command: wall time, CPU of it and every process it started, peak memory; a running watch.

:func:`timed` runs a command to its end; :class:`Watch` keeps ``pamphleteer --watch`` running on a
built folder and times each edit from the save to the line saying the rebuild is built. Commands
run this tree's code (:data:`ROOT` first on ``PYTHONPATH``), as ``python -m pamphleteer``, so the
benchmark works from a checkout and from an installed package alike. Linux only (``/proc``,
``resource``): the figures it prints are this project's machine's.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent  # the folder holding this tree's ``pamphleteer`` package


# Where measured commands keep Python's compiled code (:func:`compiled_in`); empty: as this environment says.
PYCACHE: list[Path] = []


def compiled_in(folder: Path) -> None:
    """From now on, measured commands (ours and the peer's alike) keep Python's compiled code in
    ``folder`` and read it from there, as every installed Python program reads its own: pip compiles
    a package when it installs it, and Python keeps what it compiles unless told not to. A machine
    that sets ``PYTHONDONTWRITEBYTECODE`` (this project's does) otherwise has every run of a checkout
    compile the tool's modules from source (about 0.1 s of CPU a command), while the peer's libraries come
    compiled from their installation."""
    PYCACHE[:] = [folder]


def _env(compiled: bool = True) -> dict[str, str]:
    """The environment a measured command runs in: this tree's package found first; Python's compiled
    code kept in :data:`PYCACHE` (unless ``compiled`` is False: then as this environment says)."""
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *([path] if path else [])])}
    if compiled and PYCACHE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE[0])
    return env


@dataclass(frozen=True)
class Timing:
    """One run of a command: wall seconds, CPU seconds of it and every process it started
    (RUSAGE_CHILDREN: user + system, so workers sharing two cores are counted once each), and the
    peak memory of the whole tree in MB."""

    wall: float
    cpu: float
    peak: int


def timed(cmd: list[str], *, compiled: bool = True) -> Timing:
    """Run ``cmd`` to its end and measure it (a failed command stops the benchmark); ``compiled``: see
    :func:`_env`."""
    import resource  # POSIX: the benchmark is run on Linux

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env(compiled))
    peak = [0]

    def sample() -> None:  # memory is sampled beside the command, so its end is timed to the moment
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_pss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = proc.communicate()[1] or ""
    elapsed = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(elapsed, cpu, peak[0] // 1024)


def cpu_of(root: int) -> float:
    """CPU seconds of a running process and its descendants, live or waited for (Linux /proc): a
    --watch's layouts are forked by its forkserver, which waits for them."""
    ticks = 0
    for pid in _tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile: its parent counts it once it has waited for it
            continue
        ticks += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Start children with Ctrl-C (SIGINT) at its default, as a command started from a terminal has it.

    A process started in the background by a non-interactive shell (CI, a script's ``&``, nohup)
    ignores SIGINT, and an ignored signal stays ignored across exec: a watch started from it would
    sleep through the SIGINT that stops it (and be ended 30 s later). A handled one is reset to the
    default at exec, so the child's Python turns it into KeyboardInterrupt, as anywhere else.
    """
    if not hasattr(signal, "SIGINT") or signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


class Watch:
    """``build.py --watch`` running on a built folder: each edit timed from the save to the line
    that says the rebuild is done, with the CPU the watch and its layouts spent on it."""

    def __init__(self, content: Path, out: Path) -> None:
        cmd = [*_ours(), "--content", str(content), "--output", str(out), "--watch"]
        with interruptible():
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env())
        self.said: list[str] = []
        self._until("watching ")  # the watcher is in place: a save from now on is seen

    def _until(self, *start: str) -> str:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.said.append(line)
            if line.startswith(start):
                return line
        raise SystemExit("--watch ended:\n" + "".join(self.said[-20:]))

    def edit(self, chapter: Path, change) -> Timing:
        text = edited(chapter, change)  # the author's edit made before the save is timed
        cpu = cpu_of(self.proc.pid)
        start = time.perf_counter()
        chapter.write_text(text, encoding="utf-8")
        line = self._until("built ", "Aborted")  # the rebuild's last line
        elapsed = time.perf_counter() - start
        if not line.startswith("built "):
            raise SystemExit(f"--watch: {line}")
        return Timing(elapsed, cpu_of(self.proc.pid) - cpu, 0)

    def close(self) -> None:
        self.proc.send_signal(signal.SIGINT)  # as an author stops it
        try:
            self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # a shell's background job ignores SIGINT, and so does its child
            self.proc.terminate()
            self.proc.communicate()


def _tree(root: int) -> list[int]:
    """A process and its live descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _tree_pss(root: int) -> int:
    """Summed PSS in kB of a process and its descendants (Linux /proc)."""
    total = 0
    for pid in _tree(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total


def _ours() -> list[str]:
    """Our command, as an author runs it (``python build.py`` in a checkout is the same command)."""
    return [sys.executable, "-m", "pamphleteer"]


def build(content: Path, out: Path, *extra: str) -> list[str]:
    """A quiet build of ``content`` into ``out``; ``extra``: targets or options."""
    return [*_ours(), "--content", str(content), "--output", str(out), "-q", *extra]


def stamps(out: Path) -> dict[str, int]:
    """Each output file's modification time: what a build rewrote."""
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if not p.name.startswith(".")}


def edit(path: Path, change) -> None:
    """Apply ``change`` to a chapter's YAML, as an author saving it."""
    path.write_text(edited(path, change), encoding="utf-8")


def edited(path: Path, change) -> str:
    """A chapter's YAML with ``change`` applied, as the author's editor would save it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
