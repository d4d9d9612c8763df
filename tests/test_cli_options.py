"""Options combined oddly (the third hostile wave of issue 34): an option the command does not read is a
usage error naming it, never ignored without a word; an output folder that is a link looping on itself is a
usage error, not an internal one. Each answer comes before any work, so nothing is written."""

from __future__ import annotations

import os
import shutil

import pytest

from pamphleteer import cli, progress, settings

from .conftest import SMALL

IGNORED = {
    ("check", "--watch"): "'check' does not take --watch: it would be ignored",
    ("check", "--serve"): "'check' does not take --serve: it would be ignored",
    ("check", "--force"): "'check' does not take --force: it would be ignored",
    ("check", "--form", "leaflet"): "'check' does not take --form: a publication's form is the form: in its "
    "publication.yaml; --form is for new",
    ("schema", "--strict"): "'schema' does not take --strict: it would be ignored",
    ("preflight", "--paper", "letter"): "'preflight' does not take --paper: it would be ignored",
    ("preflight", "-j", "2"): "'preflight' does not take -j/--jobs: it would be ignored",
    ("pamphlet", "--form", "flyer"): "a build does not take --form: a publication's form is the form: in its "
    "publication.yaml; --form is for new",
    ("deck", "--port", "9000"): "a build does not take --port: --port is for --serve",
    ("deck", "--watch", "--port", "9000"): "a build does not take --port: --port is for --serve",
}


@pytest.mark.parametrize("argv", IGNORED, ids=" ".join)
def test_an_option_the_command_does_not_read_is_a_usage_error(argv, run, tmp_path):
    output = [] if argv[0] in ("check", "schema") else ["--output", tmp_path / "out"]
    code, out, err = run(*argv, "--content", SMALL, *output)
    assert (code, out, err) == (2, "", f"pamphleteer: {IGNORED[argv]}\n")
    assert not (tmp_path / "out").exists() and not (SMALL / "schema").exists()


def test_new_takes_no_content_or_output_folder(run, tmp_path):
    code, _, err = run("new", tmp_path / "mine", "--output", tmp_path / "out")
    assert (code, err) == (2, "pamphleteer: 'new' does not take --output: it would be ignored\n")
    assert not (tmp_path / "mine").exists()


def test_an_option_given_as_its_default_is_no_news():
    args = cli.parser().parse_args(["check", "--paper", "a4", "--port", "8000", "-j", "0", "--form", "pamphlet"])
    assert cli._unread(args, "check") is None


def test_an_output_folder_that_loops_on_itself_is_a_usage_error(run, tmp_path):
    os.symlink("loop", tmp_path / "loop")
    for folder in (tmp_path / "loop", tmp_path / "loop" / "out"):
        code, _, err = run("pamphlet", "--content", SMALL, "--output", folder)
        assert (code, err) == (
            2,
            f"pamphleteer: {folder}: a link that leads back to itself; choose another output folder\n",
        )


def test_new_answers_a_name_too_long_or_a_file_with_a_usage_error(run, tmp_path):
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    long = tmp_path / ("a" * 300)
    code, _, err = run("new", long)
    assert (code, err) == (2, f"pamphleteer: {long}: File name too long; choose another folder\n")
    code, _, err = run("new", tmp_path / "afile")
    assert (code, err) == (2, f"pamphleteer: {tmp_path / 'afile'}: is a file; choose a new folder\n")
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "mine"


def test_a_folder_that_cannot_be_made_is_named_for_what_it_is(run, tmp_path, small):
    """Not "cannot create output folder" for new's publication folder or schema's folder: which folder, and why."""
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    code, _, err = run("new", tmp_path / "afile" / "book")
    assert (code, err) == (
        2,
        f"pamphleteer: {tmp_path / 'afile' / 'book'}: cannot create the publication folder: "
        f"{tmp_path / 'afile'} is a file, not a folder\n",
    )
    (small / "schema").write_text("mine", encoding="utf-8")
    code, _, err = run("schema", "--content", small)
    assert (code, err) == (
        2,
        f"pamphleteer: {small / 'schema'}: cannot create the schema folder: it is a file, not a folder\n",
    )
    assert (tmp_path / "afile").read_text(encoding="utf-8") == (small / "schema").read_text(encoding="utf-8") == "mine"


def test_an_output_folder_named_through_a_missing_folder_and_dotdot_makes_no_stray_folder(small, small_out, run):
    """``x/../out`` is ``out``, as the system reads it where x exists; x is never made to get there."""
    via = small_out.parent / "x" / ".." / small_out.name
    code, _, err = run("deck", "--content", small, "--output", via, "-q")
    assert (code, err) == (0, "")
    assert not (small_out.parent / "x").exists()
    assert (small_out / "lecture.pptx").is_file()


def test_an_output_folder_inside_the_publication_by_dotdot_is_refused(small, run):
    via = small / ".." / small.name / "out"
    code, _, err = run("deck", "--content", small, "--output", via)
    assert (code, err) == (
        2,
        f"pamphleteer: {small / 'out'}: the output folder is inside the publication folder {small}; choose one "
        "outside it (--output DIR)\n",
    )
    assert not (small / "out").exists()


def test_a_publication_in_a_folder_with_spaces_and_another_script_checks(tmp_path, run):
    pub = tmp_path / "my books" / "публикация"
    shutil.copytree(SMALL, pub)
    code, out, err = run("check", "--content", pub)
    assert (code, out, err) == (0, f"{pub}: 3 chapters, no problems found\n", "")


@pytest.mark.parametrize("name", [variable.name for variable in settings.VARIABLES])
def test_a_variable_set_to_nothing_is_unset(name, monkeypatch, run):
    monkeypatch.setenv(name, "")
    code, out, err = run("check", "--content", SMALL)
    assert (code, out, err) == (0, f"{SMALL}: 3 chapters, no problems found\n", "")


def test_new_says_what_to_run_next_with_a_folder_name_to_copy_whole(run, tmp_path):
    folder = tmp_path / "my book"
    code, out, _ = run("new", folder)
    assert code == 0
    assert f'check it with: {progress.command()} check --content "{folder}";' in out


@pytest.mark.skipif(os.name == "nt", reason="no /dev/null on Windows")
def test_an_output_folder_that_is_a_device_is_a_usage_error(run):
    code, _, err = run("deck", "--content", SMALL, "--output", os.devnull)
    assert (code, err) == (
        2,
        f"pamphleteer: {os.devnull}: cannot create the output folder: it is a device, not a folder\n",
    )
