"""The command line: exit codes, usage errors, new publications."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from pamphleteer import builders, cli
from pamphleteer.errors import display_path
from pamphleteer.infra import workers

from .conftest import ROOT, snapshot


def test_unknown_target_is_a_usage_error(run):
    code, _, err = run("pamflet")
    assert code == 2
    assert err == (
        "pamphleteer: unknown target 'pamflet' (choose from pamphlet, print, booklet, cover, deck, handout, script, "
        "epub, web, deck-pdf, handout-2up, pamphlet-2up, pamphlet-4up, check, schema, preflight, new)\n"
    )


def test_missing_content_folder_is_a_usage_error(run, tmp_path):
    code, _, err = run("check", "--content", tmp_path / "nowhere")
    assert code == 2
    assert err == f"pamphleteer: {tmp_path / 'nowhere'}: no such folder (--content names the publication folder)\n"


def test_content_that_is_a_file_is_a_usage_error(run, tmp_path):
    (tmp_path / "book.yaml").write_text("title: x\n", encoding="utf-8")
    code, _, err = run("--content", tmp_path / "book.yaml", "--output", tmp_path / "out")
    assert code == 2
    assert err == f"pamphleteer: {tmp_path / 'book.yaml'}: not a folder (--content names the publication folder)\n"
    assert not (tmp_path / "out").exists()


def test_folder_without_a_publication_is_a_content_error(run, tmp_path):
    code, _, err = run("check", "--content", tmp_path)
    assert code == 1
    assert err.splitlines()[-1] == "Aborted with 1 error."


def test_help_lists_every_registered_target_and_the_exit_codes():
    out = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True, check=True)
    for builder in builders.REGISTRY.values():
        assert f"output/{builder.filename}, {builder.summary}" in out.stdout
    assert "exit codes: 0 success, 1 content or build errors, 2 usage or environment errors," in out.stdout
    assert "3 internal error (a bug), 130 interrupted" in out.stdout


def test_python_dash_m_runs_the_same_command():
    out = subprocess.run(
        [sys.executable, "-m", "pamphleteer", "--help"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.startswith("usage: pamphleteer ")


def test_an_internal_error_exits_3_and_names_the_cure(run, small, tmp_path):
    (tmp_path / "out").write_bytes(b"")  # not a folder: caught as a usage error, so break something else
    builders.register(_Broken())
    try:
        code, out, err = run("broken", "--content", small, "--output", tmp_path / "o")
    finally:
        del builders.REGISTRY["broken"]
    assert code == 3 and out == ""
    assert err == (
        "pamphleteer: internal error: a bug in this builder; run again with --debug for the traceback, "
        "and please report it\n"
    )
    assert not (tmp_path / "o" / "broken.txt").exists()


class _Broken(builders.Builder):
    name = "broken"
    filename = "broken.txt"
    summary = "always fails"
    kind = "other"

    def build(self, inputs: builders.Inputs) -> bytes:
        raise ValueError("a bug in this builder")


class _BrokenChild(_Broken):
    name = "broken-child"
    child = True


def test_an_internal_error_in_a_child_is_one_line_and_its_traceback_is_for_debug(run, small, tmp_path):
    builders.register(_BrokenChild())
    try:
        code, out, err = run("broken-child", "--content", small, "--output", tmp_path / "o")
        with pytest.raises(RuntimeError) as raised:
            run("broken-child", "--content", small, "--output", tmp_path / "o", "--debug")
    finally:
        del builders.REGISTRY["broken-child"]
    assert (code, out) == (3, "")
    assert err == (
        "pamphleteer: internal error: broken-child failed in a child process: ValueError: a bug in this builder; "
        "run again with --debug for the traceback, and please report it\n"
    )
    cause = raised.value.__cause__
    assert isinstance(cause, workers.ChildTraceback) and 'raise ValueError("a bug in this builder")' in str(cause)


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
        "translation.json",
    ]


def test_schema_refuses_a_schema_folder_linked_outside_the_publication(run, small, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (small / "schema").symlink_to(outside, target_is_directory=True)
    code, out, err = run("schema", "--content", small)
    expected = (
        f"pamphleteer: {small / 'schema'}: is a link; schemas are written only inside the publication: remove it\n"
    )
    assert (code, out, err) == (2, "", expected)
    assert list(outside.iterdir()) == []


def test_schema_refuses_a_schema_file_that_is_a_link(run, small, tmp_path):
    target = tmp_path / "elsewhere.json"
    target.write_bytes(b"not ours")
    (small / "schema").mkdir()
    (small / "schema" / "data.json").symlink_to(target)
    code, out, err = run("schema", "--content", small)
    where = display_path(small / "schema" / "data.json")
    expected = f"pamphleteer: {where}: a link to {target} stands where the build writes a file; "
    assert (code, out, err) == (2, "", expected + "the build writes only ordinary files: remove it\n")
    assert target.read_bytes() == b"not ours"
    assert sorted(p.name for p in (small / "schema").iterdir()) == ["data.json"]  # nothing written beside it


def test_shipped_schemas_are_current(run, tmp_path):
    import shutil

    shutil.copytree(ROOT / "content" / "schema", tmp_path / "schema")
    run("schema", "--content", tmp_path)
    for path in (tmp_path / "schema").iterdir():
        assert path.read_bytes() == (ROOT / "content" / "schema" / path.name).read_bytes(), path.name


def test_progress_steps_are_timed_with_verbose_and_quiet_off_a_terminal(run, small, tmp_path):
    code, out, err = run("--content", small, "--output", tmp_path / "a", "-v", "pamphlet", "deck")
    steps = [line for line in err.splitlines() if line.startswith("[")]
    assert code == 0
    assert [line.split("] ", 1)[1] for line in steps][:2] == [
        "content: 3 chapters validated",
        "building pamphlet, deck",
    ]
    assert all(re.match(r"\[ *\d+\.\ds\] ", line) for line in steps)
    assert any(line.endswith("deck: 11 slides") for line in steps)
    assert out.splitlines() == [out.splitlines()[0]] and out.startswith("built pamphlet, deck in ")

    # not a terminal and no -v: only the result, on stdout
    code, out, err = run("--content", small, "--output", tmp_path / "b", "pamphlet", "deck")
    assert code == 0 and err == ""
    assert len(out.splitlines()) == 1 and out.endswith("; 2 of 2 file(s) changed\n")


def test_a_port_out_of_range_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["--serve", "--port", "70000"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.endswith(
        "pamphleteer: error: argument --port: expected a port from 0 to 65535 (0: any free port), got '70000'\n"
    )


@pytest.mark.parametrize(
    ("where", "problem"),
    [
        ("pub", "is the publication folder"),
        ("pub/output", "is inside the publication folder pub"),
        (".", "holds the publication folder pub"),
    ],
)
def test_an_output_folder_over_the_publication_is_a_usage_error(small, run, tmp_path, monkeypatch, where, problem):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, _, err = run("epub", "--content", "pub", "--output", where)
    assert (code, err) == (
        2,
        f"pamphleteer: {where}: the output folder {problem}; choose one outside it (--output DIR)\n",
    )
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing made, nothing swept


def test_an_output_folder_inside_a_translations_original_is_a_usage_error(small, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tr").mkdir()
    (tmp_path / "tr" / "publication.yaml").write_text("translation_of: ../pub\nlanguage: en\ntitle: T\n", "utf-8")
    code, _, err = run("epub", "--content", "tr", "--output", "pub/out")
    assert (code, err) == (
        2,
        "pamphleteer: pub/out: the output folder is inside the original's folder pub; choose one outside it "
        "(--output DIR)\n",
    )
    assert not (tmp_path / "pub" / "out").exists()


def test_an_empty_folder_name_is_a_usage_error(tmp_path):
    for option in ("--output", "--content"):
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "epub", option, ""], capture_output=True, text=True, cwd=tmp_path
        )
        assert done.returncode == 2
        assert done.stderr.splitlines()[-1] == f"pamphleteer: error: argument {option}: an empty name; name a folder"
        assert list(tmp_path.iterdir()) == []


def test_the_authors_files_in_the_output_folder_are_left_alone(small, run, tmp_path):
    out = tmp_path / "out"
    (out / "web" / "drafts" / "chapters").mkdir(parents=True)
    (out / "web" / "CNAME").write_text("example.org\n", encoding="utf-8")
    (out / "web" / "drafts" / "publication.yaml").write_text("title: Another\n", encoding="utf-8")
    (out / "web" / "drafts" / "chapters" / "one.yaml").write_text("title: One\n", encoding="utf-8")
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    mine = snapshot(out)
    code, _, err = run("web", "--content", small, "--output", out)
    assert code == 0
    assert err == (
        f"warning: {out}: left in place, as pamphleteer did not write them: web/CNAME, "
        "web/drafts/chapters/one.yaml, web/drafts/publication.yaml\n"
    )
    assert (out / "web" / "index.html").is_file()
    assert run("web", "--content", small, "--output", out, "--force")[0] == 0
    assert {n: b for n, b in snapshot(out).items() if n in mine} == mine


@pytest.mark.parametrize("value", ["-3", "100000", "two"])
def test_a_number_of_processes_out_of_range_is_a_usage_error(capsys, value):
    """-j 100000 once started as many layout processes and ran past ten minutes; -j -3 was taken as one per core."""
    with pytest.raises(SystemExit) as exc:
        cli.parser().parse_args(["-j", value])
    assert exc.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"pamphleteer: error: argument -j/--jobs: expected a number of processes from 1 to 64 (0: one per core), got '{value}'"
    )


def test_new_with_an_empty_name_says_so(run, tmp_path, monkeypatch):
    """Once told '.: already exists and is not empty', as if the author had named the current folder."""
    monkeypatch.chdir(tmp_path)
    assert run("new", "") == (
        2,
        "",
        "pamphleteer: new: an empty folder name; name the folder to create (usage: new DIR)\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_the_program_ends_with_mains_exit_code_leaving_its_objects_uncollected(monkeypatch):
    import gc

    from pamphleteer import cli

    monkeypatch.setattr(cli, "main", lambda: 3)
    try:
        with pytest.raises(SystemExit) as ended:
            cli.run()
        assert ended.value.code == 3
        assert gc.get_freeze_count() > 0  # the ending passes over none of them
    finally:
        gc.unfreeze()
