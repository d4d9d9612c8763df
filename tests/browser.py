"""Debian's chromium, headless, as the screen tests drive it: where it is, a mark that skips a test
without it, and one run of it (its ``--dump-dom`` or ``--screenshot`` flags given by the test)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package chromium)")


def chromium(*args: str) -> str:
    """What one headless run of chromium with ``args`` printed (the page's DOM, with ``--dump-dom``)."""
    assert CHROMIUM
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout
