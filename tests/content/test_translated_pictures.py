"""A translation of an illustrated publication: each picture is the file of the folder that names it.

The original's chapters show the original's pictures; the translation's own chapters show its own,
or the original's when it has none of that name; every picture is checked where it is read, and a
file planted in the translation's folder under an original's picture's name is never shipped.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from pamphleteer import cli, content
from pamphleteer.errors import BuildError
from tests.conftest import SMALL

RED, GREEN, BLUE, SECRET = (200, 30, 30), (30, 160, 30), (30, 30, 200), (250, 200, 0)


def _picture(path: Path, colour: tuple[int, int, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (60, 40), colour).save(path)


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _slide(file: str) -> dict:
    return {"title": "A picture", "image": {"file": file, "alt": "A wheel"}, "notes": "Look at the wheel."}


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    """The small publication with pictures, and a translation of one chapter that shows pictures too."""
    original, mine = tmp_path / "pub", tmp_path / "tr"
    shutil.copytree(SMALL, original)
    _picture(original / "images" / "wheel.png", RED)
    _picture(original / "images" / "only.png", GREEN)

    def show_red(data: dict) -> None:
        data["blocks"].insert(1, {"image": {"file": "images/wheel.png", "alt": "A red wheel"}})
        data["slides"].append(_slide("images/wheel.png"))

    _edit(original / "chapters" / "draisine.yaml", show_red)  # left untranslated
    (mine / "chapters").mkdir(parents=True)
    (mine / "publication.yaml").write_text("translation_of: ../pub\nlanguage: en\ntitle: Two wheels, again\n")
    safety = yaml.safe_load((original / "chapters" / "safety.yaml").read_text(encoding="utf-8"))
    safety["blocks"].insert(1, {"image": {"file": "images/own.png", "alt": "A blue wheel"}})  # its own
    safety["blocks"].insert(2, {"image": {"file": "images/only.png", "alt": "A green wheel"}})  # the original's
    safety["slides"].append(_slide("images/only.png"))
    (mine / "chapters" / "safety.yaml").write_text(yaml.safe_dump(safety, sort_keys=False), encoding="utf-8")
    _picture(mine / "images" / "own.png", BLUE)
    return original, mine


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every output of the translation, with a link to another picture planted in the translation's
    folder under the name that only the original's (untranslated) chapter uses."""
    folder = tmp_path_factory.mktemp("translated-pictures")
    _, mine = _pair(folder)
    _picture(folder / "secret.png", SECRET)
    (mine / "images" / "wheel.png").symlink_to(folder / "secret.png")
    out = folder / "out"
    assert cli.main(["--content", str(mine), "--output", str(out), "-q"]) == 0
    return out


def _colours(images: list[bytes]) -> list[tuple[int, int, int]]:
    found = []
    for data in images:
        with Image.open(io.BytesIO(data)) as img:
            found.append(img.convert("RGB").getpixel((img.width // 2, img.height // 2)))
    return found


def _pdf_colours(path: Path) -> set[tuple[int, int, int]]:
    return {c for page in PdfReader(str(path)).pages for c in _colours([i.data for i in page.images])}


def test_the_screen_editions_ship_each_chapters_own_pictures(built):
    with zipfile.ZipFile(built / "pamphlet.epub") as book:
        epub = [book.read(n) for n in book.namelist() if n.startswith("EPUB/images/")]
    web = [p.read_bytes() for p in sorted((built / "web" / "images").iterdir())]
    assert sorted(_colours(epub)) == sorted(_colours(web)) == sorted([RED, GREEN, BLUE])


def test_the_pamphlet_and_the_script_draw_the_same_pictures(built):
    assert _pdf_colours(built / "pamphlet.pdf") == {RED, GREEN, BLUE}
    assert _pdf_colours(built / "lecture-script.pdf") == {RED, GREEN}  # the slides' pictures


def test_the_deck_shows_the_slides_pictures(built):
    deck = Presentation(str(built / "lecture.pptx"))
    blobs = [s.image.blob for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert sorted(_colours(blobs)) == sorted([RED, GREEN])


def test_a_link_planted_in_the_translation_is_refused(tmp_path):
    _, mine = _pair(tmp_path)
    _picture(tmp_path / "secret.png", SECRET)
    (mine / "images" / "own.png").unlink()
    (mine / "images" / "own.png").symlink_to(tmp_path / "secret.png")
    with pytest.raises(BuildError) as caught:
        content.load(mine)
    assert [p.message for p in caught.value.problems] == ["'images/own.png' links outside the publication folder"]
    assert caught.value.problems[0].path == mine / "chapters" / "safety.yaml"


def test_a_picture_in_neither_folder_is_named_with_both(tmp_path, monkeypatch):
    original, mine = _pair(tmp_path)
    (original / "images" / "only.png").unlink()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BuildError) as caught:
        content.load(mine)
    found = {(p.path.name, p.message) for p in caught.value.problems}
    assert ("safety.yaml", "image 'images/only.png' not found in tr nor in the original's pub") in found


def test_a_picture_added_to_the_translation_takes_the_place_of_the_originals(tmp_path, run):
    _, mine = _pair(tmp_path)
    out = tmp_path / "out"
    assert run("epub", "--content", mine, "--output", out, "-q")[0] == 0
    _picture(mine / "images" / "only.png", SECRET)  # now the translation has a picture of that name
    assert run("epub", "--content", mine, "--output", out, "-q")[0] == 0
    with zipfile.ZipFile(out / "pamphlet.epub") as book:
        shipped = [book.read(n) for n in book.namelist() if n.startswith("EPUB/images/")]
    assert sorted(_colours(shipped)) == sorted([RED, SECRET, BLUE])
