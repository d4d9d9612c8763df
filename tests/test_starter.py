"""``new DIR``: a starter publication that builds at once, never over an author's files."""

from __future__ import annotations


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
