"""The screen editions' fonts: every bundled face the text needs, subset to the characters it shows.

The EPUB and the web edition set their text in the pamphlet's faces (PT Serif, PT Sans) and, for
the scripts those lack, in the same bundled Noto faces the pamphlet falls back on
(``text/glyphs.py``: the Arabic book's Noto Naskh Arabic). Each face is cut down to the characters
the edition's documents hold (with printable ASCII, for what a stylesheet or a reading system adds) by
HarfBuzz's subsetter (``uharfbuzz``: the engine browsers' font tools use, milliseconds a face), keeping
the OpenType features a browser applies, so Arabic still joins and kerning stays: the EPUB gets the
face's own format (TrueType, or CFF for the CJK face), the web edition that cut compressed to WOFF2 by
fontTools and brotli.

Each edition cuts to its own documents' characters, not to both editions' union: a union would show the
same (a glyph no character calls for is never drawn), but each edition would have to render the other's
documents, hundreds of milliseconds to spare a cut of one or two, and the EPUB's bytes would depend on what
shapes only the web pages (their downloads); where the two sets are the same, one cut serves both in a build.
A subset is the same bytes every build (the head table keeps the font's own date), and is kept between
builds under the output's cache, named by the digest of what it was made from (the font's bytes, the
characters, the format, this code and the versions of HarfBuzz and, for WOFF2, of fontTools and brotli),
and checked against its own digest when read back.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import brotli
import fontTools
import uharfbuzz
from fontTools.ttLib import woff2
from lxml import html

from pamphleteer.content import Book
from pamphleteer.infra import dependencies, filecache, output
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import glyphs, measure, words

PARATYPE = "PARATYPE-LICENCE.txt"
NOTO = "NOTO-LICENCE.txt"
ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
FAMILIES = {"greek": "Noto Serif Greek", "hebrew": "Noto Serif Hebrew", "arabic": "Noto Naskh Arabic"}
FAMILIES["cjk"] = "Noto Serif CJK TC"


@dataclass(frozen=True)
class Face:
    """One font file as a stylesheet declares it."""

    family: str  # "PT Serif", "Noto Naskh Arabic"
    file: str  # under templates/fonts: "PTF55F.ttf", "noto/NotoNaskhArabic-Regular.ttf"
    italic: bool = False
    bold: bool = False
    script: str = ""  # a fallback's script ("arabic"); "" for the text faces

    @property
    def stem(self) -> str:
        return Path(self.file).stem

    def name(self, flavour: str) -> str:
        """Its name in the edition: ``fonts/PTF55F.ttf``, ``fonts/NotoNaskhArabic-Regular.woff2``."""
        return f"fonts/{self.stem}.{flavour or Path(self.file).suffix[1:]}"


TEXT = (
    Face("PT Serif", "PTF55F.ttf"),
    Face("PT Serif", "PTF56F.ttf", italic=True),
    Face("PT Serif", "PTF75F.ttf", bold=True),
    Face("PT Serif", "PTF76F.ttf", italic=True, bold=True),
    Face("PT Sans", "PTS55F.ttf"),
    Face("PT Sans", "PTS56F.ttf", italic=True),
    Face("PT Sans", "PTS75F.ttf", bold=True),
)


def faces(book: Book) -> list[Face]:
    """The faces a screen edition of ``book`` embeds: the text faces, then the fallbacks its text needs."""
    out = list(TEXT)
    if book.look.sans:  # text set in PT Sans has its bold italic too, as the pamphlet's has
        out.append(Face("PT Sans", "PTS76F.ttf", italic=True, bold=True))
    for fallback in glyphs.fallbacks(book):
        for style, file in fallback.files.items():
            family = FAMILIES[fallback.name]
            out.append(Face(family, f"noto/{file}", style == "italic", style == "bold", fallback.name))
    return out


def credit(book: Book) -> dict[str, str]:
    """What the colophon says of the fallback faces embedded: {"faces": "Noto Naskh Arabic", "scripts": "Arabic"}
    (the scripts named in the book's language); empty strings when there are none."""
    said = words.catalogue(book.language)
    chosen = [f for f in faces(book) if f.script]
    return {
        "faces": ", ".join(dict.fromkeys(f.family for f in chosen)),
        "scripts": ", ".join(dict.fromkeys(said[f"script_{f.script}"] for f in chosen)),
    }


def characters(documents: Iterable[bytes]) -> str:
    """Every character the documents show (their text, titles and chart labels) in both cases, with printable
    ASCII, sorted."""
    chars = set(ASCII)
    parser = html.HTMLParser(encoding="utf-8")  # every document of ours is UTF-8, declared or not
    for data in documents:
        chars.update(html.document_fromstring(data, parser=parser).text_content())
    # the stylesheets set labels in capitals and acronyms in small capitals (text-transform): both cases
    chars.update(c for char in list(chars) for c in char.upper() + char.lower())
    return "".join(sorted(c for c in chars if c.isprintable() or c == "\u00ad"))


def embedded(book: Book, documents: Iterable[bytes], flavour: str, cache: Path | None = None) -> dict[str, bytes]:
    """The edition's font files by name (``fonts/...``), each subset to what ``documents`` show, with their
    licences; ``flavour`` is "" (the font's own format, for the EPUB) or "woff2" (the web edition)."""
    text = characters(documents)
    folder = templates_dir() / "fonts"
    store = cache / "fonts" if cache is not None else None
    ext = f".{flavour or 'font'}"
    made: dict[str, bytes] = {}
    used: set[str] = set()
    chosen = faces(book)
    for face in chosen:
        path = folder / face.file
        entry = _key(path, text, flavour) + ext
        used.add(entry)
        kept = _kept(store / entry) if store is not None else None
        made[face.name(flavour)] = kept or _cut(path, filecache.stamp(path), text, flavour)
        if store is not None and kept is None:
            output.keep(store, {entry: hashlib.sha256(made[face.name(flavour)]).digest() + made[face.name(flavour)]})
    if store is not None and store.is_dir():  # this edition's entries this build did not use go
        names = {p.name for p in store.iterdir()}
        stale = {n for n in names if n.endswith(ext) and n not in used}
        if stale:
            output.keep(store, {}, only=names - stale)
    for licence in [PARATYPE] + ([f"noto/{NOTO}"] if any(f.script for f in chosen) else []):
        path = folder / licence
        data = path.read_bytes()
        dependencies.record(path, data)
        made[f"fonts/{Path(licence).name}"] = data
    return made


def _key(path: Path, text: str, flavour: str) -> str:
    """The digest of what a subset is made from; the font is recorded as read by the running build."""
    dependencies.record(path)
    # the tool's code (how it cuts) and the cutter's and compressor's versions (what they do) are part of it
    makers = [f"harfbuzz {uharfbuzz.__version__}"]
    if flavour == "woff2":
        makers += [f"fonttools {fontTools.version}", f"brotli {brotli.version}"]
    parts = (dependencies.file_digest(path), text, flavour or "font", *makers, dependencies.code_digest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _kept(entry: Path) -> bytes | None:
    """A subset an earlier build kept, if whole: its first 32 bytes are the digest of the rest."""
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    return data[32:] if hashlib.sha256(data[32:]).digest() == data[:32] else None


@functools.lru_cache(maxsize=32)
def _cut(path: Path, stamp: filecache.Stamp | None, text: str, flavour: str) -> bytes:
    """``path`` cut to the glyphs ``text`` needs, with the features a browser sets, in its own format or
    ``flavour`` "woff2"; the same bytes every time (``stamp``: the file as it is now, so an edited font is
    cut again)."""
    cut = _subset(path, stamp, text)
    if flavour != "woff2":
        return cut
    out = io.BytesIO()
    woff2.compress(io.BytesIO(cut), out)  # keeps the head table as it is: no timestamp, no new bounds
    return out.getvalue()


@functools.lru_cache(maxsize=16)
def _subset(path: Path, stamp: filecache.Stamp | None, text: str) -> bytes:
    """``path`` cut by HarfBuzz to the glyphs ``text`` reaches through the face's cmap and layout features.

    HarfBuzz's defaults are the decisions fontTools' subsetter made here before: the layout features a
    browser applies for each script (Arabic's joining forms, ligatures, kerning, marks, fractions; not
    'aalt', which would keep every alternate), glyph names and legacy tables (the old 'kern' table: every
    bundled face kerns in 'GPOS'; Mac-platform names) dropped, the font's own head table and date kept: the
    same bytes each build."""
    given = uharfbuzz.SubsetInput()
    given.sets(uharfbuzz.SubsetInputSets.UNICODE).update(ord(c) for c in text)
    for kept in (uharfbuzz.SubsetInputSets.NAME_ID, uharfbuzz.SubsetInputSets.NAME_LANG_ID):
        every = given.sets(kept)  # the copyright and licence records stay with the face, in every language
        every.clear()
        every.invert()
    # hinting is four fifths of the PT faces' bytes, and screens today draw without it; .notdef keeps its box
    given.flags = uharfbuzz.SubsetFlags.NO_HINTING | uharfbuzz.SubsetFlags.NOTDEF_OUTLINE
    try:
        cut = uharfbuzz.subset(measure.face_of(path), given)  # a file that holds no glyph is named
    except RuntimeError as error:  # HarfBuzz says only "Subsetting failed": a bundled font we cannot read
        raise RuntimeError(f"{path}: HarfBuzz could not subset this font") from error
    return cut.blob.data
