"""The EPUB born accessible: its metadata claims only what the book holds, each epub:type has its DPUB role,
it has a cover, its contents number each chapter once, and its colours survive a reading system's night mode."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import tinycss2
import yaml
from lxml import etree
from PIL import Image

from pamphleteer import content
from pamphleteer.screen import ebook
from tests.conftest import SMALL

NS = {"x": "http://www.w3.org/1999/xhtml", "o": "http://www.idpf.org/2007/opf"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def _files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _meta(files: dict[str, bytes]) -> dict[str, list[str]]:
    opf = etree.fromstring(files["EPUB/package.opf"])
    out: dict[str, list[str]] = {}
    for m in opf.iterfind(".//o:metadata/o:meta", NS):
        if m.get("property"):
            out.setdefault(m.get("property"), []).append(m.text)
    return out


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_text_only_flyer_claims_no_pictures_charts_or_visual_mode(flyer_build):
    meta = _meta(_files((flyer_build / "pamphlet.epub").read_bytes()))
    assert meta["schema:accessMode"] == ["textual"] and meta["schema:accessModeSufficient"] == ["textual"]
    features = meta["schema:accessibilityFeature"]
    assert "alternativeText" not in features and "longDescription" not in features
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(features)
    summary = meta["schema:accessibilitySummary"][0]
    assert "chart" not in summary and "image" not in summary and "footnote" not in summary
    assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert meta["a11y:certifiedBy"] == ["Test Press"] and meta["schema:accessibilityHazard"] == ["none"]


def test_pictures_and_charts_are_claimed_when_the_book_has_them(small):
    (small / "images").mkdir(exist_ok=True)
    Image.new("RGB", (40, 30), (140, 28, 19)).save(small / "images" / "wheel.png")
    _edit(
        small / "chapters" / "safety.yaml",
        lambda d: d["blocks"].append({"image": {"file": "images/wheel.png", "alt": "A wheel"}}),
    )
    meta = _meta(_files(ebook.render(content.load(small))))
    assert meta["schema:accessMode"] == ["textual", "visual"]
    assert meta["schema:accessModeSufficient"] == ["textual", "textual,visual"]
    assert {"alternativeText", "longDescription", "index"} <= set(meta["schema:accessibilityFeature"])
    summary = meta["schema:accessibilitySummary"][0]
    assert "every chart has a text description" in summary and "every image has alternative text" in summary
    assert "footnotes are linked both ways" in summary
    assert "Who’s who, Glossary and Index of names link to and from the text" in summary


def test_every_epub_type_with_a_dpub_role_carries_it(small_build):
    files = _files((small_build / "pamphlet.epub").read_bytes())
    seen = set()
    for name, data in files.items():
        if not name.endswith(".xhtml") or name.endswith("nav.xhtml"):
            continue
        for e in etree.fromstring(data).iter():
            kind = e.get(EPUB_TYPE)
            if kind in ebook.ROLES:
                assert e.get("role") == f"doc-{kind}", (name, kind, e.get("role"))
                seen.add(kind)
    assert seen == {"chapter", "appendix", "glossary", "bibliography", "index", "colophon"}


def test_a_book_without_a_cover_picture_gets_one_drawn(small_build):
    files = _files((small_build / "pamphlet.epub").read_bytes())
    opf = etree.fromstring(files["EPUB/package.opf"])
    cover = opf.find(".//o:item[@properties='cover-image']", NS)
    assert cover.get("href") == "cover.svg" and cover.get("media-type") == "image/svg+xml"
    drawn = etree.fromstring(files["EPUB/cover.svg"])
    lines = [t.text for t in drawn.iter("{http://www.w3.org/2000/svg}text")]
    title = content.load(SMALL).publication.title
    assert title in lines and "A short history of the bicycle" in " ".join(lines)
    page = etree.fromstring(files["EPUB/cover.xhtml"])
    img = page.find(".//x:img", NS)
    assert img.get("src") == "cover.svg" and img.get("role") == "doc-cover" and img.get("alt")
    first = opf.find(".//o:spine/o:itemref", NS).get("idref")
    assert opf.find(f".//o:item[@id='{first}']", NS).get("href") == "cover.xhtml"


def test_a_cover_picture_is_the_books_cover(small):
    Image.new("RGB", (60, 90), (20, 40, 60)).save(small / "front.png")
    text = (small / "publication.yaml").read_text(encoding="utf-8")
    (small / "publication.yaml").write_text(text + "cover: {file: front.png, alt: A blue field}\n", encoding="utf-8")
    files = _files(ebook.render(content.load(small)))
    opf = etree.fromstring(files["EPUB/package.opf"])
    cover = opf.find(".//o:item[@properties='cover-image']", NS)
    assert files["EPUB/" + cover.get("href")] == (small / "front.png").read_bytes()
    assert "EPUB/cover.xhtml" not in files and "EPUB/cover.svg" not in files  # the title page shows it


def test_the_contents_number_each_chapter_once(small_build):
    files = _files((small_build / "pamphlet.epub").read_bytes())
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    links = ["".join(a.itertext()) for a in nav.iterfind(".//x:nav[@id='toc']//x:a", NS)]
    assert links[1].startswith("1. ") and links[2].startswith("2. ")
    # the chapter's own number only: the list shows none of its own
    rules = tinycss2.parse_stylesheet(files["EPUB/style.css"].decode(), skip_comments=True, skip_whitespace=True)
    unnumbered = [
        tinycss2.serialize(r.prelude).strip()
        for r in rules
        if "list-style: none" in tinycss2.serialize(r.content) and "nav#toc ol" in tinycss2.serialize(r.prelude)
    ]
    assert unnumbered


def test_no_background_is_set_without_its_text_colour(small, run, tmp_path):
    """A reading system's night or sepia mode changes the text's colour; a box that keeps its own light
    background must then keep its own dark text too."""
    text = (small / "publication.yaml").read_text(encoding="utf-8")
    (small / "publication.yaml").write_text(text + "style: {colours: {accent: '#1d4e89'}}\n", encoding="utf-8")
    assert run("epub", "--content", small, "--output", tmp_path / "out")[0] == 0  # a build of its own
    styled = _files((tmp_path / "out" / "pamphlet.epub").read_bytes())
    sheets = {name: styled[f"EPUB/{name}"] for name in ("style.css", "house.css")}
    checked = 0
    for name, css in sheets.items():
        for rule in tinycss2.parse_stylesheet(css.decode(), skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue
            names = {
                d.lower_name
                for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
                if d.type == "declaration"
            }
            if names & {"background", "background-color"}:
                assert "color" in names, (name, tinycss2.serialize(rule.prelude))
                checked += 1
    assert checked >= 2
