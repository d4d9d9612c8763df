"""Where a word may be hyphenated: the language's patterns (pyphen's dictionaries) and the house limits.

Every output prints the points decided here as soft hyphens, so the pamphlet, the
EPUB, the web edition and the handout break a word at the same places (a screen at
fewer of them: :func:`screen_points`), and the layout engine never hyphenates on its
own (``hyphens: manual``).

The limits: a word of at least 6 letters; on each side of a break at least the
letters the language's dictionary asks (its LEFTHYPHENMIN and RIGHTHYPHENMIN, as TeX
and LibreOffice read them: "ap-peared" in English, "Wo-chen" in German), and never
fewer than 2. Some dictionaries (German, French, Catalan...) come in two levels: the
first marks the joints of compounds ("Reichstags|abgeordneter"), the second the
syllables inside each part. pyphen reads such a file as one level, which mixes the
two and yields breaks like "Hafe-narbeiter"; here each level is read on its own,
the joints are always break points, and a syllable break is kept only at least 3
letters from a joint, so a line that breaks near a joint breaks at the joint.

Reading a language's patterns takes 0.03 s (English) to 0.25 s (German), in every process that hyphenates, and
an edit brings few new words: each word's break points are kept between builds (the build's
shelf of computed values, ``infra/kept.py``), under this tool's code and pyphen's version,
per language with the digest of its dictionary file; the patterns are read only for a word not
kept.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path

import pyphen

from pamphleteer.infra import dependencies

MIN_WORD = 6  # letters in the shortest word that may be hyphenated
MIN_SIDE = 2  # letters on either side of a break when the dictionary does not say (TeX's default for most languages)
# On a screen (the EPUB, the web edition) the measure is the reader's device's, the text ragged and laid out by
# a browser that hyphenates wherever a soft hyphen lets a word fit and knows no limit on consecutive hyphenated
# lines (Chromium has no hyphenate-limit-lines, and its hyphenate-limit-chars ignores soft hyphens): only the
# print breaks in a word of 7 letters or more with 4 on each side are offered there. At phones' 360, 390 and
# 430 px, Chromium set the shipped web edition with 10, 9 and 7 ladders of 3 or 4 hyphenated lines (and 45, 40
# and 39 of 2) when offered every print break; with 3 letters a side, 3, 1 and 2 then, and 8 ladders over the
# three widths as the text grew ("bur-/divi-/differ-" in chapter 6 at 390 px); with 4 a side, none (half the
# soft hyphens: "bureau-cracy" but no "bur-eaucracy", the rag hardly looser): tests/screen/test_ladders.py.
SCREEN_WORD = 7
SCREEN_SIDE = 4
# Syllable breaks closer than this to a compound's joint are dropped: the joint is the better break.
NEAR_JOINT = 3


class _Level(pyphen.HyphDict):
    """One level of a hyphenation file's patterns, parsed as pyphen parses a whole file."""

    def __init__(self, lines: list[str]) -> None:
        self.patterns = {}
        self.words: set[str] = set()  # the level's letters without digits: a two-level file's known words
        for line in lines:
            pattern = line.strip()
            if not pattern or pattern.startswith(pyphen.ignored) or pattern.isupper():
                continue  # comments and keywords (LEFTHYPHENMIN 2, NEXTLEVEL...)
            if "^^" in pattern:
                pattern = pyphen.parse_hex(lambda match: chr(int(match.group(1), 16)), pattern)
            if "/" in pattern and "=" in pattern:
                continue  # non-standard breaks ("ck" -> "k-k"): a soft hyphen cannot print them
            tags, values = _parsed(pattern)
            self.words.add(tags)
            if max(values) == 0:
                continue
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            self.patterns[tags] = start, values[start:end]
        self.cache = {}
        self.maxlen = max((len(key) for key in self.patterns), default=1)


def _parsed(pattern: str) -> tuple[str, tuple[int, ...]]:
    """A pattern's letters and the digit before each letter and after the last (0 where none), as
    pyphen's ``parse`` reads it (``(\\d?)(\\D?)``, pair by pair), in one pass over the characters:
    German's 58,000 patterns in half the time (0.25 s, not 0.55, first thing in a cold build that
    hyphenates German). Two digits running (German's "blut11harn") are read by pyphen's own ``parse``."""
    letters: list[str] = []
    values: list[int] = []
    pending, digit = 0, False
    for char in pattern:
        if char.isdecimal():  # what \d matches
            if digit:
                pairs = [(string, int(i or "0")) for i, string in pyphen.parse(pattern)]
                return "".join(string for string, _ in pairs), tuple(value for _, value in pairs)
            pending, digit = int(char), True
        else:
            letters.append(char)
            values.append(pending)
            pending, digit = 0, False
    values.append(pending)
    return "".join(letters), tuple(values)


@lru_cache(maxsize=16)
def _dictionary(language: str) -> Path | None:
    """The language's hyphenation file, if pyphen has one."""
    name = pyphen.language_fallback(language.replace("-", "_"))
    return Path(pyphen.LANGUAGES[name]) if name else None


@lru_cache(maxsize=16)
def _levels(language: str) -> tuple[_Level, _Level | None] | None:
    """The language's (syllables, compounds) patterns; compounds is None for a one-level dictionary."""
    path = _dictionary(language)
    if path is None:
        return None
    with path.open("rb") as fh:
        encoding = fh.readline().decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    lines = path.read_text(encoding).split("\n")[1:]
    stripped = [line.strip() for line in lines]
    if "NEXTLEVEL" not in stripped:
        return _Level(lines), None
    at = stripped.index("NEXTLEVEL")
    return _Level(lines[at + 1 :]), _Level(lines[:at])


@lru_cache(maxsize=16)
def sides(language: str) -> tuple[int, int]:
    """The fewest letters (before, after) a break, as the language's dictionary sets them."""
    name = pyphen.language_fallback(language.replace("-", "_"))
    found = {"LEFTHYPHENMIN": MIN_SIDE, "RIGHTHYPHENMIN": MIN_SIDE}
    if name:
        for line in Path(pyphen.LANGUAGES[name]).read_bytes().decode("latin-1").splitlines()[:50]:
            key, _, value = line.strip().partition(" ")
            if key in found and value.strip().isdigit():
                found[key] = max(MIN_SIDE, int(value))
    return found["LEFTHYPHENMIN"], found["RIGHTHYPHENMIN"]


def prepare(language: str) -> None:
    """Read the language's patterns and digest its dictionary now, for processes forked from this one
    (a watch's fork server, ``commands/preheat.py``): German's 58,000 patterns take 0.22 s to read,
    which each rebuild's layout child otherwise spent on the first word it had not hyphenated before."""
    _levels(language)
    _digest(language)


def available(language: str) -> bool:
    """Whether the tool has hyphenation patterns for the language (none for Arabic, Hebrew...)."""
    return _dictionary(language) is not None


# A compound's parts in a two-level file's word list: a word of 4+ letters, or one with its linking
# "s" ("Reichstag|s|abgeordneter"); the last part may carry an inflection the list lacks.
_PART = 4
_ENDINGS = ("", "e", "n", "r", "s", "en", "er", "es", "em", "ern", "ens")
_VOWELS = set("aeiouyäöüéèêàâîôûœæ")
# Where a syllable may start after a break: one consonant (ch, ck, sch, ph, th, qu count as one)
# or a cluster a word may start with; anything else is a pattern misread ("Hafe-n-a-r").
_ONSETS = ("sch", "ch", "ck", "ph", "th", "qu", "str", "spr", "schr", "schl", "schw", "pfl", "pfr")
_PAIRS = {"bl", "br", "dr", "fl", "fr", "gl", "gr", "kl", "kn", "kr", "pf", "pl", "pr", "sp", "st", "tr", "zw", "sk"}


def _joints(word: str, known: set[str]) -> tuple[int, ...]:
    """The joints of a compound, from a dictionary's word list: the split into fewest known parts."""
    n = len(word)
    best: list[tuple[int, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + _PART, n + 1):
            if word[i:j] not in known:
                continue
            for k in (j, j + 1) if j < n and word[j] == "s" else (j,):
                path = (*best[i], k)  # type: ignore[misc]
                if best[k] is None or len(path) < len(best[k]):  # type: ignore[arg-type]
                    best[k] = path
    for ending in _ENDINGS:
        found = best[n - len(ending)] if ending and word.endswith(ending) else best[n] if not ending else None
        if found and len(found) > 1:
            return found[:-1]
    return ()


def _starts_syllable(rest: str) -> bool:
    if not rest or rest[0] in _VOWELS:
        return False
    if rest.startswith(_ONSETS) or rest[:2] in _PAIRS:
        return True
    return len(rest) > 1 and rest[1] in _VOWELS


@lru_cache(maxsize=50000)
def points(word: str, language: str) -> tuple[int, ...]:
    """Offsets in ``word`` after which it may break, within the house limits; () for a short word."""
    if len(word) < MIN_WORD or _dictionary(language) is None:
        return ()
    table = _kept(language)
    found = table.get(word)
    if found is None:
        found = table[word] = _points(word, language)
    return found


def _kept(language: str) -> dict[str, tuple[int, ...]]:
    """The words of ``language`` whose points are known, as kept by earlier builds and added to by this one."""
    from pamphleteer.infra import kept

    return kept.table("hyphenation", version(language))


# language -> (the build it was worked out in, its version): the dictionary file stat'ed once per build, not once
# for every word and every text not met before (3,267 times in a cold build of the shipped publication's main
# process, counted with cProfile; 4 now, one per language it hyphenates)
_VERSIONS: dict[str, tuple[object, str]] = {}


def version(language: str) -> str:
    """What the break points of ``language``'s words depend on, besides this tool's code: pyphen and the
    language's dictionary file; worked out once per build (outside one, every time)."""
    from pamphleteer.infra import kept

    build = kept.computed("hyphenation")  # the build's shelf of them: one object for the whole build
    held = _VERSIONS.get(language)
    if build is not None and held is not None and held[0] is build:
        return held[1]
    found = f"{pyphen.__version__} {language} {_digest(language)}"
    if build is not None:
        _VERSIONS[language] = (build, found)
    return found


def _digest(language: str) -> str:
    """What a language's points are read from, besides this tool's code: its dictionary file."""
    path = _dictionary(language)
    return dependencies.file_digest(path) if path is not None else ""


def _points(word: str, language: str) -> tuple[int, ...]:
    levels = _levels(language)
    if levels is None or len(word) < MIN_WORD:
        return ()
    syllables, compounds = levels
    left, right = sides(language)
    lower = word.lower()
    joined = joints(word, language)
    candidates = {int(p) for p in syllables.positions(lower)}
    listed = compounds is not None and len(compounds.words) > 1000
    if compounds is not None:
        candidates |= {int(p) for p in compounds.positions(lower)}
    found = list(joined)
    for p in sorted(candidates):
        if not left <= p <= len(word) - right or any(abs(p - j) < NEAR_JOINT for j in joined):
            continue
        if listed and not _starts_syllable(lower[p:]):
            continue  # a two-level file's syllable patterns misfire at the joints it expects us to know
        found.append(p)
    if not listed and language.split("-")[0].split("_")[0].lower() == "en":
        return _english(lower, sorted(found))
    if not listed:
        return tuple(sorted(found))
    kept: list[int] = []
    for p in sorted(set(found)):
        # every piece holds a vowel: no "Deut-sch-land". Of two breaks with only consonants between
        # them, the later one keeps them on the left, as German does ("Deutsch-land", "Fens-ter"),
        # unless it would start a syllable with ch or ck ("Fort-schritt", not "Forts-chritt").
        if not _VOWELS & set(lower[kept[-1] if kept else 0 : p]):
            earlier = kept[-1] if kept else None
            if earlier is None or earlier in joined or (p not in joined and lower[p:].startswith(("ch", "ck"))):
                continue
            kept.pop()
        kept.append(p)
    while kept and not _VOWELS & set(lower[kept[-1] :]):
        kept.pop()
    return tuple(kept)


# What an English syllable may start with after a break, besides a vowel or one consonant before a vowel: the
# clusters English words begin with, the transliterated single sounds (kh, zh, dzh: "Za-khar"), and a consonant
# with "le" ("set-tle-ment"). The patterns are English words' breaks: on a foreign name they may cut a cluster
# no English word begins with ("Man-nheim"), or leave a piece without a vowel ("Kaza-kh-stan").
_ONSETS_READ = (
    "bl br ch cl cr dr dw fl fr gl gn gr kh kl kn kr ph pl pr ps qu rh sc sh sk sl sm sn sp st sw th tr tw wh wr zh"
    " dzh sch scr shr sph spl spr squ str thr"
)
_ENGLISH_ONSETS = frozenset(_ONSETS_READ.split())
_ENGLISH_VOWELS = set("aeiouy")


def _english(lower: str, found: list[int]) -> tuple[int, ...]:
    """``found`` less the breaks an English reader would not accept: one before a cluster no English
    syllable starts with, and of two with only consonants between them the earlier."""
    latin = [p for p in found if lower[p : p + 1].isascii() and lower[p : p + 2].isalpha()]
    if len(latin) < len(found):
        return tuple(found)  # not a word in Latin letters: the patterns' own points

    def starts(rest: str) -> bool:
        if rest[0] in _ENGLISH_VOWELS or rest[1] in _ENGLISH_VOWELS:
            return True
        return rest[:2] in _ENGLISH_ONSETS or rest[:3] in _ENGLISH_ONSETS or rest[1:3] == "le"

    kept: list[int] = []
    for p in (p for p in found if starts(lower[p:])):
        if not _ENGLISH_VOWELS & set(lower[kept[-1] if kept else 0 : p]):
            if not kept:
                continue
            kept.pop()  # of two breaks with only consonants between, the later: "Trans-caucasian", "Kazakh-stan"
        kept.append(p)
    while kept and not _ENGLISH_VOWELS & set(lower[kept[-1] :]):
        kept.pop()
    return tuple(kept)


@lru_cache(maxsize=50000)
def joints(word: str, language: str) -> tuple[int, ...]:
    """The offsets of a compound's joints among its break points (German...); () for other words."""
    levels = _levels(language)
    if levels is None or levels[1] is None or len(word) < MIN_WORD:
        return ()
    syllables, compounds, lower = levels[0], levels[1], word.lower()
    if len(compounds.words) > 1000:
        # a joint the syllable patterns do not break at is a suffix read as a word: "Streik|enden" is
        # "Strei-ken-den" (the participle's -end-), where "Kriegs|ende", "Hafen|arbeiter" are joints
        breaks = {int(p) for p in syllables.positions(lower)}
        found = tuple(j for j in _joints(lower, compounds.words) if j in breaks)
    else:
        found = tuple(int(j) for j in compounds.positions(lower))
    left, right = sides(language)
    return tuple(j for j in found if left <= j <= len(word) - right)


def screen_points(word: str, language: str) -> tuple[int, ...]:
    """The print's break points a screen is offered: in a word of :data:`SCREEN_WORD` letters or more, with
    :data:`SCREEN_SIDE` letters or more on each side."""
    if len(word) < SCREEN_WORD:
        return ()
    return tuple(p for p in points(word, language) if SCREEN_SIDE <= p <= len(word) - SCREEN_SIDE)


def hyphenated(word: str, language: str, mark: str = "\u00ad", *, screen: bool = False, after: int = 0) -> str:
    """``word`` with ``mark`` (a soft hyphen) at each of its break points (a screen's, with ``screen``);
    with ``after``, only at those past its first ``after`` letters (a name it begins with)."""
    at = [n for n in (screen_points(word, language) if screen else points(word, language)) if n >= after]
    if not at:
        return word
    cuts = (0, *at, len(word))
    return mark.join(word[a:b] for a, b in itertools.pairwise(cuts))
