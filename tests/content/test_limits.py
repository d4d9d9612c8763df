"""Bad input answered with a located error before any work: markup, chart values, blank text, limits."""

from __future__ import annotations

import shutil

import pytest
import yaml

from pamphleteer.content import model
from pamphleteer.errors import display_path
from tests.conftest import FLYER, snapshot

DEEP_EM = "*a " * 9 + "x" + " b*" * 9
DEEP_NOTES = "a^[" * 1000 + "x" + "]" * 1000  # ran Python out of stack: an internal error


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


def _paragraph(text):
    return lambda d: d["blocks"].__setitem__(0, {"p": text})


def _values(i, values):
    return lambda d: d["series"][i].__setitem__("values", values)


def _notes(n):
    def change(d):
        d["blocks"][1:1] = [
            {"p": " ".join(f"Word {k}.^[Note {k}.]" for k in range(j, j + 100))} for j in range(0, n, 100)
        ]

    return change


def _slides(n):
    return lambda d: d.__setitem__(
        "slides", [{"title": f"S{i}", "points": ["A point"], "notes": "Words."} for i in range(n)]
    )


# (file, change, expected line after the path)
CASES = {
    "emphasis nested too deep": (
        "chapters/draisine.yaml",
        _paragraph(DEEP_EM),
        "4:6: blocks[0].p: markup is nested too deep (emphasis, links and footnotes inside one another more "
        "than 8 levels); simplify it",
    ),
    "footnotes nested a thousand deep": (
        "chapters/draisine.yaml",
        _paragraph(DEEP_NOTES[:6000]),
        "4:6: blocks[0].p: a footnote holds another footnote; say it in the one note",
    ),
    "a note in a note": (
        "chapters/draisine.yaml",
        _paragraph("Drais rode.^[He said so.^[In a letter.]]"),
        "4:6: blocks[0].p: a footnote holds another footnote; say it in the one note",
    ),
    "a chart value past 10^15": (
        "data.yaml",
        _values(0, [27, 1e308, 54, 30]),
        "13:5: series[0].values[1]: expected at most 1,000,000,000,000,000, got the number 1e+308",
    ),
    "a denormal chart value": (
        "data.yaml",
        _values(0, [27, 5e-324, 54, 30]),
        "13:5: series[0].values[1]: 5e-324 is too small to chart (other than 0, at least 0.000001 in size)",
    ),
    "an all-zero pie": (
        "data.yaml",
        _values(1, [0, 0, 0]),
        "26:3: series[1].values: every value of the pie is 0, so it has no shares to show; say so in a sentence",
    ),
    "a title of spaces": (
        "chapters/draisine.yaml",
        lambda d: d.__setitem__("title", "   "),
        "1:8: title: '   ' shows nothing (only spaces, combining marks or invisible characters); write the text",
    ),
    "a name of zero-width characters": (
        "people.yaml",
        lambda d: d["people"][0].__setitem__("name", "\u200b\u200d\ufeff"),
        "3:9: people[0].name: '\\u200b\\u200d\\ufeff' shows nothing (only spaces, combining marks or invisible characters); "
        "write the text",
    ),
    "a footnote in a slide point": (
        "chapters/draisine.yaml",
        lambda d: d["slides"][0]["points"].__setitem__(1, "Pushed along by the feet^[On a good road.]"),
        "20:5: slides[0].points[1]: a slide shows no footnotes; put what the note says in the slide's notes",
    ),
    "too many footnotes in a chapter": (
        "chapters/draisine.yaml",
        _notes(600),
        "9:3: blocks[5]: the chapter has more than 500 footnotes by here; at most 500",
    ),
    "too many slides in a chapter": (
        "chapters/draisine.yaml",
        _slides(41),
        "17:1: slides: too many items (41; at most 40)",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_a_located_error_and_nothing_is_written(case, small, run, tmp_path):
    name, change, expected = CASES[case]
    path = small / name
    _edit(path, change)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_bytes(b"from before")
    code, _, err = run("--content", small, "--output", out)
    assert (code, err.splitlines()) == (1, [f"{display_path(path)}:{expected}", "Aborted with 1 error."])
    assert snapshot(out) == {"keep.txt": b"from before"}


def test_a_chapter_listed_twice_in_the_lecture_parts_is_located_at_the_repeat(small, run):
    parts = [
        {"title": "Early", "chapters": ["draisine", "high-wheeler"]},
        {"title": "Late", "chapters": ["safety", "draisine"]},
    ]
    _edit(small / "publication.yaml", lambda d: d["lecture"].__setitem__("parts", parts))
    code, _, err = run("check", "--content", small)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{display_path(small / 'publication.yaml')}:40:7: lecture.parts[1].chapters[1]: 'draisine' is already "
            "in part 1 ('Early'); a chapter belongs to one part",
            "Aborted with 1 error.",
        ],
    )


def _chapters(small, n):
    """``n`` more chapters, copies of the first, listed after the others."""
    for i in range(n):
        shutil.copy(small / "chapters" / "draisine.yaml", small / "chapters" / f"copy-{i}.yaml")
    _edit(small / "publication.yaml", lambda d: d["chapters"].extend(f"copy-{i}" for i in range(n)))


def test_a_handout_too_long_by_count_is_told_before_any_layout(small, run, tmp_path):
    _chapters(small, 16)  # 19 chapters and no lecture parts: 19 frames, 18 fit (6 pages of 3)
    code, _, err = run("--content", small, "--output", tmp_path / "out", "-v")
    assert code == 1
    assert err.splitlines()[-2:] == [
        f"{display_path(small / 'publication.yaml')}:16:1: chapters: the handout would run past 6 pages: 19 chapters "
        "(each a part of the lecture, as no lecture.parts are given) make 19 frames, and it holds 18 (3 a page); "
        "group the chapters into fewer lecture parts or use --handout-slides 6",
        "Aborted with 1 error.",
    ]
    assert "laying out" not in err and not (tmp_path / "out").exists()
    code, _, err = run("deck", "--content", small, "--output", tmp_path / "out", "--handout-slides", "6", "-q")
    assert code == 0, err  # only the handout is held to it


def test_a_lecture_of_more_than_a_thousand_slides_is_located_where_it_passes(small, run):
    _chapters(small, 25)
    for i in range(25):
        _edit(small / "chapters" / f"copy-{i}.yaml", _slides(40))  # 2 + 1 + 2 + 25 x 40 = 1,005 slides
    code, _, err = run("check", "--content", small)
    where = display_path(small / "chapters" / "copy-24.yaml")
    assert (code, err.splitlines()) == (
        1,
        [
            f"{where}:157:3: slides[35]: the lecture has more than 1,000 slides by here; at most 1,000",
            "Aborted with 1 error.",
        ],
    )


def test_more_than_250_chapters_is_refused_before_any_is_read(small, run):
    _edit(small / "publication.yaml", lambda d: d.__setitem__("chapters", [f"c{i}" for i in range(251)]))
    code, _, err = run("check", "--content", small)
    assert code == 1
    assert f"{display_path(small / 'publication.yaml')}:16:1: chapters: too many items (251; at most 250)" in err


def test_the_json_schema_states_the_limits_and_refuses_what_the_tool_refuses():
    jsonschema = pytest.importorskip("jsonschema")
    schemas = model.json_schemas()
    chapter, data, publication = schemas["chapter"], schemas["data"], schemas["publication"]
    assert "at most 500 footnotes" in chapter["properties"]["blocks"]["description"]
    assert chapter["properties"]["slides"]["maxItems"] == 40
    assert "at most 40" in chapter["properties"]["slides"]["description"]
    assert publication["properties"]["chapters"]["maxItems"] == 250
    assert "at most 250" in publication["properties"]["chapters"]["description"]
    table = chapter["$defs"]["Table"]["properties"]
    assert (table["columns"]["maxItems"], table["rows"]["maxItems"]) == (8, 60)
    assert "1 to 8 columns" in table["columns"]["description"] and "1 to 60 rows" in table["rows"]["description"]
    assert "10^15" in data["$defs"]["Dataset"]["properties"]["values"]["description"]
    series = {"id": "s", "title": "T", "labels": ["a", "b"], "source": "Made up."}
    check = jsonschema.Draft202012Validator(data)
    for values, valid in [([1, 0], True), ([1e15, -1e15], True), ([1e-6, 2], True), ([1e16, 1], False),
                          ([5e-324, 1], False), ([1e-7, 1], False)]:  # fmt: skip
        assert check.is_valid({"series": [{**series, "values": values}]}) is valid, values
    people = jsonschema.Draft202012Validator(schemas["people"])
    person = {"id": "x", "role": "A role."}
    assert people.is_valid({"people": [{**person, "name": "Ada"}]})
    for blank in ["   ", "\u200b", "\u00a0\u2060\ufeff"]:
        assert not people.is_valid({"people": [{**person, "name": blank}]}), repr(blank)
    chapters = jsonschema.Draft202012Validator(chapter)
    for block, valid in [({"p": "Text."}, True), ({"p": None}, False), ({"quote": None}, False), ({}, False)]:
        assert chapters.is_valid({"title": "T", "blocks": [block]}) is valid, block


def test_a_flyer_far_too_long_is_told_before_any_layout(run, tmp_path):
    flyer = tmp_path / "flyer"
    shutil.copytree(FLYER, flyer)
    text = "Bring the kettle that stopped working and we will open it together. " * 20  # 240 words
    _edit(flyer / "chapters" / "how.yaml", lambda d: d["blocks"].extend({"p": text} for _ in range(10)))
    code, _, err = run("pamphlet", "--content", flyer, "--output", tmp_path / "out", "-v")
    assert code == 1
    assert err.splitlines()[-2].startswith(
        f"{display_path(flyer / 'publication.yaml')}:11:7: form: the flyer's text runs to 2,"
    )
    assert err.splitlines()[-2].endswith(
        " words, far more than its 2 page(s) of text hold (at most about 2,000 at its type size): cut it, "
        "or make it a pamphlet (form: pamphlet)"
    )
    assert "laying out" not in err and not (tmp_path / "out").exists()
