"""Timeline slides: a date range's events along a line, every label of a slide at one size.

The builder (``timeline``) picks the events a range holds (its highlights when there are more than
:data:`MAX_EVENTS`), shares them evenly over the fewest slides on which each title and date fits its
slot at one size, no smaller than the hall's label minimum; ``event_size`` and ``event_gap`` are the
measures the deck draws them with (``deck_shapes.timeline``).
"""

from __future__ import annotations

from pamphleteer.content import ChapterDoc, model
from pamphleteer.text import cldr, inline, measure, words

from . import fitting
from .kinds import FLOORS, Context, simple
from .specs import Box, EventSpec, SlideSpec, with_

MAX_EVENTS = 7


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
    dates = [cldr.date(e.date, ctx.numbers, short=True) for e in events]
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
        alt = words.fill(ctx.lang, "timeline_alt", events=ctx.semicolon.join(f"{e.when}: {e.title}" for e in drawn))
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
