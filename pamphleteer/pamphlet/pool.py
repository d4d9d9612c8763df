"""The worker processes that settle the reading edition's parts side by side (``parts.Layouts`` uses them).

Each worker is handed a part (its key, its :class:`Task`, its first HTML and the lines its last
layouts broke) as soon as it is free, settles it with the function it was started with
(``parts.settle``: passed in, so that this module needs nothing of ``parts``) and sends the settled
part back; a part measured with placeholders (or forecast) goes back to the worker that keeps its
measured layout, or that is measuring it still (``measured.py``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, Protocol

from pamphleteer.infra import childlife, workers

PARTS_PER_WORKER = 8  # then a fresh process: see Pool


class Task(Protocol):
    """What the pool reads of a part's task (``parts.Task``)."""

    @property
    def name(self) -> str: ...

    @property
    def write(self) -> bool: ...

    @property
    def forecast(self) -> bool: ...


class Meanwhile(Protocol):
    """What works in the builder's process while it waits for the workers (``fontahead.py``, ``join.Opened``)."""

    def settled(self, task: Any, part: Any, kept: bool = False) -> None:
        """A part settled by a worker, or found ``kept`` (``parts.Task``, ``parts.LaidPart``)."""
        ...

    def until(self, ready: Callable[[], bool]) -> None:
        """Work until ``ready()`` says what the process waits for has come."""
        ...


# parts.settle: (key, task, source, folders, stylesheets, identity, first HTML, lines) -> (the settled part,
# its document)
Settle = Callable[[str, Any, Any, tuple[Path, ...], list[str], str, str, bytes], tuple[Any, Any]]
Item = tuple[str, Task, str, bytes]  # a part to settle: its key, task, first HTML and kept lines


class Pool:
    """Worker processes kept for the whole layout, each handed the next part as soon as it is free:
    the urgent first (those whose page count the book waits on; a forecast after the others), longest
    first.

    Kept rather than started for each part: a worker loads WeasyPrint's fonts and parses the
    stylesheets once. A worker retires after :data:`PARTS_PER_WORKER` parts and a fresh one takes
    its place: a process that lays out part after part keeps the memory it grew to, and a book ten
    times ours went past a gigabyte. Up to ``n`` workers: ``start`` of them at once (all by default),
    another whenever parts wait and none is idle (after an edit, one part is laid out by one worker).
    """

    def __init__(
        self,
        n: int,
        settle: Settle,
        folders: tuple[Path, ...],
        stylesheets: list[str],
        identity: str,
        source: Any,
        start: int | None = None,
    ) -> None:
        self.jobs = workers.Jobs()
        self.args = (settle, folders, stylesheets, identity, source)
        self.inboxes: dict[str, Any] = {}
        self.done: dict[str, int] = {}
        self.idle: list[str] = []
        self.queue: list[Item] = []
        self.running: dict[str, Task] = {}  # worker -> the task it is settling
        self.holder: dict[str, str] = {}  # part -> the worker keeping its measured layout (see measured.py)
        self.urgent: set[str] = set()  # keys of queued parts whose page count the book waits on
        self.busy = 0
        self.started = 0
        self.n = n
        for _ in range(n if start is None else min(n, start)):
            self.idle.append(self._start())

    def _start(self) -> str:
        self.started += 1
        name = f"pamphlet-part-{self.started}"
        recv, send = self.jobs.ctx.Pipe(duplex=False)
        self.jobs.start(name, serve, recv, *self.args)
        recv.close()  # the worker holds its end
        self.inboxes[name], self.done[name] = send, 0
        return name

    def _retire(self, name: str) -> None:
        self.holder = {part: worker for part, worker in self.holder.items() if worker != name}
        with contextlib.suppress(OSError):
            self.inboxes.pop(name).send(None)

    def submit(self, todo: list[Item], later: Collection[str] = ()) -> None:
        """Queue parts (key, task, first HTML, lines), the urgent first (all but those named in ``later``: the
        book waits on their page counts), longest first, and hand them to the idle workers."""
        self.queue += todo
        self.urgent.update(k for k, task, *_ in todo if task.name not in later)
        # a forecast (for the book's length only) after the urgent parts laid out for good
        self.queue.sort(key=lambda item: (item[0] not in self.urgent, item[1].forecast, -len(item[2]), item[1].name))
        self._dispatch()

    def use(self, source: Any) -> None:
        """Hand every worker, and every worker started later, a new source."""
        self.args = (*self.args[:-1], source)
        for inbox in self.inboxes.values():
            inbox.send(("source", source))

    def _grow(self) -> None:
        """Start another worker (up to ``n``) when parts wait and none is idle."""
        while len(self.queue) > len(self.idle) and len(self.inboxes) < self.n:
            self.idle.append(self._start())

    def _dispatch(self) -> None:
        """Hand each idle worker the first part it keeps a measured layout of, else the first part no
        other worker keeps one of or is measuring (that waits for its worker: there it is usually not
        laid out again), else the shortest kept by a busy worker that keeps two or more waiting (see
        ``_pick``); an urgent part before any other (a measured part's layout for good waits for the
        count another part's numbers wait on)."""
        self._grow()
        for worker in list(self.idle):
            found = self._pick(worker, urgent=True)
            found = self._pick(worker, urgent=False) if found is None else found
            if found is None:
                continue
            k, task, first, lines = self.queue.pop(found)
            self.urgent.discard(k)
            self.idle.remove(worker)
            self.inboxes[worker].send((k, (task, first, lines)))
            self.running[worker] = task
            self.busy += 1

    def _pick(self, worker: str, urgent: bool) -> int | None:
        """Where in the queue the part for ``worker`` is (only an urgent one, if ``urgent``), if any."""
        queue = [(i, task) for i, (k, task, *_) in enumerate(self.queue) if not urgent or k in self.urgent]
        # a part is kept by the worker that measured it, or by the one measuring it now
        measuring = {task.name: w for w, task in self.running.items() if not task.write}
        holder = {task.name: self.holder.get(task.name) or measuring.get(task.name) for _, task in queue}
        mine = [i for i, task in queue if holder[task.name] == worker]
        free = [i for i, task in queue if holder[task.name] is None]
        if mine or free:
            return (mine or free)[0]
        # else the shortest of a busy worker's when it keeps two or more waiting: laid out again here
        # rather than this worker idle meanwhile; one alone waits for its worker (there its layout for
        # good is usually its measured one with the numbers set; here a layout, or three)
        held: dict[str, list[int]] = {}
        for i, task in queue:
            if holder[task.name] in self.running:
                held.setdefault(holder[task.name], []).append(i)
        most = max(held.values(), key=len, default=[])
        return most[-1] if len(most) > 1 else None

    def ready(self) -> bool:
        """Whether :meth:`next` would find a worker's word at once (not wait for one)."""
        return self.jobs.ready()

    def next(self) -> tuple[str, Any]:
        """The next part a worker settled (a worker's error or timeout is raised here)."""
        if not self.busy:
            raise RuntimeError("no part is being laid out")
        while True:
            name, kind, part = self.jobs.wait()
            if kind == "early":
                break  # a retired worker that finished says "done"
        self.busy -= 1
        self.done[name] += 1
        task = self.running.pop(name)
        if task.write:
            self.holder.pop(task.name, None)
        else:
            self.holder[task.name] = name
        keeps = name in self.holder.values()  # a measured layout: retired later (up to three times as late)
        if self.done[name] >= PARTS_PER_WORKER * (3 if keeps else 1):
            self._retire(name)
            name = self._start()
        self.idle.append(name)
        self._dispatch()
        return part.key, part

    def close(self) -> None:
        for name in list(self.inboxes):
            self._retire(name)
        self.jobs.__exit__(None, None, None)


def serve(
    inbox: Any, settle: Settle, folders: tuple[Path, ...], stylesheets: list[str], identity: str, source: Any
) -> None:
    """In a worker: settle each part handed over until told to stop (None), sending each back; a
    ("source", ...) message changes what the parts are rendered from."""
    while (message := inbox.recv()) is not None:
        k, value = message
        if k == "source":
            source = value
            continue
        task, first, lines = value
        childlife.send_early(settle(k, task, source, folders, stylesheets, identity, first, lines)[0])
        childlife.give_back()  # the part's layout: an idle worker holds only what it keeps
