"""The EPUB: valid to the reference checker, linked both ways, reproducible, incremental, hostile text literal."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urldefrag

import pytest
import yaml
from lxml import etree
from PIL import Image

from pamphleteer import content
from pamphleteer.screen import ebook
from tests import epubinfo
from tests.browser import chromium, needs_chromium
from tests.conftest import PUBLICATIONS, SLOW, SMALL

NS = {"x": "http://www.w3.org/1999/xhtml", "e": "http://www.idpf.org/2007/ops", "o": "http://www.idpf.org/2007/opf"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def _files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("build", [pytest.param("main_build", marks=SLOW), "small_build"])
def test_epubcheck_finds_no_error_and_no_warning(build, request):
    out = request.getfixturevalue(build)
    done = epubinfo.check(out / "pamphlet.epub")
    assert epubinfo.CLEAN in done.stdout, done.stdout + done.stderr
    assert done.returncode == 0


def test_the_container_puts_mimetype_first_and_stored_and_is_the_same_bytes_each_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    book = content.load(SMALL)
    first, second = ebook.render(book), ebook.render(book)
    assert first == second
    assert first[30:38] == b"mimetype" and first[38:58] == b"application/epub+zip"  # no extra field
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        infos = z.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}


def test_one_document_per_chapter_and_register_in_reading_order(small_build):
    files = _files(small_build / "pamphlet.epub")
    opf = etree.fromstring(files["EPUB/package.opf"])
    items = {i.get("id"): i.get("href") for i in opf.iterfind(".//o:manifest/o:item", NS)}
    spine = [items[r.get("idref")] for r in opf.iterfind(".//o:spine/o:itemref", NS)]
    assert spine == [
        "cover.xhtml",  # drawn: the publication has no cover picture
        "title.xhtml",
        "nav.xhtml",
        "chapter-draisine.xhtml",
        "chapter-high-wheeler.xhtml",
        "chapter-safety.xhtml",
        "people.xhtml",
        "timeline.xhtml",
        "glossary.xhtml",
        "sources.xhtml",
        "names.xhtml",
    ]
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    kinds = [n.get(EPUB_TYPE) for n in nav.iterfind(".//x:nav", NS)]
    assert kinds == ["toc", "page-list", "landmarks"]
    landmarks = [a.get(EPUB_TYPE) for a in nav.iterfind(".//x:nav[@id='landmarks']//x:a", NS)]
    assert landmarks == ["titlepage", "toc", "bodymatter", "glossary", "bibliography", "index"]
    fonts = sorted(n for n in files if n.startswith("EPUB/fonts/"))
    assert "EPUB/fonts/PARATYPE-LICENCE.txt" in fonts and len(fonts) == 8  # the text faces: no other script


def test_every_link_inside_the_book_lands_on_an_element_and_notes_link_both_ways(small_build):
    files = _files(small_build / "pamphlet.epub")
    docs = {n[5:]: etree.fromstring(d) for n, d in files.items() if n.endswith(".xhtml")}
    ids = {name: {e.get("id") for e in doc.iter() if e.get("id")} for name, doc in docs.items()}
    links = 0
    for name, doc in docs.items():
        for a in doc.iterfind(".//x:a[@href]", NS):
            target, anchor = urldefrag(a.get("href"))
            if target.startswith(("http:", "https:", "mailto:")):
                continue
            target = target or name
            assert target in docs, (name, a.get("href"))
            assert not anchor or anchor in ids[target], (name, a.get("href"))
            links += 1
    assert links > 30
    chapter = docs["chapter-draisine.xhtml"]
    refs = chapter.findall(".//x:a[@role='doc-noteref']", NS)
    notes = chapter.findall(".//x:aside[@role='doc-footnote']", NS)
    assert refs and len(refs) == len(notes)
    for ref, note in zip(refs, notes, strict=True):
        assert ref.get(EPUB_TYPE) == "noteref" and note.get(EPUB_TYPE) == "footnote"
        assert ref.get("href") == "#" + note.get("id")
        assert note.find(".//x:a[@role='doc-backlink']", NS).get("href") == "#" + ref.get("id")
    # The who's who links back to the chapters that mention a person, and the index to each mention.
    people = docs["people.xhtml"]
    back = [a.get("href") for a in people.iterfind(".//x:span[@class='mentions']/x:a", NS)]
    assert back and all(h.startswith("chapter-") and "#ix-person-" in h for h in back)
    index = [a.get("href") for a in docs["names.xhtml"].iterfind(".//x:a[@class='place']", NS)]
    assert index and all("#ix-person-" in h for h in index)


def test_charts_are_svg_with_a_text_description_and_their_figures(small_build):
    files = _files(small_build / "pamphlet.epub")
    svgs = [(etree.fromstring(d), n) for n, d in files.items() if n.endswith(".xhtml") and b"<svg" in d]
    assert svgs
    for doc, name in svgs:
        for svg in doc.iterfind(".//{http://www.w3.org/2000/svg}svg"):
            title, desc = svg.get("aria-labelledby").split()
            described = doc.find(f".//*[@id='{desc}']")
            assert described.tag == "{http://www.w3.org/2000/svg}desc" and ":" in described.text, name
            assert doc.find(f".//*[@id='{title}']").text
    opf = etree.fromstring(files["EPUB/package.opf"])
    with_svg = {i.get("href") for i in opf.iterfind(".//o:item[@properties='svg']", NS)}
    assert with_svg == {n[5:] for _, n in svgs}


def test_the_identifier_follows_the_title_not_the_text(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("epub", "--content", small, "--output", out)[0] == 0

    def ident() -> str:
        opf = etree.fromstring(_files(out / "pamphlet.epub")["EPUB/package.opf"])
        return opf.find(".//{http://purl.org/dc/elements/1.1/}identifier").text

    first = ident()
    assert first.startswith("urn:uuid:")
    assert run("epub", "--content", small, "--output", out) == (0, "everything is up to date\n", "")
    _edit(small / "chapters" / "safety.yaml", lambda d: d["blocks"].append({"p": "One more paragraph."}))
    code, stdout, _ = run("epub", "--content", small, "--output", out)
    assert code == 0 and stdout.startswith("built epub in ")
    assert ident() == first
    _edit(small / "publication.yaml", lambda d: d.update(title="Another title"))
    assert run("epub", "--content", small, "--output", out)[0] == 0
    assert ident() != first


def test_images_travel_in_the_book_with_their_alt_text(small, run, tmp_path):
    (small / "images").mkdir(exist_ok=True)
    Image.new("RGB", (120, 80), (140, 28, 19)).save(small / "images" / "red wheel.png")
    Image.new("RGB", (60, 60), (40, 60, 70)).save(small / "images" / "dark.jpeg")

    def add(data):
        data["blocks"].append({"image": {"file": "images/red wheel.png", "alt": "A red wheel", "caption": "*Red*"}})
        data["blocks"].append({"image": {"file": "images/dark.jpeg", "alt": "A dark square"}})

    _edit(small / "chapters" / "safety.yaml", add)
    out = tmp_path / "out"
    assert run("epub", "web", "--content", small, "--output", out)[0] == 0
    files = _files(out / "pamphlet.epub")
    doc = etree.fromstring(files["EPUB/chapter-safety.xhtml"])
    images = [(i.get("src"), i.get("alt")) for i in doc.iterfind(".//x:img", NS)]
    assert [alt for _, alt in images] == ["A red wheel", "A dark square"]
    opf = etree.fromstring(files["EPUB/package.opf"])
    types = {i.get("href"): i.get("media-type") for i in opf.iterfind(".//o:item", NS)}
    assert [types[src] for src, _ in images] == ["image/png", "image/jpeg"]
    assert files["EPUB/" + images[0][0]] == (small / "images" / "red wheel.png").read_bytes()
    assert (out / "web" / images[1][0]).read_bytes() == (small / "images" / "dark.jpeg").read_bytes()
    if epubinfo.installed():
        done = epubinfo.check(out / "pamphlet.epub")
        assert epubinfo.CLEAN in done.stdout, done.stdout


MEASURE = """<script>window.addEventListener("load", function () {
  var p = document.querySelector("section > p"), size = parseFloat(getComputedStyle(document.body).fontSize);
  var out = document.createElement("pre"); out.id = "measure";
  out.textContent = (p.getBoundingClientRect().width / size).toFixed(1); document.body.appendChild(out);
});</script></body>"""


@needs_chromium
def test_a_wide_window_keeps_a_readers_measure(small_build, tmp_path):
    """A reading system that leaves the width to the book (a browser, a desktop reader at full screen)
    sets a chapter's lines some 36 em wide, not the window's 1280 px (some 80 em)."""
    with zipfile.ZipFile(small_build / "pamphlet.epub") as z:
        z.extractall(tmp_path)
    chapter = next(p for p in sorted((tmp_path / "EPUB").glob("*.xhtml")) if b"<section" in p.read_bytes())
    assert 30 <= float(_probed(chapter, MEASURE, "measure")) <= 36.5


def _probed(page: Path, script: str, found: str) -> str:
    """What ``script`` (put at the end of a copy of the page's body) wrote into its element ``#found``, the
    page drawn by chromium in a window 1280 px wide."""
    probe = page.with_name("probe-" + page.name)
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", script), encoding="utf-8")
    dom = chromium("--window-size=1280,900", "--virtual-time-budget=10000", "--dump-dom", probe.as_uri())
    return dom.split(f'id="{found}">')[1].split("<")[0]


SHOWN = """<script>window.addEventListener("load", function () {
  var out = document.createElement("pre"); out.id = "shown";
  out.textContent = Array.from(document.querySelectorAll("figcaption .source")).map(function (e) {
    return e.tagName.toLowerCase() + ":" + getComputedStyle(e).display;
  }).join(" "); document.body.appendChild(out);
});</script></body>"""


@needs_chromium
@pytest.mark.parametrize("edition", ["epub", "web"])
def test_a_captions_source_line_is_its_own_but_a_source_linked_in_its_text_stays_in_the_line(
    build_of, tmp_path, edition
):
    """A chart's source is a line of its own under its caption; a link to a register's source inside a
    caption's text (a quotation attributed "nach Schulthess' Geschichtskalender") stays in its line: set as
    a block, it broke the attribution over lines, and a chart's source "(Hempel)" over three."""
    out = build_of(PUBLICATIONS / "de")
    if edition == "epub":
        with zipfile.ZipFile(out / "pamphlet.epub") as z:
            z.extractall(tmp_path)
        pages = sorted((tmp_path / "EPUB").glob("*.xhtml"))
    else:
        shutil.copytree(out / "web", tmp_path / "web")
        pages = sorted((tmp_path / "web").glob("chapter-*.html"))
    # a page with both: a chart's source line and a source linked in a caption (one chromium run)
    both = (b'<span class="source">', b'class="ref source"')
    held = {p: p.read_bytes() for p in pages}
    page = next(p for p in pages if all(mark in held[p] for mark in both))
    shown = _probed(page, SHOWN, "shown").split()
    assert "span:block" in shown and "a:inline" in shown  # the chart's source line; a linked source
    assert sorted(set(shown)) == ["a:inline", "span:block"]
