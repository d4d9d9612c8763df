"""The publication as fingerprinted: the parts of the model an output is a function of.

The pamphlet and the screen editions read the text (``text``), the deck, handout and script the
lecture (``lecture``); each output's key (``builders/base.py``) and the fitted lecture's
(``lecture/fitted.py``) are made from these parts, so the two can never disagree on what an edit
touched. :func:`value_digest` digests any value a template is handed, field by field, for the
renderings kept by what they were rendered from (a pamphlet part's HTML, an EPUB or web document).
"""

from __future__ import annotations

import functools
import hashlib
import types
from dataclasses import fields, is_dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from pamphleteer.infra import dependencies

if TYPE_CHECKING:
    from . import Book, ChapterDoc


def chapter_parts(doc: ChapterDoc, *, text: bool, lecture: bool) -> dict[str, Any]:
    """A chapter as fingerprinted: its text for the pamphlet, its slides for the lecture."""
    c = doc.chapter
    out: dict[str, Any] = {
        "id": doc.id,
        "number": doc.number,
        "title": c.title,
        "short": c.short_title,
        "label": c.label,
        "summary": c.summary,
    }
    if doc.untranslated or doc.slides_untranslated:  # a translation marks what it takes from its original
        out["untranslated"] = [doc.untranslated, doc.slides_untranslated]
    if text:
        out["blocks"] = [b.model_dump(mode="json", exclude_none=True) for b in c.blocks]
    if lecture:
        out["slides"] = [s.model_dump(mode="json", exclude_none=True) for s in c.slides]
        out["key_points"] = list(c.key_points)
        out["tables"] = [b.table.model_dump(mode="json") for b in c.blocks if b.table]
    return out


def registers(book: Book) -> dict[str, Any]:
    """The registers (people, events, data, terms, sources) as fingerprinted."""

    def dump(items: Any) -> list[Any]:
        return [i.model_dump(mode="json", exclude_none=True) for i in items]

    return {
        "people": dump(book.people.values()),
        "events": dump(book.events),
        "series": dump(book.series.values()),
        "terms": dump(book.terms.values()),
        "sources": dump(book.sources.values()),
    }


def book_parts(book: Book, *, text: bool, lecture: bool) -> dict[str, Any]:
    """The whole publication as the pamphlet (``text``) or the lecture (``lecture``) reads it."""
    # the print section shapes only the print outputs, which read it themselves
    exclude = {"lecture", "print"} if not lecture else {"blurb", "colophon", "print"}
    roots = dependencies.roots(book.folders)
    return {
        "publication": book.publication.model_dump(mode="json", exclude=exclude),
        "chapters": [chapter_parts(d, text=text, lecture=lecture) for d in book.all_chapters()],
        "registers": registers(book),
        # which file each picture was found as (a translation's own, or its original's): a name the
        # chapters keep may come to name another file when one is added to the translation's folder
        "pictures": [dependencies.key_of(path, roots) for path in book.images],
    }


def value_digest(value: Any, memo: dict[int, tuple[Any, str]] | None = None) -> str:
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
