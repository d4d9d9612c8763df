"""content/model/: the schema's own rules, worded for authors and located at the part at fault."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pamphleteer.content import model
from pamphleteer.errors import display_path
from tests.conftest import snapshot

DATA = "data.yaml"
WHEEL = "high-wheeler.yaml"
# (file, text replaced, replacement, expected line after the path)
CASES = {
    "not a number": (
        DATA,
        "values: [27, 36, 54, 30]",
        "values: [27, .nan, 54, 30]",
        "8:18: series[0].values[1]: expected a finite number, got '.nan' (not a number)",
    ),
    "infinity": (
        DATA,
        "values: [27, 36, 54, 30]",
        "values: [27, 36, -.inf, 30]",
        "8:22: series[0].values[2]: expected a finite number, got '-.inf' (infinity)",
    ),
    "negative pie": (
        DATA,
        "values: [70, 20, 10]",
        "values: [70, -20, 10]",
        "15:18: series[1].values[1]: a pie cannot show a negative value (-20); use a bar chart",
    ),
    "label as a number": (
        DATA,
        'labels: ["1817", "1869", "1880", "1885"]',
        'labels: ["1817", 1.10, "1880", "1885"]',
        "7:22: series[0].labels[1]: expected text, got the number 1.1 (YAML reads 1.10 as a number); quote it if you mean text",
    ),
    "comma splits a label": (
        DATA,
        "labels: [Safety, High-wheel, Other]",
        "labels: [Safety, High-wheel, Other, 1880s, 1890s]",
        "15:13: series[1].values: 'Share of riders by machine' has 3 values for 5 labels; a comma inside [...] or {...} splits the value: quote it",
    ),
    "table row": (
        WHEEL,
        '[High-wheeler, "1869", "Yes"]]',
        '[High-wheeler, "1869"]]',
        "13:40: blocks[2].table.rows[1]: row 2 has 2 cells for 3 columns",
    ),
    "comma splits a cell": (
        WHEEL,
        '[High-wheeler, "1869", "Yes"]]',
        '[High-wheeler, "1869", Often, not always]]',
        "13:40: blocks[2].table.rows[1]: row 2 has 4 cells for 3 columns; a comma inside [...] or {...} splits the value: quote it",
    ),
    "comma splits a mapping": (
        WHEEL,
        "timeline: {start: 1817, end: 1890, title: From running machine to safety}",
        "timeline: {start: 1817, end: 1890, title: From 1817, 45 to 23}",
        "15:58: blocks[3].timeline.45 to 23: unknown field; a comma inside [...] or {...} splits the value: quote it",
    ),
    "empty notice": (
        WHEEL,
        "  - pullquote: Speed came at the price of terrible falls.",
        "  - notice: {title: Meeting}",
        "8:13: blocks[1].notice: a notice needs at least one of date, time, place, contact",
    ),
    "slide title": (
        WHEEL,
        "  - title: Machines compared",
        "  - title: " + "M" * 91,
        "17:12: slides[0].title: text is too long (91 characters; at most 90)",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_schema_rules_are_located_at_the_part_at_fault(case, small, run, tmp_path):
    name, old, new, expected = CASES[case]
    path = small / name if name == DATA else small / "chapters" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_bytes(b"from before")
    code, _, err = run("--content", small, "--output", out)
    assert (code, err.splitlines()) == (1, [f"{display_path(path)}:{expected}", "Aborted with 1 error."])
    assert snapshot(out) == {"keep.txt": b"from before"}


def test_part_titles_keep_their_documented_limit(small, run):
    pub = small / "publication.yaml"
    title = "P" * 61
    pub.write_text(
        pub.read_text(encoding="utf-8") + f"  parts:\n    - title: {title}\n      chapters: [draisine]\n",
        encoding="utf-8",
    )
    code, _, err = run("check", "--content", small)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{display_path(pub)}:22:14: lecture.parts[0].title: text is too long (61 characters; at most 60)",
            "Aborted with 1 error.",
        ],
    )


def test_the_json_schema_states_the_same_limits():
    schemas = model.json_schemas()
    chapter, publication = schemas["chapter"], schemas["publication"]
    assert chapter["$defs"]["Slide"]["properties"]["title"]["maxLength"] == 90
    assert chapter["properties"]["short_title"]["anyOf"][0]["maxLength"] == 50
    assert publication["$defs"]["LecturePart"]["properties"]["title"]["maxLength"] == 60
    assert chapter["properties"]["title"]["maxLength"] == 300
    picture = chapter["$defs"]["Image"]["properties"]["file"]
    assert picture["pattern"] == model.IMAGE_PATTERN
    assert "at most 20,000,000 bytes and 50,000,000 pixels" in picture["description"]
    notice = publication["$defs"]["Notice"]  # one fact at least, as the build asks
    assert notice["anyOf"] == [{"required": [k]} for k in ("date", "time", "place", "contact")]
    assert (notice["properties"]["contact"]["minItems"], notice["properties"]["contact"]["maxItems"]) == (1, 6)


def test_the_json_schema_of_a_date_accepts_what_the_build_accepts():
    """A partial date in the schema: a pattern for text, a range for a year written as a number; the
    one difference left is a day a month does not have (30 February), which only the build catches."""
    import re

    import pydantic

    schema = model.json_schemas()["timeline"]["$defs"]["Event"]["properties"]["date"]

    def by_schema(value: object) -> bool:
        if isinstance(value, int):
            return schema["minimum"] <= value <= schema["maximum"]
        return re.search(schema["pattern"], str(value)) is not None

    def by_build(value: object) -> bool:
        try:
            model.Event.model_validate({"date": value, "title": "x"})
        except pydantic.ValidationError:
            return False
        return True

    cases = [
        "1915",
        "1915-05",
        "1915-05-20",
        "0751",
        1915,
        751,
        "Mai 1915",
        "May 1915",
        "1915-5",
        "1915-13",
        "15-05-1915",
    ]
    cases += ["1915-05-32", "1915-00", "19150", 0, 10000, "1915-05-20T10:00"]
    # YAML's own dates: a day is the day (the editor sees "1915-05-20"); a day with a time is refused by both
    cases += [dt.date(1915, 5, 20), dt.datetime(1915, 5, 20, 10, 0)]
    assert {c: by_schema(c) for c in cases} == {c: by_build(c) for c in cases}
    assert (by_build(dt.date(1915, 5, 20)), by_build(dt.datetime(1915, 5, 20))) == (True, False)
    assert schema["type"] == ["string", "integer"]


def test_the_json_schema_of_a_slide_accepts_what_the_build_accepts():
    """The slide's points: what the schema takes is what the validator takes (how many, how long, and
    text that shows); more than one slide holds go on to another, so 12 is a count, not a fit."""
    import pydantic

    schema = model.json_schemas()["chapter"]["$defs"]["Slide"]["properties"]
    point = schema["points"]["items"]

    def by_schema(points: list[str]) -> bool:
        return len(points) <= schema["points"]["maxItems"] and all(
            point["minLength"] <= len(p) <= point["maxLength"] and re.search(point["pattern"], p) for p in points
        )

    def by_build(points: list[str]) -> bool:
        try:
            model.Slide.model_validate({"title": "x", "points": points, "notes": "x"})
        except pydantic.ValidationError:
            return False
        return True

    cases = [[], ["a"], ["a"] * 12, ["a"] * 13, [""], ["\u200b"], [" \u00ad "], ["a " * 3000], ["a " * 3001]]
    assert [by_schema(c) for c in cases] == [by_build(c) for c in cases] == [True] * 3 + [False] * 4 + [True, False]
    # combining marks show nothing alone, in the basic plane and beyond it; on a letter they are text
    marks = [["\u0301\u20dd"], ["\U000e0100"], [" \u0651\u200d"], ["e\u0301"], ["\U0001f6b2\ufe0f"], ["\u0915\u093f"]]
    assert [by_schema(c) for c in marks] == [by_build(c) for c in marks] == [False] * 3 + [True] * 3


def test_the_print_section_is_checked_field_by_field(small, run):
    pub = small / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8") + "print:\n  paper: glossy\n  weight: 40\n", encoding="utf-8")
    code, _, err = run("check", "--content", small)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{display_path(pub)}:22:10: print.paper: expected one of 'uncoated' or 'coated'; got text 'glossy'",
            f"{display_path(pub)}:23:11: print.weight: expected at least 60, got the number 40",
            "Aborted with 2 errors.",
        ],
    )


def test_without_a_print_section_the_edition_is_uncoated_saddle_stitched_pdfx4():
    defaults = model.Print()
    assert (defaults.paper, defaults.weight, defaults.caliper, defaults.binding, defaults.standard) == (
        "uncoated", 90, None, "saddle", "x4",
    )  # fmt: skip
