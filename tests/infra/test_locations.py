"""Where the templates are: the package's, the checkout's, or a house style named in the environment."""

from __future__ import annotations

import pytest

from pamphleteer.errors import UsageError
from pamphleteer.infra import locations


def test_the_checkout_or_package_templates_are_found(monkeypatch):
    monkeypatch.delenv("PAMPHLETEER_TEMPLATES", raising=False)
    found = locations.templates_dir()
    assert (found / "pamphlet" / "pamphlet.html.j2").is_file()
    assert (found / "lecture-master.pptx").is_file()


def test_a_house_style_folder_replaces_them(tmp_path, monkeypatch):
    (tmp_path / "pamphlet").mkdir()
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(tmp_path))
    assert locations.templates_dir() == tmp_path


def test_a_wrong_house_style_folder_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(tmp_path))
    with pytest.raises(UsageError) as caught:
        locations.templates_dir()
    assert str(caught.value) == f"PAMPHLETEER_TEMPLATES={tmp_path}: not a templates folder (no pamphlet/ in it)"
