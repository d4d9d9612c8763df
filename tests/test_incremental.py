"""Rebuild decisions: what changes remake which outputs, and watch mode."""

from __future__ import annotations

import shutil
import threading
import time

import yaml

from pamphleteer import locations, pipeline, typeset, watch
from pamphleteer.errors import BuildError

ALL = ["handout.pdf", "lecture.pptx", "pamphlet-booklet.pdf", "pamphlet-print.pdf", "pamphlet.pdf"]


def _stamps(out):
    return {name: (out / name).stat().st_mtime_ns for name in ALL}


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _changed(before, after):
    return sorted(name for name in ALL if before[name] != after[name])


def test_nothing_changed_writes_nothing(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("--content", small, "--output", out)[0] == 0
    before = _stamps(out)
    code, _, err = run("--content", small, "--output", out)
    assert code == 0 and "everything is up to date" in err
    assert _stamps(out) == before


def test_editing_notes_rebuilds_only_the_deck(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("--content", small, "--output", out)[0] == 0
    before = _stamps(out)
    _edit(
        small / "chapters" / "draisine.yaml", lambda d: d["slides"][0].update(notes=d["slides"][0]["notes"] + " Pause.")
    )
    assert run("--content", small, "--output", out, "-q")[0] == 0
    assert _changed(before, _stamps(out)) == ["lecture.pptx"]


def test_editing_a_paragraph_rebuilds_the_pamphlet_editions(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("--content", small, "--output", out)[0] == 0
    before = _stamps(out)
    _edit(small / "chapters" / "safety.yaml", lambda d: d["blocks"][0].update(p=d["blocks"][0]["p"] + " Quite so."))
    assert run("--content", small, "--output", out, "-q")[0] == 0
    # the pages did not move, so the deck and handout keep their pointers and stay as they were
    assert _changed(before, _stamps(out)) == ["pamphlet-booklet.pdf", "pamphlet-print.pdf", "pamphlet.pdf"]


def test_pages_moving_rebuilds_the_deck(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("--content", small, "--output", out)[0] == 0
    before = _stamps(out)
    long = " ".join(["The wheel grew and grew, and riders fell from ever greater heights."] * 40)
    _edit(small / "chapters" / "draisine.yaml", lambda d: d["blocks"].append({"p": long}))
    assert run("--content", small, "--output", out, "-q")[0] == 0
    assert _changed(before, _stamps(out)) == ALL


def test_a_template_change_rebuilds_what_uses_it(small, run, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(typeset.templates_dir(), templates)
    monkeypatch.setattr(locations, "TEMPLATES", templates)
    typeset.environment.cache_clear()
    out = tmp_path / "out"
    assert run("--content", small, "--output", out)[0] == 0
    before = _stamps(out)
    css = templates / "pamphlet" / "pamphlet.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { color: #222; }\n", encoding="utf-8")
    assert run("--content", small, "--output", out, "-q")[0] == 0
    assert _changed(before, _stamps(out)) == ["pamphlet-booklet.pdf", "pamphlet-print.pdf", "pamphlet.pdf"]
    typeset.environment.cache_clear()


def test_a_deleted_or_altered_output_is_remade(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("--content", small, "--output", out)[0] == 0
    (out / "handout.pdf").unlink()
    (out / "lecture.pptx").write_bytes(b"edited by hand")
    assert run("--content", small, "--output", out, "-q")[0] == 0
    assert (out / "handout.pdf").is_file()
    assert (out / "lecture.pptx").read_bytes()[:2] == b"PK"


def test_watch_rebuilds_after_a_save_and_survives_errors(small, tmp_path):
    out = tmp_path / "out"
    stop = threading.Event()
    said: list[str] = []
    errors: list[BuildError] = []
    worker = threading.Thread(
        target=watch.run,
        args=(small, out, ["deck"], pipeline.Options(), lambda m, **_: said.append(m), errors.append),
        kwargs={"stop": stop},
        daemon=True,
    )
    worker.start()
    deadline = time.monotonic() + 60
    while not (out / "lecture.pptx").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    first = (out / "lecture.pptx").read_bytes()
    time.sleep(0.5)
    chapter = small / "chapters" / "draisine.yaml"
    good = chapter.read_text(encoding="utf-8")
    chapter.write_text("title: [broken\n", encoding="utf-8")  # a save with a typo: reported, not fatal
    while not errors and time.monotonic() < deadline:
        time.sleep(0.2)
    chapter.write_text(good.replace("A machine without pedals", "A machine with no pedals"), encoding="utf-8")
    while (out / "lecture.pptx").read_bytes() == first and time.monotonic() < deadline:
        time.sleep(0.2)
    stop.set()
    worker.join(10)
    assert errors and "expected ',' or ']'" in str(errors[0].problems[0])
    assert (out / "lecture.pptx").read_bytes() != first
    assert any(m.startswith("changed: draisine.yaml") for m in said)
