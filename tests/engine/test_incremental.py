"""Rebuild decisions: what changes remake which outputs, and watch mode."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil

import pytest
import yaml
from pptx import Presentation

from pamphleteer.engine import incremental
from pamphleteer.render import typeset
from tests.conftest import LEAFLET, warm_copy

ALL = [
    "handout.pdf",
    "lecture-script.pdf",
    "lecture.pptx",
    "pamphlet-booklet.pdf",
    "pamphlet-print.pdf",
    "pamphlet.pdf",
]


def _stamps(out):
    return {name: (out / name).stat().st_mtime_ns for name in ALL}


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _changed(before, after):
    return sorted(name for name in ALL if before[name] != after[name])


def test_nothing_changed_writes_nothing(small, small_out, run):
    out = small_out
    before = _stamps(out)
    code, stdout, _ = run("--content", small, "--output", out)
    assert code == 0 and stdout == "everything is up to date\n"
    assert _stamps(out) == before
    # built from another copy of the same publication: the outputs now come from this one
    assert incremental.State.load(out).content == str(small.resolve())


def test_editing_notes_rebuilds_only_the_deck_and_script(small, small_out, run):
    out = small_out
    before = _stamps(out)
    _edit(
        small / "chapters" / "draisine.yaml", lambda d: d["slides"][0].update(notes=d["slides"][0]["notes"] + " Pause.")
    )
    assert run("--content", small, "--output", out, "-q")[0] == 0
    assert _changed(before, _stamps(out)) == ["lecture-script.pdf", "lecture.pptx"]


def test_a_slides_notes_are_not_the_handouts_but_its_key_points_are(small, small_out, run):
    out = small_out
    _edit(
        small / "chapters" / "draisine.yaml", lambda d: d["slides"][0].update(notes=d["slides"][0]["notes"] + " Pause.")
    )
    code, said, _ = run("--content", small, "--output", out)
    assert code == 0 and said.startswith("built deck, script in ")  # the handout, which prints no notes, not laid out
    before = _stamps(out)
    _edit(small / "chapters" / "draisine.yaml", lambda d: d["key_points"].append("Two wheels in a line balance."))
    code, said, _ = run("--content", small, "--output", out)
    assert code == 0 and said.startswith("built deck, handout, script in ")
    assert "handout.pdf" in _changed(before, _stamps(out))


def test_editing_a_paragraph_rebuilds_the_pamphlet_editions(small, small_out, run):
    out = small_out
    before = _stamps(out)
    _edit(small / "chapters" / "safety.yaml", lambda d: d["blocks"][0].update(p=d["blocks"][0]["p"] + " Quite so."))
    assert run("--content", small, "--output", out, "-q")[0] == 0
    # the pages did not move, so the deck and handout keep their pointers and stay as they were
    assert _changed(before, _stamps(out)) == ["pamphlet-booklet.pdf", "pamphlet-print.pdf", "pamphlet.pdf"]


def test_pages_moving_rebuilds_the_deck(small, small_out, run):
    out = small_out
    before = _stamps(out)
    long = " ".join(["The wheel grew and grew, and riders fell from ever greater heights."] * 40)
    _edit(small / "chapters" / "draisine.yaml", lambda d: d["blocks"].append({"p": long}))
    assert run("--content", small, "--output", out, "-q")[0] == 0
    assert _changed(before, _stamps(out)) == ALL


def test_a_template_change_rebuilds_what_uses_it(small, small_out, run, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(typeset.templates_dir(), templates)
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    out = small_out  # built with the shipped templates: the same files, so nothing is stale yet
    assert run("--content", small, "--output", out) == (0, "everything is up to date\n", "")
    before = _stamps(out)
    css = templates / "pamphlet" / "pamphlet.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { color: #222; }\n", encoding="utf-8")
    assert run("--content", small, "--output", out, "-q")[0] == 0
    assert _changed(before, _stamps(out)) == ["pamphlet-booklet.pdf", "pamphlet-print.pdf", "pamphlet.pdf"]


def test_a_deleted_or_altered_output_is_remade(small, small_build, small_out, run):
    out = small_out
    (out / "handout.pdf").unlink()
    (out / "lecture.pptx").write_bytes(b"edited by hand")
    assert run("--content", small, "--output", out, "-q")[0] == 0
    for name in ALL:  # remade as they were, and the others left alone
        assert (out / name).read_bytes() == (small_build / name).read_bytes(), name


def test_a_hand_edited_state_is_not_trusted(small, small_out, run):
    out = small_out
    state = out / ".pamphleteer-state.json"
    data = json.loads(state.read_text(encoding="utf-8"))
    data["records"]["pamphlet"]["products"]["pages"]["draisine"] = [14, 16]
    state.write_text(json.dumps(data), encoding="utf-8")
    (out / "lecture.pptx").unlink()
    assert run("deck", "--content", small, "--output", out, "-q")[0] == 0
    text = " ".join(
        shape.text_frame.text
        for slide in Presentation(str(out / "lecture.pptx")).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Pamphlet, p. 4" in text and "14–16" not in text  # the page map was laid out again, not read back


BAD_STATES = {
    "a list": "[]",
    "a record of the wrong shape": '{"format": 2, "records": {"deck": {"key": 1}}, "checksum": "x"}',
    "records as a list": '{"format": 2, "records": []}',
    "nested past the recursion limit": "{" * 100000,
    "not json": "not json",
    "no checksum": '{"format": 2, "content": "", "records": {}}',
    "an older format": '{"format": 1, "content": "", "records": {}, "checksum": "x"}',
}


@pytest.mark.parametrize("text", BAD_STATES.values(), ids=BAD_STATES.keys())
def test_a_state_file_of_the_wrong_shape_is_not_trusted(tmp_path, text):
    (tmp_path / incremental.STATE).write_text(text, encoding="utf-8")
    state = incremental.State.load(tmp_path)  # nothing trusted: every output is built again
    assert state.records == {} and state.content == ""


def test_an_untrusted_state_means_a_full_build(small, small_out, run):
    (small_out / incremental.STATE).write_text("not json", encoding="utf-8")
    code, stdout, err = run("deck", "--content", small, "--output", small_out)
    assert code == 0 and err == "" and stdout.startswith("built deck in ")


def test_state_round_trips_and_checks_its_page_spans(tmp_path):
    record = incremental.Record("b", "k", "o", {"templates:x": "d"}, {"pages": {"one": (1, 3)}})
    state = incremental.State({"pamphlet": record})
    (tmp_path / incremental.STATE).write_bytes(state.to_bytes())
    assert incremental.State.load(tmp_path).records == {"pamphlet": record}
    for bad in ([3, 1], [0, 2], ["x", "y"], [1.5, 2]):  # written whole, checksum and all, by a faulty build
        wrong = dataclasses.replace(record, products={"pages": {"one": bad}})
        (tmp_path / incremental.STATE).write_bytes(incremental.State({"pamphlet": wrong}).to_bytes())
        assert incremental.State.load(tmp_path).records == {}, bad


def test_state_checks_its_print_page_map(tmp_path):
    record = incremental.Record("b", "k", "o", {}, {"print_pages": {"4": "chapter-one", "5": "one/3"}})
    (tmp_path / incremental.STATE).write_bytes(incremental.State({"pamphlet": record}).to_bytes())
    assert incremental.State.load(tmp_path).records == {"pamphlet": record}
    for bad in ({"four": "chapter-one"}, {"4": ""}, {"4": 3}, ["chapter-one"]):
        wrong = dataclasses.replace(record, products={"print_pages": bad})
        (tmp_path / incremental.STATE).write_bytes(incremental.State({"pamphlet": wrong}).to_bytes())
        assert incremental.State.load(tmp_path).records == {}, bad


def test_pages_moving_moves_the_screen_editions_page_markers(small, small_out, run, tmp_path):
    long = " ".join(["The wheel grew and grew, and riders fell from ever greater heights."] * 40)
    _edit(small / "chapters" / "draisine.yaml", lambda d: d["blocks"].append({"p": long}))
    assert run("epub", "web", "--content", small, "--output", small_out, "-q")[0] == 0
    web = (small_out / "web" / "chapter-high-wheeler.html").read_text(encoding="utf-8")
    assert min(int(n) for n in re.findall(r'id="page-(\d+)"', web)) > 5  # it began on p. 5: now later
    clean = tmp_path / "clean"  # with the editions the web edition offers from small_out (its footer links them)
    assert run("pamphlet", "booklet", "deck", "epub", "web", "--content", small, "--output", clean, "-q")[0] == 0
    for name in ("pamphlet.epub", "web/chapter-draisine.html", "web/chapter-high-wheeler.html", "web/index.html"):
        assert (small_out / name).read_bytes() == (clean / name).read_bytes(), name


def test_a_mixed_set_left_by_a_killed_build_is_repaired(small, small_build, run, tmp_path):
    old, new = warm_copy(small_build, tmp_path / "old"), warm_copy(small_build, tmp_path / "new")
    _edit(small / "chapters" / "safety.yaml", lambda d: d["blocks"][0].update(p=d["blocks"][0]["p"] + " Quite so."))
    assert run("--content", small, "--output", new, "-q")[0] == 0
    # killed between renames: the new reading edition beside the old print edition, booklet and state
    (old / "pamphlet.pdf").write_bytes((new / "pamphlet.pdf").read_bytes())
    assert run("--content", small, "--output", old, "-q")[0] == 0
    for name in ALL:
        assert (old / name).read_bytes() == (new / name).read_bytes(), name


def test_a_stylesheet_change_rebuilds_a_leaflet(leaflet_build, run, tmp_path, monkeypatch):
    """A leaflet is laid out as one document, not by parts: what that layout read (its stylesheets,
    fonts) is what the leaflet depends on, so an edit to them is no "everything is up to date"."""
    templates = tmp_path / "templates"
    shutil.copytree(typeset.templates_dir(), templates)
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    out = warm_copy(leaflet_build, tmp_path / "out")
    before = (out / "pamphlet.pdf").read_bytes()
    css = templates / "pamphlet" / "pamphlet.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { color: #123456 !important; }\n", encoding="utf-8")
    assert run("pamphlet", "--content", LEAFLET, "--output", out, "-q")[0] == 0
    assert (out / "pamphlet.pdf").read_bytes() != before
