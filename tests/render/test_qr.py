"""QR codes as one path of runs (render/qr.py)."""

from __future__ import annotations

from pamphleteer.render.qr import qr


def test_a_qr_code_is_one_path_of_runs_inside_a_quiet_zone():
    size, path = qr("https://example.org/")
    assert size == 25 + 8  # version 2 (25 modules) at error level M, with a four-module border
    assert path.startswith("M4 4h7v1h-7z")  # the top-left finder pattern's first row
