"""Slide builders, one function per kind of slide: title/section/closing, points, quotation, visual, table, timeline.

Each builder turns one piece of the model into fitted :class:`SlideSpec` values
and reports what cannot fit to a :class:`Collector` as problems located in the
chapter's YAML, so one build reports every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import inline, locale, model
from ..content import Book, ChapterDoc
from ..errors import Problem
from . import fitting
from .specs import Box, Boxes, Event, SlideSpec, TableSpec, Text, with_

FLOORS = {"title": 22, "points": 16, "quote": 18, "table": 14, "label": 12}
MAX_EVENTS = 7

Origin = tuple[ChapterDoc | None, tuple] | None


@dataclass
class Collector:
    """Problems found while planning, each located where the author can fix it."""

    problems: list[Problem] = field(default_factory=list)

    def at(self, doc: ChapterDoc | None, loc: tuple, message: str, *, field_name: str = "") -> None:
        if doc is not None:
            self.problems.append(doc.located.problem(loc, message))
        else:
            self.problems.append(Problem(None, field=field_name, message=message))


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


def simple(
    ctx: Context,
    layout: str,
    title: str,
    texts: dict[int, list[str]],
    *,
    notes: str = "",
    footer: str = "",
    chapter: str = "",
    origin: Origin = None,
    bullets: bool = False,
) -> SlideSpec:
    """A slide of a title and placeholder texts, each fitted to its box."""
    fitted: dict[int, Text] = {}
    title = inline.smart(title, ctx.lang)
    title_box = ctx.boxes[layout][0]
    size, needed, available = fitting.fit([title], title_box, FLOORS["title"])
    doc, loc = origin if origin and origin[0] else (None, ())
    if not size:
        if doc:
            where = (*loc, "title") if loc != ("title",) else ("title",)
            ctx.found.at(doc, where, f"{needed} lines do not fit the {layout} title ({available}); shorten it")
        else:
            ctx.found.at(None, (), f"'{title}' does not fit the {layout} title", field_name="title")
    for idx, paragraphs in texts.items():
        if not paragraphs:
            continue
        box = ctx.boxes[layout][idx]
        fsize, needed, available = fitting.fit(paragraphs, box, FLOORS["points"] if bullets else 10, bullets=bullets)
        if not fsize:
            message = f"{needed} lines do not fit the {layout} layout ({available})"
            ctx.found.at(doc, (*loc, "points"), message, field_name=layout)
        fitted[idx] = Text(tuple(paragraphs), fsize or box.size)
    return SlideSpec(
        layout, Text((title,), size or title_box.size), fitted, notes=notes, footer=footer, chapter=chapter
    )


def points(
    ctx: Context, title: str, items: list[str], notes: str, where: str, doc: ChapterDoc | None, loc: tuple | None
) -> list[SlideSpec]:
    """Bulleted points, carried onto numbered continuation slides when they do not fit one."""
    layout = "points"
    box = ctx.boxes[layout][1]
    comfortable = max(FLOORS["points"], box.size - 4)
    chunks, misfits = fitting.chunk(items, box, comfortable, FLOORS["points"])
    if doc and loc:
        for j, failed in misfits:
            ctx.found.at(doc, (*loc, j), f"{failed.needed} lines do not fit the points layout ({failed.available})")
    specs = []
    for n, run in enumerate(chunks, 1):
        label = title if len(chunks) == 1 else f"{title} ({n}/{len(chunks)})"
        specs.append(
            simple(
                ctx,
                layout,
                label,
                {1: run},
                notes=notes,
                footer=where,
                chapter=doc.id if doc else "",
                origin=(doc, loc[:2]) if doc and loc else None,
                bullets=True,
            )
        )
    return specs


def visual(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> SlideSpec:
    """A chart or picture beside up to a few points."""
    items = [ctx.plain(p) for p in slide.points]
    spec = simple(
        ctx,
        "chart",
        slide.title,
        {13: items},
        notes=notes,
        footer=where,
        chapter=doc.id,
        origin=(doc, ("slides", i)),
        bullets=True,
    )
    if slide.image:
        return with_(spec, image=slide.image, alt=slide.image.alt)
    series = ctx.book.series[slide.chart or ""]
    alt = f"{series.kind} chart: {series.title}. " + "; ".join(
        f"{row.name if len(series.rows) > 1 else ''} {lab}: {v:g}".strip()
        for row in series.rows
        for lab, v in zip(series.labels, row.values, strict=True)
    )
    return with_(spec, chart=series, alt=alt)


def quotation(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> SlideSpec:
    """A quotation in the quotation face, its attribution beneath."""
    q = slide.quote
    assert q is not None
    text = "“" + ctx.plain(q.text) + "”"
    box = ctx.boxes["quotation"][1]
    size, needed, available = fitting.fit([text], box, FLOORS["quote"])
    if not size:
        ctx.found.at(
            doc,
            ("slides", i, "quote", "text"),
            f"{needed} lines do not fit the quotation layout ({available}); shorten the quotation",
        )
    who = inline.smart(q.by or ctx.book.people[q.who].name if q.who else q.by or "", ctx.lang)
    when = locale.date(q.date, ctx.lang) if q.date else ""
    attribution = ", ".join(x for x in ("— " + who, when, ctx.plain(q.source)) if x.strip("— "))
    spec = simple(
        ctx,
        "quotation",
        slide.title,
        {2: [attribution]},
        notes=notes,
        footer=where,
        chapter=doc.id,
        origin=(doc, ("slides", i)),
    )
    return with_(spec, texts={**spec.texts, 1: Text((text,), size or box.size)})


def table(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> list[SlideSpec]:
    """A table under its header row, split into evenly shared slides when it is long."""
    data = ctx.book.tables[slide.table or ""]
    box = ctx.boxes["table"][10]
    columns = tuple(inline.smart(c, ctx.lang) for c in data.columns)
    rows = [tuple(ctx.plain(c) for c in row) for row in data.rows]
    widths = fitting.column_widths(columns, rows, box.w)
    size = box.size
    while True:
        groups = fitting.row_groups(columns, rows, widths, size, box)
        if len(groups) == 1 or size <= FLOORS["table"]:
            break
        size -= 1
    specs = []
    for n, group in enumerate(groups, 1):
        label = slide.title if len(groups) == 1 else f"{slide.title} ({n}/{len(groups)})"
        spec = simple(ctx, "table", label, {}, notes=notes, footer=where, chapter=doc.id, origin=(doc, ("slides", i)))
        alt = f"Table: {data.caption}. Columns: {', '.join(columns)}."
        specs.append(with_(spec, table=TableSpec(columns, tuple(group), size, widths), alt=alt))
    return specs


def timeline(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> list[SlideSpec]:
    """Events of a date range along a line, at most ``MAX_EVENTS`` a slide."""
    rng = slide.timeline
    assert rng is not None
    events = ctx.book.events_between(rng.start, rng.end)
    if len(events) > MAX_EVENTS:
        events = [e for e in events if e.highlight] or events
    groups = [events[k : k + MAX_EVENTS] for k in range(0, len(events), MAX_EVENTS)] or [[]]
    box = ctx.boxes["timeline"][10]
    specs = []
    for n, group in enumerate(groups, 1):
        label = slide.title if len(groups) == 1 else f"{slide.title} ({n}/{len(groups)})"
        slot = box.w / max(len(group), 1)
        label_box = Box(0, 0, slot, box.h / 2 - 44, box.size, box.face)
        drawn = []
        for e in group:
            size = fitting.fit([e.title], label_box, FLOORS["label"]).size
            if not size:
                ctx.found.at(doc, ("slides", i, "timeline"), f"the event '{e.title}' does not fit a timeline slide")
            drawn.append(
                Event(
                    locale.date(e.date, ctx.lang, short=True), inline.smart(e.title, ctx.lang), size or FLOORS["label"]
                )
            )
        spec = simple(
            ctx, "timeline", label, {}, notes=notes, footer=where, chapter=doc.id, origin=(doc, ("slides", i))
        )
        alt = "Timeline: " + "; ".join(f"{e.when}: {e.title}" for e in drawn)
        specs.append(with_(spec, events=tuple(drawn), alt=alt))
    return specs


def content(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str) -> list[SlideSpec]:
    """One authored slide, as one or more specs of the kind its content asks for."""
    notes = ctx.plain(slide.notes)
    if slide.chart or slide.image:
        return [visual(ctx, doc, i, slide, where, notes)]
    if slide.quote:
        return [quotation(ctx, doc, i, slide, where, notes)]
    if slide.table:
        return table(ctx, doc, i, slide, where, notes)
    if slide.timeline:
        return timeline(ctx, doc, i, slide, where, notes)
    items = [ctx.plain(p) for p in slide.points]
    return points(ctx, slide.title, items, notes, where, doc, ("slides", i, "points"))


def reading(ctx: Context, source_id: str) -> str:
    """A source as one line of the closing slide."""
    s = ctx.book.sources[source_id]
    who = f"{s.author}, " if s.author else ""
    year = f" ({s.year})" if s.year else ""
    return f"{who}{inline.smart(s.title, ctx.lang)}{year}"
