"""The one writer: failed, interrupted and concurrent builds lose nothing."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys

try:
    import resource  # POSIX only
except ImportError:  # Windows
    resource = None
from pathlib import Path

import pytest
import yaml

from pamphleteer import settings
from pamphleteer.engine.pipeline import CACHE
from pamphleteer.errors import UsageError
from pamphleteer.infra import buildlock, output
from tests import children, pdfinfo
from tests.conftest import ROOT, snapshot


def _edit_a_paragraph(content: Path) -> None:
    """An edit that remakes the pamphlet's editions, the e-book and the web edition."""
    chapter = content / "chapters" / "safety.yaml"
    data = yaml.safe_load(chapter.read_text(encoding="utf-8"))
    data["blocks"][0]["p"] += " Quite so."
    chapter.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_write_replaces_files_and_skips_unchanged(tmp_path):
    written = output.write(tmp_path, {"a.txt": b"one", "b.txt": b"two"})
    assert [p.name for p in written] == ["a.txt", "b.txt"]
    assert output.write(tmp_path, {"a.txt": b"one", "b.txt": b"three"}) == [tmp_path / "b.txt"]
    assert snapshot(tmp_path) == {"a.txt": b"one", "b.txt": b"three"}


def test_failed_build_keeps_previous_outputs(small, small_out, run):
    out = small_out
    before = snapshot(out)
    assert sorted(n for n in before if not n.startswith("web/")) == [
        ".pamphleteer-quick.json",
        ".pamphleteer-state.json",
        ".pamphleteer-written.json",
        "handout.pdf",
        "lecture-script.pdf",
        "lecture.pptx",
        "pamphlet-booklet.pdf",
        "pamphlet-print.pdf",
        "pamphlet.epub",
        "pamphlet.pdf",
    ]
    assert "web/index.html" in before
    (small / "chapters" / "safety.yaml").write_text("title: [broken\n", encoding="utf-8")
    code, _, err = run("--content", small, "--output", out, "--force")
    assert code == 1 and err.endswith("Aborted with 1 error.\n")
    assert snapshot(out) == before


def test_stale_temporary_files_are_swept(small, run, tmp_path):
    out = tmp_path / "out"
    (out / "web").mkdir(parents=True)
    (out / ".pamphleteer-tmp-abc123").write_bytes(b"half a pdf")
    (out / "web" / ".pamphleteer-tmp-def456").write_bytes(b"half a page")  # a build killed writing the web edition
    assert run("--content", small, "--output", out, "deck")[0] == 0
    assert sorted(snapshot(out)) == [
        ".pamphleteer-quick.json",
        ".pamphleteer-state.json",
        ".pamphleteer-written.json",
        "lecture.pptx",
    ]
    assert list((out / "web").iterdir()) == []


def test_output_folder_that_cannot_be_written(small, run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = run("--content", small, "--output", blocker / "out")
    assert code == 2
    assert (
        err == f"pamphleteer: {blocker / 'out'}: cannot create the output folder: {blocker} is a file, not a folder\n"
    )
    assert blocker.read_text(encoding="utf-8") == "not a folder"


# Where a build can be stopped, and how: the layout children running, everything in memory, and
# the new files written beside the old ones but none moved into place (a kill leaves them there).
INTERRUPTIONS = [
    ("layout", "SIGINT"),
    ("layout", "SIGTERM"),
    ("layout", "SIGKILL"),
    ("before-write", "SIGTERM"),
    ("mid-write", "SIGINT"),
    ("mid-write", "SIGKILL"),
]


def _outputs(folder: Path) -> dict[str, bytes]:
    """The folder's files but the writer's ledger, which a build stopped mid-write leaves listing the
    files it was about to move in (more than it wrote, never less: see infra/output.py)."""
    return {k: v for k, v in snapshot(folder).items() if k != output.LEDGER}


@pytest.mark.processes
@pytest.mark.skipif(os.name == "nt", reason="POSIX signals (Windows has no SIGKILL, and SIGINT is a console event)")
@pytest.mark.parametrize(("point", "name"), INTERRUPTIONS)
def test_interrupted_build_keeps_previous_outputs(point, name, small, small_out, run):
    out = small_out
    before = _outputs(out)
    _edit_a_paragraph(small)
    build = children.build("--content", small, "--output", out, env={settings.HOLD.name: point})
    try:
        build.wait_for(f"pamphleteer: holding {settings.HOLD_POINTS[point]}")
        # (the layouts keep each part in the cache folder as it settles, each file written beside its
        # place and moved in, while the build is held: a part's may be on its way in)
        temps = [
            p.relative_to(out).as_posix()
            for p in out.rglob(output.TEMP_PREFIX + "*")
            if p.relative_to(out).parts[0] != CACHE
        ]
        assert bool(temps) == (point == "mid-write")  # the hold is where it says it is
        build.proc.send_signal(getattr(signal, name))
        code, _, err = build.finish()
    finally:
        build.stop()
    if name == "SIGKILL":
        assert code == -signal.SIGKILL
        left = set(_outputs(out)) - set(before)  # what a killed build cannot clean up; the next one does
        assert left <= {buildlock.LOCK_NAME, *temps}
    else:
        assert code == 130 and err.endswith("pamphleteer: interrupted; previous outputs are untouched\n")
    assert {k: v for k, v in _outputs(out).items() if k in before} == before
    assert set(before) <= set(_outputs(out))
    assert run("--content", small, "--output", out, "-q")[0] == 0
    assert not [n for n in snapshot(out) if Path(n).name.startswith((output.TEMP_PREFIX, buildlock.LOCK_NAME))]
    assert "quite so." in pdfinfo.text(out / "pamphlet.pdf")


def test_files_get_ordinary_permissions(tmp_path):
    output.write(tmp_path, {"x.pdf": b"%PDF"})
    umask = os.umask(0o022)
    os.umask(umask)
    assert (tmp_path / "x.pdf").stat().st_mode & 0o777 == 0o666 & ~umask


def _write(folder: Path, files: dict[str, bytes], **extra) -> list[Path]:
    return output.write(folder, files, state={".pamphleteer-state.json": b"{}"}, ledger=True, **extra)


def test_only_files_the_writer_wrote_are_removed(tmp_path, caplog):
    (tmp_path / "web" / "notes").mkdir(parents=True)
    (tmp_path / "web" / "CNAME").write_text("example.org\n", encoding="utf-8")  # the author's, from the start
    (tmp_path / "web" / "notes" / "chapter.yaml").write_text("title: Mine\n", encoding="utf-8")
    (tmp_path / "mine.txt").write_text("the author's\n", encoding="utf-8")
    _write(tmp_path, {"web/index.html": b"<p>1", "web/old/page.html": b"<p>old"}, prune=["web/"])
    assert "left in place, as pamphleteer did not write them: web/CNAME, web/notes/chapter.yaml" in caplog.text
    caplog.clear()
    _write(tmp_path, {"web/index.html": b"<p>2"}, prune=["web/"])  # web/old/page.html is no longer made
    assert sorted(n for n in snapshot(tmp_path) if not n.startswith(".pamphleteer")) == [
        "mine.txt",
        "web/CNAME",
        "web/index.html",
        "web/notes/chapter.yaml",
    ]
    assert not (tmp_path / "web" / "old").exists()  # emptied by the removal, so removed too
    assert "web/CNAME, web/notes/chapter.yaml" in caplog.text
    _write(tmp_path, {}, remove=["web/"])  # the web edition retired: ours go, the author's stay
    assert sorted(n for n in snapshot(tmp_path) if not n.startswith(".pamphleteer")) == [
        "mine.txt",
        "web/CNAME",
        "web/notes/chapter.yaml",
    ]


def test_a_file_the_writer_did_not_write_is_never_replaced(tmp_path):
    (tmp_path / "web").mkdir()
    (tmp_path / "pamphlet.pdf").write_bytes(b"the author's own pamphlet")
    (tmp_path / "web" / "index.html").write_bytes(b"<p>the author's own page")
    with pytest.raises(UsageError) as caught:
        _write(tmp_path, {"pamphlet.pdf": b"%PDF", "web/index.html": b"<p>ours", "lecture.pptx": b"PK"})
    assert str(caught.value) == (
        f"{tmp_path}: not written by pamphleteer, in the way of its outputs: pamphlet.pdf, web/index.html; "
        "move them out of the output folder or choose another --output"
    )
    assert sorted(snapshot(tmp_path)) == ["pamphlet.pdf", "web/index.html"]  # nothing written
    (tmp_path / "pamphlet.pdf").write_bytes(b"%PDF")  # the very bytes the build makes: taken as its own
    (tmp_path / "web" / "index.html").unlink()
    _write(tmp_path, {"pamphlet.pdf": b"%PDF", "web/index.html": b"<p>ours"})
    assert output.written(tmp_path) == {"pamphlet.pdf", "web/index.html"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_links_and_pipes_in_the_output_folder_are_never_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "web").symlink_to(elsewhere)
    os.mkfifo(out / "pamphlet.pdf")  # reading it would hang
    with pytest.raises(UsageError) as caught:
        _write(out, {"pamphlet.pdf": b"%PDF", "web/index.html": b"<p>"})
    assert str(caught.value).splitlines() == [  # each named, at once, by what it is
        f"{out / 'pamphlet.pdf'}: a named pipe stands where the build writes a file; "
        "the build writes only ordinary files: remove it",
        f"{out / 'web'}: a link to {elsewhere} stands where the build writes a folder; "
        "the build writes only ordinary files: remove it",
    ]
    assert list(elsewhere.iterdir()) == []


def test_a_folder_built_before_the_ledger_is_rebuilt_without_losing_the_authors_files(tmp_path):
    (tmp_path / "web").mkdir()
    (tmp_path / ".pamphleteer-state.json").write_bytes(b"{}")  # an earlier version's build
    (tmp_path / "pamphlet.pdf").write_bytes(b"%PDF old")
    (tmp_path / "web" / "index.html").write_bytes(b"<p>old")
    (tmp_path / "web" / "CNAME").write_bytes(b"example.org")
    _write(tmp_path, {"pamphlet.pdf": b"%PDF new", "web/index.html": b"<p>new"}, prune=["web/"])
    assert (tmp_path / "pamphlet.pdf").read_bytes() == b"%PDF new"
    assert (tmp_path / "web" / "CNAME").read_bytes() == b"example.org"


def test_a_damaged_ledger_claims_nothing(tmp_path):
    _write(tmp_path, {"web/a.html": b"a"})
    ledger = tmp_path / output.LEDGER
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("web/a.html", "web/b.html"), encoding="utf-8")
    (tmp_path / "web" / "b.html").write_bytes(b"the author's")
    _write(tmp_path, {"web/c.html": b"c"}, prune=["web/"])
    assert sorted(snapshot(tmp_path / "web")) == ["a.html", "b.html", "c.html"]


def _stand(path: Path, kind: str) -> None:
    """Put ``kind`` where a file goes: a folder, a named pipe, or a link to a device or a file outside."""
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to(kind)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("folder", "a folder"),
        ("pipe", "a named pipe"),
        ("/dev/null", "a link to /dev/null"),
        ("/dev/zero", "a link to /dev/zero"),
        ("/etc/hostname", "a link to /etc/hostname"),
    ],
)
def test_something_other_than_a_file_where_an_output_goes_is_refused_before_anything_is_written(kind, said, tmp_path):
    _stand(tmp_path / "b.txt", kind)
    before = os.lstat(tmp_path / "b.txt")
    with pytest.raises(UsageError) as refused:
        output.write(tmp_path, {"a.txt": b"one", "b.txt": b"two"})
    assert str(refused.value) == (
        f"{tmp_path / 'b.txt'}: {said} stands where the build writes a file; the build writes only ordinary files: "
        "remove it"
    )
    assert not (tmp_path / "a.txt").exists()  # all or nothing
    assert os.lstat(tmp_path / "b.txt") == before and sorted(os.listdir(tmp_path)) == ["b.txt"]


def test_a_folder_linked_elsewhere_is_never_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "web").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UsageError, match=r"/out/web: a link to .*/elsewhere stands where the build writes a folder"):
        output.write(tmp_path / "out", {"web/index.html": b"<p>hi</p>"})
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_reading_back_never_waits_on_a_pipe_nor_follows_a_link(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to("/etc/hostname")
    (tmp_path / "file").write_bytes(b"ours")
    assert [output.read(tmp_path / n) for n in ("pipe", "link", "file", "missing")] == [None, None, b"ours", None]
    assert output.read(tmp_path / "file", limit=3) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_build_into_a_folder_with_a_pipe_where_its_state_goes_says_so(small, small_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(small_build, out)
    (out / ".pamphleteer-state.json").unlink()
    os.mkfifo(out / ".pamphleteer-state.json")
    before = snapshot(out)
    # in a child with a time limit: a build that opened the pipe would wait for ever
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "handout", "--content", str(small), "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"pamphleteer: {out / '.pamphleteer-state.json'}: a named pipe stands where the build writes a file; "
        "the build writes only ordinary files: remove it\n",
    )
    assert snapshot(out) == before and not list(out.glob(".pamphleteer-tmp-*"))


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_file_size_limit_met_while_writing_is_an_environment_error(small, small_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(small_build, out)
    limit = 64_000  # bytes: above every file the e-book's build writes on its way, below the e-book itself
    assert (out / "pamphlet.epub").stat().st_size > limit
    # the e-book alone is made again (an edit would lay the pamphlet out again too: the e-book marks its pages)
    (out / "pamphlet.epub").unlink()
    before = snapshot(out)
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "epub", "--content", str(small), "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"pamphleteer: cannot write output: {out / 'pamphlet.epub'}: the file is larger than this system lets a "
        "process write (its file-size limit: ulimit -f); previous outputs are untouched\n",
    )
    assert snapshot(out) == before and not list(out.rglob(".pamphleteer-tmp-*"))


def test_a_file_that_cannot_be_replaced_is_named_not_the_temporary_file(tmp_path):
    """A read-only or immutable output: os.replace names our temporary file first; the output is what to name."""
    tmp, target = tmp_path / ".pamphleteer-tmp-abc123", tmp_path / "pamphlet.pdf"
    refused = PermissionError(errno.EPERM, "Operation not permitted", str(tmp), None, str(target))
    assert output.cannot_write(refused, target) == (
        f"cannot write output: {target}: Operation not permitted; previous outputs are untouched"
    )
    alone = PermissionError(errno.EACCES, "Permission denied", str(tmp))  # the temporary file's own write
    assert output.cannot_write(alone, target) == (
        f"cannot write output: {target}: Permission denied; previous outputs are untouched"
    )
