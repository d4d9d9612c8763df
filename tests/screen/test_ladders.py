"""The web edition on a phone, read back from a real browser: no ladder of hyphens down a paragraph.

Chromium breaks a word at any soft hyphen that lets it fit and knows no limit on consecutive hyphenated
lines, so what it is offered (``hyphenation.screen_points``) decides how often it hyphenates. A probe in a
copy of each page finds the line ends at a hyphen (where the boxes of the characters around it drop a
line) and reports every paragraph with three such line ends running; the pages are framed at phones' widths, as in test_site.py.
"""

from __future__ import annotations

import html
import json
import re

from tests.browser import chromium, needs_chromium
from tests.screen.test_site import FRAME, IFRAME, _site

# Where a paragraph's lines end at a hyphen: a soft hyphen or a hyphen whose next character's box lies
# below the one before it. Three such line ends a line apart (the paragraph's line height) are a ladder.
PROBE = r"""<script>
function boxTop(node, i, last) {
  const range = document.createRange();
  range.setStart(node, i); range.setEnd(node, i + 1);
  const boxes = range.getClientRects();
  return boxes.length ? boxes[last ? boxes.length - 1 : 0].top : null;
}
function hyphenated(p) {  // the tops of the lines of p that end at a hyphen
  const out = [], walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    for (let i = 1; i < node.data.length - 1; i++) {
      if (node.data[i] !== "\u00ad" && node.data[i] !== "-") continue;
      const before = boxTop(node, i - 1, false), after = boxTop(node, i + 1, true);
      if (before !== null && after !== null && after > before + 3) out.push(before);
    }
  }
  return out;
}
window.addEventListener("load", () => {
  document.body.getBoundingClientRect();  // a frame out of view lays out, and so asks for its fonts, when asked
  document.fonts.ready.then(() => {
  const ladders = [];
  for (const p of document.querySelectorAll("main p, main li, main dd")) {
    const step = parseFloat(getComputedStyle(p).lineHeight);
    let run = [];
    for (const at of hyphenated(p)) {
      run = run.length && Math.abs(at - run[run.length - 1] - step) < 3 ? [...run, at] : [at];
      if (run.length === 3) ladders.push(p.textContent.slice(0, 60));
    }
  }
  parent.postMessage(JSON.stringify({page: location.pathname.split("/").pop().replace(/^ladder-/, ""),
    viewport: window.innerWidth, ladders: ladders,
    fonts: [...document.fonts].filter(face => face.status === "loaded").length}), "*");
}); });
</script>"""


WIDTHS = (360, 390, 430)  # phones' widths, in CSS pixels


@needs_chromium
def test_no_paragraph_of_the_shipped_chapters_hyphenates_three_lines_running_on_a_phone(main_build, tmp_path):
    site = _site(main_build, tmp_path)
    pages = sorted(site.glob("chapter-*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        page.with_name(f"ladder-{page.name}").write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    # One chromium for every page, each framed at each width (one launch a page took 40 s more of CI).
    runs = [(page, width) for page in pages for width in WIDTHS]
    frames = "\n".join(IFRAME % (n, f"ladder-{page.name}", width) for n, (page, width) in enumerate(runs))
    frame = site / "frame-ladders.html"
    frame.write_text(FRAME % frames, encoding="utf-8")
    dom = chromium("--virtual-time-budget=60000", "--window-size=470,900", "--dump-dom", frame.as_uri())
    found = [json.loads(html.unescape(said)) for said in re.findall(r'<pre class="probe">(.*?)</pre>', dom, re.S)]
    assert sorted((f["page"], f["viewport"]) for f in found) == [(p.name, w) for p, w in runs]  # each reported
    assert all(f["fonts"] for f in found)  # measured in the edition's own faces, not a fallback's
    assert [f"{f['page']} at {f['viewport']} px: {ladder}" for f in found for ladder in f["ladders"]] == []
