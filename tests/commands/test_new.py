"""``new DIR``: a starter publication that builds at once, never over an author's files."""

from __future__ import annotations

import json

import pytest
import yaml
from pptx import Presentation

from pamphleteer.content import fields, model


def test_new_publication_builds_at_once(run, tmp_path):
    code, _, err = run("new", tmp_path / "mybook")
    assert code == 0, err
    schema = json.loads((tmp_path / "mybook" / "schema" / "chapter.json").read_text(encoding="utf-8"))
    assert schema == model.json_schemas()["chapter"]  # what an editor checks the chapters against
    assert (tmp_path / "mybook" / "FIELDS.md").read_text(encoding="utf-8") == fields.document()
    code, _, err = run("deck", "--content", tmp_path / "mybook", "--output", tmp_path / "out")
    assert code == 0, err
    title = yaml.safe_load((tmp_path / "mybook" / "publication.yaml").read_text(encoding="utf-8"))["title"]
    assert Presentation(str(tmp_path / "out" / "lecture.pptx")).slides[0].shapes.title.text == title


def test_new_refuses_a_folder_with_files(run, tmp_path):
    (tmp_path / "x.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("new", tmp_path)
    assert code == 2
    assert err == f"pamphleteer: {tmp_path}: already exists and is not empty; choose a new folder\n"
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "mine"


def test_the_starter_reads_as_a_starting_point(run, tmp_path):
    assert run("new", tmp_path / "mine")[0] == 0
    publication = (tmp_path / "mine" / "publication.yaml").read_text(encoding="utf-8")
    assert "test" not in publication.casefold()
    assert not (tmp_path / "mine" / "_forms").exists()


@pytest.mark.parametrize(("form", "outputs"), [("leaflet", 8), ("flyer", 7)])
def test_new_leaflet_or_flyer_builds_every_output_it_has(run, tmp_path, form, outputs):
    code, _, err = run("new", tmp_path / "mine", "--form", form)
    assert code == 0, err
    publication = (tmp_path / "mine" / "publication.yaml").read_text(encoding="utf-8")
    assert f"\nform: {form}\n" in publication and "test" not in publication.casefold()
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == [
        "FIELDS.md",
        "chapters",
        "publication.yaml",
        "schema",
    ]
    code, _, err = run("--content", tmp_path / "mine", "--output", tmp_path / "out")
    assert code == 0, err
    built = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert len(built) == outputs, built
    assert ("pamphlet-booklet.pdf" in built) is (form == "leaflet")
    assert {"pamphlet.pdf", "pamphlet-print.pdf", "pamphlet.epub", "web", "lecture.pptx"} <= set(built)


def test_new_with_an_unknown_form_is_a_usage_error(run, tmp_path):
    code, _, err = run("new", tmp_path / "mine", "--form", "poster")
    assert code == 2
    assert err == "pamphleteer: unknown form 'poster' (choose from pamphlet, leaflet, flyer)\n"
    assert not (tmp_path / "mine").exists()
