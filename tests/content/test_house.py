"""The house style in publication.yaml: colours checked for contrast where they are drawn, a logo checked
like any picture, and the look every output draws with derived from them."""

from __future__ import annotations

import json
import shutil

import pytest

from pamphleteer.content import house
from tests.conftest import SMALL


def test_without_a_style_the_look_is_our_own_design():
    ours = house.look()
    assert (ours.accent, ours.ink, ours.on_accent, ours.text_face, ours.styled) == (
        house.ACCENT,
        house.INK,
        house.CREAM,
        "PT Serif",
        False,
    )


@pytest.mark.parametrize("accent", ["#1d4e89", "#7a1828", "#2e5e2e", "#000000", "#595959", "#2e7d32"])
def test_the_text_set_on_any_accepted_accent_reads_at_4_5_to_1(accent):
    look = house.look(accent)
    for behind in (look.accent, look.shade):
        assert house.contrast(look.on_accent, behind) >= house.MINIMUM
        assert house.contrast(look.soft, behind) >= house.MINIMUM or look.soft == look.on_accent
    assert house.contrast(look.accent, house.PAGE) >= house.MINIMUM  # labels and dates on the page


def test_our_cream_gives_way_to_white_where_it_would_not_read():
    assert house.look("#8c1c13").on_accent == house.CREAM
    assert house.look("#2e7d32").on_accent == house.WHITE  # cream on this green: 4.48:1


def _write(tmp_path, publication_text: str):
    pub = tmp_path / "pub"
    shutil.copytree(SMALL, pub)
    original = (SMALL / "publication.yaml").read_text(encoding="utf-8")
    (pub / "publication.yaml").write_text(original + publication_text, encoding="utf-8")
    line = original.count("\n") + 1
    return pub, line


def test_a_pale_accent_is_refused_at_its_line_naming_the_pair(tmp_path, run):
    pub, line = _write(tmp_path, 'style:\n  colours: {accent: "#e8b04a", text: "#333"}\n')
    code, _, err = run("check", "--content", str(pub))
    assert code == 1
    assert (
        f"publication.yaml:{line + 1}:21: style.colours.accent: #e8b04a on #ffffff (labels, dates and rules on the "
        "page) has contrast 2.0:1; at least 4.5:1 is needed: choose a darker colour"
    ) in err
    assert "style.colours.text" not in err  # #333 (#333333) reads


def test_an_unquoted_colour_is_named_as_yaml_reads_it(tmp_path, run):
    pub, line = _write(tmp_path, "style:\n  colours:\n    accent: #1d4e89\n")
    code, _, err = run("check", "--content", str(pub))
    assert code == 1
    assert f"publication.yaml:{line + 2}:" in err
    assert 'style.colours.accent: no colour: in YAML a # begins a comment, so quote the colour: "#1d4e89"' in err


def test_a_typeface_not_bundled_is_refused(tmp_path, run):
    pub, _ = _write(tmp_path, "style: {typeface: Comic Sans}\n")
    code, _, err = run("check", "--content", str(pub))
    assert code == 1
    assert "style.typeface" in err and "PT Serif" in err and "PT Sans" in err


def test_a_missing_logo_and_cover_are_located(tmp_path, run):
    pub, line = _write(tmp_path, "style: {logo: images/logo.png}\ncover: {file: images/cover.jpg, alt: A crowd}\n")
    code, _, err = run("check", "--content", str(pub))
    assert code == 1
    assert f"publication.yaml:{line}:" in err and "style.logo" in err
    assert f"publication.yaml:{line + 1}:" in err and "cover.file" in err


def test_the_schema_says_what_a_style_accepts(small, run):
    assert run("schema", "--content", str(small))[0] == 0
    schema = json.loads((small / "schema" / "publication.json").read_text(encoding="utf-8"))
    style = schema["$defs"]["Style"]["properties"]
    assert style["typeface"]["enum"] == ["PT Serif", "PT Sans"]
    colours = schema["$defs"]["Colours"]["properties"]
    assert colours["accent"]["pattern"] == "^#(?:[0-9a-fA-F]{3}){1,2}$"
