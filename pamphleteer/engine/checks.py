"""The publication's own rules beyond the schema, checked before anything is laid out, by target.

Text that must fit its slide (the lecture planned once with the master's boxes)
and the handout's recap frames; characters the bundled fonts must draw; settings
that belong to another form: problems located at file, line and field. And the
warnings: what was set another way than written (a table's columns over two
slides, a reading list on a second closing slide, a running head cut to its
line), and what a careful editor says (a chart spent on two numbers, a point too
long to read at a glance, a table whose words cannot stand side by side, a picture
that prints under 300 dpi, an appendix listed with nothing in it).

Each rule concerns the outputs that would show it (:data:`RULES`, :data:`WARNINGS`): a build stops
only for the problems of the outputs it was asked for, so a slide that does not fit
stops the deck, not the web edition. ``check`` asks for every output. Run by
``check`` and by every build right after loading, and on the part of a publication
that loaded even when other files have errors, so one run reports every problem it can.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from pamphleteer.content import Book
from pamphleteer.errors import Problem

if TYPE_CHECKING:  # python-pptx loads only when a lecture output is asked for
    from pamphleteer.lecture import FittedLecture

Rule = Callable[[Book], list[Problem]]

EVERY = None  # the targets of a rule every output shows
SLIDES = frozenset({"deck", "script", "deck-pdf"})  # the outputs that draw the deck's slides
HANDOUT = frozenset({"handout"})  # the recap frames
PAGES = frozenset({"pamphlet", "print", "booklet"})  # the reading edition's pages and running heads


def _forms(book: Book) -> list[Problem]:
    from pamphleteer.pamphlet import forms

    return forms.problems(book)


def _glyphs(book: Book) -> list[Problem]:
    from pamphleteer.text import glyphs

    return glyphs.check(book)


def _lecture(book: Book) -> FittedLecture:
    from pamphleteer import lecture

    return lecture.planned(book)  # fitted once: the build's lecture outputs use it too


def _slides(book: Book) -> list[Problem]:
    return list(_lecture(book).slide_problems)


def _recap(book: Book) -> list[Problem]:
    return list(_lecture(book).recap_problems)


def _slide_warnings(book: Book) -> list[Problem]:
    return list(_lecture(book).slide_warnings)


def _heads(book: Book) -> list[Problem]:
    from pamphleteer.pamphlet import furniture

    return furniture.head_warnings(book)


def _pacing(book: Book) -> list[Problem]:
    from pamphleteer.lecture import pacing

    return pacing.warnings(book)


def _pages(book: Book) -> list[Problem]:
    from pamphleteer.pamphlet import pictures, tables

    return tables.warnings(book) + pictures.warnings(book)


def _appendices(book: Book) -> list[Problem]:
    from pamphleteer.pamphlet import compose

    return compose.left_out(book, printed=False)


def _unprinted(book: Book) -> list[Problem]:
    from pamphleteer.pamphlet import compose

    return compose.left_out(book, printed=True)


def _charts(book: Book) -> list[Problem]:
    from pamphleteer.render import charts

    return charts.warnings(book)


# (the outputs a rule concerns, EVERY for all, the rule)
RULES: tuple[tuple[frozenset[str] | None, Rule], ...] = (
    (EVERY, _forms),
    (EVERY, _glyphs),
    (SLIDES, _slides),
    (HANDOUT, _recap),
)
WARNINGS: tuple[tuple[frozenset[str] | None, Rule], ...] = (
    (SLIDES, _slide_warnings),
    (SLIDES, _pacing),
    (PAGES, _heads),
    (PAGES, _pages),
    (EVERY, _charts),
    (EVERY, _appendices),
    (PAGES, _unprinted),  # after them: the appendices' warnings in the order they are listed
)


def _wanted(concerns: frozenset[str] | None, targets: Collection[str] | None) -> bool:
    return concerns is None or targets is None or bool(concerns & set(targets))


def problems(book: Book, targets: Collection[str] | None = None) -> list[Problem]:
    """Every rule the book breaks that concerns ``targets`` (None: every output); empty when it keeps them all."""
    return [p for concerns, rule in RULES if _wanted(concerns, targets) for p in rule(book)]


def warnings(book: Book, targets: Collection[str] | None = None) -> list[Problem]:
    """What does not stop a build of ``targets`` (None: every output) but an author should hear.

    ``--strict`` makes them errors (for CI).
    """
    return [p for concerns, rule in WARNINGS if _wanted(concerns, targets) for p in rule(book)]


def counted(book: Book, per_page: int, handout: bool) -> list[Problem]:
    """What cannot fit, told by counting before anything is laid out: a leaflet's or flyer's words,
    and (when the ``handout`` is made) its frames."""
    from pamphleteer.pamphlet import forms

    found = _handout(book, per_page) if handout else []
    problem = forms.overflow(forms.of(book.publication), forms.text_words(book))
    if problem:
        where = ("form",) if "form" in (book.located.data if book.located else {}) else ()
        found.append(book.located.problem(where, problem) if book.located else Problem(None, message=problem))
    return found


def _handout(book: Book, per_page: int) -> list[Problem]:
    """Each lecture part takes a frame at least, and the handout holds ``HANDOUT_PAGES`` of ``per_page``."""
    from pamphleteer import lecture

    count, room = len(lecture.parts(book)), lecture.HANDOUT_PAGES * per_page
    if count <= room:
        return []
    declared = bool(book.publication.lecture.parts)
    loc = ("lecture", "parts") if declared else ("chapters",)
    kind = "lecture parts" if declared else "chapters (each a part of the lecture, as no lecture.parts are given)"
    message = (
        f"the handout would run past {lecture.HANDOUT_PAGES} pages: {count} {kind} make {count} frames, and it holds "
        f"{room} ({per_page} a page); group the chapters into fewer lecture parts"
    )
    if per_page < 6:
        message += " or use --handout-slides 6"
    if book.located is None:
        return [Problem(book.root / "publication.yaml", field=".".join(loc), message=message)]
    return [book.located.problem(loc, message)]


def partial(book: Book, targets: Collection[str] | None = None) -> list[Problem]:
    """The same rules on a book assembled from the files that validated beside others that did not.

    What failed validation is missing from such a book, so a rule that trips over the gap is
    skipped: its problem will show once the files it needs are fixed.
    """
    try:
        return problems(book, targets)
    except _GAPS:
        pass
    found: list[Problem] = []
    talk = book.publication.lecture.model_copy(update={"reading": [], "parts": []})  # they may name what failed
    bare = book.publication.model_copy(update={"lecture": talk})
    for doc in book.all_chapters():  # narrow down: each chapter that can be checked on its own is
        alone = dataclasses.replace(book, publication=bare, chapters=(doc,), back_matter=())
        try:
            found += problems(alone, targets)
        except _GAPS:
            continue
    return found


_GAPS = (LookupError, AttributeError, TypeError, ValueError)
