"""The recipe end to end, as a user runs it: in a subprocess, on any platform's terms."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests import pdfinfo
from tests.conftest import ROOT, SMALL

# The children's start method (fork or spawn) decides what these exercise: CI runs them under both.
pytestmark = pytest.mark.processes


_BLOCK_POSIX = textwrap.dedent(
    """
    import sys

    class NoPosix:  # what Windows has not: these imports fail as they would there
        def find_spec(self, name, path=None, target=None):
            if name in ("fcntl", "resource", "termios", "pwd", "grp"):
                raise ImportError(f"No module named {name!r}")

    for name in ("fcntl", "resource"):
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, NoPosix())
    from pamphleteer.cli import main

    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_build_leaves_the_temp_directory_as_it_found_it(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--content", str(SMALL), "--output", str(out), "-q"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "two wheels" in pdfinfo.text(out / "pamphlet.pdf") and "two wheels" in pdfinfo.text(out / "handout.pdf")
    assert list(temp.iterdir()) == []


def test_a_build_runs_without_posix_only_modules(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", _BLOCK_POSIX, "pamphlet", "deck", "--content", str(SMALL), "--output", str(out), "-v"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "no memory limit for layouts on this platform; the 600s time limit holds" in done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        ".pamphleteer-cache",  # the pamphlet's laid-out parts and the content files as read, kept for the next build
        ".pamphleteer-quick.json",
        ".pamphleteer-state.json",
        ".pamphleteer-written.json",
        "lecture.pptx",
        "pamphlet.pdf",
    ]


def test_no_module_imports_a_posix_only_module_at_load_time():
    code = _BLOCK_POSIX.replace(
        "from pamphleteer.cli import main\n\nsys.exit(main(sys.argv[1:]))",
        "import importlib, pkgutil, pamphleteer\n"
        "for m in pkgutil.walk_packages(pamphleteer.__path__, 'pamphleteer.'):\n"
        "    if not m.name.endswith('__main__'):  # a command, run when imported\n"
        "        importlib.import_module(m.name)\n",
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


_AUDITED = textwrap.dedent(
    """
    import os, sys

    log = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT)

    def hook(event, args):  # every file the build opens, in this process and its forked children
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            os.write(log, os.fsencode(os.fspath(args[0])) + b"\\n")

    sys.addaudithook(hook)
    from pamphleteer.cli import main

    sys.exit(main(sys.argv[2:]))
    """
)


def test_no_file_outside_the_publication_is_opened_or_echoed(small, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("title: TOP-SECRET-MARKER\\n", encoding="utf-8")
    (small / "images").mkdir(exist_ok=True)
    (small / "images" / "stray.png").symlink_to(secret)  # referenced by nothing
    opened = tmp_path / "opened.log"
    out = tmp_path / "out"

    def build() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", _AUDITED, str(opened), "--content", str(small), "--output", str(out), "--force"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    done = build()
    assert done.returncode == 0, done.stderr
    (small / "chapters" / "leak.yaml").symlink_to(secret)
    (small / "glossary.yaml").unlink()
    (small / "glossary.yaml").symlink_to(secret)
    done = build()
    assert done.returncode == 1
    assert "TOP-SECRET-MARKER" not in done.stdout + done.stderr
    seen = opened.read_text(encoding="utf-8").splitlines()
    assert str(small / "publication.yaml") in seen  # the log does see what the build opens
    assert str(secret) not in seen
    assert done.stderr.splitlines() == [
        f"{small}/chapters/leak.yaml: links outside the publication folder; content files must be inside it",
        f"{small}/chapters/leak.yaml:1:1: chapter is not listed in publication.yaml (chapters or appendices)",
        f"{small}/glossary.yaml: links outside the publication folder; content files must be inside it",
        "Aborted with 3 errors.",
    ]
    for path in out.rglob("*"):  # the web edition is a folder of files
        assert path.is_dir() or b"TOP-SECRET-MARKER" not in path.read_bytes()
