"""Reading a deck back as the audience sees it: LibreOffice's drawing of it, its words and its ink.

Independent of the code under test: LibreOffice draws the PPTX, poppler reads
word boxes and pixels, PIL measures text with the font files, and contrast is
computed here from the WCAG 2 formula.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from PIL import ImageFont

FONTS = Path(__file__).resolve().parent.parent / "templates" / "fonts" / "deck"
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def draw(pptx: Path, folder: Path) -> Path:
    """The PDF LibreOffice draws from ``pptx``, one page a slide."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (apt-get install libreoffice-impress)"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(pptx, folder / "lecture.pptx")
    profile = (folder / "profile").as_uri()
    source = str(folder / "lecture.pptx")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            source,
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return folder / "lecture.pdf"


@cache
def words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's words as poppler reads them: (text, x0, y0, x1, y1) in points."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = out.stdout.split("<page ")[1:]
    return [
        [(html.unescape(m[4]), float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in _WORD.findall(p)]
        for p in pages
    ]


def luminance(colour: str) -> float:
    c = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@cache
def _font(name: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"{name}.ttf"), 1000)


def text_width(text: str, *, serif: bool = False, bold: bool = False, italic: bool = False, size: float) -> float:
    """Advance width in points, from the Liberation files (the metric twins of Arial and Times New Roman)."""
    family = "LiberationSerif" if serif else "LiberationSans"
    style = "Italic" if italic else "Bold" if bold and not serif else "Regular"
    return _font(f"{family}-{style}").getlength(text) / 1000 * size


def wrap(text: str, width: float, **face) -> int:
    """Lines a greedy wrap at spaces needs (a word wider than the line counts its own pieces)."""
    lines, current = 0, ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and text_width(trial, **face) > width:
            lines += 1
            current = word
        else:
            current = trial
        while text_width(current, **face) > width and len(current) > 1:
            lines += 1
            cut = len(current)
            while cut > 1 and text_width(current[:cut], **face) > width:
                cut -= 1
            current = current[cut:]
    return lines + 1
