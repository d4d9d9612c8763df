"""content/__init__.py: load() reads, checks and assembles a publication; every problem in every file at once."""

from __future__ import annotations

import re

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
    from pamphleteer.engine import pipeline
    from tests.conftest import CONTENT

    chapters = pipeline.check(CONTENT).all_chapters()
    slides = [(doc.id, slide) for doc in chapters for slide in doc.chapter.slides]
    assert 35 <= len(slides) <= 50
    assert [(cid, s.title) for cid, s in slides if len(s.points) > 6] == []
    assert [(cid, s.title) for cid, s in slides if not 60 <= len(s.notes.split()) <= 200] == []
    assert all(len(doc.chapter.key_points) <= 3 for doc in chapters)


def test_eight_mistakes_in_eight_files_are_all_reported_in_one_run(small, run, tmp_path):
    def edit(name, old, new):
        path = small / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return display_path(path)

    pub = edit("publication.yaml", "reading: [herlihy]", "reading: [herlihyy]")  # a reference
    people = edit("people.yaml", "    role: Inventor", "    rol: Inventor")  # the schema
    timeline = edit("timeline.yaml", "date: 1817-06-12", "date: 1817-02-30")  # YAML itself
    data = edit("data.yaml", "values: [27, 36, 54, 30]", "values: [27, 36, 54, .nan]")  # a number rule
    sources = edit("sources.yaml", "kind: history", "kind: histroy")  # a choice
    wheel = edit("chapters/high-wheeler.yaml", "  - title: Machines compared", "  - title: " + "M" * 95)  # a length
    safety = edit("chapters/safety.yaml", "[Dunlop](person:dunlop)", "[Dunlop](chapter:dunlop)")  # a reference
    long = " ".join(["and then I rode on through the town"] * 45)
    draisine = edit(  # a rule of the slides: a quotation too long for its layout
        "chapters/draisine.yaml",
        "quote: {text: I rode from Mannheim to the relay house and back in a little over an hour.,",
        f"quote: {{text: {long},",
    )
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run("--content", small, "--output", out)
    assert code == 1
    lines = err.splitlines()
    assert re.fullmatch(
        re.escape(f"{draisine}:") + r"\d+:\d+: slides\[1\]\.quote\.text: \d+ lines do not fit the quotation layout "
        r"\(\d+\); shorten the quotation",
        lines.pop(0),
    )
    assert lines == [
        f"{wheel}:17:12: slides[0].title: text is too long (95 characters; at most 90)",
        f"{safety}:5:62: blocks[0].p: chapter:dunlop refers to no chapter",
        f"{data}:8:26: series[0].values[3]: expected a finite number, got '.nan' (not a number)",
        f"{people}:3:5: people[0].role: required field is missing",
        f"{people}:9:5: people[0].rol: unknown field; did you mean 'role'?",
        f"{pub}:20:13: lecture.reading[0]: 'herlihyy' is no known source; did you mean 'herlihy'?",
        f"{sources}:8:11: sources[0].kind: expected one of 'primary', 'history' or 'further'; got text 'histroy'",
        f"{timeline}:3:12: events[0].date: '1817-02-30' is not a real date (day is out of range for month)",
        "Aborted with 9 errors.",
    ]
    assert [p.name for p in out.iterdir()] == []
