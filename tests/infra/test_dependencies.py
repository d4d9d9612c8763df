"""Recorded dependencies: every file served is noted with its digest, and a change to any of them is seen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.render import typeset


def test_files_read_inside_a_recording_are_keyed_by_root(tmp_path):
    image = tmp_path / "images" / "a.png"
    image.parent.mkdir()
    image.write_bytes(b"one")
    with dependencies.recording((tmp_path,)) as recorder:
        dependencies.record(image)
        dependencies.record(templates_dir() / "pamphlet" / "pamphlet.css")
        dependencies.record(tmp_path.parent / "elsewhere.txt")  # outside both roots: not a dependency
    assert sorted(recorder.files) == ["content:images/a.png", "templates:pamphlet/pamphlet.css"]
    assert recorder.files["content:images/a.png"] == dependencies.digest(b"one")


def test_nothing_is_recorded_outside_a_recording(tmp_path):
    dependencies.record(tmp_path / "x")  # no error, no effect
    with dependencies.recording((tmp_path,)) as recorder:
        pass
    assert recorder.files == {}


def test_a_changed_missing_or_escaping_file_is_seen(tmp_path):
    page = tmp_path / "page.png"
    page.write_bytes(b"one")
    with dependencies.recording((tmp_path,)) as recorder:
        dependencies.record(page)
    assert dependencies.unchanged(recorder.files, (tmp_path,))
    page.write_bytes(b"two")
    assert not dependencies.unchanged(recorder.files, (tmp_path,))
    page.unlink()
    assert not dependencies.unchanged(recorder.files, (tmp_path,))
    outside = tmp_path.parent / f"{tmp_path.name}-outside.png"
    outside.write_bytes(b"one")
    page.symlink_to(outside)  # the same bytes, but no longer inside the publication
    assert not dependencies.unchanged(recorder.files, (tmp_path,))
    assert not dependencies.unchanged({"elsewhere:x": "0"}, (tmp_path,))


def test_templates_stylesheets_and_files_served_for_a_layout_are_recorded(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    (templates / "pamphlet").mkdir(parents=True)
    (templates / "pamphlet" / "page.html.j2").write_text('{% include "pamphlet/part.html.j2" %}', encoding="utf-8")
    (templates / "pamphlet" / "part.html.j2").write_text('<p>x</p><img src="{{ pic }}">', encoding="utf-8")
    (templates / "pamphlet" / "page.css").write_text("p { color: red }", encoding="utf-8")
    (templates / "pamphlet" / "unused.css").write_text("p { color: blue }", encoding="utf-8")
    shutil.copytree(templates_dir() / "locales", templates / "locales")  # the tool's own words
    content = tmp_path / "content"
    content.mkdir()
    (content / "pic.png").write_bytes(_PNG)
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    with dependencies.recording((content,)) as recorder:
        source = typeset.html("pamphlet/page.html.j2", "en", pic=(content / "pic.png").as_uri())
        typeset.layout(source, (content,), ["pamphlet/page.css"])
    assert sorted(recorder.files) == [
        "content:pic.png",
        "templates:locales/en.yaml",
        "templates:pamphlet/page.css",
        "templates:pamphlet/page.html.j2",
        "templates:pamphlet/part.html.j2",
    ]


# A 1x1 PNG.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_a_file_found_unchanged_is_not_resolved_again_while_it_stays_the_same_file(tmp_path, monkeypatch):
    font = tmp_path / "face.ttf"
    font.write_bytes(b"one")
    with dependencies.recording((tmp_path,)) as recorder:
        dependencies.record(font)
    resolved: list[Path] = []
    real = Path.resolve

    def counting(self: Path, strict: bool = False) -> Path:
        resolved.append(self)
        return real(self, strict)

    monkeypatch.setattr(Path, "resolve", counting)
    assert dependencies.unchanged(recorder.files, (tmp_path,))
    first = resolved.count(font)
    assert first == 1 and dependencies.unchanged(recorder.files, (tmp_path,)) and resolved.count(font) == first
    font.write_bytes(b"two, longer")
    assert not dependencies.unchanged(recorder.files, (tmp_path,)) and resolved.count(font) == first + 1
    font.unlink()
    (tmp_path / "elsewhere.ttf").write_bytes(b"one")
    font.symlink_to(tmp_path / "elsewhere.ttf")  # the same bytes in another file inside: checked again, and found so
    assert dependencies.unchanged(recorder.files, (tmp_path,)) and resolved.count(font) == first + 2


def test_a_file_is_hashed_once_while_it_stays_as_it_is(tmp_path, monkeypatch):
    font = tmp_path / "face.ttf"
    font.write_bytes(b"one")
    reads: list[Path] = []
    real = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    first = dependencies.file_digest(font)
    assert dependencies.file_digest(font) == first and reads.count(font) == 1
    font.write_bytes(b"two, longer")  # another size: read again
    assert dependencies.file_digest(font) != first and reads.count(font) == 2


def test_an_upgraded_library_that_shapes_outputs_changes_the_code_digest(tmp_path, monkeypatch):
    """An upgrade of WeasyPrint (say) remakes every output, as a change of our own code does; a library
    that does not shape outputs changes nothing."""
    site = tmp_path / "site"
    (site / "weasyprint-70.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    dependencies.code_digest.cache_clear()
    before = dependencies.code_digest()
    assert b"weasyprint-70.0" in dependencies.libraries()
    (site / "requests-9.9.dist-info").mkdir()
    dependencies.code_digest.cache_clear()
    assert dependencies.code_digest() == before
    (site / "weasyprint-70.0.dist-info").rename(site / "WeasyPrint-71.1.dist-info")
    dependencies.code_digest.cache_clear()
    assert b"weasyprint-71.1" in dependencies.libraries()
    assert dependencies.code_digest() != before
    monkeypatch.undo()
    dependencies.code_digest.cache_clear()


def test_a_build_with_nothing_to_do_sees_a_code_file_saved_again_by_its_time_alone(tmp_path, monkeypatch):
    """The quick check compares the code's sizes and times: a file saved with the same bytes is news to it
    (it then builds in full, where the digest of the bytes decides), and the bytes are never read."""
    module = tmp_path / "stage" / "module.py"
    module.parent.mkdir()
    module.write_text("WIDTH = 1\n", encoding="utf-8")
    monkeypatch.setattr(dependencies, "PACKAGE", tmp_path)
    for cached in (dependencies.code_signature, dependencies.code_digest):
        cached.cache_clear()
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}"))
    signature = dependencies.code_signature()
    os.utime(module, ns=(module.stat().st_atime_ns, module.stat().st_mtime_ns + 1_000_000_000))
    dependencies.code_signature.cache_clear()
    assert dependencies.code_signature() != signature
    monkeypatch.undo()
    for cached in (dependencies.code_signature, dependencies.code_digest):
        cached.cache_clear()
