"""The e-book, ``pamphlet.epub``: an EPUB 3 with one XHTML document per chapter and register.

The documents come from the same content model and the same body macros as
the web edition (``screen/documents.py`` plans them, ``templates/epub/`` draws them);
this module adds what makes them an EPUB: the navigation document (with the
print edition's page list, when its page map is given), the package document with
its metadata (the accessibility claims derived from what the book holds, :class:`Holds`,
and where the page numbers come from), a cover, the fonts subset to its text
(``screen/fonts.py``), its images, and the zip container. The container is reproducible: the
``mimetype`` entry first and stored, then every file in a fixed order with a
fixed time (SOURCE_DATE_EPOCH's, else 1980-01-01), so the same content gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

from babel.lists import format_list

from pamphleteer import settings
from pamphleteer.content import Book
from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import cldr, inline, words

from . import documents, fonts

# Structural semantics of each register, for epub:type and the landmarks.
TYPES = {
    "people": "appendix",
    "timeline": "appendix",
    "glossary": "glossary",
    "sources": "bibliography",
    "index": "index",
}
LANDMARKS = {"glossary": "glossary", "sources": "bibliography", "index": "index"}
# The DPUB-ARIA role of each epub:type the documents use on a <section> (DPUB-ARIA 1.1, the EPUB mapping);
# titlepage and footnotes have none: their sections keep the epub:type alone.
ROLES = {t: f"doc-{t}" for t in ("chapter", "appendix", "glossary", "bibliography", "index", "colophon")}
# The registers that link to and from the text (the timeline and the sources only list).
LINKED = ("people", "glossary", "index")
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)


# What the print edition's page markers and page list add to the accessibility features.
PAGE_FEATURES = ("pageBreakMarkers", "pageNavigation", "printPageNumbers")


@dataclass(frozen=True)
class Holds:
    """What the book holds that its accessibility metadata speaks of, read from the model and its documents."""

    charts: bool  # charts, each with a text description and its figures as a table
    pictures: bool  # pictures, each with its alternative text
    notes: bool  # footnotes, linked both ways
    registers: tuple[str, ...]  # the registers that link to and from the text, by kind
    index: bool
    paged: bool  # the print edition's page markers and page list

    @property
    def visual(self) -> bool:
        return self.charts or self.pictures

    @property
    def features(self) -> list[str]:
        """schema:accessibilityFeature values, each true of this book."""
        out = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
        out += ["index"] if self.index else []
        out += ["alternativeText"] if self.pictures else []
        out += ["longDescription"] if self.charts else []  # each chart's <desc> and its table of figures
        out += list(PAGE_FEATURES) if self.paged else []
        return out

    def summary(self, plan: documents.ScreenEdition) -> str:
        """The accessibility summary, in the book's language, saying only what is true of it."""
        language = plan.book.language
        said = words.catalogue(language)
        parts = [said["accessibility_text"]]
        parts += [said["accessibility_charts"]] if self.charts else []
        parts += [said["accessibility_images"]] if self.pictures else []
        parts += [said["accessibility_notes"]] if self.notes else []
        if self.registers:
            names = format_list([plan.titles[k] for k in self.registers], locale=cldr.babel_locale(language))
            parts.append(words.fill(language, "accessibility_registers", registers=names))
        return words.fill(language, "accessibility_summary", features=said["accessibility_separator"].join(parts))


def holds(plan: documents.ScreenEdition, pages: dict[str, str]) -> Holds:
    book = plan.book
    blocks = [b for d in book.all_chapters() for b in d.chapter.blocks]
    return Holds(
        charts=any(b.figure for b in blocks),
        pictures=any(b.image for b in blocks) or book.publication.cover is not None,
        notes=any('epub:type="footnote"' in text for text in pages.values()),
        registers=tuple(k for k in LINKED if k in plan.by_kind),
        index="index" in plan.by_kind,
        paged=bool(plan.placed),
    )


def render(book: Book, print_pages: dict[str, str] | None = None, cache: Path | None = None) -> bytes:
    """The EPUB's bytes; ``print_pages``: the pamphlet's print page map, for page markers and a page list;
    ``cache``: where the subset fonts are kept between builds."""
    pictures = documents.images(book, cache)  # first: the pages name each picture by its rendition's format
    plan = documents.ScreenEdition(book, "xhtml", print_pages)
    context = {"types": TYPES, "roles": ROLES, "credit": fonts.credit(book)}
    pages = plan.documents("epub/page.xhtml.j2", edition="epub", **context)
    files: dict[str, bytes] = {}
    cover = plan.cover
    if not cover:  # no cover picture: one drawn from the title and the palette, on a page of its own
        cover = "cover.svg"
        files["cover.xhtml"] = plan.render("epub/cover.xhtml.j2", cover=cover).encode()
    files["title.xhtml"] = plan.render("epub/title.xhtml.j2", **context).encode()
    files["nav.xhtml"] = plan.render("epub/nav.xhtml.j2", landmarks=LANDMARKS).encode()
    files.update({name: text.encode() for name, text in pages.items()})
    faces = fonts.faces(book)
    resources: dict[str, bytes] = {
        "fonts.css": plan.render("epub/fonts.css.j2", faces=[(f, f.name("")) for f in faces], edition="epub").encode(),
        "style.css": _template_file("epub/style.css"),
    }
    if book.look.styled:  # the house style's colours and typeface over our design's
        resources["house.css"] = plan.render("epub/house.css.j2").encode()
    if cldr.direction(book.language) == "rtl":  # the mirrored rules, linked by every document
        resources["rtl.css"] = _template_file("epub/rtl.css")
    if "cover.xhtml" in files:
        resources[cover] = plan.render("epub/cover.svg.j2", **_cover_lines(book)).encode()
    resources.update(fonts.embedded(book, files.values(), "", cache))
    resources.update(pictures)
    found = holds(plan, pages)
    package = plan.render(
        "epub/package.opf.j2",
        identifier=documents.identifier(book),
        modified=documents.modified(book),
        holds=found,
        conformance=CONFORMANCE,
        certifier=book.publication.publisher or ", ".join(book.publication.authors) or "pamphleteer",
        summary=found.summary(plan),
        documents=[(name, _properties(name, data)) for name, data in files.items()],
        resources=[(name, documents.media_type(name)) for name in resources],
        cover=cover,
        paged=bool(plan.placed),
    )
    files["package.opf"] = package.encode()
    files.update(resources)
    return _zip(files)


def _cover_lines(book: Book) -> dict[str, list[str]]:
    """The drawn cover's title and subtitle broken into lines that fit its width at their sizes."""
    pub = book.publication
    title = inline.smart(pub.title, book.language)
    subtitle = inline.smart(pub.subtitle, book.language) if pub.subtitle else ""
    return {"title_lines": textwrap.wrap(title, 16), "subtitle_lines": textwrap.wrap(subtitle, 34)}


def _properties(name: str, data: bytes) -> str:
    """A document's manifest properties: the navigation document's, and whether it holds SVG."""
    return " ".join(p for p, true in (("nav", name == "nav.xhtml"), ("svg", b"<svg" in data)) if true)


def _template_file(name: str) -> bytes:
    path = templates_dir() / name
    data = path.read_bytes()
    dependencies.record(path, data)
    return data


def _zip(files: dict[str, bytes]) -> bytes:
    when = _zip_time()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        # The mimetype entry first and stored, uncompressed, with no extra field: reading systems sniff it.
        _add(z, "mimetype", b"application/epub+zip", when, zipfile.ZIP_STORED)
        _add(z, "META-INF/container.xml", CONTAINER.encode(), when, zipfile.ZIP_DEFLATED)
        for name, data in files.items():
            method = zipfile.ZIP_STORED if name.endswith((".png", ".jpg")) else zipfile.ZIP_DEFLATED
            _add(z, f"EPUB/{name}", data, when, method)
    return out.getvalue()


def _add(z: zipfile.ZipFile, name: str, data: bytes, when: tuple[int, ...], method: int) -> None:
    info = zipfile.ZipInfo(name, date_time=when)  # type: ignore[arg-type]
    info.compress_type = method
    info.external_attr = 0o644 << 16
    info.create_system = 0  # the same bytes whatever system builds it
    z.writestr(info, data, compress_type=method, compresslevel=9 if method == zipfile.ZIP_DEFLATED else None)


# The span a zip entry's time can hold (MS-DOS dates, two-second steps).
ZIP_FIRST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)


def _zip_time() -> tuple[int, ...]:
    when = settings.source_date()
    if when is not None:
        when = min(max(when, ZIP_FIRST), ZIP_LAST)
        return (when.year, when.month, when.day, when.hour, when.minute, when.second)
    return (1980, 1, 1, 0, 0, 0)
