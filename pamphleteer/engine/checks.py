"""The publication's own rules beyond the schema, checked before anything is laid out.

Text that must fit its slide (the lecture planned once with the master's boxes)
and the handout's recap frames; characters the bundled fonts must draw:
problems located at file, line and field. And the warnings: a running head cut to
its line, and what a careful editor says (a chart spent on two numbers, a point too
long to read at a glance). Run by ``check`` and by every build right after loading,
and on the part of a publication that loaded even when other files have errors, so
one run reports every problem it can.
"""

from __future__ import annotations

import dataclasses

from pamphleteer.content import Book
from pamphleteer.errors import Problem


def problems(book: Book) -> list[Problem]:
    """Every rule the book breaks; an empty list when it keeps them all."""
    from pamphleteer import lecture  # python-pptx loads only when there is a book to check
    from pamphleteer.pamphlet import forms
    from pamphleteer.text import glyphs

    found: list[Problem] = [*forms.problems(book), *glyphs.check(book)]
    return found + lecture.planned(book).problems  # fitted once: the build's lecture outputs use it too


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


def partial(book: Book) -> list[Problem]:
    """The same rules on a book assembled from the files that validated beside others that did not.

    What failed validation is missing from such a book, so a rule that trips over the gap is
    skipped: its problem will show once the files it needs are fixed.
    """
    try:
        return problems(book)
    except _GAPS:
        pass
    found: list[Problem] = []
    talk = book.publication.lecture.model_copy(update={"reading": [], "parts": []})  # they may name what failed
    bare = book.publication.model_copy(update={"lecture": talk})
    for doc in book.all_chapters():  # narrow down: each chapter that can be checked on its own is
        alone = dataclasses.replace(book, publication=bare, chapters=(doc,), back_matter=())
        try:
            found += problems(alone)
        except _GAPS:
            continue
    return found


_GAPS = (LookupError, AttributeError, TypeError, ValueError)


def warnings(book: Book) -> list[Problem]:
    """What does not stop a build but an author should hear: a running head cut to its line, charts
    spent on two numbers or without a unit, slides that ask more of a hall than it can take in, tables
    whose words cannot stand side by side, pictures that print under 300 dpi."""
    from pamphleteer.lecture import pacing
    from pamphleteer.pamphlet import furniture, pictures, tables
    from pamphleteer.render import charts

    return [
        *furniture.head_warnings(book),
        *charts.warnings(book),
        *pacing.warnings(book),
        *tables.warnings(book),
        *pictures.warnings(book),
    ]
