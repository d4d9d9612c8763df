"""Slide specs: the lecture planned as plain data, every text fitted before anything is drawn.

``plan(book, pages, boxes)`` turns the model into a list of :class:`SlideSpec`.
It is pure: the placeholder boxes come from the master (read by ``deck.py``),
the page numbers from the laid-out pamphlet. Each text gets an explicit font
size, the largest of the layout's ladder whose measured lines fit its box.
Points and table rows that do not fit are carried onto continuation slides
("(2/2)"); a title or quotation that cannot fit even at the smallest size is an
error located in the chapter's YAML. The handout draws the same specs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import inline, locale, measure, model
from .content import Book, ChapterDoc
from .errors import BuildError, Problem

INSET_X, INSET_Y = 7.2, 3.6  # the master's text insets, in points
BULLET = 27.0  # hanging indent of bulleted text, in points
SPACE_BEFORE = 6.0  # points between bulleted paragraphs
SAFETY = 0.95  # renderers differ a little; keep 5% of the width in hand
FLOORS = {"title": 22, "points": 16, "quote": 18, "table": 14, "label": 12}
MAX_EVENTS = 7


@dataclass(frozen=True)
class Box:
    """A placeholder's frame in points and the typeface it sets by default."""

    x: float
    y: float
    w: float
    h: float
    size: float
    face: measure.Face


@dataclass(frozen=True)
class Text:
    paragraphs: tuple[str, ...]
    size: float


@dataclass(frozen=True)
class Event:
    when: str
    title: str
    size: float


@dataclass(frozen=True)
class TableSpec:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    size: float
    widths: tuple[float, ...]  # column widths in points


@dataclass(frozen=True)
class SlideSpec:
    layout: str
    title: Text
    texts: dict[int, Text] = field(default_factory=dict)  # placeholder idx -> text
    chart: model.Series | None = None
    table: TableSpec | None = None
    events: tuple[Event, ...] = ()
    image: model.Image | None = None
    notes: str = ""
    footer: str = ""
    alt: str = ""
    chapter: str = ""  # chapter id, for the handout


Boxes = dict[str, dict[int, Box]]


def plan(book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> list[SlideSpec]:
    """Every slide of the lecture, fitted; raises BuildError listing texts that cannot fit."""
    planner = _Planner(book, pages, boxes)
    specs = planner.run()
    if planner.problems:
        raise BuildError(planner.problems)
    return specs


@dataclass(frozen=True)
class PartSpec:
    """A part of the lecture for the handout: its recap frames and where the pamphlet covers it."""

    title: str
    chapters: tuple[str, ...]
    pages: tuple[int, int] | None
    frames: tuple[SlideSpec, ...]


def parts(book: Book) -> list[tuple[str, list[ChapterDoc]]]:
    """The lecture's parts: as declared in publication.yaml, else one per chapter."""
    docs = {d.id: d for d in book.all_chapters()}
    declared = book.publication.lecture.parts
    if declared:
        return [(p.title, [docs[c] for c in p.chapters]) for p in declared]
    return [(d.chapter.short_title or d.chapter.title, [d]) for d in book.chapters]


def recap(book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> list[PartSpec]:
    """One points frame per part (each chapter's first key point), fitted like any deck slide."""
    planner = _Planner(book, pages, boxes)
    out = []
    for title, docs in parts(book):
        points = [
            planner.plain(d.chapter.key_points[0]) if d.chapter.key_points else inline.smart(d.chapter.title)
            for d in docs
        ]
        spans = [pages[d.id] for d in docs if d.id in pages]
        span = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None
        frames = planner.points_slides(title, points, "", pointer(span), None, None)
        out.append(PartSpec(title, tuple(d.id for d in docs), span, tuple(frames)))
    if planner.problems:
        raise BuildError(planner.problems)
    return out


def pointer(span: tuple[int, int] | None) -> str:
    if not span:
        return ""
    start, end = span
    return f"Pamphlet, p. {start}" if start == end else f"Pamphlet, pp. {start}–{end}"


def fit(
    paragraphs: list[str], box: Box, floor: float, *, bullets: bool = False, face: measure.Face | None = None
) -> tuple[float, int, int]:
    """Largest size from the box's own down to ``floor`` at which the text fits.

    Returns (size, lines needed, lines available); size is 0 when nothing fits.
    """
    face = face or box.face
    floor = min(floor, box.size)
    usable_w = (box.w - 2 * INSET_X - (BULLET if bullets else 0)) * SAFETY
    usable_h = box.h - 2 * INSET_Y
    size = box.size
    needed = available = 0
    while size >= floor:
        n = sum(len(measure.lines(p, face, size, usable_w)) for p in paragraphs)
        gaps = SPACE_BEFORE * len(paragraphs) if bullets else 0
        needed = n
        available = int((usable_h - gaps) // (size * measure.LINE_SPACING))
        if measure.height(n, size) + gaps <= usable_h:
            return size, needed, available
        size -= 2 if size > 20 else 1
    return 0, needed, available


class _Planner:
    def __init__(self, book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> None:
        self.book, self.pages, self.boxes = book, pages, boxes
        self.problems: list[Problem] = []
        self.lang = book.language

    def plain(self, text: str | None) -> str:
        return inline.plain(inline.parse(text, self.lang)) if text else ""

    def run(self) -> list[SlideSpec]:
        pub, lecture = self.book.publication, self.book.publication.lecture
        subtitle = [s for s in (lecture.subtitle or pub.subtitle, lecture.speaker) if s]
        specs = [self.simple("title", lecture.title or pub.title, {1: subtitle}, notes=self.plain(pub.description))]
        agenda = [inline.smart(title, self.lang) for title, _ in parts(self.book)]
        notes = "Here is the route we take today. " + " ".join(f"{t}." for t in agenda)
        specs += self.points_slides("Agenda", agenda, notes, "", None, None)
        for doc in self.book.all_chapters():
            if not doc.chapter.slides:
                continue
            where = pointer(self.pages.get(doc.id))
            summary = self.plain(doc.chapter.summary)
            notes = " ".join([summary, *(self.plain(k) for k in doc.chapter.key_points)]).strip()
            notes = notes or f"{doc.label}: {doc.chapter.title}."
            specs.append(
                self.simple(
                    "section",
                    doc.chapter.title,
                    {1: [doc.label], 2: [summary] if summary else []},
                    notes=notes,
                    footer=where,
                    chapter=doc.id,
                    origin=(doc, ("title",)),
                )
            )
            for i, slide in enumerate(doc.chapter.slides):
                specs += self.slide(doc, i, slide, where)
        closing = [self.reading(s) for s in lecture.reading]
        specs.append(
            self.simple(
                "closing",
                lecture.closing or "Further reading",
                {1: closing},
                notes="Thank the audience, point them to the reading list and take questions.",
            )
        )
        return specs

    # --- one slide of content ---------------------------------------------------------------

    def slide(self, doc: ChapterDoc, i: int, slide: model.Slide, where: str) -> list[SlideSpec]:
        notes = self.plain(slide.notes)
        points = [self.plain(p) for p in slide.points]
        origin = (doc, ("slides", i))
        if slide.chart or slide.image:  # a visual beside up to a few points
            spec = self.simple(
                "chart",
                slide.title,
                {13: points},
                notes=notes,
                footer=where,
                chapter=doc.id,
                origin=origin,
                bullets=True,
            )
            if slide.image:
                return [_with(spec, image=slide.image, alt=slide.image.alt)]
            series = self.book.series[slide.chart or ""]
            alt = f"{series.kind} chart: {series.title}. " + "; ".join(
                f"{row.name if len(series.rows) > 1 else ''} {lab}: {v:g}".strip()
                for row in series.rows
                for lab, v in zip(series.labels, row.values, strict=True)
            )
            return [_with(spec, chart=series, alt=alt)]
        if slide.quote:
            return [self.quotation(doc, i, slide, where, notes)]
        if slide.table:
            return self.table_slides(doc, i, slide, where, notes)
        if slide.timeline:
            return self.timeline_slides(doc, i, slide, where, notes)
        return self.points_slides(slide.title, points, notes, where, doc, ("slides", i, "points"))

    def quotation(self, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> SlideSpec:
        q = slide.quote
        assert q is not None
        text = "“" + self.plain(q.text) + "”"
        box = self.boxes["quotation"][1]
        size, needed, available = fit([text], box, FLOORS["quote"])
        if not size:
            self.problems.append(
                doc.located.problem(
                    ("slides", i, "quote", "text"),
                    f"{needed} lines do not fit the quotation layout ({available}); shorten the quotation",
                )
            )
        who = inline.smart(q.by or self.book.people[q.who].name if q.who else q.by or "", self.lang)
        when = locale.date(q.date, self.lang) if q.date else ""
        attribution = ", ".join(x for x in ("— " + who, when, self.plain(q.source)) if x.strip("— "))
        spec = self.simple(
            "quotation",
            slide.title,
            {2: [attribution]},
            notes=notes,
            footer=where,
            chapter=doc.id,
            origin=(doc, ("slides", i)),
        )
        return _with(spec, texts={**spec.texts, 1: Text((text,), size or box.size)})

    def points_slides(
        self, title: str, points: list[str], notes: str, where: str, doc: ChapterDoc | None, loc: tuple | None
    ) -> list[SlideSpec]:
        layout = "points"
        box = self.boxes[layout][1]
        chunks = self.chunk(points, box, doc, loc)
        specs = []
        for n, chunk in enumerate(chunks, 1):
            label = title if len(chunks) == 1 else f"{title} ({n}/{len(chunks)})"
            specs.append(
                self.simple(
                    layout,
                    label,
                    {1: chunk},
                    notes=notes,
                    footer=where,
                    chapter=doc.id if doc else "",
                    origin=(doc, loc[:2]) if doc and loc else None,
                    bullets=True,
                )
            )
        return specs

    def chunk(self, points: list[str], box: Box, doc: ChapterDoc | None, loc: tuple | None) -> list[list[str]]:
        """Split points into runs that each fit the box at or above the comfortable size."""
        comfortable = max(FLOORS["points"], box.size - 4)
        chunks: list[list[str]] = [[]]
        for j, point in enumerate(points):
            trial = [*chunks[-1], point]
            if fit(trial, box, comfortable, bullets=True)[0] or not chunks[-1]:
                chunks[-1] = trial
                if not fit([point], box, FLOORS["points"], bullets=True)[0] and doc and loc:
                    _, needed, available = fit([point], box, FLOORS["points"], bullets=True)
                    self.problems.append(
                        doc.located.problem((*loc, j), f"{needed} lines do not fit the points layout ({available})")
                    )
            else:
                chunks.append([point])
        return chunks

    def table_slides(self, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> list[SlideSpec]:
        table = self.book.tables[slide.table or ""]
        box = self.boxes["table"][10]
        columns = tuple(inline.smart(c, self.lang) for c in table.columns)
        rows = [tuple(self.plain(c) for c in row) for row in table.rows]
        lengths = [max(len(columns[k]), *(len(r[k]) for r in rows)) for k in range(len(columns))]
        total = sum(min(n, 40) + 6 for n in lengths)
        widths = tuple(box.w * (min(n, 40) + 6) / total for n in lengths)
        size = box.size
        while True:
            groups = self.row_groups(columns, rows, widths, size, box)
            if len(groups) == 1 or size <= FLOORS["table"]:
                break
            size -= 1
        specs = []
        for n, group in enumerate(groups, 1):
            label = slide.title if len(groups) == 1 else f"{slide.title} ({n}/{len(groups)})"
            spec = self.simple(
                "table", label, {}, notes=notes, footer=where, chapter=doc.id, origin=(doc, ("slides", i))
            )
            alt = f"Table: {table.caption}. Columns: {', '.join(columns)}."
            specs.append(_with(spec, table=TableSpec(columns, tuple(group), size, widths), alt=alt))
        return specs

    def row_groups(
        self, columns: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[float, ...], size: float, box: Box
    ) -> list[list[tuple[str, ...]]]:
        def row_height(cells: tuple[str, ...], bold: bool = False) -> float:
            face = measure.Face(box.face.family, bold=bold)
            n = max(len(measure.lines(c, face, size, (w - 14.4) * SAFETY)) for c, w in zip(cells, widths, strict=True))
            return measure.height(n, size) + 7.2 + 2

        room = box.h - row_height(columns, True)

        def fill(most: int) -> list[list[tuple[str, ...]]]:
            groups: list[list[tuple[str, ...]]] = [[]]
            used = 0.0
            for row in rows:
                h = row_height(row)
                if groups[-1] and (used + h > room or len(groups[-1]) >= most):
                    groups.append([])
                    used = 0.0
                groups[-1].append(row)
                used += h
            return groups

        groups = fill(len(rows))
        if len(groups) > 1:  # share the rows evenly rather than leave a thin last slide
            even = fill(-(-len(rows) // len(groups)))
            groups = even if len(even) == len(groups) else groups
        return groups

    def timeline_slides(self, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> list[SlideSpec]:
        rng = slide.timeline
        assert rng is not None
        events = self.book.events_between(rng.start, rng.end)
        if len(events) > MAX_EVENTS:
            events = [e for e in events if e.highlight] or events
        groups = [events[k : k + MAX_EVENTS] for k in range(0, len(events), MAX_EVENTS)] or [[]]
        box = self.boxes["timeline"][10]
        specs = []
        for n, group in enumerate(groups, 1):
            label = slide.title if len(groups) == 1 else f"{slide.title} ({n}/{len(groups)})"
            slot = box.w / max(len(group), 1)
            label_box = Box(0, 0, slot, box.h / 2 - 44, box.size, box.face)
            drawn = []
            for e in group:
                size = fit([e.title], label_box, FLOORS["label"])[0]
                if not size:
                    self.problems.append(
                        doc.located.problem(
                            ("slides", i, "timeline"), f"the event '{e.title}' does not fit a timeline slide"
                        )
                    )
                drawn.append(
                    Event(
                        locale.date(e.date, self.lang, short=True),
                        inline.smart(e.title, self.lang),
                        size or FLOORS["label"],
                    )
                )
            spec = self.simple(
                "timeline", label, {}, notes=notes, footer=where, chapter=doc.id, origin=(doc, ("slides", i))
            )
            alt = "Timeline: " + "; ".join(f"{e.when}: {e.title}" for e in drawn)
            specs.append(_with(spec, events=tuple(drawn), alt=alt))
        return specs

    # --- helpers ------------------------------------------------------------------------------

    def simple(
        self,
        layout: str,
        title: str,
        texts: dict[int, list[str]],
        *,
        notes: str = "",
        footer: str = "",
        chapter: str = "",
        origin: tuple[Any, tuple] | None = None,
        bullets: bool = False,
    ) -> SlideSpec:
        fitted: dict[int, Text] = {}
        title = inline.smart(title, self.lang)
        title_idx = 0
        title_box = self.boxes[layout][title_idx]
        size, needed, available = fit([title], title_box, FLOORS["title"])
        if not size:
            if origin and origin[0]:
                self.problems.append(
                    origin[0].located.problem(
                        (*origin[1], "title") if origin[1] != ("title",) else ("title",),
                        f"{needed} lines do not fit the {layout} title ({available}); shorten it",
                    )
                )
            else:
                self.problems.append(Problem(None, field="title", message=f"'{title}' does not fit the {layout} title"))
        for idx, paragraphs in texts.items():
            if not paragraphs:
                continue
            box = self.boxes[layout][idx]
            fsize, needed, available = fit(paragraphs, box, FLOORS["points"] if bullets else 10, bullets=bullets)
            if not fsize:
                doc, loc = origin if origin and origin[0] else (None, ())
                message = f"{needed} lines do not fit the {layout} layout ({available})"
                if doc:
                    self.problems.append(doc.located.problem((*loc, "points"), message))
                else:
                    self.problems.append(Problem(None, field=layout, message=message))
            fitted[idx] = Text(tuple(paragraphs), fsize or box.size)
        return SlideSpec(
            layout, Text((title,), size or title_box.size), fitted, notes=notes, footer=footer, chapter=chapter
        )

    def reading(self, source_id: str) -> str:
        s = self.book.sources[source_id]
        who = f"{s.author}, " if s.author else ""
        year = f" ({s.year})" if s.year else ""
        return f"{who}{inline.smart(s.title, self.lang)}{year}"


def _with(spec: SlideSpec, **changes: Any) -> SlideSpec:
    from dataclasses import replace

    return replace(spec, **changes)
