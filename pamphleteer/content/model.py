"""The content schema: every file an author writes, declared once, typed and described.

A publication folder holds ``publication.yaml``, ``chapters/<id>.yaml`` and the
optional registers ``people.yaml``, ``timeline.yaml``, ``data.yaml``,
``glossary.yaml`` and ``sources.yaml``. Each top-level model below is one of
those files; :data:`FILES` maps names to models, and ``python build.py schema``
turns them into JSON Schemas for editors.

Text fields typed :data:`Inline` accept inline markup (see ``text/inline.py``):
``*emphasis*``, ``**strong**``, ``[text](https://...)``, footnotes ``^[...]``,
references ``[name](person:id)``, ``[term](term:id)``, ``[title](source:id)``,
``[title](chapter:id)``, and a phrase in another language ``[liberté](lang:fr)``
(any language tag), which every output tags with its language and direction. Markup nests at
most ``MAX_NESTING`` (8) deep, and a footnote holds no footnote of its own.

Limits are checked as the files are read, before any work, and each field's description
states its own, so the JSON Schemas say them too: at most 250 chapters, 40 slides a chapter
(1,000 in the lecture), 500 footnotes a chapter, tables of 8 columns and 60 rows, chart values
of at most 10^15 in size. Text must show something: a title of spaces, zero-width characters or
combining marks alone is refused (``text/invisible.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from pamphleteer.text import inline, invisible

from . import house

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


# --- registers ---------------------------------------------------------------------------


class Person(Strict):
    id: Id = Field(description="Key used to refer to this person: [name](person:id).")
    name: Text = Field(description="Name as printed, e.g. 'Karl Drais'.")
    original: Text | None = Field(None, description="Name in the original script, e.g. Cyrillic.")
    original_lang: Language | None = Field(None, description=ORIGINAL_LANG)
    index_as: Text | None = Field(None, description="Sort form for the index, e.g. 'Drais, Karl'.")
    also: list[Text] | None = Field(
        None,
        description="Other forms of the name the text uses, each found as written for the index "
        "(the full name and the surname are found anyway), e.g. ['Fritz Ebert', 'Eberts'].",
    )
    born: PartialDate | None = Field(None, description="Year (or date) of birth.")
    died: PartialDate | None = Field(None, description="Year (or date) of death.")
    role: Inline = Field(description="Who they were, in a phrase.")
    fate: Inline | None = Field(None, description="What became of them.")


class PeopleFile(Strict):
    people: list[Person] = Field(description="The register of people, any order (the index sorts).")
    original: Hash | None = Field(None, description=ORIGINAL)


class Event(Strict):
    date: PartialDate = Field(description="When: 1928, 1928-01 or 1928-01-18.")
    title: Text = Field(description="What happened, in a line.")
    text: Inline | None = Field(None, description="A sentence or two more.")
    highlight: bool = Field(False, description="Show this event on timeline slides.")


class TimelineFile(Strict):
    events: list[Event] = Field(description="Dated events; sorted by date when printed.")
    original: Hash | None = Field(None, description=ORIGINAL)


class Dataset(Strict):
    name: Text = Field(description="Legend name of this row of values.")
    values: list[Value] = Field(
        description="One number per label: at most 10^15 in size, and other than 0 at least 0.000001."
    )


class Series(Strict):
    id: Id = Field(description="Key used by figures and slides: figure: {series: id}.")
    title: Text = Field(description="What the numbers show.")
    kind: Literal["bar", "hbar", "line", "pie", "stacked"] = Field("bar", description="How to chart it.")
    unit: Text | None = Field(None, description="Unit of the values, e.g. 'workers', 'shillings' or '%'.")
    labels: list[Label] = Field(min_length=1, max_length=40, description="Category labels (years, names).")
    values: list[Value] | None = Field(
        None, description="Values for a single-row series: at most 10^15 in size, and other than 0 at least 0.000001."
    )
    datasets: list[Dataset] | None = Field(None, max_length=6, description="Several named rows.")
    source: Inline = Field(description="Where the figures come from.")
    note: Inline | None = Field(None, description="A caveat printed under the figure.")

    @model_validator(mode="after")
    def _shape(self) -> Series:
        if (self.values is None) == (self.datasets is None):
            raise ValueError("give either values or datasets, not both or neither")
        for i, row in enumerate(self.rows):
            where: tuple[str | int, ...] = ("values",) if self.datasets is None else ("datasets", i, "values")
            if len(row.values) != len(self.labels):
                message = f"'{row.name}' has {len(row.values)} values for {len(self.labels)} labels"
                raise At(where, message, split=len(row.values) < len(self.labels))
            if self.kind == "pie":
                for j, value in enumerate(row.values):
                    if value < 0:
                        raise At((*where, j), f"a pie cannot show a negative value ({value:g}); use a bar chart")
                if not any(row.values):  # shares of nothing: the figure would be an empty circle
                    raise At(where, "every value of the pie is 0, so it has no shares to show; say so in a sentence")
        return self

    @property
    def rows(self) -> list[Dataset]:
        if self.datasets is not None:
            return list(self.datasets)
        return [Dataset(name=self.title, values=list(self.values or []))]


class DataFile(Strict):
    series: list[Series] = Field(description="Named data series for charts.")
    original: Hash | None = Field(None, description=ORIGINAL)


class Term(Strict):
    id: Id = Field(description="Key used to refer to this term: [draisine](term:id).")
    term: Text = Field(description="The term as printed.")
    original: Text | None = Field(None, description="The term in the original language.")
    original_lang: Language | None = Field(None, description=ORIGINAL_LANG)
    definition: Inline = Field(description="What it means, in a sentence or three.")


class GlossaryFile(Strict):
    terms: list[Term] = Field(description="Glossary entries; sorted when printed.")
    original: Hash | None = Field(None, description=ORIGINAL)


class Source(Strict):
    id: Id = Field(description="Key used to refer to this source: [title](source:id).")
    author: Text | None = Field(None, description="Author or authors.")
    title: Text = Field(description="Title of the work.")
    year: PartialDate | None = Field(None, description="Year of publication.")
    publisher: Text | None = Field(None, description="Publisher or periodical.")
    url: Url | None = Field(None, description="Where to read it online.")
    kind: Literal["primary", "history", "further"] = Field(
        "history", description="Primary source, history, or further reading."
    )
    note: Inline | None = Field(None, description="Why read it.")


class SourcesFile(Strict):
    sources: list[Source] = Field(description="Works cited and recommended.")
    original: Hash | None = Field(None, description=ORIGINAL)


# --- blocks ---------------------------------------------------------------------------------


class Quotation(Strict):
    text: Inline = Field(description="The words quoted, verbatim.")
    who: Id | None = Field(None, description="The person quoted (a people.yaml id).")
    by: Text | None = Field(None, description="Attribution as printed, if not the person's name.")
    date: PartialDate | None = Field(None, description="When it was said or written.")
    source: Inline | None = Field(None, description="Where it comes from.")

    @model_validator(mode="after")
    def _attributed(self) -> Quotation:
        if self.who is None and self.by is None:
            raise ValueError("a quotation needs who (a person id) or by (an attribution)")
        return self


MAX_COLUMNS = 8  # a table's columns (on a slide, those that do not sit side by side go on to another)


class Table(Strict):
    id: Id | None = Field(None, description="Key so a slide can show this table: table: id.")
    caption: Text = Field(description="Title of the table.")
    columns: list[Text] = Field(min_length=1, max_length=MAX_COLUMNS, description="Column headings: 1 to 8 columns.")
    rows: list[list[Inline]] = Field(min_length=1, max_length=60, description="Rows of cells: 1 to 60 rows.")
    source: Inline | None = Field(None, description="Where the table's facts come from.")

    @model_validator(mode="after")
    def _rectangular(self) -> Table:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                message = f"row {i + 1} has {len(row)} cells for {len(self.columns)} columns"
                raise At(("rows", i), message, split=len(row) > len(self.columns))
        return self


class Figure(Strict):
    series: Id = Field(description="The data series to draw (a data.yaml id).")
    caption: Inline | None = Field(None, description="Caption; defaults to the series title.")


class TimelineRange(Strict):
    start: PartialDate = Field(description="First date shown.")
    end: PartialDate = Field(description="Last date shown.")
    title: Text | None = Field(None, description="Heading over the excerpt.")


MAX_CONTACTS = 6  # lines of a notice's contact list


class Notice(Strict):
    """The facts a meeting leaflet exists for, set boxed at body size or larger: each optional, one at least."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": [k]} for k in ("date", "time", "place", "contact")]}
    )

    title: Text | None = Field(None, description="A heading over the facts, e.g. 'Public meeting'.")
    date: PartialDate | None = Field(
        None, description="The day: 2026-03-12 prints with its weekday ('Thursday 12 March 2026'); 2026-03 or 2026 too."
    )
    time: text(60) | None = Field(None, description="The time, as it should read, e.g. '7 pm' or '19:00–21:00'.")
    place: Inline | None = Field(None, description="Where, e.g. 'Calder Road Community Hall, 12 Calder Road'.")
    contact: list[Inline] = Field(
        [],
        min_length=1,
        max_length=MAX_CONTACTS,
        description="Who to contact, a line each (a name, a telephone number, an email or a web address), at most 6.",
    )

    @model_validator(mode="after")
    def _something(self) -> Notice:
        if not (self.date or self.time or self.place or self.contact):
            raise ValueError("a notice needs at least one of date, time, place, contact")
        return self


class Picture(Strict):
    """A picture file of the publication, checked once when it loads (``images.py``)."""

    file: ImageName = Field(
        description="Image file inside the publication folder, with / between folders: a PNG named .png or a JPEG "
        f"named .jpg or .jpeg, at most {MAX_IMAGE_BYTES:,} bytes and {MAX_IMAGE_PIXELS:,} pixels. {FILE_NAMES}"
    )
    alt: Text = Field(description="What the image shows, for readers who cannot see it.")
    _path: Path | None = PrivateAttr(None)  # the checked file, set once when the publication loads (images.py)

    @property
    def path(self) -> Path:
        """The real path of the file, checked when the publication loaded; every output reads this one."""
        if self._path is None:
            raise RuntimeError(f"image '{self.file}' was never checked")  # a loader bug, not the author's
        return self._path


class Image(Picture):
    caption: Inline | None = Field(None, description="Caption printed below.")
    credit: Text | None = Field(None, description="Who made it and under what licence.")


Items = list[Inline]

BLOCK_KINDS = (
    "p", "heading", "quote", "pullquote", "list", "numbered", "table", "figure", "timeline", "image", "notice",
)  # fmt: skip


class Block(Strict):
    """One block of a chapter: a mapping with exactly one of these keys."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    p: Inline | None = Field(None, description="A paragraph.")
    heading: Text | None = Field(None, description="A subheading inside the chapter.")
    quote: Quotation | None = Field(None, description="A block quotation with attribution.")
    pullquote: Inline | None = Field(None, description="A short line pulled out large.")
    list: Items | None = Field(None, min_length=1, description="A bulleted list.")
    numbered: Items | None = Field(None, min_length=1, description="A numbered list.")
    table: Table | None = Field(None, description="A table.")
    figure: Figure | None = Field(None, description="A chart drawn from a data series.")
    timeline: TimelineRange | None = Field(None, description="Events from the timeline in a date range.")
    image: Image | None = Field(None, description="A picture.")
    notice: Notice | None = Field(
        None, description="A meeting's facts (date, time, place, contact), boxed at body size or larger."
    )

    @model_validator(mode="before")
    @classmethod
    def _one_kind(cls, data: Any) -> Any:
        if isinstance(data, dict) and len(data) != 1:
            raise ValueError(f"a block has exactly one of {', '.join(BLOCK_KINDS)}; found {len(data)} keys")
        return data

    @property
    def kind(self) -> str:
        return next(k for k in BLOCK_KINDS if getattr(self, k) is not None)

    @property
    def body(self) -> Any:
        return getattr(self, self.kind)


# --- slides and chapters ---------------------------------------------------------------------


class Slide(Strict):
    title: text(90) = Field(description="Slide title, short.")
    points: list[Inline] = Field(
        [],
        max_length=12,
        description="Short points, a line or two each: at most 12 (those that do not fit one slide go on to "
        "another; one point longer than a slide holds is an error at the point).",
    )
    chart: Id | None = Field(None, description="A data series to chart natively (a data.yaml id).")
    table: Id | None = Field(None, description="A table to show (the id of a table block).")
    rows: list[Annotated[int, Field(ge=1)]] | None = Field(
        None,
        max_length=12,
        description="With a table: the rows the slide shows (1 is the first under the header), its key rows "
        "(default: a long table's first 7, with a line saying the full table is in the printed text); the rows "
        "are chosen before the columns are set over slides.",
    )
    columns: list[Text] | None = Field(
        None,
        min_length=1,
        max_length=MAX_COLUMNS,
        description="Table slides only: the table's columns this slide shows, by their headings, in this order "
        "(default: every column; columns too many to sit side by side at 18 pt are set over several slides, "
        "the first column on each, with a warning).",
    )
    quote: Quotation | None = Field(None, description="A quotation to show large.")
    timeline: TimelineRange | None = Field(None, description="Timeline events in a date range.")
    image: Image | None = Field(None, description="A picture.")
    notes: Notes = Field(description="Speaker notes, written to be spoken.")

    @model_validator(mode="after")
    def _one_visual(self) -> Slide:
        visuals = [k for k in ("chart", "table", "quote", "timeline", "image") if getattr(self, k) is not None]
        if len(visuals) > 1:
            raise ValueError(f"a slide shows one of chart, table, quote, timeline, image; found {', '.join(visuals)}")
        if self.rows is not None and self.table is None:
            raise At(("rows",), "rows are a table's key rows; the slide shows no table")
        # A note has no foot of the page to go to on a slide; the lecturer's own words go in the notes.
        shown = [(("points", i), point) for i, point in enumerate(self.points)]
        shown += [(("quote", "text"), self.quote.text)] if self.quote is not None else []
        for loc, text in shown:
            if inline.notes(text):
                raise At(loc, "a slide shows no footnotes; put what the note says in the slide's notes")
        if self.columns is not None and self.table is None:
            raise At(("columns",), "only a table slide has columns; show a table (table: id) or remove columns")
        for j, name in enumerate(self.columns or []):
            if name in self.columns[:j]:
                raise At(("columns", j), f"'{name}' is listed twice; list each column once")
        return self

    @property
    def visual(self) -> str | None:
        return next((k for k in ("chart", "table", "quote", "timeline", "image") if getattr(self, k)), None)


class Chapter(Strict):
    title: Text = Field(description="Chapter title.")
    short_title: text(50) | None = Field(None, description="For running heads and the agenda.")
    label: Text | None = Field(None, description="Shown above the title, e.g. 'Introduction'; defaults to the number.")
    summary: Inline | None = Field(None, description="A sentence under the title on the opener.")
    blocks: list[Block] = Field(
        min_length=1, description="The text, block by block; at most 500 footnotes in a chapter."
    )
    slides: list[Slide] = Field(
        [], max_length=MAX_SLIDES, description="Lecture slides for this chapter: at most 40 (and 1,000 in the lecture)."
    )
    key_points: list[Inline] = Field([], max_length=3, description="Up to three points for the handout.")
    original: Hash | None = Field(None, description=ORIGINAL)

    @model_validator(mode="after")
    def _notes(self) -> Chapter:
        count = inline.notes(self.summary or "")
        for i, block in enumerate(self.blocks):
            count += sum(inline.notes(text) for text in texts(block.body))
            if count > MAX_NOTES:
                raise At(("blocks", i), f"the chapter has more than {MAX_NOTES} footnotes by here; at most {MAX_NOTES}")
        return self


def texts(value: Any) -> list[str]:
    """Every string in ``value``, a block's body (a paragraph, a list's items, a table's cells, a quotation's parts)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for item in value for t in texts(item)]
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields for t in texts(getattr(value, name))]
    return []


# --- the publication ---------------------------------------------------------------------------

GENERATED_APPENDICES = ("people", "timeline", "glossary", "sources", "index")


class LecturePart(Strict):
    title: text(60) = Field(description="Name of this part of the lecture.")
    chapters: list[Id] = Field(min_length=1, description="Chapter ids in this part, in order.")


class Lecture(Strict):
    title: Text | None = Field(None, description="Deck title; defaults to the publication title.")
    subtitle: Text | None = Field(None, description="Deck subtitle.")
    speaker: Text | None = Field(None, description="Who gives the lecture.")
    closing: Text | None = Field(None, description="Title of the closing slide.")
    reading: list[Id] = Field([], max_length=8, description="Sources for the closing slide and handout.")
    parts: list[LecturePart] = Field(
        [],
        max_length=12,
        description="Chapters grouped into parts for the agenda and handout; default one per chapter.",
    )
    chapter_dividers: bool = Field(
        False,
        description="A divider slide before each chapter's slides (its label, short title and summary), besides "
        "the parts' dividers, which show where the talk is on the agenda.",
    )
    words_per_minute: int | None = Field(
        None,
        ge=60,
        le=250,
        description="Speaking rate for the lecturer's script, in words a minute; default: the language's "
        "(130 for English, more for Spanish, French and Italian, fewer for German, Russian and Arabic).",
    )
    duration: int | None = Field(
        None,
        ge=1,
        le=600,
        description="Minutes the lecture should last; the script warns when 10% over or under. "
        "Default: a minute a slide, in fives.",
    )


def _colour(value: Any) -> Any:
    """``#rrggbb`` in lower case; an unquoted colour, which YAML reads as a comment, is named as such."""
    if value is None:
        raise ValueError('no colour: in YAML a # begins a comment, so quote the colour: "#1d4e89"')
    if isinstance(value, str) and re.fullmatch(COLOUR_PATTERN, value):
        digits = value[1:].lower()
        return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))  # #333 is #333333
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    raise ValueError(f'expected a colour written # and six (or three) hex digits, e.g. "#1d4e89"; got {shown}')


COLOUR_PATTERN = r"^#(?:[0-9a-fA-F]{3}){1,2}$"
Colour = Annotated[str, BeforeValidator(_colour), Field(json_schema_extra={"pattern": COLOUR_PATTERN})]


class Colours(Strict):
    accent: Colour = Field(
        house.ACCENT,
        description='The house colour, quoted ("#1d4e89"): the cover, the deck\'s title and section slides, labels, '
        "rules and dates. It is set as text on the white page, so it must reach 4.5:1 contrast there; the cover's "
        "text on it is white or cream.",
    )
    text: Colour = Field(
        house.INK, description="The colour of the text, quoted; it must reach 4.5:1 contrast on the white page."
    )

    @field_validator("accent", "text")
    @classmethod
    def _on_the_page(cls, value: str, info: ValidationInfo) -> str:
        problem = house.unreadable(value, house.PAGE, info.field_name or "")
        if problem:
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _in_boxes(self) -> Colours:
        tint = house.look(self.accent, self.text).tint
        for name in ("accent", "text"):
            problem = house.unreadable(getattr(self, name), tint, name)
            if problem:
                raise At((name,), problem)
        return self


# Paper's bulk, cm³/g (µm of thickness per g/m²): 1.25 for uncoated offset paper (100 µm at 80 g/m²:
# worldpaperindex.xdvu.com/glossary/caliper, bulk = caliper / grammage, ISO 534); about 0.9 for gloss
# and silk coated paper (calendered and filled: 115 g/m² gloss is near 0.1 mm).
BULK = {"uncoated": 1.25, "coated": 0.9}
# The thickest fold a saddle stitch holds well: 18 sheets of 80 g/m² uncoated (0.1 mm), the 72 pages a
# print shop staples at most ("up to about 72 pages; over that, perfect binding": knplitho.co.uk, saddle
# stitch FAQ; most shops say 64 to 80). Thicker paper holds fewer pages: 64 of 90 g/m², 68 of 115 g/m² coated.
SADDLE_MM = 1.8


class Print(Strict):
    """How the print edition is printed and bound: what a print shop asks before it quotes."""

    paper: Literal["uncoated", "coated"] = Field(
        "uncoated",
        description="The paper's surface: uncoated (office and offset paper, the default) or coated (gloss or "
        "silk). The print edition is in CMYK for the paper's press condition: FOGRA29 on uncoated paper (total "
        "ink at most 280%), FOGRA39 (ISO Coated v2, 300%) on coated.",
    )
    weight: int = Field(
        90,
        ge=60,
        le=300,
        description="The text paper's weight in g/m², 60 to 300 (90 by default). With the paper's surface it "
        "gives the sheet's thickness, from which the booklet's creep and a perfect-bound cover's spine follow.",
    )
    caliper: float | None = Field(
        None,
        allow_inf_nan=False,
        ge=0.04,
        le=0.5,
        description="The thickness of one sheet in mm, 0.04 to 0.5, if the print shop gives it (e.g. 0.1); by "
        "default estimated from the weight and surface.",
    )
    binding: Literal["saddle", "perfect"] = Field(
        "saddle",
        description="saddle (folded sheets stapled through the fold: the booklet, with creep compensated; the "
        "default) or perfect (pages glued into a wrap-around cover: a separate cover PDF with a spine as wide as "
        "the pages are thick). preflight advises perfect binding past the page count a stapler holds.",
    )
    standard: Literal["x4", "x1a"] = Field(
        "x4",
        description="The print edition's PDF/X: x4 (the default; live transparency, what most shops take) or "
        "x1a (PDF/X-1a:2003, flattened, for a shop that asks for it; refused for pages drawn semi-transparent).",
    )

    @property
    def sheet_mm(self) -> float:
        """One sheet's thickness in mm: the caliper given, else the weight times the surface's bulk."""
        return self.caliper if self.caliper is not None else self.weight * BULK[self.paper] / 1000

    def creep_mm(self, sheets: int) -> list[float]:
        """How far each of ``sheets`` nested sheets' pages move toward the spine, outermost first.

        A sheet folded inside others has its fold one sheet's thickness further in than the one around it,
        and its fore-edge as much further out; trimmed flush, its pages' text would sit that much nearer
        the cut. So sheet ``i`` (0 the outermost) moves ``i`` sheet thicknesses in: the innermost
        ``(sheets - 1) × sheet_mm``, the usual linear creep.
        """
        return [i * self.sheet_mm for i in range(sheets)]

    def spine_mm(self, pages: int) -> float:
        """A perfect-bound block's thickness, its spine: a leaf (two pages) per sheet, no allowance for the
        cover board (a shop adds its own, or states the caliper of its cover stock)."""
        return pages / 2 * self.sheet_mm

    def saddle_holds(self, pages: int) -> bool:
        """Whether a saddle stitch holds ``pages``: their folded sheets no thicker than :data:`SADDLE_MM`."""
        return -(-pages // 4) * self.sheet_mm <= SADDLE_MM + 1e-9


class Style(Strict):
    """The house style: every output (pamphlet, deck, handout, script, EPUB, web) follows it."""

    colours: Colours = Field(Colours(), description='The accent and text colours, e.g. {accent: "#1d4e89"}.')
    typeface: Literal["PT Serif", "PT Sans"] = Field(
        "PT Serif",
        description="The text's typeface, one of those bundled so that every machine prints the same: PT Serif "
        "(headings in PT Sans) or PT Sans throughout. The deck keeps Arial and Times New Roman, which every "
        "machine has; with PT Sans its quotations are in Arial too.",
    )
    logo: ImageName | None = Field(
        None,
        description="The publisher's logo, an image file in the publication (a PNG with a transparent background "
        "suits): on the cover and back cover beside the publisher, the handout, the title slide, the EPUB's title "
        "page and the web edition's header. "
        f"{FILE_NAMES}",
    )
    _logo: Path | None = PrivateAttr(None)  # the checked file, set once when the publication loads

    @property
    def logo_path(self) -> Path | None:
        """The logo's real path, checked when the publication loaded (None without a logo)."""
        if self.logo is not None and self._logo is None:
            raise RuntimeError(f"logo '{self.logo}' was never checked")  # a loader bug, not the author's
        return self._logo

    @property
    def look(self) -> house.Look:
        """The colours and faces every output draws with."""
        return house.look(self.colours.accent, self.colours.text, self.typeface)


class Cover(Picture):
    credit: Text | None = Field(
        None,
        description="Who made the picture and under what licence: printed on the imprint page, beside the "
        "picture in the EPUB and the web edition, and on the title slide.",
    )


class Publication(Strict):
    title: Text = Field(description="Title of the publication.")
    subtitle: Text | None = Field(None, description="Subtitle.")
    authors: list[Text] = Field([], description="Authors, as printed.")
    publisher: Text | None = Field(None, description="Publisher or imprint.")
    date: PartialDate = Field(description="Date of this edition; also the date stamped in outputs.")
    language: Language = Field(description="Language tag, e.g. 'en' or 'en-GB'; drives hyphenation.")
    digits: Literal["latin", "arabic-indic", "persian"] | None = Field(
        None,
        description="The digits the tool prints its own numbers in, in every output: page numbers and folios, "
        "the contents and index, note marks, chapter numbers, the dates it writes out, chart values, slide "
        "numbers and the script's clock (numbers in your text stay as you wrote them). latin (0123456789), "
        "arabic-indic (٠١٢٣٤٥٦٧٨٩) or persian (۰۱۲۳۴۵۶۷۸۹). Default: the language's, as Unicode's locale data "
        "(CLDR) has it: persian for Persian, latin for every other language, Arabic and Urdu included: both are "
        "in use in Arabic (the Maghreb's presses print Latin digits, the Mashriq's often Arabic-Indic ones), so "
        "an Arabic edition chooses.",
    )
    edition: Text | None = Field(None, description="Edition statement, e.g. 'First edition'.")
    licence: Inline | None = Field(None, description="Licence of the text.")
    description: Text | None = Field(None, description="One sentence for PDF metadata and the catalogue.")
    keywords: list[Text] = Field([], description="Keywords for PDF metadata.")
    url: SiteUrl | None = Field(
        None,
        description="Where the web edition is read online: the handout, the web footer and a leaflet or flyer carry "
        "it with a QR code, and the deck's page pointers link to its chapters; the web edition's pages name their "
        "address there (canonical links, sharing tags) and its sitemap.xml and robots.txt list them.",
    )
    blurb: Inline | None = Field(None, description="Back-cover text.")
    colophon: Inline | None = Field(None, description="Extra colophon text on the imprint page.")
    colophon_credit: bool = Field(
        True,
        description="The tool's own colophon line after yours ('Set in PT Serif and PT Sans ... with pamphleteer "
        "and WeasyPrint') on the pamphlet's imprint page, the EPUB's title page and the web edition's footer; "
        "false leaves it out.",
    )
    notice: Notice | None = Field(
        None,
        description="The meeting the publication calls, if any: its date, time, place and contact, shown boxed on "
        "the cover or front panel (a flyer's masthead), the EPUB's title page, the web edition's front page, "
        "the foot of the deck's title slide (date, time, place) and its closing slide (contact).",
    )
    chapters: list[Id] = Field(
        min_length=1,
        max_length=MAX_CHAPTERS,
        description="Chapter files (chapters/<id>.yaml) in reading order: at most 250. An id is not a name Windows "
        "keeps for a device (con, prn, aux, nul, com1 to com9, lpt1 to lpt9).",
    )
    appendices: list[Id] = Field(
        list(GENERATED_APPENDICES),
        max_length=25,
        description="Back matter in order, at most 25: chapter ids, or people, timeline, glossary, sources, index.",
    )
    lecture: Lecture = Field(Lecture(), description="Settings for the lecture deck and handout.")
    form: Literal["pamphlet", "leaflet", "flyer"] = Field(
        "pamphlet",
        description="What is printed: a pamphlet (A5 booklet with cover and registers), a leaflet (A4 folded "
        "once to A5, 4 or 8 pages, or folded in three to six panels: panels: 6; chapters run on) or a flyer "
        "(one sheet, two sides).",
    )
    pages: Literal[4, 8] | None = Field(
        None, description="Leaflet only: 4 (the default) or 8 pages, A4 folded once to A5 (not with panels)."
    )
    panels: Literal[6] | None = Field(
        None,
        description="Leaflet only: 6 makes a tri-fold, one A4 sheet letter-folded in three (the inner flap 3 mm "
        "narrower): the front panel, four panels of text, the back panel (not with pages).",
    )
    sheet: Literal["a5", "a4"] | None = Field(None, description="Flyer only: the sheet, a5 (the default) or a4.")
    style: Style = Field(
        Style(), description="The house style in three lines: colours, typeface and logo. Without it, our own."
    )
    cover: Cover | None = Field(
        None,
        description="A picture for the front: the pamphlet's or leaflet's cover (into the bleed in the print "
        "edition), the EPUB's cover, the web edition's first page, the deck's title slide.",
    )
    print: Print = Field(
        Print(),
        description="Paper, binding and PDF/X standard of the print edition and booklet. Without it, uncoated "
        "90 g/m² paper, saddle-stitched, PDF/X-4.",
    )
    # A chapter listed twice is reported by the cross-checks, at the repeat's own line.


# What a translation's publication.yaml may say for itself; the rest (chapter order, form, date...) is the original's.
TRANSLATED = (
    "title", "subtitle", "authors", "publisher", "date", "edition", "licence", "description", "keywords",
    "url", "blurb", "colophon", "lecture", "notice", "cover", "digits",
)  # fmt: skip


def _optional(name: str) -> Any:
    """Publication's field ``name``, with its constraints and description, made optional for a translation."""
    info = Publication.model_fields[name]
    kind = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    extra = info.json_schema_extra
    return (kind | None, Field(None, description=info.description, json_schema_extra=extra))


Translation: type[Strict] = create_model(
    "Translation",
    __base__=Strict,
    __doc__="publication.yaml of a translation: its original, its language and what it translates of the "
    "original's publication.yaml.",
    translation_of=(
        FilePath,
        Field(description="The original publication's folder, relative to this file, e.g. ../content."),
    ),
    language=(Language, Field(description="Language tag of this translation, e.g. 'es'.")),
    untranslated=(
        Literal["mark", "refuse"],
        Field(
            "mark",
            description="What the original's chapters and registers this translation lacks (or translates from an "
            "older version) do: mark (set from the original, marked) or refuse (the build stops, listing them).",
        ),
    ),
    **{name: _optional(name) for name in TRANSLATED},
)


def publication_model(data: Any) -> type[Strict]:
    """The model publication.yaml is read as: a translation's when it names its original."""
    return Translation if isinstance(data, dict) and "translation_of" in data else Publication


FILES: dict[str, type[Strict]] = {
    "publication": Publication,
    "translation": Translation,
    "chapter": Chapter,
    "people": PeopleFile,
    "timeline": TimelineFile,
    "data": DataFile,
    "glossary": GlossaryFile,
    "sources": SourcesFile,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """A JSON Schema per content file kind, for editors (yaml-language-server)."""
    out = {}
    for name, cls in FILES.items():
        schema = cls.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"pamphleteer {name} file"
        out[name] = _drop_nulls(schema)
    return out


def _drop_nulls(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_nulls(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_drop_nulls(v) for v in node]
    return node
