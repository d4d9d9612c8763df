"""filecache.py: a file read once while it stays the same, and again as soon as it changes."""

from __future__ import annotations

import os

import pytest

from pamphleteer.infra.filecache import by_file


def test_a_file_is_read_again_only_when_it_changed(tmp_path):
    reads: list[str] = []

    @by_file(maxsize=4)
    def read(path):
        reads.append(path.read_text(encoding="utf-8"))
        return reads[-1]

    path = tmp_path / "words.yaml"
    path.write_text("one", encoding="utf-8")
    assert [read(path), read(path)] == ["one", "one"]
    assert reads == ["one"]
    path.write_text("two", encoding="utf-8")  # same size: the time tells
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert read(path) == "two"
    replacement = tmp_path / "new.yaml"
    replacement.write_text("six", encoding="utf-8")
    os.utime(replacement, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))  # same size and time
    os.replace(replacement, path)  # as an editor saves: another file under the same name
    assert read(path) == "six"
    assert reads == ["one", "two", "six"]


def test_a_missing_file_is_left_to_the_reader_to_report(tmp_path):
    @by_file(maxsize=4)
    def read(path):
        return path.read_bytes()

    with pytest.raises(FileNotFoundError):
        read(tmp_path / "gone.ttf")
