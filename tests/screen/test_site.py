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
import subprocess
import zipfile
from pathlib import Path

import pytest
import segno
import yaml
from lxml import etree
from lxml import html as lxml_html

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = Path(os.environ.get("PAMPHLETEER_AXE", ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"))
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package chromium)")
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "{{ 7*7 }}"]

# Injected at the end of a copy of the page: runs axe, measures, and posts the findings to the frame around it.
PROBE = """<script src="%s"></script><script>
window.addEventListener("load", function () {
  axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
    parent.postMessage(JSON.stringify({
      viewport: window.innerWidth,
      width: document.documentElement.scrollWidth,
      fonts: document.fonts.check("16px 'PT Serif'") && document.fonts.check("bold 16px 'PT Sans'"),
      violations: r.violations.map(function (v) {
        return {id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); })};
      })
    }), "*");
  });
});
</script>"""
# Headless chromium will not make a window narrower than 500 px, so the page is framed at the width wanted.
FRAME = """<!DOCTYPE html><html lang="en"><head><title>probe</title></head><body style="margin:0">
<iframe title="page" src="%s" style="border:0;width:%dpx;height:900px"></iframe>
<script>window.addEventListener("message", function (e) {
  var out = document.createElement("pre"); out.id = "probe"; out.textContent = e.data; document.body.appendChild(out);
});</script></body></html>"""


def _chromium(*args: str) -> str:
    assert CHROMIUM
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout


def _probe(page: Path, width: int) -> dict:
    """Load a copy of the page, framed at ``width``, with axe and a probe in it; what the probe found."""
    probed = page.with_name(f"probe-{page.name}")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE % AXE.as_uri() + "</body>"))
    frame = page.with_name(f"frame-{page.name}")
    frame.write_text(FRAME % (probed.name, width), encoding="utf-8")
    dom = _chromium("--virtual-time-budget=30000", f"--window-size={width + 40},1000", "--dump-dom", frame.as_uri())
    probed.unlink()
    frame.unlink()
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, f"the probe did not report on {page.name}"
    result = json.loads(html.unescape(found.group(1)))
    assert result["viewport"] == width
    return result


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
    _needs_axe()
    site = _site(small_build, tmp_path)
    pages = sorted(site.glob("*.html"))
    assert len(pages) == 9  # home, three chapters, five registers
    for page in pages:
        for width in (390, 1280) if page.name in ("index.html", "chapter-draisine.html") else (390,):
            found = _probe(page, width)
            assert found["width"] <= width, f"{page.name} is {found['width']} px wide at {width} px"
            assert found["fonts"], f"{page.name}: the bundled fonts did not load"
            bad = [v for v in found["violations"] if v["impact"] in ("serious", "critical")]
            assert bad == [], f"{page.name} at {width} px: {bad}"


@needs_chromium
def test_pages_with_charts_tables_and_registers_of_the_shipped_publication_pass_too(main_build, tmp_path):
    _needs_axe()
    site = _site(main_build, tmp_path)
    charts = sorted(p for p in site.glob("chapter-*.html") if "<svg" in p.read_text(encoding="utf-8"))
    tables = sorted(p for p in site.glob("chapter-*.html") if "<table" in p.read_text(encoding="utf-8"))
    assert charts and tables
    for page in {charts[0], tables[-1], site / "people.html", site / "names.html"}:
        found = _probe(page, 390)
        assert found["width"] <= 390, f"{page.name} is {found['width']} px wide on a phone"
        bad = [v for v in found["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], f"{page.name}: {bad}"


@needs_chromium
def test_screenshots_at_phone_and_desktop_widths(small_build, tmp_path):
    site = _site(small_build, tmp_path)
    for width in (390, 1280):
        shot = tmp_path / f"draisine-{width}.png"
        _chromium(f"--window-size={width},1400", f"--screenshot={shot}", (site / "chapter-draisine.html").as_uri())
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (width, 1400)


def test_the_site_loads_only_its_own_files_and_has_no_script(small_build):
    site = small_build / "web"
    pages = sorted(site.glob("*.html"))
    for page in pages:
        tree = lxml_html.fromstring(page.read_bytes())
        assert tree.xpath("//script") == [], page.name
        assert tree.xpath("//@*[starts-with(name(), 'on')]") == [], page.name
        for el in tree.xpath("//link[@href] | //img[@src]"):
            ref = el.get("href") or el.get("src")
            assert (site / ref).is_file(), (page.name, ref)
        for a in tree.xpath("//a[@href]"):
            href = a.get("href").split("#")[0]
            if href and not href.startswith(("http://", "https://", "mailto:")):
                assert (site / href).resolve().is_file(), (page.name, href)  # ../pamphlet.pdf beside the folder too
    css = (site / "style.css").read_text(encoding="utf-8")
    for url in re.findall(r"url\(\"?([^\")]+)", css):
        assert (site / url).is_file(), url
    home = lxml_html.fromstring((site / "index.html").read_bytes())
    downloads = home.xpath("//ul[@class='downloads']//a/@href")
    assert downloads == ["../pamphlet.pdf", "../pamphlet-booklet.pdf", "../lecture.pptx", "../pamphlet.epub"]


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
    url = 'https://example.org/bicycles/?a=1&b="<x>"'
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


def test_without_a_url_there_is_no_qr_code(small_build):
    assert b'class="qr"' not in (small_build / "web" / "index.html").read_bytes()
