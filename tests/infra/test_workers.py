"""Renders run in children with a time and memory limit: a hang or a memory hog is an error, not a freeze."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from pamphleteer import settings
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import childlife, workers

# The children's start method (fork or spawn) decides what these exercise: CI runs them under both.
pytestmark = pytest.mark.processes


def _hang() -> None:
    time.sleep(60)


def _hog() -> bytes:
    return b"x" * (8 * 1024**3)


def _double(n: int) -> int:
    return n * 2


def _run(name: str, fn, *args, timeout: float | None = None):
    with workers.Jobs(timeout) as jobs:
        jobs.start(name, fn, *args)
        return jobs.result(name)


def test_results_come_back_from_children():
    with workers.Jobs() as jobs:
        jobs.start("a", _double, 2)
        jobs.start("b", _double, 5)
        assert (jobs.result("a"), jobs.result("b")) == (4, 10)


def test_ready_says_whether_a_child_has_a_word_to_read():
    with workers.Jobs(timeout=60) as jobs:
        jobs.start("quiet", _hang)
        assert not jobs.ready()  # (and the block's end stops it)
    with workers.Jobs() as jobs:
        jobs.start("a", _double, 4)
        deadline = time.monotonic() + 60
        while not jobs.ready():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert jobs.result("a") == 8
        assert not jobs.ready()  # read: no child left to hear from


def _answer_and_linger() -> int:
    # a thread not let go: Python waits for it as the child ends, after the child has given its answer
    threading.Thread(target=time.sleep, args=(60,), name="lingering").start()
    return 7


def test_a_child_that_does_not_end_after_its_result_is_stopped_when_the_jobs_end(monkeypatch):
    monkeypatch.setattr(workers, "ENDING", 0.5)
    started = time.monotonic()
    with workers.Jobs() as jobs:
        jobs.start("lingering", _answer_and_linger)
        assert jobs.result("lingering") == 7
        proc = jobs.running["lingering"][0]
    assert not proc.is_alive()  # stopped, and so not waited for by this process as it ends
    assert time.monotonic() - started < 20


def test_a_layout_that_hangs_is_stopped_and_named():
    started = time.monotonic()
    with pytest.raises(BuildError) as caught:
        _run("pamphlet", _hang, timeout=1)
    assert [str(p) for p in caught.value.problems] == ["pamphlet: layout did not finish within 1s; stopped"]
    assert time.monotonic() - started < 10


@pytest.mark.skipif(not childlife.memory_limit(), reason="no address-space limit on this platform")
def test_a_render_that_eats_memory_is_stopped_and_named():
    with pytest.raises(BuildError) as caught:
        _run("handout", _hog)
    assert [str(p) for p in caught.value.problems] == [
        f"handout: the render ran out of memory (limit {settings.memory_mb()} MB)"
    ]


def _pages_then_pdf(path: str) -> str:
    childlife.send_early({"chapter": (3, 9)})
    while not os.path.exists(path):  # the parent has the pages before this child finishes
        time.sleep(0.01)
    return "pdf"


def _fails_before_pages() -> None:
    raise BuildError([Problem(None, field="reading", message="cannot lay out")])


def test_an_early_value_arrives_before_the_result(tmp_path):
    gate = tmp_path / "go"
    with workers.Jobs(timeout=30) as jobs:
        jobs.start("reading", _pages_then_pdf, str(gate))
        assert jobs.early("reading") == {"chapter": (3, 9)}
        gate.touch()
        assert jobs.result("reading") == "pdf"


def test_a_child_that_fails_before_its_early_value_raises_its_error():
    with workers.Jobs(timeout=30) as jobs:
        jobs.start("reading", _fails_before_pages)
        with pytest.raises(BuildError) as caught:
            jobs.early("reading")
    assert [str(p) for p in caught.value.problems] == ["reading: cannot lay out"]


def _make_temp_files() -> str:
    import tempfile

    folder = tempfile.mkdtemp(prefix="weasyprint-")  # as WeasyPrint's font configuration does
    with open(os.path.join(folder, "font.ttf"), "wb") as fh:
        fh.write(b"x")
    return folder


def test_children_leave_the_temp_directory_as_they_found_it(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with workers.Jobs(timeout=30) as jobs:
        jobs.start("a", _make_temp_files)
        assert jobs.result("a").startswith(jobs.tempdir)
    assert list(tmp_path.iterdir()) == []


def test_children_work_under_spawn(monkeypatch):
    monkeypatch.setenv("PAMPHLETEER_START_METHOD", "spawn")
    assert workers.start_method() == "spawn"
    with workers.Jobs(timeout=60) as jobs:
        assert jobs.ctx.get_start_method() == "spawn"
        jobs.start("a", _double, 21)
        assert jobs.result("a") == 42


def test_fork_only_where_it_is_safe(monkeypatch):
    monkeypatch.delenv("PAMPHLETEER_START_METHOD", raising=False)
    expected = "fork" if sys.platform.startswith("linux") and workers._threads() == 1 else "spawn"
    if sys.platform.startswith("linux") and workers._threads() > 1:
        expected = "forkserver"  # forked by a server with one thread, not here
    assert workers.start_method() == expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver is Linux's choice for a threaded process")
def test_a_process_with_threads_has_its_children_forked_by_a_server_that_loaded_the_code(monkeypatch):
    import threading

    monkeypatch.delenv("PAMPHLETEER_START_METHOD", raising=False)
    done = threading.Event()
    watcher = threading.Thread(target=done.wait)  # as a --watch's watcher
    watcher.start()
    try:
        assert workers.start_method() == "forkserver"
        workers.preload(["tests.infra.test_workers"])
        with workers.Jobs(timeout=60) as jobs:
            assert jobs.ctx.get_start_method() == "forkserver"
            jobs.start("a", _loaded)
            loaded, parent = jobs.result("a")
    finally:
        done.set()
        watcher.join()
    assert loaded and parent != os.getpid()  # forked from the server, which had WeasyPrint loaded


def _loaded() -> tuple[bool, int]:
    return "weasyprint" in sys.modules, os.getppid()


def _logs() -> str:
    import logging

    logging.getLogger("pamphleteer.progress").info("halfway")
    return "done"


def test_a_childs_log_records_reach_the_parent(caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="pamphleteer"), workers.Jobs(timeout=30) as jobs:
        jobs.start("a", _logs)
        assert jobs.result("a") == "done"
    assert [(r.name, r.getMessage()) for r in caplog.records if r.name.startswith("pamphleteer")][-1] == (
        "pamphleteer.progress",
        "halfway",
    )


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.confstr("CS_GNU_LIBC_VERSION") is None, reason="glibc's malloc_trim"
)
def test_memory_freed_goes_back_to_the_system():
    # 100 MB in blocks small enough for the heap; the last one kept, so that what is freed
    # below it is not at the heap's top (which glibc gives back by itself) but held, as a
    # long-lived process holds what a layout freed, until given back.
    blocks = [bytes(1000) + n.to_bytes(4, "little") for n in range(100_000)]
    last = blocks[-1]
    del blocks
    held = _resident()
    childlife.give_back()
    assert held - _resident() > 50 * 1024**2
    assert last[-4:] == (99_999).to_bytes(4, "little")


def _resident() -> int:
    """This process's resident memory in bytes (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
