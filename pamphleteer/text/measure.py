"""Text measured with real font metrics, so slides are filled by arithmetic, not hope.

The deck's theme fonts (Arial, Times New Roman) are measured with the bundled
Liberation fonts, which have the same advance widths (Arabic with Noto Sans Arabic); PowerPoint's autofit is
never relied on. ``lines(text, face, size, width)`` wraps like PowerPoint:
greedy, at spaces and after hyphens, breaking a word only when it alone is
wider than the box.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import uharfbuzz

from pamphleteer.errors import UsageError, display_path
from pamphleteer.infra import dependencies
from pamphleteer.infra.filecache import by_file
from pamphleteer.infra.locations import templates_dir

from . import bidi, pieces

# Theme typeface -> bundled metric-compatible file (regular, bold, italic).
FACES = {
    "arial": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic"),
    "liberation sans": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic"),
    "times new roman": ("LiberationSerif-Regular", "LiberationSerif-Regular", "LiberationSerif-Italic"),
    "liberation serif": ("LiberationSerif-Regular", "LiberationSerif-Regular", "LiberationSerif-Italic"),
}
ARABIC = ("NotoSansArabic-Regular", "NotoSansArabic-Bold")  # Arabic letters, which the faces above lack
LINE_SPACING = 1.2  # PowerPoint's single spacing, as a multiple of the font size
# after a space (not a no-break one: text/inline.py sets those), a dash (not one a word joiner holds to the
# next figure: a kept range) or a slash; U+200B: where a URL may break (text/pieces.py)
_BREAK = re.compile(r"(?<=[^\S\u00a0\u202f])|(?<=[\-–—/\u200b])(?!\u2060)")
_NO_GLYPH = str.maketrans("", "", "\u200b\u2060")  # a break opportunity, a joiner: no width
_READING = threading.local()  # .open: the fonts each measurement in hand has read, this thread's (:func:`fonts_read`)


@dataclass(frozen=True)
class Face:
    family: str
    bold: bool = False
    italic: bool = False


def _metrics(name: str) -> tuple[dict[int, int], float, int]:
    path = _font_path(templates_dir(), name)
    dependencies.record(path)  # each build that measures with it depends on it, cached or not
    found = read_metrics(path)
    reading = getattr(_READING, "open", None)
    if reading:
        reading[-1][name] = found
    return found


@contextlib.contextmanager
def fonts_read() -> Iterator[dict[str, object]]:
    """The fonts measured with inside the block: each font's name -> its metrics as read, the same
    object for as long as its file is unchanged (``by_file``), so a memo of measurements can tell
    with :func:`still_read` that they would come out the same (``lecture/fitting.py``)."""
    read: dict[str, object] = {}
    reading = getattr(_READING, "open", None)
    if reading is None:
        reading = _READING.open = []
    reading.append(read)
    try:
        yield read
    finally:
        reading.pop()
        if reading:  # a measurement inside another: the outer one read these too
            reading[-1].update(read)


def still_read(read: dict[str, object]) -> bool:
    """Whether every font of ``read`` (:func:`fonts_read`) is as it was; each is read again as measuring
    would (the running builder's record, an enclosing :func:`fonts_read`), from memory while unchanged."""
    return all(_metrics(name) is found for name, found in read.items())


def files_of(read: dict[str, object]) -> dict[str, str]:
    """The fonts of ``read`` (:func:`fonts_read`), each by its file's digest: what a measurement kept
    beyond this process was made with."""
    return {name: _file_digest(name) for name in read}


def read_again(files: dict[str, str]) -> dict[str, object] | None:
    """The fonts of ``files`` (:func:`files_of`) read as measuring reads them (so the running builder
    records them, and an enclosing :func:`fonts_read` sees them), when every file is as it was; None
    when one has changed or is gone."""
    try:
        if any(_file_digest(name) != digest for name, digest in files.items()):
            return None
    except OSError:
        return None
    return {name: _metrics(name) for name in files}


def _file_digest(name: str) -> str:
    return dependencies.file_digest(_font_path(templates_dir(), name))


@lru_cache(maxsize=32)
def _font_path(templates: Path, name: str) -> Path:
    return Path(templates) / "fonts" / "deck" / f"{name}.ttf"


@by_file(maxsize=16)  # a house style's edited font is measured anew
def read_metrics(path: Path) -> tuple[dict[int, int], float, int]:
    """Each code point's advance (its best Unicode character map's glyph's), the units per em, and the
    advance of glyph 0 (.notdef), in font units: read by HarfBuzz, which reads only those tables."""
    face = face_of(path)
    font = uharfbuzz.Font(face)  # scaled to the units per em: advances in font units
    widths = {code: font.get_glyph_h_advance(font.get_nominal_glyph(code)) for code in face.unicodes}
    return widths, face.upem, font.get_glyph_h_advance(0)


def face_of(path: Path) -> uharfbuzz.Face:
    """The font file at ``path`` as HarfBuzz reads it; a usage error naming it when it holds no glyph (not
    a font, or a damaged one: HarfBuzz would read it as an empty font, and every text would fit no box)."""
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))
    if face.glyph_count == 0:
        raise UsageError(f"{display_path(path)}: not a font file HarfBuzz can read (damaged?); replace it")
    return face


def _face_metrics(face: Face) -> tuple[dict[int, int], float, int]:
    """The metrics of the bundled file that stands for ``face`` (Arial's for a face we do not know)."""
    names = FACES.get(face.family.casefold(), FACES["arial"])
    return _metrics(names[2] if face.italic else names[1] if face.bold else names[0])


def known(family: str) -> bool:
    return family.casefold() in FACES


def width(text: str, face: Face, size: float) -> float:
    """Advance width of ``text`` in points.

    Arabic letters, which the theme faces lack, are measured in their joined forms
    with the face a right-to-left deck names for them (``deckrtl``, Noto Sans Arabic).
    """
    widths, upem, fallback = _face_metrics(face)
    text = text.translate(_NO_GLYPH)
    if all(ord(ch) in widths for ch in text):
        return sum(widths[ord(ch)] for ch in text) * size / upem
    text = bidi.joined(text)
    arabic, arabic_upem, _ = _metrics(ARABIC[1] if face.bold else ARABIC[0])
    total = 0.0
    for ch in text:
        if ord(ch) in widths:
            total += widths[ord(ch)] / upem
        elif ord(ch) in arabic:
            total += arabic[ord(ch)] / arabic_upem
        else:
            total += fallback / upem
    return total * size


def lines(text: str, face: Face, size: float, box_width: float) -> list[str]:
    """Wrap ``text`` into lines no wider than ``box_width`` points, each kept piece (a range of years) held
    on one line as the deck draws it (``pieces.held``)."""
    out: list[str] = []
    for para in pieces.held(text).split("\n"):
        units = _units(para, face)
        if units is not None:
            out += _wrapped(para, units, size / units.upem, box_width)
            continue
        current = ""
        for word in _BREAK.split(para):
            trial = current + word
            if current and width(trial.rstrip(), face, size) > box_width:
                out.append(current.rstrip())
                current = word.lstrip()
            else:
                current = trial
            while width(current.rstrip(), face, size) > box_width and len(current) > 1:
                cut = _longest_prefix(current, face, size, box_width)
                out.append(current[:cut])
                current = current[cut:]
        out.append(current.rstrip())
    return out


def unbroken(text: str, face: Face, size: float, box_width: float) -> bool:
    """True when every word of ``text`` fits ``box_width`` whole, so wrapping never cuts inside one."""
    text = pieces.held(text)
    units = _units(text, face)
    if units is not None:
        scale = size / units.upem
        return all(units.of(w.strip()) * scale <= box_width for w in _BREAK.split(text) if w.strip())
    return all(width(w.strip(), face, size) <= box_width for w in _BREAK.split(text) if w.strip())


@dataclass(frozen=True)
class _Units:
    """A face's advance widths in font units, for text it has every character of: a width is then the
    sum of its characters', so wrapping adds them up as it goes rather than measuring each trial line
    anew (the lecture's fitting wraps every paragraph at every size it tries)."""

    widths: dict[int, int]
    upem: float

    def of(self, text: str) -> int:
        return sum(self.widths[ord(ch)] for ch in text.translate(_NO_GLYPH))


def _units(text: str, face: Face) -> _Units | None:
    """The face's widths if it has every character of ``text`` (so ``width`` sums them), else None."""
    widths, upem, _ = _face_metrics(face)
    if all(ord(ch) in widths for ch in text.translate(_NO_GLYPH)):
        return _Units(widths, upem)
    return None


def _wrapped(para: str, units: _Units, scale: float, box_width: float) -> list[str]:
    """``lines`` for one paragraph of characters the face has: the same lines, widths summed as it goes
    (``units.of(x) * scale`` is ``width(x)``, the same number)."""
    out: list[str] = []
    current, whole, stripped = "", 0, 0  # the line so far, its units, and its units without trailing spaces
    for word in _BREAK.split(para):
        bare = word.rstrip()
        trial = whole + units.of(bare) if bare else stripped  # units of (current + word).rstrip()
        if current and trial * scale > box_width:
            out.append(current.rstrip())
            current = word.lstrip()
            whole, stripped = units.of(current), units.of(current.rstrip())
        else:
            current, whole, stripped = current + word, whole + units.of(word), trial
        while stripped * scale > box_width and len(current) > 1:
            cut, run = 1, units.of(current[0])
            while cut < len(current) and (run + units.of(current[cut])) * scale <= box_width:
                run += units.of(current[cut])
                cut += 1
            out.append(current[:cut])
            current = current[cut:]
            whole, stripped = units.of(current), units.of(current.rstrip())
    out.append(current.rstrip())
    return out


def height(n_lines: int, size: float, spacing: float = LINE_SPACING) -> float:
    return n_lines * size * spacing


def _longest_prefix(text: str, face: Face, size: float, box_width: float) -> int:
    cut = 1
    while cut < len(text) and width(text[: cut + 1], face, size) <= box_width:
        cut += 1
    return cut
