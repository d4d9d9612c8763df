"""Ace by DAISY, the checker libraries run on an EPUB before they call it accessible, on three books: the small
test publication (charts, notes, every register), the Arabic one (right to left, its own script's font) and a
flyer (text only). Each has no violation and no best-practice item, and declares its conformance.

Ace is the npm package ``@daisy/ace`` (``.ci/run`` installs it into ``.ci/node_modules`` beside axe-core);
it drives Debian's chromium through puppeteer, pointed at it by ``PUPPETEER_EXECUTABLE_PATH``. Where it is
not installed the tests are skipped; in CI its absence fails them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pamphleteer import content
from pamphleteer.screen import ebook
from tests.browser import CHROMIUM
from tests.conftest import FLYER, PUBLICATIONS, ROOT, SMALL

ACE = Path(os.environ.get("PAMPHLETEER_ACE", ROOT / ".ci" / "node_modules" / "@daisy" / "ace-cli" / "bin" / "ace.js"))


def _ace(epub: Path, report: Path) -> dict:
    if not ACE.is_file() or CHROMIUM is None or shutil.which("node") is None:
        message = f"Ace by DAISY, node or chromium missing ({ACE}): npm install --prefix .ci @daisy/ace (see .ci/run)"
        if os.environ.get("CI"):
            raise AssertionError(message)
        pytest.skip(message)
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    done = subprocess.run(
        ["node", str(ACE), "--silent", "--outdir", str(report), str(epub)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert (report / "report.json").is_file(), done.stdout + done.stderr
    return json.loads((report / "report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("folder", [SMALL, PUBLICATIONS / "ar", FLYER], ids=["small", "ar", "flyer"])
def test_ace_finds_nothing_and_reads_the_conformance_claim(folder, build_of, tmp_path):
    epub = tmp_path / "pamphlet.epub"
    shutil.copyfile(build_of(folder) / "pamphlet.epub", epub)  # Ace works beside the file: not in the shared build
    report = _ace(epub, tmp_path / "ace")
    found = [
        (a["earl:testSubject"]["url"], t["earl:test"]["dct:title"], t["earl:result"].get("html", "")[:120])
        for a in report["assertions"]
        for t in a["assertions"]
    ]
    assert found == []  # neither a violation nor a best-practice item
    assert report["earl:result"]["earl:outcome"] == "pass"
    metadata = report["earl:testSubject"]["metadata"]
    assert metadata["dcterms:conformsTo"] == ebook.CONFORMANCE == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    assert metadata["a11y:certifiedBy"] == content.load(folder).publication.publisher
    assert {"dcterms:conformsTo", "a11y:certifiedBy", "schema:accessibilitySummary"} <= set(
        report["a11y-metadata"]["present"]
    )
