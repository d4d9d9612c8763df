"""Runs a plan: each builder as soon as the products it needs exist.

WeasyPrint layouts (builders marked ``child``) run in child processes side by
side, with a time and memory limit (``infra/workers.py``); the others run here
meanwhile. An early product, such as the reading edition's page map, reaches
the builders waiting for it before its producer is done. A producer runs even
when its own output is not asked for if a wanted output needs a product of it
that is not known. Returns the bytes of the wanted outputs and the records of
every builder that ran.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from pamphleteer import progress
from pamphleteer.builders import REGISTRY, Builder, Inputs, Options
from pamphleteer.builders.base import SHARED, Made
from pamphleteer.content import Book
from pamphleteer.infra import childlife, dependencies, kept, workers

from .incremental import BuildPlan, Planner, Record, key, product_digest


def run(
    book: Book, options: Options, plan: BuildPlan, planner: Planner, meanwhile: Callable[[], None] | None = None
) -> tuple[dict[str, bytes], dict[str, Record]]:
    """Run ``plan``; return (file name -> bytes of each wanted output, builder name -> new record).

    ``meanwhile`` runs here once the first layouts have started (the content's checks): its
    error stops them, and otherwise the longest layout did not wait for it.
    """
    wanted = {b.name for b in plan.outputs}
    todo = _with_producers(plan, planner)
    products: dict[str, Any] = dict(plan.known)
    published: dict[str, dict[str, Any]] = {}
    files: dict[str, bytes] = {}
    records: dict[str, Record] = {}
    shared: dict[str, tuple[Any, dict[str, str]]] = {}  # shared work done, and the files it read

    def given(builder: Builder) -> dict[str, Any]:
        """The products ``builder`` needs and the shared work it uses, that work done on first use."""
        for name in builder.shares:
            if name not in shared:
                with dependencies.recording(book.folders) as recorder:
                    shared[name] = (SHARED[name](book), recorder.files)
        return {**_needed(builder, products), **{name: shared[name][0] for name in builder.shares}}

    def finish(builder: Builder, data: Made, read: dict[str, str]) -> None:
        products[builder.name] = data
        needed = {p: product_digest(products[p]) for p in builder.needs}
        base = plan.bases[builder.name]
        made = product_digest(data)
        for name in builder.shares:  # the output depends on what its shared work read
            read = {**shared[name][1], **read}
        records[builder.name] = Record(
            base, key(base, needed), made, read, published.get(builder.name, {}), plan.reads[builder.name]
        )
        if builder.name in wanted:
            files.update(builder.files(data))

    def skipped(builder: Builder) -> bool:
        """A pending output whose products came out as before needs no remaking."""
        return builder.name in plan.pending and not planner.still_stale(builder, products)

    # Layouts at once: one per core (two at least). More only share the cores, and each holds a
    # whole layout in memory: the lecture's script and handout of a book ten times ours, laid out
    # beside the pamphlet's join, took the build past a gigabyte.
    slots = max(2, workers.cores())
    held = False  # PAMPHLETEER_HOLD=layout stops once, when the first layouts are running
    with workers.Jobs() as jobs:
        running: set[str] = set()
        while todo or running:
            ready = [b for b in todo if all(p in products for p in b.needs)]
            for builder in [b for b in ready if b.child]:  # start layouts first: they take longest
                if len(running) >= slots:
                    break  # the others wait for a core
                todo.remove(builder)
                if not skipped(builder):
                    workers.preload(_loaded())
                    jobs.start(builder.name, _in_child, builder, book, options, given(builder))
                    running.add(builder.name)
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            if running and not held:
                progress.hold("layout")
                held = True
            here = [b for b in ready if not b.child]
            # with more than one output to make here and a core free beside this process, one that can
            # go aside does: the print edition and the booklet, both waiting on the reading edition,
            # are made side by side (only where a child starts in milliseconds: forked, not spawned).
            # A core that another child will soon give up counts as free: in a cold build the handout is
            # still laid out when the reading edition is done, and the booklet waited for the print
            # edition, with a core idle at the end (traced: 0.15 s)
            cores = workers.cores()
            free = len(here) > 1 and cores > 1 and len(running) < cores and workers.forked()
            aside = [b for b in here if b.aside and not skipped(b)] if free else []
            if aside:
                builder = aside[0]
                todo.remove(builder)
                jobs.start(builder.name, _in_child, builder, book, options, given(builder))
                running.add(builder.name)
                continue
            if here:
                builder = here[0]
                todo.remove(builder)
                if not skipped(builder):
                    finish(builder, *_here(builder, book, options, given(builder), products, published))
                continue
            if not running:
                if todo:
                    names = ", ".join(b.name for b in todo)
                    raise RuntimeError(f"no builder makes what {names} need")
                break
            name, kind, value = jobs.wait()
            if kind == "early":
                product, early = value
                products[product] = early
                published.setdefault(name, {})[product] = early
            else:
                running.discard(name)
                data, read = value
                finish(REGISTRY[name], data, read)
    return files, records


def _with_producers(plan: BuildPlan, planner: Planner) -> list[Builder]:
    """The plan's outputs, and before them any producer whose product is needed but not known."""
    todo = list(plan.outputs)
    missing = [p for b in todo for p in b.needs if p not in plan.known]
    while missing:
        producer = planner.producer(missing.pop())
        if producer not in todo:
            todo.insert(0, producer)
            missing += [p for p in producer.needs if p not in plan.known]
    return todo


def _needed(builder: Builder, products: dict[str, Any]) -> dict[str, Any]:
    return {p: products[p] for p in builder.needs}


def _here(
    builder: Builder,
    book: Book,
    options: Options,
    inputs: dict[str, Any],
    products: dict[str, Any],
    published: dict[str, dict[str, Any]],
) -> tuple[Made, dict[str, str]]:
    def publish(name: str, value: Any) -> None:
        products[name] = value
        published.setdefault(builder.name, {})[name] = value

    _keep_compiled(options)
    with dependencies.recording(book.folders) as recorder:
        data = builder.build(Inputs(book, options, inputs, publish))
    childlife.give_back()  # what building it took, while the layouts beside this process still run
    return data, recorder.files


def _in_child(builder: Builder, book: Book, options: Options, products: dict[str, Any]) -> tuple[Made, dict]:
    """In a child process: build, sending early products to the parent as they come; what it computes
    and keeps (the words it hyphenated) goes to the build's cache, as the parent's does."""
    _keep_compiled(options)
    computed = (
        kept.computing(options.cache / kept.COMPUTED, fresh=options.force, first=False)
        if options.cache
        else nullcontext()
    )
    with computed, dependencies.recording(book.folders) as recorder:
        inputs = Inputs(book, options, products, lambda name, value: childlife.send_early((name, value)))
        data = builder.build(inputs)
    return data, recorder.files


def _keep_compiled(options: Options) -> None:
    """Templates compiled once are kept with the build's cache where Python keeps no compiled code
    (``render/compiled.py``), here and in a spawned child."""
    from pamphleteer.render import compiled

    compiled.keep_compiled(options.cache / "templates" if options.cache is not None else None)


def _loaded() -> list[str]:
    """The tool's modules this process has loaded: those a fork server (a process with threads) loads
    too, once, rather than each layout child after it is forked."""
    return sorted(name for name in sys.modules if name.startswith("pamphleteer."))
