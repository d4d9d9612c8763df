"""Each part of the pamphlet rendered to HTML from only what its template reads, and kept by that.

The template for one part (``pamphlet.html.j2`` with ``part``) reads the part's own sections
whole and, of every other chapter, its title, label and number (the contents) and anchor; no
part prints the slides. So a part is rendered from a *view* (:func:`view`): the book with its
own chapters whole, the others without their text, none with slides; the index's anchors of
its own chapters (all of them for the index of names). The template is handed the view and
nothing else of the book, so the HTML is a function of what it is handed, and is kept under the
digest of exactly that (``content/fingerprint.py`` :func:`value_digest`: every field of every value, a model's private
attributes included, and this tool's code), with the files the rendering read (templates, word
catalogues, the fonts it measured with), checked unchanged when it is read back: in the build's
cache (``infra/kept.py``, so a ``--watch``'s next build, a new process, has them too). An edit
then renders the part it changed, and a part whose page numbers changed, and no other. A view
leaving out something a template reads would change what is printed at once, in a clean build
as in every other, never only after some history of edits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pamphleteer.content import Book, ChapterDoc, fingerprint, per_book
from pamphleteer.infra import dependencies, kept
from pamphleteer.infra.locations import templates_dir
from pamphleteer.render import typeset
from pamphleteer.text import hyphenation

KIND = "pamphlet-html"  # the build's shelf of rendered parts
INDEX = "index"  # the back matter's index of names: it reads every chapter's anchors


@dataclass(frozen=True)
class Rendered:
    """A part's HTML, the page numbers it asked for, and the files rendering it read."""

    html: str
    asked: frozenset[str]
    read: dict[str, str]


def html(template: str, language: str, folders: tuple[Any, ...], **context: Any) -> str:
    """``template`` rendered with ``context`` (its ``pages`` a ``compose.Numbers``, told what the
    rendering asked of it), or as kept from an earlier rendering of the same."""
    pages = context["pages"]
    shelf = kept.computed(KIND)
    # the templates' folder too: the environment hands the template its fonts' URL
    # the tool's code digest names the libraries' versions too; the language's dictionary is its own file
    made_with = (template, language, str(templates_dir().resolve()), dependencies.code_digest())
    k = fingerprint.value_digest((made_with, hyphenation.version(language), context), _memo(context["book"]))
    found = shelf.recall(k) if shelf is not None else None
    if isinstance(found, Rendered) and dependencies.unchanged(found.read, folders):
        dependencies.adopt(found.read)  # what rendering it read, this build read
        pages.asked |= found.asked
        return found.html
    with dependencies.recording(folders) as recorder:
        made = typeset.html(template, language, **context)
    dependencies.adopt(recorder.files)
    if shelf is not None:
        shelf.store(k, Rendered(made, frozenset(pages.asked), dict(recorder.files)))
    return made


def view(book: Book, back: list[Any], index: Any, part: str | None) -> tuple[Book, list[Any], Any]:
    """What the template for ``part`` (None: the whole book) is handed of the book, the back
    matter (``compose.BackItem``) and the index (``nameindex.Index``)."""
    views = _views(book)
    whole = {doc.id for doc in book.all_chapters() if part is None or doc.anchor == part}
    shown = views.book(frozenset(whole))
    docs = {doc.id: doc for doc in shown.all_chapters()}
    seen_back = [replace(item, doc=docs[item.doc.id]) if item.doc is not None else item for item in back]
    everything = part is None or any(item.kind == INDEX and item.anchor == part for item in back)
    marks = {k: v for k, v in index.assigned.items() if everything or k[0] in whole}
    return shown, seen_back, type(index)(index.people, index.language, marks)


class _Views:
    """A book's views, each made once: a chapter without its text, and the book with some chapters whole."""

    def __init__(self, book: Book) -> None:
        self.of = book
        self.chapters: dict[tuple[str, bool], ChapterDoc] = {}
        self.books: dict[frozenset[str], Book] = {}

    def chapter(self, doc: ChapterDoc, whole: bool) -> ChapterDoc:
        if (doc.id, whole) not in self.chapters:
            cut: dict[str, Any] = {"slides": [], "key_points": []}
            if not whole:
                cut |= {"blocks": [], "summary": None}
            self.chapters[doc.id, whole] = replace(doc, chapter=doc.chapter.model_copy(update=cut), located=None)
        return self.chapters[doc.id, whole]

    def book(self, whole: frozenset[str]) -> Book:
        if whole not in self.books:
            book = self.of

            def seen(item: Any) -> Any:
                return self.chapter(item, item.id in whole) if isinstance(item, ChapterDoc) else item

            lineage = replace(book.translation, parts=()) if book.translation is not None else None
            self.books[whole] = replace(
                book,
                chapters=tuple(seen(doc) for doc in book.chapters),
                back_matter=tuple(seen(item) for item in book.back_matter),
                files=(),
                images=(),
                located=None,
                translation=lineage,
            )
        return self.books[whole]


@per_book
def _views(book: Book) -> _Views:
    return _Views(book)


_MEMOS: list[tuple[Any, dict[int, tuple[Any, str]]]] = []  # (the book seen, its digests by object)


def _memo(book: Any) -> dict[int, tuple[Any, str]]:
    """Digests of the frozen values rendering for ``book`` (a view: its ``root`` and registers are its
    book's) has met, by object; the values are held, so an id is never another's."""
    if not _MEMOS or _MEMOS[0][0] is not book.people:
        _MEMOS[:] = [(book.people, {})]
    return _MEMOS[0][1]
