"""The HTML-to-PDF fence: templates and fonts are read from the templates folder, and nothing else."""

from __future__ import annotations

import shutil


def test_a_bundled_font_gone_missing_is_an_installation_error(small, run, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(_templates(), templates)
    (templates / "fonts" / "PTS55F.ttf").unlink()
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    out = tmp_path / "out"
    code, stdout, err = run("pamphlet", "--content", small, "--output", out)
    assert (code, stdout) == (2, "")
    assert (
        err
        == f"pamphleteer: {templates / 'fonts' / 'PTS55F.ttf'}: file missing (a damaged installation? reinstall pamphleteer)\n"
    )
    assert not (out / "pamphlet.pdf").exists()


def _templates():
    from pamphleteer.locations import templates_dir

    return templates_dir()
