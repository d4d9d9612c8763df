"""The web edition, ``web/``: a static site of a page per chapter and register, readable from disk or served.

The pages come from the same plan and body macros as the EPUB (``screen/documents.py``,
``templates/epub/_screen.html.j2``), framed by ``templates/web/``: a contents
menu, previous and next links, and links to download the other editions.
Footnotes open in place with the HTML popover attribute, so the site needs no
script; everything it loads (stylesheet, fonts, images) is in the folder, and
every link between its pages is relative, so it works opened from disk. Its fonts are WOFF2, each
subset to the characters its pages show (``screen/fonts.py``).
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.content import Book
from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import cldr

from . import documents, fonts


def render(
    book: Book,
    downloads: list[tuple[str, str]],
    print_pages: dict[str, str] | None = None,
    cache: Path | None = None,
) -> dict[str, bytes]:
    """The site's files by their path inside the folder; ``downloads`` are (file beside the folder, what it is);
    ``print_pages``: the pamphlet's print page map, marked in the text and listed on the front page; ``cache``:
    where the subset fonts are kept between builds."""
    plan = documents.ScreenEdition(book, "html", print_pages)
    context = {"edition": "web", "downloads": downloads, "credit": fonts.credit(book)}
    pages = plan.documents("web/page.html.j2", **context)
    files = {"index.html": plan.render("web/home.html.j2", **context)}
    files.update(pages)
    out = {name: text.encode() for name, text in files.items()}
    sheets = ["style.css", "rtl.css"] if cldr.direction(book.language) == "rtl" else ["style.css"]
    for name in sheets:
        path = templates_dir() / "web" / name
        out[name] = path.read_bytes()
        dependencies.record(path, out[name])
    if book.look.styled:  # the house style's colours and typeface over our design's
        out["house.css"] = plan.render("web/house.css.j2").encode()
    faces = [(f, f.name("woff2")) for f in fonts.faces(book)]
    out["fonts.css"] = plan.render("epub/fonts.css.j2", faces=faces, edition="web").encode()
    out.update(fonts.embedded(book, [out[name] for name in files], "woff2", cache))
    out.update(documents.images(book))
    return out
