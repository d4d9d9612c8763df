"""quickload.py: WeasyPrint imported with every library it needs, and no search for them on Linux."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

COUNTED = """
import ctypes.util
searched = []
search = ctypes.util.find_library
def counted(name):
    searched.append(name)
    return search(name)
ctypes.util.find_library = counted
import {module}
from weasyprint.text import ffi
assert ctypes.util.find_library is counted  # the search is put back as it was
assert None not in (ffi.gobject, ffi.pango, ffi.harfbuzz, ffi.harfbuzz_subset, ffi.fontconfig, ffi.pangoft2)
print(len(searched))
"""


def _searches(module: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", COUNTED.format(module=module)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the search runs programs on Linux only")
def test_weasyprint_loads_every_library_without_a_search():
    assert _searches("weasyprint") > 0  # on its own, it searches for the names it cannot open
    assert _searches("pamphleteer.infra.quickload") == 0
