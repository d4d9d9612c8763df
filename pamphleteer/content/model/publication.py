"""``publication.yaml``: the publication's models (its lecture, colours, print, style, cover), a
translation's, the file kinds (:data:`FILES`) and their JSON Schemas."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    PrivateAttr,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from .. import house
from .chapters import Chapter, Notice, Picture
from .registers import DataFile, GlossaryFile, PeopleFile, SourcesFile, TimelineFile
from .values import (
    FILE_NAMES,
    MAX_CHAPTERS,
    At,
    FilePath,
    Id,
    ImageName,
    Inline,
    Language,
    PartialDate,
    SiteUrl,
    Strict,
    Text,
    text,
)

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
