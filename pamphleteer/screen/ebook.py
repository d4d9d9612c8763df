"""The e-book, ``pamphlet.epub``: an EPUB 3 with one XHTML document per chapter and register.

The documents come from the same content model and the same body macros as
the web edition (``screen/documents.py`` plans them, ``templates/epub/`` draws them);
this module adds what makes them an EPUB: the navigation document (with the
print edition's page list, when its page map is given), the package document with
its metadata (accessibility included, and where the page numbers come from), the bundled
fonts and images, and the zip container. The container is reproducible: the
``mimetype`` entry first and stored, then every file in a fixed order with a
fixed time (SOURCE_DATE_EPOCH's, else 1980-01-01), so the same content gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pamphleteer import settings
from pamphleteer.content import Book
from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import cldr, words

from . import documents

# Structural semantics of each register, for epub:type and the landmarks.
TYPES = {
    "people": "appendix",
    "timeline": "appendix",
    "glossary": "glossary",
    "sources": "bibliography",
    "index": "index",
}
LANDMARKS = {"glossary": "glossary", "sources": "bibliography", "index": "index"}
FEATURES = (
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
    "index",
    "alternativeText",
    "longDescription",
)
CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)


# What the print edition's page markers and page list add to the accessibility features.
PAGE_FEATURES = ("pageBreakMarkers", "pageNavigation", "printPageNumbers")


def render(book: Book, print_pages: dict[str, str] | None = None) -> bytes:
    """The EPUB's bytes; ``print_pages``: the pamphlet's print page map, for page markers and a page list."""
    plan = documents.ScreenEdition(book, "xhtml", print_pages)
    pages = plan.documents("epub/page.xhtml.j2", types=TYPES, edition="epub")
    files: dict[str, bytes] = {"title.xhtml": plan.render("epub/title.xhtml.j2").encode()}
    files["nav.xhtml"] = plan.render("epub/nav.xhtml.j2", landmarks=LANDMARKS).encode()
    files.update({name: text.encode() for name, text in pages.items()})
    resources: dict[str, bytes] = {"style.css": _template_file("epub/style.css")}
    if book.look.styled:  # the house style's colours and typeface over our design's
        resources["house.css"] = plan.render("epub/house.css.j2").encode()
    if cldr.direction(book.language) == "rtl":  # the mirrored rules, linked by every document
        resources["rtl.css"] = _template_file("epub/rtl.css")
    resources.update({f"fonts/{name}": data for name, data in documents.fonts().items()})
    resources.update(documents.images(book))
    visual = any("<svg" in text or "<img" in text for text in pages.values())
    features = [f for f in FEATURES if f != "index" or "index" in plan.by_kind]
    features += list(PAGE_FEATURES) if plan.placed else []
    package = plan.render(
        "epub/package.opf.j2",
        identifier=documents.identifier(book),
        modified=documents.modified(book),
        visual=visual,
        features=features,
        summary=words.catalogue(book.language)["accessibility_summary"],
        documents=[(name, "svg" if "<svg" in text else "") for name, text in pages.items()],
        resources=[(name, documents.media_type(name)) for name in resources],
        cover=plan.cover,
        paged=bool(plan.placed),
    )
    files["package.opf"] = package.encode()
    files.update(resources)
    return _zip(files)


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
