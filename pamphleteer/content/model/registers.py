"""The registers' models: ``people.yaml``, ``timeline.yaml``, ``data.yaml``, ``glossary.yaml``, ``sources.yaml``."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    model_validator,
)

from .values import (
    ORIGINAL,
    ORIGINAL_LANG,
    At,
    Hash,
    Id,
    Inline,
    Label,
    Language,
    PartialDate,
    Strict,
    Text,
    Url,
    Value,
)


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
