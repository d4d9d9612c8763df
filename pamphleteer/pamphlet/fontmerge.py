"""The fonts of PDFs joined into one (``join.py``): each TrueType face embedded once.

WeasyPrint names a face the same in every document (its
subset tag is a hash of the Pango description) and its subsets keep the original font's
glyph ids for every glyph the text drew, so the parts' subsets of a face become one
program holding the union of their glyphs, with one widths array and one ToUnicode map.
Not every glyph id is the original's, though: see "TrueType programs" below.

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
import re
import struct
import zlib
from collections.abc import Iterator

import pikepdf
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from pikepdf import Array, Dictionary, Name


def merge(out: pikepdf.Pdf, fonts: list[pikepdf.Dictionary], font_dicts: list[pikepdf.Dictionary]) -> None:
    """Each TrueType face once; the fonts left per part get distinct subset tags."""
    faces: dict[tuple[object, ...], list[pikepdf.Dictionary]] = {}
    for font in fonts:
        face = _face(font) if font.is_indirect else None
        if face is not None:
            faces.setdefault(face, []).append(font)
    replaced: dict[tuple[int, int], pikepdf.Dictionary] = {}
    for members in faces.values():
        if len(members) > 1 and _merge_face(out, members):
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


def _merge_face(out: pikepdf.Pdf, members: list[pikepdf.Dictionary]) -> bool:
    """Make the first font of a face hold every glyph, width and text mapping of the others.

    False, and nothing changed, if their programs draw some glyph differently: then they
    are not one face after all.
    """
    drawn: dict[tuple[int, int], set[int]] = {}
    streams: dict[tuple[int, int], pikepdf.Stream] = {}
    widths: dict[int, pikepdf.Object] = {}
    text: dict[int, str] = {}
    cid_sets: list[bytes] = []
    for font in members:
        descriptor = _descriptor(font)
        stream = descriptor.FontFile2
        streams.setdefault(stream.objgen, stream)
        for cid, width in _widths(font.DescendantFonts[0].get("/W", Array())):
            widths.setdefault(cid, width)
            drawn.setdefault(stream.objgen, set()).add(cid)
        if "/ToUnicode" in font:
            for cid, chars in _to_unicode(font.ToUnicode.read_bytes()):
                text.setdefault(cid, chars)
        if "/CIDSet" in descriptor:
            cid_sets.append(descriptor.CIDSet.read_bytes())
    programs = [_Program(stream.read_bytes(), drawn.get(key, set())) for key, stream in streams.items()]
    program = _union(programs)
    if program is None:
        return False
    font = members[0]
    descendant = font.DescendantFonts[0]
    descriptor = descendant.FontDescriptor
    descriptor.FontFile2 = _stream(out, program, Length1=len(program))
    descendant.W = _widths_array(widths)
    # WeasyPrint's box: [0, descent, the widest glyph used, ascent]
    box = descriptor.FontBBox
    widest = max(float(_descriptor(member).FontBBox[2]) for member in members)
    descriptor.FontBBox = Array([box[0], box[1], int(widest) if widest.is_integer() else widest, box[3]])
    # WeasyPrint calls a font fixed-pitch when every glyph it used has one width
    fixed = len(widths) > 1 and len({str(width) for width in widths.values()}) == 1
    descriptor.Flags = int(descriptor.Flags) & ~_FIXED_PITCH | (_FIXED_PITCH if fixed else 0)
    if cid_sets:
        merged = bytearray(max(len(cid_set) for cid_set in cid_sets))
        for cid_set in cid_sets:
            for i, byte in enumerate(cid_set):
                merged[i] |= byte
        descriptor.CIDSet = _stream(out, bytes(merged))
    if text:
        font.ToUnicode = _stream(out, _to_unicode_cmap(text))
    return True


def _stream(out: pikepdf.Pdf, data: bytes, **extra: object) -> pikepdf.Stream:
    stream = pikepdf.Stream(out, b"")
    stream.write(zlib.compress(data, 9), filter=Name.FlateDecode)
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


# ---- TrueType programs ----
#
# WeasyPrint subsets a font in two passes (weasyprint/pdf/fonts.py, HarfBuzz): the first
# keeps the original glyph ids, the second keeps ids 0 to the highest id the text drew and
# renumbers what lies beyond: composite glyphs' components past that id (the dotless i and
# the dot of "i", at 233 and 306 in PT Serif, become 92 and 94 in a part whose text goes no
# higher than 91). So a glyph id is the original font's only below a part's "in place"
# limit; above it, glyphs are components, found through the composites that use them, and
# the union gives them ids of its own past every part's limit.

_COMPONENT_FLAGS = {"words": 0x0001, "scale": 0x0008, "more": 0x0020, "xy_scale": 0x0040, "two_by_two": 0x0080}
# Copied from the first part's program. Tables that index glyphs by id and that a PDF reader
# does not consult (kern, hdmx, vmtx, GDEF...) are left out: their ids would be one part's.
_KEPT_TABLES = (b"OS/2", b"name", b"gasp", b"cvt ", b"fpgm", b"prep")


class _Program:
    """The tables, outlines and metrics of a TrueType program WeasyPrint embedded."""

    def __init__(self, data: bytes, drawn: set[int]) -> None:
        self.version = data[:4]
        count = struct.unpack_from(">H", data, 4)[0]
        self.tables: dict[bytes, bytes] = {}
        for i in range(count):
            tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            self.tables[tag] = data[offset : offset + length]
        head, hhea, hmtx = self.tables[b"head"], self.tables[b"hhea"], self.tables[b"hmtx"]
        glyphs = struct.unpack_from(">H", self.tables[b"maxp"], 4)[0]
        if struct.unpack_from(">h", head, 50)[0]:
            offsets = struct.unpack_from(f">{glyphs + 1}I", self.tables[b"loca"])
        else:
            offsets = tuple(2 * offset for offset in struct.unpack_from(f">{glyphs + 1}H", self.tables[b"loca"]))
        glyf = self.tables[b"glyf"]
        self.glyphs = [glyf[offsets[gid] : offsets[gid + 1]] for gid in range(glyphs)]
        long_metrics = min(struct.unpack_from(">H", hhea, 34)[0], glyphs)
        self.metrics = list(struct.iter_unpack(">Hh", hmtx[: 4 * long_metrics]))
        advance = self.metrics[-1][0] if self.metrics else 0
        self.metrics += [
            (advance, lsb) for lsb in struct.unpack_from(f">{glyphs - long_metrics}h", hmtx, 4 * long_metrics)
        ]
        self.drawn = drawn
        self.in_place = min(max(drawn) + 1, glyphs) if drawn else 0


def _is_composite(outline: bytes) -> bool:
    return len(outline) >= 10 and struct.unpack_from(">h", outline)[0] < 0


def _components(outline: bytes) -> list[int]:
    """Where a composite glyph's component glyph ids are, as byte offsets."""
    offsets = []
    offset = 10
    while True:
        flags = struct.unpack_from(">H", outline, offset)[0]
        offsets.append(offset + 2)
        offset += 4 + (4 if flags & _COMPONENT_FLAGS["words"] else 2)
        if flags & _COMPONENT_FLAGS["scale"]:
            offset += 2
        elif flags & _COMPONENT_FLAGS["xy_scale"]:
            offset += 4
        elif flags & _COMPONENT_FLAGS["two_by_two"]:
            offset += 8
        if not flags & _COMPONENT_FLAGS["more"]:
            return offsets


def _shape(outline: bytes) -> bytes:
    """A glyph's outline with its components' ids blanked out, to compare across programs."""
    if not _is_composite(outline):
        return outline
    blank = bytearray(outline)
    for offset in _components(outline):
        blank[offset : offset + 2] = b"\0\0"
    return bytes(blank)


def _union(programs: list[_Program]) -> bytes | None:
    """One program with every glyph the programs hold, or None if two draw one id differently.

    Below every program's in-place limit a glyph keeps its id, its outline and metrics taken
    from the first program whose text drew it, else the first that has an outline for it.
    Components past a program's limit go to the id of an identical outline in place, or to
    a new id after all of them.
    """
    size = max(program.in_place for program in programs)
    chosen: list[_Program | None] = []
    for gid in range(size):
        having = [program for program in programs if gid < program.in_place]
        shapes = {_shape(program.glyphs[gid]) for program in having if program.glyphs[gid]}
        if len(shapes) > 1:
            return None
        drew = [program for program in having if gid in program.drawn]
        outlined = [program for program in having if program.glyphs[gid]]
        chosen.append((drew or outlined or having or [None])[0])
    index: dict[bytes, int] = {}
    for gid, program in enumerate(chosen):
        if program is not None and program.glyphs[gid] and not _is_composite(program.glyphs[gid]):
            index.setdefault(program.glyphs[gid], gid)
    extra: list[tuple[bytes, tuple[int, int]]] = []
    moved: dict[tuple[int, int], int] = {}

    def place(program: _Program, gid: int) -> int:
        """The union's id for a program's glyph id."""
        if gid < program.in_place:
            return gid
        key = (id(program), gid)
        if key not in moved:
            outline = renumber(program, program.glyphs[gid])
            if outline not in index:
                index[outline] = size + len(extra)
                extra.append((outline, program.metrics[gid]))
            moved[key] = index[outline]
        return moved[key]

    def renumber(program: _Program, outline: bytes) -> bytes:
        if not _is_composite(outline):
            return outline
        patched = bytearray(outline)
        for offset in _components(outline):
            struct.pack_into(">H", patched, offset, place(program, struct.unpack_from(">H", outline, offset)[0]))
        return bytes(patched)

    outlines = [renumber(program, program.glyphs[gid]) if program else b"" for gid, program in enumerate(chosen)]
    metrics = [program.metrics[gid] if program else (0, 0) for gid, program in enumerate(chosen)]
    outlines += [outline for outline, _ in extra]
    metrics += [metric for _, metric in extra]
    return _sfnt(programs, outlines, metrics)


def _sfnt(programs: list[_Program], outlines: list[bytes], metrics: list[tuple[int, int]]) -> bytes:
    """The union program's bytes: the first program's tables around the union's glyphs."""
    first = programs[0]
    count = len(outlines)
    glyf = bytearray()
    offsets = []
    for outline in outlines:
        offsets.append(len(glyf))
        glyf += outline + b"\0" * (-len(outline) % 4)
    offsets.append(len(glyf))
    short = offsets[-1] < 0x20000
    loca = (
        struct.pack(f">{count + 1}H", *(o // 2 for o in offsets)) if short else struct.pack(f">{count + 1}I", *offsets)
    )
    # hmtx: advances stop at the last change, the rest carry only their side bearings
    long_metrics = count
    while long_metrics > 1 and metrics[long_metrics - 2][0] == metrics[-1][0]:
        long_metrics -= 1
    hmtx = b"".join(struct.pack(">Hh", *metric) for metric in metrics[:long_metrics])
    hmtx += b"".join(struct.pack(">h", lsb) for _, lsb in metrics[long_metrics:])
    boxes = [
        (metric, struct.unpack_from(">4h", outline, 2))
        for outline, metric in zip(outlines, metrics, strict=True)
        if len(outline) >= 10
    ]
    hhea = bytearray(first.tables[b"hhea"])
    struct.pack_into(">H", hhea, 10, max((advance for advance, _ in metrics), default=0))
    if boxes:
        struct.pack_into(">h", hhea, 12, min(lsb for (_, lsb), _ in boxes))
        struct.pack_into(">h", hhea, 14, min(advance - lsb - (x1 - x0) for (advance, lsb), (x0, _, x1, _) in boxes))
        struct.pack_into(">h", hhea, 16, max(lsb + (x1 - x0) for (_, lsb), (x0, _, x1, _) in boxes))
    struct.pack_into(">H", hhea, 34, long_metrics)
    maxp = bytearray(first.tables[b"maxp"])
    struct.pack_into(">H", maxp, 4, count)
    for offset in range(6, len(maxp) - 1, 2):  # each maximum (points, contours, depth...) over the programs
        struct.pack_into(
            ">H", maxp, offset, max(struct.unpack_from(">H", p.tables[b"maxp"], offset)[0] for p in programs)
        )
    head = bytearray(first.tables[b"head"])
    heads = [struct.unpack_from(">4h", p.tables[b"head"], 36) for p in programs]
    box = (min(h[0] for h in heads), min(h[1] for h in heads), max(h[2] for h in heads), max(h[3] for h in heads))
    struct.pack_into(">4h", head, 36, *box)
    struct.pack_into(">h", head, 50, 0 if short else 1)
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set once the whole font is known
    post = bytearray(first.tables[b"post"][:32])
    struct.pack_into(">I", post, 0, 0x00030000)  # no glyph names: they would name the old ids
    tables = {tag: first.tables[tag] for tag in _KEPT_TABLES if tag in first.tables}
    tables.update({b"glyf": bytes(glyf), b"loca": loca, b"hmtx": hmtx, b"hhea": bytes(hhea)})
    tables.update({b"maxp": bytes(maxp), b"head": bytes(head), b"post": bytes(post)})
    if all(b"cmap" in program.tables for program in programs):
        tables[b"cmap"] = _cmap(programs, count)
    return _assemble(first.version, tables)


def _cmap(programs: list[_Program], count: int) -> bytes:
    """The programs' character maps as one, for the glyphs in place (their ids are the union's)."""
    names = [".notdef", *(f"g{gid}" for gid in range(1, count))]
    union = TTFont()
    union.setGlyphOrder(names)
    merged = newTable("cmap")
    merged.tableVersion = 0
    merged.tables = []
    for program in programs:
        own = TTFont()
        own.setGlyphOrder([".notdef", *(f"g{gid}" for gid in range(1, len(program.glyphs)))])
        table = newTable("cmap")
        table.decompile(program.tables[b"cmap"], own)
        for subtable in table.tables:
            if subtable.format not in (4, 12):  # the formats that map characters to glyphs one to one
                continue
            target = merged.getcmap(subtable.platformID, subtable.platEncID)
            if target is None:
                target = CmapSubtable.newSubtable(subtable.format)
                target.platformID, target.platEncID, target.language = (
                    subtable.platformID,
                    subtable.platEncID,
                    subtable.language,
                )
                target.cmap = {}
                merged.tables.append(target)
            for code, name in subtable.cmap.items():
                gid = own.getGlyphID(name)
                if gid < program.in_place and (target.format != 4 or code <= 0xFFFF):
                    target.cmap.setdefault(code, names[gid])
    return merged.compile(union)


def _assemble(version: bytes, tables: dict[bytes, bytes]) -> bytes:
    """An sfnt file of ``tables``, with its directory and checksums."""
    tags = sorted(tables)
    power = 1 << (len(tags).bit_length() - 1)
    header = struct.pack(">4sHHHH", version, len(tags), 16 * power, power.bit_length() - 1, 16 * (len(tags) - power))
    directory, body = [], []
    offset = len(header) + 16 * len(tags)
    head_offset = 0
    for tag in tags:
        data = tables[tag]
        if tag == b"head":
            head_offset = offset
        directory.append(struct.pack(">4sIII", tag, _checksum(data), offset, len(data)))
        body.append(data + b"\0" * (-len(data) % 4))
        offset += len(body[-1])
    font = bytearray(header + b"".join(directory) + b"".join(body))
    struct.pack_into(">I", font, head_offset + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF
