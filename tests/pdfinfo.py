"""Reading our PDFs back: bookmarks, text per page, folios, running heads, the contents page."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

A5 = (419.53, 595.28)
MM = 72 / 25.4


def bookmarks(path: Path) -> list[tuple[str, int]]:
    """(title, 1-based page) of the top-level outline."""
    reader = PdfReader(str(path))
    out = []
    for item in reader.outline:
        if isinstance(item, list):
            continue
        out.append((item.title, reader.get_destination_page_number(item) + 1))
    return out


@lru_cache(maxsize=8)
def _pages(path: str, mtime: float) -> tuple[tuple[str, str, str, str], ...]:
    """(head, whole page, foot, page without head and foot) text of each page."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            top, bottom = page.bbox[1], page.bbox[3]
            head = page.crop((page.bbox[0], top, page.bbox[2], top + 16 * MM)).extract_text() or ""
            foot = page.crop((page.bbox[0], bottom - 18 * MM, page.bbox[2], bottom)).extract_text() or ""
            body = page.extract_text() or ""
            main = page.crop((page.bbox[0], top + 15 * MM, page.bbox[2], bottom - 17 * MM)).extract_text() or ""
            out.append((head.strip(), body, foot.strip(), main))
    return tuple(out)


def pages(path: Path) -> tuple[tuple[str, str, str, str], ...]:
    return _pages(str(path), path.stat().st_mtime)


def text(path: Path) -> str:
    """The text of every page without running heads and folios, so sentences run across pages."""
    return normalise("\n".join(p[3] for p in pages(path)))


def text_keeping_hyphens(path: Path) -> str:
    """Like :func:`text`, but a hyphen at a line end is kept (for compounds like Anglo-Russian)."""
    return normalise("\n".join(p[3] for p in pages(path)), join=False)


def normalise(value: str, *, join: bool = True) -> str:
    """Join words hyphenated at line ends, fold whitespace and typographic quotes."""
    value = re.sub(r"(\w)-\n(\w)", r"\1\2" if join else r"\1-\2", value)
    value = value.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", value).casefold()


def folio(path: Path, number: int) -> str:
    """The page number printed at the foot of page ``number``."""
    foot = pages(path)[number - 1][2]
    found = re.findall(r"\b\d+\b", foot)
    return found[-1] if found else ""


def contents_number(path: Path, title: str, first: int = 3, last: int = 5) -> int | None:
    """The page number the contents pages give for ``title``."""
    body = " ".join(p[1] for p in pages(path)[first - 1 : last])
    body = re.sub(r"\s+", " ", re.sub(r"(?:\s*\.){3,}\s*", " ", body))  # leader dots
    match = re.search(re.escape(re.sub(r"\s+", " ", title)) + r" (\d+)", body)
    return int(match.group(1)) if match else None
