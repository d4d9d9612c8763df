"""content/messages.py: pydantic's errors in an author's words, exact, located."""

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


def test_did_you_mean():
    from pamphleteer.content.messages import did_you_mean

    assert did_you_mean("sumary", ["summary", "title"]) == "; did you mean 'summary'?"
    assert did_you_mean("zzz", ["summary", "title"]) == ""


def test_messages_for_a_model_directly(tmp_path):
    from pydantic import ValidationError

    from pamphleteer.content import messages, model, source

    path = tmp_path / "x.yaml"
    path.write_text("people:\n  - id: Bad Id\n    nmae: x\n    role: r\n", encoding="utf-8")
    located, _ = source.read(path)
    assert located is not None
    with pytest.raises(ValidationError) as caught:
        model.PeopleFile.model_validate(located.data)
    found = sorted(str(messages.problem(located, model.PeopleFile, e)).split(": ", 1)[1] for e in caught.value.errors())
    assert found == [
        "people[0].id: expected an id of lowercase letters, digits and hyphens, got 'Bad Id'",
        "people[0].name: required field is missing",
        "people[0].nmae: unknown field; did you mean 'name'?",
    ]


def test_a_file_of_the_wrong_shape_is_quoted_short(small, run):
    people = small / "people.yaml"
    people.write_text("root:x:0:0:root:/root:/bin/bash " + "x" * 3000 + "\n", encoding="utf-8")
    code, _, err = run("check", "--content", small)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{display_path(people)}:1:1: expected a mapping (key: value), got text 'root:x:0:0:root:/root:/bin/bash xxxxx...'",
            "Aborted with 1 error.",
        ],
    )


def test_a_long_unknown_key_is_shown_short_and_escaped(small, run):
    people = small / "timeline.yaml"
    people.write_text('events: []\n"k\\te' + "y" * 100 + '": 1\n', encoding="utf-8")
    code, _, err = run("check", "--content", small)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{display_path(people)}:2:1: k\\teyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy...: unknown field",
            "Aborted with 1 error.",
        ],
    )
