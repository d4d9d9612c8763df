"""Where the text names a person of the register without linking them: each mention as a span.

The index of names lists every page on which a person is named, not only where the author
wrote a reference (``[Friedrich Ebert](person:ebert)``). A person is found in running text by
the name forms ``people.yaml`` gives:

- the full ``name`` ("Friedrich Ebert");
- the surname: what ``index_as`` puts before its comma ("Ebert, Friedrich"), or else the last
  word of a name of two words or more, when it is a capitalised word of three letters or more
  ("Wilhelm II." has none: "II." is no surname);
- each form listed under ``also:`` (another spelling, a title, an inflected form:
  "Friedrich Eberts", "Троцкого").

A form two people share (two Marxes) names neither, unless it is one's full name or listed in one's
``also``. Forms are matched exactly, as whole words, with the typographic quotes the text gets; a
language that inflects names (German genitive -s, Russian cases) finds only the forms listed, which
is why ``also`` exists. References the author wrote are found as before; the text inside them is
not searched again.

``split`` cuts the text spans of a parsed field (``inline.Span``) around each mention, making it
a span of kind ``mention`` whose ``ref_id`` is the person's id; the templates give it the index's
anchor where it is first met or print its words as they are.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from dataclasses import replace
from typing import Any

from . import inline

_NOT_SEARCHED = ("ref", "link", "mention")  # a reference's own words are that reference
_SURNAME = re.compile(r"[^\W\d_][^\W\d_'’-]{2,}")


def forms(people: Any, language: str) -> dict[str, str]:
    """Each name form -> the id of the person it names; forms two people share are left out."""
    claims: dict[str, set[str]] = {}  # every form -> whom it may name
    strong: dict[str, set[str]] = {}  # full names and listed forms -> whose they are
    for person in people:
        own = [inline.smart(f, language).strip() for f in (person.name, *(person.also or ()))]
        for form in own:
            strong.setdefault(form, set()).add(person.id)
        for form in [*own, inline.smart(surname(person), language).strip()]:
            if form:
                claims.setdefault(form, set()).add(person.id)
    found = {}
    for form, ids in claims.items():
        whose = ids if len(ids) == 1 else strong.get(form, set())
        if len(whose) == 1:
            found[form] = next(iter(whose))
    return found


def surname(person: Any) -> str:
    """The surname the index files a person under: before ``index_as``'s comma, else the name's last word."""
    if person.index_as and "," in person.index_as:
        return person.index_as.split(",", 1)[0].strip()
    words = person.name.split()
    if len(words) >= 2 and _SURNAME.fullmatch(words[-1]) and words[-1][0].isupper():
        return words[-1]
    return ""


_FINDERS: dict[int, tuple[weakref.ref[Any], re.Pattern[str] | None, dict[str, str], str]] = {}


def finder(book: Any) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The book's name forms as one pattern (longest first, whole words), and form -> person id."""
    pattern, table, _ = _finder(book)
    return pattern, table


def _finder(book: Any) -> tuple[re.Pattern[str] | None, dict[str, str], str]:
    """:func:`finder`'s answer, and the digest of its forms (what a split is a function of besides the text)."""
    if book is None:
        return None, {}, ""
    key = id(book)
    held = _FINDERS.get(key)
    if held is not None and held[0]() is book:
        return held[1], held[2], held[3]
    table = forms(book.people.values(), book.language)
    alternatives = "|".join(re.escape(f) for f in sorted(table, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if table else None
    digest = hashlib.sha256(repr(sorted(table.items())).encode()).hexdigest()
    _FINDERS[key] = (weakref.ref(book), pattern, table, digest)
    return pattern, table, digest


def split(spans: tuple[inline.Span, ...], book: Any) -> tuple[inline.Span, ...]:
    """``spans`` with each mention of a person in their text made a ``mention`` span.

    Kept between builds (``infra.kept.table``) under the book's name forms, like the texts' pieces:
    every rendering of the text asks, in every process that renders it."""
    from pamphleteer.infra import kept

    pattern, table, digest = _finder(book)
    if pattern is None:
        return spans
    answers = kept.table("mentions", digest)
    found = answers.get(spans)
    if found is None:
        found = answers[spans] = tuple(_split(spans, pattern, table))
    return found


def _split(spans: tuple[inline.Span, ...], pattern: re.Pattern[str], table: dict[str, str]) -> list[inline.Span]:
    out: list[inline.Span] = []
    for span in spans:
        if span.kind == "text":
            at = 0
            for match in pattern.finditer(span.text):
                if match.start() > at:
                    out.append(inline.Span("text", span.text[at : match.start()]))
                word = inline.Span("text", match.group())
                out.append(inline.Span("mention", children=(word,), ref_id=table[match.group()]))
                at = match.end()
            if at < len(span.text):
                out.append(inline.Span("text", span.text[at:]) if at else span)
        elif span.children and span.kind not in _NOT_SEARCHED:
            out.append(replace(span, children=tuple(_split(span.children, pattern, table))))
        else:
            out.append(span)
    return out
