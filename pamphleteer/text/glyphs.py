"""Which bundled fonts draw the content's characters, and which characters none of them has.

The text faces (PT Serif, PT Sans) cover Latin and Cyrillic. For other scripts the
pamphlet falls back on bundled Noto subsets (``templates/fonts/noto/``, with their
licence), declared only when the content uses them so a publication in one script
embeds nothing else. ``fallbacks(book)`` says which are needed, for the template's
``@font-face`` rules; ``check(book)`` returns a :class:`Problem` for every character
no bundled font has (``chapters/x.yaml:12:7: blocks[3].p: U+0E01 THAI CHARACTER KO
KAI ('ก') is in no bundled font``), so nothing is ever drawn as an empty box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import uharfbuzz
import yaml

from pamphleteer.content import Book, model, per_book, source
from pamphleteer.errors import Problem, UsageError
from pamphleteer.infra import dependencies, kept
from pamphleteer.infra.filecache import by_file
from pamphleteer.infra.locations import missing, templates_dir

from . import cldr, measure

TEXT_FACES = ("PTF55F.ttf", "PTF56F.ttf", "PTF75F.ttf", "PTS55F.ttf", "PTS75F.ttf")


@dataclass(frozen=True)
class Fallback:
    """A bundled font for one script: its files by style, and the code points it is used for."""

    name: str
    script: str  # as the imprint names it
    files: dict[str, str]  # "normal", "italic", "bold" -> file under templates/fonts/noto
    ranges: tuple[tuple[int, int], ...]

    def unicode_range(self) -> str:
        return ", ".join(f"U+{a:04X}-{b:04X}" for a, b in self.ranges)

    def serves(self, char: str) -> bool:
        """Whether ``char`` is in the ranges this font is used for (whether it draws it is :class:`Coverage`'s)."""
        return any(a <= ord(char) <= b for a, b in self.ranges)


FALLBACKS = (
    Fallback(
        "greek",
        "Greek",
        {
            "normal": "NotoSerifGreek-Regular.ttf",
            "italic": "NotoSerifGreek-Italic.ttf",
            "bold": "NotoSerifGreek-Bold.ttf",
        },
        ((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
    ),
    Fallback("hebrew", "Hebrew", {"normal": "NotoSerifHebrew-Regular.ttf"}, ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))),
    Fallback(
        "arabic",
        "Arabic",
        {"normal": "NotoNaskhArabic-Regular.ttf", "bold": "NotoNaskhArabic-Bold.ttf"},
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    Fallback(
        "cjk",
        "Chinese",
        {"normal": "NotoSerifCJKtc-Regular.otf"},
        ((0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF)),
    ),
)


def _cmap(name: str) -> frozenset[int]:
    folder = templates_dir() / "fonts"
    path = folder / name if (folder / name).exists() else folder / "noto" / name
    if not path.is_file():
        raise UsageError(missing(folder / name))
    return _read_cmap(path)


@by_file(maxsize=16)  # by stamp: a house style's font edited under a running --watch is read again
def _read_cmap(path: Path) -> frozenset[int]:
    """The code points the font at ``path`` maps (its best Unicode character map, as HarfBuzz picks it),
    kept between builds under the font's digest: the fallbacks and the glyph check ask in every process
    that renders or checks the text. Read by HarfBuzz: the nine bundled faces in 5 ms, where fontTools,
    which names every glyph on the way (the CJK face's 4.6 MB), took 60 ms, first thing in a cold build's
    reading edition; the same code points (checked for every bundled face)."""
    table = kept.table("cmaps", f"harfbuzz {uharfbuzz.__version__}")
    k = dependencies.file_digest(path)
    found = table.get(k)
    if found is None:
        found = table[k] = frozenset(measure.face_of(path).unicodes)
    return found


@dataclass(frozen=True)
class Coverage:
    """What the bundled fonts draw, read from their files as they are now."""

    text: frozenset[int]  # code points every text face draws
    scripts: tuple[tuple[Fallback, frozenset[int]], ...]  # each fallback and what its regular face draws

    def font_for(self, char: str) -> str | None:
        """``"text"`` if PT Serif and PT Sans draw it, a fallback's name, or None if nothing bundled does."""
        if _invisible(char) or ord(char) in self.text:
            return "text"
        return next((f.name for f, drawn in self.scripts if f.serves(char) and ord(char) in drawn), None)


def coverage() -> Coverage:
    """The fonts' coverage now (a stat a file; a font is read again only when it changed)."""
    faces = tuple(_cmap(name) for name in TEXT_FACES)
    return Coverage(_every(faces), tuple((f, _cmap(f.files["normal"])) for f in FALLBACKS))


@lru_cache(maxsize=4)
def _every(faces: tuple[frozenset[int], ...]) -> frozenset[int]:
    # a character counts as drawn by the text faces only if every face used for text has it
    return frozenset.intersection(*faces)


def _invisible(char: str) -> bool:
    """Spaces, joiners, soft hyphens and other characters that draw nothing."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn")


def font_for(char: str) -> str | None:
    """``"text"`` if PT Serif and PT Sans draw it, a fallback's name, or None if nothing bundled does."""
    return coverage().font_for(char)


def _strings(data: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _strings(item, (*loc, i))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))


def _files(book: Book) -> Iterator[source.Located]:
    """Every content file of the book, read with its line numbers (a translation's original's too,
    whose registers and untranslated chapters it prints)."""
    names = [f"{name}.yaml" for name in model.FILES if name != "chapter"]  # publication and the registers
    for root in book.folders:
        for name in names:
            path = root / name
            if path.is_file():
                located, _ = source.read(path, root)
                if located is not None:
                    yield located
    for doc in book.all_chapters():
        yield doc.located


@per_book
def fallbacks(book: Book) -> list[Fallback]:
    """The bundled fallback fonts the content needs, in chain order (worked out once per book)."""
    chars = set().union(*(text for data in _data(book) for _, text in _strings(data, ())))
    chars |= set(cldr.DIGITS[book.digits])  # the tool's own numbers: Arabic-Indic digits need the Arabic face
    drawn = coverage()
    used = {drawn.font_for(char) for char in chars}
    return [f for f in FALLBACKS if f.name in used]


def _data(book: Book) -> Iterator[Any]:
    """What :func:`_files` reads, without the line numbers: errors are not reported from here,
    and YAML read by the C parser takes a tenth of the time."""
    names = [f"{name}.yaml" for name in model.FILES if name != "chapter"]
    for root in book.folders:
        for name in names:
            path = root / name
            if path.is_file():
                yield yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for doc in book.all_chapters():
        yield doc.located.data


def check(book: Book) -> list[Problem]:
    """A problem for every character in the content that no bundled font can draw."""
    problems = []
    drawn = coverage()
    files = [(located, list(_strings(located.data, ()))) for located in _files(book)]
    # each character the book uses asked once, not once a string it is in (a twentieth of the calls)
    used = set().union(*(text for _, strings in files for _, text in strings))
    missing = {char for char in used if drawn.font_for(char) is None}
    if not missing:
        return []
    for located, strings in files:
        for loc, text in strings:
            for char in dict.fromkeys(text):
                if char in missing:
                    name = unicodedata.name(char, "unnamed character")
                    problems.append(located.problem(loc, f"U+{ord(char):04X} {name} ('{char}') is in no bundled font"))
    return problems
