"""content/reading.py: every file read with positions and validated; an invalid file keeps its raw data."""

from __future__ import annotations

from pamphleteer.content import model, reading


def test_every_file_is_read_and_validated(small):
    files = reading.read_all(small)
    assert files.problems == []
    assert isinstance(files.publication.value, model.Publication)
    assert sorted(files.registers) == ["data", "glossary", "people", "sources", "timeline"]
    assert list(files.chapters) == ["draisine", "high-wheeler", "safety"]
    assert [p.relative_to(small).as_posix() for p in files.paths][:2] == ["publication.yaml", "people.yaml"]


def test_an_invalid_file_keeps_its_data_and_positions(small):
    (small / "glossary.yaml").write_text("terms:\n  - id: nep\n    term: 12\n", encoding="utf-8")
    files = reading.read_all(small)
    glossary = files.registers["glossary"]
    assert glossary.value is None
    assert glossary.located is not None and glossary.located.data == {"terms": [{"id": "nep", "term": 12}]}
    assert glossary.located.position(("terms", 0, "term")) == (3, 11)
    assert [str(p).split(": ", 1)[1] for p in files.problems] == [
        "terms[0].term: expected text, got the number 12; quote it if you mean text",
        "terms[0].definition: required field is missing",
    ]


def test_a_file_that_does_not_parse_has_no_data(small):
    (small / "data.yaml").write_text("series: [\n", encoding="utf-8")
    read, problems = reading.read_file(small / "data.yaml", model.DataFile, small)
    assert (read.located, read.value, len(problems)) == (None, None, 1)
