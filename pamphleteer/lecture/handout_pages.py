"""The lecture handout: recap frames with room for notes, a timeline and the reading list.

Drawn from the same slide specs as the deck (python-pptx cannot render slides),
through Jinja and WeasyPrint like the pamphlet: A4 portrait or US Letter, three
frames a page beside ruled lines, or six a page without them.
"""

from __future__ import annotations

from pamphleteer import lecture
from pamphleteer.content import Book, stamp
from pamphleteer.errors import BuildError, Problem
from pamphleteer.render import typeset
from pamphleteer.text import cldr, glyphs

SLIDE_WIDTH = 960.0  # points: a 13.333-inch 16:9 slide; frames are the slide scaled down
PAPER_SHEETS = {"a4": [], "letter": ["handout/letter.css"]}


def render(
    book: Book,
    pages: dict[str, tuple[int, int]],
    parts: list[lecture.PartSpec],
    boxes: lecture.Boxes,
    *,
    per_page: int = 3,
    paper: str = "a4",
) -> bytes:
    """The handout PDF of the lecture's recap ``parts``; more than six pages is an error naming the cure."""
    frames = [(part, frame) for part in parts for frame in part.frames]
    if len(frames) > lecture.HANDOUT_PAGES * per_page:  # told before the layout: the frames alone overrun it
        found = f"the handout's {len(frames)} frames need more than {lecture.HANDOUT_PAGES} pages of {per_page}"
        raise BuildError([_too_long(book, found, per_page)])
    events = [e for e in book.events if e.highlight] or book.events
    reading = [book.sources[s] for s in book.publication.lecture.reading]
    source = typeset.html(
        "handout/handout.html.j2",
        book.language,
        book=book,
        parts=parts,
        groups=[frames[i : i + per_page] for i in range(0, len(frames), per_page)],
        lines=per_page == 3,
        events=events[:24],
        reading=reading,
        pages_of=lambda span: lecture.pages(span, cldr.numbers_tag(book.language, book.digits)),
        boxes=boxes["points"],
        scale=(86 if per_page == 6 else 96) * 72 / 25.4 / SLIDE_WIDTH,
        stamp=stamp(book),
        fallbacks=glyphs.fallbacks(book),
    )
    laid = typeset.layout(
        source, book.folders, typeset.stylesheets(["handout/handout.css", *PAPER_SHEETS[paper]], book.language)
    )
    if laid.page_count > lecture.HANDOUT_PAGES:
        raise BuildError([_too_long(book, f"the handout runs to {laid.page_count} pages", per_page)])
    return typeset.pdf(laid.document, variant="pdf/ua-1", identity="handout" + book.publication.title + stamp(book))


def _too_long(book: Book, found: str, per_page: int) -> Problem:
    cure = "group the chapters into fewer lecture parts" + (" or use --handout-slides 6" if per_page < 6 else "")
    return Problem(
        book.root / "publication.yaml",
        field="lecture.parts",
        message=f"{found} (at most {lecture.HANDOUT_PAGES}); {cure}",
    )
