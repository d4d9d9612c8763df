"""The recipe end to end, as a user runs it: in a subprocess, on any platform's terms."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from .conftest import ROOT, SMALL

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
    assert (out / "pamphlet.pdf").is_file() and (out / "handout.pdf").is_file()
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
    assert sorted(p.name for p in out.iterdir()) == [".pamphleteer-state.json", "lecture.pptx", "pamphlet.pdf"]


def test_no_module_imports_a_posix_only_module_at_load_time():
    code = _BLOCK_POSIX.replace(
        "from pamphleteer.cli import main\n\nsys.exit(main(sys.argv[1:]))",
        "import importlib, pkgutil, pamphleteer\n"
        "for m in pkgutil.walk_packages(pamphleteer.__path__, 'pamphleteer.'):\n"
        "    if m.name not in ('pamphleteer.__main__', 'pamphleteer.bench'):\n"
        "        importlib.import_module(m.name)\n",
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
