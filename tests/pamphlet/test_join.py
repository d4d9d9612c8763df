"""Joining parts laid out separately: the joined PDF read back against one document of the same pages.

The parts and the single document are real WeasyPrint layouts of the same chapters with the
pamphlet's stylesheet and fonts; each chapter starts a page and each part but the last has an
even number of pages, so the single document's pages are the parts' pages, left and right.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from pamphleteer.infra import kept
from pamphleteer.infra.locations import templates_dir
from pamphleteer.pamphlet import fontahead, fontmerge, fontunion, parts
from pamphleteer.pamphlet.join import Opened, PartPdf, join
from pamphleteer.render import typeset

IDENTITY = hashlib.sha256(b"join test").hexdigest()[:32].encode()
LONG = " ".join(
    ["The <em>safety bicycle</em> put the rider between two wheels of one size, with a <strong>chain</strong>"]
    + ["to the rear wheel, and it sold by the thousand in every town that had a smooth road."] * 30
)
# Part 1 sets only ASCII letters, so its PT Serif subset stops below the glyphs that "i" and
# "j" are built from (the dotless forms and the dot); part 2's curly apostrophe reaches past them.
CHAPTERS = {
    1: (
        "Wheels",
        '<p id="spoke">The spoke<span class="footnote">Wire spokes came in 1870.</span> carries the rim, a job for a jig; see <a href="#ch5">brakes</a>.</p>',
    ),
    2: ("Chains", "<p>The chain drives the <strong>rear</strong> wheel, link by link.</p>"),
    3: (
        "Tyres",
        '<p>Dunlop’s tyre<span class="footnote">Patented in 1888.</span> was pneumatic; back to the <a href="#spoke">spokes</a> and the <a href="#ch2">chains</a>.</p>',
    ),
    4: ("Gears", "<p>Gears: 0123456789, jiggling in the hub.</p>"),
    5: ("Brakes", f'<p>{LONG}</p><p>Spokes again: <a href="#spoke">the spoke</a>.</p>'),
}
PARTS = [[1, 2], [3, 4], [5]]


FACES = [
    ("PT Serif", "", "PTF55F.ttf"),
    ("PT Serif", " font-style: italic;", "PTF56F.ttf"),
    ("PT Serif", " font-weight: bold;", "PTF75F.ttf"),
    ("PT Sans", "", "PTS55F.ttf"),
    ("PT Sans", " font-weight: bold;", "PTS75F.ttf"),
]
FALLBACKS = [  # as the template declares them when the content needs them
    ("Fallback Greek", "", "noto/NotoSerifGreek-Regular.ttf"),
    ("Fallback Arabic", "", "noto/NotoNaskhArabic-Regular.ttf"),
    ("Fallback CJK", "", "noto/NotoSerifCJKtc-Regular.otf"),
]


def _html(chapters: list[int], first_page: int, chapter_text: dict[int, tuple[str, str]] = CHAPTERS) -> str:
    fonts = (templates_dir() / "fonts").as_uri()
    faces = "".join(
        f'@font-face {{ font-family: "{family}";{style} src: url("{fonts}/{file}"); }}\n'
        for family, style, file in FACES + (FALLBACKS if chapter_text is not CHAPTERS else [])
    )
    sections = "".join(
        f'<section class="chapter" id="ch{n}"><div class="opener"><h1 data-running="{chapter_text[n][0]}"'
        f' data-bookmark="{n}. {chapter_text[n][0]}">{chapter_text[n][0]}</h1></div>{chapter_text[n][1]}</section>'
        for n in chapters
    )
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Bicycles</title><style>{faces}'
        f"@page :first {{ counter-reset: page {first_page}; }}</style></head>"
        f'<body data-book="Bicycles">{sections}</body></html>'
    )


@dataclass
class Laid:
    single: bytes
    parts: list[PartPdf]
    joined: bytes


def _pdf(document: object) -> bytes:
    return typeset.pdf(document, variant="pdf/ua-1", identity="join test")


def _part(chapters: list[int], first_page: int, chapter_text: dict[int, tuple[str, str]] = CHAPTERS) -> PartPdf:
    """A part as the caller makes it: a placeholder anchor for every link to another part."""
    source = _html(chapters, first_page, chapter_text)
    laid = typeset.layout(source, (templates_dir(),), ["pamphlet/pamphlet.css"])
    # WeasyPrint drops a link whose anchor is not in its document: a placeholder keeps it
    borrowed = frozenset(re.findall(r'href="#([^"]+)"', source)) - set(re.findall(r'id="([^"]+)"', source))
    for name in sorted(borrowed):
        laid.document.pages[0].anchors[name] = (0, 0, 0, 0)
    return PartPdf(_pdf(laid.document), borrowed)


@pytest.fixture(scope="module")
def laid() -> Laid:
    """The parts, the single document of the same chapters and the join, laid out once."""
    single = typeset.layout(
        _html([n for part in PARTS for n in part], 1), (templates_dir(),), ["pamphlet/pamphlet.css"]
    )
    parts = []
    first_page = 1
    for chapters in PARTS:
        parts.append(_part(chapters, first_page))
        first_page += len(PdfReader(io.BytesIO(parts[-1].pdf)).pages)
    assert first_page - 1 == single.page_count == 6
    return Laid(_pdf(single.document), parts, join(parts, identity=IDENTITY))


def _text(pdf: bytes) -> list[str]:
    """Each page's text as poppler reads it."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return out.decode().split("\f")[:-1]


def _render(pdf: bytes, folder: Path) -> list[bytes]:
    """Each page drawn by poppler, as PNG bytes."""
    folder.mkdir()
    (folder / "in.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(folder / "in.pdf"), str(folder / "p")], check=True)
    return [path.read_bytes() for path in sorted(folder.glob("p-*.png"))]


def test_pages_read_as_the_single_document(laid):
    single, joined = _text(laid.single), _text(laid.joined)
    assert len(joined) == len(single) == 6
    assert joined == single
    assert "Dunlop’s tyre" in joined[2] and joined[2].rstrip().endswith("3")  # the part's own folio, 3 not 1


def test_pages_draw_as_the_single_document(laid, tmp_path):
    # The glyphs' outlines, not only their text: a glyph drawn from another part's program
    # at the wrong id ("i" built from a "y") reads right but draws wrong.
    assert _render(laid.joined, tmp_path / "joined") == _render(laid.single, tmp_path / "single")


def test_a_part_holds_components_past_its_text(laid):
    # What makes the previous test bite: in part 1 the components of "i" and "j" lie past the
    # highest glyph its text drew, where WeasyPrint's subset renumbers them.
    with pikepdf.open(io.BytesIO(laid.parts[0].pdf)) as pdf:
        font = next(f for f in _fonts(pdf) if f.Subtype == "/Type0" and str(f.BaseFont).endswith("+PT-Serif"))
        w = font.DescendantFonts[0].W
        highest = max(int(w[i]) + len(w[i + 1]) - 1 for i in range(0, len(w), 2))
        program = TTFont(io.BytesIO(font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()))
        assert program["maxp"].numGlyphs > highest + 1


def _outline(pdf: bytes) -> list[tuple[str, int]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline]


def test_one_outline_with_every_chapter_at_its_page(laid):
    assert (
        _outline(laid.joined)
        == _outline(laid.single)
        == [
            ("1. Wheels", 1),
            ("2. Chains", 2),
            ("3. Tyres", 3),
            ("4. Gears", 4),
            ("5. Brakes", 5),
        ]
    )
    with pikepdf.open(io.BytesIO(laid.joined)) as pdf:
        outlines = pdf.Root.Outlines
        items = []
        item = outlines.First
        while True:
            items.append(item)
            assert item.Parent.objgen == outlines.objgen
            if "/Next" not in item:
                break
            assert item.Next.Prev.objgen == item.objgen
            item = item.Next
        assert "/Prev" not in items[0] and outlines.Last.objgen == items[-1].objgen
        assert outlines.Count == len(items) == 5


def _links(pdf: bytes) -> list[tuple[int, str, int]]:
    """(page, destination name, the page it leads to) of every link, read with pypdf."""
    reader = PdfReader(io.BytesIO(pdf))
    dests = {name: reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}
    links = []
    for number, page in enumerate(reader.pages, 1):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot["/Subtype"] == "/Link":
                links.append((number, str(annot["/Dest"]), dests.get(str(annot["/Dest"]))))
    return links


def test_every_link_leads_to_its_page(laid):
    links = _links(laid.joined)
    assert links == _links(laid.single)
    assert {(name, target) for _, name, target in links} >= {("spoke", 1), ("ch2", 2), ("ch5", 5)}
    assert all(target is not None for _, _, target in links)
    with pikepdf.open(io.BytesIO(laid.joined)) as pdf:
        names = pdf.Root.Names.Dests.Names
        keys = [bytes(names[i]) for i in range(0, len(names), 2)]
        assert keys == sorted(keys) == sorted({b"ch1", b"ch2", b"ch3", b"ch4", b"ch5", b"spoke"})


def _elements(pdf: pikepdf.Pdf) -> list[str]:
    """The structure tree's element types, depth first."""
    types = []

    def walk(element: pikepdf.Object, parent: pikepdf.Object) -> None:
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            assert element.P.objgen == parent.objgen, element.S
            types.append(str(element.S))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                walk(kid, element)

    root = pdf.Root.StructTreeRoot
    for element in root.K:
        walk(element, root)
    return types


def _parent_tree(root: pikepdf.Dictionary) -> dict[int, pikepdf.Object]:
    nums = root.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def test_one_structure_tree(laid):
    with pikepdf.open(io.BytesIO(laid.joined)) as pdf, pikepdf.open(io.BytesIO(laid.single)) as single:
        root = pdf.Root.StructTreeRoot
        assert len(root.K) == 1 and root.K[0].S == "/Document"
        assert _elements(pdf) == _elements(single)
        # no part's tree is left in the file, reachable from elements outside the root's /K
        assert (
            sum(1 for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/StructTreeRoot")
            == 1
        )
        assert sum(1 for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Document") == 1
        tree = _parent_tree(root)
        assert int(root.ParentTreeNextKey) > max(tree)
        for value in tree.values():
            for element in value if isinstance(value, pikepdf.Array) else [value]:
                assert element.Type == "/StructElem"
                while "/P" in element:  # every element climbs to the one root
                    element = element.P
                assert element.objgen == root.objgen
        for page in pdf.pages:
            marked = tree[int(page.StructParents)]
            assert isinstance(marked, pikepdf.Array) and all(e.Pg.objgen == page.objgen for e in marked)
            for annot in page.get("/Annots", []):
                element = tree[int(annot.StructParent)]
                objects = [
                    kid for kid in element.K if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                ]
                assert any(kid.Obj.objgen == annot.objgen for kid in objects)


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [
        o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font" and "/BaseFont" in o
    ]


def test_each_face_embedded_once(laid):
    with pikepdf.open(io.BytesIO(laid.joined)) as pdf, pikepdf.open(io.BytesIO(laid.single)) as single:
        faces = Counter(str(f.BaseFont).split("+")[1] for f in _fonts(pdf) if f.Subtype == "/Type0")
        assert faces == Counter(str(f.BaseFont).split("+")[1] for f in _fonts(single) if f.Subtype == "/Type0")
        assert set(faces.values()) == {1}
        programs = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/Length1" in o.stream_dict]
        assert len(programs) == len(faces)
    assert len(laid.joined) <= 1.1 * len(laid.single)


def _reread(part: PartPdf, old: bytes, new: bytes) -> PartPdf:
    """The part with its PT Serif's text map changed: ``old`` (a bfchar entry) made ``new``."""
    with pikepdf.open(io.BytesIO(part.pdf)) as pdf:
        font = next(f for f in _fonts(pdf) if f.Subtype == "/Type0" and str(f.BaseFont).endswith("+PT-Serif"))
        cmap = font.ToUnicode.read_bytes()
        assert old in cmap
        font.ToUnicode.write(cmap.replace(old, new))
        buffer = io.BytesIO()
        pdf.save(buffer)
    return PartPdf(buffer.getvalue(), part.borrowed)


def test_a_face_whose_parts_disagree_stays_one_font_per_part(laid, tmp_path):
    # Part 2 reads its "e" (glyph 72) as a Cyrillic "е": merged, one of the parts would read wrong.
    parts = [laid.parts[0], _reread(laid.parts[1], b"<0048> <0065>", b"<0048> <0435>"), laid.parts[2]]
    joined = join(parts, identity=IDENTITY)
    shelf = kept.Shelf(tmp_path / "fonts")  # the faces as the parts agreeing merged them, kept
    join(laid.parts, identity=IDENTITY, memo=shelf)
    assert join(parts, identity=IDENTITY, memo=shelf) == joined  # a text map changed: not taken from there
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        serif = {
            str(f.BaseFont) for f in _fonts(pdf) if f.Subtype == "/Type0" and str(f.BaseFont).endswith("+PT-Serif")
        }
        assert len(serif) == 3  # one per part, each under a tag of its own
    text = _text(joined)
    assert text == [page for part in parts for page in _text(part.pdf)]
    assert "Dunlop’s tyrе" in text[2] and "Dunlop’s tyre" in _text(laid.joined)[2]


def test_fallback_faces_merged_and_cff_kept_apart(tmp_path):
    # Greek and Arabic fall back on TrueType Noto faces, merged like PT; the CJK face is CFF,
    # kept per part under distinct subset tags. Each page draws as it did in its part.
    text = {
        1: ("Paper", '<p>Paper 紙 came west by <span lang="ar">ورق</span> and χαρτί.</p>'),
        2: ("Print", '<p>Printing 印刷 spread, <span lang="ar">الكتاب</span> and βιβλίο; <a href="#ch1">back</a>.</p>'),
    }
    parts = [_part([1], 1, text), _part([2], 2, text)]
    joined = join(parts, identity=IDENTITY)
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        fonts = [f for f in _fonts(pdf) if f.Subtype == "/Type0"]
        faces = Counter(str(f.BaseFont).split("+")[1] for f in fonts)
        assert faces["Fallback-Greek"] == faces["Fallback-Arabic"] == 1 and faces["Fallback-CJK"] == 2
        assert len({str(f.BaseFont) for f in fonts}) == len(fonts)
    drawn = _render(joined, tmp_path / "joined")
    assert drawn == [_render(part.pdf, tmp_path / f"part{n}")[0] for n, part in enumerate(parts)]


def test_document_entries_come_from_the_first_part(laid):
    with pikepdf.open(io.BytesIO(laid.joined)) as pdf, pikepdf.open(io.BytesIO(laid.parts[0].pdf)) as first:
        assert set(pdf.Root.keys()) == set(first.Root.keys())
        assert pdf.Root.Lang == first.Root.Lang == "en-GB"
        assert pdf.Root.MarkInfo.Marked and pdf.Root.ViewerPreferences.DisplayDocTitle
        assert pdf.Root.Metadata.read_bytes() == first.Root.Metadata.read_bytes()
        assert pdf.docinfo.Title == "Bicycles"
        assert bytes(pdf.trailer.ID[0]) == IDENTITY and pdf.pdf_version == first.pdf_version


def test_qpdf_finds_nothing_wrong(laid, tmp_path):
    (tmp_path / "joined.pdf").write_bytes(laid.joined)
    check = subprocess.run(["qpdf", "--check", str(tmp_path / "joined.pdf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout and "WARNING" not in check.stdout + check.stderr


def test_the_same_parts_give_the_same_bytes(laid):
    assert join(laid.parts, identity=IDENTITY) == laid.joined
    assert join(laid.parts, identity=b"0" * 32) != laid.joined


def test_merged_fonts_kept_give_the_same_bytes(laid, tmp_path, monkeypatch):
    # A join keeps each face's merged font on its shelf; the next join of the same parts takes
    # every one from there (merging none) and writes the bytes a join from nothing writes. A part
    # whose font changed is merged again.
    shelf = kept.Shelf(tmp_path / "fonts")
    assert join(laid.parts, identity=IDENTITY, memo=shelf) == laid.joined
    shelf.keep()
    merged, read = [], []
    monkeypatch.setattr(fontunion, "union", lambda parts, prepared=None: merged.append(parts) or None)
    widths = fontmerge._widths
    monkeypatch.setattr(fontmerge, "_widths", lambda w: read.append(w) or widths(w))
    assert join(laid.parts, identity=IDENTITY, memo=kept.Shelf(tmp_path / "fonts")) == laid.joined
    assert merged == [] and read == []  # each face found whole: no widths array read item by item
    assert join(laid.parts, identity=IDENTITY, memo=kept.Shelf(tmp_path / "fonts", fresh=True)) != laid.joined
    assert merged  # --force: every face merged again (here by a union that refuses, so one font per part)


def test_fonts_parsed_ahead_give_the_same_bytes(laid):
    # The parts' programs parsed as each part settles (fontahead.py): the join takes them and
    # writes the bytes a join that parsed them writes; each once, then it parses them itself.
    fonts = fontahead.FontsAhead()
    for part in [*laid.parts, laid.parts[0]]:  # a part given twice is parsed once
        fonts.add(part.pdf)
    programs = {(data, frozenset(drawn)) for part in laid.parts for data, drawn in fontmerge.part_programs(part.pdf)}
    assert fonts.size == sum(len(data) for data, _ in programs)
    assert join(laid.parts, identity=IDENTITY, prepared=fonts.take) == laid.joined
    assert 0 < fonts.taken <= len(programs)
    taken = fonts.taken
    assert join(laid.parts, identity=IDENTITY, prepared=fonts.take) == laid.joined
    assert fonts.taken == taken
    none = fontahead.FontsAhead(budget=0)  # none kept parsed: each parsed by the join
    for part in laid.parts:
        none.add(part.pdf)
    assert none.size == 0
    assert join(laid.parts, identity=IDENTITY, prepared=none.take) == laid.joined
    assert none.taken == 0


def test_parts_opened_ahead_give_the_same_bytes(laid):
    # Parts opened while the last are laid out (the build's waits): the join copies from them, in the
    # same order, and writes the bytes a join that opened them writes; each handed over once.
    task = parts.Task("part")
    opened = Opened()
    for part in laid.parts:
        opened.settled(task, parts.LaidPart("k", part.pdf, (), {}, frozenset(), "", {}), kept=True)
    opened.settled(parts.Task("measured", write=False), parts.LaidPart("m", b"", (), {}, frozenset(), "", {}))
    waits = iter([False, True])
    opened.until(lambda: next(waits))  # what was waited for came after one part was opened
    assert opened.size == len(laid.parts[0].pdf)
    opened.until(lambda: False)
    assert opened.size == sum(len(part.pdf) for part in laid.parts)
    assert join(laid.parts, identity=IDENTITY, opened=opened) == laid.joined
    assert opened.size == 0 and opened.take(laid.parts[0].pdf) is None
    none = Opened(budget=0)  # none kept open: each opened by the join
    for part in laid.parts:
        none.settled(task, parts.LaidPart("k", part.pdf, (), {}, frozenset(), "", {}))
    none.until(lambda: False)
    assert none.size == 0
    assert join(laid.parts, identity=IDENTITY, opened=none) == laid.joined


def test_a_name_defined_twice_leads_to_the_first(laid):
    # The same pages twice; the second copy lends its placeholder for ch5, the first's is dropped.
    first = laid.parts[0]
    joined = join([first, PartPdf(first.pdf)], identity=IDENTITY)
    reader = PdfReader(io.BytesIO(joined))
    dests = {name: reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}
    assert dests == {"ch1": 1, "ch2": 2, "spoke": 1, "ch5": 3}


def test_a_link_to_no_part_is_an_error(laid):
    with pytest.raises(ValueError, match=r"'ch2' \(page 1\); 'spoke' \(page 1\)"):
        join([laid.parts[1]], identity=IDENTITY)
    with pytest.raises(ValueError, match="nothing to join"):
        join([], identity=IDENTITY)


def test_one_part_open_at_a_time(laid, monkeypatch):
    # An open part takes many times its bytes in memory: each is closed once copied, and the
    # copies still read as the join of parts kept open to the end.
    opened = pikepdf.open
    state = {"open": 0, "most": 0}

    class Counted:
        def __init__(self, *args, **kwargs) -> None:
            self.pdf = opened(*args, **kwargs)

        def __enter__(self) -> pikepdf.Pdf:
            state["open"] += 1
            state["most"] = max(state["most"], state["open"])
            return self.pdf

        def __exit__(self, *exc: object) -> None:
            state["open"] -= 1
            self.pdf.close()

    monkeypatch.setattr(pikepdf, "open", Counted)
    assert join(laid.parts, identity=IDENTITY) == laid.joined
    assert state == {"open": 0, "most": 1}
