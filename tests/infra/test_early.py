"""A build's first layout child is forked as the build starts, takes the first job, and is ended if none comes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pamphleteer.infra import childlife, early

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the first child is forked: only where children are"),
]


# Each case runs in a fresh interpreter of one thread, as a build does: a test process may have threads,
# where Python 3.12 and later warn at every fork
FIRST_AND_SECOND = """
import json, os, sys
from pamphleteer.infra import early, workers

def where():
    return os.getpid(), os.environ.get("PAMPHLETEER_TEST_SAID"), "json.tool" in sys.modules

if __name__ == "__main__":
    forked = workers.fork_first(["json.tool"])
    pending = early.pending()
    os.environ["PAMPHLETEER_TEST_SAID"] = "after the fork"  # as the build's settings are read later
    with workers.Jobs(timeout=60) as jobs:
        jobs.start("first", where)
        jobs.start("second", where)
        first, second = jobs.result("first"), jobs.result("second")
    print(json.dumps([forked, pending, first, second, early.pending(), os.getpid()]))
"""

RELEASED = """
import json, os
from pamphleteer.infra import early, workers

forked = workers.fork_first([])
workers.release_first()
try:
    os.kill(forked, 0)
    gone = False
except ProcessLookupError:  # ended and waited for: not even a zombie is left
    gone = True
print(json.dumps([forked is not None, early.pending(), gone]))
"""


def _fresh(code: str) -> list:
    """What ``code`` prints (JSON), run by a fresh interpreter where layout children are forked."""
    env = {**os.environ, "PAMPHLETEER_START_METHOD": "fork"}
    env.pop("PAMPHLETEER_TEST_SAID", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_child_started_is_the_one_forked_as_the_build_began():
    forked, pending, first, second, left, parent = _fresh(FIRST_AND_SECOND)
    assert forked is not None and pending
    assert first == [forked, "after the fork", True]  # the environment as it is when the job starts
    assert second[0] not in (forked, parent) and second[1] == "after the fork"
    assert not left


def test_a_first_child_no_job_took_is_ended_when_the_build_ends():
    assert _fresh(RELEASED) == [True, False, True]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_process_that_ends_without_releasing_its_first_child_ends_it():
    # multiprocessing waits for every child as Python ends: for this one, which waits for work, it would
    # wait for ever, were the child not ended first
    mark = f"unreleased-{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, "PAMPHLETEER_START_METHOD": "fork", "PAMPHLETEER_TEST_MARK": mark}
    code = "from pamphleteer.infra import workers; print(workers.fork_first([]))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() != "None", done.stderr
    assert not _marked(mark)


def test_no_first_child_where_children_are_not_forked():
    assert early.fork(["json.tool"], "spawn", childlife.child, childlife.die_with_parent) is None
    assert early.fork(["json.tool"], "forkserver", childlife.child, childlife.die_with_parent) is None
    assert not early.pending()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_build_that_stops_before_any_layout_leaves_no_process(tmp_path, monkeypatch):
    content = tmp_path / "content"
    subprocess.run(
        [sys.executable, "-m", "pamphleteer", "new", str(content)], check=True, capture_output=True, timeout=120
    )
    chapter = sorted((content / "chapters").glob("*.yaml"))[0]
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("\ntitle:", "\ntitle: [1, 2]\nx_title:", 1), encoding="utf-8")
    mark = f"early-{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, "PAMPHLETEER_START_METHOD": "fork", "PAMPHLETEER_TEST_MARK": mark}
    done = subprocess.run(
        [sys.executable, "-m", "pamphleteer", "--content", str(content), "--output", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert f"{chapter.name}:" in done.stderr and "title: expected text, got a list" in done.stderr
    assert not _marked(mark)  # the first layout child forked before the content was read is gone too
    assert not (tmp_path / "out").exists()


def _marked(mark: str) -> list[int]:
    """Processes whose environment holds ``mark``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f"PAMPHLETEER_TEST_MARK={mark}".encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
