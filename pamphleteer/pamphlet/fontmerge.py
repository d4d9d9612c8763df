"""The fonts of PDFs joined into one (``join.py``): each TrueType face embedded once.

Each part is a WeasyPrint PDF with its own subset of every face it uses; kept as they are,
the shipped pamphlet would carry each face once per part (1.26 MB where one font per face
gives 0.77 MB). So the fonts of one face (one name and one set of metrics: WeasyPrint's
subset tag is a hash of the face's description, the same in every part) become one font:
one program, one widths array, one ToUnicode map. The merge rests on what the PDF and
TrueType specifications define, not on how WeasyPrint's subsetter numbers glyphs:

- a code in a part's text is a glyph id in that part's program (``Identity-H``,
  ``CIDToGIDMap /Identity``); the merged program holds, at each code some part used, the
  glyph that part drew there, with the components it is built of (``fontunion.py``);
- a face is merged only if every code that two of its parts use has one outline, one
  width and one text in both, so every page draws, spaces and reads as it did in its part;
  otherwise its fonts stay per part.

A face's merge is a pure function of its fonts as stored, so a build keeps it (``memo``) under the
digest of their dictionaries and streams, read without decoding: after an edit, most faces are
taken whole from there, and the faces the edited part changed are merged again.

Not WeasyPrint's ``full_fonts`` with one subset after the join: a full font's text map
comes from its character map, so a ligature reads as "ﬁ" and Arabic as presentation forms,
and every part would carry, and the cache keep, whole fonts (30 MB of part PDFs for the
shipped pamphlet, not 1.3 MB).

Left per part: CFF programs (``/FontFile3``, the CJK fallback), whose glyphs hang on their
font dictionaries and character set rather than on glyph ids alone; fonts with an encoding
CMap of their own (WeasyPrint writes one when a character is missing from the font, and its
codes for missing characters differ from part to part); bitmap (Type 3) fonts. Where two of
these share a subset tag, the later ones get a tag of their own, since a PDF's subsets must
have distinct tags. They cost size: a CFF subset keeps a slot for every glyph id up to its
highest, so each part that sets a CJK character carries its own program of some 5 to 25 KB,
where a single document would carry one.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import fontTools
import pikepdf
from pikepdf import Array, Dictionary, Name

from pamphleteer.infra import dependencies, kept

from . import fontunion


def merge(
    out: pikepdf.Pdf,
    fonts: list[pikepdf.Dictionary],
    font_dicts: list[pikepdf.Dictionary],
    memo: kept.Shelf | None = None,
    prepared: fontunion.Prepared | None = None,
) -> None:
    """Each TrueType face once; the fonts left per part get distinct subset tags. ``memo``, if given,
    keeps each face's merged program between builds (see :func:`_union`); ``prepared`` hands over the
    parts' programs parsed ahead (``fontunion.union``)."""
    faces: dict[tuple[object, ...], list[pikepdf.Dictionary]] = {}
    for font in fonts:
        face = _face(font) if font.is_indirect else None
        if face is not None:
            faces.setdefault(face, []).append(font)
    replaced: dict[tuple[int, int], pikepdf.Dictionary] = {}
    for members in faces.values():
        if len(members) > 1 and _merge_face(out, members, memo, prepared):
            for font in members[1:]:
                replaced[font.objgen] = members[0]
    for resources in font_dicts:
        for key, font in list(resources.items()):
            if font.is_indirect and font.objgen in replaced:
                resources[key] = replaced[font.objgen]
    names: set[str] = set()
    for font in fonts:
        if font.objgen not in replaced:
            _distinct_tag(font, names)


_TAGGED = re.compile(r"^/[A-Z]{6}\+")
_FIXED_PITCH = 1  # the descriptor's flag bit


def _face(font: pikepdf.Dictionary) -> tuple[object, ...] | None:
    """What subsets of one TrueType face share, or None for a font that is kept as it is.

    The name after the subset tag and the descriptor's metrics; the bounding box's width
    and the fixed-pitch flag follow the glyphs a document used, so they may differ.
    """
    if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
        return None
    descendant = font.DescendantFonts[0]
    descriptor = descendant.get("/FontDescriptor")
    if (
        descendant.get("/Subtype") != "/CIDFontType2"
        or descendant.get("/CIDToGIDMap") != "/Identity"
        or descriptor is None
        or "/FontFile2" not in descriptor
    ):
        return None
    name = str(font.BaseFont)
    info = descendant.get("/CIDSystemInfo", Dictionary())
    return (
        name[8:] if _TAGGED.match(name) else name,
        *(str(info.get(key)) for key in ("/Registry", "/Ordering", "/Supplement")),
        *(str(descriptor.get(key)) for key in ("/FontFamily", "/ItalicAngle", "/Ascent", "/Descent", "/CapHeight")),
        *(str(descriptor.get(key)) for key in ("/StemV", "/StemH")),
        int(descriptor.get("/Flags", 0)) & ~_FIXED_PITCH,
        "/CIDSet" in descriptor,
    )


def _descriptor(font: pikepdf.Dictionary) -> pikepdf.Dictionary:
    return font.DescendantFonts[0].FontDescriptor


def _widths(w: pikepdf.Array) -> Iterator[tuple[int, pikepdf.Object]]:
    """(CID, width) pairs of a /W array, in either of its two forms."""
    items = list(w)
    i = 0
    while i + 1 < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], pikepdf.Array):
            for offset, width in enumerate(items[i + 1]):
                yield first + offset, width
            i += 2
        else:
            for cid in range(first, int(items[i + 1]) + 1):
                yield cid, items[i + 2]
            i += 3


@dataclass(frozen=True)
class _Merged:
    """What merging a face's fonts gives its first font: one program (and deflated), one widths array
    (unparsed), one text map and glyph set (deflated; empty for none), the widest glyph box, fixed pitch."""

    program: bytes
    packed: bytes
    widths: bytes
    text: bytes
    cid_set: bytes
    widest: float
    fixed: bool


def _merge_face(
    out: pikepdf.Pdf,
    members: list[pikepdf.Dictionary],
    memo: kept.Shelf | None = None,
    prepared: fontunion.Prepared | None = None,
) -> bool:
    """Make the first font of a face hold every glyph, width and text mapping of the others.

    False, and nothing changed, unless every code that two of them use has one outline, one
    width and one text in both: then each part's pages draw, space and read as they did. A pure
    function of the fonts' dictionaries and streams, so ``memo`` keeps it under their digest, as
    stored (no stream decoded, no widths array read item by item): after an edit, most faces are
    their parts' as before.
    """
    k = _face_key(members) if memo is not None else ""
    found = memo.recall(k) if memo is not None else None
    if not isinstance(found, _Merged | bool):
        found = _merged(members, memo, prepared)
        if memo is not None:
            memo.store(k, found)
    if found is False:
        return False
    assert isinstance(found, _Merged)
    font = members[0]
    descendant = font.DescendantFonts[0]
    descriptor = descendant.FontDescriptor
    descriptor.FontFile2 = _stream(out, found.program, found.packed, Length1=len(found.program))
    descendant.W = pikepdf.Object.parse(found.widths)
    # WeasyPrint's box: [0, descent, the widest glyph used, ascent]
    box = descriptor.FontBBox
    widest = int(found.widest) if found.widest.is_integer() else found.widest
    descriptor.FontBBox = Array([box[0], box[1], widest, box[3]])
    # WeasyPrint calls a font fixed-pitch when every glyph it used has one width
    descriptor.Flags = int(descriptor.Flags) & ~_FIXED_PITCH | (_FIXED_PITCH if found.fixed else 0)
    if found.cid_set:
        descriptor.CIDSet = _stream(out, b"", found.cid_set)
    if found.text:
        font.ToUnicode = _stream(out, b"", found.text)
    return True


def _face_key(members: list[pikepdf.Dictionary]) -> str:
    """What merging ``members`` is a function of: each font's widths, text map, glyph set, program, box
    and flags as stored, with this tool's code and what writes the program (fontTools, zlib)."""
    h = hashlib.sha256(f"face {dependencies.code_digest()} {fontTools.version} {zlib.ZLIB_RUNTIME_VERSION}".encode())
    for font in members:
        descendant = font.DescendantFonts[0]
        descriptor = descendant.FontDescriptor
        streams = (font.get("/ToUnicode"), descriptor.get("/CIDSet"), descriptor.FontFile2)
        for part in (descendant.get("/W", Array()), descriptor.FontBBox, descriptor.get("/Flags", 0)):
            h.update(part.unparse() + b"\0" if isinstance(part, pikepdf.Object) else f"{part}\0".encode())
        for stream in streams:
            if stream is None:
                h.update(b"-\0")
                continue
            data = stream.read_raw_bytes()
            filters = stream.get("/Filter", Array()).unparse() + stream.get("/DecodeParms", Array()).unparse()
            h.update(filters + hashlib.sha256(data).digest() + b"\0")
    return h.hexdigest()


def _merged(
    members: list[pikepdf.Dictionary], memo: kept.Shelf | None, prepared: fontunion.Prepared | None
) -> _Merged | bool:
    """The face's fonts merged (:class:`_Merged`), or False when they cannot be (see ``_merge_face``)."""
    widths: dict[int, pikepdf.Object] = {}
    text: dict[int, str] = {}
    cid_sets: list[bytes] = []
    for font in members:
        descriptor = _descriptor(font)
        for cid, width in _widths(font.DescendantFonts[0].get("/W", Array())):
            if float(widths.setdefault(cid, width)) != float(width):
                return False
        if "/ToUnicode" in font:
            for cid, chars in _to_unicode(font.ToUnicode.read_bytes()):
                if text.setdefault(cid, chars) != chars:
                    return False
        if "/CIDSet" in descriptor:
            cid_sets.append(descriptor.CIDSet.read_bytes())
    program, packed = _union(_programs(members), memo, prepared)
    if program is None or packed is None:
        return False
    merged = bytearray(max((len(cid_set) for cid_set in cid_sets), default=0))
    for cid_set in cid_sets:
        for i, byte in enumerate(cid_set):
            merged[i] |= byte
    return _Merged(
        program,
        packed,
        _widths_array(widths).unparse(),
        zlib.compress(_to_unicode_cmap(text), 9) if text else b"",
        zlib.compress(bytes(merged), 9) if cid_sets else b"",
        max(float(_descriptor(member).FontBBox[2]) for member in members),
        len(widths) > 1 and len({str(width) for width in widths.values()}) == 1,
    )


def _programs(fonts: list[pikepdf.Dictionary]) -> list[tuple[bytes, set[int]]]:
    """The programs of fonts of one face, each once, with the glyph ids (the codes: ``Identity``) the
    fonts that embed it drew (those their widths array lists)."""
    drawn: dict[tuple[int, int], set[int]] = {}
    streams: dict[tuple[int, int], pikepdf.Stream] = {}
    for font in fonts:
        stream = _descriptor(font).FontFile2
        streams.setdefault(stream.objgen, stream)
        cids = drawn.setdefault(stream.objgen, set())
        cids.update(cid for cid, _ in _widths(font.DescendantFonts[0].get("/W", Array())))
    return [(stream.read_bytes(), drawn[key]) for key, stream in streams.items()]


def part_programs(pdf: bytes) -> list[tuple[bytes, set[int]]]:
    """The TrueType programs of one part's PDF that ``merge`` would merge with other parts', each with
    the glyph ids drawn from it, as ``merge`` finds them (``fontahead.py`` parses them ahead)."""
    with pikepdf.open(io.BytesIO(pdf)) as part:
        faces: dict[tuple[object, ...], list[pikepdf.Dictionary]] = {}
        for font in part.objects:
            face = _face(font) if isinstance(font, Dictionary) and font.get("/Type") == "/Font" else None
            if face is not None:
                faces.setdefault(face, []).append(font)
        return [program for fonts in faces.values() for program in _programs(fonts)]


def _union(
    parts: list[tuple[bytes, set[int]]], memo: kept.Shelf | None, prepared: fontunion.Prepared | None = None
) -> tuple[bytes | None, bytes | None]:
    """The parts' programs as one (``fontunion.union``) and that program deflated; both None when they
    are not one face. A pure function of the programs and the glyphs drawn from each, so ``memo`` keeps
    it under their digest: an edit that draws no glyph a part did not draw finds every face kept, and
    merging the faces (parsing each part's program) was most of the join."""
    k = ""
    if memo is not None:
        # fontTools writes the program and zlib deflates it: another version of either may write other bytes
        h = hashlib.sha256(f"{dependencies.code_digest()} {fontTools.version} {zlib.ZLIB_RUNTIME_VERSION}".encode())
        for data, drawn in parts:
            h.update(hashlib.sha256(data).digest() + ",".join(map(str, sorted(drawn))).encode() + b"\0")
        k = h.hexdigest()
        found = memo.recall(k)
        if isinstance(found, tuple) and len(found) == 2:
            return found
    program = fontunion.union(parts, prepared)
    made = (program, zlib.compress(program, 9) if program is not None else None)
    if memo is not None:
        memo.store(k, made)
    return made


def _stream(out: pikepdf.Pdf, data: bytes, packed: bytes | None = None, **extra: object) -> pikepdf.Stream:
    """A stream of ``data``, deflated (``packed``: as it was deflated already)."""
    stream = pikepdf.Stream(out, b"")
    stream.write(packed if packed is not None else zlib.compress(data, 9), filter=Name.FlateDecode)
    for key, value in extra.items():
        stream[f"/{key}"] = value
    return stream


def _widths_array(widths: dict[int, pikepdf.Object]) -> pikepdf.Array:
    """A /W array as WeasyPrint writes it: each run of consecutive CIDs as ``first [w ...]``."""
    array = Array()
    run = Array()
    previous = None
    for cid in sorted(widths):
        if previous is None or cid != previous + 1:
            if len(run):
                array.append(run)
            array.append(cid)
            run = Array()
        run.append(widths[cid])
        previous = cid
    if len(run):
        array.append(run)
    return array


_HEX = rb"<([0-9A-Fa-f]*)>"
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_PAIR = re.compile(_HEX + rb"\s*" + _HEX)
_RANGE = re.compile(_HEX + rb"\s*" + _HEX + rb"\s*(?:" + _HEX + rb"|\[([^\]]*)\])")


def _utf16(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode()).decode("utf-16-be", errors="replace")


def _to_unicode(cmap: bytes) -> Iterator[tuple[int, str]]:
    """(code, text) pairs of a ToUnicode CMap's bfchar and bfrange entries."""
    for block in _BFCHAR.findall(cmap):
        for code, chars in _PAIR.findall(block):
            yield int(code, 16), _utf16(chars)
    for block in _BFRANGE.findall(cmap):
        for low, high, start, listed in _RANGE.findall(block):
            codes = range(int(low, 16), int(high, 16) + 1)
            if start:
                first = bytes.fromhex(start.decode())
                for offset, code in enumerate(codes):
                    # the last UTF-16 unit counts up through the range
                    last = (int.from_bytes(first[-2:], "big") + offset) & 0xFFFF
                    yield code, (first[:-2] + last.to_bytes(2, "big")).decode("utf-16-be", errors="replace")
            else:
                for code, chars in zip(codes, re.findall(_HEX, listed), strict=False):
                    yield code, _utf16(chars)


def _to_unicode_cmap(text: dict[int, str]) -> bytes:
    """A ToUnicode CMap in WeasyPrint's words: batches of 100 bfchar entries."""
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo",
        b"<< /Registry (Adobe)",
        b"/Ordering (UCS)",
        b"/Supplement 0",
        b">> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
    ]
    items = sorted(text.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{code:04x}> <{chars.encode('utf-16-be').hex()}>".encode() for code, chars in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def _distinct_tag(font: pikepdf.Dictionary, names: set[str]) -> None:
    """Give a font kept apart its own subset tag if an earlier font has its name.

    Subsets in one PDF must have distinct tags; the new one is derived from the font's
    name and program, so it is the same on every join.
    """
    name = str(font.get("/BaseFont", ""))
    if not _TAGGED.match(name):
        return
    if name not in names:
        names.add(name)
        return
    descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else None
    descriptor = descendant.get("/FontDescriptor") if descendant is not None else None
    program = b""
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if descriptor is not None and key in descriptor:
            program = descriptor[key].read_raw_bytes()
    seed = hashlib.sha256(name.encode() + program).digest()
    while True:
        tag = "".join(chr(65 + byte % 26) for byte in seed[:6])
        if f"/{tag}+{name[8:]}" not in names:
            break
        seed = hashlib.sha256(seed).digest()
    names.add(f"/{tag}+{name[8:]}")
    for holder, key in ((font, "/BaseFont"), (descendant, "/BaseFont"), (descriptor, "/FontName")):
        if holder is not None and _TAGGED.match(str(holder.get(key, ""))):
            holder[key] = Name(f"/{tag}+{str(holder[key])[8:]}")
