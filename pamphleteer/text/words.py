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
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml
from babel import Locale, UnknownLocaleError

from pamphleteer.errors import UsageError
from pamphleteer.infra import dependencies
from pamphleteer.infra.filecache import by_file
from pamphleteer.infra.locations import templates_dir

from . import cldr

log = logging.getLogger(__name__)

BASE = "en"


@by_file(maxsize=32)  # by stamp, not path alone: a running --watch sees an edited catalogue
def _read(path: Path) -> tuple[bytes, dict[str, str]]:
    data = path.read_bytes()
    loaded = yaml.safe_load(data) or {}
    if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
        raise UsageError(f"{path}: a catalogue is flat 'key: text' lines")
    return data, {str(k): v for k, v in loaded.items()}


def _load(path: Path) -> dict[str, str]:
    """A catalogue file, recorded as a dependency of the running build (each time: builds record separately)."""
    try:
        data, entries = _read(path)
    except OSError as exc:
        raise UsageError(f"{path}: catalogue missing (a damaged installation? reinstall pamphleteer)") from exc
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


def count(language: str, key: str, n: int, **fields: object) -> str:
    """``count("ru", "slides", 22)`` -> "22 слайда": the entry ``key.<category>``, else ``key.other``."""
    words = catalogue(language)
    form = f"{key}.{plural(language, n)}"
    return words.get(form, words[f"{key}.other"]).format(count=n, **fields)
