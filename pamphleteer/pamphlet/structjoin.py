"""The parts' structure trees (PDF/UA) joined into one: what ``join.py`` makes of their tags.

One root element whose kids are all the parts' kids in order; the parent tree renumbered part after
part, with the pages' ``/StructParents`` and the annotations' ``/StructParent`` moved by the same
amount; each part's document element adopted by the joined one; the role and class maps and the
ID trees merged. A part whose tree holds an entry we do not know how to join is an error, not a
tree dropped. Here too: reading a PDF name or number tree, and writing a flat name tree.
"""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name

_STRUCT_ROOT_KEYS = ("/Type", "/K", "/ParentTree", "/ParentTreeNextKey", "/RoleMap", "/ClassMap", "/IDTree")


class StructTree:
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
        for key, value in name_tree(part_root.get("/IDTree", Dictionary())):
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
            self.root.IDTree = Dictionary(Names=flat_names(self.ids))
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


def _number_tree(node: pikepdf.Object) -> Iterator[tuple[int, pikepdf.Object]]:
    """A number tree's (key, value) pairs in order."""
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", ()):
        yield from _number_tree(kid)


def name_tree(node: pikepdf.Object) -> Iterator[tuple[pikepdf.String, pikepdf.Object]]:
    """A name tree's (key, value) pairs in order."""
    names = node.get("/Names")
    if names is not None:
        for i in range(0, len(names) - 1, 2):
            yield names[i], names[i + 1]
    for kid in node.get("/Kids", ()):
        yield from name_tree(kid)


def flat_names(union: dict[str, tuple[pikepdf.String, pikepdf.Object]]) -> pikepdf.Array:
    """One leaf holding every name, sorted by the bytes of the keys, as WeasyPrint writes it."""
    flat = Array()
    for key, value in sorted(union.values(), key=lambda item: bytes(item[0])):
        flat.append(key)
        flat.append(value)
    return flat
