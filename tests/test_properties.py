"""Generated valid and near-valid content: always a model or a clean error, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamphleteer import content, lecture
from pamphleteer.errors import BuildError
from pamphleteer.lecture import drawing

from .conftest import SMALL

FIELDS = ["title", "short_title", "label", "summary", "blocks", "slides", "key_points", "titel", "notes"]
BLOCK_KEYS = ["p", "heading", "quote", "pullquote", "list", "numbered", "table", "figure", "timeline", "image", "q"]
text = st.text(min_size=0, max_size=80)
# Any float (.nan and .inf too), integers far past 64 bits, dates YAML reads as timestamps.
scalar = st.one_of(
    text, st.integers(-5, 3000), st.integers(min_value=10**30), st.booleans(), st.none(), st.floats(), st.dates()
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(BLOCK_KEYS + FIELDS), inner, max_size=3)
    ),
    max_leaves=12,
)
markup = st.sampled_from(
    [
        "*a*",
        "**b**",
        "[x](person:drais)",
        "[y](term:nope)",
        "^[note]",
        "[z](https://e.org)",
        "<b>",
        "{{ x }}",
        "[",
        "`",
        "\\",
        "\u2028",
        "[w](chapter:safety)",
    ]
)
prose = st.lists(st.one_of(text, markup), min_size=1, max_size=6).map(" ".join).filter(lambda s: s.strip())
slide = st.fixed_dictionaries(
    {"title": prose, "notes": prose},
    optional={
        "points": st.lists(prose, max_size=14),
        "chart": st.sampled_from(["wheel-size", "nope"]),
        "quote": st.fixed_dictionaries({"text": prose, "who": st.sampled_from(["drais", "x"])}),
    },
)
block = st.one_of(
    st.fixed_dictionaries({"p": prose}),
    st.fixed_dictionaries({"heading": text}),
    st.fixed_dictionaries({"list": st.lists(prose, max_size=4)}),
    st.dictionaries(st.sampled_from(BLOCK_KEYS), value, min_size=1, max_size=2),
)
chapter = st.fixed_dictionaries(
    {"title": st.one_of(prose, scalar), "blocks": st.lists(block, max_size=5)},
    optional={
        "slides": st.lists(slide, max_size=3),
        "key_points": st.lists(prose, max_size=4),
        "summary": prose,
        "extra": value,
    },
)


def _check(root: Path) -> None:
    try:
        book = content.load(root)
        prs, layouts = drawing.open_master()
        lecture.plan(book, {d.id: (1, 2) for d in book.all_chapters()}, drawing.boxes(prs, layouts))
    except BuildError as exc:
        assert exc.problems
        for problem in exc.problems:
            line = str(problem)
            assert line and "\n" not in line and "Traceback" not in line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=chapter)
def test_generated_chapters_build_or_fail_cleanly(data, tmp_path_factory):
    root = tmp_path_factory.mktemp("gen")
    shutil.copytree(SMALL, root, dirs_exist_ok=True)
    (root / "chapters" / "safety.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _check(root)


series = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["wheel-size", "riders", "x"]),
        "title": prose,
        "labels": st.lists(st.one_of(text, st.floats(), st.integers()), min_size=0, max_size=5),
        "source": prose,
    },
    optional={
        "kind": st.sampled_from(["bar", "pie", "line", "donut"]),
        "values": st.lists(st.one_of(st.floats(), st.integers(-(10**40), 10**40)), max_size=5),
        "datasets": st.lists(
            st.fixed_dictionaries({"name": prose, "values": st.lists(st.floats(), max_size=5)}), max_size=3
        ),
    },
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(series, max_size=3))
def test_generated_data_series_build_or_fail_cleanly(data, tmp_path_factory):
    root = tmp_path_factory.mktemp("data")
    shutil.copytree(SMALL, root, dirs_exist_ok=True)
    (root / "data.yaml").write_text(yaml.safe_dump({"series": data}, allow_unicode=True), encoding="utf-8")
    _check(root)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, 2000), junk=st.text(min_size=1, max_size=6))
def test_damaged_yaml_fails_cleanly(position, junk, tmp_path_factory):
    root = tmp_path_factory.mktemp("dmg")
    shutil.copytree(SMALL, root, dirs_exist_ok=True)
    path = root / "chapters" / "draisine.yaml"
    original = path.read_text(encoding="utf-8")
    at = position % (len(original) + 1)
    path.write_text(original[:at] + junk + original[at:], encoding="utf-8")
    _check(root)
