"""What a reader sees on the built pages, read back from the outputs: a place a register names is never
hyphenated, and a Latin title keeps its italic in a right-to-left book."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import yaml

from tests import layout
from tests.conftest import PUBLICATIONS

RU = PUBLICATIONS / "ru"
SHY = "\u00ad"


def _soft_hyphened(out: Path) -> set[str]:
    """The words the EPUB and the web edition (the screens, which break at their soft hyphens) offer
    a break in, with the breaks shown as "-"."""
    with zipfile.ZipFile(out / "pamphlet.epub") as book:
        markup = [book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml")]
    markup += [p.read_text(encoding="utf-8") for p in (out / "web").rglob("*.html")]
    return {w.replace(SHY, "-") for m in markup for w in re.findall(r"[^\W\d_][\w\u00ad]*", m) if SHY in w}


def test_a_place_the_register_names_is_never_offered_a_break(build_of):
    """The Russian register's "работал в Заблудове" was set "Заблу-дове" on a screen: a place a register
    names is kept whole, in the form the register gives and in the text's ("уехал в Заблудов")."""
    broken = {w for w in _soft_hyphened(build_of(RU)) if w.replace("-", "").startswith("Заблудов")}
    assert broken == set()


def test_a_german_participle_breaks_between_its_syllables_not_after_its_stem(de_build):
    """The participle "Streikenden" was offered "Streik-enden" (Streik + Ende read as a compound): "Strei-ken-den"."""
    offered = {w for w in _soft_hyphened(de_build) if w.replace("-", "").startswith("Streikend")}
    assert offered and not {w for w in offered if w.startswith("Streik-")}, offered


def test_a_latin_title_cited_in_an_arabic_book_keeps_its_italic(build_of):
    """The Arabic book set its sources' Latin titles upright, as it sets Arabic (which has no italic): a
    Latin title keeps the italic its letters have, in the pamphlet and the handout (read back from the
    PDFs) and on the screens (the title marked left to right, which their stylesheets set in italic)."""
    import pdfplumber

    out = build_of(PUBLICATIONS / "ar")
    for pdf_name in ("pamphlet.pdf", "handout.pdf"):
        with pdfplumber.open(out / pdf_name) as pdf:
            words = [w for p in pdf.pages for w in p.extract_words(extra_attrs=["fontname"])]
        title = [w for w in words if w["text"] in ("Paper", "Before", "Print")]
        assert title and all("Italic" in w["fontname"] for w in title), (pdf_name, title)
    web = (out / "web" / "sources.html").read_text(encoding="utf-8")
    assert '<cite dir="ltr">Paper Before Print' in web
    css = (out / "web" / "rtl.css").read_text(encoding="utf-8")
    assert re.search(r'cite\[dir="ltr"\][^{]*\{ font-style: italic; \}', css)


def test_a_lists_items_are_set_with_the_fonts_own_spaces(build_of):
    """The tri-fold's list items, two lines each in a column a marker's width narrower than the text,
    were justified: their few spaces stretched to 4.8 pt (the font's is 2.4). Items are set ragged now:
    every line of every item of every list keeps spaces under 3.2 pt."""
    root = PUBLICATIONS / "trifold"
    items = [
        " ".join(str(item).split())
        for path in sorted((root / "chapters").glob("*.yaml"))
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["blocks"]
        for kind in ("list", "numbered")
        for item in block.get(kind, [])
    ]
    pages, _, _ = layout.lines(build_of(root) / "pamphlet.pdf")
    found = []
    for line in (line for page in pages for line in page):
        words = list(line.words[1:] if re.fullmatch(r"•|\d+\.", line.words[0]) else line.words)
        text = " ".join(words).removesuffix("-")
        if len(words) >= 3 and any(text in item for item in items):
            found.append((max(line.gaps()[-len(words) + 1 :]), text))
    assert len(found) >= 2 * len(items) - 2, found  # (each item's lines but a few short ones)
    assert [f for f in found if f[0] > 3.2] == []
