"""The build, as a recipe: load the publication, plan what is stale, run the builders, write.

Read :func:`build` top to bottom: each line is one stage. Nothing touches the
output folder until every requested output exists in memory; then
``infra/output.py`` writes them. What each output is lives in ``builders/``; how they
are scheduled (child processes, early page numbers) in ``engine/runner.py``.
"""

from __future__ import annotations

import functools
import time
from dataclasses import replace
from pathlib import Path

from pamphleteer import builders, content, progress
from pamphleteer.builders import REGISTRY, Options, web
from pamphleteer.content import Book
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import buildlock, kept, output

from . import checks, incremental, quick

__all__ = ["REGISTRY", "Options", "build", "check"]
CACHE = ".pamphleteer-cache"  # in the output folder: laid-out parts of the reading edition (parts.py)
READ = "read"  # in the cache: each content file as read (infra/kept.py)


def check(content_dir: Path, *, strict: bool = False) -> Book:
    """Validate the publication in ``content_dir`` and check its rules for every output; raise BuildError
    listing every problem (with ``strict``, every warning too)."""
    book = load(content_dir)
    _keeps_its_rules(book, None, strict)
    if book.translation is not None:  # what is not yet translated, or translated from an older original
        for line in content.translation.report(book):
            progress.warn(str(line))
        progress.warn(f"{content_dir}: {content.translation.counts(book)}")
    return book


def load(content_dir: Path, targets: list[str] | None = None, shelf: kept.Shelf | None = None) -> Book:
    """The publication as a validated, frozen model; on errors, the rules that concern ``targets``
    (None: every output) are checked on what loaded too. Files read before come from ``shelf``."""
    try:
        return content.load(content_dir.resolve(), shelf)
    except BuildError as exc:
        if exc.partial is None:
            raise
        raise BuildError(exc.problems + checks.partial(exc.partial, targets)) from None  # the rest, in the same run


def _keeps_its_rules(book: Book, targets: list[str] | None, strict: bool) -> None:
    """Stop for the problems of the outputs ``targets`` names (None: every one); say the warnings, or
    with ``strict`` stop for them too."""
    found = checks.problems(book, targets)  # what must fit its slide, what the fonts must draw
    warned = checks.warnings(book, targets)  # what was set another way than written
    if found or (strict and warned):
        raise BuildError(found + (warned if strict else []))
    for warning in warned:
        progress.warn(str(warning))


def _note(book: Book, content_dir: Path, output_dir: Path, targets: list[str], options: Options) -> None:
    asked = quick.request(content_dir, output_dir, targets, options.shaping())
    original = book.translation.original if book.translation is not None else None
    output.keep(output_dir, {quick.NOTE: quick.remember(content_dir, output_dir, asked, original)})


def build(content_dir: Path, output_dir: Path, targets: list[str], options: Options | None = None) -> list[Path]:
    """Build ``targets`` (all when empty) from ``content_dir`` into ``output_dir``; return the files written."""
    started = time.monotonic()
    options = replace(options or Options(), cache=output_dir / CACHE)
    shelf = kept.Shelf(options.cache / READ)  # each file's reading, kept between builds
    book = load(content_dir, [b.name for b in builders.select(targets)], shelf)  # load: YAML -> validated, frozen model
    output.refuse_overlap(output_dir, list(book.folders))  # a translation's original's folder too
    progress.step(f"content: {len(book.all_chapters())} chapters validated")
    if book.translation is not None and content.translation.report(book):
        progress.warn(f"{content_dir}: {content.translation.counts(book)} ({progress.command()} check lists them)")
    wanted = builders.select(targets, book)  # what the publication's form has
    found = checks.counted(book, options.handout_slides, handout=any(b.name == "handout" for b in wanted))
    if found:
        raise BuildError(found)  # told by counting, before any layout
    names = [b.name for b in wanted]
    if options.strict:  # a warning stops the build even when every output is up to date
        _keeps_its_rules(book, names, strict=True)
    locked = buildlock.lock(output_dir, on_wait=lambda: progress.warn("another build is running; waiting for it"))
    # what the build computes from the book and keeps for the next (the fitted lecture, separated pages)
    with locked, kept.computing(options.cache / kept.COMPUTED, fresh=options.force):
        shelf.keep()  # written here, in the lock, once the output folder is known not to be the publication's
        state = incremental.State.load(output_dir)  # what the last build made, and from what
        # what the last build left intact, by its records as they are now (this build updates them); each
        # output read back once, as both what web/ offers and the copies it gets ask
        on_disk = functools.cache(
            functools.partial(incremental.intact, incremental.State(dict(state.records)), output_dir)
        )
        options = replace(options, downloads=web.offered(book, names, on_disk))  # what web/ will offer
        planner = incremental.Planner(book, options, state, output_dir)
        plan = planner.plan(wanted)  # plan: what is stale
        if not plan:
            if state.content != str(book.root):  # the same outputs, now from this folder (moved or copied)
                state.content = str(book.root)
                output.write(output_dir, {}, state={incremental.STATE: state.to_bytes()}, ledger=True)
            _note(book, content_dir, output_dir, targets, options)
            progress.result("everything is up to date")
            return []
        progress.step(f"building {', '.join(b.name for b in plan.outputs)}")
        from . import runner  # the heavy stages load only when something must be built

        # run: builders, side by side; the content's rules are checked while the layouts start
        # (only when something is to be made, so a no-op build stays quick)
        rules = (lambda: None) if options.strict else (lambda: _keeps_its_rules(book, names, strict=False))
        with progress.warnings_held(options.strict) as held:  # what only a layout finds (a talk's pace...)
            files, records = runner.run(book, options, plan, planner, meanwhile=rules)
        if held:  # --strict: nothing is written, as for the warnings the checks found before
            raise BuildError([Problem(None, message=message) for message in dict.fromkeys(held)])
        state.records.update(records)
        state.content = str(book.root)
        # outputs an earlier build made that the publication no longer has (a flyer has no booklet)
        retired = [b for b in REGISTRY.values() if b.name in state.records and b.refuses(book)]
        for builder in retired:
            del state.records[builder.name]
        # the other editions' copies inside web/, refreshed when they or the pages were remade
        files.update(web.copies(options, files, on_disk, remade="web" in records, folder=output_dir))
        progress.step(f"writing {len(files)} file(s) to {output_dir}")
        folders = [b.filename for b in plan.outputs if b.is_folder]  # their stale files go
        written = output.write(
            output_dir,
            files,
            state={incremental.STATE: state.to_bytes()},
            prune=folders,
            remove=[b.filename for b in retired],
            ledger=True,  # it removes or replaces only files it wrote
        )  # write
        _note(book, content_dir, output_dir, targets, options)  # so that a build with nothing to do is answered at once
    made = [b.name for b in plan.outputs if b.name in records]  # pending ones may have found nothing to do
    if not made:  # the outputs waiting on a remade product found it unchanged
        progress.result("everything is up to date")
        return written
    elapsed = time.monotonic() - started
    progress.result(f"built {', '.join(made)} in {elapsed:.1f}s; {len(written)} of {len(files)} file(s) changed")
    return written
