"""Shared fixtures: real folders, real builds, no mocks of our own code."""

from __future__ import annotations

import collections
import contextlib
import hashlib
import io
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pamphleteer import cli
from pamphleteer.commands import watch
from pamphleteer.errors import display_path
from pamphleteer.infra import workers
from pamphleteer.text import hyphenation

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CONTENT = ROOT / "content"
SMALL = TESTS / "publication"
PUBLICATIONS = TESTS / "publications"  # the other test publications, one folder each
LEAFLET = PUBLICATIONS / "leaflet"
FLYER = PUBLICATIONS / "flyer"

# Tests left out of the default run (``-m slow`` runs them): the shipped publication's build and
# its translation's take about half a minute each, cold. A test that asks for ``main_build`` or
# ``es_build`` by name, or is parametrized with either publication's folder (``build_of(param)``),
# is marked here; one that reaches them through a parameter of another kind marks it with SLOW.
SLOW = pytest.mark.slow
SLOW_BUILDS = {"main_build", "es_build"}
SLOW_FOLDERS = {CONTENT, ROOT / "content-es"}


# The test files that take longest (a minute or more of a two-core machine, measured), longest first. pytest-xdist
# hands out whole files (--dist loadfile) in the order they are collected (--no-loadscope-reorder): these go
# first, so that neither worker starts one of them while the other is finishing; then the others, those with
# most tests first (pytest-xdist's own order).
LONG = (
    "engine/test_purity_tiny.py",
    "engine/test_purity_starter.py",
    "engine/test_purity.py",
    "test_typography.py",
    "lecture/test_drawing.py",
    "pamphlet/test_compose.py",
    "lecture/test_deck_charts.py",
    "screen/test_ladders.py",
    "bench/test_measure.py",
    "infra/test_output.py",
    "screen/test_ebook.py",
    "commands/test_watch.py",
    "commands/test_serve.py",
    "test_packaging.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {}).values()
        if SLOW_BUILDS & set(getattr(item, "fixturenames", ())) or SLOW_FOLDERS & set(_flat(params)):
            item.add_marker(SLOW)
    files = [item.path.relative_to(TESTS).as_posix() for item in items]
    count = collections.Counter(files)
    rank = {name: (LONG.index(name), 0) if name in LONG else (len(LONG), -n) for name, n in count.items()}
    order = sorted(range(len(items)), key=lambda i: (*rank[files[i]], files[i], i))
    items[:] = [items[i] for i in order]


# The languages of the test publications whose hyphenation patterns a test process reads once (:func:`_warm`).
LANGUAGES = ("en-GB", "en", "de", "es", "ru")


@pytest.fixture(scope="session", autouse=True)
def _warm() -> None:
    """The test process made what a watch is (``watch.warm``): most tests build in it (``cli.main``), and
    each build's layout children, forked from it (or, pytest-xdist's workers having a thread, from the fork
    server it starts), then find the tool's code loaded, the templates compiled, the stylesheets parsed and
    the patterns read, as a watch's rebuilds do. Without it every child of every build works them out again
    (a tiny publication's build: 2.2 s of CPU, 1.3 s with). Cold children are still tested: the tests of the
    command line run the tool in a process of its own, and CI's spawn pass starts children that inherit
    nothing (there this is skipped, as it would warm no child)."""
    if workers.start_method() == "spawn":
        return
    watch.warm("en-GB")
    for language in LANGUAGES:  # for children forked from this process (where it has no thread)
        with contextlib.suppress(Exception):  # as in preheat: a child reads what failed here itself
            hyphenation.prepare(language)


def _flat(values) -> list:
    """Parameter values, those in tuples too, that can be compared with a folder."""
    found = []
    for value in values:
        found += _flat(value) if isinstance(value, tuple) else [value] if isinstance(value, Path) else []
    return found


@pytest.fixture
def run(capsys):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""

    def _run(*argv: str) -> tuple[int, str, str]:
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a publication's file as an author would: the first ``old`` (which must be there) becomes ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_one_located_error(run: Callable, folder: Path, expected: str) -> None:
    """``check`` of ``folder`` fails with exactly ``expected`` (a location inside it, then the message)."""
    code, _, err = run("check", "--content", folder)
    where = display_path(folder / "x").removesuffix("x")
    assert (code, err.splitlines()) == (1, [where + expected, "Aborted with 1 error."])


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A private copy of the small test publication, free to edit."""
    dest = tmp_path / "pub"
    shutil.copytree(SMALL, dest)
    return dest


@pytest.fixture(scope="session")
def build_of(tmp_path_factory) -> Iterator[Callable[[Path], Path]]:
    """Every output of a publication folder, built once a session whoever asks first, for tests to
    read or copy (never to write into: the session's teardown fails if a test changed, added or
    removed a file in one; copy it with :func:`warm_copy`). Run in parallel (``-n``), the workers
    share one build of each publication: see :func:`_shared_build`."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # pytest-xdist's workers' common folder
    done: dict[Path, Path] = {}
    stamps: dict[Path, dict[str, tuple[int, int]]] = {}

    def _build(root: Path) -> Path:
        if root not in done:
            done[root] = _shared_build(root, shared / "builds")
            stamps[root] = _stamps(done[root])
        return done[root]

    yield _build
    written = [str(done[root]) for root in done if _stamps(done[root]) != stamps[root]]
    assert not written, f"a test wrote into the shared build: {', '.join(written)}; copy it with warm_copy"


def _shared_build(root: Path, builds: Path) -> Path:
    """The folder holding every output of ``root``: the first process to ask builds it (making its lock
    folder, which only one can), the others wait for it to appear (or for the builder's failure)."""
    name = f"{root.name}-{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:8]}"
    out, failed = builds / name, builds / f"{name}.failed"
    builds.mkdir(parents=True, exist_ok=True)
    try:
        (builds / f"{name}.lock").mkdir()
    except FileExistsError:
        while not out.is_dir() and not failed.exists():  # another worker builds it: a build takes seconds
            time.sleep(0.2)
    else:
        part = builds / f"{name}.part"
        said = io.StringIO()
        with contextlib.redirect_stderr(said):
            code = cli.main(["--content", str(root), "--output", str(part), "-q"])
        if code != 0:
            failed.write_text(said.getvalue(), encoding="utf-8")
        else:
            part.replace(out)
    assert not failed.exists(), f"{root} did not build: {failed.read_text(encoding='utf-8')}"
    return out


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.fixture(scope="session")
def small_build(build_of) -> Path:
    """Every output of the small test publication, built once."""
    return build_of(SMALL)


@pytest.fixture(scope="session")
def main_build(build_of) -> Path:
    """Every output of the shipped publication, built once."""
    return build_of(CONTENT)


@pytest.fixture(scope="session")
def leaflet_build(build_of) -> Path:
    """Every output of the leaflet test publication, built once."""
    return build_of(LEAFLET)


@pytest.fixture(scope="session")
def flyer_build(build_of) -> Path:
    """Every output of the flyer test publication, built once."""
    return build_of(FLYER)


@pytest.fixture(scope="session")
def de_build(build_of) -> Path:
    """Every output of the German test publication, built once."""
    return build_of(PUBLICATIONS / "de")


def warm_copy(build: Path, dest: Path) -> Path:
    """A private copy of a shared build: its outputs, its state and its cache of laid-out parts.

    A build into it from a copy of the same publication, wherever that copy is, finds every
    output fresh (the state records content files by relative path and digest, and the
    pipeline then records the new folder as the outputs' source), and after an edit lays out
    only the parts the edit touched: the same result as a cold build, in a fraction of the time.
    Copied, not hard-linked, as some tests alter outputs in place.
    """
    shutil.copytree(build, dest)
    return dest


@pytest.fixture
def small_out(small_build: Path, tmp_path: Path) -> Path:
    """The outputs of ``small`` (the private copy of the small publication) as a build leaves them."""
    return warm_copy(small_build, tmp_path / "out")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder (hidden ones too) and its bytes; not the build cache, which is no
    output (a build that fails may still have added layouts to it: they are right, and named by hash)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != ".pamphleteer-cache"
    }


CHART_SERIES = """
  - id: makers
    title: Bicycles made in 1895
    kind: hbar
    unit: machines
    labels: [Rover, Humber, Raleigh, Singer]
    values: [3000, 2500, 2000, 1000]
    source: Illustrative.
  - id: output
    title: Output by year
    kind: line
    unit: thousand machines
    labels: ["1880", "1885", "1890", "1895", "1900"]
    values: [10, 40, 25, 60, 55]
    source: Illustrative.
  - id: prices
    title: The price of a safety bicycle
    kind: line
    unit: shillings
    labels: ["1885", "1890", "1895", "1900"]
    values: [1.5, 2.25, 3.1, 2.8]
    source: Illustrative.
  - id: sales
    title: Who sold the machines
    kind: stacked
    unit: "%"
    labels: [Shops, Sales]
    datasets:
      - {name: The three largest makers, values: [6, 60]}
      - {name: All other makers, values: [94, 40]}
    source: Illustrative.
  - id: clubs
    title: Clubs and their members
    kind: stacked
    unit: members
    labels: ["1880", "1890", "1900"]
    datasets:
      - {name: Touring clubs, values: [1200, 2600, 4100]}
      - {name: Racing clubs, values: [800, 1900, 2300]}
      - {name: Ladies' clubs, values: [100, 700, 1600]}
    source: Illustrative.
"""
CHART_SLIDES = """
  - title: Who made the most
    chart: makers
    notes: Rover led the field.
  - title: Output by year
    chart: output
    notes: Output by year, with a dip in 1890.
  - title: Cheaper, then dearer
    chart: prices
    points: [Prices rose with demand]
    notes: The price rose to 1895.
  - title: A few makers sold most
    chart: sales
    notes: Most sales came from a few makers.
  - title: The clubs grew
    chart: clubs
    points: [Touring clubs led, Ladies' clubs grew fastest]
    notes: Clubs grew in every kind.
"""
_CHARTS: dict[str, Path] = {}


@pytest.fixture(scope="session")
def charts_build(tmp_path_factory):
    """Every output of the small publication with a chart of every kind, in a figure and on a slide (each built once
    per language asked for): ``charts_build("de")`` is the output folder of the German one."""

    def build(language: str = "en-GB") -> Path:
        if language not in _CHARTS:
            root = tmp_path_factory.mktemp(f"charts-{language}") / "pub"
            shutil.copytree(SMALL, root)
            (root / "data.yaml").write_text(
                (root / "data.yaml").read_text(encoding="utf-8") + CHART_SERIES, encoding="utf-8"
            )
            chapter = root / "chapters" / "high-wheeler.yaml"
            figures = "".join(
                f"  - figure: {{series: {s}}}\n" for s in ("makers", "output", "prices", "sales", "clubs")
            )
            text = chapter.read_text(encoding="utf-8").replace("blocks:\n", "blocks:\n" + figures, 1)
            chapter.write_text(text.replace("slides:\n", "slides:\n" + CHART_SLIDES.lstrip("\n"), 1), encoding="utf-8")
            publication = root / "publication.yaml"
            publication.write_text(
                publication.read_text(encoding="utf-8").replace("language: en-GB", f"language: {language}"),
                encoding="utf-8",
            )
            out = root.parent / "out"
            assert cli.main(["--content", str(root), "--output", str(out), "-q"]) == 0
            _CHARTS[language] = out
        return _CHARTS[language]

    return build
