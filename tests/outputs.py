"""The text a reader meets in every output of a build, and the tool's English words found in it.

Shared by the tests of non-English editions (Russian, Arabic, the Spanish translation): no word
the tool adds itself may be English there. Words the publication's own content uses (a Latin
name, an English source title, an untranslated chapter) do not count.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import yaml
from pptx import Presentation

from pamphleteer.infra.locations import templates_dir
from pamphleteer.screen import fonts

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z’']+")


class _Reader(HTMLParser):
    """The text of an HTML or XHTML page: its words and its labels for assistive technology."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for name in ("aria-label", "alt", "title"):
            if named.get(name):
                self.parts.append(named[name] or "")
        if tag == "meta" and named.get("name") == "description":
            self.parts.append(named.get("content") or "")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(markup: str) -> str:
    reader = _Reader()
    reader.feed(markup)
    return " ".join(reader.parts).replace("\u00ad", "")  # soft hyphens show only where a line breaks


def deck_text(path: Path) -> str:
    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
            if getattr(shape, "has_chart", False) and shape.has_chart:
                parts.extend(str(c) for c in shape.chart.plots[0].categories)
            parts.extend(shape._element.xpath("./*/p:cNvPr/@descr"))
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def texts(out: Path) -> dict[str, str]:
    """Each output's text, by output (every EPUB and web page on its own)."""
    found = {
        "pamphlet": pdf_text(out / "pamphlet.pdf"),
        "handout": pdf_text(out / "handout.pdf"),
        "script": pdf_text(out / "lecture-script.pdf"),
        "deck": deck_text(out / "lecture.pptx"),
    }
    with zipfile.ZipFile(out / "pamphlet.epub") as epub:
        for name in epub.namelist():
            if name.endswith(".xhtml"):
                found[name] = html_text(epub.read(name).decode())
    for page in (out / "web").glob("*.html"):
        found[f"web/{page.name}"] = html_text(page.read_text(encoding="utf-8"))
    return found


def catalogue(language: str) -> dict[str, str]:
    return yaml.safe_load((templates_dir() / "locales" / f"{language}.yaml").read_text(encoding="utf-8"))


def english_words(language: str, *content: Path) -> set[str]:
    """Latin words of the English catalogue that neither the language's catalogue nor the content uses."""
    english = {w for v in catalogue("en").values() for w in LATIN_WORD.findall(re.sub(r"{\w+}", " ", v))}
    own = {w for v in catalogue(language).values() for w in LATIN_WORD.findall(v)}
    # a typeface's name is a name in every language: the screen editions' colophons name the Noto faces they embed
    own |= {w for family in fonts.FAMILIES.values() for w in LATIN_WORD.findall(family)}
    for folder in content:
        for path in folder.rglob("*.yaml"):
            own |= set(LATIN_WORD.findall(path.read_text(encoding="utf-8")))
    return english - own


def english_in(out: Path, language: str, *content: Path) -> dict[str, list[str]]:
    """Output -> the tool's English words found in it (empty when the edition is all in its language)."""
    english = english_words(language, *content)
    found = {name: sorted(set(LATIN_WORD.findall(text)) & english) for name, text in texts(out).items()}
    return {name: hits for name, hits in found.items() if hits}
