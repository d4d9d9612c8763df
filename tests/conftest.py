"""Shared fixtures: real folders, real builds, no mocks of our own code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pamphleteer import cli

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CONTENT = ROOT / "content"
SMALL = TESTS / "publication"
PUBLICATIONS = TESTS / "publications"  # the other test publications, one folder each
LEAFLET = PUBLICATIONS / "leaflet"
FLYER = PUBLICATIONS / "flyer"


@pytest.fixture
def run(capsys):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""

    def _run(*argv: str) -> tuple[int, str, str]:
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A private copy of the small test publication, free to edit."""
    dest = tmp_path / "pub"
    shutil.copytree(SMALL, dest)
    return dest


@pytest.fixture(scope="session")
def build_of(tmp_path_factory):
    """Every output of a publication folder, built once a session whoever asks first."""
    done: dict[Path, Path] = {}

    def _build(root: Path) -> Path:
        if root not in done:
            out = tmp_path_factory.mktemp(f"{root.name}-out")
            assert cli.main(["--content", str(root), "--output", str(out), "-q"]) == 0
            done[root] = out
        return done[root]

    return _build


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


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder (hidden ones too) and its bytes; not the build cache, which is no
    output (a build that fails may still have added layouts to it: they are right, and named by hash)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != ".pamphleteer-cache"
    }
