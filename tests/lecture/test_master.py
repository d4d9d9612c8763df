"""The master script remakes the committed master, and the master's colours read at 4.5:1 or better."""

from __future__ import annotations

import shutil

import pytest
from pptx import Presentation

from pamphleteer.errors import BuildError, display_path
from pamphleteer.lecture import drawing, master
from tests import slideinfo


def _layouts(path) -> dict[str, bytes]:
    prs = Presentation(str(path))
    return {layout.name: layout.part.blob for layout in prs.slide_layouts}


def test_make_remakes_the_committed_master(tmp_path):
    master.make(tmp_path / "lecture-master.pptx")
    assert _layouts(tmp_path / "lecture-master.pptx") == _layouts(drawing.templates_dir() / drawing.MASTER)


def test_every_colour_the_deck_sets_reads_against_its_background():
    prs, layouts = drawing.open_master()  # the build itself refuses a master whose colours fail
    pairs = drawing.contrast_pairs(prs, layouts)
    assert any(what.startswith("layout 'section'") and "footer" in what for what, _, _ in pairs)
    assert [(w, fg, bg) for w, fg, bg in pairs if slideinfo.contrast(fg, bg) < 4.5] == []


def test_a_master_with_grey_footers_is_refused_naming_the_colours(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(drawing.templates_dir(), templates)
    prs = Presentation(str(templates / drawing.MASTER))
    for layout in prs.slide_layouts:
        if layout.name == "points":
            for ph in layout.placeholders:
                if ph.placeholder_format.idx == 11:
                    ph._element.find(".//{*}defRPr/{*}solidFill/{*}srgbClr").set("val", "A1A1A1")
    prs.save(str(templates / drawing.MASTER))
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    with pytest.raises(BuildError) as caught:
        drawing.open_master()
    assert [str(p) for p in caught.value.problems] == [
        f"{display_path(templates / drawing.MASTER)}: colours: layout 'points', footer 11: text #a1a1a1 on #ffffff "
        "has contrast 2.6:1 (at least 4.5:1 is needed)"
    ]
