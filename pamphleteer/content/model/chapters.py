"""A chapter's models: ``chapters/<id>.yaml``, its blocks (paragraphs, quotations, tables, figures,
notices, pictures) and its slides."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    model_validator,
)

from pamphleteer.text import inline

from .values import (
    FILE_NAMES,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_NOTES,
    MAX_SLIDES,
    ORIGINAL,
    At,
    Hash,
    Id,
    ImageName,
    Inline,
    Notes,
    PartialDate,
    Strict,
    Text,
    text,
)


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


def _one_key(schema: dict[str, Any]) -> None:
    """The block's schema: one key, its value never null (each field's ``None`` only stands for "not this kind")."""
    schema.update(minProperties=1, maxProperties=1)
    for name, prop in schema["properties"].items():
        options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
        if len(options) == 1:
            kept = {k: v for k, v in prop.items() if k not in ("anyOf", "default")}
            schema["properties"][name] = {**kept, **options[0]}


class Block(Strict):
    """One block of a chapter: a mapping with exactly one of these keys."""

    model_config = ConfigDict(json_schema_extra=_one_key)

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
        if not isinstance(data, dict):
            return data
        if len(data) != 1:
            raise ValueError(f"a block has exactly one of {', '.join(BLOCK_KINDS)}; found {len(data)} keys")
        if next(iter(data.values())) is None:  # '- p:' with nothing after it
            raise At(tuple(data), "nothing here: write the block's content, or remove the block")
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
        for loc, shown_text in shown:
            if inline.notes(shown_text):
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
