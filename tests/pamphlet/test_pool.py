"""The worker processes that settle parts: what one process would make, and gone before the furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from pamphleteer.pamphlet import furniture, parts
from pamphleteer.pamphlet.pool import Pool
from pamphleteer.render import typeset
from tests.pamphlet.test_parts import _all, _html, _layouts


@pytest.mark.processes
def test_workers_lay_out_what_one_process_would(tmp_path: Path):
    sources = {f"chapter-{n}": _html(f"chapter-{n}", "chapter-0", n) for n in range(1, 4)}
    sources["chapter-9"] = _html("chapter-9", "chapter-1")
    alone = _all(_layouts(tmp_path, sources, jobs=1), sources)
    pool = _layouts(tmp_path, sources, jobs=2)
    try:
        first = _all(pool, ["chapter-1", "chapter-2", "chapter-3"])
        again = _all(pool, ["chapter-9"])  # the same workers, later
    finally:
        pool.close()
    assert {k: v.pdf for k, v in first.items()} == {k: alone[k].pdf for k in first}
    assert again["chapter-9"].borrowed == frozenset({"chapter-1"})
    assert pool.parts_laid_out == 4


@pytest.mark.processes
def test_the_workers_stop_before_the_furniture_is_laid_out(tmp_path: Path, monkeypatch):
    # Every part is settled once the furniture is laid out: the workers and all they hold are
    # gone before it and the join (a book ten times ours went past a gigabyte with them idle).
    sources = {f"chapter-{n}": _html(f"chapter-{n}", "chapter-0") for n in range(1, 3)}
    pool = _layouts(tmp_path, sources, jobs=2)
    alive: list[bool] = []
    layout = typeset.layout

    def furniture_layout(*args, **kwargs):
        alive.extend(proc.is_alive() for proc in workers)
        return layout(*args, **kwargs)

    try:
        _all(pool, sources)
        assert pool._pool is not None
        workers = [proc for proc, _, _ in pool._pool.jobs.running.values()]
        assert len(workers) == 2 and all(proc.is_alive() for proc in workers)
        monkeypatch.setattr(typeset, "layout", furniture_layout)
        page = '<!DOCTYPE html><html lang="en"><body data-book="Book"><p>Furniture.</p></body></html>'
        pdf, _, _ = furniture.furnish(page, 1, pool)
    finally:
        pool.close()
    assert alive == [False, False] and pdf.startswith(b"%PDF")


class _Inbox:
    """A worker's end of the pipe, as the pool sees it: what it was handed."""

    def __init__(self) -> None:
        self.sent: list[object] = []

    def send(self, message: object) -> None:
        self.sent.append(message)


def _handed(queued: list[parts.Task], later: set[str], holder: dict[str, str]) -> list[str]:
    """The parts a worker is handed, in order, when it comes free with ``queued`` waiting (queued in
    that order while it was busy; the first the longest) and keeping the measures ``holder`` says."""
    pool = Pool(0, parts.settle, (), [], "id", None)
    try:
        inbox = pool.inboxes["w1"] = _Inbox()
        pool.holder = holder
        pool.running = {"w1": parts.Task("chapter-b")}  # busy while they are queued
        pool.submit([(f"k{n}", task, "<p/>" * (9 - n), b"") for n, task in enumerate(queued)], later=later)
        assert inbox.sent == []
        for _ in queued:
            pool.running = {}
            pool.idle.append("w1")
            pool._dispatch()
        return [f"{task.name}{' forecast' * task.forecast}" for _, (task, *_) in inbox.sent]  # type: ignore[misc]
    finally:
        pool.jobs.__exit__(None, None, None)


def test_a_part_the_book_waits_on_goes_before_the_layout_for_good_of_a_measured_one():
    queued = [parts.Task("chapter-a"), parts.Task("appendix-index")]
    # the index waits on every chapter's count: it goes first, though the worker keeps chapter-a's measure
    assert _handed(queued, {"chapter-a"}, {"chapter-a": "w1"}) == ["appendix-index", "chapter-a"]
    # all equally urgent: the worker takes the part whose measure it keeps (usually not laid out again)
    assert _handed(queued, set(), {"chapter-a": "w1"}) == ["chapter-a", "appendix-index"]


def test_a_forecast_goes_after_the_urgent_parts_laid_out_for_good_and_before_the_rest():
    queued = [parts.Task("appendix-index", forecast=True), parts.Task("chapter-a"), parts.Task("chapter-c")]
    # chapter-c's count is the last the index's numbers wait on; chapter-a was measured (its count known)
    handed = _handed(queued, {"chapter-a"}, {})
    assert handed == ["chapter-c", "appendix-index forecast", "chapter-a"]


def _taken(holder: dict[str, str]) -> list[str]:
    """What an idle worker w1 is handed while w2, busy, keeps the measures ``holder`` says of the parts
    queued (chapter-a the longest, then chapter-b, then the index)."""
    pool = Pool(0, parts.settle, (), [], "id", None)
    try:
        pool.inboxes = {"w1": _Inbox(), "w2": _Inbox()}
        pool.holder = holder
        pool.running = {"w2": parts.Task("chapter-c")}
        queued = [parts.Task("chapter-a"), parts.Task("chapter-b"), parts.Task("appendix-index")]
        pool.submit([(f"k{n}", task, "<p/>" * (9 - n), b"") for n, task in enumerate(queued)])
        pool.idle.append("w1")
        pool._dispatch()
        return [task.name for _, (task, *_) in pool.inboxes["w1"].sent]  # type: ignore[misc]
    finally:
        pool.jobs.__exit__(None, None, None)


def test_an_idle_worker_takes_a_part_a_busy_one_keeps_only_when_that_one_keeps_two_waiting():
    # a part no worker keeps first
    assert _taken({"chapter-a": "w2", "appendix-index": "w2"}) == ["chapter-b"]
    # the busy worker keeps all three waiting: the shortest is laid out again here, the others wait for it
    assert _taken({"chapter-a": "w2", "chapter-b": "w2", "appendix-index": "w2"}) == ["appendix-index"]
    # it keeps the only one waiting: that waits for it (there its numbers are only set), w1 stays idle
    pool_holder = {"appendix-index": "w2"}
    assert _taken(pool_holder | {"chapter-a": "w9", "chapter-b": "w9"}) == []


def test_a_part_another_worker_is_measuring_waits_for_that_worker():
    # w2 is forecasting the index when its layout for good is queued: that goes to w2, which can set the
    # numbers in the forecast's layout if they came out as guessed; idle w1 takes another part, or none
    pool = Pool(0, parts.settle, (), [], "id", None)
    try:
        pool.inboxes = {"w1": _Inbox(), "w2": _Inbox()}
        pool.running = {"w2": parts.Task("appendix-index", write=False, forecast=True)}
        pool.submit([("k0", parts.Task("appendix-index"), "<p/>", b""), ("k1", parts.Task("chapter-a"), "<p/>", b"")])
        pool.idle.append("w1")
        pool._dispatch()
        assert [task.name for _, (task, *_) in pool.inboxes["w1"].sent] == ["chapter-a"]  # type: ignore[misc]
        pool.idle.append("w1")
        pool._dispatch()
        assert len(pool.inboxes["w1"].sent) == 1  # the index is left to w2
    finally:
        pool.jobs.__exit__(None, None, None)


def test_a_pool_started_for_one_part_starts_another_worker_when_a_second_part_waits(monkeypatch):
    # After an edit one part is laid out beside the builder: one worker, not one per core, is started
    # for it; a second part handed over while it works gets the second.
    started: list[str] = []

    def start(pool: Pool) -> str:
        name = f"w{len(started) + 1}"
        started.append(name)
        pool.inboxes[name], pool.done[name] = _Inbox(), 0
        return name

    monkeypatch.setattr(Pool, "_start", start)
    pool = Pool(2, parts.settle, (), [], "id", None, start=1)
    try:
        assert started == ["w1"]
        pool.submit([("k1", parts.Task("chapter-a"), "<p/>", b"")])
        assert started == ["w1"] and [task.name for _, (task, *_) in pool.inboxes["w1"].sent] == ["chapter-a"]
        pool.submit([("k2", parts.Task("chapter-b"), "<p/>", b""), ("k3", parts.Task("chapter-c"), "<p/>", b"")])
        assert started == ["w1", "w2"]  # no more than the pool's two
        assert [task.name for _, (task, *_) in pool.inboxes["w2"].sent] == ["chapter-b"]
    finally:
        pool.jobs.__exit__(None, None, None)
