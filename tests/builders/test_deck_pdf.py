"""The deck as PDF: built only when named, from the deck's bytes; without LibreOffice, a clear usage error."""

from __future__ import annotations

from pamphleteer.builders import REGISTRY, select
from pamphleteer.lecture import libreoffice


def test_it_is_optional_and_made_from_the_deck():
    build = REGISTRY["deck-pdf"]
    assert (build.needs, build.optional) == (("deck",), True)
    assert build not in select([]) and select(["deck-pdf"]) == [build]


def test_without_soffice_the_build_says_how_to_get_it(small, run, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    code, stdout, err = run("deck-pdf", "--content", small, "--output", out)
    assert (code, stdout) == (2, "")
    assert err == f"pamphleteer: {libreoffice.HOW_TO_INSTALL}\n"
    assert not (out / "lecture.pdf").exists() and not (out / "lecture.pptx").exists()
