"""Golden summaries: the extracted structure of each output of the small publication.

After an intended change, refresh them with:
    PAMPHLETEER_REFRESH_GOLDEN=1 python -m pytest tests/test_golden.py
which writes the new summary and still fails, showing the difference from the committed one;
review the diff of tests/golden/, commit it, and the test passes again.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from . import pdfinfo

# The children's start method (fork or spawn) decides what these exercise: CI runs them under both.
pytestmark = pytest.mark.processes


GOLDEN = Path(__file__).parent / "golden" / "small.json"


def summary(out: Path) -> dict:
    result: dict = {}
    for name in ("pamphlet.pdf", "pamphlet-print.pdf", "pamphlet-booklet.pdf", "handout.pdf"):
        path = out / name
        reader = PdfReader(str(path))
        result[name] = {
            "pages": len(reader.pages),
            "bookmarks": pdfinfo.bookmarks(path),
            "first_lines": [(body.strip().splitlines() or [""])[0] for _, body, *_ in pdfinfo.pages(path)],
        }
    prs = Presentation(str(out / "lecture.pptx"))
    result["lecture.pptx"] = [
        {
            "layout": s.slide_layout.name,
            "title": s.shapes.title.text if s.shapes.title else "",
            "charts": sum(sh.has_chart for sh in s.shapes),
            "tables": sum(sh.has_table for sh in s.shapes),
        }
        for s in prs.slides
    ]
    return json.loads(json.dumps(result))


def test_outputs_match_the_golden_summary(small_build):
    got = _dump(summary(small_build))
    committed = GOLDEN.read_text(encoding="utf-8")  # read before any refresh: the test never passes by rewriting
    if os.environ.get("PAMPHLETEER_REFRESH_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    difference = "".join(difflib.unified_diff(committed.splitlines(True), got.splitlines(True), "committed", "built"))
    assert got == committed, "the outputs differ from tests/golden/small.json:\n" + difference


def _dump(summary: dict) -> str:
    return json.dumps(summary, indent=1, ensure_ascii=False) + "\n"
