"""What the screen editions (EPUB and web) share: their documents, where every anchor lives, and the page bodies.

A screen edition is a set of documents, one per chapter and register, rather
than one long flow of pages. :class:`ScreenEdition` decides the documents and their file
names, resolves a reference (``person:trotsky``) to the file and anchor that
holds it, and gathers, while the templates render, the footnotes of each
document and the first mention of each person and term, so the who's who,
the glossary and the index link back to where they are mentioned. It also places
the print edition's page markers: page N's goes before the block, section opener
or register entry in which the pamphlet's page N begins (before the paragraph a page
turns in, so the reader starts at the sentence that runs onto it), as the pamphlet's
print page map says (``pamphlet/compose.py``). The markup itself is in
``templates/epub/_screen.html.j2``; this module only plans.

Each document is kept between builds (``infra/kept.py``, a shelf per edition) under the digest of
the data its template receives: the publication as the edition reads it (``content/fingerprint.py``)
with only this document's chapter's blocks, the build's context, the print page map and the marks
the documents before it made; with it the files its rendering read (verified unchanged before it is
used) and the marks and page markers it made, which are made again in the plan when it is reused.
An edit to one chapter renders that chapter's document again, and the others only when what they
receive changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pamphleteer.content import Book, ChapterDoc, fingerprint, per_book, renditions, stamp
from pamphleteer.content.model import GENERATED_APPENDICES, Image, Series
from pamphleteer.infra import dependencies, kept
from pamphleteer.render import charts, typeset
from pamphleteer.render.qr import qr
from pamphleteer.text import cldr, collation, inline, words
from pamphleteer.text.inline import Span

# The registers, titled from the language's catalogue (words.py) under the same keys.
REGISTERS = GENERATED_APPENDICES
# A register's file name; the index is "names" so that it never meets a web site's index.html.
STEMS = {"people": "people", "timeline": "timeline", "glossary": "glossary", "sources": "sources", "index": "names"}
# Ids a document gives other things than its headings, which a heading's id must not take.
RESERVED = frozenset({"title", "main", "downloads"})
PREFIXES = ("fn-", "fnref-", "person-", "term-", "source-", "ix-", "table-", "figure-", "page-", "s-")
# The register a reference points into.
TARGETS = {"person": "people", "term": "glossary", "source": "sources"}


@dataclass(frozen=True)
class Doc:
    """One document of a screen edition: a chapter, an appendix chapter or a generated register."""

    kind: str  # chapter, people, timeline, glossary, sources or index
    stem: str  # the file name without its extension
    title: str
    label: str  # "Chapter 3", "Introduction", "Appendix"
    chapter: ChapterDoc | None = None
    back: bool = False  # back matter
    appendix: bool = False  # labelled "Appendix" (in the language), so links name it by its title

    @property
    def short(self) -> str:
        """How a link names it: "Chapter 3", "Introduction", or an appendix's title."""
        return self.title if self.appendix else self.label


@dataclass
class Notes:
    """The footnotes of one document, numbered as the template meets them."""

    spans: list[tuple[Span, ...]] = field(default_factory=list)

    def add(self, children: tuple[Span, ...]) -> int:
        self.spans.append(children)
        return len(self.spans)


@dataclass
class Marks:
    """The first mention of each person and term in each document, for back-links and the index."""

    seen: set[tuple[str, str, str]] = field(default_factory=set)
    found: dict[tuple[str, str], list[tuple[Doc, str]]] = field(default_factory=dict)
    made: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, ref, anchor) in the order made

    def state(self) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
        """What the marks made so far are, as a document's key takes them."""
        return sorted((k, [(d.stem, anchor) for d, anchor in places]) for k, places in self.found.items())

    def mark(self, doc: Doc | None, kind: str, ref: str) -> str:
        """An anchor id for the first mention of ``kind:ref`` in ``doc``; "" for later ones, and outside
        any document (the title page's blurb)."""
        # Only chapters are marked: a register that mentions a name is not where the reader met it.
        if doc is None or doc.kind != "chapter" or kind not in ("person", "term") or (doc.stem, kind, ref) in self.seen:
            return ""
        anchor = f"ix-{kind}-{ref}-{len(self.found.get((kind, ref), ())) + 1}"
        self.add(doc, kind, ref, anchor)
        return anchor

    def add(self, doc: Doc, kind: str, ref: str, anchor: str) -> None:
        """Note the first mention of ``kind:ref`` in ``doc`` at ``anchor`` (made, or a kept document's)."""
        self.seen.add((doc.stem, kind, ref))
        self.found.setdefault((kind, ref), []).append((doc, anchor))
        self.made.append((kind, ref, anchor))

    def of(self, kind: str, ref: str) -> list[tuple[Doc, str]]:
        return self.found.get((kind, ref), [])


class ScreenEdition:
    """The documents of a screen edition and how they link; ``ext`` is ``xhtml`` or ``html``."""

    def __init__(self, book: Book, ext: str, print_pages: dict[str, str] | None = None) -> None:
        self.book = book
        self.ext = ext
        self.breaks: dict[str, list[int]] = {}  # a place in the text -> the print pages that begin there
        for page, place in sorted((print_pages or {}).items(), key=lambda item: int(item[0])):
            self.breaks.setdefault(place, []).append(int(page))
        self.placed: dict[int, str] = {}  # each print page marked, and the file its marker is in
        self.marked: list[int] = []  # the print pages marked, in the order marked
        said = words.catalogue(book.language)
        self.titles = {kind: said[kind] for kind in REGISTERS}
        appendix = said["appendix"]
        self.docs: list[Doc] = [
            Doc("chapter", c.anchor, c.chapter.title, c.label, c, appendix=c.label == appendix) for c in book.chapters
        ]
        for item in book.back_matter:
            if isinstance(item, ChapterDoc):
                self.docs.append(
                    Doc("chapter", item.anchor, item.chapter.title, item.label, item, True, item.label == appendix)
                )
            else:
                self.docs.append(Doc(item, STEMS[item], self.titles[item], appendix, back=True, appendix=True))
        self.by_kind = {d.kind: d for d in self.docs if d.kind != "chapter"}
        self.by_chapter = {d.chapter.id: d for d in self.docs if d.chapter}
        self.marks = Marks()
        self.people, self.terms = registers(book)
        self._sections: dict[str, dict[int, str]] = {}  # each chapter's heading ids by block
        self._breaks: str | None = None  # the digest of ``breaks``, for the documents' keys
        self._checked: set[tuple[str, str]] = set()  # files found unchanged (key, digest), for kept documents

    def file(self, doc: Doc) -> str:
        return f"{doc.stem}.{self.ext}"

    def href(self, kind: str, ref: str) -> str:
        """Where a reference leads: "people.xhtml#person-trotsky"; "" when the register is not published."""
        if kind == "chapter":
            doc = self.by_chapter.get(ref)
            return self.file(doc) if doc else ""
        doc = self.by_kind.get(TARGETS.get(kind, ""))
        return f"{self.file(doc)}#{kind}-{ref}" if doc else ""

    def page_breaks(self, doc: Doc, place: str) -> list[int]:
        """The print pages whose markers go at ``place`` in ``doc`` (a section's anchor, a block's key
        ``chapter/3``, a register entry's ``people/id``), noted as placed there."""
        found = self.breaks.get(place, [])
        for page in found:
            self.placed[page] = self.file(doc)
        self.marked += found
        return found

    def opening(self, doc: Doc) -> str:
        """The place where ``doc`` begins in the print page map: the pamphlet's section id."""
        return doc.stem if doc.chapter else f"appendix-{doc.kind}"

    def page_list(self) -> list[tuple[int, str]]:
        """Every print page marked in the documents rendered so far, with its link: (27, "x.xhtml#page-27")."""
        return [(page, f"{file}#page-{page}") for page, file in sorted(self.placed.items())]

    def image(self, image: Image) -> str:
        return image_name(self.book, image)

    @property
    def cover(self) -> str:
        """The cover picture's name in the edition; "" without one."""
        cover = self.book.publication.cover
        return picture_name(self.book, cover.path, cover.file) if cover is not None else ""

    @property
    def logo(self) -> str:
        """The logo's name in the edition; "" without one."""
        style = self.book.publication.style
        return picture_name(self.book, style.logo_path, style.logo) if style.logo_path is not None else ""

    def section(self, doc: Doc, at: int) -> str:
        """The id of the heading that is block ``at`` (from 1) of ``doc``: its words, lower case and joined
        by hyphens ("the-safety-arrives"), numbered on when a heading before it in the document has
        the same; prefixed "s-" when it would meet another kind's id ("fn-2", "title")."""
        assert doc.chapter is not None
        if doc.stem not in self._sections:
            taken: set[str] = set()
            ids: dict[int, str] = {}
            for i, block in enumerate(doc.chapter.chapter.blocks, 1):
                if block.heading is None:
                    continue
                stem = re.sub(r"[\W_]+", "-", inline.smart(block.heading, self.book.language).casefold()).strip("-")
                if not stem or stem in RESERVED or stem[0].isdigit() or stem.startswith(PREFIXES):
                    stem = f"s-{stem}".rstrip("-")
                found, n = stem, 1
                while found in taken:
                    n += 1
                    found = f"{stem}-{n}"
                taken.add(found)
                ids[i] = found
            self._sections[doc.stem] = ids
        return self._sections[doc.stem][at]

    def words(self, text: str) -> tuple[Span, ...]:
        """Plain text (a name) as spans, with typographic quotes but no markup read."""
        return (Span("text", inline.smart(text, self.book.language)),)

    def describe(self, series: Series) -> str:
        return charts.describe(series, cldr.numbers_tag(self.book.language, self.book.digits))

    def qr(self, url: str) -> tuple[int, str]:
        return qr(url)

    def neighbours(self, doc: Doc) -> tuple[Doc | None, Doc | None]:
        at = self.docs.index(doc)
        return (self.docs[at - 1] if at else None, self.docs[at + 1] if at + 1 < len(self.docs) else None)

    def render(self, template: str, doc: Doc | None = None, **context: Any) -> str:
        """One document through a template; chapters must be rendered before the registers that link back."""
        return typeset.html(
            template,
            self.book.language,
            book=self.book,
            plan=self,
            doc=doc,
            notes=Notes(),
            people=self.people,
            terms=self.terms,
            sources=list(self.book.sources.values()),
            titles=self.titles,
            stamp=stamp(self.book),
            **context,
        )

    def documents(self, template: str, **context: Any) -> dict[str, str]:
        """Every document rendered, by file name, in reading order (chapters first, for the marks);
        each answered from the build's shelf when what it is made from is as it was (module docstring)."""
        order = sorted(self.docs, key=lambda d: d.kind != "chapter")
        shelf = kept.computed(f"documents-{self.ext}")
        made = {self.file(d): self._document(shelf, template, d, context) for d in order}
        return {self.file(d): made[self.file(d)] for d in self.docs}

    def _document(self, shelf: kept.Shelf | None, template: str, doc: Doc, context: dict[str, Any]) -> str:
        if shelf is None:  # outside a build: nothing is kept
            return self.render(template, doc, **context)
        k = self._key(template, doc, context)
        found = shelf.recall(k)
        if isinstance(found, Rendered) and self._unchanged(found.files):
            dependencies.adopt(found.files)
            for kind, ref, anchor in found.marks:
                self.marks.add(doc, kind, ref, anchor)
            for page in found.pages:
                self.placed[page] = self.file(doc)
            self.marked += found.pages
            return found.text
        marks, pages = len(self.marks.made), len(self.marked)
        with dependencies.recording(self.book.folders) as recorder:
            text = self.render(template, doc, **context)
        dependencies.adopt(recorder.files)
        shelf.store(k, Rendered(text, recorder.files, tuple(self.marks.made[marks:]), tuple(self.marked[pages:])))
        return text

    def _unchanged(self, files: dict[str, str]) -> bool:
        """Whether every file a kept document read holds what it did: each file read from disk once for
        the edition (the 27 documents read the same few templates), not once a document."""
        todo = {k: v for k, v in files.items() if (k, v) not in self._checked}
        if todo and not dependencies.unchanged(todo, self.book.folders):
            return False
        self._checked.update(todo.items())
        return True

    def _key(self, template: str, doc: Doc, context: dict[str, Any]) -> str:
        """The digest of what ``doc``'s template receives (see the module docstring)."""
        frame, blocks = _parts(self.book)
        own = blocks.get(doc.chapter.id) if doc.chapter else None
        plain = replace(doc, chapter=None)  # the chapter is in ``frame`` and ``own``
        # the page markers and the marks are plain data (text and numbers), digested as JSON: walked
        # value by value for each of the 54 documents they cost a tenth of a second every build
        if self._breaks is None:
            self._breaks = _plain_digest(sorted(self.breaks.items()))
        marks = _plain_digest(self.marks.state())
        given = (dependencies.code_digest(), template, self.ext, plain, frame, own, self._breaks, marks, context)
        return fingerprint.value_digest(given)


@dataclass(frozen=True)
class Rendered:
    """A document as kept between builds: its text, the files its rendering read (by key, with their
    digests), and the marks (kind, ref, anchor) and print page markers it made, in order."""

    text: str
    files: dict[str, str]
    marks: tuple[tuple[str, str, str], ...]
    pages: tuple[int, ...]


@per_book
def _parts(book: Book) -> tuple[str, dict[str, str]]:
    """The publication as the screen editions read it (``content/fingerprint.py``) without the chapters'
    blocks, and each chapter's blocks by chapter id, digested: what a document's key is made of."""
    parts = fingerprint.book_parts(book, text=True, lecture=False)
    blocks = {c["id"]: dependencies.digest(_canonical(c.pop("blocks"))) for c in parts["chapters"]}
    return dependencies.digest(_canonical((parts, repr(book.translation)))), blocks


def _plain_digest(data: Any) -> str:
    """The digest of data made of text, numbers, lists and tuples alone, as JSON (an error for anything else:
    nothing is passed over as a repr)."""
    return dependencies.digest(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


def _canonical(data: Any) -> bytes:
    """JSON-able data as bytes that depend on its values alone (a pickle's also on which were one object)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=repr).encode()


@per_book
def registers(book: Book) -> tuple[list[Any], list[Any]]:
    """The who's who and the glossary in the language's alphabetical order, sorted once per book
    (collation keys are slow to make: every document of both editions used to sort them again)."""
    people = collation.sort(list(book.people.values()), book.language, lambda p: p.index_as or p.name)
    return people, collation.sort(list(book.terms.values()), book.language, lambda t: t.term)


def identifier(book: Book) -> str:
    """A stable identifier: the same title, authors and language give the same one, whatever the text says."""
    pub = book.publication
    key = "\n".join(["pamphleteer", pub.title, pub.subtitle or "", *pub.authors, pub.language])
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def modified(book: Book) -> str:
    """The edition's timestamp in the form EPUB wants, CCYY-MM-DDThh:mm:ssZ."""
    when = stamp(book)
    return when if "T" in when else when + "T00:00:00Z"


def images(book: Book, cache: Path | None = None) -> dict[str, bytes]:
    """The publication's pictures (the chapters', the cover and the logo) by the name they get in the edition
    (``images/<digest>.<ext>``), each made from the file checked when the publication loaded: its screen
    rendition, upright and no larger than a screen needs (``content/renditions.py``; ``cache``: the build's
    cache folder)."""
    pub = book.publication
    used = [(b.image.path, b.image.file) for d in book.all_chapters() for b in d.chapter.blocks if b.image]
    if pub.cover is not None:
        used.append((pub.cover.path, pub.cover.file))
    if pub.style.logo_path is not None and pub.style.logo is not None:
        used.append((pub.style.logo_path, pub.style.logo))
    made = {}
    for path, file in used:
        name = picture_name(book, path, file)
        if name not in made:
            dependencies.record(path)
            made[name] = renditions.screen(path, cache).data
    return made


def image_name(book: Book, image: Image) -> str:
    """A chapter's picture's name in the edition (:func:`picture_name`)."""
    return picture_name(book, image.path, image.file)


def picture_name(book: Book, path: Path, file: str) -> str:
    """Pictures are renamed by a digest of where they live (``content:images/a.png``, or for a
    translation's original ``original:images/a.png``), so that no author's path (or odd character)
    reaches a URL, and a translation's picture and its original's of the same name stay two. The ending is
    the screen rendition's."""
    where = dependencies.key_of(path, dependencies.roots(book.folders)) or file
    suffix = renditions.screen(path).suffix  # a photograph drawn as a PNG is shown as a JPEG
    return f"images/{hashlib.sha256(where.encode()).hexdigest()[:16]}{suffix}"


def media_type(name: str) -> str:
    return {
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".ttf": "font/ttf",
        ".otf": "font/otf",
        ".svg": "image/svg+xml",
        ".css": "text/css",
        ".txt": "text/plain",
    }[Path(name).suffix]
