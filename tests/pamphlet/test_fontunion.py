"""The union of TrueType subsets, on made-up programs: each id draws what its part drew there.

The programs are built as a subsetter may leave them: a composite glyph whose component sits
at an id that means another glyph in another part (WeasyPrint's renumbers the components past
the highest id a part's text drew).
"""

from __future__ import annotations

import io
import pickle
import subprocess
import sys

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from pamphleteer.pamphlet.fontunion import prepare, union

SQUARE = [(100, 0), (100, 400), (500, 400), (500, 0)]
DOT = [(250, 600), (250, 700), (350, 700), (350, 600)]
WEDGE = [(250, 600), (300, 750), (350, 600)]


def _program(glyphs: dict[int, list[tuple[int, int]] | tuple[int, int]], size: int) -> bytes:
    """A program of ``size`` glyphs: at an id, a polygon, or a composite of (base id, mark id)."""
    order = [".notdef", *(f"glyph{gid:05d}" for gid in range(1, size))]
    drawn = {}
    for gid in range(size):
        pen = TTGlyphPen(set(order))
        shape = glyphs.get(gid, [])
        if isinstance(shape, tuple):
            for component in shape:
                pen.addComponent(order[component], (1, 0, 0, 1, 0, 0))
        elif shape:
            pen.moveTo(shape[0])
            for point in shape[1:]:
                pen.lineTo(point)
            pen.closePath()
        drawn[order[gid]] = pen.glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({0x61 + gid: order[gid] for gid in glyphs if gid})
    builder.setupGlyf(drawn)
    builder.setupHorizontalMetrics({name: (600, 0) for name in order})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupOS2()
    builder.setupPost()
    buffer = io.BytesIO()
    builder.save(buffer)
    return buffer.getvalue()


def _drawn(program: bytes, gid: int) -> list[tuple[float, float]]:
    """The points glyph ``gid`` draws, its components resolved."""
    font = TTFont(io.BytesIO(program))
    glyf = font["glyf"]
    return list(glyf[font.getGlyphOrder()[gid]].getCoordinates(glyf)[0])


def test_each_id_draws_what_its_part_drew_whatever_its_components_ids():
    # Part 1 draws an "i" at 4 from the square at 1 and a dot it keeps at 5, past its highest
    # drawn id; part 2 draws a wedge of its own at 5, and an accented letter at 6 from the
    # square and a wedge it keeps at 7.
    first = _program({1: SQUARE, 4: (1, 5), 5: DOT}, 6)
    second = _program({1: SQUARE, 5: WEDGE, 6: (1, 7), 7: WEDGE}, 8)
    merged = union([(first, {1, 4}), (second, {1, 5, 6})])
    assert merged is not None
    assert _drawn(merged, 4) == _drawn(first, 4) == SQUARE + DOT
    assert _drawn(merged, 5) == WEDGE
    assert _drawn(merged, 6) == _drawn(second, 6) == SQUARE + WEDGE
    assert _drawn(merged, 1) == SQUARE
    font = TTFont(io.BytesIO(merged))
    # ids up to the highest drawn, then the dot: the wedge is drawn at an id of its own
    assert font["maxp"].numGlyphs == 7 + 1
    # characters of the drawn glyphs only: not the dot's "f" (a component here)
    assert {char: font.getGlyphID(name) for char, name in font.getBestCmap().items()} == {
        0x62: 1,
        0x65: 4,
        0x66: 5,
        0x67: 6,
    }


def test_a_component_shared_by_parts_is_kept_once():
    # The same "i" in both parts, its dot at 6 in one and at 9 in the other.
    first = _program({1: SQUARE, 4: (1, 6), 6: DOT}, 7)
    second = _program({1: SQUARE, 4: (1, 9), 9: DOT}, 10)
    merged = union([(first, {4}), (second, {1, 4})])
    assert merged is not None
    assert _drawn(merged, 4) == SQUARE + DOT
    assert TTFont(io.BytesIO(merged))["maxp"].numGlyphs == 5 + 1  # the square is drawn at 1


def test_one_id_drawn_differently_is_no_union():
    first = _program({1: SQUARE, 4: (1, 6), 6: DOT}, 7)
    second = _program({1: SQUARE, 4: (1, 6), 6: WEDGE}, 7)
    assert union([(first, {4}), (second, {4})]) is None
    assert union([(first, {4}), (second, {1})]) is not None  # what one part did not draw is no conflict
    assert union([(first, {7})]) is None  # an id past the program's glyphs


def test_programs_parsed_ahead_give_the_union_parsed_here():
    # A union takes each program it finds prepared (and parses the others) and writes the bytes
    # of a union that parsed every one; a prepared program is asked for by its bytes and the ids
    # drawn from it.
    first = _program({1: SQUARE, 4: (1, 5), 5: DOT}, 6)
    second = _program({1: SQUARE, 5: WEDGE, 6: (1, 7), 7: WEDGE}, 8)
    parts = [(first, {1, 4}), (second, {1, 5, 6})]
    asked = []

    def prepared(data: bytes, drawn: set[int]):
        asked.append((data, drawn))
        return prepare(data, drawn) if data == first else None

    assert union(parts, prepared) == union(parts)
    assert asked == parts
    assert union(parts, lambda data, drawn: prepare(data, drawn)) == union(parts)


UNION_AFTER_PRELOAD = """
import pickle, sys
from pamphleteer.pamphlet import fontunion
parts = pickle.loads(open(sys.argv[1], "rb").read())
fontunion.preload()
before = set(sys.modules)
assert fontunion.union(parts) is not None
print(" ".join(sorted(name for name in set(sys.modules) - before if name.startswith("fontTools"))))
"""


def test_preload_imports_what_a_union_imports(tmp_path):
    # a watch's fork server preloads it (commands/preheat.py), so that a rebuild's first union imports nothing
    parts = [(_program({1: SQUARE}, 2), {1}), (_program({1: SQUARE, 2: DOT}, 3), {2})]
    (tmp_path / "parts").write_bytes(pickle.dumps(parts))
    found = subprocess.run(
        [sys.executable, "-c", UNION_AFTER_PRELOAD, str(tmp_path / "parts")], capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == []
