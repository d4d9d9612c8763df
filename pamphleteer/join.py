"""One PDF from parts laid out separately: the book as if WeasyPrint had written it whole.

The pamphlet is laid out chapter by chapter, each part an independent WeasyPrint PDF of
consecutive pages of the book. ``join`` writes the single PDF a reader (and our checks)
would get from one WeasyPrint document of the same pages:

- the pages in order, with the first part's document-level entries (language, mark
  information, viewer preferences, XMP metadata, the Info dictionary, output intents);
- one name tree of destinations: the union of the parts' trees without each part's
  ``borrowed`` names (placeholders for targets in other parts), the first part to define a
  name winning, as in WeasyPrint; a link whose destination names nothing is an error;
- one outline: the parts' top-level items in order;
- one structure tree (PDF/UA): one root element whose kids are all the parts' kids in
  order, the parent tree renumbered part after part, with the pages' ``/StructParents`` and
  the annotations' ``/StructParent`` moved by the same amount;
- each TrueType face embedded once: WeasyPrint names a face the same in every document (its
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

A part's outline items below the top level stay under their part's items: a chapter whose
bookmarks start at level 2 is not nested under the previous part's level-1 item.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import pikepdf
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from pikepdf import Array, Dictionary, Name

# Catalog entries a part may carry; the document-level ones are taken from the first part.
_DOCUMENT_KEYS = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata", "/OutputIntents")
_JOINED_KEYS = ("/Type", "/Pages", "/Names", "/Outlines", "/StructTreeRoot")
_STRUCT_ROOT_KEYS = ("/Type", "/K", "/ParentTree", "/ParentTreeNextKey", "/RoleMap", "/ClassMap", "/IDTree")


@dataclass(frozen=True)
class Part:
    """A WeasyPrint PDF of some consecutive pages of the book."""

    pdf: bytes
    # Named destinations that are placeholders here: the real target is in another part.
    # WeasyPrint drops a link whose anchor is not in its own document, so the caller adds a
    # placeholder anchor for each target in another part; the join drops the placeholder.
    borrowed: frozenset[str] = frozenset()


# Called with the joined PDF, a part's pages in it and the number of pages before them, before
# their fonts are gathered: what it draws on them is joined too (furniture.py: heads and folios).
OnPages = Callable[[pikepdf.Pdf, list[pikepdf.Page], int], None]


def join(parts: Sequence[Part], *, identity: bytes, on_pages: OnPages | None = None) -> bytes:
    """The parts as one PDF; its ``/ID`` starts with ``identity``, the rest follows from the bytes."""
    if not parts:
        raise ValueError("nothing to join: no parts")
    sources = [pikepdf.open(io.BytesIO(part.pdf)) for part in parts]
    try:
        return _join(parts, sources, identity, on_pages)
    finally:
        for source in sources:
            source.close()


def _join(parts: Sequence[Part], sources: list[pikepdf.Pdf], identity: bytes, on_pages: OnPages | None) -> bytes:
    out = pikepdf.new()
    dests: dict[str, tuple[pikepdf.String, pikepdf.Object]] = {}
    other_names: dict[str, dict[str, tuple[pikepdf.String, pikepdf.Object]]] = {}
    outline_items: list[pikepdf.Dictionary] = []
    tree = _StructTree(out)
    fonts: list[pikepdf.Dictionary] = []
    font_dicts: list[pikepdf.Dictionary] = []
    for number, (part, source) in enumerate(zip(parts, sources, strict=True)):
        unknown = sorted(set(source.Root.keys()) - {*_DOCUMENT_KEYS, *_JOINED_KEYS})
        if unknown:
            raise ValueError(f"part {number + 1}: cannot join catalog entries {', '.join(unknown)}")
        first = len(out.pages)
        for page in source.pages:
            # append, not extend: extend warns that it does not carry destinations; this does
            out.pages.append(page)
        pages = list(out.pages)[first:]
        # Copied after the pages, so that their references to pages lead to the copies.
        wanted = [key for key in ("/StructTreeRoot", "/Names", "/Outlines") if key in source.Root]
        if number == 0:
            wanted += [key for key in _DOCUMENT_KEYS if key in source.Root]
        holder = out.copy_foreign(source.make_indirect(Dictionary({key: source.Root[key] for key in wanted})))
        if number == 0:
            for key in _DOCUMENT_KEYS:
                if key in holder:
                    out.Root[key] = holder[key]
            if "/Info" in source.trailer:
                out.trailer.Info = out.copy_foreign(source.trailer.Info)
        if "/Names" in holder:
            for tree_name, node in holder.Names.items():
                borrowed = part.borrowed if tree_name == "/Dests" else frozenset()
                union = dests if tree_name == "/Dests" else other_names.setdefault(tree_name, {})
                for key, value in _name_tree(node):
                    name = str(key)
                    if name not in borrowed:
                        union.setdefault(name, (key, value))
        if "/Outlines" in holder:
            outline_items += _siblings(holder.Outlines)
        if on_pages is not None:
            on_pages(out, pages, first)
        resources = _Resources(pages)
        fonts += resources.fonts
        font_dicts += resources.dicts
        tree.add(number, holder.get("/StructTreeRoot"), pages, resources.xobjects)
    _merge_fonts(out, fonts, font_dicts)
    if dests or other_names:
        names = Dictionary()
        for tree_name, union in sorted({"/Dests": dests, **other_names}.items()):
            if union:
                names[tree_name] = out.make_indirect(Dictionary(Names=_flat_names(union)))
        out.Root.Names = names
    if outline_items:
        out.Root.Outlines = _outline(out, outline_items)
    tree.finish()
    _check_destinations(out, dests, outline_items)
    versions = [tuple(int(n) for n in source.pdf_version.split(".")) for source in sources]
    buffer = io.BytesIO()
    out.trailer.ID = Array([pikepdf.String(identity), pikepdf.String(identity)])
    # qpdf keeps the first /ID string and, with deterministic_id, makes the second a digest
    # of the content (as pydyf does), so the same parts give the same bytes.
    out.save(
        buffer,
        min_version=".".join(str(n) for n in max(versions)),
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        deterministic_id=True,
        fix_metadata_version=False,
    )
    out.close()
    return buffer.getvalue()


# ---- names, outlines, destinations ----


def _name_tree(node: pikepdf.Object) -> Iterator[tuple[pikepdf.String, pikepdf.Object]]:
    """A name tree's (key, value) pairs in order."""
    names = node.get("/Names")
    if names is not None:
        for i in range(0, len(names) - 1, 2):
            yield names[i], names[i + 1]
    for kid in node.get("/Kids", ()):
        yield from _name_tree(kid)


def _number_tree(node: pikepdf.Object) -> Iterator[tuple[int, pikepdf.Object]]:
    """A number tree's (key, value) pairs in order."""
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", ()):
        yield from _number_tree(kid)


def _flat_names(union: dict[str, tuple[pikepdf.String, pikepdf.Object]]) -> pikepdf.Array:
    """One leaf holding every name, sorted by the bytes of the keys, as WeasyPrint writes it."""
    flat = Array()
    for key, value in sorted(union.values(), key=lambda item: bytes(item[0])):
        flat.append(key)
        flat.append(value)
    return flat


def _siblings(parent: pikepdf.Object) -> list[pikepdf.Dictionary]:
    items = []
    item = parent.get("/First")
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    return items


def _outline(out: pikepdf.Pdf, items: list[pikepdf.Dictionary]) -> pikepdf.Dictionary:
    """One outline dictionary over the parts' top-level items, relinked in order."""
    outlines = out.make_indirect(Dictionary(First=items[0], Last=items[-1]))
    visible = 0
    for i, item in enumerate(items):
        item.Parent = outlines
        for key, neighbour in (("/Prev", i - 1), ("/Next", i + 1)):
            if 0 <= neighbour < len(items):
                item[key] = items[neighbour]
            elif key in item:
                del item[key]
        count = int(item.get("/Count", 0))
        visible += 1 + max(count, 0)  # an open item shows its visible descendants too
    outlines.Count = visible
    return outlines


def _destination(holder: pikepdf.Dictionary) -> pikepdf.Object | None:
    """Where a link or outline item goes: its /Dest, or its GoTo action's /D."""
    dest = holder.get("/Dest")
    action = holder.get("/A")
    if dest is None and action is not None and action.get("/S") == "/GoTo":
        dest = action.get("/D")
    return dest


def _check_destinations(out: pikepdf.Pdf, dests: dict[str, object], items: list[pikepdf.Dictionary]) -> None:
    """Every named destination a link or an outline item goes to is in the joined name tree."""
    missing: dict[str, set[int]] = {}

    def check(dest: pikepdf.Object | None, page: int | None) -> None:
        # a name object would be looked up in the catalog's /Dests dictionary, which no part has
        if isinstance(dest, pikepdf.Name) or (isinstance(dest, pikepdf.String) and str(dest) not in dests):
            pages = missing.setdefault(str(dest), set())
            if page is not None:
                pages.add(page)

    for number, page in enumerate(out.pages, 1):
        for annot in page.obj.get("/Annots", ()):
            if annot.get("/Subtype") == "/Link":
                check(_destination(annot), number)
    stack = list(items)
    while stack:
        item = stack.pop()
        check(_destination(item), None)
        stack += _siblings(item)
    if missing:
        listed = "; ".join(
            f"{name!r} ({'page ' + ', '.join(map(str, sorted(pages))) if pages else 'outline'})"
            for name, pages in sorted(missing.items())
        )
        raise ValueError(f"links to destinations that no part defines: {listed}")


# ---- resources ----


class _Resources:
    """The fonts and form XObjects that one part's pages use, however deeply nested."""

    def __init__(self, pages: list[pikepdf.Page]) -> None:
        self.fonts: list[pikepdf.Dictionary] = []
        self.xobjects: list[pikepdf.Object] = []
        self.dicts: list[pikepdf.Dictionary] = []  # every /Font resource dictionary, to repoint
        self._seen: set[tuple[int, int]] = set()
        for page in pages:
            self._visit(page.obj.get("/Resources"))
            for annot in page.obj.get("/Annots", ()):
                for appearance in annot.get("/AP", Dictionary()).values():
                    for stream in [appearance] if isinstance(appearance, pikepdf.Stream) else appearance.values():
                        if self._first_visit(stream):  # a form XObject, whether it says so or not
                            self.xobjects.append(stream)
                            self._visit(stream.get("/Resources"))

    def _first_visit(self, obj: pikepdf.Object) -> bool:
        if not obj.is_indirect:
            return True
        if obj.objgen in self._seen:
            return False
        self._seen.add(obj.objgen)
        return True

    def _visit(self, resources: pikepdf.Object | None) -> None:
        if resources is None or not self._first_visit(resources):
            return
        font_dict = resources.get("/Font")
        if font_dict is not None:
            self.dicts.append(font_dict)
            for font in font_dict.values():
                if self._first_visit(font):
                    self.fonts.append(font)
                    self._visit(font.get("/Resources"))  # a Type 3 font's glyphs draw with resources
        for xobject in resources.get("/XObject", Dictionary()).values():
            self._xobject(xobject)
        for pattern in resources.get("/Pattern", Dictionary()).values():
            if self._first_visit(pattern):
                self._visit(pattern.get("/Resources"))

    def _xobject(self, xobject: pikepdf.Object) -> None:
        if xobject.get("/Subtype") == "/Form" and self._first_visit(xobject):
            self.xobjects.append(xobject)
            self._visit(xobject.get("/Resources"))


# ---- structure tree ----


class _StructTree:
    """One structure tree from the parts' trees: one root element, one parent tree."""

    def __init__(self, out: pikepdf.Pdf) -> None:
        self.out = out
        self.root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document: pikepdf.Dictionary | None = None
        self.kids: list[pikepdf.Object] = []
        self.nums: list[tuple[int, pikepdf.Object]] = []
        self.next_key = 0
        self.maps: dict[str, pikepdf.Dictionary] = {}
        self.ids: dict[str, tuple[pikepdf.String, pikepdf.Object]] = {}

    def add(
        self, number: int, part_root: pikepdf.Object | None, pages: list[pikepdf.Page], xobjects: list[pikepdf.Object]
    ) -> None:
        if part_root is None:
            if any("/StructParents" in page.obj for page in pages):
                raise ValueError(f"part {number + 1}: marked pages without a structure tree")
            return
        unknown = sorted(set(part_root.keys()) - set(_STRUCT_ROOT_KEYS))
        if unknown:
            raise ValueError(f"part {number + 1}: cannot join structure tree entries {', '.join(unknown)}")
        elements = _as_list(part_root.get("/K"))
        if len(elements) != 1 or not isinstance(elements[0], pikepdf.Dictionary):
            raise ValueError(f"part {number + 1}: the structure tree has {len(elements)} root elements, not one")
        element = elements[0]
        if self.document is None:
            self.document = element  # the first part's root element becomes the book's
            self.document.P = self.root
        elif element.get("/S") != self.document.get("/S"):
            raise ValueError(f"part {number + 1}: root element {element.get('/S')}, not {self.document.get('/S')}")
        owns_content = False
        for kid in _as_list(element.get("/K")):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                kid.P = self.document
            else:  # marked content or an object owned by the root element itself
                owns_content = True
                kid = _content_item(kid, element, number)
            self.kids.append(kid)
        shift = self.next_key
        used = -1
        entries = list(_number_tree(part_root.get("/ParentTree", Dictionary())))
        if element is not self.document:
            _adopt(entries, element, self.document)
        for key, value in entries:
            if owns_content and element is not self.document:
                value = _repoint(value, element, self.document)
            self.nums.append((key + shift, value))
            used = max(used, key)
        for page in pages:
            if "/StructParents" in page.obj:
                used = max(used, int(page.obj.StructParents))
                page.obj.StructParents = int(page.obj.StructParents) + shift
            for annot in page.obj.get("/Annots", ()):
                if "/StructParent" in annot:
                    used = max(used, int(annot.StructParent))
                    annot.StructParent = int(annot.StructParent) + shift
        for xobject in xobjects:
            for key in ("/StructParent", "/StructParents"):
                if key in xobject:
                    used = max(used, int(xobject[key]))
                    xobject[key] = int(xobject[key]) + shift
        self.next_key = shift + max(used + 1, int(part_root.get("/ParentTreeNextKey", 0)))
        for key in ("/RoleMap", "/ClassMap"):
            for name, value in part_root.get(key, Dictionary()).items():
                merged = self.maps.setdefault(key, Dictionary())
                if name not in merged:
                    merged[name] = value
        for key, value in _name_tree(part_root.get("/IDTree", Dictionary())):
            self.ids.setdefault(str(key), (key, value))

    def finish(self) -> None:
        if self.document is None:
            return
        self.document.K = Array(self.kids)
        nums = Array()
        for key, value in self.nums:
            nums.append(key)
            nums.append(value)
        self.root.K = Array([self.document])
        self.root.ParentTree = self.out.make_indirect(Dictionary(Nums=nums))
        self.root.ParentTreeNextKey = self.next_key
        for key, mapping in sorted(self.maps.items()):
            self.root[key] = mapping
        if self.ids:
            self.root.IDTree = Dictionary(Names=_flat_names(self.ids))
        self.out.Root.StructTreeRoot = self.root


def _as_list(value: pikepdf.Object | None) -> list[pikepdf.Object]:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _content_item(kid: pikepdf.Object, element: pikepdf.Dictionary, number: int) -> pikepdf.Object:
    """A kid of a part's root element that is content, made to stand under another element.

    A bare MCID or an MCR without /Pg relies on its element's page; under the book's root
    element that page is another, so the kid carries its own.
    """
    page = element.get("/Pg")
    if isinstance(kid, pikepdf.Dictionary):
        if "/Pg" not in kid and page is not None:
            kid.Pg = page
        return kid
    if page is None:
        raise ValueError(f"part {number + 1}: marked content under the root element without a page")
    return Dictionary(Type=Name.MCR, Pg=page, MCID=int(kid))


def _adopt(entries: list[tuple[int, pikepdf.Object]], old: pikepdf.Dictionary, new: pikepdf.Dictionary) -> None:
    """Make every element whose parent is ``old`` (a part's root element) a child of ``new``.

    WeasyPrint gives its root element children that its /K does not list (a page margin's
    /NonStruct, holding a running head or a folio), reached only from the parent tree: so
    the climb starts from every element the parent tree names. Left alone, they would keep
    the part's root element, and with it the part's whole tree, in the file.
    """
    seen: set[tuple[int, int]] = set()
    for _, value in entries:
        for item in value if isinstance(value, pikepdf.Array) else [value]:
            while isinstance(item, pikepdf.Dictionary) and item.is_indirect and item.objgen not in seen:
                seen.add(item.objgen)
                parent = item.get("/P")
                if parent is None:
                    break
                if _same(parent, old):
                    item.P = new
                    break
                item = parent


def _repoint(value: pikepdf.Object, old: pikepdf.Object, new: pikepdf.Object) -> pikepdf.Object:
    """A parent tree value with ``old`` (a part's root element) replaced by ``new``."""
    if isinstance(value, pikepdf.Array):
        return Array([new if _same(item, old) else item for item in value])
    return new if _same(value, old) else value


def _same(a: pikepdf.Object, b: pikepdf.Object) -> bool:
    return isinstance(a, pikepdf.Dictionary) and a.is_indirect and a.objgen == b.objgen


# ---- fonts ----


def _merge_fonts(out: pikepdf.Pdf, fonts: list[pikepdf.Dictionary], font_dicts: list[pikepdf.Dictionary]) -> None:
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
