"""Slide builders, one function per kind of slide: title/section/closing, points, quotation, visual, table
(the timeline's in ``timelines.py``).

Each builder turns one piece of the model into fitted :class:`SlideSpec` values
and reports what cannot fit to a :class:`Collector` as problems located in the
chapter's YAML, so one build reports every problem at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pamphleteer.content import Book, ChapterDoc, model, source
from pamphleteer.errors import Problem
from pamphleteer.render import charts
from pamphleteer.text import balance, cldr, inline, words

from . import fitting, pacing
from .specs import CREDIT, Box, Boxes, SlideSpec, Text, with_

# The smallest size each kind of text may take, for a hall of 200 read from the back row.
# Text that cannot fit at its minimum moves to a continuation slide or is a located error.
FLOORS = {"title": 24, "points": 24, "quote": 24, "caption": 20, "table": 18, "chart": 18, "label": 18, "footer": 14}
# (layout, placeholder idx) -> the kind of text it holds, hence its minimum
ROLES = {
    ("title", 1): "points",
    ("title", CREDIT): "footer",
    ("section", 1): "caption",
    ("section", 2): "caption",
    ("part", 1): "caption",
    ("part", 2): "caption",
    ("quotation", 1): "quote",
    ("quotation", 2): "caption",
    ("closing", 2): "caption",
    ("table", 14): "caption",
    ("picture", 14): "caption",
    ("closing", 14): "caption",
}
WORD_BUDGET = 40  # words a slide shows (points, a quotation): what a hall reads while it listens

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

    def wordy(self, where: Field, count: int, what: str) -> None:
        """A slide over the word budget: a warning at the text's line."""
        if count > WORD_BUDGET:
            message = f"{count} words on one slide (about {WORD_BUDGET} read while listening); shorten {what}"
            self.at(where, message, warn=True)


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

    @property
    def numbers(self) -> str:
        """The language with the digits the tool's numbers are written in (``ar-u-nu-arab``: cldr.numbers_tag)."""
        return cldr.numbers_tag(self.book.language, self.book.digits)

    @property
    def comma(self) -> str:
        """What separates the parts of an attribution or a reference in the language: ", ", "، "."""
        return words.catalogue(self.lang)["comma"]

    @property
    def semicolon(self) -> str:
        """What separates the items of a list whose items have commas of their own: "; ", "؛ "."""
        return words.catalogue(self.lang)["semicolon"]

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
    frames: dict[int, Box] | None = None,
) -> SlideSpec:
    """A slide of a title and placeholder texts, each fitted to its box at or above its minimum.

    ``title_at`` and ``text_at`` name the field each text was written in, for the problems; ``told``:
    the caller has told already which of the texts fit no box, each at its own field; ``frames``
    places placeholders elsewhere than the layout does (a caption under its picture).
    """
    fitted: dict[int, Text] = {}
    frames = frames or {}
    title = inline.smart(title, ctx.lang)
    title_box = frames.get(0) or ctx.boxes[layout][0]
    size, needed, available = fitting.fit([title], title_box, FLOORS["title"])
    if not size:
        ctx.found.at(title_at, f"{needed} lines do not fit the {layout} title ({available}); shorten it", name="title")
    for idx, paragraphs in texts.items():
        if not paragraphs:
            continue
        box = frames.get(idx) or ctx.boxes[layout][idx]
        role = ROLES.get((layout, idx), "points")
        floor = FLOORS[role]
        hung = bullets and role != "caption"  # bulleted, hanging from the bullet's indent
        fsize, needed, available = fitting.fit(paragraphs, box, floor, bullets=hung)
        if not fsize and not told:
            message = (
                f"{needed} lines do not fit the {layout} layout ({available}) at {floor} pt or more; shorten the text"
            )
            ctx.found.at((text_at or {}).get(idx, OWN), message, name=layout)
        if fsize and (hung or (layout == "title" and role == "points")):  # a subtitle, points: balanced lines
            paragraphs = [
                fitting.display_lines([p], box, fsize, bullets=hung)[0] if balance.by_hand(p, ctx.lang) else p
                for p in paragraphs
            ]
        fitted[idx] = Text(tuple(paragraphs), fsize or box.size)
    if layout == "title" and size and balance.by_hand(title, ctx.lang):
        (title,) = fitting.display_lines([title], title_box, size)
    return SlideSpec(
        layout,
        Text((title,), size or title_box.size),
        fitted,
        notes=notes,
        footer=footer,
        chapter=chapter,
        frames=dict(frames),
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
    budget: bool = True,
) -> list[SlideSpec]:
    """Bulleted points, carried onto numbered continuation slides when they do not fit one (or, with
    ``budget``, hold more words than a hall reads while it listens; a handout's frame is read at leisure).

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
    runs = _shared(items, chunks, box, budget=budget)
    said = divided(notes, [sum(pacing.words(p) for p in run) for run in runs])
    specs = []  # a point too long for a glance is pacing's to tell
    for n, (run, spoken) in enumerate(zip(runs, said, strict=True), 1):
        label = title if len(runs) == 1 else f"{title} ({n}/{len(runs)})"
        specs.append(
            simple(
                ctx,
                layout,
                label,
                {1: run},
                notes=spoken,
                footer=where,
                chapter=chapter,
                title_at=title_at,
                bullets=True,
                told=True,
            )
        )
    return specs


def _shared(items: list[str], chunks: list[list[str]], box: Box, *, budget: bool) -> list[list[str]]:
    """Points shared evenly by their words over the fewest slides that each fit and, with ``budget``, keep to
    the word budget (a point alone on its slide may run over: it is told); ``chunks`` when no sharing fits.
    A handout's frames share them too: six points as three and three, not five and one."""
    counts = [pacing.words(p) for p in items]
    least = max(len(chunks), -(-sum(counts) // WORD_BUDGET) if budget else 1, 1)
    for n in range(least, len(items) + 1):
        runs = [items[a:b] for a, b in fitting.balanced(counts, n)]
        within = not budget or all(len(r) == 1 or sum(map(pacing.words, r)) <= WORD_BUDGET for r in runs)
        if within and all(fitting.fit(r, box, FLOORS["points"], bullets=True).size for r in runs):
            return runs
    return chunks


def divided(notes: str, weights: list[int]) -> list[str]:
    """A slide's notes shared over its continuation slides by sentence, in proportion to what each shows,
    so the speaker says each sentence once (and the script times it once)."""
    if len(weights) < 2:
        return [notes]
    sentences = [s for s in re.split(r"(?<=[.!?…؟。])\s+", notes.strip()) if s]
    if len(sentences) < len(weights):  # too few sentences to go round: shared by words
        sentences = notes.split()
    if len(sentences) < len(weights):
        return [notes if n == 0 else "" for n in range(len(weights))]
    total, whole = sum(weights) or 1, sum(map(pacing.words, sentences))
    out, start, said = [], 0, 0
    for n, weight in enumerate(weights):
        said += weight
        left = len(weights) - n - 1  # slides still to come, a sentence each at least
        end = start + 1
        while end < len(sentences) - left and _words_to(sentences, end) <= whole * said / total:
            end += 1
        end = len(sentences) if not left else end
        out.append(" ".join(sentences[start:end]))
        start = end
    return out


def _words_to(sentences: list[str], end: int) -> int:
    return sum(pacing.words(s) for s in sentences[: end + 1])


def visual(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> list[SlideSpec]:
    """A chart or picture beside the points that fit at 24 pt; the rest follow on a points slide."""
    items = [ctx.plain(p) for p in slide.points]
    box = ctx.boxes["chart"][13]
    runs, _ = fitting.chunk(items, box, FLOORS["points"], FLOORS["points"]) if items else ([[]], [])
    beside, rest = runs[0], [p for run in runs[1:] for p in run]
    if rest:  # the notes shared with the points carried over, the chart or picture weighing half a slide
        shown = [sum(map(pacing.words, beside)) + WORD_BUDGET // 2, sum(map(pacing.words, rest))]
        notes, carried_notes = divided(notes, shown)
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
            carried_notes,
            where,
            title_at=(doc.located, ("slides", i, "title")),
            items_at=[(doc.located, ("slides", i, "points", j)) for j in range(len(beside), len(items))],
            chapter=doc.id,
        )
    if slide.image:
        return [picture(ctx, doc, i, slide, beside, where, notes), *more]
    series = ctx.book.series[slide.chart or ""]
    alt = charts.describe(series, ctx.numbers)
    return [with_(spec, chart=series, alt=alt), *more]


def picture(
    ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, beside: list[str], where: str, notes: str
) -> SlideSpec:
    """A picture as large as the area allows (beside its points, when it has some), its caption and
    credit under it, in as many lines as they take."""
    image = slide.image
    assert image is not None
    under = [t for t in (ctx.plain(image.caption), inline.smart(image.credit or "", ctx.lang)) if t]
    area, column, strip = ctx.boxes["picture"][10], ctx.boxes["picture"][13], ctx.boxes["picture"][14]
    bottom = area.y + area.h
    frames: dict[int, Box] = {}
    if under:
        tall = strip.h
        while not fitting.fit(under, replace(strip, h=tall), FLOORS["caption"]).size:
            if tall >= area.h / 2:  # a caption longer than half the area is the author's to shorten
                break
            tall += strip.size
        frames[14] = replace(strip, y=bottom - tall, h=tall)
        bottom -= tall + 6
    room = column.x - area.x - 12 if beside else area.w
    frames[10] = replace(area, w=room, h=bottom - area.y)
    if beside:
        frames[13] = replace(column, h=bottom - column.y)
    spec = simple(
        ctx,
        "picture",
        slide.title,
        {13: beside, 14: under},
        notes=notes,
        footer=where,
        chapter=doc.id,
        title_at=(doc.located, ("slides", i, "title")),
        text_at={13: (doc.located, ("slides", i, "points")), 14: (doc.located, ("slides", i, "image", "caption"))},
        bullets=True,  # the points beside; a caption has none
        frames=frames,
    )
    return with_(spec, image=image, alt=image.alt)


def quotation(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> SlideSpec:
    """A quotation in the quotation face, its attribution beneath."""
    q = slide.quote
    assert q is not None
    text = inline.quoted(ctx.plain(q.text), ctx.lang)
    box = ctx.boxes["quotation"][1]
    ctx.found.wordy((doc.located, ("slides", i, "quote", "text")), pacing.words(text), "the quotation")
    size, needed, available = fitting.fit([text], box, FLOORS["quote"])
    if not size:
        ctx.found.at(
            (doc.located, ("slides", i, "quote", "text")),
            f"{needed} lines do not fit the quotation layout ({available}); shorten the quotation",
        )
    person = ctx.book.people.get(q.who) if q.who else None  # absent only while people.yaml has errors
    who = inline.smart(q.by or (person.name if person else q.who or ""), ctx.lang)
    when = cldr.date(q.date, ctx.numbers) if q.date else ""
    attribution = ctx.comma.join(x for x in ("— " + who, when, ctx.plain(q.source)) if x.strip("— "))
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


def reading(ctx: Context, source_id: str) -> str:
    """A source as one line of the closing slide."""
    s = ctx.book.sources[source_id]
    who = f"{s.author}{words.comma(ctx.lang, s.author + s.title)}" if s.author else ""
    year = f" ({s.year})" if s.year else ""
    return f"{who}{inline.smart(s.title, ctx.lang)}{year}"
