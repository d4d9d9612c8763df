"""What each form of publication is, and whether the content fits it: pure decisions, no layout.

``publication.yaml``'s ``form`` picks one of :data:`FORMS`: a ``pamphlet`` (A5
booklet: cover, imprint, contents when there is something to navigate, chapters
each on a new page, registers, back cover), a ``leaflet`` (A4 folded once to A5,
4 or 8 pages: a front panel designed as a cover, chapters run on, the imprint on
the back panel) or a ``flyer`` (one A5 or A4 sheet printed on both sides).

``contents_wanted`` and ``misfit`` are the rules the layout (``pamphlet/compose.py``)
asks about; ``misfit`` measures an overflow in words from the laid-out pages,
because a form that is too short for its text is fixed by cutting words or
choosing a larger form, never by shrinking the type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pamphleteer.content import model
from pamphleteer.errors import Problem

if TYPE_CHECKING:
    from pamphleteer.content import Book

MIN_CONTENTS_CHAPTERS = 3  # a contents page when there are this many chapters...
MIN_CONTENTS_PAGES = 16  # ...or this many pages
MIN_SIDE_WORDS = 60  # fewer words than this on a flyer's second side leave it nearly empty
# Words a page of text could never hold at the house type size (about three times a full page: an A5
# leaflet page sets some 340): past them a text is told it cannot fit before anything is laid out.
MAX_PAGE_WORDS = {"a5": 1000, "a4": 2000}


@dataclass(frozen=True)
class Form:
    """One form's shape, from the publication's ``form``, ``pages`` and ``sheet``."""

    name: str  # pamphlet, leaflet or flyer
    pages: int = 0  # the page count a leaflet is set for (4 or 8); 0 for a pamphlet, 2 for a flyer
    sheet: str = "a5"  # a5, or a4 for a flyer
    folds: bool = True  # its pages are imposed two-up in fold order (the booklet output)

    @property
    def covers(self) -> bool:
        """Whether it has a cover page and a back cover (the pamphlet and the leaflet's panels)."""
        return self.name != "flyer"

    @property
    def runs_on(self) -> bool:
        """Whether chapters run on without page breaks or running heads."""
        return self.name != "pamphlet"

    @property
    def front_pages(self) -> int:
        """Pages before the text: the pamphlet's cover and imprint, the leaflet's front panel."""
        return {"pamphlet": 2, "leaflet": 1}.get(self.name, 0)

    @property
    def back_pages(self) -> int:
        """Pages after the text: the back cover or back panel."""
        return 1 if self.covers else 0


def of(publication: model.Publication) -> Form:
    if publication.form == "leaflet":
        return Form("leaflet", pages=publication.pages or 4)
    if publication.form == "flyer":
        return Form("flyer", pages=2, sheet=publication.sheet or "a5", folds=False)
    return Form("pamphlet")


def problems(book: Book) -> list[Problem]:
    """Settings that belong to another form: ``pages`` is a leaflet's, ``sheet`` a flyer's."""
    pub, found = book.publication, []
    for key, owner in (("pages", "leaflet"), ("sheet", "flyer")):
        if getattr(pub, key) is not None and pub.form != owner and book.located:
            message = f"only a {owner} has {key}; this publication is a {pub.form} (form: {owner} to make one)"
            found.append(book.located.problem((key,), message))
    return found


def overflow(form: Form, words: int) -> str:
    """A leaflet's or flyer's text too long for it by counting alone, told before any layout; or ""."""
    if form.name == "pamphlet":
        return ""
    room = form.pages - form.front_pages - form.back_pages
    most = MAX_PAGE_WORDS[form.sheet] * room
    if words <= most:
        return ""
    bigger = "; choose 8 pages" if form.name == "leaflet" and form.pages == 4 and words <= most * 3 else ""
    return (
        f"the {form.name}'s text runs to {words:,} words, far more than its {room} page(s) of text hold "
        f"(at most about {most:,} at its type size): cut it, or make it a pamphlet (form: pamphlet){bigger}"
    )


def text_words(book: Book) -> int:
    """The words of the publication's chapters, as written (references and notes too)."""
    from pamphleteer.text import inline

    return sum(
        len(inline.plain(inline.parse(text, book.language), notes=True).split())
        for doc in book.all_chapters()
        for block in doc.chapter.blocks
        for text in model.texts(block.body)
    )


def contents_wanted(form: Form, chapters: int, pages: int) -> bool:
    """A contents page only in a pamphlet with something to navigate: 3+ chapters or 16+ pages."""
    return form.name == "pamphlet" and (chapters >= MIN_CONTENTS_CHAPTERS or pages >= MIN_CONTENTS_PAGES)


def misfit(form: Form, text_words: list[int]) -> str:
    """What to tell the author when the text's pages do not fit the form; "" when they do.

    ``text_words`` holds the words set on each page of text (not the cover or the back
    panel), read from the layout. The words set past the last page the form has room
    for are the overflow: the pages before them are full, so that is what must go.
    """
    if form.name == "pamphlet":
        return ""
    room = form.pages - form.front_pages - form.back_pages
    total = len(text_words) + form.front_pages + form.back_pages
    if form.name == "leaflet":
        if len(text_words) > room:
            cut = _about(sum(text_words[room:]))
            bigger = " or choose 8 pages" if form.pages == 4 and len(text_words) <= 8 - 2 else ""
            return f"the leaflet runs to {total} pages; a leaflet has 4 or 8: cut about {cut} words{bigger}"
        if form.pages == 8 and len(text_words) < room - 1:
            # more than one notes page would pad it to 8: write more, or fold a 4-page leaflet
            page = max(text_words, default=0)
            more = _about(page * (room - 2 - len(text_words)) + page - (text_words[-1] if text_words else 0))
            cut = f" (cut about {_about(sum(text_words[2:]))} words)" if len(text_words) > 2 else ""
            return f"the leaflet runs to {total} pages but is set for 8: add about {more} words or choose 4 pages{cut}"
        return ""
    if len(text_words) > room:
        cut = _about(sum(text_words[room:]))
        bigger = " or choose an A4 sheet (sheet: a4)" if form.sheet == "a5" else ""
        return f"the flyer runs to {total} pages; a flyer has 2 sides: cut about {cut} words{bigger}"
    if len(text_words) == room and text_words[-1] < MIN_SIDE_WORDS:
        # a second side with a few lines on it (the imprint, say) is a side printed nearly empty
        smaller = " or choose an A5 sheet (sheet: a5)" if form.sheet == "a4" else ""
        return (
            f"the flyer's second side carries only {text_words[-1]} words: write more for it, "
            f"or cut the text until it fits one side with the imprint{smaller}"
        )
    return ""


def _about(words: int) -> int:
    """A word count as an editor would say it: to the nearest ten, at least ten."""
    return max(10, round(words / 10) * 10)
