"""The command line: exit codes, usage errors, new publications."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT


def test_unknown_target_is_a_usage_error(run):
    code, _, err = run("pamflet")
    assert code == 2
    assert err == (
        "pamphleteer: unknown target 'pamflet' (choose from pamphlet, print, booklet, deck, handout, "
        "check, schema, preflight, new)\n"
    )


def test_missing_content_folder(run, tmp_path):
    code, _, err = run("check", "--content", tmp_path / "nowhere")
    assert code == 1
    assert err.splitlines()[-1] == "Aborted with 1 error."


def test_help_lists_targets_and_exit_codes():
    out = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True, check=True)
    assert "pamphlet-booklet.pdf" in out.stdout and "exit codes: 0 success" in out.stdout


def test_new_publication_builds_at_once(run, tmp_path):
    code, _, err = run("new", tmp_path / "mybook")
    assert code == 0, err
    assert (tmp_path / "mybook" / "schema" / "chapter.json").is_file()
    code, _, err = run("deck", "--content", tmp_path / "mybook", "--output", tmp_path / "out")
    assert code == 0, err
    assert (tmp_path / "out" / "lecture.pptx").is_file()


def test_new_refuses_a_folder_with_files(run, tmp_path):
    (tmp_path / "x.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("new", tmp_path)
    assert code == 2
    assert err == f"pamphleteer: {tmp_path}: already exists and is not empty; choose a new folder\n"
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "mine"


def test_schema_command_writes_json_schemas(run, small):
    code, _, _ = run("schema", "--content", small)
    assert code == 0
    assert sorted(p.name for p in (small / "schema").iterdir()) == [
        "chapter.json",
        "data.json",
        "glossary.json",
        "people.json",
        "publication.json",
        "sources.json",
        "timeline.json",
    ]


def test_shipped_schemas_are_current(run, tmp_path):
    import shutil

    shutil.copytree(ROOT / "content" / "schema", tmp_path / "schema")
    run("schema", "--content", tmp_path)
    for path in (tmp_path / "schema").iterdir():
        assert path.read_bytes() == (ROOT / "content" / "schema" / path.name).read_bytes(), path.name


def test_progress_steps_are_timed_with_verbose_and_quiet_off_a_terminal(run, small, tmp_path):
    code, _, err = run("--content", small, "--output", tmp_path / "a", "-v", "pamphlet", "deck")
    steps = [line for line in err.splitlines() if line.startswith("[")]
    assert code == 0
    assert [line.split("] ", 1)[1] for line in steps][:2] == [
        "content: 3 chapters validated",
        "building pamphlet, deck",
    ]
    assert all(re.match(r"\[ *\d+\.\ds\] ", line) for line in steps)
    assert any(line.endswith("deck: 11 slides") for line in steps)
    assert err.splitlines()[-1].startswith("built pamphlet, deck in ")

    # not a terminal and no -v: only the result
    code, _, err = run("--content", small, "--output", tmp_path / "b", "pamphlet", "deck")
    assert code == 0
    assert len(err.splitlines()) == 1 and err.endswith("; 2 of 2 file(s) changed\n")
