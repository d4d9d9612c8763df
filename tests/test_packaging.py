"""The installed package: a wheel built from the repository works outside any checkout.

Built with pip (build isolation, as a user's pip would), installed without ``-e`` into a fresh
virtual environment. The third-party libraries come from wherever the running Python finds
them (a venv's site-packages, the system's, the user's, ``PYTHONPATH``), listed in a ``.pth``
file of the new venv: ``--system-site-packages`` would borrow the *base* interpreter's
packages instead, which inside a venv are not the ones the suite runs with.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from . import pdfinfo
from .conftest import CONTENT, ROOT


def borrowed() -> list[str]:
    """The folders this Python imports from, less the checkout (whose package the wheel replaces)."""
    found = []
    for entry in sys.path:
        folder = Path(entry or os.getcwd()).resolve()
        if folder.is_dir() and folder != ROOT and str(folder) not in found:
            found.append(str(folder))
    return found


def clean_env() -> dict[str, str]:
    """This process's environment without what would put the checkout on the new venv's path."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv with the wheel installed; returns its bin (Scripts on Windows) folder."""
    work = tmp_path_factory.mktemp("wheel")
    env = clean_env()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
        env=env,
    )
    wheel = next((work / "dist").glob("pamphleteer-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, env=env)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    # after the venv's own site-packages, so the installed wheel comes first
    (Path(site) / "borrowed-from-the-test-runner.pth").write_text("\n".join(borrowed()) + "\n", encoding="utf-8")
    subprocess.run(  # this Python's pip installs into the venv (pip >= 22.3), as the venv has none of its own
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        env=env,
    )
    return bin_dir


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(bin_dir / "pamphleteer"), *args], cwd=cwd, capture_output=True, text=True, env=clean_env()
    )


def test_the_venv_borrows_this_pythons_libraries_but_not_the_checkout(installed, tmp_path):
    code = "import PIL, weasyprint, pamphleteer; print(PIL.__file__); print(pamphleteer.__file__)"
    found = subprocess.run(
        [str(installed / "python"), "-c", code], cwd=tmp_path, capture_output=True, text=True, env=clean_env()
    )
    assert found.returncode == 0, found.stderr
    pil, package = (Path(line) for line in found.stdout.splitlines())
    import PIL

    assert pil == Path(PIL.__file__)  # the very library the suite runs with
    assert package.is_relative_to(installed.parent) and not package.is_relative_to(ROOT)


def test_the_wheel_carries_the_package_and_its_templates(installed, tmp_path):
    where = subprocess.run(
        [str(installed / "python"), "-c", "import pamphleteer.infra.locations as l; print(l.templates_dir())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env=clean_env(),
    ).stdout.strip()
    assert Path(where).parts[-2:] == ("pamphleteer", "templates")
    assert Path(where).is_relative_to(installed.parent) and not Path(where).is_relative_to(ROOT)


def test_installed_tool_starts_and_builds_a_publication_outside_a_checkout(installed, tmp_path):
    done = _run(installed, tmp_path, "new", "book")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (  # the installed command, not a build.py the user does not have
        "started a new publication in book; check it with: pamphleteer check --content book; "
        "build it with: pamphleteer --content book (into ./output; --output DIR to choose)\n"
    )
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
        [str(installed / "python"), "-m", "pamphleteer", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
    )
    assert version.stdout.strip() == "pamphleteer 0.1.0"


@pytest.mark.slow
def test_installed_tool_builds_the_shipped_publication(installed, tmp_path):
    done = _run(installed, tmp_path, "--content", str(CONTENT), "--output", "out", "pamphlet", "deck")
    assert done.returncode == 0, done.stderr
    title = yaml.safe_load((CONTENT / "publication.yaml").read_text(encoding="utf-8"))["title"]
    assert pdfinfo.normalise(title) in pdfinfo.text(tmp_path / "out" / "pamphlet.pdf")
    assert (
        Presentation(str(tmp_path / "out" / "lecture.pptx")).slides[0].shapes.title.text.split() == title.split()
    )  # its lines balanced
