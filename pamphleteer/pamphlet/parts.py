"""The reading edition laid out part by part: each chapter, register, the front and the end pages.

A part is the template rendered for one section only (``part=``), laid out by WeasyPrint on its
own, in worker processes side by side (``jobs``, one per core unless told), and written to PDF
there. Its pages carry no running head or folio (``pamphlet/parts.css``), as where it lands is
not known while it is laid out; the page numbers it quotes (contents, index, "see chapter 3")
come from the book's page map, passed in as ``pages``. The parts are then joined (``join.py``)
and the heads and folios are drawn over the joined pages (``furniture.py``).

Layouts are kept by the hash of what they were laid out from, so a round of the pagination
pass, or a map that moved a quoted page number, lays out again only the parts whose HTML
changed; the rest come back from :class:`Layouts`. With a cache folder (the output folder's
``.pamphleteer-cache``) they are kept between builds too, as JSON and PDF files, with the
plan and page map the build settled on: an edit then lays out only the parts it touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pamphleteer.infra import dependencies, output, workers
from pamphleteer.render import typeset

from . import pagination

_LOG = logging.getLogger("pamphleteer")
PARTS_CSS = "pamphlet/parts.css"
CSS_PX = 0.75  # points in a CSS pixel
PARTS_PER_WORKER = 8  # then a fresh process: see _Pool
NOTES = "book.json"  # in the cache: the plan and page map the last build settled on


@dataclass(frozen=True)
class PartPage:
    """One laid-out page of a part, as the furniture and the join need it."""

    name: str  # the @page name it took ("chapter", "front", "cover", ...)
    x: float  # left edge of its content box, in points


@dataclass(frozen=True)
class LaidPart:
    """What a worker returns for a part: its PDF and what was measured on its pages."""

    key: str
    pdf: bytes
    pages: tuple[PartPage, ...]
    anchors: dict[str, int]  # anchor -> 1-based page within the part
    borrowed: frozenset[str]  # link targets in other parts (placeholders in this PDF)
    running: str  # the running head it sets (its first data-running), or ""
    measured: list[pagination.Page]
    read: dict[str, str]  # the files its layout read (stylesheets, fonts, images), as dependencies.py keys them
    seconds: float = 0.0  # how long it took to lay out and write

    @property
    def page_count(self) -> int:
        return len(self.pages)


def key(html: str, stylesheets: list[str], identity: str) -> str:
    """The hash a layout is kept under: its HTML, stylesheets, the PDF's identity and what a measured
    page records (a layout kept by a tool that measured less is laid out again)."""
    h = hashlib.sha256(html.encode())
    h.update(pagination.MEASURES.encode())
    for name in stylesheets:
        h.update(name.encode())
    h.update(identity.encode())
    return h.hexdigest()


def jobs_wanted(jobs: int = 0) -> int:
    """Worker processes: ``jobs`` if given, else one per core this process may use."""
    return jobs if jobs > 0 else workers.cores()


class Layouts:
    """Laid-out parts by key: what this build laid out, and what earlier rounds did."""

    def __init__(
        self,
        root: Path,
        stylesheets: list[str],
        identity: str,
        jobs: int = 0,
        cache: Path | None = None,
        fresh: bool = False,
    ) -> None:
        self.root = root
        self.book_stylesheets = stylesheets  # the whole book's, as the furniture is laid out with
        self.stylesheets = [*stylesheets, PARTS_CSS]
        self.identity = identity
        self.jobs = jobs_wanted(jobs)
        self.cache = cache
        self.fresh = fresh  # lay every part out again, and keep the new layouts (--force)
        self.kept: dict[str, LaidPart] = {}
        self._seen: dict[Path, str] = {}  # digests of the files kept layouts read, each read once
        self.used: set[str] = set()
        self.laid_out = 0  # parts laid out (not found kept), for the progress line
        self.rounds: list[float] = []  # each call's slowest layout: the critical path on many cores
        self._pool: _Pool | None = None

    def get(self, sources: dict[str, str], say: Callable[..., None] | None = None) -> dict[str, LaidPart]:
        """Each part (name -> HTML) laid out, laying out in parallel only those not kept."""
        keys = {name: key(html, self.stylesheets, self.identity) for name, html in sources.items()}
        self.used.update(keys.values())
        for k in set(keys.values()) - set(self.kept):
            found = self._recall(k)
            if found is not None:
                self.kept[k] = found
        todo = {keys[name]: sources[name] for name in sources if keys[name] not in self.kept}
        if todo:
            laid = self._lay_out(todo)
            self.kept.update(laid)
            self.laid_out += len(todo)
            self.rounds.append(max(part.seconds for part in laid.values()))
            self._store({k: (_stored(part), part.pdf) for k, part in laid.items()})
            if say:
                say(f"pamphlet: {len(todo)} of {len(sources)} parts laid out", step=True)
            _LOG.debug("laid out: %s", ", ".join(name for name in sources if keys[name] in todo))
        for name in sources:  # what the parts read is what this output read, wherever they were laid out
            dependencies.adopt(self.kept[keys[name]].read)
        return {name: self.kept[keys[name]] for name in sources}

    def made(self, source: str, make: Callable[[], tuple[bytes, dict[str, Any]]]) -> tuple[bytes, dict[str, Any]]:
        """Something else laid out from ``source`` (the furniture): kept like a part, made by ``make``
        (here, in this process) when not kept or when a file it read has changed."""
        k = "made-" + key(source, self.stylesheets, self.identity)
        self.used.add(k)
        entry = self._entry(k)
        if entry is not None and "found" in entry[0]:
            dependencies.adopt(entry[0]["read"])
            return entry[1], entry[0]["found"]
        with dependencies.recording(self.root) as recorder:
            pdf, found = make()
        dependencies.adopt(recorder.files)
        self._store({k: ({"read": recorder.files, "found": found}, pdf)})
        return pdf, found

    def remember(self, notes: dict[str, Any]) -> None:
        """Keep ``notes`` (the plan and page map this build settled on) and only the parts it used."""
        if self.cache is not None:
            names = {f"{k}{ext}" for k in self.used for ext in (".json", ".pdf")} | {NOTES}
            output.keep(self.cache, {NOTES: json.dumps(notes, sort_keys=True).encode()}, only=names)

    def notes(self) -> dict[str, Any]:
        """What the last build settled on, or nothing."""
        try:
            return json.loads((self.cache / NOTES).read_bytes()) if self.cache else {}
        except (OSError, ValueError):
            return {}

    def _recall(self, k: str) -> LaidPart | None:
        """A part an earlier build laid out, from the cache; None if missing or unreadable."""
        entry = self._entry(k)
        if entry is None:
            return None
        meta, pdf = entry
        try:
            return LaidPart(
                k,
                pdf,
                tuple(PartPage(name, x) for name, x in meta["pages"]),
                dict(meta["anchors"]),
                frozenset(meta["borrowed"]),
                meta["running"],
                [pagination.Page(**page) for page in meta["measured"]],
                dict(meta["read"]),
            )  # laid out in no time, this build
        except (KeyError, TypeError, ValueError):
            return None

    def _entry(self, k: str) -> tuple[dict[str, Any], bytes] | None:
        """A cache entry, its JSON and its PDF, if whole and still true: the PDF as it was written,
        and every file its layout read unchanged since (a stylesheet, a font, an image)."""
        if self.cache is None or self.fresh:
            return None
        try:
            meta = json.loads((self.cache / f"{k}.json").read_bytes())
            pdf = (self.cache / f"{k}.pdf").read_bytes()
            if meta["key"] != k or hashlib.sha256(pdf).hexdigest() != meta["pdf"]:
                return None
            if not dependencies.unchanged(meta["read"], self.root, self._seen):
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return meta, pdf

    def _store(self, entries: dict[str, tuple[dict[str, Any], bytes]]) -> None:
        """Keep entries (key -> its JSON and its PDF) in the cache, if there is one."""
        if self.cache is None:
            return
        files = {}
        for k, (meta, pdf) in entries.items():
            whole = {**meta, "key": k, "pdf": hashlib.sha256(pdf).hexdigest()}
            files[f"{k}.json"] = json.dumps(whole, sort_keys=True).encode()
            files[f"{k}.pdf"] = pdf
        output.keep(self.cache, files)

    def _lay_out(self, todo: dict[str, str]) -> dict[str, LaidPart]:
        if min(self.jobs, len(todo)) == 1 and self._pool is None:  # one at a time: no process to start
            return {k: lay_out(k, html, self.root, self.stylesheets, self.identity) for k, html in todo.items()}
        if self._pool is None:
            typeset.parse_stylesheets(self.root, self.stylesheets)  # once here, not in each worker forked from here
            self._pool = _Pool(self.jobs, self.root, self.stylesheets, self.identity)
        return self._pool.run(todo)

    def close(self) -> None:
        """Stop the workers, if any were started."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None


class _Pool:
    """Worker processes kept across the rounds of a layout, each handed the next part as soon as
    it is free, longest first.

    Kept rather than started for each round: a worker loads WeasyPrint's fonts and parses the
    stylesheets once, and a queue shares a round better than fixed batches. A worker retires after
    :data:`PARTS_PER_WORKER` parts and a fresh one takes its place: a process that lays out part
    after part keeps the memory it grew to, and a book ten times ours went past a gigabyte.
    """

    def __init__(self, n: int, root: Path, stylesheets: list[str], identity: str) -> None:
        self.jobs = workers.Jobs()
        self.args = (root, stylesheets, identity)
        self.inboxes: dict[str, Any] = {}
        self.done: dict[str, int] = {}
        self.started = 0
        for _ in range(n):
            self._start()

    def _start(self) -> str:
        self.started += 1
        name = f"pamphlet-part-{self.started}"
        recv, send = self.jobs.ctx.Pipe(duplex=False)
        self.jobs.start(name, _serve, recv, *self.args)
        recv.close()  # the worker holds its end
        self.inboxes[name], self.done[name] = send, 0
        return name

    def _retire(self, name: str) -> None:
        with contextlib.suppress(OSError):
            self.inboxes.pop(name).send(None)

    def run(self, todo: dict[str, str]) -> dict[str, LaidPart]:
        """Lay out ``todo`` (key -> HTML), the longest first, each on the next free worker."""
        queue = sorted(todo.items(), key=lambda item: (-len(item[1]), item[0]))
        idle, laid, busy = list(self.inboxes), {}, 0
        while queue or busy:
            while idle and queue:
                self.inboxes[idle.pop(0)].send(queue.pop(0))
                busy += 1
            name, kind, part = self.jobs.wait()  # a worker's error or timeout is raised here
            if kind != "early":
                continue  # a retired worker has finished
            laid[part.key] = part
            busy -= 1
            self.done[name] += 1
            if self.done[name] >= PARTS_PER_WORKER:
                self._retire(name)
                name = self._start()
            idle.append(name)
        return laid

    def close(self) -> None:
        for name in list(self.inboxes):
            self._retire(name)
        self.jobs.__exit__(None, None, None)


def _serve(inbox: Any, root: Path, stylesheets: list[str], identity: str) -> None:
    """In a worker: lay out each part handed over until told to stop (None), sending each back."""
    while (task := inbox.recv()) is not None:
        part_key, html = task
        workers.send_early(lay_out(part_key, html, root, stylesheets, identity))


def _stored(part: LaidPart) -> dict[str, Any]:
    """What the cache keeps of a laid-out part beside its PDF: what was measured, and what it read."""
    return {
        "pages": [[p.name, p.x] for p in part.pages],
        "anchors": part.anchors,
        "borrowed": sorted(part.borrowed),
        "running": part.running,
        "measured": [asdict(page) for page in part.measured],
        "read": part.read,
    }


def lay_out(part_key: str, html: str, root: Path, stylesheets: list[str], identity: str) -> LaidPart:
    """Lay out one part and write its PDF, keeping links to other parts (the join resolves them)."""
    started = time.perf_counter()
    with dependencies.recording(root) as recorder:
        laid = typeset.layout(html, root, stylesheets)
    document = laid.document
    own = set(laid.anchors)
    borrowed = frozenset(
        target for page in document.pages for kind, target, *_ in page.links if kind == "internal" and target not in own
    )
    # WeasyPrint drops a link whose anchor is not in its document: a placeholder keeps it, by name.
    for name in sorted(borrowed):
        document.pages[0].anchors[name] = (0, 0, 0, 0)
    pages = tuple(
        PartPage(page._page_box.page_type.name or "", page._page_box.content_box_x() * CSS_PX)
        for page in document.pages  # WeasyPrint keeps the laid-out page box here
    )
    measured = pagination.measure(document)
    pdf = typeset.pdf(document, variant="pdf/ua-1", identity=identity)
    seconds = time.perf_counter() - started
    running = _running(document)
    return LaidPart(part_key, pdf, pages, laid.anchors, borrowed, running, measured, recorder.files, seconds)


def _running(document: Any) -> str:
    """The first running head the part sets (``data-running``, which pamphlet.css puts in string(chapter))."""
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop(0)
            element = getattr(box, "element", None)
            if element is not None and element.get("data-running") is not None:
                return element.get("data-running")
            stack[:0] = getattr(box, "children", [])
    return ""
