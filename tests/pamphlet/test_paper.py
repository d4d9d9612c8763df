"""Each paper its own press condition: the bundled profiles held to the total ink declared for them, and a
one-sheet flyer's print edition built for uncoated and for coated paper, read back with pikepdf."""

from __future__ import annotations

import dataclasses
import io
import itertools
import shutil

import pikepdf
import pytest
from PIL import Image, ImageCms

from pamphleteer import cli
from pamphleteer.pamphlet import press
from tests.conftest import FLYER

PAPERS = {"uncoated": press.FOGRA29, "coated": press.FOGRA39}
ACCENT = (0x8C / 255, 0x1C / 255, 0x13 / 255)  # the palette's deep red


def test_each_paper_has_its_own_condition_and_profile():
    assert press.condition("uncoated") is press.FOGRA29 and press.condition("coated") is press.FOGRA39
    assert press.FOGRA29.ink_limit < press.FOGRA39.ink_limit
    for condition in PAPERS.values():
        profile = ImageCms.getOpenProfile(str(condition.path))
        assert ImageCms.getProfileDescription(profile).strip() == condition.description
        assert profile.profile.xcolor_space.strip() == "CMYK" and profile.profile.device_class == "prtr"
        licences = [t.read_text(encoding="utf-8") for t in condition.path.parent.glob("*LICENCE.txt")]
        assert [t for t in licences if t.startswith(f"{condition.profile}: ") and "zlib" in t]  # where it came from


@pytest.mark.parametrize("paper", PAPERS)
def test_the_separation_stays_under_the_paper_s_total_ink(paper):
    condition = PAPERS[paper]
    inks = press.inks(condition)
    corners = list(itertools.product((0, 64, 128, 191, 255), repeat=3))
    flat = [inks.cmyk(tuple(v / 255 for v in rgb)) for rgb in corners]
    assert max(sum(cmyk) for cmyk in flat) <= condition.ink_limit / 100
    grid = list(itertools.product(range(0, 256, 15), repeat=3))
    # pictures go through the profile's perceptual table, built to the same limit (a step of 8-bit rounding)
    picture = Image.new("RGB", (len(grid), 1))
    picture.putdata(grid)
    inked = inks.picture(picture)
    assert max(sum(inked.getpixel((x, 0))) for x in range(len(grid))) <= condition.ink_limit * 255 / 100 + 2


def test_a_colour_over_the_limit_gives_up_colour_inks_and_keeps_black():
    rich = press.inks(press.FOGRA39).cmyk((0.1, 0.1, 0.3))  # a dark blue: four inks, over 250%
    assert sum(rich) > 2.5
    tight = press.Inks(press.FOGRA39.path.read_bytes(), ink_limit=200)
    c, m, y, k = tight.cmyk((0.1, 0.1, 0.3))
    assert k == rich[3] and c + m + y + k <= 2.0 and c < rich[0] and m < rich[1]
    sage = (0x60 / 255, 0x8E / 255, 0x82 / 255)
    assert tight.cmyk(sage) == press.inks(press.FOGRA39).cmyk(sage)  # a colour under it is left alone


def _fills(pdf: pikepdf.Pdf) -> list[tuple[float, ...]]:
    """Every CMYK fill colour set on the print edition's pages outside text, in order."""
    found, text = [], False
    for page in pdf.pages:
        for args, op in pikepdf.parse_content_stream(page):
            text = True if str(op) == "BT" else False if str(op) == "ET" else text
            if str(op) == "k" and not text:
                found.append(tuple(float(v) for v in args))
    return found


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, bytes]:
    """The flyer's print edition for each paper (one sheet, both sides), as bytes."""
    editions = {}
    for paper in PAPERS:
        folder = tmp_path_factory.mktemp(paper)
        shutil.copytree(FLYER, folder / "pub")
        with (folder / "pub" / "publication.yaml").open("a", encoding="utf-8") as f:
            f.write(f"print:\n  paper: {paper}\n")
        argv = ["print", "--content", str(folder / "pub"), "--output", str(folder / "out"), "-q"]
        assert cli.main(argv) == 0
        editions[paper] = (folder / "out" / "pamphlet-print.pdf").read_bytes()
    return editions


def test_each_print_edition_names_its_paper_s_condition_and_embeds_its_profile(printed):
    for paper, condition in PAPERS.items():
        with pikepdf.open(io.BytesIO(printed[paper])) as pdf:
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX" and intent.RegistryName == "http://www.color.org"
            assert str(intent.OutputConditionIdentifier) == condition.identifier
            assert str(intent.OutputCondition) == condition.condition and str(intent.Info) == condition.description
            assert intent.DestOutputProfile.read_bytes() == condition.path.read_bytes()
    assert "paper type 4 (uncoated" in press.FOGRA29.condition and "coated offset" in press.FOGRA39.condition


def test_a_filled_area_is_inked_for_its_paper_and_under_its_limit(printed):
    fills = {}
    for paper in PAPERS:
        with pikepdf.open(io.BytesIO(printed[paper])) as pdf:
            fills[paper] = _fills(pdf)
    uncoated, coated = fills["uncoated"], fills["coated"]
    assert len(uncoated) == len(coated)  # the same drawing, inked twice
    coloured = [(u, c) for u, c in zip(uncoated, coated, strict=True) if max(c[:3]) > 0]
    assert coloured  # the accent's fills, not only black and greys
    assert all(u != c for u, c in coloured)
    assert all(sum(u) <= press.FOGRA29.ink_limit / 100 for u in uncoated)
    assert all(sum(c) <= press.FOGRA39.ink_limit / 100 for c in coated)


def test_a_conditions_separation_is_made_once_while_its_profile_is_unchanged(tmp_path, monkeypatch):
    icc = tmp_path / "templates" / "icc"
    shutil.copytree(press.FOGRA39.path.parent, icc)
    (icc.parent / "pamphlet").mkdir()
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(icc.parent))
    first = press.inks(press.FOGRA39)
    assert press.inks(press.FOGRA39) is first  # made once: its colour transforms are built from the profile
    assert press.inks(dataclasses.replace(press.FOGRA39, ink_limit=280)) is not first  # another limit: its own
    shutil.copyfile(press.FOGRA29.path, press.FOGRA39.path)  # the profile replaced (a --watch's server keeps one)
    assert press.inks(press.FOGRA39).digest != first.digest
