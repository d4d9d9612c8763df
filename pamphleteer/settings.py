"""Settings: the build options the command line sets, and the environment variables the tool reads.

:class:`Options` holds what ``--paper``, ``--no-marks``, ``--handout-slides``, ``--force``,
``--strict`` and ``-j`` chose. :data:`VARIABLES` declares every environment variable once: its name, what it
accepts, what it changes and its default. Each is read when asked, never at import, so a
running ``--watch`` or a test that sets one sees the value in force; a bad value is a usage
error (exit 2) that names the variable and what it accepts. ``--help`` lists them from here,
and a test keeps the README's list in step.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pamphleteer.errors import UsageError

T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """Build options from the command line: what some outputs contain (:meth:`shaping`), and how a build
    runs (processes, cache, whether warnings stop it)."""

    paper: str = "a4"  # booklet and handout paper: a4 or letter
    marks: bool = True  # crop marks on the print edition
    handout_slides: int = 3  # frames per handout page: 3 (with lines) or 6
    force: bool = False  # rebuild even what is up to date
    jobs: int = 0  # worker processes for the reading edition's parts; 0: one per core (shapes no output)
    cache: Path | None = None  # where the reading edition keeps its laid-out parts between builds
    strict: bool = False  # warnings are errors: what was set another way than written stops the build (for CI)
    # Not from the command line: the outputs the web edition offers as downloads (the build sets it from
    # what it makes and what an earlier build left, builders/web.py); it shapes the web edition alone.
    downloads: tuple[str, ...] = ()

    def shaping(self) -> dict[str, Any]:
        """The options that change what is built (not how fast, not where the cache is)."""
        return {"paper": self.paper, "marks": self.marks, "handout_slides": self.handout_slides, "force": self.force}


@dataclass(frozen=True)
class Variable(Generic[T]):
    """One environment variable: what it accepts, what it does, and its value now."""

    name: str
    accepts: str  # completes "expected ...", and the help's line
    does: str  # what it changes, for --help and the README
    parse: Callable[[str], T | None]  # the value, or None when the text is not one it accepts
    default: T  # when unset or empty

    def get(self) -> T:
        """The value in force; a usage error naming the variable when it is set to something it does not accept."""
        raw = os.environ.get(self.name, "")
        if not raw.strip():
            return self.default
        value = self.parse(raw.strip())
        if value is None:
            raise UsageError(f"{self.name}={_shown(raw)}: expected {self.accepts}")
        return value


def _shown(raw: str) -> str:
    """A value as typed, kept short and printable: it is echoed in an error message."""
    text = raw if len(raw) <= 40 else raw[:37] + "..."
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _whole(low: int, high: int) -> Callable[[str], int | None]:
    def parse(text: str) -> int | None:
        if not (text.isascii() and text.isdigit()):
            return None  # no sign, no fraction, no exponent: what ``date +%s`` prints
        n = int(text)
        return n if low <= n <= high else None

    return parse


def _seconds(text: str) -> float | None:
    try:
        n = float(text)
    except ValueError:
        return None
    return n if math.isfinite(n) and SHORTEST_STEP <= n <= LONGEST_STEP else None


_FLAGS = {"1": True, "yes": True, "true": True, "on": True, "0": False, "no": False, "false": False, "off": False}


def _flag(text: str) -> bool | None:
    return _FLAGS.get(text.lower())


def _folder(text: str) -> Path | None:
    return Path(text)


def _start_method(text: str) -> str | None:
    import multiprocessing  # only when asked: a build with nothing to do starts no process

    return text if text in multiprocessing.get_all_start_methods() else None


# Where PAMPHLETEER_HOLD may stop a build, and what the build says there (see progress.hold)
HOLD_POINTS = {
    "layout": "while the layouts run",  # the layout children started, none collected yet
    "before-write": "before writing",  # every output in memory, nothing written
    "mid-write": "mid-write",  # every new file written beside its output, none moved into place
}


def _points(text: str) -> tuple[str, ...] | None:
    names = tuple(name.strip() for name in text.split(","))
    return names if all(name in HOLD_POINTS for name in names) else None


LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: a date every output's format can state
# A second at least: starting a layout's process takes longer, so a shorter limit (1e-300) stops every build
# while seeming to set one.
SHORTEST_STEP = 1.0
LONGEST_STEP = 86400.0  # a day: a longer limit is no limit, and the system's timers stop short of infinity
MEMORY_MB = (256, 1048576)  # below 256 MB a layout cannot start; above a terabyte the limit means nothing

SOURCE_DATE_EPOCH: Variable[int | None] = Variable(
    "SOURCE_DATE_EPOCH",
    f"a whole number of seconds since 1970-01-01 00:00 UTC, from 0 to {LAST_EPOCH}",
    "the date stamped into every output, for reproducible builds (default: the publication's date)",
    _whole(0, LAST_EPOCH),
    None,
)
TEMPLATES: Variable[Path | None] = Variable(
    "PAMPHLETEER_TEMPLATES",
    "a templates folder (one with pamphlet/ in it)",
    "build with another templates folder of the same shape: a house style (default: the bundled one)",
    _folder,
    None,
)
TIMEOUT: Variable[float] = Variable(
    "PAMPHLETEER_TIMEOUT",
    f"a number of seconds from {SHORTEST_STEP:g} to {LONGEST_STEP:g}",
    "how long one layout may run before it is stopped (default: 600)",
    _seconds,
    600.0,
)
MEMORY: Variable[int] = Variable(
    "PAMPHLETEER_MEMORY_MB",
    f"a whole number of megabytes from {MEMORY_MB[0]} to {MEMORY_MB[1]}",
    "the address space each layout process may take, on Linux (default: 3072)",
    _whole(*MEMORY_MB),
    3072,
)
START_METHOD: Variable[str] = Variable(
    "PAMPHLETEER_START_METHOD",
    "fork, spawn or forkserver, one this system has (Windows has only spawn)",
    "how layout processes start (default: fork on Linux when safe, spawn elsewhere)",
    _start_method,
    "",
)
DEBUG_CSS: Variable[bool] = Variable(
    "PAMPHLETEER_DEBUG_CSS",
    "1 or 0 (yes, no, true, false, on, off)",
    "show the CSS that WeasyPrint ignores, to debug a house style's stylesheets (default: 0)",
    _flag,
    False,
)
HOLD: Variable[tuple[str, ...]] = Variable(
    "PAMPHLETEER_HOLD",
    "layout, before-write or mid-write (several, comma-separated)",
    "for tests: stop the build at that point, say so on stderr and wait for a signal (default: none)",
    _points,
    (),
)
VARIABLES: tuple[Variable[Any], ...] = (SOURCE_DATE_EPOCH, TEMPLATES, TIMEOUT, MEMORY, START_METHOD, DEBUG_CSS, HOLD)


def source_date() -> dt.datetime | None:
    """The moment ``SOURCE_DATE_EPOCH`` names, in UTC; None when it is not set."""
    seconds = SOURCE_DATE_EPOCH.get()
    if seconds is None:
        return None
    # added to 1970 rather than read with fromtimestamp, whose range differs between systems
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)


def templates() -> Path | None:
    """The house style's templates folder ``PAMPHLETEER_TEMPLATES`` names; None for the bundled one."""
    return TEMPLATES.get()


def timeout() -> float:
    """Seconds one layout may take."""
    return TIMEOUT.get()


def memory_mb() -> int:
    """Megabytes of address space a layout process may take (where the system enforces it)."""
    return MEMORY.get()


def start_method() -> str:
    """The start method asked for; "" to let the tool choose."""
    return START_METHOD.get()


def debug_css() -> bool:
    """Whether WeasyPrint's notes on the CSS it ignores are shown."""
    return DEBUG_CSS.get()


def check() -> None:
    """Every variable read once: one usage error listing each bad value, before any work starts."""
    bad = []
    for variable in VARIABLES:
        try:
            variable.get()
        except UsageError as exc:
            bad.append(str(exc))
    if bad:
        raise UsageError("; ".join(bad))


def shaping() -> dict[str, Any]:
    """The variables that change what a build makes, as part of what it is keyed by."""
    return {"epoch": SOURCE_DATE_EPOCH.get(), "templates": str(TEMPLATES.get() or "")}


def described() -> list[tuple[str, str, str]]:
    """(name, what it changes, what it accepts) of every variable, for --help and the README."""
    return [(v.name, v.does, v.accepts) for v in VARIABLES]
