"""``python build.py --watch``: rebuild what changed on every save, until interrupted.

watchfiles coalesces a burst of saves into one change set; each rebuild is an
ordinary incremental build, so only the outputs whose inputs changed are
remade. A translation's original's folder is watched too, as its outputs are made
from it. Errors are printed and the watch goes on. "watching ..." is said once the
watcher is in place (its first wake), so a save made after that line is never missed.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

from watchfiles import watch

from pamphleteer import builders, progress
from pamphleteer.builders.base import SHARED
from pamphleteer.content import Book, translation
from pamphleteer.engine import pipeline
from pamphleteer.errors import BuildError, UsageError
from pamphleteer.infra import kept, output, workers
from pamphleteer.infra.locations import templates_dir

# The watcher wakes this often with nothing changed; its first wake says it is watching.
WAKE_MS = 200
# A change is handed over once this long has passed without another (a save's writes come within
# a millisecond or two of each other): between one and two of these after the save. 50 ms (watchfiles'
# default) added 75 ms on average to every rebuild, 100 ms 150, 20 ms 30 (measured here: 10 ms, 16); a
# save in two bursts further apart is built twice, the second time only what the later burst changed.
STEP_MS = 10
# The subsystems a rebuild may run, loaded by warm() (the import map in README.md names them).
STAGES = ("engine", "builders", "pamphlet", "lecture", "screen", "render", "text", "content", "infra")
PREHEAT = "pamphleteer.commands.preheat"  # loaded by the layouts' fork server and the watch: see that module
# The publication's language, named to the processes that load PREHEAT as warm() starts them (not a setting)
PREHEAT_LANGUAGE = "PAMPHLETEER_PREHEAT_LANGUAGE"


def run(
    content: Path,
    out: Path,
    targets: list[str],
    options: pipeline.Options,
    report: Callable[[BuildError], None],
    *,
    stop: object = None,
) -> int:
    """Build once, then again after every batch of changes under the content and templates folders."""
    original = translation.original_of(content)
    watched = [content, *([original] if original is not None and original.is_dir() else [])]
    output.refuse_overlap(out, watched)  # a usage error ends the watch before it starts
    once(content, out, targets, options, report)
    armed = False
    for changes in watch(
        *watched,
        templates_dir(),
        debounce=300,
        step=STEP_MS,
        stop_event=stop,
        watch_filter=_authored,
        rust_timeout=WAKE_MS,
        yield_on_timeout=True,
    ):
        if not armed:  # said only now: a save made after this line is seen (tests wait for it)
            _ahead(content, out, targets)  # a save made meanwhile waits in the watcher
            settle_memory()
            progress.result(f"watching {', '.join(map(str, watched))} and {templates_dir()}; press Ctrl-C to stop")
            armed = True
        if not changes:
            continue  # a wake with nothing changed
        names = sorted({Path(p).name for _, p in changes})
        progress.result(f"changed: {', '.join(names[:5])}{' ...' if len(names) > 5 else ''}")
        once(content, out, targets, options, report)
        settle_memory()
    return 0


def settle_memory() -> None:
    """Collect everything once, while the author has not saved again, then leave what survives out of
    the collector's passes until the next such moment (``gc.freeze``): a full pass over what this
    process holds (the code, what warm() worked out, the last build's state) took 0.07-0.1 s of a
    rebuild when it came during one (traced); unfrozen first, so that what the last build left in
    cycles is collected here, not kept for good."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _ahead(content: Path, out: Path, targets: list[str]) -> None:
    """What the first rebuild would work out first, worked out before the author saves: the stages
    loaded (:func:`warm`, with the publication's language), the build's shelves read into memory, the
    lecture fitted. The publication is loaded for it, and not held from rebuild to rebuild."""
    book = _loaded(content, out, targets)  # as the first build loaded it; None if it did not
    warm(book.language if book is not None else None)
    kept.preload(out / pipeline.CACHE, pipeline.READ)  # what the first rebuild reads again
    if book is not None:
        fit_lecture(book, targets)


def _loaded(content: Path, out: Path, targets: list[str]) -> Book | None:
    """The publication as the build before loaded it (its files' readings kept in the build's cache), or
    None when it does not load: the rebuilds say why."""
    try:
        return pipeline.load(content, targets, kept.Shelf(out / pipeline.CACHE / pipeline.READ))
    except (BuildError, UsageError, OSError):
        return None


def fit_lecture(book: Book, targets: list[str]) -> None:
    """Fit the publication's lecture once, as the first rebuild of its deck, handout or script will, so
    that each text's fit is remembered in this process (``lecture/fitting.py``): the first edit to the
    lecture then refits from memory, as every later one does, where it read each fit back from the
    build's table and checked its fonts (the shipped lecture: 0.08 s of a notes edit's 0.85 s, traced).
    Nothing is written: the fits are made as outside any build. A lecture that does not fit is left to
    the rebuild to report."""
    with contextlib.suppress(Exception):
        if any("lecture" in builder.shares for builder in builders.select(targets, book)):
            SHARED["lecture"](book)


def _authored(_change: object, path: str) -> bool:
    """Whether a change is an author's: not a hidden file, nor the templates compiled (``render/compiled.py``)."""
    where = Path(path)
    return not where.name.startswith(".") and "__pycache__" not in where.parts


def warm(language: str | None = None) -> None:
    """Load every stage a rebuild may run, once, while the author has not saved yet: the first
    save then costs what any later one does, not the import of the layout and drawing code; with the
    publication's ``language``, what preheat reads for it (its hyphenation patterns)."""
    names = []
    for package in STAGES:
        found = importlib.import_module(f"pamphleteer.{package}")
        names += [f"{found.__name__}.{module.name}" for module in pkgutil.iter_modules(found.__path__)]
    for name in names:
        importlib.import_module(name)
    # The layouts' processes: the watcher's thread makes them forked by a server (workers.start_method),
    # which loads the same code once, not once a layout, and reads what no publication changes (preheat)
    # and what this one's language needs, named in the environment the server starts with
    with workers.environment({PREHEAT_LANGUAGE: language or None}):
        workers.preload([*names, PREHEAT])
        # and this process, which makes the outputs built beside the layouts (the print edition's separations)
        importlib.import_module(PREHEAT)


def once(
    content: Path,
    out: Path,
    targets: list[str],
    options: pipeline.Options,
    report: Callable[[BuildError], None],
) -> bool:
    try:
        pipeline.build(content, out, targets, options)  # says what it built
    except BuildError as exc:
        report(exc)
        return False
    except UsageError as exc:
        progress.warn(f"pamphleteer: {exc}")
        return False
    return True
