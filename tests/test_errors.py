"""Problems: located, formatted as ``path:line:col: field: message``, sorted and de-duplicated."""

from __future__ import annotations

from pathlib import Path

from pamphleteer.errors import BuildError, Problem, display_path, format_field


def test_a_problem_reads_as_file_line_column_field_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = Problem(tmp_path / "content" / "chapters" / "03.yaml", 41, 7, "slides[2].notes", "expected text, got a list")
    assert str(p) == str(Path("content/chapters/03.yaml")) + ":41:7: slides[2].notes: expected text, got a list"
    assert str(Problem(None, field="pamphlet", message="stopped")) == "pamphlet: stopped"
    assert str(Problem(tmp_path / "x.yaml", message="empty")) == "x.yaml: empty"


def test_build_errors_sort_by_place_and_drop_repeats(tmp_path):
    a = Problem(tmp_path / "a.yaml", 9, 1, message="late")
    b = Problem(tmp_path / "a.yaml", 2, 1, message="early")
    assert BuildError([a, b, a]).problems == [b, a]


def test_fields_are_written_as_in_the_yaml():
    assert format_field(("slides", 2, "notes")) == "slides[2].notes"
    assert format_field(("rows", 0, 3)) == "rows[0][3]"


def test_paths_outside_the_working_folder_stay_absolute(tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert display_path(tmp_path / "elsewhere.yaml") == str(tmp_path / "elsewhere.yaml")
