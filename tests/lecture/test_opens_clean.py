"""Every deck keeps the Office Open XML rules PowerPoint checks before it offers to repair a file."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from tests import ooxml
from tests.conftest import CONTENT, FLYER, LEAFLET, PUBLICATIONS, ROOT, SMALL

DECKS = [SMALL, CONTENT, LEAFLET, FLYER, *(PUBLICATIONS / n for n in ("de", "ru", "ar", "press", "matchwomen"))]


@pytest.mark.parametrize("root", [*DECKS, ROOT / "content-es"], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_deck_opens_clean(root, build_of):
    assert ooxml.problems(build_of(root) / "lecture.pptx") == []


def _edited(pptx: bytes, name: str, edit) -> bytes:
    """The package with one part's text changed by ``edit``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pptx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == name:
                data = edit(data.decode()).encode()
            dst.writestr(info.filename, data)
    return out.getvalue()


def test_the_rules_name_what_breaks_them(small_build):
    pptx = (small_build / "lecture.pptx").read_bytes()
    assert ooxml.problems(pptx) == []
    slide = "ppt/slides/slide4.xml"
    twice = _edited(pptx, slide, lambda xml: re.sub(r'(<p:cNvPr id=")\d+', r"\g<1>2", xml))
    assert any(p.startswith(f"{slide}: shape id 2 used") for p in ooxml.problems(twice))
    untyped = _edited(
        pptx, "[Content_Types].xml", lambda xml: re.sub(r'<Override PartName="/ppt/slides/slide4.xml"[^>]*/>', "", xml)
    )
    assert ooxml.problems(untyped) == [f"{slide}: no content type of its own (no Override)"]
    rels = "ppt/slides/_rels/slide4.xml.rels"
    astray = _edited(pptx, rels, lambda xml: xml.replace('Target="../slideLayouts/', 'Target="../slideLayuots/'))
    assert [p for p in ooxml.problems(astray) if "no part" in p] == [
        f"{rels}: rId1 leads to ../slideLayuots/slideLayout3.xml, which is no part"
    ]
    unknown = _edited(pptx, slide, lambda xml: xml.replace("<p:cSld", '<p:cSld r:id="rId99"', 1))
    assert f"{slide}: uses relationship rId99, which it does not declare" in ooxml.problems(unknown)
