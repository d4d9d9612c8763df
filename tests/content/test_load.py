"""content/__init__.py: load() reads, checks and assembles a publication; every problem in every file at once."""

from __future__ import annotations

from pamphleteer.errors import display_path

CHAPTER = "chapters/safety.yaml"
ORIGINAL = "title: The safety bicycle"


def test_every_problem_in_every_file_at_once(small, run):
    (small / "people.yaml").write_text("people:\n  - id: x\n    nme: y\n    role: r\n", encoding="utf-8")
    chapter = small / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(ORIGINAL, "title: no"), encoding="utf-8")
    code, _, err = run("check", "--content", small)
    lines = err.splitlines()
    assert code == 1
    assert f"{display_path(small / 'people.yaml')}:3:5: people[0].nme: unknown field; did you mean 'name'?" in lines
    assert any(line.startswith(f"{display_path(chapter)}:2:8: title: expected text, got false") for line in lines)
    assert lines[-1].startswith("Aborted with ") and lines[-1].endswith(" errors.")


def test_shipped_lecture_keeps_the_lecturers_rules():
    """35-50 authored slides; each with at most six points and 60-200 words of notes; three key points or fewer."""
    from pamphleteer import pipeline

    from ..conftest import CONTENT

    chapters = pipeline.check(CONTENT).all_chapters()
    slides = [(doc.id, slide) for doc in chapters for slide in doc.chapter.slides]
    assert 35 <= len(slides) <= 50
    assert [(cid, s.title) for cid, s in slides if len(s.points) > 6] == []
    assert [(cid, s.title) for cid, s in slides if not 60 <= len(s.notes.split()) <= 200] == []
    assert all(len(doc.chapter.key_points) <= 3 for doc in chapters)
