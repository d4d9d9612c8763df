"""The web edition, ``web/``: a static site of a page per chapter and register, readable from disk or served.

The pages come from the same plan and body macros as the EPUB (``screen/documents.py``,
``templates/epub/_screen.html.j2``), framed by ``templates/web/``: a contents
menu, previous and next links, and links to download the other editions, which
the build copies into the folder (``builders/web.py``).
Footnotes open in place with the HTML popover attribute, so the site needs no
script; everything it loads (stylesheet, fonts, images, its favicon) is in the folder,
and every link between its pages is relative, so it works opened from disk and
published as it is. A ``404.html`` and a favicon drawn in the publication's colours
come always; with the publication's ``url:`` the pages also name their canonical
address and carry sharing tags (Open Graph, a card), and a ``sitemap.xml`` and
``robots.txt`` list them, all of which need absolute addresses. Its fonts are WOFF2, each
subset to the characters its pages show (``screen/fonts.py``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pamphleteer.content import Book
from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import cldr

from . import documents, fonts

NOT_FOUND = "404.html"  # the name static hosts (GitHub Pages, Netlify, Cloudflare) serve for a missing page


def render(
    book: Book,
    downloads: list[tuple[str, str]],
    print_pages: dict[str, str] | None = None,
    cache: Path | None = None,
) -> dict[str, bytes]:
    """The site's files by their path inside the folder; ``downloads`` are (file inside the folder, what it is);
    ``print_pages``: the pamphlet's print page map, marked in the text and listed on the front page; ``cache``:
    the build's cache folder, where the subset fonts and the pictures' screen renditions are kept."""
    pictures = documents.images(book, cache)  # first: the pages name each picture by its rendition's format
    plan = documents.ScreenEdition(book, "html", print_pages)
    address = base_address(str(book.publication.url or ""))
    context = {"edition": "web", "downloads": downloads, "address": address, "credit": fonts.credit(book)}
    pages = plan.documents("web/page.html.j2", **context)
    files = {"index.html": plan.render("web/home.html.j2", **context)}
    files.update(pages)
    files[NOT_FOUND] = plan.render("web/404.html.j2", page="", **context)
    files["favicon.svg"] = plan.render("web/favicon.svg.j2")
    if address:
        listed = ["index.html", *pages]
        files["sitemap.xml"] = plan.render("web/sitemap.xml.j2", listed=listed, **context)
        files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {address}sitemap.xml\n"
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
    out.update(pictures)
    return out


def base_address(url: str) -> str:
    """The address the folder is published at, ending in "/", that each page's name completes; "" without one.

    ``https://example.org/pamphlet`` and ``https://example.org/pamphlet/index.html`` both give
    ``https://example.org/pamphlet/``; a query or fragment is no part of it.
    """
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path or "/"
    if not path.endswith("/"):
        last = path.rsplit("/", 1)[-1]
        path = path[: -len(last)] if "." in last else path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
