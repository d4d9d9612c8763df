"""Running heads and folios over the pages of a reading edition laid out by parts.

A part is laid out before it is known where it lands (``parts.py``), so its pages carry
neither a head nor a folio, and it was set as if it began on a recto. Here the book's
furniture is laid out once, an empty page for each page of the book (``furniture.html.j2``
with pamphlet.css, so the heads and folios are exactly what its @page rules draw), and:

- each joined page whose side came out other than the part assumed is moved sideways by
  the difference between the two sides' content boxes (the text block is as wide on both
  sides, so nothing else about the page changes), its links with it;
- the furniture page is drawn over it, marked as a pagination artifact, as PDF/UA wants
  running heads and folios to be.

A chapter's running head is its short title, else its title; one too long for a line is cut
at a word boundary, with an ellipsis, in the head only (:func:`running_head`), and a warning
names the field to shorten (:func:`head_warnings`).
"""

from __future__ import annotations

import io
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf

from pamphleteer.content import Book, ChapterDoc
from pamphleteer.errors import Problem
from pamphleteer.render import charts, typeset, weasy
from pamphleteer.text import balance, glyphs, inline

from . import forms
from .parts import LaidPart, Layouts

RUNNING_HEAD_PT = 8.0  # the running head's size (pamphlet.css, @top-right)
OPENER_TITLE_PT = 19.0  # a pamphlet chapter's title on its opener, bold display face (pamphlet.css, .opener h1)
OPENER_FACE = "PTS75F.ttf"  # PT Sans Bold, the display face's bold
TEXT_BLOCK_PT = (148 - 17 - 14) * 72 / 25.4  # A5 less the side margins
ELLIPSIS = "\u2026"
_TRAILING = ",;:–—-"  # punctuation that would hang before the ellipsis


def running_head_width(text: str, face: str = "PTF56F.ttf") -> float:
    """How wide ``text`` sets as a running head (the text face's italic, PT Serif's unless told), in points."""
    return charts.text_width(text, RUNNING_HEAD_PT, face=face)


def running_head(doc: ChapterDoc, face: str = "PTF56F.ttf") -> str:
    """The chapter's running head as printed: its short title, else its title, cut at the last word
    boundary that leaves room for an ellipsis when it does not fit one line (measured in ``face``, the
    house face's italic)."""
    head = inline.smart(doc.running_head, doc.language)
    if running_head_width(head, face) <= TEXT_BLOCK_PT:
        return head
    words = head.split(" ")
    for n in range(len(words) - 1, 0, -1):
        cut = " ".join(words[:n]).rstrip(_TRAILING + " ") + ELLIPSIS
        if running_head_width(cut, face) <= TEXT_BLOCK_PT:
            return cut
    cut = head  # a single word wider than the line: cut inside it
    while len(cut) > 1 and running_head_width(cut + ELLIPSIS, face) > TEXT_BLOCK_PT:
        cut = cut[:-1]
    return cut + ELLIPSIS


def opener_title(title: str, language: str) -> tuple[str, ...]:
    """A chapter's title as its opener sets it, in balanced lines (``text/balance.py``, as the cover's):
    "Lamps, lenses and the character of a / light" comes out "Lamps, lenses and the / character of a light",
    the same number of lines, none left with one word under a long one. A title the display face cannot
    measure (a script it lacks, drawn by a fallback) or one running against the book's direction is left
    to the line breaker, as one line."""
    title = inline.smart(title, language)
    drawn = glyphs.coverage()  # once, not per character: each asks the files' stamps
    if not balance.by_hand(title, language) or any(drawn.font_for(c) != "text" for c in title):
        return (title,)
    return balance.lines(title, lambda line: charts.text_width(line, OPENER_TITLE_PT, OPENER_FACE), TEXT_BLOCK_PT)


def head_warnings(book: Book) -> list[Problem]:
    """A warning for each chapter whose running head was cut to fit its line, naming the field to shorten."""
    if forms.of(book.publication).runs_on:
        return []  # a leaflet or flyer prints no running heads
    found = []
    for doc in book.all_chapters():
        head = running_head(doc, book.look.italic_file)
        if not head.endswith(ELLIPSIS) or head == inline.smart(doc.running_head, doc.language):
            continue
        done = f"too long for the running head on one line: set as '{head}'"
        if doc.chapter.short_title:
            found.append(doc.located.problem(("short_title",), f"{done}; shorten the short_title"))
        else:
            cure = "give the chapter a short_title (50 characters at most) to choose the words"
            found.append(doc.located.problem(("title",), f"{done}; {cure}"))
    return found


@dataclass(frozen=True)
class Run:
    """Consecutive pages of one part under one @page name."""

    name: str
    running: str
    pages: int


def runs(parts: list[LaidPart]) -> list[Run]:
    """The book's pages as runs: a new run at each part and at each change of page name."""
    found: list[Run] = []
    for part in parts:
        start = len(found)
        for page in part.pages:
            if len(found) > start and found[-1].name == page.name:
                found[-1] = Run(page.name, part.running, found[-1].pages + 1)
            else:
                found.append(Run(page.name, part.running, 1))
    return found


def lay_out(
    book: Book, form: forms.Form, parts: list[LaidPart], layouts: Layouts
) -> tuple[bytes, list[float], list[bool]]:
    """The furniture PDF, each page's content-box left edge (points) and whether it has anything drawn.

    Kept with the parts' layouts: an edit that moves no page boundary finds it made.
    """
    return furnish(source_of(book, form, parts), sum(p.page_count for p in parts), layouts)


def source_of(book: Book, form: forms.Form, parts: list[LaidPart]) -> str:
    """The furniture's HTML for the book's ``parts`` (only their pages and running heads are read)."""
    return typeset.html(
        "pamphlet/furniture.html.j2",
        book.language,
        runs=runs(parts),
        title=inline.smart(book.publication.title, book.language),
        lang=book.publication.language,
        form=form,
        fallbacks=glyphs.fallbacks(book),
        book=book,
    )


def furnish(source: str, total: int, layouts: Layouts) -> tuple[bytes, list[float], list[bool]]:
    """The furniture of ``total`` pages laid out from ``source`` with the whole book's stylesheets (not
    parts.css): its PDF, each page's content-box left edge (points) and whether it has anything drawn.
    Kept with the parts' layouts (the lecturer's script's page numbers are made here too). Every part
    is settled by now (their pages are counted): the workers are stopped first, as what they hold
    is wanted by this layout and the join after it."""
    layouts.close()
    pdf, found = layouts.made(source, lambda: made(source, total, layouts.folders, layouts.book_stylesheets))
    return pdf, found["xs"], found["drawn"]


def made(source: str, total: int, folders: tuple[Path, ...], stylesheets: list[str]) -> tuple[bytes, dict[str, Any]]:
    """The furniture laid out from ``source``: its PDF, and each page's left edge and whether it draws anything."""
    laid = typeset.layout(source, folders, stylesheets)
    pages = laid.document.pages
    if len(pages) != total:
        raise RuntimeError(f"the furniture came out {len(pages)} pages for a document of {total}")
    xs = [frame.x for frame in weasy.frames(laid.document)]
    drawn = [frame.margin_boxes for frame in weasy.frames(laid.document)]
    pdf = typeset.pdf(laid.document, variant=None, identity="furniture", tags=False)
    return pdf, {"xs": xs, "drawn": drawn}


def ahead(
    book: Book,
    form: forms.Form,
    parts: list[LaidPart],
    folders: tuple[Path, ...],
    stylesheets: list[str],
    end: LaidPart,
) -> tuple[str, bytes, dict[str, Any]]:
    """The furniture of the book's main ``parts`` and its ``end`` pages, made ahead of the join (``ahead.py``):
    its HTML (what the join's furniture is looked up by), its PDF and what ``made`` found."""
    source = source_of(book, form, [*parts, end])
    return (source, *made(source, sum(p.page_count for p in [*parts, end]), folders, stylesheets))


class Drawing:
    """Draws each joined page's furniture over it, and moves the page to its side (``join.OnPages``).

    A page's drawing, the furniture added, is compressed in a thread of its own while the join goes on
    (zlib lets go of the interpreter), and written to the page when the join asks (:meth:`finish`): the
    same compressed stream as the join's saving made of it (its dictionary lists /Filter before /Length
    now), some 30 ms of a watch's rebuild out of its way.
    """

    def __init__(self, furniture: bytes, parts: list[LaidPart], xs: list[float], drawn: list[bool]) -> None:
        self.source = pikepdf.open(io.BytesIO(furniture))
        self.assumed = [page.x for part in parts for page in part.pages]
        self.xs, self.drawn = xs, drawn
        self.compressing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pamphleteer-deflate")
        self.pending: list[tuple[pikepdf.Stream, Future[bytes]]] = []

    def __call__(self, pdf: pikepdf.Pdf, pages: list[pikepdf.Page], first: int) -> None:
        for n, page in enumerate(pages, first):
            dx = round(self.xs[n] - self.assumed[n], 4)
            # The page's own drawing is closed in q/Q, so what it leaves set does not reach the
            # furniture; one stream for the page, as WeasyPrint writes it (each more costs bytes).
            before = f"q 1 0 0 1 {dx:g} 0 cm\n".encode() if dx else b"q\n"
            after = b"\nQ"
            if dx:
                _shift(page, dx)
            if self.drawn[n]:
                form = pdf.copy_foreign(self.source.pages[n].as_form_xobject())
                # a name of its own: a part's pages share one resources dictionary; and a fixed one, for same bytes
                name = page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/Furniture{n + 1}"))
                after += b"\n/Artifact <</Type /Pagination>> BDC q " + bytes(name) + b" Do Q EMC"
            page.contents_coalesce()
            contents = page.obj.Contents
            self.pending.append(
                (contents, self.compressing.submit(zlib.compress, before + contents.read_bytes() + after))
            )

    def finish(self) -> None:
        """Every page drawn so far given its drawing, compressed."""
        for contents, compressed in self.pending:
            contents.write(compressed.result(), filter=pikepdf.Name.FlateDecode)
        self.pending = []

    def close(self) -> None:
        self.compressing.shutdown(cancel_futures=True)
        self.source.close()


def _shift(page: pikepdf.Page, dx: float) -> None:
    """Links move with the page they are on."""
    for annot in page.obj.get("/Annots", []):
        rect = [float(v) for v in annot.Rect]
        annot.Rect = pikepdf.Array([rect[0] + dx, rect[1], rect[2] + dx, rect[3]])
