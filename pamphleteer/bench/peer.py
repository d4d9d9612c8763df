"""The benchmark's same-work peer: a publication as Pandoc Markdown, and Pandoc + WeasyPrint making it.

:func:`book_markdown` exports a loaded :class:`~pamphleteer.content.Book` to one
Pandoc Markdown text: a YAML title block, every chapter (paragraphs, headings,
quotations, lists, tables as pipe tables, charts as the tables of their numbers,
timelines, images, footnotes) and the registers (who's who, timeline, glossary,
sources) as definition lists. :func:`slides_markdown` exports the lecture for
Pandoc's pptx writer: a ``#`` per part, a ``##`` per slide with its points and
its notes in ``::: notes``. Our inline markup is Pandoc's already; references
such as ``[Drais](person:drais)`` become their plain text.

:func:`render` is the peer's run, timed by the benchmark in a fresh process: Pandoc
to standalone HTML, WeasyPrint with :data:`STYLESHEET` (A5, our bundled fonts, folios,
justified and hyphenated text) to ``peer.pdf``, then Pandoc to ``peer.pptx``. This
Markdown is the peer's input, never our output.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from pamphleteer.infra.locations import templates_dir
from pamphleteer.text import words

if TYPE_CHECKING:
    from pamphleteer.content import Book, ChapterDoc, model

_REF = re.compile(r"\[([^\[\]]*)\]\((?:person|term|source|chapter):[a-z0-9-]+\)")

# The peer's look, as close to the pamphlet's as plain Pandoc HTML allows: same page, faces, sizes, measure
# (Pandoc's own screen stylesheet is left out, as it is when a --css is given).
STYLESHEET = """
@font-face { font-family: "PT Serif"; src: url("FONTS/PTF55F.ttf"); }
@font-face { font-family: "PT Serif"; font-style: italic; src: url("FONTS/PTF56F.ttf"); }
@font-face { font-family: "PT Serif"; font-weight: bold; src: url("FONTS/PTF75F.ttf"); }
@font-face { font-family: "PT Serif"; font-weight: bold; font-style: italic; src: url("FONTS/PTF76F.ttf"); }
@font-face { font-family: "PT Sans"; src: url("FONTS/PTS55F.ttf"); }
@font-face { font-family: "PT Sans"; font-weight: bold; src: url("FONTS/PTS75F.ttf"); }
@font-face { font-family: "PT Sans"; font-style: italic; src: url("FONTS/PTS56F.ttf"); }
@page { size: A5; margin: 17mm 14mm 19mm 17mm;
  @bottom-center { content: counter(page); font: 8.5pt "PT Sans"; color: #444; } }
html { font-family: "PT Serif"; font-size: 10pt; line-height: 1.42; color: #1a1a1a; }
body { margin: 0; max-width: none; padding: 0; hyphens: auto; }
p, dd, li { text-align: justify; hyphens: auto; orphans: 2; widows: 2; }
p { margin: 0; } p + p { text-indent: 1.2em; }
h1, h2, h3, .title, .subtitle { font-family: "PT Sans"; hyphens: manual; text-align: left; break-after: avoid; }
h1 { font-size: 17pt; break-before: page; margin: 18mm 0 6mm; }
h2 { font-size: 11pt; margin: 1.3em 0 0.45em; }
header#title-block-header { break-after: page; padding-top: 40mm; }
.title { font-size: 26pt; } .subtitle { font-size: 13pt; }
nav#TOC { break-after: page; font-size: 9.5pt; line-height: 1.25; } nav#TOC ul { list-style: none; padding: 0; }
blockquote { margin: 0.8em 1.2em; font-size: 9.3pt; line-height: 1.4; }
table { border-collapse: collapse; font: 7.8pt/1.3 "PT Sans"; margin: 0.8em 0; width: 100%; }
th, td { border-bottom: 0.5pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
caption { font-weight: bold; text-align: left; margin-bottom: 3pt; }
img { max-width: 100%; } a { color: inherit; text-decoration: none; }
dl { font-size: 8.5pt; line-height: 1.35; }
dt { font-weight: bold; break-after: avoid; } dd { margin: 0 0 0.4em 1.2em; }
section.footnotes { font-size: 7.8pt; line-height: 1.3; } a.footnote-back { display: none; }
"""


def plain(text: str) -> str:
    """Inline text for Pandoc: references as their words, on one line (Markdown breaks blocks at blank lines)."""
    return " ".join(_REF.sub(r"\1", text).split())


def _cell(text: str) -> str:
    return plain(text).replace("|", r"\|")


def pipe_table(columns: Iterable[str], rows: Iterable[Iterable[str]], caption: str | None) -> str:
    """A pipe table, with Pandoc's ``Table:`` caption line under it."""
    columns = [_cell(c) for c in columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    if caption:
        lines += ["", f"Table: {plain(caption)}"]
    return "\n".join(lines)


def _dates(*dates: str | None) -> str:
    return "–".join(d for d in dates if d)


def _quote(book: Book, quote: model.Quotation) -> str:
    who = quote.by or (book.people[quote.who].name if quote.who in book.people else quote.who)
    tail = ", ".join(plain(x) for x in (who, quote.date, quote.source) if x)
    return f"> {plain(quote.text)}\n>\n> --- {tail}"


def _events(book: Book, start: str, end: str, title: str | None) -> str:
    items = [f"- **{e.date}** {plain(e.title)}" + (f". {plain(e.text)}" if e.text else "") for e in
             book.events_between(start, end)]  # fmt: skip
    return "\n\n".join(([f"**{plain(title)}**"] if title else []) + ["\n".join(items)])


def _series_table(book: Book, series_id: str, caption: str | None) -> str:
    """A chart as the peer can show it: the table of its numbers."""
    series = book.series[series_id]
    rows = [[name, *(f"{v:g}" for v in (row.values[i] for row in series.rows))] for i, name in enumerate(series.labels)]
    return pipe_table(["", *(row.name for row in series.rows)], rows, caption or series.title)


def _image(book: Book, image: model.Image) -> str:
    caption = plain(image.caption or image.alt) + (f" ({plain(image.credit)})" if image.credit else "")
    return f"![{caption}]({(book.root / image.file).resolve().as_uri()})"


def block(book: Book, item: model.Block) -> str:
    """One block of a chapter as Pandoc Markdown."""
    kind, body = item.kind, item.body
    if kind == "p":
        return plain(body)
    if kind == "heading":
        return f"## {plain(body)}"
    if kind == "quote":
        return _quote(book, body)
    if kind == "pullquote":
        return f"> *{plain(body)}*"
    if kind in ("list", "numbered"):
        mark = "-" if kind == "list" else "1."
        return "\n".join(f"{mark} {plain(entry)}" for entry in body)
    if kind == "table":
        table = pipe_table(body.columns, body.rows, body.caption)
        source = words.catalogue(book.language).get("source", "Source:")
        return table + (f"\n\n{source} {plain(body.source)}" if body.source else "")
    if kind == "figure":
        return _series_table(book, body.series, body.caption)
    if kind == "timeline":
        return _events(book, body.start, body.end, body.title)
    return _image(book, body)


def chapter_markdown(book: Book, doc: ChapterDoc) -> str:
    """A chapter: a level-1 heading, its summary in italics, its blocks."""
    parts = [f"# {plain(doc.label)}: {plain(doc.chapter.title)}"]
    if doc.chapter.summary:
        parts.append(f"*{plain(doc.chapter.summary)}*")
    parts += [block(book, item) for item in doc.chapter.blocks]
    return "\n\n".join(parts) + "\n"


def _definitions(heading: str, entries: Iterable[tuple[str, str]]) -> str:
    return "\n\n".join([f"# {heading}", *(f"{term}\n:   {text}" for term, text in entries)]) + "\n"


def register_markdown(book: Book, name: str) -> str | None:
    """A register as a definition list under a level-1 heading; None for what the peer cannot make (the index)."""
    heading = words.catalogue(book.language).get(name, name.title())
    if name == "people" and book.people:
        people = sorted(book.people.values(), key=lambda p: p.index_as or p.name)
        return _definitions(
            heading,
            ((f"{p.name} ({_dates(p.born, p.died)})" if p.born or p.died else p.name,
              plain(p.role) + (f" {plain(p.fate)}" if p.fate else "")) for p in people),
        )  # fmt: skip
    if name == "timeline" and book.events:
        return _definitions(
            heading, ((e.date, plain(e.title) + (f". {plain(e.text)}" if e.text else "")) for e in book.events)
        )
    if name == "glossary" and book.terms:
        terms = sorted(book.terms.values(), key=lambda t: t.term.lower())
        return _definitions(
            heading,
            ((f"{t.term} ({t.original})" if t.original else t.term, plain(t.definition)) for t in terms),
        )
    if name == "sources" and book.sources:
        entries = []
        for s in sorted(book.sources.values(), key=lambda s: ((s.author or s.title).lower(), s.title)):
            term = ", ".join(x for x in (s.author, f"*{s.title}*", s.publisher, s.year) if x)
            text = " ".join(x for x in (plain(s.note) if s.note else None, f"<{s.url}>" if s.url else None) if x)
            entries.append((term, text or s.kind))
        return _definitions(heading, entries)
    return None


def _title_block(fields: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump({k: v for k, v in fields.items() if v}, allow_unicode=True) + "---\n"


def book_markdown(book: Book) -> str:
    """The whole publication as one Pandoc Markdown text, chapters and back matter in the book's order."""
    pub = book.publication
    meta = {"title": pub.title, "subtitle": pub.subtitle, "author": list(pub.authors), "date": pub.date}
    parts = [_title_block({**meta, "lang": pub.language, "toc-title": words.catalogue(book.language)["contents"]})]
    parts += [chapter_markdown(book, doc) for doc in book.chapters]
    for item in book.back_matter:
        text = register_markdown(book, item) if isinstance(item, str) else chapter_markdown(book, item)
        if text:
            parts.append(text)
    return "\n".join(parts)


def slide_markdown(book: Book, slide: model.Slide) -> str:
    """One slide: its title as ``##``, points, its one visual, its notes."""
    parts = [f"## {plain(slide.title)}"]
    if slide.points:
        parts.append("\n".join(f"- {plain(p)}" for p in slide.points))
    if slide.table and slide.table in book.tables:
        table = book.tables[slide.table]
        parts.append(pipe_table(table.columns, table.rows, None))
    elif slide.chart:
        parts.append(_series_table(book, slide.chart, None))
    elif slide.quote:
        parts.append(_quote(book, slide.quote))
    elif slide.timeline:
        parts.append(_events(book, slide.timeline.start, slide.timeline.end, None))
    elif slide.image:
        parts.append(_image(book, slide.image))
    parts.append(f"::: notes\n{plain(slide.notes)}\n:::")
    return "\n\n".join(parts) + "\n"


def slides_markdown(book: Book) -> str:
    """The lecture for Pandoc's pptx writer: title slide, a section slide per part, a slide per slide."""
    pub, lecture = book.publication, book.publication.lecture
    meta = {"title": lecture.title or pub.title, "subtitle": lecture.subtitle, "author": lecture.speaker}
    docs = {doc.id: doc for doc in book.all_chapters()}
    parts = [(p.title, p.chapters) for p in lecture.parts] or [(d.chapter.title, [d.id]) for d in book.chapters]
    out = [_title_block({**meta, "lang": pub.language})]
    for title, ids in parts:
        out.append(f"# {plain(title)}\n")
        out += [slide_markdown(book, s) for cid in ids if cid in docs for s in docs[cid].chapter.slides]
    return "\n".join(out)


def html(markdown: Path, dest: Path) -> None:
    """Pandoc's standalone HTML of the book, as the peer's PDF step reads it."""
    import pypandoc

    dest.write_text(
        pypandoc.convert_file(
            str(markdown),
            "html",
            format="markdown",
            extra_args=["--standalone", "--toc", "--toc-depth=1", "--metadata=document-css:false"],
        ),
        encoding="utf-8",
    )


def pdf(html_file: Path, dest: Path) -> None:
    """The peer's PDF step: WeasyPrint on Pandoc's HTML with the peer's stylesheet (A5, our fonts)."""
    import weasyprint

    css = STYLESHEET.replace("FONTS", (templates_dir() / "fonts").resolve().as_uri())
    fonts = weasyprint.text.fonts.FontConfiguration()
    weasyprint.HTML(filename=str(html_file), base_url=str(html_file.parent)).write_pdf(
        dest, stylesheets=[weasyprint.CSS(string=css, font_config=fonts)], font_config=fonts
    )


def render(markdown: Path, slides: Path, out: Path) -> dict[str, float]:
    """The peer's run: Markdown -> standalone HTML -> WeasyPrint PDF (A5, our fonts); slides -> pptx.

    Writes ``peer.pdf`` and ``peer.pptx`` into ``out``; returns the seconds each step took.
    """
    start = time.perf_counter()
    import pypandoc
    import weasyprint

    html = pypandoc.convert_file(
        str(markdown),
        "html",
        format="markdown",
        extra_args=["--standalone", "--toc", "--toc-depth=1", "--metadata=document-css:false"],
    )
    pandoc = time.perf_counter()
    css = STYLESHEET.replace("FONTS", (templates_dir() / "fonts").resolve().as_uri())
    fonts = weasyprint.text.fonts.FontConfiguration()
    weasyprint.HTML(string=html, base_url=str(markdown.parent)).write_pdf(
        out / "peer.pdf", stylesheets=[weasyprint.CSS(string=css, font_config=fonts)], font_config=fonts
    )
    pdf = time.perf_counter()
    pypandoc.convert_file(
        str(slides), "pptx", format="markdown", outputfile=str(out / "peer.pptx"), extra_args=["--slide-level=2"]
    )
    pptx = time.perf_counter()
    return {"imports + pandoc html": pandoc - start, "weasyprint pdf": pdf - pandoc, "pandoc pptx": pptx - pdf}
