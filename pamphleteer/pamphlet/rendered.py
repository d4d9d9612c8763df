"""Each part of the pamphlet rendered to HTML from only what its template reads, and kept by that.

The template for one part (``pamphlet.html.j2`` with ``part``) reads the part's own sections
whole and, of every other chapter, its title, label and number (the contents) and anchor; no
part prints the slides. So a part is rendered from a *view* (:func:`view`): the book with its
own chapters whole, the others without their text, none with slides; the index's anchors of
its own chapters (all of them for the index of names). The template is handed the view and
nothing else of the book, so the HTML is a function of what it is handed, and is kept under the
digest of exactly that (:func:`digest`: every field of every value, a model's private
attributes included, and this tool's code), with the files the rendering read (templates, word
catalogues, the fonts it measured with), checked unchanged when it is read back: in the build's
cache (``infra/kept.py``, so a ``--watch``'s next build, a new process, has them too). An edit
then renders the part it changed, and a part whose page numbers changed, and no other. A view
leaving out something a template reads would change what is printed at once, in a clean build
as in every other, never only after some history of edits.
"""

from __future__ import annotations

import functools
import hashlib
import types
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import PurePath
from typing import Any

import babel
import fontTools
import jinja2
from pydantic import BaseModel

from pamphleteer.content import Book, ChapterDoc, per_book
from pamphleteer.infra import dependencies, kept
from pamphleteer.infra.locations import templates_dir
from pamphleteer.render import typeset
from pamphleteer.text import hyphenation, inline

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
    made_with = (template, language, str(templates_dir().resolve()), dependencies.code_digest(), _libraries(language))
    k = digest((made_with, context), _memo(context["book"]))
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


def _libraries(language: str) -> str:
    """What the filters' answers depend on besides this tool's code (as the tables they keep say):
    the libraries that parse, date, hyphenate (with the language's dictionary) and measure."""
    return " ".join(
        (jinja2.__version__, inline.PARSER_VERSION, babel.__version__, hyphenation.version(language), fontTools.version)
    )


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


def digest(value: Any, memo: dict[int, tuple[Any, str]] | None = None) -> str:
    """A digest of everything ``value`` holds: every field of a dataclass or a model (its private
    attributes too), every item of a mapping or a sequence, a set in sorted order, a function by its
    name (its code is this tool's; a function holding data in a closure is refused). A frozen value is
    digested once (``memo``); a type it does not know is an error, never passed over."""
    return hashlib.sha256(_encoded(value, {} if memo is None else memo)).hexdigest()


def _frozen(value: Any) -> bool:
    if isinstance(value, BaseModel):
        return bool(type(value).model_config.get("frozen"))
    if is_dataclass(value):
        return bool(type(value).__dataclass_params__.frozen)  # type: ignore[attr-defined]
    return isinstance(value, (tuple, frozenset))


def _encoded(value: Any, memo: dict[int, tuple[Any, str]]) -> bytes:
    """``value`` written out unambiguously (a string's repr is quoted and escaped); a frozen value
    that holds others as its digest, worked out once."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return repr(value).encode()
    held = memo.get(id(value))
    if held is not None and held[0] is value:
        return held[1].encode()
    found = _written(value, memo)
    if _frozen(value) and len(found) > 64:
        digested = "#" + hashlib.sha256(found).hexdigest()
        memo[id(value)] = (value, digested)
        return digested.encode()
    return found


def _written(value: Any, memo: dict[int, tuple[Any, str]]) -> bytes:
    name = f"{type(value).__module__}.{type(value).__qualname__}"
    if isinstance(value, PurePath):
        return f"{name}({str(value)!r})".encode()
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType)):
        if getattr(value, "__closure__", None):
            raise TypeError(f"{value.__qualname__}: a function holding data cannot be digested; use functools.partial")
        return f"{value.__module__}.{value.__qualname__}".encode()
    items: list[tuple[Any, Any]]
    if isinstance(value, BaseModel):
        private = getattr(value, "__pydantic_private__", None) or {}
        items = [*value.__dict__.items(), *sorted(private.items())]
    elif is_dataclass(value) and not isinstance(value, type):
        items = [(f.name, getattr(value, f.name)) for f in fields(value)]
    elif isinstance(value, (set, frozenset)):
        items = [(0, v) for v in sorted(_encoded(v, memo) for v in value)]
    elif isinstance(value, (list, tuple)):
        return b"[" + b",".join(_encoded(v, memo) for v in value) + b"]"
    elif hasattr(value, "items") and hasattr(value, "__getitem__"):  # a mapping (dict, ReadOnly)
        items = list(value.items())
    elif isinstance(value, functools.partial):
        items = [("func", value.func), ("args", value.args), ("keywords", value.keywords)]
    elif hasattr(value, "__dict__"):
        items = sorted(vars(value).items())
    else:
        raise TypeError(f"cannot digest a {name}")
    body = b",".join(_encoded(k, memo) + b":" + _encoded(v, memo) for k, v in items)
    return name.encode() + b"(" + body + b")"
