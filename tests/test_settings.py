"""settings.py: every environment variable read when asked, checked, and listed where a user looks."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest

from pamphleteer import content, settings
from pamphleteer.content import stamp
from pamphleteer.infra import workers
from pamphleteer.lecture import drawing
from pamphleteer.screen import ebook

from .conftest import ROOT, SMALL

TIMEOUT = "a number of seconds from 1 to 86400"
EPOCH = "a whole number of seconds since 1970-01-01 00:00 UTC, from 0 to 253402300799"
BAD = [
    ("SOURCE_DATE_EPOCH", "abc", EPOCH),
    ("SOURCE_DATE_EPOCH", "-5", EPOCH),
    ("SOURCE_DATE_EPOCH", "1e30", EPOCH),
    ("SOURCE_DATE_EPOCH", "1700000000.5", EPOCH),
    ("SOURCE_DATE_EPOCH", "253402300800", EPOCH),
    ("PAMPHLETEER_TIMEOUT", "0", TIMEOUT),
    ("PAMPHLETEER_TIMEOUT", "abc", TIMEOUT),
    ("PAMPHLETEER_TIMEOUT", "inf", TIMEOUT),
    ("PAMPHLETEER_TIMEOUT", "1e-300", TIMEOUT),
    ("PAMPHLETEER_TIMEOUT", "0.5", TIMEOUT),
    ("PAMPHLETEER_TIMEOUT", "-600", TIMEOUT),
    ("PAMPHLETEER_TIMEOUT", "nan", TIMEOUT),
    ("PAMPHLETEER_MEMORY_MB", "lots", "a whole number of megabytes from 256 to 1048576"),
    ("PAMPHLETEER_MEMORY_MB", "100", "a whole number of megabytes from 256 to 1048576"),
    ("PAMPHLETEER_START_METHOD", "threads", "fork, spawn or forkserver, one this system has (Windows has only spawn)"),
    ("PAMPHLETEER_DEBUG_CSS", "maybe", "1 or 0 (yes, no, true, false, on, off)"),
]


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    for variable in settings.VARIABLES:
        monkeypatch.delenv(variable.name, raising=False)


@pytest.mark.parametrize(("name", "value", "accepts"), BAD)
def test_a_bad_value_is_a_usage_error_naming_the_variable(run, monkeypatch, tmp_path, name, value, accepts):
    monkeypatch.setenv(name, value)
    code, out, err = run("--content", SMALL, "--output", tmp_path / "out")
    assert (code, out) == (2, "")
    assert err == f"pamphleteer: {name}={value}: expected {accepts}\n"
    assert not (tmp_path / "out").exists()


def test_every_bad_value_is_named_at_once(run, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "-5")
    monkeypatch.setenv("PAMPHLETEER_TIMEOUT", "0")
    code, _, err = run("check", "--content", SMALL)
    assert code == 2
    assert err == (
        f"pamphleteer: SOURCE_DATE_EPOCH=-5: expected {EPOCH}; "
        "PAMPHLETEER_TIMEOUT=0: expected a number of seconds from 1 to 86400\n"
    )


def test_a_long_or_unprintable_value_is_shown_short(monkeypatch):
    monkeypatch.setenv("PAMPHLETEER_TIMEOUT", "x\x1b" + "9" * 60)
    with pytest.raises(Exception) as caught:
        settings.timeout()
    assert str(caught.value).startswith("PAMPHLETEER_TIMEOUT=x\\x1b" + "9" * 35 + "...: expected ")


def test_values_are_read_when_asked_not_at_import(monkeypatch):
    assert (settings.timeout(), settings.memory_mb(), settings.debug_css()) == (600.0, 3072, False)
    monkeypatch.setenv("PAMPHLETEER_TIMEOUT", "2.5")
    monkeypatch.setenv("PAMPHLETEER_MEMORY_MB", "512")
    monkeypatch.setenv("PAMPHLETEER_DEBUG_CSS", "yes")
    assert (settings.timeout(), settings.memory_mb(), settings.debug_css()) == (2.5, 512, True)
    with workers.Jobs() as jobs:
        assert jobs.timeout == 2.5


def test_an_empty_value_is_no_value(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    monkeypatch.setenv("PAMPHLETEER_TIMEOUT", " ")
    assert (settings.source_date(), settings.timeout()) == (None, 600.0)


def test_the_epoch_stamps_every_date_it_accepts(monkeypatch):
    book = content.load(SMALL)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert stamp(book) == "1970-01-01T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(settings.LAST_EPOCH))
    assert stamp(book) == "9999-12-31T23:59:59Z"


def test_zip_entries_keep_within_the_years_a_zip_can_hold(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(settings.LAST_EPOCH))
    with zipfile.ZipFile(io.BytesIO(ebook.render(content.load(SMALL)))) as z:
        assert {i.date_time for i in z.infolist()} == {(2107, 12, 31, 23, 59, 58)}
        assert '<meta property="dcterms:modified">9999-12-31T23:59:59Z</meta>' in z.read("EPUB/package.opf").decode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("docProps/core.xml", "<x/>")
    with zipfile.ZipFile(io.BytesIO(drawing._normalise_zip(buffer.getvalue(), "9999-12-31T23:59:59Z"))) as z:
        assert z.infolist()[0].date_time == (2107, 12, 31, 23, 59, 58)


def test_help_and_readme_list_every_variable():
    out = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True, check=True)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, does, accepts in settings.described():
        assert f"  {name}\n      {does}\n      value: {accepts}\n" in out.stdout
        assert f"| `{name}` |" in readme, f"README.md does not list {name}"
