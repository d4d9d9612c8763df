"""The installed package: a wheel built from the repository works outside any checkout.

Built with pip (build isolation, as a user's pip would), installed without ``-e`` into a
fresh virtual environment that borrows only the third-party libraries from this Python.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CONTENT, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv with the wheel installed; returns its bin (Scripts on Windows) folder."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next((work / "dist").glob("pamphleteer-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(work / "venv")], check=True)
    bin_dir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
    )
    return bin_dir


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "pamphleteer"), *args], cwd=cwd, capture_output=True, text=True)


def test_the_wheel_carries_the_package_and_its_templates(installed, tmp_path):
    where = subprocess.run(
        [str(installed / "python"), "-c", "import pamphleteer.infra.locations as l; print(l.templates_dir())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).parts[-2:] == ("pamphleteer", "templates")
    assert Path(where).is_relative_to(installed.parent) and not Path(where).is_relative_to(ROOT)


def test_installed_tool_starts_and_builds_a_publication_outside_a_checkout(installed, tmp_path):
    done = _run(installed, tmp_path, "new", "book")
    assert done.returncode == 0, done.stderr
    done = _run(installed, tmp_path, "--content", "book", "--output", "out")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "handout.pdf",
        "lecture-script.pdf",
        "lecture.pptx",
        "pamphlet-booklet.pdf",
        "pamphlet-print.pdf",
        "pamphlet.epub",
        "pamphlet.pdf",
        "web",
    ]
    version = subprocess.run(
        [str(installed / "python"), "-m", "pamphleteer", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert version.stdout.strip() == "pamphleteer 0.1.0"


def test_installed_tool_builds_the_shipped_publication(installed, tmp_path):
    done = _run(installed, tmp_path, "--content", str(CONTENT), "--output", "out", "pamphlet", "deck")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "pamphlet.pdf").stat().st_size > 100_000
