"""The web edition in a real browser (Debian's chromium, headless): it fits a phone, loads its own fonts, passes axe.

axe-core is the npm package (``.ci/run`` installs it into ``.ci/node_modules``);
it is injected into a copy of each page with a few lines that write its
findings into the page, which chromium's ``--dump-dom`` then hands back: no
DevTools protocol, no network. The built site itself has no script at all.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
import segno
import yaml
from lxml import etree
from lxml import html as lxml_html

from tests.browser import chromium, needs_chromium
from tests.conftest import LEAFLET, ROOT, replace_in

AXE = Path(os.environ.get("PAMPHLETEER_AXE", ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"))
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "{{ 7*7 }}"]

# Injected at the end of a copy of the page: runs axe, measures, and posts the findings to the frame around it.
PROBE = """<script src="%s"></script><script>
window.addEventListener("load", function () {
  axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
    parent.postMessage(JSON.stringify({
      page: location.pathname.split("/").pop().replace(/^probe-/, ""),
      viewport: window.innerWidth,
      width: document.documentElement.scrollWidth,
      fonts: document.fonts.check("16px 'PT Serif'") && document.fonts.check("bold 16px 'PT Sans'"),
      dark: matchMedia("(prefers-color-scheme: dark)").matches,
      paper: getComputedStyle(document.body).backgroundColor,
      header: getComputedStyle(document.querySelector("header.site")).position,
      padding: getComputedStyle(document.documentElement).scrollPaddingTop,
      violations: r.violations.map(function (v) {
        return {id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); })};
      })
    }), "*");
  });
});
</script>"""
# Headless chromium will not make a window narrower than 500 px, so each page is framed at the width wanted;
# one chromium draws every frame of a run (a start costs more than a page).
# The listener comes before the frames: a frame that loads first would otherwise report to no one.
FRAME = """<!DOCTYPE html><html lang="en"><head><title>probe</title></head><body style="margin:0">
<script>window.addEventListener("message", function (e) {
  var out = document.createElement("pre"); out.className = "probe"; out.textContent = e.data; document.body.appendChild(out);
});</script>
%s
</body></html>"""
IFRAME = """<iframe title="page %d" src="%s" style="border:0;display:block;width:%dpx;height:900px"></iframe>"""


def _probe(page: Path, width: int, *flags: str) -> dict:
    """Load a copy of the page, framed at ``width``, with axe and a probe in it; what the probe found.
    ``flags``: chromium's, as a reader's settings (``--force-dark-mode``; a larger default text size)."""
    return _probe_all([(page, width)], *flags)[0]


def _probe_all(runs: list[tuple[Path, int]], *flags: str) -> list[dict]:
    """What the probe found on each page at its width, the pages of one folder drawn by one chromium."""
    _needs_axe()  # the probe reports when axe has run
    folder = runs[0][0].parent
    for page in {page for page, _ in runs}:
        probed = page.with_name(f"probe-{page.name}")
        probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE % AXE.as_uri() + "</body>"))
    frame = folder / "frame-probe.html"
    frames = "\n".join(IFRAME % (n, f"probe-{page.name}", width) for n, (page, width) in enumerate(runs))
    frame.write_text(FRAME % frames, encoding="utf-8")
    widest = max(width for _, width in runs)
    dom = chromium(
        "--virtual-time-budget=60000", f"--window-size={widest + 40},1000", *flags, "--dump-dom", frame.as_uri()
    )
    for path in folder.glob("*probe-*"):
        path.unlink()
    found = {}
    for said in re.findall(r'<pre class="probe">(.*?)</pre>', dom, re.S):
        result = json.loads(html.unescape(said))
        found[result["page"], result["viewport"]] = result
    missing = [f"{page.name} at {width} px" for page, width in runs if (page.name, width) not in found]
    assert not missing, f"the probe did not report on {', '.join(missing)}"
    return [found[page.name, width] for page, width in runs]


def _site(build: Path, tmp_path: Path) -> Path:
    site = tmp_path / "web"
    shutil.copytree(build / "web", site)
    return site


def _needs_axe() -> None:
    """axe-core comes from npm: CI installs it (.ci/run) and must have it; elsewhere its absence skips."""
    if not AXE.is_file():
        message = f"axe-core missing at {AXE}: npm install --prefix .ci --no-save axe-core (see .ci/run)"
        if os.environ.get("CI"):
            raise AssertionError(message)
        pytest.skip(message)


@needs_chromium
def test_every_page_fits_a_phone_uses_its_fonts_and_has_no_serious_accessibility_problem(small_build, tmp_path):
    site = _site(small_build, tmp_path)
    pages = sorted(site.glob("*.html"))
    assert len(pages) == 10  # home, three chapters, five registers, the 404 page
    both = ("index.html", "chapter-safety.html")  # the front page; one with headings
    for dark in (False, True):
        runs = [(page, width) for page in pages for width in (390, 1280) if width == 390 or page.name in both]
        runs = [(page, width) for page, width in runs if not dark or page.name in both]
        for (page, width), found in zip(runs, _probe_all(runs, *(["--force-dark-mode"] if dark else [])), strict=True):
            assert found["dark"] == dark
            assert found["width"] <= width, f"{page.name} is {found['width']} px wide at {width} px"
            assert found["fonts"], f"{page.name}: the bundled fonts did not load"
            bad = [v for v in found["violations"] if v["impact"] in ("serious", "critical")]
            assert bad == [], f"{page.name} at {width} px{' dark' if dark else ''}: {bad}"
            assert (found["paper"] == "rgb(23, 21, 19)") == dark  # the night palette behind the query
            assert (found["header"], found["padding"]) == ("sticky", "80px")  # anchored names land below it


@needs_chromium
def test_with_large_text_the_header_scrolls_away(small_build, tmp_path):
    site = _site(small_build, tmp_path)
    found = _probe(site / "chapter-safety.html", 390, "--blink-settings=defaultFontSize=32")
    assert (found["header"], found["padding"]) == ("static", "auto")


@needs_chromium
def test_pages_with_charts_tables_and_registers_of_the_shipped_publication_pass_too(main_build, tmp_path):
    site = _site(main_build, tmp_path)
    charts = sorted(p for p in site.glob("chapter-*.html") if "<svg" in p.read_text(encoding="utf-8"))
    tables = sorted(p for p in site.glob("chapter-*.html") if "<table" in p.read_text(encoding="utf-8"))
    assert charts and tables
    for dark, pages in (
        (False, [charts[0], tables[-1], site / "people.html", site / "names.html"]),
        (True, [charts[0], tables[-1]]),
    ):
        runs = [(page, 390) for page in dict.fromkeys(pages)]
        for (page, _), found in zip(runs, _probe_all(runs, *(["--force-dark-mode"] if dark else [])), strict=True):
            assert found["width"] <= 390, f"{page.name} is {found['width']} px wide on a phone"
            bad = [v for v in found["violations"] if v["impact"] in ("serious", "critical")]
            assert bad == [], f"{page.name}{' dark' if dark else ''}: {bad}"


@needs_chromium
def test_screenshots_at_phone_and_desktop_widths(small_build, tmp_path):
    site = _site(small_build, tmp_path)
    for width in (390, 1280):
        shot = tmp_path / f"draisine-{width}.png"
        chromium(f"--window-size={width},1400", f"--screenshot={shot}", (site / "chapter-draisine.html").as_uri())
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (width, 1400)


def _broken(site: Path) -> list[str]:
    """Every link and reference of the site (href, src, the stylesheet's url()s) that does not resolve
    inside the folder itself: a missing file, a missing anchor, or a way out of the folder ("../").
    Addresses with a scheme (a source's web page, the canonical address) lead elsewhere by design."""
    root = site.resolve()
    pages = {p.name: lxml_html.fromstring(p.read_bytes()) for p in sorted(site.glob("*.html"))}
    ids = {name: set(tree.xpath("//@id")) for name, tree in pages.items()}
    broken = []
    refs = [(name, ref) for name, tree in pages.items() for ref in tree.xpath("//@href | //@src")]
    css = (site / "style.css").read_text(encoding="utf-8")
    refs += [("style.css", url) for url in re.findall(r"url\(\"?([^\")]+)", css)]
    for name, ref in refs:
        if re.match(r"[a-z]+:", ref):
            continue
        path, _, anchor = ref.partition("#")
        target = (site / path).resolve() if path else site / name
        if not target.is_relative_to(root) or not target.is_file():
            broken.append(f"{name}: {ref}")
        elif anchor and target.name in ids and anchor not in ids[target.name]:
            broken.append(f"{name}: {ref} (no such anchor)")
    return broken


def test_the_site_alone_has_no_broken_link_loads_only_its_own_files_and_has_no_script(small_build, tmp_path):
    site = _site(small_build, tmp_path)  # the folder alone, nothing beside it
    assert _broken(site) == []
    for page in sorted(site.glob("*.html")):
        tree = lxml_html.fromstring(page.read_bytes())
        assert tree.xpath("//script") == [], page.name
        assert tree.xpath("//@*[starts-with(name(), 'on')]") == [], page.name
    home = lxml_html.fromstring((site / "index.html").read_bytes())
    downloads = home.xpath("//ul[@class='downloads']//a/@href")
    assert downloads == [
        "downloads/pamphlet.pdf",
        "downloads/pamphlet-booklet.pdf",
        "downloads/lecture.pptx",
        "downloads/pamphlet.epub",
    ]
    for href in downloads:  # the very editions the build made beside the folder
        assert (site / href).read_bytes() == (small_build / href.removeprefix("downloads/")).read_bytes()
    assert sorted(p.name for p in (site / "downloads").iterdir()) == sorted(h.split("/")[1] for h in downloads)


def test_a_partial_build_offers_only_what_it_made_or_an_earlier_build_left(small, run, tmp_path):
    out = tmp_path / "out"
    assert run("web", "epub", "--content", small, "--output", out)[0] == 0
    home = lxml_html.fromstring((out / "web" / "index.html").read_bytes())
    assert home.xpath("//ul[@class='downloads']//a/@href") == ["downloads/pamphlet.epub"]
    assert (out / "web" / "downloads" / "pamphlet.epub").read_bytes() == (out / "pamphlet.epub").read_bytes()
    assert _broken(out / "web") == []
    path = small / "chapters" / "safety.yaml"  # an edit: the e-book is made again, and so its copy
    path.write_text(path.read_text(encoding="utf-8").replace("bicycle", "cycle", 1), encoding="utf-8")
    pages = {p.name: p.read_bytes() for p in (out / "web").glob("*.html")}
    assert run("epub", "--content", small, "--output", out)[0] == 0
    assert (out / "web" / "downloads" / "pamphlet.epub").read_bytes() == (out / "pamphlet.epub").read_bytes()
    assert {p.name: p.read_bytes() for p in (out / "web").glob("*.html")} == pages  # the pages not yet
    assert run("web", "--content", small, "--output", out)[0] == 0  # now the pages
    assert run("web", "epub", "--content", small, "--output", out) == (0, "everything is up to date\n", "")
    assert _broken(out / "web") == []


def test_after_a_full_build_the_web_edition_still_offers_every_edition(small, small_out, run):
    path = small / "chapters" / "safety.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("bicycle", "cycle", 1), encoding="utf-8")
    before = (small_out / "pamphlet.pdf").read_bytes()
    # the booklet is made from a new pamphlet, which is not asked for: pamphlet.pdf stays as it was
    assert run("web", "booklet", "--content", small, "--output", small_out)[0] == 0
    assert (small_out / "pamphlet.pdf").read_bytes() == before
    site = small_out / "web"
    home = lxml_html.fromstring((site / "index.html").read_bytes())
    assert len(home.xpath("//ul[@class='downloads']//a/@href")) == 4
    for name in ("pamphlet.pdf", "pamphlet-booklet.pdf", "lecture.pptx", "pamphlet.epub"):
        assert (site / "downloads" / name).read_bytes() == (small_out / name).read_bytes(), name
    assert _broken(site) == []


def test_a_flyer_offers_no_booklet(flyer_build, tmp_path):
    site = _site(flyer_build, tmp_path)
    home = lxml_html.fromstring((site / "index.html").read_bytes())
    offered = home.xpath("//ul[@class='downloads']//a/@href")
    assert "downloads/pamphlet.pdf" in offered and not any("booklet" in h for h in offered)
    assert _broken(site) == []


def test_without_a_url_no_page_claims_an_address_but_the_404_page_and_icon_are_there(small_build):
    site = small_build / "web"
    assert not (site / "sitemap.xml").exists() and not (site / "robots.txt").exists()
    for page in sorted(site.glob("*.html")):
        tree = lxml_html.fromstring(page.read_bytes())
        assert tree.xpath("//link[@rel='canonical'] | //meta[starts-with(@property, 'og:')] | //base") == []
        assert tree.xpath("//link[@rel='icon']/@href") == ["favicon.svg"]
    missing = lxml_html.fromstring((site / "404.html").read_bytes())
    assert missing.xpath("string(//h1)") == "Page not found"
    assert missing.xpath("//main//a/@href") == ["index.html"]
    icon = etree.fromstring((site / "favicon.svg").read_bytes())
    assert icon.tag == "{http://www.w3.org/2000/svg}svg"
    assert icon[0].get("fill") == "#8c1c13"  # the palette's accent (templates/palette.json)


def test_headings_have_ids_and_a_named_link_to_themselves(small_build):
    page = lxml_html.fromstring((small_build / "web" / "chapter-safety.html").read_bytes())
    heads = page.xpath("//main//div[@class='section-head']")
    assert [h.xpath("string(h2)") for h in heads] == ["Why the shape lasted", "A machine for everyone"]
    for head in heads:
        (h2,) = head.xpath("h2")
        (link,) = head.xpath("a[@class='anchor']")
        assert link.get("href") == "#" + h2.get("id") and h2.get("id") == h2.text_content().lower().replace(" ", "-")
        assert link.get("aria-label") == f"Link to this section: {h2.text_content()}"
    with zipfile.ZipFile(small_build / "pamphlet.epub") as z:
        doc = etree.fromstring(z.read("EPUB/chapter-safety.xhtml"))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    assert doc.xpath("//x:h2/@id", namespaces=ns) == ["why-the-shape-lasted", "a-machine-for-everyone"]
    assert doc.xpath("//x:a[@class='anchor']", namespaces=ns) == []  # a reading system has its own


def test_footnotes_open_in_place_and_registers_link_back(small_build):
    page = lxml_html.fromstring((small_build / "web" / "chapter-draisine.html").read_bytes())
    buttons = page.xpath("//button[@class='noteref']")
    assert buttons
    for b in buttons:
        note = page.get_element_by_id(b.get("popovertarget"))
        assert note.get("popover") == "auto" and note.text_content().strip()
    people = lxml_html.fromstring((small_build / "web" / "people.html").read_bytes())
    back = people.xpath("//span[@class='mentions']/a/@href")
    assert back and all(h.startswith("chapter-") and "#ix-person-" in h for h in back)


def _plant(small: Path) -> None:
    path = small / "chapters" / "safety.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["blocks"][0]["p"] += " " + " ".join(HOSTILE) + "^[A note with " + HOSTILE[0] + "]"
    data["title"] = HOSTILE[1]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_hostile_text_stays_literal_in_both_screen_editions(small, run, tmp_path):
    _plant(small)
    out = tmp_path / "out"
    code, _, err = run("epub", "web", "--content", small, "--output", out)
    assert code == 0, err
    assert run("epub", "web", "--content", small, "--output", out) == (0, "everything is up to date\n", "")
    page = lxml_html.fromstring((out / "web" / "chapter-safety.html").read_bytes())
    assert page.xpath("//script | //img") == []
    assert page.xpath("//@onerror") == []
    text = page.text_content()
    for literal in HOSTILE:
        assert literal in text, literal
    assert page.xpath("//h1")[0].text_content() == HOSTILE[1]
    with zipfile.ZipFile(out / "pamphlet.epub") as z:
        doc = etree.fromstring(z.read("EPUB/chapter-safety.xhtml"))
        nav = z.read("EPUB/nav.xhtml").decode()
    assert doc.xpath("//*[local-name()='script' or local-name()='img']") == []
    epub_text = "".join(doc.itertext())
    for literal in HOSTILE:
        assert literal in epub_text, literal
    assert "&lt;img src=x onerror=alert(2)&gt;" in nav


def test_a_publication_with_a_url_carries_it_as_a_qr_code_in_the_footer(small, run, tmp_path):
    url = "https://example.org/bicycles/"  # quotes, <> and a query are no part of the address (model.SITE_PATTERN)
    path = small / "publication.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["url"] = url
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    assert run("web", "--content", small, "--output", out)[0] == 0
    page = lxml_html.fromstring((out / "web" / "chapter-draisine.html").read_bytes())
    (figure,) = page.xpath("//footer//figure[@class='qr']")
    assert figure.xpath(".//figcaption/a/@href") == [url] and figure.xpath("string(.//figcaption/a)") == url
    svg = figure.xpath(".//svg")[0]
    size = int(svg.get("viewbox", svg.get("viewBox")).split()[2])
    drawn = [[False] * size for _ in range(size)]
    for x, y, run_length in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", figure.xpath(".//path/@d")[0]):
        for dx in range(int(run_length)):
            drawn[int(y)][int(x) + dx] = True
    matrix = segno.make(url, error="m", micro=False).matrix
    assert size == len(matrix) + 8  # a quiet zone of four modules all round
    assert [row[4:-4] for row in drawn[4:-4]] == [[bool(m) for m in row] for row in matrix]
    assert not any(drawn[0]) and not any(r[0] for r in drawn)
    _shares(out / "web", "https://example.org/bicycles/")


def _shares(site: Path, address: str) -> None:
    """With a url: each page names its address, and describes itself for sharing in its own words."""
    pages = sorted(p.name for p in site.glob("*.html") if p.name != "404.html")
    for name in pages:
        page = lxml_html.fromstring((site / name).read_bytes())
        here = address + ("" if name == "index.html" else name)
        assert (
            page.xpath("//link[@rel='canonical']/@href") == [here] == page.xpath("//meta[@property='og:url']/@content")
        )
        assert page.xpath("//meta[@property='og:title']/@content") == [page.xpath("string(//h1)").strip()]
        assert page.xpath("//meta[@name='twitter:card']/@content") == ["summary"]
        described = page.xpath("//meta[@property='og:description']/@content")
        assert described == page.xpath("//meta[@name='description']/@content")
        shown = page.xpath("string(//header[@class='opener']/p[@class='summary'] | //p[@class='blurb'])")
        if shown:  # the chapter's summary, the front page's blurb; else the publication's description
            assert described == [" ".join(shown.replace("\xad", "").split())], name
    draisine = lxml_html.fromstring((site / "chapter-draisine.html").read_bytes())
    assert draisine.xpath("//meta[@name='description']/@content") == ["How a Baden forester’s clerk rode into history."]
    listed = etree.fromstring((site / "sitemap.xml").read_bytes()).xpath("//*[local-name()='loc']/text()")
    assert sorted(listed) == sorted(address + ("" if n == "index.html" else n) for n in pages)
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == f"Sitemap: {address}sitemap.xml"
    missing = lxml_html.fromstring((site / "404.html").read_bytes())  # served at any depth: links from the top
    assert missing.xpath("//base/@href") == [address] and missing.xpath("//link[@rel='canonical']") == []
    assert _broken(site) == []


def test_without_a_url_there_is_no_qr_code(small_build):
    assert b'class="qr"' not in (small_build / "web" / "index.html").read_bytes()


def test_the_dates_the_tool_writes_stay_on_one_line_in_both_screen_editions(small_build):
    """The publication's date in every web page's footer and on the EPUB's title page, and a quotation's
    date, are kept whole as the pamphlet keeps them (the Russian web edition's footer broke "· 1 | сентября"
    at a phone's width)."""
    import zipfile

    for page in sorted((small_build / "web").glob("*.html")):
        tree = lxml_html.fromstring(page.read_bytes())
        assert tree.xpath("//footer//span[@class='keep date']/text()") == ["1 March 2025"], page.name
    draisine = lxml_html.fromstring((small_build / "web" / "chapter-draisine.html").read_bytes())
    assert "1817" in draisine.xpath("//figure[blockquote]/figcaption/span[@class='keep date']/text()")
    with zipfile.ZipFile(small_build / "pamphlet.epub") as book:
        title = etree.fromstring(book.read("EPUB/title.xhtml"))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    assert title.xpath(
        "//x:section[@epub:type='colophon']//x:span[@class='keep date']/text()",
        namespaces={**ns, "epub": "http://www.idpf.org/2007/ops"},
    ) == ["1 March 2025"]


def test_a_subtitles_years_stay_on_one_line_on_both_screens_as_on_the_cover(small, run, tmp_path):
    """The web edition's front page at a phone's width broke "1923–" from "1940" in the subtitle."""
    replace_in(
        small / "publication.yaml", "A short history of the bicycle", "A short history of the bicycle, 1817–1900"
    )
    assert run("web", "epub", "--content", small, "--output", tmp_path / "out", "-q")[0] == 0
    home = lxml_html.fromstring((tmp_path / "out" / "web" / "index.html").read_bytes())
    assert home.xpath("//p[@class='subtitle']/span[@class='keep']/text()") == ["1817–1900"]
    with zipfile.ZipFile(tmp_path / "out" / "pamphlet.epub") as book:
        title = etree.fromstring(book.read("EPUB/title.xhtml"))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    assert title.xpath("//x:p[@class='subtitle']/x:span[@class='keep']/text()", namespaces=ns) == ["1817–1900"]


def test_a_leaflets_web_edition_offers_the_leaflet_not_a_pamphlet(build_of):
    page = (build_of(LEAFLET) / "web" / "index.html").read_text(encoding="utf-8")
    assert "The leaflet (PDF)" in page and "The pamphlet (PDF)" not in page
