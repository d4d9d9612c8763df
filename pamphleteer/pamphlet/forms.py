"""What each form of publication is, and whether the content fits it: pure decisions, no layout.

``publication.yaml``'s ``form`` picks one: a ``pamphlet`` (A5 booklet: cover, imprint,
contents when there is something to navigate, chapters each on a new page, registers,
back cover), a ``leaflet`` (A4 folded once to A5, 4 or 8 pages; or, with ``panels: 6``,
A4 letter-folded in three: a tri-fold of six panels, :data:`PANEL_WIDTHS`; either way a
front panel designed as a cover, chapters run on, the imprint on the back panel) or a
``flyer`` (one A5 or A4 sheet printed on both sides).

``contents_wanted`` and ``misfit`` are the rules the layout (``pamphlet/compose.py``)
asks about; ``misfit`` measures an overflow in words from the laid-out pages,
because a form that is too short for its text is fixed by cutting words or
choosing another form, never by shrinking the type, and it names the form that
would hold the words (a tri-fold sits between the 4- and the 8-page leaflet).
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
MAX_PAGE_WORDS = {"a5": 1000, "a4": 2000, "panel": 700}
# A tri-fold's panels in reading order, in mm (A4 landscape, 297 mm, letter-folded in three): the front,
# the three inside panels (the last of them the inner flap, folded in first, 3 mm narrower so it folds
# inside without buckling), the flap's outside and the back. Printed, the outside reads 5 | 6 | 1 and
# the inside 2 | 3 | 4 (pamphlet/imposition.py); templates/pamphlet/trifold.css gives the same sizes.
PANEL_WIDTHS = (100.0, 100.0, 100.0, 97.0, 97.0, 100.0)
PANEL_HEIGHT = 210.0
# Text blocks in mm (pamphlet.css, trifold.css): a panel holds this share of an A5 page's words.
PANEL_SHARE = (84 * 186) / (117 * 174)


@dataclass(frozen=True)
class Form:
    """One form's shape, from the publication's ``form``, ``pages``, ``panels`` and ``sheet``."""

    name: str  # pamphlet, leaflet or flyer
    pages: int = 0  # the pages (or panels) a leaflet is set for (4, 8 or 6); 0 for a pamphlet, 2 for a flyer
    sheet: str = "a5"  # a5, or a4 for a flyer
    folds: bool = True  # its pages are imposed in fold order (the booklet output)
    panels: bool = False  # a tri-fold: its pages are the six panels of one A4 sheet folded in three

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

    @property
    def room(self) -> int:
        """Pages (or panels) of text a short form has between its front and its back."""
        return self.pages - self.front_pages - self.back_pages

    @property
    def said(self) -> str:
        """What the form is called in a message: "leaflet", "tri-fold", "flyer"."""
        return "tri-fold" if self.panels else self.name


TRIFOLD = Form("leaflet", pages=6, panels=True)


def of(publication: model.Publication) -> Form:
    if publication.form == "leaflet" and publication.panels:
        return TRIFOLD
    if publication.form == "leaflet":
        return Form("leaflet", pages=publication.pages or 4)
    if publication.form == "flyer":
        return Form("flyer", pages=2, sheet=publication.sheet or "a5", folds=False)
    return Form("pamphlet")


def problems(book: Book) -> list[Problem]:
    """Settings that belong to another form: ``pages`` and ``panels`` are a leaflet's, ``sheet`` a flyer's;
    a leaflet is folded once (``pages``) or in three (``panels``), not both."""
    pub, found = book.publication, []
    if not book.located:
        return found
    for key, owner in (("pages", "leaflet"), ("panels", "leaflet"), ("sheet", "flyer")):
        if getattr(pub, key) is not None and pub.form != owner:
            message = f"only a {owner} has {key}; this publication is a {pub.form} (form: {owner} to make one)"
            found.append(book.located.problem((key,), message))
    if pub.form == "leaflet" and pub.pages is not None and pub.panels is not None:
        message = "a leaflet is folded once (pages: 4 or 8) or in three (panels: 6), not both: leave one out"
        found.append(book.located.problem(("panels",), message))
    return found


def overflow(form: Form, words: int) -> str:
    """A leaflet's or flyer's text too long for it by counting alone, told before any layout; or ""."""
    if form.name == "pamphlet":
        return ""
    most = MAX_PAGE_WORDS["panel" if form.panels else form.sheet] * form.room
    if words <= most:
        return ""
    # past a tri-fold or a 4-page leaflet, an 8-page one may still hold it (six pages of text)
    bigger = form.name == "leaflet" and form.pages != 8 and words <= MAX_PAGE_WORDS["a5"] * 6
    instead = " (pages: 8 instead of panels: 6)" if form.panels else ""
    unit = "panel(s)" if form.panels else "page(s)"
    return (
        f"the {form.said}'s text runs to {words:,} words, far more than its {form.room} {unit} of text hold "
        f"(at most about {most:,} at its type size): cut it, or make it a pamphlet (form: pamphlet)"
        + (f"; choose 8 pages{instead}" if bigger else "")
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

    ``text_words`` holds the words set on each page (or panel) of text (not the cover or the
    back panel), read from the layout. The words set past the last page the form has room
    for are the overflow: the pages before them are full, so that is what must go.
    """
    if form.name == "pamphlet":
        return ""
    if form.name == "leaflet":
        return _leaflet_misfit(form, text_words)
    room, total = form.room, len(text_words) + form.front_pages + form.back_pages
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


# The leaflets, smallest first, and the pages (or panels) of text each has.
_LEAFLETS = (("4", 2), ("tri-fold", 4), ("8", 6))


def _leaflet_misfit(form: Form, text_words: list[int]) -> str:
    """A leaflet's text too long or too short for its pages, and the leaflet that would hold it.

    What a full page (or panel) sets is read from the layout; a panel holds :data:`PANEL_SHARE` of a
    page. Each leaflet holds up to its pages of text, and needs more than all but two of them filled,
    as a second notes page would leave it half empty.
    """
    count, room = len(text_words), form.room
    total, unit = count + form.front_pages + form.back_pages, "panels" if form.panels else "pages"
    words, full = sum(text_words), max(text_words, default=0)
    page = full / PANEL_SHARE if form.panels else full
    holds = {}
    for name, pages in _LEAFLETS:
        each = page * PANEL_SHARE if name == "tri-fold" else page
        holds[name] = (0.0 if name == "4" else each * (pages - 2), each * pages)
    mine = "tri-fold" if form.panels else str(form.pages)
    fits = next((n for n, _ in _LEAFLETS if n != mine and holds[n][0] < words <= holds[n][1]), "")
    if count > room:
        has = "6" if form.panels else "4 or 8"
        said = f"the {form.said} runs to {total} {unit}; a {form.said} has {has}"
        fix = f"cut about {_about(sum(text_words[room:])):,} words"
    elif count < room - 1:
        # more than one notes page would pad it: write more, or choose a smaller leaflet
        said = f"the {form.said} runs to {total} {unit} but is set for {form.pages}"
        fix = f"add about {_about(full * (room - 1 - count) - (text_words[-1] if text_words else 0)):,} words"
    else:
        return ""
    if fits == "tri-fold":
        return (
            f"{said}: its {words:,} words fit neither 4 pages (about {_about(holds['4'][1]):,}) nor 8 (at least "
            f"about {_about(holds['8'][0]):,}); a tri-fold holds about {_about(holds['tri-fold'][1]):,}: "
            f"choose panels: 6 instead of pages: {mine}, or {fix}"
        )
    if fits:
        instead = f" (pages: {fits} instead of panels: 6)" if form.panels else ""
        return f"{said}: {fix} or choose {fits} pages{instead}"
    return f"{said}: {fix}"


def _about(words: float) -> int:
    """A word count as an editor would say it: to the nearest ten, at least ten."""
    return max(10, round(words / 10) * 10)
