"""The runner: each builder starts as soon as what it needs exists; layouts run in children meanwhile."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

import pytest

from pamphleteer import builders, content
from pamphleteer.builders import Builder, Inputs, Options
from pamphleteer.builders.base import SHARED
from pamphleteer.engine import incremental, runner
from pamphleteer.infra import dependencies
from tests.conftest import SMALL

# The children's start method (fork or spawn) decides what these exercise: CI runs them under both.
pytestmark = pytest.mark.processes


class _Layout(Builder):
    """Stands for the reading edition: publishes a page map early, then waits for a gate before finishing."""

    name = "layout"
    filename = "layout.bin"
    summary = "test"
    publishes = ("map",)
    child = True

    def build(self, inputs: Inputs) -> bytes:
        inputs.publish("map", {"one": [1, 2]})
        gate = Path(os.environ.get("RUNNER_TEST_GATE", ""))
        deadline = time.monotonic() + 20
        while gate.name and not gate.exists():  # only a runner that ran the pointer builder meanwhile opens it
            if time.monotonic() > deadline:
                raise RuntimeError("the builder waiting for the map never ran")
            time.sleep(0.01)
        return b"laid out"


class _Pointers(Builder):
    """Stands for the deck: needs the early map, runs here while the layout is still going."""

    name = "pointers"
    filename = "pointers.txt"
    summary = "test"
    needs = ("map",)

    def build(self, inputs: Inputs) -> bytes:
        if os.environ.get("RUNNER_TEST_GATE"):
            Path(os.environ["RUNNER_TEST_GATE"]).touch()
        return repr(inputs.products["map"]).encode()


class _Imposed(Builder):
    """Stands for the print edition: needs the layout's bytes."""

    name = "imposed"
    filename = "imposed.bin"
    summary = "test"
    needs = ("layout",)

    def build(self, inputs: Inputs) -> bytes:
        return inputs.products["layout"].upper()


@pytest.fixture
def registry():
    saved = dict(builders.REGISTRY)
    builders.REGISTRY.clear()
    for b in (_Layout(), _Pointers(), _Imposed()):
        builders.register(b)
    yield
    builders.REGISTRY.clear()
    builders.REGISTRY.update(saved)


def _run(wanted: list[str], state: incremental.State, folder: Path) -> tuple[dict[str, bytes], dict[str, Any]]:
    book = content.load(SMALL)
    planner = incremental.Planner(book, Options(), state, folder)
    plan = planner.plan(builders.select(wanted))
    return runner.run(book, Options(), plan, planner)


def test_an_early_product_reaches_its_user_before_the_producer_ends(registry, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNNER_TEST_GATE", str(tmp_path / "gate"))
    files, records = _run([], incremental.State(), tmp_path)
    assert files == {"layout.bin": b"laid out", "pointers.txt": b"{'one': [1, 2]}", "imposed.bin": b"LAID OUT"}
    assert records["layout"].products == {"map": {"one": [1, 2]}}
    assert sorted(records) == ["imposed", "layout", "pointers"]


def test_a_producer_runs_for_its_product_without_being_written(registry, tmp_path):
    files, records = _run(["imposed"], incremental.State(), tmp_path)
    assert files == {"imposed.bin": b"LAID OUT"}  # the layout ran, but was not asked for
    assert sorted(records) == ["imposed", "layout"]


def test_a_fresh_producers_file_is_read_back_instead_of_remade(registry, tmp_path):
    files, records = _run(["layout"], incremental.State(), tmp_path)
    (tmp_path / "layout.bin").write_bytes(files["layout.bin"])
    files, records = _run(["imposed"], incremental.State(records), tmp_path)
    assert files == {"imposed.bin": b"LAID OUT"} and sorted(records) == ["imposed"]


def test_the_checks_run_meanwhile_once_the_layouts_started_and_their_error_stops_them(registry, tmp_path, monkeypatch):
    gate = tmp_path / "gate"
    monkeypatch.setenv("RUNNER_TEST_GATE", str(gate))
    book = content.load(SMALL)
    planner = incremental.Planner(book, Options(), incremental.State(), tmp_path)
    plan = planner.plan(builders.select(["layout"]))
    seen = []

    def check() -> None:  # runs while the layout child waits at its gate
        seen.append(sorted(p.name for p in multiprocessing.active_children()))
        raise ValueError("a slide overflows")

    with pytest.raises(ValueError, match="a slide overflows"):
        runner.run(book, Options(), plan, planner, meanwhile=check)
    assert seen == [["pamphleteer-layout"]]  # the layout had started
    assert multiprocessing.active_children() == []  # and was stopped


class _Counted(Builder):
    """Stands for the handout: a layout in a child that uses the shared work."""

    name = "counted"
    filename = "counted.txt"
    summary = "test"
    shares = ("tally",)
    child = True

    def build(self, inputs: Inputs) -> bytes:
        return inputs.products["tally"].encode()


class _CountedHere(_Counted):
    """Stands for the deck: the same shared work, used here."""

    name = "counted-here"
    filename = "counted-here.txt"
    child = False


def test_shared_work_is_done_once_for_every_builder_and_its_files_join_their_records(tmp_path, monkeypatch):
    saved = dict(builders.REGISTRY)
    builders.REGISTRY.clear()
    for b in (_Counted(), _CountedHere()):
        builders.register(b)
    source = SMALL / "people.yaml"
    done: list[str] = []

    def tally(book: content.Book) -> str:
        done.append(book.language)
        dependencies.record(source)
        return f"tallied {len(done)}"

    monkeypatch.setitem(SHARED, "tally", tally)
    try:
        files, records = _run([], incremental.State(), tmp_path)
    finally:
        builders.REGISTRY.clear()
        builders.REGISTRY.update(saved)
    assert done == ["en-GB"]
    assert files == {"counted.txt": b"tallied 1", "counted-here.txt": b"tallied 1"}
    assert list(records["counted"].files) == list(records["counted-here"].files) == ["content:people.yaml"]


class _Folded(_Imposed):
    """Stands for the booklet: needs the layout's bytes too, and goes aside when another is made here."""

    name, filename, aside = "folded", "folded.txt", True

    def build(self, inputs: Inputs) -> bytes:
        return f"{inputs.products['layout'].decode()} in {os.getpid()}".encode()


@pytest.mark.parametrize("cores", [1, 2])
def test_an_output_that_can_go_aside_is_made_in_a_child_beside_another_while_a_core_is_free(
    registry, tmp_path, monkeypatch, cores
):
    builders.register(_Folded())
    monkeypatch.setattr(runner.workers, "cores", lambda: cores)
    files, records = _run(["imposed", "folded"], incremental.State(), tmp_path)
    text, _, pid = files["folded.txt"].decode().rpartition(" in ")
    assert text == "laid out" and files["imposed.bin"] == b"LAID OUT"
    aside = cores > 1 and runner.workers.forked()  # a spawned child would cost more than it saves
    assert (int(pid) != os.getpid()) == aside
    assert sorted(records) == ["folded", "imposed", "layout"]
    # alone, it is made here: there is nothing to make beside it
    (tmp_path / "layout.bin").write_bytes(b"laid out")
    files, records = _run(["folded"], incremental.State(records), tmp_path)
    assert files["folded.txt"] == f"laid out in {os.getpid()}".encode() and sorted(records) == ["folded"]


class _Lingering(Builder):
    """Stands for the handout: a child that needs the early map, and is still laid out when the layout ends
    (until the folded output is made)."""

    name, filename, summary, needs, child = "lingering", "lingering.txt", "test", ("map",), True

    def build(self, inputs: Inputs) -> bytes:
        gate = Path(os.environ["RUNNER_TEST_FOLDED"])
        deadline = time.monotonic() + 20
        while not gate.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the folded output was never made while this ran")
            time.sleep(0.01)
        return b"done"


class _FoldedOpening(_Folded):
    def build(self, inputs: Inputs) -> bytes:
        Path(os.environ["RUNNER_TEST_FOLDED"]).touch()
        return super().build(inputs)


def test_an_output_goes_aside_while_one_other_child_is_still_running(registry, tmp_path, monkeypatch):
    # two cores: the layout done, the handout still running, the print edition to be made here: the
    # booklet is made in a child beside them, not after the print edition
    builders.register(_FoldedOpening())
    builders.register(_Lingering())
    monkeypatch.setenv("RUNNER_TEST_FOLDED", str(tmp_path / "folded"))
    monkeypatch.setattr(runner.workers, "cores", lambda: 2)
    files, _ = _run(["imposed", "folded", "lingering"], incremental.State(), tmp_path)
    pid = int(files["folded.txt"].decode().rpartition(" in ")[2])
    assert files["lingering.txt"] == b"done"
    assert (pid != os.getpid()) == runner.workers.forked()
