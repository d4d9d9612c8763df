"""The tool's own words in the publication's language: labels, headings and notes every output adds.

Each language has a flat catalogue, ``templates/locales/<lang>.yaml`` (``key: text``,
``{name}`` fields filled with :func:`fill`). Every template sees the catalogue as the
global ``words`` (``{{ words.contents }}``); the deck, script, handout and screen
editions ask :func:`catalogue` for the words they print. A key a catalogue lacks
falls back to English (a test checks none does); a language with no catalogue
falls back to English with a warning. Catalogues are read through the templates
folder and recorded as dependencies, so an edit to one remakes the outputs using it.

Counts take the language's plural forms from Babel (CLDR): ``slides.one``,
``slides.few``, ``slides.many``, ``slides.other``; :func:`count` picks one.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml
from babel import Locale, UnknownLocaleError

from pamphleteer.errors import UsageError, display_path
from pamphleteer.infra import dependencies, locations
from pamphleteer.infra.filecache import by_file
from pamphleteer.infra.locations import missing, templates_dir

from . import bidi, cldr

log = logging.getLogger(__name__)

BASE = "en"


@by_file(maxsize=32)  # by stamp, not path alone: a running --watch sees an edited catalogue
def _read(path: Path) -> tuple[bytes, dict[str, str]]:
    data = path.read_bytes()
    return data, entries(path, data)


MAX_BYTES = 1_000_000


def entries(path: Path, data: bytes) -> dict[str, str]:
    """A catalogue's entries, checked: flat ``key: text`` lines whose ``{fields}`` are plain names the
    code fills (those of the shipped English entry), no format, no attribute: a house style's
    ``{n:99999999}`` would make a 100-megabyte string, ``{title.__class__}`` read our objects.
    A catalogue that breaks these is a usage error naming its file, line and key."""
    if len(data) > MAX_BYTES:
        raise UsageError(f"{display_path(path)}: a catalogue is at most {MAX_BYTES:,} bytes")
    try:
        node = yaml.compose(data.decode("utf-8"), Loader=yaml.SafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        said = getattr(exc, "problem", None) or "not UTF-8 text"
        raise UsageError(f"{display_path(path)}{where}: the catalogue is not readable YAML ({said})") from None
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise UsageError(f"{_at(path, node)}: a catalogue is flat 'key: text' lines, not a {node.id}")
    found: dict[str, str] = {}
    problems = []
    known = _shipped_fields()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        if not isinstance(value_node, yaml.ScalarNode) or value_node.tag != "tag:yaml.org,2002:str" or not key:
            problems.append(f"{_at(path, value_node)}: {key or '(a key)'}: expected text ('key: text')")
            continue
        problem = _fields_problem(value_node.value, known.get(_base_key(key)))
        if problem:
            problems.append(f"{_at(path, value_node)}: {key}: {problem}")
        found[key] = value_node.value
    if problems:
        raise UsageError("\n".join(problems))
    return found


def _at(path: Path, node: yaml.Node) -> str:
    return f"{display_path(path)}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def _base_key(key: str) -> str:
    """``slide_count.few`` -> ``slide_count``: a plural form takes its key's fields."""
    stem, dot, form = key.rpartition(".")
    return stem if dot and form in ("zero", "one", "two", "few", "many", "other") else key


def _fields_problem(text: str, allowed: frozenset[str] | None) -> str:
    """What is wrong with ``text``'s ``{fields}`` (a plain name each, one the code fills), or ""."""
    try:
        fields = [
            (name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text) if name is not None
        ]
    except ValueError as exc:
        return f"a '{{' or '}}' out of place ({exc}); write {{{{ or }}}} for a brace itself"
    for name, spec, conversion in fields:
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if spec or conversion:
            return f"{shown}: a field takes no format; write {{{name}}}"
        if not name.isidentifier():
            return f"{shown}: a field is a plain name, like {{title}}"
        if allowed is not None and name not in allowed:
            choices = ", ".join("{" + f + "}" for f in sorted(allowed)) or "none"
            return f"{shown}: no such field here (this entry has {choices})"
    return ""


@lru_cache(maxsize=1)
def _shipped_fields() -> dict[str, frozenset[str]]:
    """The fields each entry of our own English catalogue uses: the ones the code fills."""
    path = locations.shipped_dir() / "locales" / f"{BASE}.yaml"
    loaded = yaml.safe_load(path.read_bytes()) or {}
    fields: dict[str, set[str]] = {}
    for key, text in loaded.items():
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        fields.setdefault(_base_key(key), set()).update(names)
    return {key: frozenset(names) for key, names in fields.items()}


def _load(path: Path) -> dict[str, str]:
    """A catalogue file, recorded as a dependency of the running build (each time: builds record separately)."""
    try:
        data, entries = _read(path)
    except OSError as exc:
        raise UsageError(missing(path, "catalogue")) from exc
    dependencies.record(path, data)
    return entries


def path_of(language: str) -> Path:
    return templates_dir() / "locales" / f"{cldr.base(language)}.yaml"


def catalogue(language: str) -> Mapping[str, str]:
    """Every word the tool adds, in ``language``; English where the language has no catalogue or lacks a key."""
    english = _load(path_of(BASE))
    if cldr.base(language) == BASE:
        return MappingProxyType(english)
    path = path_of(language)
    if not path.is_file():
        _warn_once(cldr.base(language))
        return MappingProxyType(english)
    return MappingProxyType({**english, **_load(path)})


@lru_cache(maxsize=32)
def _warn_once(language: str) -> None:
    log.warning("language '%s' has no catalogue; the tool's own words stay in English", language)


def comma(language: str, text: str = "") -> str:
    """What separates the parts of a reference or an attribution (``text``, all its parts): the language's
    comma (", ", "، "), or the English one where the language runs right to left and ``text`` holds no letter
    that does: a Latin citation in an Arabic book reads "Jonathan M. Bloom, Paper Before Print", not "Bloom،"."""
    if text and cldr.direction(language) == "rtl" and not bidi.has_rtl(text):
        return catalogue(BASE)["comma"]
    return catalogue(language)["comma"]


def fill(language: str, key: str, **fields: object) -> str:
    """One entry with its ``{fields}`` filled: ``fill("en", "chapter", number=3)`` -> "Chapter 3"."""
    return catalogue(language)[key].format(**fields)


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(BASE)


def plural(language: str, n: int) -> str:
    """The CLDR plural category of ``n`` in the language: one, two, few, many or other."""
    return _locale(language).plural_form(n)


def count(language: str, key: str, n: int, digits: str = "latin", **fields: object) -> str:
    """``count("ru", "slides", 22)`` -> "22 слайда": the entry ``key.<category>``, else ``key.other``;
    the count in ``digits`` (``cldr.DIGITS``)."""
    words = catalogue(language)
    form = f"{key}.{plural(language, n)}"
    return words.get(form, words[f"{key}.other"]).format(count=cldr.numerals(n, digits), **fields)
