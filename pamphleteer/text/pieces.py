"""The typographic reading of a text, made once for every output: a run of :class:`Piece`.

Between the model and the templates, each text span (``inline.Span`` of kind text) is
cut into pieces for its language:

- ``acronym``: two or more capitals (USSR, NEP), the only words set in small capitals
  (``<abbr>`` in HTML);
- ``keep``: a day and its month, a range of numbers or years ("20 August",
  "1923–1940"), a name and its Roman numeral ("Wilhelm II", which is no acronym), never
  broken across lines;
- ``url``: a web or mail address, which may break before ``/``, ``.``, ``-``, ``_``, ``@``
  (and ``~ ? # %``), after ``//`` and on either side of ``=`` and ``&``, and nowhere else,
  never with a hyphen added (:attr:`Piece.parts`): as the Chicago Manual has it, so that a line
  never ends in a hyphen or a full stop of the address, which a reader would take for the
  line's own and leave out;
- ``""``: words, carrying soft hyphens (U+00AD) at the break points
  ``hyphenation.points`` allows, except in names: the words of the people register's
  names, the places and bodies its phrases name (a capital inside a sentence, in a language
  that capitalises little else: Russian, Spanish, not German or English) and whatever the
  author marked as a person reference, which stay whole, as do their inflected forms
  ("Заблудов", "Заблудове"), and a word made from one ("Trotskyist", "Stalinism"), which
  breaks only after the name.

So the pamphlet, print edition, handout, script, EPUB and web edition print the same
pieces and break words at the same places (the screens at fewer of them, ``screen``;
their stylesheets say ``hyphens: manual``),
and no word needs an element of its own to be kept whole. The caller says where a
text must not be hyphenated at all (headings, table cells, titles of works, a
word the pagination pass keeps whole): there the words come without soft hyphens.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import babel
from babel import Locale

from . import hyphenation

SOFT_HYPHEN = "\u00ad"
# A Roman numeral of two letters or more (II to XXXIX): a ruler's, a volume's or a part's number, no
# acronym ("Wilhelm II.", "Part IV"); it stays whole as a capitalised word does, in its own capitals.
_NUMERAL = r"(?=[IVX]{2,}\b)X{0,3}(?:IX|IV|V?I{0,3})(?<=[IVX])\b"
_ACRONYM = rf"\b(?!{_NUMERAL})[A-ZА-ЯЁ]{{2,}}\b"
# A name and its numeral ("Wilhelm II", "Николай II"), never parted at a line's end.
_REGNAL = rf"\b[A-ZÀ-ÞА-ЯЁ][^\W\d_]*\s{_NUMERAL}"
# A web address (with its scheme or "www."), a mail address, or a bare domain with a path; not
# the sentence's closing punctuation.
_URL = (
    r"\b(?:https?://|www\.)[^\s<>\"“”«»]*[^\s<>\"“”«».,;:!?)\]’']"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|info|coop|uk|de|fr|es|ru|eu|io)\b(?:/[^\s<>\"“”«»]*[^\s<>\"“”«».,;:!?)\]’'])?"
)
_WORD = re.compile(r"[^\W\d_]+")
# Where a URL may break, marked in HTML by <wbr> (no hyphen is added): before a separator (never inside
# a run of them, nor inside "://"), after "//", and on either side of "=" and "&".
_URL_BREAK = re.compile(r"(?<=[^/.\-_~?#%@:=&])(?=[/.\-_~?#%@=&])|(?<=//)(?=[^/])|(?<=[=&])(?=[^=&])")


@dataclass(frozen=True)
class Piece:
    """A piece of text and its kind ("" words, "acronym", "keep" or "url")."""

    text: str
    kind: str = ""

    @property
    def parts(self) -> tuple[str, ...]:
        """A URL in the pieces a line may break between (before ``/``, ``.``, ``-``...)."""
        return tuple(_URL_BREAK.split(self.text)) if self.kind == "url" else (self.text,)


_MONTHS_OF = ("en", "fr", "de", "pl", "ru", "uk", "es", "it", "nl")


@lru_cache(maxsize=1)
def _keep() -> str:
    """A day and its month ("20 August", genitives too: "20 августа"; the year may go to the next
    line), a range of numbers or years ("1923–1940", "pp. 12–14") and a name with its numeral.

    Built on first use: reading nine languages' month names from Babel takes a quarter of a
    second that a build with nothing to set should not pay; and kept between builds with the
    pieces, as a ``--watch`` lays the edited pamphlet part out in a new process each time.
    """
    from pamphleteer.infra import kept

    table = kept.table("pieces-months", f"babel {babel.__version__}")
    months = table.get(_MONTHS_OF)
    if months is None:
        months = table[_MONTHS_OF] = _months()
    return (
        rf"{_REGNAL}|\b\d{{1,2}}\.?\s(?:{'|'.join(months)})\b"
        r"|\b\d[\d,.]*\s?[–—-]\s?\d[\d,.]*\b(?:[–—-]\?)?|\b\d[\d,.]*[–—]\?"
    )


def _months() -> tuple[str, ...]:
    """The month names of the languages, longest first (so that the pattern tries them so)."""
    found = {
        name
        for lang in _MONTHS_OF
        for context in ("format", "stand-alone")
        for name in Locale.parse(lang).months[context]["wide"].values()
    }
    return tuple(sorted(found, key=lambda name: (-len(name), name)))


@lru_cache(maxsize=1)
def _finder() -> re.Pattern[str]:
    return re.compile(rf"(?P<url>{_URL})|(?P<keep>{_keep()})|(?P<acronym>{_ACRONYM})")


def _hyphenated(text: str, language: str, names: frozenset[str], screen: bool) -> str:
    def word(match: re.Match[str]) -> str:
        w = match.group()
        # a name, an acronym, a word with capitals inside (McDonald): kept whole
        if w in names or not w[1:].islower() or (w[0].isupper() and _inflected(w, names)):
            return w
        # a word made from a name (Trotskyist, Stalinism, Leninist) breaks after the name, not inside it
        after = _name_in(w, names) if w[0].isupper() else 0
        return hyphenation.hyphenated(w, language, SOFT_HYPHEN, screen=screen, after=after)

    return _WORD.sub(word, text)


MIN_NAME = 4  # letters of the shortest name a longer word is taken to be made from
STEM = 5  # letters two words share, each less at most INFLECTION letters, to be taken for one name's forms
INFLECTION = 2


@lru_cache(maxsize=8)
def _stems(names: frozenset[str]) -> frozenset[str]:
    """Each name less its last letters, up to :data:`INFLECTION` of them (never under :data:`STEM`)."""
    return frozenset(n[: len(n) - k] for n in names for k in range(INFLECTION + 1) if len(n) - k >= STEM)


def _inflected(word: str, names: frozenset[str]) -> bool:
    """Whether ``word`` is a name's inflected form: "Заблудов" of "Заблудове", "Фёдорова" of "Фёдоров"."""
    stems = _stems(names)
    return any(word[: len(word) - k] in stems for k in range(INFLECTION + 1) if len(word) - k >= STEM)


def _name_in(word: str, names: frozenset[str]) -> int:
    """The length of the longest name ``word`` begins with (a register's name of at least
    :data:`MIN_NAME` letters), or 0."""
    return next((n for n in range(len(word) - 1, MIN_NAME - 1, -1) if word[:n] in names), 0)


@lru_cache(maxsize=40000)
def pieces(
    text: str, language: str, names: frozenset[str] = frozenset(), hyphenate: bool = True, *, screen: bool = False
) -> tuple[Piece, ...]:
    """``text`` cut into its typographic pieces; words hyphenated for ``language`` unless ``hyphenate`` is off,
    at the fewer points a screen is offered with ``screen`` (``hyphenation.screen_points``).

    Kept between builds (``infra.kept.table``), as every output's templates ask for every text's
    pieces in every process that renders them, and an edit changes few texts."""
    from pamphleteer.infra import kept

    table = kept.table("pieces", f"babel {babel.__version__} {hyphenation.version(language)}")  # month names
    key = (text, names, hyphenate, screen)
    found = table.get(key)
    if found is None:
        found = table[key] = _cut(text, language, names, hyphenate, screen)
    return found


def _cut(text: str, language: str, names: frozenset[str], hyphenate: bool, screen: bool) -> tuple[Piece, ...]:
    out: list[Piece] = []
    at = 0
    hyphens = hyphenate and hyphenation.available(language)

    def words(chunk: str) -> None:
        if chunk:
            out.append(Piece(_hyphenated(chunk, language, names, screen) if hyphens else chunk))

    for match in _finder().finditer(text):
        words(text[at : match.start()])
        out.append(Piece(match.group(), match.lastgroup or ""))
        at = match.end()
    words(text[at:])
    return tuple(out)


ZERO_WIDTH_SPACE = "\u200b"
WORD_JOINER = "\u2060"
_KEEP_BREAKS = re.compile(r"[ \u00a0]|(?<=[–—-])(?!\u2060)")


def held(text: str) -> str:
    """``text`` with each kept piece held on one line by characters a text box honours, for the deck,
    whose boxes know no unbreakable span: a no-break space for its space, a word joiner after its dash
    ("1923–\u20601940" never ends a line at its dash). Given its own result, returns it."""
    return "".join(
        _KEEP_BREAKS.sub(lambda m: "\u00a0" if m.group() else WORD_JOINER, p.text) if p.kind == "keep" else p.text
        for p in pieces(text.replace(WORD_JOINER, ""), "", hyphenate=False)
    )


def breakable(text: str) -> str:
    """``text`` :func:`held`, with a zero-width space where a web or mail address in it may break (after ``/``,
    ``.``, ``-``...), for the deck, whose text boxes know no ``<wbr>``: a URL in a table cell wraps."""
    return "".join(
        ZERO_WIDTH_SPACE.join(p.parts) if p.kind == "url" else p.text for p in pieces(held(text), "", hyphenate=False)
    )


_LAST_SPACE = re.compile(r"\s+(?=\S+\s*$)")


def tied(text: str) -> str:
    """``text`` with its last two words tied by a no-break space, for a short paragraph set in a box whose
    lines the tool does not balance itself (a handout frame's point): it never ends in one word alone on
    its last line. A line the tie moves a word onto had room for it, so the paragraph takes no more lines."""
    return _LAST_SPACE.sub("\u00a0", text, count=1) if len(text.split()) >= 4 else text


def plain(text: str) -> str:
    """Text without the soft hyphens this stage added (for a search index, a title attribute)."""
    return text.replace(SOFT_HYPHEN, "")


_NAMES: dict[int, tuple[weakref.ref[Any], frozenset[str]]] = {}


def names(book: Any) -> frozenset[str]:
    """The words of every name in the book's people register, and of the places and bodies its phrases
    name (:func:`_named`), kept whole wherever they are printed."""
    if book is None:
        return frozenset()
    key = id(book)
    held = _NAMES.get(key)
    if held is not None and held[0]() is book:
        return held[1]
    people = getattr(book, "people", {}).values()
    found = frozenset(
        w
        for person in people
        for field in (person.name, person.index_as or "", *(getattr(person, "also", None) or ()))
        for w in _WORD.findall(field)
    )
    # a translation's register may be its original's, in the original's language: both must capitalise little
    original = getattr(getattr(book, "translation", None), "language", "")
    languages = {str(getattr(book, "language", "") or ""), str(original)}
    if not {lang.split("-")[0].split("_")[0].lower() for lang in languages} & NOUNS_CAPITALISED:
        found |= {w for person in people for field in (person.role, person.fate or "") for w in _named(field)}
    _NAMES[key] = (weakref.ref(book), found)
    return found


# Languages that capitalise every noun (German), or months, peoples' adjectives and bodies' names too
# (English: "Soviet", "August", "Central Committee", which the shipped publication's register phrases hold
# 19, 8 and 8 times; kept whole they doubled its loose lines): there a capital inside a sentence marks no name.
NOUNS_CAPITALISED = frozenset({"de", "lb", "gsw", "en", "nl"})
# What a capitalised word at a sentence's (or a quoted title's) start follows.
_OPENS = re.compile(r"(?:^|[.!?…:;]\s+|[«“„‚‘\"'(\[]\s*)$")


def _named(text: str) -> set[str]:
    """The words a register's phrase capitalises inside a sentence: the places and bodies it names
    ("позже работал в Заблудове"), never the first word of a sentence or of a quoted title."""
    return {
        m.group()
        for m in _WORD.finditer(text)
        if m.group()[0].isupper() and m.group()[1:].islower() and not _OPENS.search(text[: m.start()])
    }
