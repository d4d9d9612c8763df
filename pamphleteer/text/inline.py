"""Inline markup: a small, safe subset of Markdown parsed into a tree of :class:`Span`.

Authors write ``*emphasis*``, ``**strong**``, ``[text](https://...)``, footnotes
``^[note]`` and references ``[Trotsky](person:trotsky)``, ``[NEP](term:nep)``,
``[title](source:id)``, ``[chapter](chapter:id)``, and a phrase in another
language ``[liberté](lang:fr)`` (any language tag: ``lang:de``, ``lang:ru``,
``lang:he``), which every output tags with its language (and direction), so it
is hyphenated, voiced and set as that language. markdown-it-py does the
parsing and the typography (curly quotes for the document's language, dashes
from ``--`` and ``---``). Raw HTML is not markup: ``<script>`` stays text.
The same tree feeds the HTML templates (through a Jinja macro, which cuts each
text span into typographic pieces with ``text/pieces.py``) and the deck (as text
runs), so no output builds markup by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import markdown_it
import mdit_py_plugins
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from . import cldr

REF_KINDS = ("person", "term", "source", "chapter")
# A language tag as publication.yaml takes it ("fr", "de-CH", "sr-Latn").
LANG_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
LINK_SCHEMES = ("https://", "http://", "mailto:")
# Emphasis, links, references and footnotes inside one another: every output draws them by
# recursion (a Jinja macro, the deck's runs), so the depth is bounded where the text is read.
MAX_NESTING = 8


class Unreadable(ValueError):
    """Markup the outputs cannot draw: nested past :data:`MAX_NESTING`, or a footnote inside a footnote."""


TOO_DEEP = (
    f"markup is nested too deep (emphasis, links and footnotes inside one another more than {MAX_NESTING} "
    "levels); simplify it"
)
NOTE_IN_NOTE = "a footnote holds another footnote; say it in the one note"

# Opening/closing double and single quotes by language (markdown-it's smartquotes order).
_QUOTES = {
    "en": "“”‘’",
    "de": "„“‚‘",
    # French sets a narrow no-break space (U+202F) inside its guillemets, as before ; : ! ?
    "fr": ["«\u202f", "\u202f»", "“", "”"],
    "ru": "«»„“",
    "uk": "«»„“",
    "es": "«»“”",
    "it": "«»“”",
    "pl": "„”‚’",
    "nl": "“”‘’",
    "ar": "«»“”",
}
# French punctuation that takes a narrow no-break space before it (when it ends a word, not in "http://").
_FRENCH_STOPS = re.compile(r"(?<=[^\s\u202f(\[])[ \u00a0\u202f]*([;:!?]+)(?=\s|$|[»”’)\]])")
_FRENCH_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_FRENCH_CLOSE = re.compile(r"[ \u00a0\u202f]*»")


def quoted(text: str, language: str = "en") -> str:
    """``text`` in the language's outer quotation marks: “…” in English, «…» in Russian, „…“ in German."""
    marks = _QUOTES.get(cldr.base(language), _QUOTES["en"])
    return marks[0] + text + marks[1]


# An ellipsis (or "[…]") never begins a line: the space before it is a no-break space, so it stays with
# the word it follows ("from that post …"), and one that opens a text keeps the word after it ("… I see").
_ELLIPSIS_AFTER = re.compile(r"(?<=\S) (?=\[?…)")
_ELLIPSIS_OPENING = re.compile(r"(?:^|(?<=[(“‘«„‚]))(\[?…\]?) ")


def _typography(text: str, language: str) -> str:
    """The spacing rules of the language, on the words of one text token (the quotes are the parser's)."""
    text = _ELLIPSIS_OPENING.sub("\\1\u00a0", _ELLIPSIS_AFTER.sub("\u00a0", text))
    if cldr.base(language) != "fr":
        return text
    text = _FRENCH_OPEN.sub("«\u202f", text)
    text = _FRENCH_CLOSE.sub("\u202f»", text)
    return _FRENCH_STOPS.sub("\u202f\\1", text)


@dataclass(frozen=True)
class Span:
    """A piece of inline text. ``kind`` is text, em, strong, link, ref, note, lang or br.

    A ``lang`` span is a phrase in another language: ``lang`` is its tag.
    """

    kind: str
    text: str = ""
    children: tuple[Span, ...] = ()
    href: str = ""
    ref_kind: str = ""
    ref_id: str = ""
    lang: str = ""


PARSER_VERSION = f"markdown-it-py {markdown_it.__version__} mdit-py-plugins {mdit_py_plugins.__version__}"


@lru_cache(maxsize=16)
def _parser(language: str) -> MarkdownIt:
    quotes = _QUOTES.get(cldr.base(language), _QUOTES["en"])
    md = MarkdownIt("zero", {"typographer": True, "quotes": quotes})
    md.enable(["emphasis", "link", "escape", "newline", "replacements", "smartquotes", "entity"])
    md.use(footnote_plugin, inline=True, move_to_end=False)
    return md


@lru_cache(maxsize=20000)
def parse(text: str, language: str = "en") -> tuple[Span, ...]:
    """Parse one text field. Paragraph breaks inside it fold into spaces.

    Raises :class:`Unreadable` for markup nested past :data:`MAX_NESTING` or a footnote inside a
    footnote: the schema refuses such text (:func:`problem`), so a validated publication never does.
    Kept between builds (``infra.kept.table``), like the texts' pieces: each process that renders
    the text parses all of it, and parsing was most of what a first rendering costs beyond the rest.
    """
    from pamphleteer.infra import kept

    table = kept.table("spans", PARSER_VERSION)
    found = table.get((text, language))
    if found is None:
        found = table[text, language] = _parse(text, language)
    return found


def _parse(text: str, language: str) -> tuple[Span, ...]:
    md = _parser(language)
    env: dict = {}
    tokens = md.parse(text, env)
    notes = env.get("footnotes", {}).get("list", {})
    out: list[Span] = []
    for token in tokens:
        if token.type == "inline":
            if out:
                out.append(Span("text", " "))
            out.extend(_spans(token.children or [], notes, language))
    return tuple(_merge(out))


def _spans(tokens: list[Token], notes: dict, language: str, depth: int = 0) -> list[Span]:
    """The tokens as spans; ``depth`` is how deep inside other markup they stand (a footnote's: 1 and more)."""
    stack: list[tuple[Token | None, list[Span]]] = [(None, [])]
    for tok in tokens:
        if tok.type.endswith("_open"):
            if depth + len(stack) > MAX_NESTING:
                raise Unreadable(TOO_DEEP)
            stack.append((tok, []))
        elif tok.type.endswith("_close") and len(stack) > 1:
            opener, children = stack.pop()
            stack[-1][1].extend(_close(opener, children))
        elif tok.type == "text":
            stack[-1][1].append(Span("text", _typography(tok.content, language)))
        elif tok.type in ("softbreak",):
            stack[-1][1].append(Span("text", " "))
        elif tok.type == "hardbreak":
            stack[-1][1].append(Span("br"))
        elif tok.type == "footnote_ref":
            # a note mark sits against the word before it, even when the YAML broke the line there
            siblings = stack[-1][1]
            if siblings and siblings[-1].kind == "text":
                siblings[-1] = Span("text", siblings[-1].text.rstrip())
            if depth:  # the footnote plugin parses a note's text as it parses ours: a note in a note
                raise Unreadable(NOTE_IN_NOTE)
            if len(stack) > MAX_NESTING:
                raise Unreadable(TOO_DEEP)
            note = notes.get(tok.meta["id"], {})
            # The footnote plugin keeps a note's tokens out of the typographer's reach: parse
            # its text again on its own, so quotes and dashes in notes are curly and long too.
            tokens = note.get("tokens", [])
            if "content" in note:
                tokens = _parser(language).parseInline(note["content"], {})[0].children or []
            inner = _spans(tokens, notes, language, len(stack))
            stack[-1][1].append(Span("note", children=tuple(inner)))
    while len(stack) > 1:  # unbalanced markup: keep the words
        _, children = stack.pop()
        stack[-1][1].extend(children)
    return _merge(stack[0][1])


def _close(opener: Token | None, children: list[Span]) -> list[Span]:
    assert opener is not None
    kids = tuple(children)
    if opener.type == "em_open":
        return [Span("em", children=kids)]
    if opener.type == "strong_open":
        return [Span("strong", children=kids)]
    if opener.type == "link_open":
        href = str(opener.attrs.get("href", ""))
        scheme, _, rest = href.partition(":")
        if scheme in REF_KINDS and rest:
            return [Span("ref", children=kids, ref_kind=scheme, ref_id=rest)]
        if scheme == "lang" and LANG_TAG.match(rest):
            return [Span("lang", children=kids, lang=rest)]
        if href.startswith(LINK_SCHEMES):
            return [Span("link", children=kids, href=href)]
        # Anything else (local files, javascript:, relative paths) is shown, never linked.
        return [*kids, Span("text", f" ({href})")]
    return list(kids)


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if span.kind == "text" and out and out[-1].kind == "text":
            out[-1] = Span("text", out[-1].text + span.text)
        else:
            out.append(span)
    return out


def problem(text: str) -> str:
    """Why ``text`` cannot be read as inline markup (nested too deep, a note in a note), or ``""``."""
    try:
        parse(text)
    except Unreadable as exc:
        return str(exc)
    return ""


def notes(text: str) -> int:
    """How many footnotes ``text`` holds (notes inside notes too)."""
    return sum(span.kind == "note" for span in walk(parse(text))) if "^[" in text else 0


def walk(spans: tuple[Span, ...] | list[Span]) -> Iterator[Span]:
    """Every span in the tree, depth first."""
    for span in spans:
        yield span
        yield from walk(span.children)


def plain(spans: tuple[Span, ...] | list[Span], *, notes: bool = False) -> str:
    """The text a reader sees, without footnotes (unless ``notes``)."""
    out = []
    for span in spans:
        if span.kind == "text":
            out.append(span.text)
        elif span.kind == "br":
            out.append(" ")
        elif span.kind == "note":
            if notes:
                out.append(" (" + plain(span.children) + ")")
        else:
            out.append(plain(span.children, notes=notes))
    return "".join(out)


_MARKUP = re.compile(r"([\\`*_\[\]()<>&^!#~|{}])")


@lru_cache(maxsize=4096)
def smart(text: str, language: str = "en") -> str:
    """Plain text (a title, a name) with typographic quotes and dashes, no markup read."""
    return plain(parse(_MARKUP.sub(r"\\\1", text), language)) if text else text


@lru_cache(maxsize=20000)
def targets(text: str) -> tuple[str, ...]:
    """The target of every link written in ``text`` (``[words](target)``), then those in its footnotes
    (each text parsed once a process: every load of a ``--watch`` checks every file's links)."""
    env: dict = {}
    tokens = [t for block in _parser("en").parse(text, env) for t in block.children or []]
    for note in env.get("footnotes", {}).get("list", {}).values():
        tokens += note.get("tokens", [])
    return tuple(str(t.attrs.get("href", "")) for t in tokens if t.type == "link_open")


def resolves(target: str) -> bool:
    """Whether a link to ``target`` becomes a reference, a language span or a web link (else it prints as text)."""
    scheme, _, rest = target.partition(":")
    return (scheme in REF_KINDS and bool(rest)) or scheme == "lang" or target.startswith(LINK_SCHEMES)


def refs(spans: tuple[Span, ...]) -> list[tuple[str, str]]:
    """``(kind, id)`` of every reference in the tree."""
    return [(s.ref_kind, s.ref_id) for s in walk(spans) if s.kind == "ref"]
