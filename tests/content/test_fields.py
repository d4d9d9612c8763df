"""fields.py: the field reference made from the schema, in the README and beside a new publication."""

from __future__ import annotations

import re

import pytest
import yaml

from pamphleteer.content import fields, model
from pamphleteer.infra.locations import templates_dir
from tests.conftest import ROOT


def test_the_readme_carries_the_reference_the_schema_makes():
    shown = fields.in_readme((ROOT / "README.md").read_text(encoding="utf-8"))
    assert shown, "README.md has lost its field reference markers"
    assert shown == fields.reference(), (
        "README.md's fields are out of date: python -m pamphleteer.content.fields README.md"
    )


def test_every_field_of_every_file_has_its_row():
    rows = fields.reference()
    schemas = model.json_schemas()
    for name, file in fields.FILES.items():
        table = rows.split(f"#### {file}\n", 1)[1].split("####", 1)[0]
        for key in schemas[name]["properties"]:
            assert f"| `{key}` |" in table, (file, key)
    assert (
        "| `blocks[].table.rows` | a list of 1 to 60 lists of texts with markup, at most 6,000 characters each; required |"
        in rows
    )
    assert "| `lecture.words_per_minute` | a whole number from 60 to 250 | Speaking rate" in rows
    assert (
        "| `events[].date` | a date: 1928, 1928-05 or 1928-05-20; required | When: 1928, 1928-01 or 1928-01-18. |"
        in rows
    )
    assert "| `form` | one of `pamphlet`, `leaflet`, `flyer`; default pamphlet |" in rows


def test_a_changed_description_changes_the_reference(monkeypatch):
    before = fields.reference()
    schemas = model.json_schemas()
    schemas["glossary"]["$defs"]["Term"]["properties"]["term"]["description"] = "Changed | here."
    monkeypatch.setattr(model, "json_schemas", lambda: schemas)
    after = fields.reference()
    assert after != before
    assert "| `terms[].term` | text, at most 300 characters; required | Changed \\| here. |" in after


def test_into_readme_replaces_only_what_lies_between_the_markers():
    text = f"before\n{fields.BEGIN}\nstale\n{fields.END}\nafter\n"
    made = fields.into_readme(text)
    assert made.startswith(f"before\n{fields.BEGIN}\n#### publication.yaml\n")
    assert made.endswith(f"\n{fields.END}\nafter\n")
    assert fields.in_readme(made) == fields.reference()
    assert fields.in_readme("no markers") is None


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize("form", ["pamphlet", "leaflet", "flyer"])
def test_every_field_the_starter_uses_is_named_in_a_comment(form):
    """Each starter says what each of its fields is for, where the field first appears."""
    starter = templates_dir() / "starter" / ("" if form == "pamphlet" else f"_forms/{form}")
    used: set[str] = set()
    said: set[str] = set()
    for path in [*starter.glob("*.yaml"), *starter.glob("chapters/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        used |= _keys(yaml.safe_load(text))
        comments = " ".join(line.split("#", 1)[1] for line in text.splitlines() if line.lstrip().startswith("#"))
        said |= set(re.findall(r"[a-z_]+", comments.casefold()))
    assert used - said == set()
