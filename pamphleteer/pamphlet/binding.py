"""A perfect-bound pamphlet's binding: which pages make the glued block, and its cover's lettered spine.

Bound perfect, the pamphlet's first two and last two pages (the front cover and the imprint behind it,
the last notes page and the back cover) are printed on the cover sheet, outside and inside
(``imposition.cover``); the block glued into it is the pages between, which keeps every page on its own
side (page 3 a right-hand page, as it is in the reading edition). The spine is as wide as the block is
thick (``Print.spine_mm``), and lettered with the title and publisher, read top to bottom, when it is at
least :data:`LETTERED_MM` wide: narrower, a line of type would not fit between its folds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pamphleteer.pamphlet.imposition import BLEED_MM, SEAM_MM

if TYPE_CHECKING:
    from pamphleteer.content import Book

LETTERED_MM = 6.0  # the narrowest spine lettered: 7 pt capitals with a millimetre and a half either side
COVER_PAGES = 2  # pages of the reading edition on the cover sheet at each end: the cover and its inside
LONGEST_PT = 12.0  # the spine's title size at most, however thick the block


def block_pages(pages: int) -> list[int]:
    """The reading edition's pages (1-based) glued into the cover: all but the cover sheet's."""
    return list(range(COVER_PAGES + 1, pages - COVER_PAGES + 1))


def lettered(width_mm: float) -> bool:
    """Whether a spine this wide carries the title and publisher."""
    return width_mm >= LETTERED_MM


def title_size(width_mm: float) -> float:
    """The spine title's size in points: a little under half the spine's width, at most :data:`LONGEST_PT`."""
    return round(min(LONGEST_PT, width_mm * 0.42 * 72 / 25.4), 1)


def spine(book: Book, width_mm: float, length_mm: float) -> bytes:
    """The spine's one page, lying down: ``length_mm`` (the cover's height and its bleed) across,
    ``width_mm`` up (and ``SEAM_MM`` more each side, to lie under the covers' edges); in the cover's
    colour, lettered when wide enough."""
    from pamphleteer.render import typeset  # WeasyPrint loads only when a cover is built
    from pamphleteer.text import glyphs

    source = typeset.html(
        "pamphlet/spine.html.j2",
        book.language,
        book=book,
        length_mm=round(length_mm + 2 * BLEED_MM, 3),
        width_mm=round(width_mm + 2 * SEAM_MM, 3),
        lettered=lettered(width_mm),
        size_pt=title_size(width_mm),
        fallbacks=glyphs.fallbacks(book),
    )
    laid = typeset.layout(source, book.folders, typeset.stylesheets(["pamphlet/spine.css"], book.language))
    return typeset.pdf(
        laid.document, variant=None, identity=f"spine {book.publication.title} {width_mm:.3f}", tags=False
    )
