"""The print edition's pages on screens: every page marker in the EPUB and the web edition sits where the
pamphlet's page begins (read back with pdftotext), and every page pointer of the deck, handout and script
("Pamphlet, pp. 27–31") can be followed to its page in both."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from pptx import Presentation

from tests.conftest import PUBLICATIONS, SLOW

EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
WORDS = re.compile(r"[^\W_]+")
POINTER = re.compile(r"\bpp?\. (\d+)(?:–(\d+))?")  # "p. 4", "pp. 4–7" (the handout's and script's columns too)
BUILDS = [pytest.param("main_build", marks=SLOW), "small_build"]


def _pdf_pages(pdf: Path) -> list[str]:
    """Each page's text, its words broken at a line's end joined again."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"(\w)-\n(\w)", r"\1\2", page).replace("\u00ad", "") for page in text.split("\f")]


def _runs(text: str, n: int = 3) -> set[tuple[str, ...]]:
    """The runs of ``n`` words in ``text`` (of all of them, when it has fewer: a register's title)."""
    words = WORDS.findall(text.lower())
    n = min(n, len(words))
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)} if words else set()


def _on(text: str, page: str) -> bool:
    """Whether some words of ``text`` are on ``page``, as many in a row as it has up to three."""
    words = WORDS.findall(text.lower())
    return bool(words) and bool(_runs(text) & _runs(page, min(3, len(words))))


def _markers(tree: etree._Element) -> dict[int, str]:
    """Each page marker's number and the text it stands before: the blocks after it up to the next
    marker's block (a section's opener, a paragraph), or the entry it opens (a name and its description)."""
    found = {}
    for marker in tree.iter():
        if not isinstance(marker.tag, str) or marker.get("role") != "doc-pagebreak":
            continue
        number = int(marker.get("id").removeprefix("page-"))
        parent = marker.getparent()
        if _local(parent.tag) in ("dt", "li"):  # a register's entry: the name, and the description after it
            after = [parent, parent.getnext()] if _local(parent.tag) == "dt" else [parent]
            if parent.getparent().get("class") == "index":  # the name (the screens give chapters for pages)
                after = [next(e for e in parent if e.get("role") != "doc-pagebreak")]
        else:
            after, sibling = [], marker.getnext()
            while sibling is not None and (sibling.get("role") == "doc-pagebreak" or not after):
                if sibling.get("role") != "doc-pagebreak":
                    after.append(sibling)
                sibling = sibling.getnext()
        found[number] = " ".join(_text(e) for e in after if e is not None)
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: etree._Element) -> str:
    """An element's text without the page markers' own (the web edition's visible "p. 27")."""
    if not isinstance(element.tag, str) or element.get("role") == "doc-pagebreak":
        return ""
    return (element.text or "") + "".join(_text(child) + (child.tail or "") for child in element)


def _epub(out: Path) -> tuple[dict[str, etree._Element], etree._Element]:
    with zipfile.ZipFile(out / "pamphlet.epub") as z:
        docs = {
            n.removeprefix("EPUB/"): etree.fromstring(z.read(n))
            for n in z.namelist()
            if n.endswith(".xhtml") and n != "EPUB/nav.xhtml"
        }
        return docs, etree.fromstring(z.read("EPUB/nav.xhtml"))


def _web(out: Path) -> dict[str, etree._Element]:
    return {p.name: lxml_html.parse(str(p)).getroot() for p in (out / "web").glob("*.html")}


def _where(docs: dict[str, etree._Element]) -> dict[int, tuple[str, str]]:
    """Each marked page: the document its marker is in, and the text the marker stands before."""
    found: dict[int, tuple[str, str]] = {}
    for name, tree in docs.items():
        for number, text in _markers(tree).items():
            assert number not in found, f"page {number} is marked twice"
            found[number] = (name, text)
    return found


def _spans(out: Path) -> dict[str, tuple[int, int]]:
    """The chapters' pages, as the pamphlet published them for the lecture."""
    state = json.loads((out / ".pamphleteer-state.json").read_text(encoding="utf-8"))
    return {c: tuple(span) for c, span in state["records"]["pamphlet"]["products"]["pages"].items()}


def _pointers(out: Path) -> set[int]:
    """Every page the deck, the handout and the script send a reader to."""
    found = set()
    for slide in Presentation(str(out / "lecture.pptx")).slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.startswith("Pamphlet, p"):
                found |= {int(n) for n in re.findall(r"\d+", shape.text_frame.text)}
    assert found, "the deck points nowhere"
    for pdf in ("handout.pdf", "lecture-script.pdf"):
        text = subprocess.run(["pdftotext", str(out / pdf), "-"], capture_output=True, text=True).stdout
        found |= {int(n) for m in POINTER.finditer(text) for n in m.groups() if n}
    return found


@pytest.mark.parametrize("build", [*BUILDS, "leaflet", "ar"])
def test_every_page_marker_stands_before_text_the_pamphlet_prints_on_that_page(build, request):
    # a leaflet's sections run on and share pages; an Arabic book is set right to left
    out = (
        request.getfixturevalue(build)
        if build.endswith("_build")
        else request.getfixturevalue("build_of")(PUBLICATIONS / build)
    )
    pages = _pdf_pages(out / "pamphlet.pdf")
    docs, nav = _epub(out)
    for edition, marked in (("epub", _where(docs)), ("web", _where(_web(out)))):
        assert marked, edition
        for number, (name, text) in marked.items():
            assert _on(text, pages[number - 1]), f"{edition}: {name}#page-{number}: {text[:80]!r}"
    # every page from the first chapter's to the last register's, in the page list and nowhere else
    listed = [a.get("href") for n in nav.iter() if n.get(EPUB_TYPE) == "page-list" for a in n.iter("{*}a")]
    numbers = [int(href.rsplit("#page-", 1)[1]) for href in listed]
    first = min(start for start, _ in _spans(out).values())
    assert numbers == list(range(first, numbers[-1] + 1)) and numbers[-1] >= max(e for _, e in _spans(out).values())
    assert [f"{name}#page-{n}" for n, (name, _) in sorted(_where(docs).items())] == listed
    home = _web(out)["index.html"]
    assert [a.get("href") for a in home.iterfind(".//nav[@class='print-pages']//a")] == [
        h.replace(".xhtml", ".html") for h in listed
    ]


@pytest.mark.parametrize("build", BUILDS)
def test_every_page_pointer_of_the_lecture_leads_to_its_page_in_the_chapter_printed_there(build, request):
    out = request.getfixturevalue(build)
    docs, _ = _epub(out)
    epub, web = _where(docs), _where(_web(out))
    chapter_of = {n: c for c, (start, end) in _spans(out).items() for n in range(start, end + 1)}
    for number in sorted(_pointers(out)):
        assert number in epub and number in web, f"p. {number} has no marker"
        chapter = chapter_of[number]
        assert epub[number][0] == f"chapter-{chapter}.xhtml" and web[number][0] == f"chapter-{chapter}.html"


def test_the_marker_is_read_once_and_the_epub_says_where_its_pages_come_from(small_build):
    with zipfile.ZipFile(small_build / "pamphlet.epub") as z:
        opf = etree.fromstring(z.read("EPUB/package.opf"))
        page = etree.fromstring(z.read("EPUB/chapter-draisine.xhtml"))
    meta = opf.find("{*}metadata")
    features = {m.text for m in meta.iterfind("{*}meta[@property='schema:accessibilityFeature']")}
    assert {"pageBreakMarkers", "pageNavigation", "printPageNumbers"} <= features
    source = meta.find("{http://purl.org/dc/elements/1.1/}source")
    assert source.text == "Two Wheels: A short history of the bicycle"
    assert meta.find(f"{{*}}meta[@refines='#{source.get('id')}']").text == "pagination"
    marker = next(e for e in page.iter() if e.get(EPUB_TYPE) == "pagebreak")
    assert (marker.get("id"), marker.get("aria-label"), marker.get("role"), len(marker)) == (
        "page-4",
        "4",
        "doc-pagebreak",
        0,
    )
    web = lxml_html.parse(str(small_build / "web" / "chapter-draisine.html")).getroot()
    (marker,) = web.xpath("//*[@id='page-4']")
    # seen in the margin as "p. 4", heard once: by its name, its visible number hidden from screen readers
    assert (marker.get("title"), marker.text_content()) == ("4", "p. 4")
    assert [e.get("aria-hidden") for e in marker] == ["true"]
