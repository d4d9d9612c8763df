"""What a laid-out page holds, read from WeasyPrint's box tree: the one place its private attributes are read.

The pagination pass, the layout by parts, the furniture and the short forms' misfit messages need to
know which blocks start on a page, how full it is, the page's name and side, its words and where its
text begins (``measure``, ``frames``, ``page_starts``, ``words``); links into other documents are
kept as placeholders (``borrow_links``); a measured layout's page numbers are filled in without a
second layout where their width cannot change a line (``renumber``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pamphleteer.infra import quickload  # noqa: F401  (before WeasyPrint: it loads it without a search)

# isort: split
from weasyprint.formatting_structure import boxes

CSS_PX = 0.75  # points in a CSS pixel
_LETTERS = re.compile(r"[^\W\d_]+")
_LETTERS_END = re.compile(r"[^\W\d_]+$")


@dataclass
class MeasuredPage:
    """What one laid-out page holds, in CSS pixels from the top of the page (the pagination pass's input)."""

    number: int
    section: str = ""  # id of the section the page's text belongs to
    top: float = 0.0  # top of the content area
    bottom: float = 0.0  # where the content area ends (above any footnotes)
    used: float = 0.0  # lowest bottom of anything set on the page
    lines: int = 0
    first_line_block: str = ""  # block of the page's first line of text
    last_line_block: str = ""  # block of the page's last line of text, if it ends in a hyphen
    blocks: list[str] = field(default_factory=list)
    tops: dict[str, float] = field(default_factory=dict)  # where each block starts on this page
    tags: dict[str, str] = field(default_factory=dict)  # each block's element
    items: dict[str, int] = field(default_factory=dict)  # list items of each block set on this page
    kinds: dict[str, str] = field(default_factory=dict)  # each block's first class ("chart", "quote", "image"...)
    entries: int = 0  # register entries (elements marked data-entry) that begin on this page
    # each line of text: its block, the letters it starts with, and the part of a word it ends in
    # when it ends at a soft hyphen ("" otherwise)
    ends: list[list[str]] = field(default_factory=list)
    # the blocks of the footnote calls on this page whose note does not begin at its foot
    notes_later: list[str] = field(default_factory=list)

    @property
    def first_block(self) -> str:
        """Key of the first block that starts on this page."""
        return self.blocks[0] if self.blocks else ""

    @property
    def first_tag(self) -> str:
        return self.tags.get(self.first_block, "")

    def height(self, block: str) -> float:
        """How much of the page ``block`` takes: from its top to the next block's, or to the last ink."""
        after = self.blocks.index(block) + 1
        end = self.tops[self.blocks[after]] if after < len(self.blocks) else self.used
        return end - self.tops.get(block, self.top)

    @property
    def white(self) -> float:
        height = self.bottom - self.top
        return (self.bottom - self.used) / height if height > 0 else 0.0


def measure(document: Any) -> list[MeasuredPage]:
    """A :class:`MeasuredPage` for each page of the document: blocks are the elements that carry
    ``data-b`` (their key), sections the ``<section>`` elements (their id)."""
    pages = []
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box
        info = MeasuredPage(number, top=box.content_box_y(), bottom=box.content_box_y() + box.height)
        calls: list[tuple[Any, str]] = []
        notes: set[int] = set()
        for child in box.children:
            if isinstance(child, boxes.FootnoteAreaBox):
                # footnotes take the foot of the page: the text's area ends where they start
                if child.children:
                    info.bottom = min(info.bottom, child.position_y)
                notes |= {id(note.element) for note in child.children}
            elif not isinstance(child, boxes.MarginBox):
                _walk(child, info, block="", section="", seen=set(), calls=calls)
        info.notes_later = [block for element, block in calls if id(element) not in notes]
        pages.append(info)
    return pages


def _walk(
    box: Any,
    info: MeasuredPage,
    block: str,
    section: str,
    seen: set[Any],
    header: bool = False,
    calls: list[tuple[Any, str]] | None = None,
) -> None:
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", "") == "section":
        section = element.get("id") or section
    if element is not None and element.get("data-b") and not block:
        block = element.get("data-b")
        if block not in info.blocks:
            info.blocks.append(block)
            info.tops[block] = box.position_y
            info.tags[block] = box.element_tag
            info.kinds[block] = (element.get("class") or "").split(" ")[0]
    tag = getattr(box, "element_tag", "") or ""
    # an item of a box: a list entry or a table row (not the header row a table repeats on each page)
    # (counted once per element: a list entry's anonymous inner box carries the same element)
    if block and not header and tag in ("li", "tr") and id(element) not in seen:
        seen.add(id(element))
        info.items[block] = info.items.get(block, 0) + 1
    if element is not None and element.get("data-entry") is not None and ("entry", id(element)) not in seen:
        seen.add(("entry", id(element)))  # (its anonymous inner boxes carry the same element)
        info.entries += 1
    header = header or tag == "thead"
    if isinstance(box, boxes.LineBox):
        info.lines += 1
        info.section = section or info.section
        if info.lines == 1:
            info.first_line_block = block
        inside = list(box.descendants())
        text = "".join(t.text for t in inside if isinstance(t, boxes.TextBox)).rstrip()
        broken = text.endswith("\u00ad-")
        text = text.replace("\u00ad", "")  # a line broken at a soft hyphen keeps it before the "-" it prints
        info.last_line_block = block if text.endswith("-") and text[-2:-1].isalpha() else ""
        head = _LETTERS.match(text.lstrip())
        tail = _LETTERS_END.search(text[:-1]) if broken else None
        info.ends.append([block, head.group() if head else "", tail.group() if tail else ""])
        if calls is not None:
            calls.extend((d.footnote.element, block) for d in inside if d.footnote is not None)
    if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or (
        isinstance(box, boxes.BlockBox) and not getattr(box, "children", None)
    ):
        info.used = max(info.used, box.position_y + box.margin_height() - box.margin_bottom)
        return
    for child in getattr(box, "children", []):
        _walk(child, info, block, section, seen, header, calls)


@dataclass(frozen=True)
class Frame:
    """A page's name and side, as the furniture and the join need them."""

    name: str  # the @page name it took ("chapter", "front", "cover", ...), "" for none
    x: float  # left edge of its content box, in points
    margin_boxes: bool  # whether its @page rules drew anything in the margins (a head, a folio)


def frames(document: Any) -> list[Frame]:
    """Each page's :class:`Frame`."""
    found = []
    for page in document.pages:
        box = page._page_box
        drawn = any(isinstance(child, boxes.MarginBox) for child in box.children)
        found.append(Frame(box.page_type.name or "", box.content_box_x() * CSS_PX, drawn))
    return found


def borrow_links(document: Any, own: set[str]) -> frozenset[str]:
    """Internal links to anchors this document does not have, kept by a placeholder anchor each
    (WeasyPrint drops a link whose target is not in its document): a join resolves them."""
    borrowed = frozenset(
        target for page in document.pages for kind, target, *_ in page.links if kind == "internal" and target not in own
    )
    for name in sorted(borrowed):
        document.pages[0].anchors[name] = (0, 0, 0, 0)
    return borrowed


def first_attribute(document: Any, name: str) -> str:
    """The value of the first element in the document's pages that carries attribute ``name``, or ""."""
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop(0)
            element = getattr(box, "element", None)
            if element is not None and element.get(name) is not None:
                return element.get(name)
            stack[:0] = getattr(box, "children", [])
    return ""


def page_starts(document: Any) -> tuple[str, ...]:
    """Where each page's text begins, for the screen editions' print page markers: the first element
    set on the page that carries ``data-at`` (a section's opener, a register's entry) or ``data-b`` (a
    block, perhaps continued from the page before); "" for a page with neither (a cover, a notes page)."""
    return tuple(_first_place(page._page_box) for page in document.pages)


def _first_place(page_box: Any) -> str:
    stack = [c for c in page_box.children if not isinstance(c, (boxes.MarginBox, boxes.FootnoteAreaBox))]
    while stack:
        box = stack.pop(0)
        element = getattr(box, "element", None)
        if element is not None and (found := element.get("data-at") or element.get("data-b")):
            return str(found)
        stack[:0] = getattr(box, "children", [])
    return ""


_PAGE_ATTR = re.compile(r'\sdata-page="([^"]*)"')
_LINK_TAG = re.compile(r"<a\s[^>]*>")
_OWN_NUMBER = re.compile(r'(<a\s[^>]*\sdata-page="([^"]*)"[^>]*>)\2</a>')  # a link whose text is its number
_HREF = re.compile(r'\shref="([^"]*)"')


def renumber(document: Any, laid_from: str, wanted: str) -> bool:
    """Make ``document``, laid out from the HTML ``laid_from``, the layout of ``wanted``, which differs
    from it only in the page numbers it prints (``data-page``, set by ``pamphlet/parts.css``, or a link's
    own text when that is its number: the index's), when every new number sets exactly as wide and as
    high as the old one in its style: then no line breaks elsewhere and no box moves, so the layout is
    the one ``wanted`` would get, and only the numbers' text is set anew. False (and the document
    untouched) when that cannot be shown, so the caller lays ``wanted`` out instead."""
    if _unnumbered(laid_from) != _unnumbered(wanted):
        return False
    changed: dict[str, tuple[str, str]] = {}  # link target -> (the number it printed, the one it prints now)
    for old_tag, new_tag in zip(_LINK_TAG.findall(laid_from), _LINK_TAG.findall(wanted), strict=True):
        old, new, href = _PAGE_ATTR.search(old_tag), _PAGE_ATTR.search(new_tag), _HREF.search(old_tag)
        if old is None or new is None or old.group(1) == new.group(1):
            continue
        if href is None or changed.setdefault(href.group(1), (old.group(1), new.group(1))) != (old[1], new[1]):
            return False  # one target printed two ways
    edits: dict[Any, list[Any]] = {}  # element -> the text boxes that print its number (its ::after's, or its own)
    for page in document.pages:
        _numbered(page._page_box, changed, edits, inside=None)
    swaps = []
    for element, found in edits.items():
        old, new = changed[element.get("href")]
        holding = [box for box in found if old in box.text]
        if element.get("data-page") != old or len(holding) != 1 or holding[0].text.count(old) != 1:
            return False
        box = holding[0]
        text = box.text.replace(old, new)
        if box.pango_layout is None or box.pango_layout.text != box.text:
            return False
        if _extent(box, text) != _extent(box, box.text):
            return False  # it would set wider or narrower: lines may break elsewhere
        swaps.append((box, text))
    if len(edits) != len(changed):
        return False  # a number not found where it is printed
    for box, text in swaps:
        box.text = box.pango_layout.text = text  # drawing sets the layout's text again (Layout.reactivate)
    return True


def _unnumbered(html: str) -> str:
    """``html`` without the page numbers its links print."""
    return _PAGE_ATTR.sub("", _OWN_NUMBER.sub(r"\1</a>", html))


def _numbered(box: Any, changed: dict[str, tuple[str, str]], edits: dict[Any, list[Any]], inside: Any) -> None:
    """Collect under ``box`` the text boxes that print the number of an element whose number changes: its
    ``::after``'s, or where the link's own text is its number, its own."""
    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", "") or ""
    prints = element is not None and (
        tag.endswith("::after") or (tag == "a" and element.text == element.get("data-page") and len(element) == 0)
    )
    if inside is None and prints and element.get("href") in changed:
        inside = element
        edits.setdefault(element, [])
    if inside is not None and isinstance(box, boxes.TextBox):
        edits[inside].append(box)
    for child in getattr(box, "children", []):
        _numbered(child, changed, edits, inside)


def _extent(box: Any, text: str) -> tuple[int, int, int]:
    """The width, height and baseline, in Pango units, that ``text`` sets in ``box``'s style and spacing."""
    from weasyprint.text.ffi import ffi, pango
    from weasyprint.text.line_break import Layout

    layout = Layout(box.style, box.justification_spacing)
    layout.set_text(text, justify=True)
    line = pango.pango_layout_get_line_readonly(layout.layout, 0)
    extents = ffi.new("PangoRectangle *")
    pango.pango_layout_line_get_extents(line, ffi.NULL, extents)
    found = (extents.width, extents.height, pango.pango_layout_get_baseline(layout.layout))
    ffi.release(extents)
    return found


def words(page: Any) -> int:
    """Words set on a page (its text, not its margin boxes)."""
    return _words(page._page_box)


def _words(box: Any) -> int:
    if isinstance(box, boxes.TextBox):
        return len(box.text.split())
    return sum(_words(child) for child in getattr(box, "children", []) if not isinstance(child, boxes.MarginBox))
