"""The publication as fingerprinted: the parts of the model an output is a function of.

The pamphlet and the screen editions read the text (``text``), the deck, handout and script the
lecture (``lecture``); each output's key (``builders/base.py``) and the fitted lecture's
(``lecture/fitted.py``) are made from these parts, so the two can never disagree on what an edit
touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
