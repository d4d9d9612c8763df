"""Reading our PDFs back: bookmarks, text per page, folios, running heads, the contents page."""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pikepdf
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


def _poppler(path: str, top: float, height: float | None) -> list[str]:
    """Text of every page with poppler, optionally only a horizontal band (points from the top)."""
    import subprocess

    width, full = 2000, 2000
    args = [
        "pdftotext",
        "-r",
        "72",
        "-x",
        "0",
        "-y",
        str(int(top)),
        "-W",
        str(width),
        "-H",
        str(int(height if height is not None else full)),
        path,
        "-",
    ]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\f")


@lru_cache(maxsize=8)
def _pages(path: str, mtime: float) -> tuple[tuple[str, str, str, str], ...]:
    """(head, whole page, foot, page without head and foot) text of each page.

    poppler reads every font we embed; pdfminer skipped some of PT Sans's glyphs.
    """
    reader = PdfReader(path)
    height = float(reader.pages[0].mediabox.height)
    whole = _poppler(path, 0, None)
    head = _poppler(path, 0, 16 * MM)
    foot = _poppler(path, height - 18 * MM, 18 * MM)
    main = _poppler(path, 15 * MM, height - 32 * MM)
    n = len(reader.pages)
    return tuple((_unspace(head[k].strip()), _unspace(whole[k]), foot[k].strip(), _unspace(main[k])) for k in range(n))


def _unspace(text: str) -> str:
    """poppler spells out letter-spaced capitals ("N OT E S"); close them up."""
    return re.sub(r"\b[A-Z]{1,2}(?: [A-Z]{1,2}){2,}\b", lambda m: m.group().replace(" ", ""), text)


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
    """The page number the contents pages give for ``title`` (read with poppler's layout mode)."""
    import subprocess

    body = subprocess.run(
        ["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    body = re.sub(r"\s+", " ", re.sub(r"(?:\s*\.){3,}\s*", " ", body))  # leader dots
    match = re.search(re.escape(re.sub(r"\s+", " ", title)) + r" (\d+)", body)
    return int(match.group(1)) if match else None


def columns(path: Path, first: int) -> str:
    """Text of two-column pages from ``first`` on, the left column before the right."""
    out = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages[first - 1 :]:
            x0, top, x1, bottom = page.bbox
            middle = (x0 + x1) / 2
            for box in ((x0, top, middle, bottom), (middle, top, x1, bottom)):
                out.append(page.crop(box).extract_text() or "")
    return "\n".join(out)


def words(path: Path) -> list[tuple[tuple[float, float], list[tuple[str, float, float, float, float]]]]:
    """Per page: its (width, height) and each word with its box (x0, y0, x1, y1) in points, from poppler."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for page in html.split("<page ")[1:]:
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
        assert size, "pdftotext -bbox gave a page without a size"
        found = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
        )
        boxes = [(word, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, word in found]
        out.append(((float(size[1]), float(size[2])), boxes))
    return out


def word_boxes(path: Path) -> list[list[tuple[str, float, float]]]:
    """Per page, each word with its left and right edge in points."""
    return [[(word, x0, x1) for word, x0, _, x1, _ in boxes] for _, boxes in words(path)]


def rgb_anywhere(pdf: pikepdf.Pdf) -> list[str]:
    """Every RGB colour space or operator in the file, found by reading every object (not the walker's way)."""
    found = []
    streams = list(pdf.pages) + [
        o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form"
    ]
    for stream in streams:
        found += [f"{op} in content" for _, op in pikepdf.parse_content_stream(stream) if str(op) in ("rg", "RG")]
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        group = obj.get("/Group")
        for space in (obj.get("/ColorSpace"), group.get("/CS") if isinstance(group, pikepdf.Dictionary) else None):
            if space == pikepdf.Name.DeviceRGB:
                found.append(f"DeviceRGB in {obj.get('/Type') or obj.get('/Subtype')}")
            if isinstance(space, pikepdf.Array) and space[0] == pikepdf.Name.ICCBased and space[1].N == 3:
                found.append("ICCBased RGB")
        if (
            isinstance(obj, pikepdf.Dictionary)
            and "/ColorSpace" in obj
            and isinstance(obj.ColorSpace, pikepdf.Dictionary)
        ):
            found += [f"colour space {n}" for n, s in obj.ColorSpace.items() if s == pikepdf.Name.DeviceRGB]
    return found
