"""The reading edition laid out part by part: each chapter, register, the front and the end pages.

A part is the template rendered for one section only, laid out by WeasyPrint on its own, in worker processes
side by side (``jobs``, one per core unless told). A worker settles its part itself: it lays the part out, has
the pagination pass review the pages, and lays it out again with the corrections until there are none left
(:class:`pagination.Settling` sees that this ends), and only then writes the PDF. No round waits for another
part: the compositor's rules decide within a section. Its pages carry no running head or folio, and WeasyPrint
makes no margin boxes for them (``pamphlet/parts.css``), as where it lands is not known while it is laid out;
the page numbers it prints (contents, index, "see p. 42") are handed to it in its :class:`Task` (``byparts.py``
decides when they are known); a part first measured with placeholders for them goes back to the worker that
measured it, which usually sets the numbers into that layout rather than laying the part out again
(``measured.py``). The parts are then joined (``join.py``) and the heads and folios drawn over them
(``furniture.py``).

A settled part is a pure function of what it was laid out from: its HTML as first rendered (with no corrections,
and with the page numbers it prints), the stylesheets and fonts, and this tool's code. :class:`Layouts` keeps it
under the hash of exactly that, in memory and, with a cache folder (the output folder's ``.pamphleteer-cache``),
between builds, as a JSON and a PDF file checked when read (their own checksums, and every file the layout read,
unchanged). Nothing else is kept: no plan, no page map. So an edit lays out again only the parts it touched, and a
build after any history gives the bytes of a clean build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pamphleteer import progress
from pamphleteer.infra import dependencies, filecache, output, workers
from pamphleteer.render import typeset, weasy

from . import faults, pagination, partcache, pool
from . import measured as held  # (settle names its pages measured)

_LOG = logging.getLogger("pamphleteer")
PARTS_CSS = "pamphlet/parts.css"


class Source(Protocol):
    """What renders a part's HTML: the book's template for one part, with its corrections."""

    def html(self, task: Task, corrections: pagination.Corrections) -> str: ...

    def keeps(self) -> frozenset[str]:
        """Corrections the pagination pass may not make here (a short form's sections share pages)."""
        ...


@dataclass(frozen=True)
class Task:
    """A part to lay out: which, the page numbers it prints, and whether its PDF is wanted."""

    name: str  # "front", a section's anchor, "end"; "" for the whole document (a short form)
    numbers: tuple[tuple[str, int | str], ...] = ()  # anchor -> the page number it prints ("" unknown)
    fillers: int = 0  # notes pages before the back cover (the end part)
    write: bool = True  # False: measured only, as its numbers are not the book's yet
    # the corrections to start from: those its measured layout settled on (the numbers rarely undo them)
    start: pagination.Corrections = pagination.NONE
    forecast: bool = False  # measured for its page count only: laid out once (byparts.py, ahead.py)

    @property
    def pages(self) -> dict[str, int | str]:
        return dict(self.numbers)


@dataclass(frozen=True)
class PartPage:
    """One laid-out page of a part, as the furniture and the join need it."""

    name: str  # the @page name it took ("chapter", "front", "cover", ...)
    x: float  # left edge of its content box, in points


@dataclass(frozen=True)
class LaidPart:
    """A settled part: its PDF (empty when only measured) and what the book needs of its pages."""

    key: str
    pdf: bytes
    pages: tuple[PartPage, ...]
    anchors: dict[str, int]  # anchor -> 1-based page within the part
    borrowed: frozenset[str]  # link targets in other parts (placeholders in this PDF)
    running: str  # the running head it sets (its first data-running), or ""
    read: dict[str, str]  # the files its layouts read (stylesheets, fonts, images), as dependencies.py keys them
    corrections: pagination.Corrections = pagination.NONE  # what it settled on
    layouts: int = 1  # WeasyPrint layouts it took to settle
    seconds: float = 0.0  # how long that took, in this build (0 when found kept)
    faults: tuple[faults.Fault, ...] = ()  # pages the pagination pass could not mend (warnings)
    starts: tuple[str, ...] = ()  # where each page's text begins (weasy.page_starts): the print page map
    lines: bytes = b""  # the lines its layouts broke (weasy.kept_lines), for its next layout; not in the cache entry

    @property
    def page_count(self) -> int:
        return len(self.pages)


def jobs_wanted(jobs: int = 0) -> int:
    """Worker processes: ``jobs`` if given, else one per core this process may use."""
    return jobs if jobs > 0 else workers.cores()


class Layouts:
    """Settled parts by key: laid out here or by workers, or found kept."""

    def __init__(
        self,
        folders: tuple[Path, ...],
        stylesheets: list[str],
        identity: str,
        source: Source,
        jobs: int = 0,
        cache: Path | None = None,
        fresh: bool = False,
    ) -> None:
        self.folders = folders  # the publication's (and a translation's original's): what a layout may read
        self.book_stylesheets = stylesheets  # the whole book's, as the furniture is laid out with
        self.stylesheets = [*stylesheets, PARTS_CSS]
        self.identity = identity
        self.source = source
        self.jobs = jobs_wanted(jobs)
        self.cache = cache
        self.fresh = fresh  # read nothing kept (--force): every part laid out from nothing
        self.kept: dict[str, LaidPart] = {}
        self.used: set[str] = set()
        self.laid_out = 0  # WeasyPrint layouts this build made
        self.parts_laid_out = 0  # parts settled this build (not found kept), measured ones too
        self.names_laid_out: set[str] = set()  # which parts those were
        self.anew = 0  # tasks not found kept, handed to be laid out
        self._pool: pool.Pool | None = None
        self._ready: list[tuple[Task, LaidPart]] = []
        self._waiting: dict[str, Task] = {}  # key -> the task a worker is settling
        self._first: dict[Task, str] = {}
        self._made: dict[str, tuple[dict[str, Any], bytes]] = {}  # made this build elsewhere (ahead.py)
        self._names: set[str] = set()  # the parts this build has: their lines stay in the cache (partcache.lines)
        self.meanwhile: pool.Meanwhile | None = None  # told of each part settled, and given this process's waits

    def use(self, source: Source) -> None:
        """Render parts with ``source`` from now on (the workers too, once their current part is done)."""
        if source != self.source:
            self.source = source
            self._first.clear()
            if self._pool is not None:
                self._pool.use(source)

    def first_html(self, task: Task) -> str:
        """The part's HTML with no corrections: what its settled layout is a function of."""
        if task not in self._first:
            self._first[task] = self.source.html(task, pagination.Corrections())
        return self._first[task]

    def key(self, task: Task) -> str:
        """What a settled part is a function of: its first HTML, the corrections it starts from, the
        stylesheets, the PDF's identity (and whether the PDF was written), and this tool's code."""
        h = hashlib.sha256(self.first_html(task).encode())
        start = json.dumps(task.start.as_lists(), sort_keys=True)
        forecast = ["forecast"] if task.forecast else []
        for part in (start, *self.stylesheets, self.identity, str(task.write), dependencies.code_digest(), *forecast):
            h.update(b"\0" + part.encode())
        return h.hexdigest()

    def submit(self, tasks: list[Task], later: Collection[str] = ()) -> None:
        """Start settling ``tasks`` (each found kept, or handed to a worker, longest first; those named
        in ``later`` after the others: see pool.Pool)."""
        todo = []
        for task in tasks:
            k = self.key(task)
            found = self._found(task, k)
            if found is not None:
                self._ready.append((task, found))
                if self.meanwhile is not None:
                    self.meanwhile.settled(task, found, kept=True)
            elif k not in self._waiting:
                self._waiting[k] = task
                todo.append((k, task))
        self.anew += len(todo)
        if not todo:
            return
        # one at a time, here, where a process would take long to start (a part alone, after an edit, is laid
        # out beside this process where one forks in milliseconds: this one finds the others kept meanwhile)
        if self._pool is None and (self.jobs == 1 or (len(todo) == 1 and not workers.forked())):
            for k, task in todo:
                first, lines = self.first_html(task), self._kept_lines(task)
                laid = settle(k, task, self.source, self.folders, self.stylesheets, self.identity, first, lines)[0]
                self._settled(k, laid)
            return
        if self._pool is None:
            typeset.parse_stylesheets(self.folders, self.stylesheets)  # once here, not in each worker forked from here
            self._pool = pool.Pool(
                self.jobs, settle, self.folders, self.stylesheets, self.identity, self.source, len(todo)
            )
        self._pool.submit([(k, task, self.first_html(task), self._kept_lines(task)) for k, task in todo], later)

    def _kept_lines(self, task: Task) -> bytes:
        """The lines the part's last layouts broke, kept in the cache (none for ``--force``)."""
        return b"" if self.cache is None or self.fresh else partcache.lines(self.cache, task.name)

    def found(self, task: Task) -> LaidPart | None:
        """The settled part for ``task`` if it is kept (here or in the cache); nothing is laid out."""
        return self._found(task, self.key(task))

    def _found(self, task: Task, k: str) -> LaidPart | None:
        self.used.add(k)
        self._names.add(task.name)
        found = self.kept.get(k) or self._recall(k, task)
        if found is not None:
            self.kept[k] = found
        return found

    def kept_at(self) -> int | None:
        """When parts were last kept (the cache folder's modification time, in ns); None if none is read."""
        found = None if self.cache is None or self.fresh else filecache.stamp(self.cache)
        return None if found is None else found[1]

    @property
    def aside(self) -> bool:
        """Whether a part submitted now is laid out beside this process (workers started, or quick to start)."""
        return self._pool is not None or (self.jobs > 1 and workers.forked())

    def next(self) -> tuple[Task, LaidPart]:
        """The next settled part (a kept one first)."""
        if not self._ready:
            if self._pool is None:
                raise RuntimeError("nothing is being laid out")
            if self.meanwhile is not None:  # the next parts are handed over: this process would wait here
                self.meanwhile.until(self._pool.ready)
            k, part = self._pool.next()
            self._settled(k, part)
            if self.meanwhile is not None:
                self.meanwhile.settled(*self._ready[-1])
        return self._ready.pop(0)

    def _settled(self, k: str, part: LaidPart) -> None:
        task = self._waiting.pop(k)
        self.kept[k] = part
        self.laid_out += part.layouts
        self.parts_laid_out += 1
        self.names_laid_out.add(task.name)
        self._store({k: (partcache.stored(part), part.pdf)})
        if part.lines and self.cache is not None:
            partcache.keep_lines(self.cache, task.name, part.lines)
        _LOG.debug("laid out: %s (%d layouts)", task.name or "the whole document", part.layouts)
        self._ready.append((task, part))

    def made(self, source: str, make: Callable[[], tuple[bytes, dict[str, Any]]]) -> tuple[bytes, dict[str, Any]]:
        """Something else laid out from ``source`` (the furniture): kept like a part, made by ``make``
        (here, in this process) when not kept or when a file it read has changed."""
        k = self._made_key(source)
        self.used.add(k)
        entry = self._made.get(k) or self._entry(k)
        if entry is not None and "found" in entry[0]:
            dependencies.adopt(entry[0]["read"])
            return entry[1], entry[0]["found"]
        with dependencies.recording(self.folders) as recorder:
            pdf, found = make()
        dependencies.adopt(recorder.files)
        self._store({k: ({"read": recorder.files, "found": found}, pdf)})
        return pdf, found

    def _made_key(self, source: str) -> str:
        h = hashlib.sha256(source.encode())
        for part in (*self.stylesheets, self.identity, dependencies.code_digest()):
            h.update(b"\0" + part.encode())
        return "made-" + h.hexdigest()

    def take(self, task: Task, part: LaidPart) -> None:
        """A part settled in another process than the workers (ahead.py), kept as if they had settled it."""
        k = self.key(task)
        if k != part.key or k in self.kept or k in self._waiting:
            return
        self._waiting[k] = task
        self._settled(k, part)
        self._ready.remove((task, part))  # not waited for: found kept when submitted

    def has_made(self, source: str) -> bool:
        """Whether what ``made`` makes from ``source`` is kept (here or in the cache)."""
        k = self._made_key(source)
        return k in self._made or self._entry(k) is not None

    def take_made(self, source: str, pdf: bytes, found: dict[str, Any], read: dict[str, str]) -> None:
        """Something ``made`` would make from ``source``, made in another process (ahead.py)."""
        k = self._made_key(source)
        self._made[k] = ({"read": read, "found": found}, pdf)
        self._store({k: self._made[k]})

    def sweep(self) -> None:
        """Keep in the cache only the entries this build used."""
        if self.cache is not None and self.cache.is_dir():
            kept = {f"{k}{ext}" for k in self.used for ext in (".json", ".pdf")}
            lines = {partcache.lines_name(name) for name in self._names}
            output.keep(self.cache, {}, only=kept | lines)

    def _recall(self, k: str, task: Task) -> LaidPart | None:
        """A part an earlier build settled, from the cache; None if missing, damaged or stale."""
        entry = self._entry(k)
        if entry is None:
            return None
        meta, pdf = entry
        try:
            part = LaidPart(
                k,
                pdf,
                tuple(PartPage(str(name), float(x)) for name, x in meta["pages"]),
                {str(a): int(n) for a, n in meta["anchors"].items()},
                frozenset(map(str, meta["borrowed"])),
                str(meta["running"]),
                dict(meta["read"]),
                pagination.Corrections.from_lists(meta["corrections"]),
                int(meta["layouts"]),
                faults=tuple(faults.Fault.from_list(f) for f in meta["faults"]),
                starts=tuple(str(s) for s in meta["starts"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        if task.write and not part.pdf:
            return None
        dependencies.adopt(part.read)  # what the part read is what this output read, wherever it was laid out
        return part

    def _entry(self, k: str) -> tuple[dict[str, Any], bytes] | None:
        return None if self.cache is None or self.fresh else partcache.entry(self.cache, k, self.folders)

    def _store(self, entries: dict[str, tuple[dict[str, Any], bytes]]) -> None:
        if self.cache is not None:
            partcache.store(self.cache, entries)

    def close(self) -> None:
        """Stop the workers, if any were started."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def settle(
    k: str,
    task: Task,
    source: Source,
    folders: tuple[Path, ...],
    stylesheets: list[str],
    identity: str,
    first: str | None = None,
    lines: bytes = b"",
) -> tuple[LaidPart, Any]:
    """Lay a part out until the pagination pass has nothing more to correct, then write its PDF
    (unless only measured), keeping links to other parts (the join resolves them). ``first`` is
    its HTML with no corrections, when already rendered; ``lines``, the lines its last layouts
    broke (``weasy.kept_lines``). Returns the part and its laid-out document."""
    started = time.perf_counter()
    weasy.adopt_lines(lines)
    settling, corrections, layouts, reused = pagination.Settling(source.keeps()), task.start, 0, 0
    # a source that keeps every correction (the lecturer's script) is laid out once, neither measured
    # nor held to the compositor's rules
    reviewed = not source.keeps() >= pagination.EVERY
    kept_layout = held.take(task.name)
    made: dict[str, typeset.Laid] = {}  # this part's layouts by their HTML: corrections may come back to a set
    bare = PARTS_CSS in stylesheets  # no margin box has content: none is made
    with dependencies.recording(folders) as recorder, weasy.recorded_lines() as asked:
        while True:
            html = first if first is not None and corrections == pagination.NONE else source.html(task, corrections)
            laid = held.renumbered(kept_layout, corrections, html, folders, stylesheets) if layouts == 0 else None
            if laid is not None and kept_layout is not None:
                reused += 1
                dependencies.adopt(kept_layout.read)  # what its layout read, as a layout of it would
            elif html in made:  # laid out before in this loop: the same HTML lays out the same
                laid, reused = made[html], reused + 1
            else:
                laid = made[html] = typeset.layout(html, folders, stylesheets, margin_boxes=not bare)
            layouts += 1
            if not reviewed:
                break
            if layouts >= pagination.ROUNDS:
                progress.warn(
                    f"pamphlet: {task.name or 'the document'}: the pagination pass still had corrections after "
                    f"{layouts} layouts; the last layout is kept"
                )
                break
            measured = weasy.measure(laid.document)
            if task.forecast:
                break  # its length is all that is wanted of it
            better = settling.next(measured, corrections)
            if better == corrections:
                break
            corrections = better
    document = laid.document
    if reviewed and not task.write:
        kept = typeset.Laid(document, dict(laid.anchors))
        held.keep(task.name, held.Measured(html, corrections, kept, tuple(stylesheets), dict(recorder.files)))
    found = () if not reviewed else faults.found(measured if layouts < pagination.ROUNDS else weasy.measure(document))
    borrowed = weasy.borrow_links(document, set(laid.anchors))
    pages = tuple(PartPage(frame.name, frame.x) for frame in weasy.frames(document))
    pdf = typeset.pdf(document, variant="pdf/ua-1", identity=identity) if task.write else b""
    # the first running head the part sets (data-running, which pamphlet.css puts in string(chapter))
    running = weasy.first_attribute(document, "data-running")
    seconds = time.perf_counter() - started
    part = LaidPart(
        k,
        pdf,
        pages,
        laid.anchors,
        borrowed,
        running,
        recorder.files,
        corrections,
        layouts - reused,
        seconds,
        found,
        weasy.page_starts(document),
        weasy.kept_lines(asked),
    )
    return part, document
