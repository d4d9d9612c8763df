"""HTML to PDF: the Jinja environment and WeasyPrint, fenced in.

Everything the pamphlet and the handout share lives here: templates load from ``templates/`` with
autoescape on and ``StrictUndefined``; inline markup is rendered by Jinja macros, never by joining
strings in Python; and WeasyPrint may fetch only regular files inside the publication folder and
the templates folder. Anything else (other paths, ``file://`` outside, any network) is refused.
The publication's pictures are named to WeasyPrint by a URL that holds no folder
(:func:`picture_url`), so a PDF is the same bytes wherever the publication lies.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import mimetypes
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from urllib.request import url2pathname

from pamphleteer.infra import quickload  # noqa: F401  (before WeasyPrint: it loads it without a search)

# isort: split
import jinja2
import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from pamphleteer import settings
from pamphleteer.errors import UsageError, display_path
from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import house_style, missing, templates_dir
from pamphleteer.text import bidi, cldr, inline, mentions, pieces, words

from . import chart_layout, charts, compiled, weasy
from .qr import qr

weasy.pending_footnotes()  # footnotes in linear time: see weasy.Pending
weasy.described_figures()  # every figure of the tagged PDF described, or decoration
weasy.cached_runs()  # the HTML parser finds the patterns it compiled: see weasy/parsing.py
weasy.remember_lines()  # a line broken before is not broken again: see weasy/lines.py
weasy.open_arrays()  # the font subsetter's arrays without a C parse for each length


class _RecordingEnvironment(jinja2.Environment):
    """Records every template it hands out, cached or not, as a dependency of the running build."""

    def get_template(self, name: Any, parent: str | None = None, globals: Any = None) -> jinja2.Template:
        template = super().get_template(name, parent, globals)
        if template.filename:
            dependencies.record(Path(template.filename))
        return template


def environment(language: str, digits: str = "latin") -> jinja2.Environment:
    """The Jinja environment for a language and the digits the tool's numbers are printed in
    (:data:`cldr.DIGITS`), over the templates folder in force."""
    return _environment(language, digits, templates_dir(), compiled.folder())


def _numerals_in(fields: dict[str, object], digits: str) -> dict[str, object]:
    """A catalogue entry's fields with the numbers among them in ``digits`` ("الفصل ٣"); text as it is."""
    return {k: cldr.numerals(v, digits) if isinstance(v, int | float) else v for k, v in fields.items()}


@lru_cache(maxsize=4)
def _environment(language: str, digits: str, root: Path, kept: Path | None = None) -> jinja2.Environment:
    env = _RecordingEnvironment(
        loader=jinja2.FileSystemLoader(root),
        bytecode_cache=compiled.Compiled(kept, compiled.beside_code(root)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["inline"] = lambda text: inline.parse(text, language) if text else ()
    env.filters["smart"] = lambda text: inline.smart(text, language) if text else ""
    env.filters["plain"] = lambda text: inline.plain(inline.parse(text, language)) if text else ""
    numbers = cldr.numbers_tag(language, digits)  # the language, with the digits its numbers are written in
    env.filters["number"] = lambda value: charts.number(value, numbers)
    env.filters["date"] = lambda value: cldr.date(value, numbers)
    env.filters["day"] = lambda value: cldr.day(value, numbers)  # with its weekday: a notice's date
    env.filters["numerals"] = lambda value: cldr.numerals(value, digits)  # a page or chapter number the tool prints
    env.globals["counter_style"] = cldr.COUNTER_STYLE[digits]  # the CSS counters' (folios, note marks)
    env.globals["arabic_letters"] = cldr.arabic_letters(language)  # its digits drawn from its Arabic face
    env.globals["qr"] = qr
    env.filters["pieces"] = _pieces_filter(language)
    env.filters["tied"] = pieces.tied  # a handout point's last two words on one line
    env.filters["spaced"] = spaced  # the pamphlet's way round a WeasyPrint line-breaking fault
    # {{ spans | mentions }}: each unlinked mention of a person made a span, for the index (text/mentions.py)
    env.filters["mentions"] = jinja2.pass_context(lambda context, spans: mentions.split(spans, context.get("book")))
    env.filters["direction"] = cldr.direction  # {{ tag | direction }}: of a phrase in another language
    env.filters["text_language"] = jinja2.pass_context(_text_language)
    env.filters["entry_language"] = jinja2.pass_context(_entry_language)
    # {{ person | original_lang }}: the language of a name's or a term's original, said or inferred
    env.filters["original_lang"] = lambda entry: entry.original_lang or cldr.language_of(entry.original, language)
    # {{ series | chart(book.look) }}: laid out in the palette, led by a house style's accent
    env.filters["chart"] = lambda series, look=None, scale=1.0: chart_layout.layout(series, numbers, look, scale)
    env.filters["describe"] = lambda series: charts.describe(series, numbers)  # in words, for the tagged PDF
    env.globals["count"] = lambda key, n, **said: words.count(language, key, n, digits, **_numerals_in(said, digits))
    env.globals["fill"] = lambda key, **said: words.fill(language, key, **_numerals_in(said, digits))
    env.globals["comma_for"] = lambda text: words.comma(language, text)  # between a reference's parts, in its script
    env.filters["visual"] = bidi.visual  # SVG text, which WeasyPrint neither shapes nor reorders
    env.tests["rtl"] = bidi.has_rtl  # {% if text is rtl %}: holds a right-to-left letter
    # {{ image.path | uri }}: a picture of the publication, by a URL the fetcher reads and no folder is in
    env.filters["uri"] = jinja2.pass_context(lambda context, path: picture_url(path, context["book"].folders))
    env.globals["fonts"] = (root / "fonts").as_uri()
    env.globals["direction"] = cldr.direction(language)  # "rtl" sets dir and the mirrored stylesheets
    return env


_ELEMENTS = ("em", "strong", "link", "lang", "ref", "mention")


def spaced(spans: tuple[inline.Span, ...]) -> tuple[inline.Span, ...]:
    """``spans`` with the space before each inline element moved inside it, at its start.

    WeasyPrint, when an element does not fit the end of a line, breaks the text before it at
    that text's last break opportunity less one pixel; a text ending in a space then breaks at
    its last soft hyphen instead of that space, leaving the line half empty ("Die  meisten  ...
    Anstel-"). Without the trailing space it breaks at the last space, as it should.
    """
    out = list(spans)
    for i in range(len(out) - 1):
        before, element = out[i], out[i + 1]
        if before.kind == "text" and before.text.endswith(" ") and element.kind in _ELEMENTS:
            out[i] = replace(before, text=before.text[:-1])
            out[i + 1] = replace(element, children=(inline.Span("text", " "), *element.children))
    return tuple(replace(s, children=spaced(s.children)) if s.children else s for s in out)


def _pieces_filter(language: str) -> Any:
    """``{{ text | pieces(lang, hyphenate, whole, screen) }}``: the text's typographic pieces (``text/pieces.py``),
    in ``lang`` (a phrase's own language) or the publication's, the register's names and the words
    ``whole`` (a ladder's rung, pagination.py) kept whole; with ``screen``, a screen's fewer breaks."""

    @jinja2.pass_context
    def _pieces(
        context: Any,
        text: str,
        lang: str = "",
        hyphenate: bool = True,
        whole: tuple[str, ...] = (),
        screen: bool = False,
    ) -> tuple[pieces.Piece, ...]:
        names = pieces.names(context.get("book"))
        kept = names | frozenset(whole) if whole else names
        return pieces.pieces(text, lang or language, kept, hyphenate, screen=screen)

    return _pieces


def _text_language(context: Any, where: Any) -> str:
    """``{{ where | text_language }}``: the language the text of ``where`` (a chapter's id, the chapter, or
    a screen document) is written in where it is not the publication's: a chapter a translation leaves in
    its original is in the original's language, and its words break by that language's rules, not by the
    translation's ("through", not "th-rough"); "" (the publication's) for any other."""
    book = context.get("book")
    lineage = getattr(book, "translation", None)
    if lineage is None or where is None:
        return ""
    if isinstance(where, str):
        where = next((doc for doc in book.all_chapters() if doc.id == where), None)
    elif not hasattr(where, "untranslated"):  # a screen document: the chapter it shows, if any
        where = getattr(where, "chapter", None)
    return str(lineage.language) if getattr(where, "untranslated", False) else ""


def _entry_language(context: Any, key: str) -> str:
    """``{{ "people/" ~ p.id | entry_language }}``: the original's language for a register entry a
    translation takes from its original untranslated (``Lineage.original_entries``: "people/<id>",
    "glossary/<id>", "timeline"), whose words break by that language's rules; "" for any other."""
    lineage = getattr(context.get("book"), "translation", None)
    return str(lineage.language) if lineage is not None and key in lineage.original_entries else ""


def html(template: str, language: str, **context: Any) -> str:
    """``template`` rendered; a house style's broken template is a usage error naming its file and line."""
    said = words.catalogue(language)  # looked up on every render, so each build records it among the files it read
    book = context.get("book")
    digits = book.digits if book is not None else "latin"
    try:
        return environment(language, digits).get_template(template).render(words=said, **context)
    except Exception as exc:
        if not house_style() or isinstance(exc, UsageError):
            raise  # our own templates failing is a bug, reported as one
        raise UsageError(f"{_in_template(exc)}: {_said(exc)} (in the house style PAMPHLETEER_TEMPLATES)") from exc


def _in_template(exc: Exception) -> str:
    """``file:line`` of the template line at fault: a syntax error's own, else the innermost template
    frame of the traceback (Jinja gives its frames the template's file name and line)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return f"{display_path(Path(exc.filename))}:{exc.lineno}"
    root = templates_dir().resolve()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.suffix != ".py" and path.resolve().is_relative_to(root):
            return f"{display_path(path)}:{frame.lineno}"
    return display_path(templates_dir())


def _said(exc: Exception) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template error: no template {exc.name}"
    if isinstance(exc, RecursionError):
        return "template error: macros call one another without end"
    message = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).splitlines()[0]
    return f"template error: {message}"


def picture_url(path: Path, folders: Sequence[Path]) -> str:
    """The URL WeasyPrint is given for a file of the publication: its root's name and its path there, as
    ``dependencies.py`` keys it (``content:images/map.png``; ``original:...`` for a translation's
    original's). Never the folder the publication lies in: WeasyPrint names each picture in the PDF by the
    md5 of its URL, so a file URL made the PDF's bytes depend on where the publication was. A file under
    no root keeps its file URL, which the fetcher refuses."""
    key = dependencies.key_of(Path(path), dependencies.roots(folders))
    if key is None:
        return Path(path).resolve().as_uri()
    root, _, relative = key.partition(":")
    return f"{root}:{quote(relative)}"


class GuardedFetcher(URLFetcher):
    """Serves the publication's ``folders`` (by :func:`picture_url`'s URLs or ``file://``) and the templates
    folder; refuses everything else."""

    def __init__(self, folders: Sequence[Path]) -> None:
        super().__init__()
        self.named = dependencies.roots(folders)  # the publication's, a translation's original's, the templates
        self.roots = list(self.named.values())
        self.asked = 0  # fetches asked for, refused or not: a stylesheet that asked depends on the folders

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        self.asked += 1
        parts = urlsplit(url)
        if parts.scheme in self.named and not parts.netloc:
            path = self.named[parts.scheme] / unquote(parts.path)  # an absolute path or ".." is refused below
        elif parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path))  # unquotes, and reads /C:/x as C:\x on Windows
        else:
            raise FatalURLFetchingError(f"refused to fetch {url}: only files of the publication are read")
        real = path.resolve()
        if not any(real.is_relative_to(root) for root in self.roots):
            raise FatalURLFetchingError(f"refused to read {path}: outside the publication and templates")
        if not real.is_file():
            raise FatalURLFetchingError(missing(path))
        mime, _ = mimetypes.guess_type(real.name)
        data = real.read_bytes()
        dependencies.record(real, data)
        return URLFetcherResponse(url, data, {"Content-Type": mime or "application/octet-stream"})


@dataclass(frozen=True)
class Laid:
    """A laid-out document: the WeasyPrint document and where each anchor landed."""

    document: Any
    anchors: dict[str, int]  # anchor id -> 1-based page number

    @property
    def page_count(self) -> int:
        return len(self.document.pages)


def stylesheets(names: list[str], language: str) -> list[str]:
    """The stylesheets an output is laid out with in ``language``.

    A right-to-left language adds each folder's ``rtl.css`` last, so its mirrored rules
    (binding side, running heads, rules and indents on the other side) win the cascade;
    a left-to-right edition gets exactly ``names``.
    """
    if cldr.direction(language) != "rtl":
        return names
    folders = dict.fromkeys(name.split("/")[0] for name in names)
    return [*names, *(f"{folder}/rtl.css" for folder in folders if (templates_dir() / folder / "rtl.css").is_file())]


def layout(source: str, folders: Sequence[Path], stylesheets: list[str], *, margin_boxes: bool = True) -> Laid:
    """Lay out HTML with our stylesheets; only the publication's ``folders`` and the templates are readable.
    ``margin_boxes``: False where the stylesheets give the pages' margin boxes no content (none is made)."""
    fetcher = GuardedFetcher(folders)
    paths = [templates_dir() / s for s in stylesheets]
    for path in paths:  # WeasyPrint reads stylesheets given by name itself, not through the fetcher
        dependencies.record(path)
    sheets = [_sheet(path, fetcher) for path in paths]
    try:
        with _quiet(), contextlib.nullcontext() if margin_boxes else weasy.no_margin_boxes():
            doc = weasyprint.HTML(string=source, base_url=templates_dir().as_uri() + "/", url_fetcher=fetcher).render(
                stylesheets=sheets, font_config=weasy.fonts(source)
            )
    except FatalURLFetchingError as exc:  # content files were checked on loading: this is the installation
        raise UsageError(str(exc)) from None
    return Laid(doc, _anchors(doc))


_SHEETS: dict[tuple[Path, int, int, tuple[Path, ...]], weasyprint.CSS] = {}


def _sheet(path: Path, fetcher: GuardedFetcher) -> weasyprint.CSS:
    """A stylesheet parsed once per process while its file stays the same (pamphlet.css parsed for each part
    cost a seventh of the time): for any publication if the parse fetched nothing (no ``@import``)."""
    found = path.stat()
    stamp = (path, found.st_mtime_ns, found.st_size)
    sheet = _SHEETS.get((*stamp, ())) or _SHEETS.get((*stamp, tuple(fetcher.roots)))
    if sheet is None:
        before, sheet = fetcher.asked, weasyprint.CSS(filename=str(path), url_fetcher=fetcher)  # in this order
        _SHEETS[(*stamp, () if fetcher.asked == before else tuple(fetcher.roots))] = sheet
    return sheet


def parse_stylesheets(folders: Sequence[Path] = (), stylesheets: list[str] | None = None) -> None:
    """Parse stylesheets now (None: all the templates folder's, as a watch's fork server does for no
    publication), so that processes forked from here find them parsed."""
    fetcher = GuardedFetcher(folders)
    root = templates_dir()
    for path in sorted(root.rglob("*.css")) if stylesheets is None else [root / name for name in stylesheets]:
        _sheet(path, fetcher)


def compile_templates() -> None:
    """Compile every template of the templates folder now, into this process's memory (and where compiled
    templates are kept: :mod:`compiled`), so that processes forked from here find them compiled: each layout
    child otherwise compiles those it renders, some 0.1-0.4 s, where Python keeps no compiled code."""
    env = environment("en")
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)


def renumbered(laid: Laid, laid_from: str, wanted: str) -> Laid | None:
    """``laid`` (laid out from ``laid_from``) made the layout of ``wanted``, when the two differ only in
    page numbers that set exactly as wide (``weasy.renumber``); None when ``wanted`` must be laid out."""
    if not weasy.renumber(laid.document, laid_from, wanted):
        return None
    return Laid(laid.document, dict(laid.anchors))


def keep_pages(laid: Laid, numbers: list[int]) -> Laid:
    """The same layout with only the given pages (1-based), anchors renumbered."""
    document = laid.document.copy([laid.document.pages[n - 1] for n in numbers])
    return Laid(document, _anchors(document))


def _anchors(document: Any) -> dict[str, int]:
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for name in page.anchors:
            anchors.setdefault(name, number)
    return anchors


def pdf(document: Any, *, variant: str | None, identity: str, tags: bool = True) -> bytes:
    """Write the PDF; the identifier comes from the content so identical input gives identical bytes."""
    ident = identifier(identity)
    # PDF/X needs an output intent; ours is sRGB, as the colours are RGB (see README, Printing).
    extra = {"output_intent": "srgb"} if variant and variant.startswith("pdf/x") else {}
    with _quiet(), weasy.deflate_level(6):
        return document.write_pdf(pdf_variant=variant, pdf_identifier=ident, pdf_tags=tags, **extra)


def identifier(identity: str) -> bytes:
    """A PDF's /ID from what identifies its content (32 hex digits)."""
    return hashlib.sha256(identity.encode()).hexdigest()[:32].encode()


class _quiet:
    """WeasyPrint logs CSS it ignores; we keep our own CSS clean and want silent builds."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("weasyprint")
        self.level = self.logger.level
        if not settings.debug_css():
            self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.level)
