"""Content files read once: kept by path, bytes and code, in memory and in the output's cache, verified when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from pamphleteer.content import source
from pamphleteer.engine import pipeline
from pamphleteer.infra import kept

CHAPTER = "title: A chapter\nblocks:\n  - p: First words.\n"


@pytest.fixture
def forgetful(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process remembers nothing read before: as a new process would find it."""
    monkeypatch.setattr(kept, "_memory", type(kept._memory)())


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files read from their YAML from now on (not answered from a shelf)."""
    seen: list[Path] = []
    parse = source._parsed
    monkeypatch.setattr(source, "_parsed", lambda path, raw: seen.append(path) or parse(path, raw))
    return seen


def test_a_file_read_again_is_answered_from_memory_and_an_edit_is_seen(tmp_path, monkeypatch, forgetful):
    path = tmp_path / "c.yaml"
    path.write_text(CHAPTER, encoding="utf-8")
    first, _ = source.read(path, tmp_path)
    parses = _parses(monkeypatch)
    again, _ = source.read(path, tmp_path)
    assert parses == [] and again == first and again is not first  # a copy: nothing shared to change
    path.write_text(CHAPTER.replace("First", "Other"), encoding="utf-8")
    edited, _ = source.read(path, tmp_path)
    assert parses == [path] and edited is not None and edited.data["blocks"][0]["p"] == "Other words."


def test_the_same_bytes_at_another_path_are_located_there(tmp_path, forgetful):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("title: [unclosed\n", encoding="utf-8")
    problems = [source.read(tmp_path / name, tmp_path)[1][0] for name in ("a.yaml", "b.yaml")]
    assert [p.path for p in problems] == [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    assert problems[0].message == problems[1].message and (problems[0].line, problems[0].col) == (1, 8)


def test_a_new_process_finds_the_reading_in_the_folder_and_a_damaged_entry_is_read_again(tmp_path, monkeypatch):
    path, folder = tmp_path / "c.yaml", tmp_path / "shelf"
    path.write_text(CHAPTER, encoding="utf-8")
    monkeypatch.setattr(kept, "_memory", type(kept._memory)())
    shelf = kept.Shelf(folder)
    first, _ = source.read(path, tmp_path, shelf)
    assert not folder.exists()  # nothing written before keep(), which the build calls in its lock
    shelf.keep()
    [entry] = folder.iterdir()
    monkeypatch.setattr(kept, "_memory", type(kept._memory)())
    parses = _parses(monkeypatch)
    assert source.read(path, tmp_path, kept.Shelf(folder))[0] == first and parses == []
    data = bytearray(entry.read_bytes())
    data[-5] ^= 1  # one bit of the pickle changed: its seal no longer matches
    entry.write_bytes(bytes(data))
    monkeypatch.setattr(kept, "_memory", type(kept._memory)())
    assert source.read(path, tmp_path, kept.Shelf(folder))[0] == first and parses == [path]


def test_a_build_keeps_one_entry_per_content_file_and_drops_those_of_older_versions(small, tmp_path, monkeypatch):
    out = tmp_path / "out"
    folder = out / pipeline.CACHE / pipeline.READ
    monkeypatch.setattr(kept, "_memory", type(kept._memory)())
    pipeline.build(small, out, ["epub"])
    files = sorted(p.name for p in small.rglob("*.yaml"))
    before = {p.name for p in folder.iterdir()}
    assert len(before) == len(files)
    chapter = next((small / "chapters").glob("*.yaml"))
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n# an author's note\n", encoding="utf-8")
    parses = _parses(monkeypatch)
    monkeypatch.setattr(kept, "_memory", type(kept._memory)())
    pipeline.build(small, out, ["epub"])
    after = {p.name for p in folder.iterdir()}
    assert parses == [chapter.resolve()]  # the others came from the folder, as a new process finds them
    assert len(after) == len(files) and len(after - before) == 1


def test_a_table_kept_by_two_processes_of_one_build_holds_what_each_added(tmp_path):
    with kept.computing(tmp_path):  # the building process
        kept.table("answers", "v1")["here"] = 1
        with kept.computing(tmp_path):  # a layout child, done first
            kept.table("answers", "v1")["there"] = 2
    kept._memory.clear()
    kept._TABLES.clear()  # a new process
    with kept.computing(tmp_path):
        assert kept.table("answers", "v1") == {"here": 1, "there": 2}
        assert kept.table("answers", "v2") == {}  # another version: nothing of the first's
    with kept.computing(tmp_path, fresh=True):  # --force
        assert kept.table("answers", "v1") == {}


def test_a_table_kept_by_two_processes_of_a_forced_build_holds_what_each_added_and_nothing_before(tmp_path):
    kept._TABLES.clear()
    with kept.computing(tmp_path):
        kept.table("answers", "v1")["before"] = 0  # an earlier build's
    kept._TABLES.clear()
    with kept.computing(tmp_path, fresh=True):  # --force: the building process empties the shelves
        kept.table("answers", "v1")["here"] = 1
        with kept.computing(tmp_path, fresh=True, first=False):  # a layout child, done first
            kept.table("answers", "v1")["there"] = 2
    kept._memory.clear()
    kept._TABLES.clear()  # a new process
    with kept.computing(tmp_path):
        assert kept.table("answers", "v1") == {"here": 1, "there": 2}


def test_a_table_writes_only_what_a_build_added_and_a_watch_reads_it_once(tmp_path, monkeypatch):
    kept._TABLES.clear()
    folder = tmp_path / "answers"
    with kept.computing(tmp_path):
        kept.table("answers", "v1").update({"a": 1})  # update() adds without noting: nothing to write
        kept.table("answers", "v1")["b"] = 2
    [first] = folder.iterdir()
    reads: list[Path] = []
    read = kept.output.read
    monkeypatch.setattr(kept.output, "read", lambda path, *a: reads.append(path) or read(path, *a))
    with kept.computing(tmp_path):  # the next build of a --watch: the table held, not read again
        kept.table("answers", "v1")["c"] = 3
    assert reads == []
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and first.name in names  # the first entry untouched, one with "c" beside it
    kept._TABLES.clear()  # a new process reads both
    with kept.computing(tmp_path):
        assert kept.table("answers", "v1") == {"b": 2, "c": 3}


def test_what_a_process_answered_before_its_build_began_is_kept_with_the_builds_answers(tmp_path):
    # loading the book checks every text by parsing it, before the build's shelves are open: those
    # answers are kept too, for a process that never loaded the book (a --watch's layouts)
    kept._TABLES.clear()
    kept.table("answers", "v1")["loaded"] = 1  # outside a build
    with kept.computing(tmp_path):
        table = kept.table("answers", "v1")
        assert table == {"loaded": 1}
        table["built"] = 2
    kept._TABLES.clear()  # a new process
    with kept.computing(tmp_path):
        assert kept.table("answers", "v1") == {"loaded": 1, "built": 2}
    kept._TABLES.clear()
    kept.table("answers", "v1")["before --force"] = 3
    with kept.computing(tmp_path / "forced", fresh=True):  # --force trusts nothing it did not work out in the build
        assert kept.table("answers", "v1") == {}
    kept._TABLES.clear()
    with kept.computing(tmp_path):
        kept.table("answers", "v1")["one"] = 1
    kept.table("answers", "v1")  # outside a build again: what the last build held is not carried twice
    with kept.computing(tmp_path / "another"):
        assert kept.table("answers", "v1") == {}


def test_a_tables_many_entries_are_merged_into_one_and_a_damaged_one_is_not_trusted(tmp_path):
    kept._TABLES.clear()
    folder = tmp_path / "answers"
    for n in range(kept.COMPACT + 1):
        with kept.computing(tmp_path):
            kept.table("answers", "v1")[n] = n
    assert len(list(folder.iterdir())) == kept.COMPACT + 1
    kept._TABLES.clear()
    with kept.computing(tmp_path):
        kept.table("answers", "v1")["last"] = 0
    [merged] = folder.iterdir()
    kept._TABLES.clear()
    with kept.computing(tmp_path):
        assert kept.table("answers", "v1") == {**{n: n for n in range(kept.COMPACT + 1)}, "last": 0}
        kept.table("answers", "v1")["more"] = 1
    added = next(p for p in folder.iterdir() if p != merged)
    data = bytearray(added.read_bytes())
    data[-3] ^= 1
    added.write_bytes(bytes(data))
    kept._TABLES.clear()
    with kept.computing(tmp_path):
        assert "more" not in kept.table("answers", "v1") and kept.table("answers", "v1")["last"] == 0


def test_this_process_keeps_entries_by_their_bytes_the_least_recently_used_let_go_first(monkeypatch, forgetful):
    # A rebuild asks for some 500 entries (a publication's files, its separated pages, its chapters'
    # HTML), in the same order each time: a count of 256 kept none of them from one build to the next.
    shelf = kept.Shelf()  # this process's memory only
    for n in range(600):
        shelf.store(f"k{n}", b"x" * 100)
    assert all(shelf.recall(f"k{n}") == b"x" * 100 for n in range(600))
    monkeypatch.setattr(kept, "MEMORY", 10 * len(kept._memory[f"k{0}"]))
    shelf.recall("k0")  # used last: kept
    shelf.store("new", b"x" * 100)
    assert len(kept._memory) == 10 and kept._memory.size <= kept.MEMORY
    assert shelf.recall("k0") is not None and shelf.recall("k1") is None and shelf.recall("new") is not None


def test_a_long_lived_process_preloads_a_builds_shelves_and_reads_none_again(tmp_path, monkeypatch, forgetful):
    cache = tmp_path / "cache"
    read, computed = kept.Shelf(cache / "read"), kept.Shelf(cache / kept.COMPUTED / "separated")
    read.store("r1", {"data": 1})
    computed.store("c1", b"stream")
    read.keep()
    computed.keep()
    (cache / "0123.pdf").write_bytes(b"%PDF a part: no shelf's")
    monkeypatch.setattr(kept, "_memory", type(kept._memory)())  # a new process
    kept.preload(cache, "read")
    assert sorted(kept._memory) == ["c1", "r1"]
    monkeypatch.setattr(kept.output, "read", lambda path, limit=0: pytest.fail(f"{path} read again"))
    assert kept.Shelf(cache / "read").recall("r1") == {"data": 1}
    assert kept.Shelf(cache / kept.COMPUTED / "separated").recall("c1") == b"stream"
    kept.preload(tmp_path / "none", "read")  # no cache yet: nothing, and no error
