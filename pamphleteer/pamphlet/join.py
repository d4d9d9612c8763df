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
  the annotations' ``/StructParent`` moved by the same amount (``structjoin.py``);
- each TrueType face embedded once, the parts' subsets merged (``fontmerge.py``, ``fontunion.py``).

A part's outline items below the top level stay under their part's items: a chapter whose
bookmarks start at level 2 is not nested under the previous part's level-1 item.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import pikepdf
from pikepdf import Array, Dictionary

from pamphleteer.infra import kept

from . import fontmerge, fontunion
from .structjoin import StructTree, flat_names, name_tree

# Catalog entries a part may carry; the document-level ones are taken from the first part.
_DOCUMENT_KEYS = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata", "/OutputIntents")
_JOINED_KEYS = ("/Type", "/Pages", "/Names", "/Outlines", "/StructTreeRoot")


@dataclass(frozen=True)
class PartPdf:
    """A WeasyPrint PDF of some consecutive pages of the book."""

    pdf: bytes
    # Named destinations that are placeholders here: the real target is in another part.
    # WeasyPrint drops a link whose anchor is not in its own document, so the caller adds a
    # placeholder anchor for each target in another part; the join drops the placeholder.
    borrowed: frozenset[str] = frozenset()


class OnPages(Protocol):
    """What draws on the joined pages (``furniture.Drawing``: heads and folios)."""

    def __call__(self, pdf: pikepdf.Pdf, pages: list[pikepdf.Page], first: int) -> None:
        """Called with the joined PDF, a part's pages in it and the number of pages before them, before
        their fonts are gathered: what it draws on them is joined too."""

    def finish(self) -> None:
        """Called once every part's pages are drawn on, before the PDF is written."""


def join(
    parts: Sequence[PartPdf],
    *,
    identity: bytes,
    on_pages: OnPages | None = None,
    memo: kept.Shelf | None = None,
    prepared: fontunion.Prepared | None = None,
    opened: Opened | None = None,
) -> bytes:
    """The parts as one PDF; its ``/ID`` starts with ``identity``, the rest follows from the bytes. ``memo``
    keeps the merged fonts between builds (``fontmerge.py``): one shelf for each document joined, as a
    build keeps on a shelf only what it asked of it. ``prepared`` hands over font programs parsed ahead
    (``fontahead.py``), ``opened`` parts opened ahead (:class:`Opened`)."""
    if not parts:
        raise ValueError("nothing to join: no parts")
    return _join(parts, identity, on_pages, memo, prepared, opened)


def _join(
    parts: Sequence[PartPdf],
    identity: bytes,
    on_pages: OnPages | None,
    memo: kept.Shelf | None = None,
    prepared: fontunion.Prepared | None = None,
    opened: Opened | None = None,
) -> bytes:
    out = pikepdf.new()
    dests: dict[str, tuple[pikepdf.String, pikepdf.Object]] = {}
    other_names: dict[str, dict[str, tuple[pikepdf.String, pikepdf.Object]]] = {}
    outline_items: list[pikepdf.Dictionary] = []
    tree = StructTree(out)
    fonts: list[pikepdf.Dictionary] = []
    font_dicts: list[pikepdf.Dictionary] = []
    versions: list[tuple[int, ...]] = []
    for number, part in enumerate(parts):
        # Each part is open only while its objects are copied: an open part takes many times its
        # bytes in memory (a book ten times ours has some 200 parts), and the copies need only
        # its bytes, which the caller holds.
        found = opened.take(part.pdf) if opened is not None else None
        with found or pikepdf.open(io.BytesIO(part.pdf)) as source:
            versions.append(tuple(int(n) for n in source.pdf_version.split(".")))
            pages, holder = _copied(out, source, number)
        first = len(out.pages) - len(pages)
        if "/Names" in holder:
            for tree_name, node in holder.Names.items():
                borrowed = part.borrowed if tree_name == "/Dests" else frozenset()
                union = dests if tree_name == "/Dests" else other_names.setdefault(tree_name, {})
                for key, value in name_tree(node):
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
    fontmerge.merge(out, fonts, font_dicts, memo, prepared)
    if dests or other_names:
        names = Dictionary()
        for tree_name, union in sorted({"/Dests": dests, **other_names}.items()):
            if union:
                names[tree_name] = out.make_indirect(Dictionary(Names=flat_names(union)))
        out.Root.Names = names
    if outline_items:
        out.Root.Outlines = _outline(out, outline_items)
    tree.finish()
    _check_destinations(out, dests, outline_items)
    if on_pages is not None:
        on_pages.finish()
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


def _copied(out: pikepdf.Pdf, source: pikepdf.Pdf, number: int) -> tuple[list[pikepdf.Page], pikepdf.Dictionary]:
    """Part ``number``'s pages appended to ``out``, and a copy of its catalog's trees (with its
    document-level entries, for the first part, set on ``out``)."""
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
    return pages, holder


class Opened:
    """Parts' PDFs opened ahead of the join, while this process waits for the last parts to be laid out
    (``parts.Layouts`` tells it of each part laid out for good or found kept, and hands it its waits):
    the join copies from a part it finds open instead of opening it. Found by the part's bytes, so a
    part laid out again only cost the time it took; the join's bytes are the same either way, as the
    copies are made in the same order. At most ``budget`` bytes of parts are kept open (an open part
    holds its bytes and the table of its objects)."""

    def __init__(self, budget: int = 4_000_000) -> None:
        self.budget = budget
        self.size = 0
        self._open: dict[bytes, pikepdf.Pdf] = {}
        self._waiting: list[bytes] = []

    def settled(self, task: Any, part: Any, kept: bool = False) -> None:
        """A part laid out for good, or found kept: opened when there is time."""
        if task.write and not task.forecast and part.pdf:
            self._waiting.append(part.pdf)

    def until(self, ready: Callable[[], bool]) -> None:
        """Open the parts told of since, a part at a time, until ``ready()`` says what this process waits
        for has come."""
        while self._waiting and not ready():
            pdf = self._waiting.pop(0)
            k = hashlib.sha256(pdf).digest()
            if k not in self._open and self.size + len(pdf) <= self.budget:
                try:
                    self._open[k] = pikepdf.open(io.BytesIO(pdf))
                except pikepdf.PdfError:
                    continue  # the join opens it, and says what is wrong with it
                self.size += len(pdf)

    def take(self, pdf: bytes) -> pikepdf.Pdf | None:
        """The part of bytes ``pdf``, if open; handed over once (the join closes it)."""
        found = self._open.pop(hashlib.sha256(pdf).digest(), None)
        if found is not None:
            self.size -= len(pdf)
        return found

    def close(self) -> None:
        for pdf in self._open.values():
            pdf.close()
        self._open.clear()
        self._waiting.clear()
        self.size = 0


# ---- names, outlines, destinations ----


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
