"""Where we reach past WeasyPrint's public API: one shared font configuration per process and set of
faces, which records each face as a dependency of every layout that declares it, and a warm-up
layout for a fork server to do once; the font subsetter's arrays made without a C parse each; the
PDF writer's deflate level; pages without margin boxes where none has content; footnotes pending in
linear time (:class:`Pending`); and the tagged PDF's figures described or left out as decoration.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import hashlib
import os
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, SupportsIndex
from urllib.parse import urlsplit
from urllib.request import url2pathname

from pamphleteer.infra import quickload  # noqa: F401  (before WeasyPrint: it loads it without a search)

# isort: split
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from pamphleteer.infra import dependencies


class Fonts(FontConfiguration):
    """A font configuration shared by the layouts of a process that declare the same faces, which
    records each face it is asked for as a dependency of the running layout, whether it fetched the
    file now or before."""

    faces = ""  # the digest of the faces declared and their files (``fonts``): what lines.py keys it by

    def add_font_face(self, rule_descriptors: Any, url_fetcher: Any) -> Any:
        for font_type, url in rule_descriptors.get("src", ()):
            if font_type == "external" and url and urlsplit(url).scheme == "file":
                dependencies.record(Path(url2pathname(urlsplit(url).path)))
        return super().add_font_face(rule_descriptors, url_fetcher)


_FACES = re.compile(r"@font-face\s*\{[^}]*\}")
_URL = re.compile(r"""url\(\s*["']?(file:[^"')]+)""")
_FONTS: dict[tuple[int, str], Fonts] = {}
_KEPT = 4  # configurations kept per process: the pamphlet's, the handout's, the script's, one more


@atexit.register
def _release() -> None:
    """A configuration's copies of its faces are a temp folder, removed when it goes: at the latest, now."""
    for key in [k for k in _FONTS if k[0] == os.getpid()]:
        del _FONTS[key]


def fonts(source: str) -> Fonts:
    """The font configuration for a document whose HTML is ``source``: one per process for each set
    of ``@font-face`` rules and the files they name as they are now (size and time), so a layout
    never meets a face another document declared, nor a font file as it was before an edit. A
    forked child makes its own, so that WeasyPrint's copies of the faces go to the child's temp
    folder, which its parent removes (``infra/workers.py``)."""
    faces = "".join(_FACES.findall(source))
    stamps = []
    for url in _URL.findall(faces):
        with contextlib.suppress(OSError):
            found = Path(url2pathname(urlsplit(url).path)).stat()
            stamps.append(f"{found.st_size}:{found.st_mtime_ns}")
    key = (os.getpid(), hashlib.sha256((faces + "|".join(stamps)).encode()).hexdigest())
    if key not in _FONTS:
        mine = [k for k in _FONTS if k[0] == key[0]]  # never a forked parent's: dropping it removes its folder
        for old in mine[: max(0, len(mine) - _KEPT + 1)]:
            del _FONTS[old]
        _FONTS[key] = Fonts()
        _FONTS[key].faces = key[1]
    return _FONTS[key]


def warm_up(face: Path) -> None:
    """Lay out and write a word in the font file ``face``, for nothing, so that processes forked from
    here find done what any first layout and PDF does once (cffi reads WeasyPrint's C declarations,
    Pango and fontconfig start, the font subsetter loads): some 40 ms of a fresh process's first
    layout. Its own font configuration goes with it, so no process forked later holds its copies."""
    from weasyprint import HTML

    source = f'<style>@font-face {{ font-family: w; src: url("{face.as_uri()}") }} p {{ font-family: w }}</style>'
    configuration = FontConfiguration()
    document = HTML(string=f"{source}<p>Warm</p>").render(font_config=configuration)
    with deflate_level(6):
        document.write_pdf(pdf_tags=True)
    del document, configuration
    gc.collect()  # the layout's objects hold one another; the configuration removes its folder when it goes


class _OpenArrays:
    """WeasyPrint's cffi as its font subsetter sees it, which makes each array of glyphs as one of its
    length (``hb_codepoint_t[88]``): cffi parses every new declaration with pycparser (some 2 ms), so a
    process paid for each length it met, a dozen or more a PDF. Given exactly that many items, the
    array is made open (``hb_codepoint_t[]``: the same items, parsed once); all else goes to cffi."""

    _SIZED = re.compile(r"(\w+)\[(\d+)\]")

    def __init__(self, ffi: Any) -> None:
        self.ffi = ffi

    def new(self, cdecl: str, init: Any = None) -> Any:
        sized = self._SIZED.fullmatch(cdecl)
        if sized and isinstance(init, list | tuple) and len(init) == int(sized[2]):
            cdecl = f"{sized[1]}[]"
        return self.ffi.new(cdecl, init)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ffi, name)


def open_arrays() -> None:
    """Have WeasyPrint's font subsetter make its arrays open (:class:`_OpenArrays`)."""
    from weasyprint.pdf import fonts as subsetter

    if not isinstance(subsetter.ffi, _OpenArrays):
        subsetter.ffi = _OpenArrays(subsetter.ffi)


class _Zlib:
    """zlib as pydyf sees it, with ``compressobj`` at another level."""

    def __init__(self, level: int) -> None:
        self.level = level
        self.compress = zlib.compress

    def compressobj(self, level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(self.level, *args, **kwargs)


@contextlib.contextmanager
def deflate_level(level: int) -> Iterator[None]:
    """pydyf deflates every stream at level 9; level 6 writes the PDF a quarter of a second
    sooner for about 3% more bytes. pydyf offers no option, so its module's zlib is swapped
    for the write, and restored."""
    import pydyf  # WeasyPrint's PDF writer

    original = pydyf.zlib
    pydyf.zlib = _Zlib(level)
    try:
        yield
    finally:
        pydyf.zlib = original


@contextlib.contextmanager
def no_margin_boxes() -> Iterator[None]:
    """Within the block, WeasyPrint makes no page margin boxes: for documents whose stylesheets give every
    one no content (``pamphlet/parts.css``), as it made and measured each page's sixteen for nothing
    (6% of a part's layout). Its layout module's name for the maker is swapped for the block, and restored."""
    from weasyprint import layout

    original = layout.make_margin_boxes
    layout.make_margin_boxes = _no_boxes
    try:
        yield
    finally:
        layout.make_margin_boxes = original


def _no_boxes(context: Any, page: Any, state: Any) -> Iterator[Any]:
    return iter(())


class Pending(list):  # type: ignore[type-arg]
    """A list whose membership test is by identity and takes no scan.

    WeasyPrint 70 keeps the document's footnotes not yet placed in a list,
    ``LayoutContext.footnotes``, and for every box of every line it lays out asks whether
    that box's footnote is in it (``layout/block.py``, ``descendant.footnote in
    context.footnotes``): a scan of the whole list, most often to find ``None`` absent.
    The work is lines times notes, so a chapter's layout grew with the square of its
    footnotes: measured with cProfile on one chapter laid out alone, that scan took 0.19 s
    with 400 notes, 0.87 s with 800, 3.0 s with 1,600 and 9.3 s with 3,200, the rest of the
    layout growing in step with the notes.

    :class:`Pending` is that list with a count of its members by identity (WeasyPrint's
    boxes define no ``__eq__``, so ``in`` means identity there too): ``in`` costs the same
    for any length. :func:`pending_footnotes` makes every layout context start with one; WeasyPrint
    keeps it through its own ``copy()`` between passes. Nothing else changes: the same
    notes are placed on the same pages (tests/render/test_pending.py).
    """

    def __init__(self, items: Iterable[Any] = ()) -> None:
        super().__init__(items)
        self._ids = Counter(id(item) for item in self)

    def __contains__(self, item: object) -> bool:
        return self._ids[id(item)] > 0

    def copy(self) -> Pending:
        return Pending(self)

    def append(self, item: Any) -> None:
        super().append(item)
        self._ids[id(item)] += 1

    def extend(self, items: Iterable[Any]) -> None:
        items = list(items)
        super().extend(items)
        self._ids.update(id(item) for item in items)

    def __iadd__(self, items: Iterable[Any]) -> Pending:  # type: ignore[override]
        self.extend(items)
        return self

    def insert(self, index: SupportsIndex, item: Any) -> None:
        super().insert(index, item)
        self._ids[id(item)] += 1

    def remove(self, item: Any) -> None:
        # list.remove finds it at the head: WeasyPrint places footnotes in the order they come
        super().remove(item)
        self._ids[id(item)] -= 1

    def pop(self, index: SupportsIndex = -1) -> Any:
        item = super().pop(index)
        self._ids[id(item)] -= 1
        return item

    def clear(self) -> None:
        super().clear()
        self._ids.clear()

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._ids = Counter(id(item) for item in self)

    def __setitem__(self, index: Any, value: Any) -> None:
        super().__setitem__(index, value)
        self._ids = Counter(id(item) for item in self)


def pending_footnotes() -> None:
    """From now on, every WeasyPrint layout keeps its pending footnotes in a :class:`Pending`."""
    from weasyprint.layout import LayoutContext

    if getattr(LayoutContext.__init__, "pending", False):
        return
    original = LayoutContext.__init__

    @functools.wraps(original)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.footnotes = Pending(self.footnotes)

    __init__.pending = True  # type: ignore[attr-defined]
    LayoutContext.__init__ = __init__  # type: ignore[method-assign]


def described_figures() -> None:
    """From now on, the tagged PDF's figures are described or left out of its structure as decoration.

    WeasyPrint tags each ``<img>`` and ``<svg>`` a /Figure, its /Alt from an image's ``alt`` or an
    SVG's ``<title>``. A picture that is decoration (``aria-hidden="true"``, or an image with an empty
    ``alt``: the cover's drawn art, a logo beside the publisher's name) stays out of the tree, as
    WeasyPrint leaves its page margins' heads and folios, where a screen reader would find a figure
    with nothing to say; an SVG named by its ``aria-label`` (a QR code) takes that as its /Alt.
    """
    import pydyf
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "described", False):
        return
    original = tags._build_box_tree

    @functools.wraps(original)
    def build(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        own = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = own.element if isinstance(own, boxes.ReplacedBox) else None
        if element is not None and _decorative(element):
            tuple(original(box, parent, *args))  # its marked content mapped, outside the tree
            return
        for made in original(box, parent, *args):
            label = element.get("aria-label") if element is not None else None
            if label and made.get("S") == "/Figure" and "Alt" not in made:
                made["Alt"] = pydyf.String(label)
            yield made

    build.described = True  # type: ignore[attr-defined]
    tags._build_box_tree = build


def _decorative(element: Any) -> bool:
    """Whether an ``<img>`` or ``<svg>`` is decoration, as HTML says: hidden, or an image with an empty alt."""
    return element.get("aria-hidden") == "true" or (element.tag == "img" and element.get("alt") == "")
