"""A build with nothing to do is answered before the publication loads; any change falls through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pamphleteer.engine import quick


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    content, out = tmp_path / "content", tmp_path / "output"
    (content / "chapters").mkdir(parents=True)
    (content / "publication.yaml").write_text("title: T\n", encoding="utf-8")
    (content / "chapters" / "one.yaml").write_text("title: One\n", encoding="utf-8")
    out.mkdir()
    (out / "pamphlet.pdf").write_bytes(b"%PDF-1.7 ...")
    (out / ".pamphleteer-cache").mkdir()
    return content, out


def _noted(content: Path, out: Path, asked: str) -> None:
    (out / quick.NOTE).write_bytes(quick.remember(content, out, asked))


def test_the_same_request_over_the_same_files_is_up_to_date(tmp_path: Path):
    content, out = _folders(tmp_path)
    asked = quick.request(content, out, [], {"paper": "a4"})
    _noted(content, out, asked)
    assert quick.up_to_date(content, out, asked)
    (out / ".pamphleteer-cache" / "part.pdf").write_bytes(b"kept layouts are not outputs")
    assert quick.up_to_date(content, out, asked)


def test_another_request_is_not(tmp_path: Path):
    content, out = _folders(tmp_path)
    _noted(content, out, quick.request(content, out, [], {"paper": "a4"}))
    assert not quick.up_to_date(content, out, quick.request(content, out, [], {"paper": "letter"}))
    assert not quick.up_to_date(content, out, quick.request(content, out, ["pamphlet"], {"paper": "a4"}))


def test_a_changed_added_or_removed_file_is_not(tmp_path: Path):
    content, out = _folders(tmp_path)
    asked = quick.request(content, out, [], {})
    chapter = content / "chapters" / "one.yaml"
    for change in (
        lambda: chapter.write_text("title: One, renamed\n", encoding="utf-8"),
        lambda: (content / "chapters" / "two.yaml").write_text("title: New\n", encoding="utf-8"),
        lambda: (content / "chapters" / "two.yaml").unlink(),
        lambda: (out / "pamphlet.pdf").write_bytes(b"%PDF-1.7 altered"),
        lambda: (out / "pamphlet.pdf").unlink(),
        lambda: (out / quick.STATE).write_text("{}", encoding="utf-8"),
    ):
        _noted(content, out, asked)
        change()
        assert not quick.up_to_date(content, out, asked)


def test_a_damaged_note_means_a_full_build(tmp_path: Path):
    content, out = _folders(tmp_path)
    asked = quick.request(content, out, [], {})
    (out / quick.NOTE).write_text('{"request": 1', encoding="utf-8")
    assert not quick.up_to_date(content, out, asked)
    (out / quick.NOTE).write_text("[]", encoding="utf-8")
    assert not quick.up_to_date(content, out, asked)


def test_a_build_with_nothing_to_do_never_loads_the_model(small: Path, small_out: Path):
    out = small_out
    build = [sys.executable, "-m", "pamphleteer", "--content", str(small), "--output", str(out), "handout"]
    subprocess.run(build, check=True, capture_output=True)
    probe = (
        "import sys; from pamphleteer.cli import main; code = main(sys.argv[1:]); "
        "print('model loaded' if 'pamphleteer.content.model' in sys.modules else 'model not loaded'); sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", probe, *build[3:]], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["everything is up to date", "model not loaded"]
    (small / "publication.yaml").write_text((small / "publication.yaml").read_text() + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", probe, *build[3:]], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "model loaded"


def test_a_build_left_running_or_killed_is_for_the_full_build_to_handle(tmp_path: Path):
    content, out = _folders(tmp_path)
    asked = quick.request(content, out, [], {})
    _noted(content, out, asked)
    (out / ".pamphleteer-tmp-x1").write_bytes(b"half a pdf")
    assert not quick.up_to_date(content, out, asked)


def test_a_translation_is_not_up_to_date_when_its_original_changed(tmp_path: Path):
    content, out = _folders(tmp_path)
    original = tmp_path / "original"
    (original / "images").mkdir(parents=True)
    (original / "publication.yaml").write_text("title: O\n", encoding="utf-8")
    asked = quick.request(content, out, [], {})
    for change in (
        lambda: (original / "publication.yaml").write_text("title: O, renamed\n", encoding="utf-8"),
        lambda: (original / "images" / "new.png").write_bytes(b"\x89PNG"),
    ):
        (out / quick.NOTE).write_bytes(quick.remember(content, out, asked, original))
        assert quick.up_to_date(content, out, asked)
        change()
        assert not quick.up_to_date(content, out, asked)
