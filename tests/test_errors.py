"""errors.py: problems as one line each, sorted, with the field path an author can find."""

from __future__ import annotations

from pathlib import Path

from pamphleteer.errors import BuildError, Problem, format_field


def test_field_paths():
    assert format_field(("slides", 2, "notes")) == "slides[2].notes"
    assert format_field(()) == ""
    assert format_field(("a\tb" + "c" * 50,)) == "a\\tb" + "c" * 34 + "..."


def test_problems_are_one_line_each_sorted_and_deduplicated():
    a = Problem(Path("/x/b.yaml"), 3, 0, "title", "too long")
    b = Problem(Path("/x/a.yaml"), 9, 2, "", "bad")
    error = BuildError([a, b, a, Problem(None, message="whole build")])
    assert [str(p) for p in error.problems] == ["whole build", "/x/a.yaml:9:2: bad", "/x/b.yaml:3:1: title: too long"]
