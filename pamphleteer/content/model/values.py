"""The content schema's values: the patterns, limits and typed fields every file's models are made of.

Ids, texts that must show something (``text/invisible.py``), inline markup (``text/inline.py``), web
addresses, picture names, partial dates, chart labels and values, and :class:`Strict`, the base
model that refuses unknown keys and silent coercion. The JSON Schemas carry each pattern and limit.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from pamphleteer.text import inline, invisible

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A text needs one character that shows: not a space, a combining mark, a format or control character.
VISIBLE = invisible.VISIBLE
MAX_CHAPTERS = 250
MAX_SLIDES = 40  # a chapter's
MAX_LECTURE = 1000  # slides in the whole lecture, checked across chapters (content/references.py)
MAX_NOTES = 500  # footnotes a chapter
MAX_VALUE = 1e15  # a chart value's size: a number printed whole, and sums that stay exact
MIN_VALUE = 1e-6  # a chart value other than 0 is at least this big: smaller ones draw nothing


def _markup(value: str) -> str:
    """Inline markup the outputs can draw: nested at most ``inline.MAX_NESTING`` deep, no note in a note."""
    problem = inline.problem(value)
    if problem:
        raise ValueError(problem)
    return value


def visible(max_length: int) -> Any:
    """Text of 1 to ``max_length`` characters with at least one that shows (the JSON Schema says both)."""
    return Annotated[str, StringConstraints(min_length=1, max_length=max_length, pattern=VISIBLE)]


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
Text = visible(300)
Inline = Annotated[visible(6000), AfterValidator(_markup)]
Notes = Annotated[visible(3000), AfterValidator(_markup)]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
# A web address as it may be printed, linked and put in a QR code: http(s), a host, a port that is one, and
# no character a URL must %-encode (spaces, quotes, <>, invisible and bidi controls); no user name or password
# (``https://bank.example@evil.example/`` reads as the one and goes to the other). In [0-9], not \\d, which in
# Python takes every script's digits and in an editor's JavaScript only ASCII.
_URL_BAD = r'\s"<>\\^`{|}\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff'
_HOST = rf"(?:[^{_URL_BAD}/?#@:\[\]]+|\[[0-9A-Fa-f:.]+\])"
_PORT = r"(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?"
URL_PATTERN = rf"^https?://{_HOST}{_PORT}(?:[/?#][^{_URL_BAD}]*)?$"
# The web edition's own address: a folder it is served from, so no query (?...) or fragment (#...) either.
SITE_PATTERN = rf"^https?://{_HOST}{_PORT}(?:/[^{_URL_BAD}?#]*)?$"
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=500)]
SiteUrl = Annotated[str, StringConstraints(pattern=SITE_PATTERN, max_length=500)]


def url_problem(value: str, *, site: bool = False) -> str:
    """Why ``value`` is no web address the outputs can carry (for a value the pattern refused)."""
    shown = value if len(value) <= 60 else value[:57] + "..."
    scheme, _, rest = value.partition("://")
    if scheme not in ("http", "https") or not rest:
        return f"expected a web address starting https:// or http://, got {shown!r}"
    bad = re.search(f"[{_URL_BAD}]", value)
    if bad:
        return (
            f"{shown!r} holds {bad.group()!r}, which a web address cannot: write it %-encoded "
            f"(a space is %20), or leave it out"
        )
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority:
        return f"{shown!r} names a user or password before '@'; give the address without them"
    if site and re.search(r"[?#]", rest):
        return f"{shown!r} has a query (?...) or fragment (#...); give the address of the folder the web edition is in"
    return f"{shown!r} is not a web address (a host, then a port from 1 to 65535 after ':', if any)"


FilePath = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# A picture's name: a PNG or JPEG by its name, folders separated by "/" on every system.
IMAGE_PATTERN = r"^[^\\]*\.(?:[pP][nN][gG]|[jJ][pP][eE]?[gG])$"
ImageName = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=IMAGE_PATTERN)]
# What every machine's file system asks of a file's name, checked when the publication loads (references.py).
FILE_NAMES = (
    "No folder or file in it named as Windows names a device (con, prn, aux, nul, com1 to com9, lpt1 to lpt9, "
    "whatever follows a dot), and the name written with the file's own capitals: Windows and macOS do not "
    "tell images/Map.png from images/map.png, Linux does."
)
MAX_IMAGE_PIXELS = 50_000_000  # checked by images.py, before any output is made
MAX_IMAGE_BYTES = 20_000_000
Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]
# In a translation: which version of the original a file translates (``python build.py check`` prints it).
ORIGINAL = (
    "Translations only: the original's content hash when this was translated (8 hex digits; "
    "the check command prints the current one)."
)
ORIGINAL_LANG = (
    "Language tag of the original, e.g. 'ru' or 'de'. When absent it is inferred from the original's "
    "script: Cyrillic is Russian (or the publication's language if that is written in Cyrillic), Greek "
    "Greek, Hebrew Hebrew, Arabic Arabic, Han Chinese, Latin the publication's language."
)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: Any) -> Any:
    """Years, ``YYYY-MM`` and ``YYYY-MM-DD`` as text; YAML's own dates and years are welcome too."""
    if isinstance(value, bool):
        return value  # rejected below with a clear message
    if isinstance(value, dt.datetime):  # YAML reads "2025-03-01 10:00:00" so; the JSON Schema refuses it too
        raise ValueError(
            "expected a date like 1928, 1928-01 or 1928-01-18, got a date with a time of day "
            f"({value:%Y-%m-%d %H:%M}); write the day alone: {value:%Y-%m-%d}"
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1 <= value <= 9999:
        return f"{value:04d}"
    if isinstance(value, str):
        match = _DATE.match(value)
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            try:
                dt.date(year, 1 if month is None else month, 1 if day is None else day)  # 1915-00 is no month
            except ValueError as exc:
                raise ValueError(f"'{value}' is not a real date ({exc})") from None
            return value
        shown = value if len(value) <= 40 else value[:37] + "..."
        raise ValueError(f"expected a date like 1928, 1928-01 or 1928-01-18, got {shown!r}")
    return value


# What _partial_date accepts, for the JSON Schema: a year (text or number), YYYY-MM or YYYY-MM-DD, with
# real months and days (that a 30 February is no date only the build can say).
PARTIAL_DATE_PATTERN = r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$"
PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    Field(
        json_schema_extra={
            "type": ["string", "integer"],
            "pattern": PARTIAL_DATE_PATTERN,
            "minimum": 1,
            "maximum": 9999,
            "examples": [1928, "1928-01", "1928-01-18"],
        }
    ),
]


# Labels are text: written as numbers, YAML would read 1.10 as 1.1 and 010 as 8, so they must be quoted.
Label = visible(60)


def _chartable(value: float) -> float:
    if value != 0 and abs(value) < MIN_VALUE:
        raise ValueError(f"{value!r} is too small to chart (other than 0, at least {MIN_VALUE:.6f} in size)")
    return value


# JSON Schema for "0, or at least MIN_VALUE in size": not strictly between -MIN_VALUE and MIN_VALUE unless 0.
_NOT_TINY = {"not": {"exclusiveMinimum": -MIN_VALUE, "exclusiveMaximum": MIN_VALUE, "not": {"const": 0}}}
Value = Annotated[
    float,
    Field(allow_inf_nan=False, ge=-MAX_VALUE, le=MAX_VALUE, json_schema_extra=_NOT_TINY),
    AfterValidator(_chartable),
]


def text(max_length: int) -> Any:
    """Short text of at most ``max_length`` characters (the limit the JSON Schema states too)."""
    return visible(max_length)


class At(ValueError):
    """A validation error about one part of the model (a row, a value): ``loc`` is relative to the model.

    ``split`` marks a count that a comma inside a flow list could have caused.
    """

    def __init__(self, loc: tuple[str | int, ...], message: str, *, split: bool = False) -> None:
        super().__init__(message)
        self.loc = loc
        self.split = split


class Strict(BaseModel):
    """Unknown keys are errors; no silent type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
