"""Slide builders, one function per kind of slide: title/section/closing, points, quotation, visual, table, timeline.

Each builder turns one piece of the model into fitted :class:`SlideSpec` values
and reports what cannot fit to a :class:`Collector` as problems located in the
chapter's YAML, so one build reports every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pamphleteer.content import Book, ChapterDoc, model, source
from pamphleteer.errors import Problem
from pamphleteer.render import charts
from pamphleteer.text import cldr, inline, measure, words

from . import fitting
from .specs import CREDIT, Box, Boxes, EventSpec, SlideSpec, Text, with_

# The smallest size each kind of text may take, for a hall of 200 read from the back row.
# Text that cannot fit at its minimum moves to a continuation slide or is a located error.
FLOORS = {"title": 24, "points": 24, "quote": 24, "caption": 20, "table": 18, "chart": 18, "label": 18, "footer": 14}
# (layout, placeholder idx) -> the kind of text it holds, hence its minimum
ROLES = {
    ("title", 1): "points",
    ("title", CREDIT): "footer",
    ("section", 1): "caption",
    ("section", 2): "caption",
    ("quotation", 1): "quote",
    ("quotation", 2): "caption",
    ("closing", 2): "caption",
}
MAX_EVENTS = 7

# Where an author wrote a text: the file (None for the tool's own words) and the field in it.
Field = tuple[source.Located | None, tuple]
OWN: Field = (None, ())  # the tool's own words ("Agenda"), which always fit


@dataclass
class Collector:
    """Problems and warnings found while planning, each located where the author can fix it.

    A problem is a text that fits no slide; a warning says what was set another way than
    written (a table's columns over two slides, a reading list on a second closing slide).
    """

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def at(self, where: Field, message: str, *, name: str = "", warn: bool = False) -> None:
        """Note ``message`` at the field ``where``; ``name`` says what it is about when the tool wrote the text."""
        located, loc = where
        found = located.problem(loc, message) if located is not None else Problem(None, field=name, message=message)
        (self.warnings if warn else self.problems).append(found)


@dataclass
class Context:
    """What every builder reads: the book, the pamphlet's page spans, the master's boxes, the collector."""

    book: Book
    pages: dict[str, tuple[int, int]]
    boxes: Boxes
    found: Collector = field(default_factory=Collector)

    @property
    def lang(self) -> str:
        return self.book.language

    def plain(self, text: str | None) -> str:
        return inline.plain(inline.parse(text, self.lang)) if text else ""

    def publication(self, *loc: str | int) -> Field:
        """A field of publication.yaml (where the title, agenda and closing slides' texts are written)."""
        return (self.book.located, loc)


def simple(
    ctx: Context,
    layout: str,
    title: str,
    texts: dict[int, list[str]],
    *,
    notes: str = "",
    footer: str = "",
    chapter: str = "",
    title_at: Field = OWN,
    text_at: dict[int, Field] | None = None,
    bullets: bool = False,
    told: bool = False,
) -> SlideSpec:
    """A slide of a title and placeholder texts, each fitted to its box at or above its minimum.

    ``title_at`` and ``text_at`` name the field each text was written in, for the problems; ``told``:
    the caller has told already which of the texts fit no box, each at its own field.
    """
    fitted: dict[int, Text] = {}
    title = inline.smart(title, ctx.lang)
    title_box = ctx.boxes[layout][0]
    size, needed, available = fitting.fit([title], title_box, FLOORS["title"])
    if not size:
        ctx.found.at(title_at, f"{needed} lines do not fit the {layout} title ({available}); shorten it", name="title")
    for idx, paragraphs in texts.items():
        if not paragraphs:
            continue
        box = ctx.boxes[layout][idx]
        floor = FLOORS[ROLES.get((layout, idx), "points")]
        fsize, needed, available = fitting.fit(paragraphs, box, floor, bullets=bullets)
        if not fsize and not told:
            message = (
                f"{needed} lines do not fit the {layout} layout ({available}) at {floor} pt or more; shorten the text"
            )
            ctx.found.at((text_at or {}).get(idx, OWN), message, name=layout)
        fitted[idx] = Text(tuple(paragraphs), fsize or box.size)
    return SlideSpec(
        layout, Text((title,), size or title_box.size), fitted, notes=notes, footer=footer, chapter=chapter
    )


def points(
    ctx: Context,
    title: str,
    items: list[str],
    notes: str,
    where: str,
    *,
    title_at: Field = OWN,
    items_at: list[Field] | None = None,
    chapter: str = "",
) -> list[SlideSpec]:
    """Bulleted points, carried onto numbered continuation slides when they do not fit one.

    ``items_at`` names the field each point was written in, for a point that fits no slide.
    """
    layout = "points"
    box = ctx.boxes[layout][1]
    comfortable = max(FLOORS["points"], box.size - 4)
    chunks, misfits = fitting.chunk(items, box, comfortable, FLOORS["points"])
    for j, failed in misfits:
        where_j = items_at[j] if items_at else OWN
        message = (
            f"{failed.needed} lines do not fit the points layout ({failed.available}) at {FLOORS['points']} pt or "
            "more; shorten the point or make it two"
        )
        ctx.found.at(where_j, message, name=layout)
    specs = []
    for n, run in enumerate(chunks, 1):
        label = title if len(chunks) == 1 else f"{title} ({n}/{len(chunks)})"
        specs.append(
            simple(
                ctx, layout, label, {1: run}, notes=notes, footer=where, chapter=chapter, title_at=title_at, told=True
            )
        )
    return specs


def visual(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> list[SlideSpec]:
    """A chart or picture beside the points that fit at 24 pt; the rest follow on a points slide."""
    items = [ctx.plain(p) for p in slide.points]
    box = ctx.boxes["chart"][13]
    runs, _ = fitting.chunk(items, box, FLOORS["points"], FLOORS["points"]) if items else ([[]], [])
    beside, rest = runs[0], [p for run in runs[1:] for p in run]
    spec = simple(
        ctx,
        "chart",
        slide.title,
        {13: beside},
        notes=notes,
        footer=where,
        chapter=doc.id,
        title_at=(doc.located, ("slides", i, "title")),
        text_at={13: (doc.located, ("slides", i, "points"))},
        bullets=True,
    )
    carried = words.fill(ctx.lang, "continued", title=slide.title)
    more = []
    if rest:
        more = points(
            ctx,
            carried,
            rest,
            notes,
            where,
            title_at=(doc.located, ("slides", i, "title")),
            items_at=[(doc.located, ("slides", i, "points", j)) for j in range(len(beside), len(items))],
            chapter=doc.id,
        )
    if slide.image:
        return [with_(spec, image=slide.image, alt=slide.image.alt), *more]
    series = ctx.book.series[slide.chart or ""]
    alt = _chart_alt(ctx.lang, series)
    return [with_(spec, chart=series, alt=alt), *more]


def _chart_alt(language: str, series: model.Series) -> str:
    """A chart slide's description for a screen reader: its kind, its title and every value."""
    english = cldr.base(language) == "en"
    kind = series.kind if english else words.catalogue(language)[_KIND_WORDS[series.kind]]
    head = f"{kind} chart: {series.title}. " if english else f"{kind}: {series.title}. "

    def value(v: float) -> str:
        return format(v, "g") if english else charts.number(v, language)

    return head + "; ".join(
        f"{row.name if len(series.rows) > 1 else ''} {lab}: {value(v)}".strip()
        for row in series.rows
        for lab, v in zip(series.labels, row.values, strict=True)
    )


_KIND_WORDS = {
    "bar": "bar_chart",
    "hbar": "bar_chart",
    "line": "line_chart",
    "pie": "pie_chart",
    "stacked": "stacked_bars",
}


def quotation(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> SlideSpec:
    """A quotation in the quotation face, its attribution beneath."""
    q = slide.quote
    assert q is not None
    text = inline.quoted(ctx.plain(q.text), ctx.lang)
    box = ctx.boxes["quotation"][1]
    size, needed, available = fitting.fit([text], box, FLOORS["quote"])
    if not size:
        ctx.found.at(
            (doc.located, ("slides", i, "quote", "text")),
            f"{needed} lines do not fit the quotation layout ({available}); shorten the quotation",
        )
    person = ctx.book.people.get(q.who) if q.who else None  # absent only while people.yaml has errors
    who = inline.smart(q.by or (person.name if person else q.who or ""), ctx.lang)
    when = cldr.date(q.date, ctx.lang) if q.date else ""
    attribution = ", ".join(x for x in ("— " + who, when, ctx.plain(q.source)) if x.strip("— "))
    spec = simple(
        ctx,
        "quotation",
        slide.title,
        {2: [attribution]},
        notes=notes,
        footer=where,
        chapter=doc.id,
        title_at=(doc.located, ("slides", i, "title")),
        text_at={2: (doc.located, ("slides", i, "quote"))},
    )
    return with_(spec, texts={**spec.texts, 1: Text((text,), size or box.size)})


def timeline(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> list[SlideSpec]:
    """Events of a date range along a line, all labels of a slide at one size.

    Up to ``MAX_EVENTS`` a slide, shared evenly; fewer a slide (so each has a
    wider slot) when a label cannot fit at the label minimum otherwise.
    """
    rng = slide.timeline
    assert rng is not None
    events = ctx.book.events_between(rng.start, rng.end)
    if len(events) > MAX_EVENTS:
        events = [e for e in events if e.highlight] or events
    box = ctx.boxes["timeline"][10]
    titles = [inline.smart(e.title, ctx.lang) for e in events]
    dates = [cldr.date(e.date, ctx.lang, short=True) for e in events]
    for most in range(MAX_EVENTS, 1, -1):
        runs = fitting.even_runs(len(events), most) if events else [(0, 0)]
        sizes = [event_size(titles[a:b], dates[a:b], box) for a, b in runs]
        if all(sizes):
            break
    else:
        worst = next(t for t in titles if not event_size([t], [""], box))
        ctx.found.at((doc.located, ("slides", i, "timeline")), f"the event '{worst}' does not fit a timeline slide")
        return []
    specs = []
    for n, ((a, b), size) in enumerate(zip(runs, sizes, strict=True), 1):
        label = slide.title if len(runs) == 1 else f"{slide.title} ({n}/{len(runs)})"
        drawn = [EventSpec(dates[k], titles[k], size) for k in range(a, b)]
        title_at = (doc.located, ("slides", i, "title"))
        spec = simple(ctx, "timeline", label, {}, notes=notes, footer=where, chapter=doc.id, title_at=title_at)
        alt = words.fill(ctx.lang, "timeline_alt", events="; ".join(f"{e.when}: {e.title}" for e in drawn))
        specs.append(with_(spec, events=tuple(drawn), alt=alt))
    return specs


def event_size(titles: list[str], dates: list[str], area: Box) -> float:
    """One size for every label of a timeline slide: the largest at which each title and date fits its slot."""
    slot = area.w / max(len(titles), 1)
    size = area.size
    while size >= FLOORS["label"]:
        label_box = Box(0, 0, slot, area.h / 2 - event_gap(size), size, area.face)
        date_box = Box(0, 0, slot, size * measure.LINE_SPACING + 2 * fitting.INSET_Y, size, area.face)
        bold = measure.Face(area.face.family, bold=True)
        if all(fitting.fit([t], label_box, size).size == size for t in titles) and all(
            fitting.fit([d], date_box, size, face=bold).size == size for d in dates if d
        ):
            return size
        size -= 1
    return 0


def event_gap(size: float) -> float:
    """From the timeline's line to its labels: a dot, the date line and some air."""
    return 10 + size * measure.LINE_SPACING + 2 * fitting.INSET_Y + 6


def reading(ctx: Context, source_id: str) -> str:
    """A source as one line of the closing slide."""
    s = ctx.book.sources[source_id]
    who = f"{s.author}, " if s.author else ""
    year = f" ({s.year})" if s.year else ""
    return f"{who}{inline.smart(s.title, ctx.lang)}{year}"
