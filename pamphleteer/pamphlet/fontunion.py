"""One TrueType program from the subsets of one face that parts laid out separately embed.

What a part's program holds at a glyph id its text did not draw is its subsetter's
business: WeasyPrint's renumbers the components of composite glyphs (the dotless i and the
dot of "i") that lie past the highest id drawn, so an id beyond the drawn ones may stand
for another glyph in each part. The union therefore takes from each part only the glyphs its
text drew, each at the id that drew it, and the components they are built of, found as
TrueType defines them (by id in that part's own program) and given ids of their own past
every drawn one, one id per distinct outline. Every drawn id then draws what it drew in its
part, outline for outline, whatever the subsetter did with the rest; where two parts drew
one id differently there is no union.

Everything goes through fontTools' documented tables; no outline is decoded but the
composites', and each glyph keeps the bytes its part had.

Parsing the parts' programs is most of the work; ``prepare`` does it for one program ahead of the
union (while other parts are still laid out: ``fontahead.py``), and ``union`` takes a program so
prepared instead of parsing it again. A program is read, never changed, until a union uses it, and
a union uses it once (it renames the components of its composites), so one prepared gives the
union the bytes a program parsed there would.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from fontTools.ttLib import TTFont, getTableModule, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from fontTools.ttLib.tables._g_l_y_f import Glyph

# Tables copied from the first part's program, with the font-wide figures below set to the
# parts' extremes; glyf, loca, hmtx and cmap are made here; the rest (kern, GDEF...) index
# glyphs by one part's ids, and no PDF reader reads them.
_KEPT_TABLES = ("head", "hhea", "maxp", "OS/2", "name", "post", "gasp", "cvt ", "fpgm", "prep")

_EXTREMES = (
    ("head", min, ("xMin", "yMin")),
    ("head", max, ("xMax", "yMax")),
    ("hhea", min, ("minLeftSideBearing", "minRightSideBearing")),
    ("hhea", max, ("xMaxExtent",)),
    ("maxp", max, ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxZones")),
    ("maxp", max, ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs")),
    ("maxp", max, ("maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth")),
)


class Program:
    """A TrueType program WeasyPrint embedded, and the glyph ids its text drew."""

    def __init__(self, data: bytes, drawn: set[int]) -> None:
        self.font = TTFont(io.BytesIO(data), recalcTimestamp=False)
        self.glyf = self.font["glyf"]
        self.order = self.font.getGlyphOrder()
        self.drawn = drawn
        self._shapes: dict[str, tuple[object, ...]] = {}

    def shape(self, name: str) -> tuple[object, ...]:
        """What the glyph draws, comparable across programs: a simple glyph's bytes; a
        composite's components (their shapes, not their ids) and how each is placed."""
        if name not in self._shapes:
            glyph = self.glyf.glyphs[name]  # as read: a simple glyph's bytes are not decoded
            if glyph.isComposite():
                self._shapes[name] = tuple(
                    (self.shape(c.glyphName), *sorted((k, str(v)) for k, v in vars(c).items() if k != "glyphName"))
                    for c in self.glyf[name].components
                )
            else:
                self._shapes[name] = (glyph.compile(self.glyf, recalcBBoxes=False),)
        return self._shapes[name]


# What a union reads of a program besides its glyphs (``_cmap`` reads the character map).
_READ_TABLES = (*_KEPT_TABLES, "hmtx", "cmap")

Prepared = Callable[[bytes, set[int]], Program | None]


def preload() -> None:
    """Import what fontTools imports the first time a process parses a program as a union reads it
    (each table's module, and its list of glyph names for the post table): some 18 ms of the first union."""
    from fontTools import agl  # noqa: F401

    for tag in (*_READ_TABLES, "glyf", "loca"):
        getTableModule(tag)


def prepare(data: bytes, drawn: set[int]) -> Program:
    """A part's program parsed as ``union`` reads it: its tables read, the shapes of the glyphs
    drawn found, so that a union given it only assembles."""
    program = Program(data, drawn)
    for tag in _READ_TABLES:
        if tag in program.font:
            program.font[tag]  # (read on first use, and kept)
    program.font.getReverseGlyphMap()  # (``_cmap`` finds glyph ids by name)
    for gid in sorted(drawn):
        if gid < len(program.order):
            program.shape(program.order[gid])
    return program


def union(parts: Sequence[tuple[bytes, set[int]]], prepared: Prepared | None = None) -> bytes | None:
    """One TrueType program from parts' programs (each with the glyph ids its text drew) that
    draws, at each of those ids, what its part drew there; None if two parts drew one id
    differently (then they are not one face after all). ``prepared``, if given, hands over a
    program parsed ahead (``prepare``) for a part's, or None: then it is parsed here."""
    programs = [(prepared and prepared(data, drawn)) or Program(data, drawn) for data, drawn in parts]
    chosen: dict[int, tuple[Program, str]] = {}
    for program in programs:
        if any(gid >= len(program.order) for gid in program.drawn):
            return None
        for gid in sorted(program.drawn):
            first, name = chosen.setdefault(gid, (program, program.order[gid]))
            if first.shape(name) != program.shape(program.order[gid]):
                return None
    chosen.setdefault(0, (programs[0], ".notdef"))  # glyph 0 in every program
    order = [".notdef", *(f"cid{gid:05d}" for gid in range(1, max(chosen) + 1))]
    glyf, hmtx = newTable("glyf"), newTable("hmtx")
    glyf.glyphs, hmtx.metrics = {}, {}
    placed: dict[tuple[object, ...], str] = {}

    def add(program: Program, name: str, as_name: str | None = None) -> str:
        """Put a part's glyph in the union (at ``as_name``, else after the rest); its name there."""
        shape = program.shape(name)
        if as_name is None and shape in placed:
            return placed[shape]
        glyph = program.glyf.glyphs[name]
        if glyph.isComposite():
            for component in program.glyf[name].components:
                component.glyphName = add(program, component.glyphName)
        if as_name is None:
            as_name = f"component{len(order)}"
            order.append(as_name)
        placed.setdefault(shape, as_name)
        glyf.glyphs[as_name], hmtx.metrics[as_name] = glyph, program.font["hmtx"][name]
        return as_name

    for gid, name in enumerate(list(order)):
        if gid in chosen:
            add(*chosen[gid], as_name=name)
        else:
            glyf.glyphs[name], hmtx.metrics[name] = Glyph(), (0, 0)
    # Each glyph as its part had it, its bounding box with it: the font-wide figures are the
    # parts' extremes, not recounted from every outline (which would decode them all).
    font = TTFont(recalcBBoxes=False, recalcTimestamp=False)
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    first = programs[0].font
    for tag in _KEPT_TABLES:
        if tag in first:
            font[tag] = first[tag]
    for table, extreme, fields in _EXTREMES:
        for field in fields:
            setattr(font[table], field, extreme(getattr(p.font[table], field) for p in programs))
    font["hhea"].advanceWidthMax = max(advance for advance, _ in hmtx.metrics.values())
    font["post"].formatType = 3.0  # no glyph names: they would be the parts' names
    font["glyf"], font["loca"], font["hmtx"] = glyf, newTable("loca"), hmtx
    font["cmap"] = _cmap(programs, order)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _cmap(programs: list[Program], order: list[str]) -> object:
    """The parts' character maps as one, for the codes they drew (Windows Unicode subtables)."""
    chars: dict[int, str] = {}
    for program in programs:
        for char, name in (program.font.getBestCmap() or {}).items():
            gid = program.font.getGlyphID(name)
            if gid in program.drawn:
                chars.setdefault(char, order[gid])
    cmap = newTable("cmap")
    cmap.tableVersion, cmap.tables = 0, []
    for form, encoding, wanted in ((4, 1, range(0x10000)), (12, 10, range(0x10000, 0x110000))):
        subtable = CmapSubtable.newSubtable(form)
        subtable.platformID, subtable.platEncID, subtable.language = 3, encoding, 0
        subtable.cmap = {char: name for char, name in chars.items() if char in wanted}
        if subtable.cmap or form == 4:
            cmap.tables.append(subtable)
    return cmap
