"""The schema and cross-references: author-facing messages, exact, all at once."""

from __future__ import annotations

import pytest

from pamphleteer.errors import display_path

CHAPTER = "chapters/safety.yaml"
ORIGINAL = "title: The safety bicycle"

CASES = {
    "unknown field": (f"{ORIGINAL}\nsumary: x", "3:1: sumary: unknown field; did you mean 'summary'?"),
    "boolean": (
        "title: yes",
        "2:8: title: expected text, got true (YAML reads yes/no/on/off as true/false); quote it if you mean text",
    ),
    "number": ("title: 1885", "2:8: title: expected text, got the number 1885; quote it if you mean text"),
    "list": ("title: [a, b]", "2:8: title: expected text, got a list"),
    "missing": ("", "3:1: title: required field is missing"),
    "too long": ("title: " + "x" * 400, "2:8: title: text is too long (400 characters; at most 300)"),
    "nesting": ("title: t\nextra: " + "[" * 40 + "]" * 40, "3:40: nesting is too deep (more than 32 levels)"),
}


@pytest.mark.parametrize("case", CASES)
def test_schema_errors(case, small, run):
    replacement, expected = CASES[case]
    path = small / CHAPTER
    path.write_text(path.read_text(encoding="utf-8").replace(ORIGINAL + "\n", replacement + "\n"), encoding="utf-8")
    code, _, err = run("check", "--content", small)
    assert code == 1
    assert err.splitlines() == [f"{display_path(path)}:{expected}", "Aborted with 1 error."]


def test_references_to_nothing_are_errors_with_a_hint(small, run):
    path = small / CHAPTER
    text = path.read_text(encoding="utf-8")
    text = text.replace("[Dunlop](person:dunlop)", "[Dunlop](person:dunlopp)")
    text = text.replace("tyre of 1888", "tyre of 1888 ([see](chapter:draisin), [modern](term:nope))")
    path.write_text(text, encoding="utf-8")
    code, _, err = run("check", "--content", small)
    where = display_path(path)
    assert code == 1
    assert err.splitlines() == [
        f"{where}:4:8: blocks[0].p: chapter:draisin refers to no chapter; did you mean 'draisine'?",
        f"{where}:4:8: blocks[0].p: person:dunlopp refers to no person in people.yaml; did you mean 'dunlop'?",
        f"{where}:4:8: blocks[0].p: term:nope refers to no term in glossary.yaml",
        "Aborted with 3 errors.",
    ]


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


def test_images_must_be_real_files_inside_the_publication(small, run, tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    (small / "link.png").symlink_to(outside)
    (small / "fake.png").write_text("GIF89a not a png", encoding="utf-8")
    (small / "cut.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    images = [
        "../../etc/passwd",
        "/etc/passwd",
        "file:///etc/passwd",
        "https://example.com/a.png",
        "missing.png",
        "link.png",
        "fake.png",
        "cut.png",
        "/dev/zero",
    ]
    blocks = "".join(f"  - image: {{file: '{name}', alt: x}}\n" for name in images)
    chapter = small / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("blocks:\n", "blocks:\n" + blocks), encoding="utf-8")
    code, _, err = run("check", "--content", small)
    where = display_path(chapter)
    assert code == 1
    assert err.splitlines() == [
        f"{where}:4:19: blocks[0].image.file: '../../etc/passwd' leaves the publication folder",
        f"{where}:5:19: blocks[1].image.file: '/etc/passwd' is an absolute path; give a path inside the publication folder",
        f"{where}:6:19: blocks[2].image.file: 'file:///etc/passwd' is a URL; images must be files inside the publication folder",
        f"{where}:7:19: blocks[3].image.file: 'https://example.com/a.png' is a URL; images must be files inside the publication folder",
        f"{where}:8:19: blocks[4].image.file: image 'missing.png' not found",
        f"{where}:9:19: blocks[5].image.file: 'link.png' links outside the publication folder",
        f"{where}:10:19: blocks[6].image.file: 'fake.png' is not a PNG or JPEG image (whatever its name says)",
        f"{where}:11:19: blocks[7].image.file: PNG image 'cut.png' is damaged or truncated; export it again",
        f"{where}:12:19: blocks[8].image.file: '/dev/zero' is an absolute path; give a path inside the publication folder",
        "Aborted with 9 errors.",
    ]


def test_shipped_lecture_keeps_the_lecturers_rules():
    """35-50 authored slides; each with at most six points and 60-200 words of notes; three key points or fewer."""
    from pamphleteer import pipeline

    from .conftest import CONTENT

    chapters = pipeline.check(CONTENT).all_chapters()
    slides = [(doc.id, slide) for doc in chapters for slide in doc.chapter.slides]
    assert 35 <= len(slides) <= 50
    assert [(cid, s.title) for cid, s in slides if len(s.points) > 6] == []
    assert [(cid, s.title) for cid, s in slides if not 60 <= len(s.notes.split()) <= 200] == []
    assert all(len(doc.chapter.key_points) <= 3 for doc in chapters)
