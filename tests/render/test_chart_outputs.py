"""One chart drawing in every HTML output: the SVG read back from the EPUB, the web edition and the pamphlet.

Every label reads on what lies behind it (4.5:1 at least), measured on the markup of the
screen editions and on the pixels of the pamphlet as poppler draws it; and the three
editions write the same numbers.
"""

from __future__ import annotations

import re
import zipfile

from lxml import etree

from tests import inkinfo, pdfinfo, slideinfo

SVG = "{http://www.w3.org/2000/svg}"


def _charts(markup: bytes) -> list[etree._Element]:
    root = etree.fromstring(markup, etree.XMLParser(recover=True))
    return [svg for svg in root.iter(f"{SVG}svg") if "chart" in (svg.get("class") or "")]


def _labels(svg: etree._Element) -> list[tuple[str, str, str]]:
    """(text, its colour, the colour behind it) for every text of a chart: the last shape drawn under it, or paper."""
    rects = [
        (float(r.get("x")), float(r.get("y")), float(r.get("width")), float(r.get("height")), r.get("fill"))
        for r in svg.iter(f"{SVG}rect")
    ]
    out = []
    for text in svg.iter(f"{SVG}text"):
        x, y = float(text.get("x")), float(text.get("y")) - 3.5  # the middle of a figure's height
        behind = "#ffffff"
        for rx, ry, rw, rh, fill in rects:
            if rx <= x <= rx + rw and ry <= y <= ry + rh:
                behind = fill
        ink = text.get("fill")
        if ink == "currentColor":  # a screen's text on the paper, in the page's own text colour (night modes)
            assert behind == "#ffffff", (text.text, behind)
            ink = "#1a1a1a"
        out.append((text.text or "", _full(ink), _full(behind)))
    return out


def _full(colour: str) -> str:
    """#555 as #555555."""
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def _screen_pages(out) -> dict[str, bytes]:
    pages = {str(p.relative_to(out)): p.read_bytes() for p in (out / "web").glob("*.html")}
    with zipfile.ZipFile(out / "pamphlet.epub") as epub:
        pages |= {n: epub.read(n) for n in epub.namelist() if n.endswith(".xhtml")}
    return pages


def test_labels_in_the_epub_and_the_web_edition_read_on_their_fills(charts_build):
    out = charts_build()
    on_fills = []
    for name, markup in _screen_pages(out).items():
        for svg in _charts(markup):
            for text, ink, behind in _labels(svg):
                assert slideinfo.contrast(ink, behind) >= 4.5, (name, text, ink, behind)
                if behind != "#ffffff":
                    on_fills.append((text, ink, behind))
    # the shares are labelled inside their segments: white on the deep red, ink on the ochre; text on the
    # paper takes the page's colour, so a reader's night mode turns it light with the text
    assert any(b'fill="currentColor"' in markup for markup in _screen_pages(out).values())
    assert ("60%", "#ffffff", "#8c1c13") in on_fills and ("94%", "#1a1a1a", "#d09e45") in on_fills


def test_the_pamphlets_labels_read_as_poppler_draws_them(charts_build, tmp_path):
    pdf = charts_build() / "pamphlet.pdf"
    checked = []
    for number, ((_, _), words) in enumerate(pdfinfo.words(pdf), 1):
        numbers = [w for w in words if re.fullmatch(r"[\d.,%]+", w[0])]
        if not numbers:
            continue
        image = inkinfo.page_image(pdf, number, tmp_path, dpi=300)
        for text, *box in numbers:
            ratio, ink, behind = inkinfo.word_contrast(image, tuple(box), dpi=300)
            checked.append((number, text, round(ratio, 1), ink, behind))
    weak = [c for c in checked if c[2] < 4.5]
    assert weak == []
    assert any(text == "60%" and behind != "#ffffff" for _, text, _, _, behind in checked)  # on the red segment


def test_the_editions_write_the_same_numbers(charts_build):
    out = charts_build()
    web = {
        svg.getparent().get("id", "").rsplit("-", 1)[0]: [t for t, _, _ in _labels(svg)]
        for svg in _charts((out / "web" / "chapter-high-wheeler.html").read_bytes())
    }
    pamphlet = {w[0] for _, words in pdfinfo.words(out / "pamphlet.pdf") for w in words}
    assert web["figure-sales"][:3] == ["94%", "60%", "40%"]  # the 6% segment is too thin to hold its label
    for figure, texts in web.items():
        numbers = [t for t in texts if re.fullmatch(r"[\d.,%]+", t)]
        assert numbers and set(numbers) <= pamphlet, figure
