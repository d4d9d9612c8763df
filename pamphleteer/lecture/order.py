"""The lecture's order: title, agenda, a section per chapter and its slides, closing; its parts and the handout's recap.

``plan`` is pure: the placeholder boxes come from the master (read by ``lecture/drawing.py``),
the page numbers from the laid-out pamphlet. Every text gets an explicit,
fitted size; a text that cannot fit is an error located in the chapter's YAML.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from pamphleteer.content import Book, ChapterDoc, model
from pamphleteer.errors import BuildError, Problem
from pamphleteer.text import cldr, inline, words

from . import fitting, kinds
from .specs import Boxes, PartSpec, SlideSpec, with_

HANDOUT_PAGES = 6  # the handout's length at most: a recap, not a second pamphlet
AGENDA_SHOWN = 7  # parts a divider's agenda shows at most, around the current one


def plan(book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> list[SlideSpec]:
    """Every slide of the lecture, fitted; raises BuildError listing texts that cannot fit."""
    return told(book, pages, boxes)[0]


def told(book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> tuple[list[SlideSpec], list[Problem]]:
    """Every slide of the lecture, fitted, and the warnings an author should hear (slides over the word
    budget); raises BuildError listing texts that cannot fit."""
    ctx = kinds.Context(book, pages, boxes)
    pub, lecture = book.publication, book.publication.lecture
    subtitle = [s for s in (lecture.subtitle or pub.subtitle, lecture.speaker) if s]
    imprint = " · ".join(x for x in (pub.publisher, cldr.date(pub.date, ctx.lang)) if x)
    # a meeting's day, time and place at the foot of the title slide (the room knows the publisher); who to
    # contact on the closing slide, after the reading
    imprint = _meeting(ctx, pub.notice) if pub.notice and (pub.notice.date or pub.notice.place) else imprint
    contact = [ctx.plain(line) for line in pub.notice.contact] if pub.notice else []
    cover = kinds.simple(ctx, "title", lecture.title or pub.title, {1: subtitle}, notes=ctx.plain(pub.description))
    specs = [with_(cover, footer=imprint)]
    agenda = [inline.smart(title, ctx.lang) for title, _ in parts(book)]
    said = words.catalogue(ctx.lang)
    notes = said["agenda_notes"] + " " + " ".join(f"{t}." for t in agenda)
    specs += kinds.points(ctx, said["agenda"], agenda, notes, "", None, None)
    the_parts = parts(book)
    part_of = {d.id: k for k, (_, docs) in enumerate(the_parts) for d in docs}
    # a leaflet's or flyer's talk is ten minutes: its slides follow the agenda without openers
    openers = pub.form == "pamphlet"
    shown: set[int] = set()
    for doc in book.all_chapters():
        if not doc.chapter.slides:
            continue
        where = pointer(pages.get(doc.id), ctx.lang, pub.form)
        k = part_of.get(doc.id)
        if openers and k is not None and k not in shown and len(the_parts) > 1:
            shown.add(k)
            specs.append(_divider(ctx, the_parts, k, agenda, pages))
        if openers and lecture.chapter_dividers:
            specs.append(_opener(ctx, doc, where))
        for i, slide in enumerate(doc.chapter.slides):
            specs += kinds.content(ctx, doc, i, slide, where)
    closing = [kinds.reading(ctx, s) for s in lecture.reading]
    year = pub.date[:4] if pub.date[:4].isdigit() else ""
    source = ctx.comma.join(x for x in (pub.publisher, year) if x)
    more = said[f"the_{pub.form}"].format(title=inline.smart(pub.title, ctx.lang)) + (f" ({source})" if source else "")
    address = str(pub.url) if pub.url else ""
    frames = {}
    if address:  # the QR code at the right: the texts stop short of it
        code = ctx.boxes["closing"][14]
        frames = {n: replace(ctx.boxes["closing"][n], w=code.x - 12 - ctx.boxes["closing"][n].x) for n in (1, 2)}
    shown = address.removeprefix("https://").removeprefix("http://").rstrip("/")
    end = kinds.simple(
        ctx,
        "closing",
        lecture.closing or said["further_reading"],
        {1: closing + contact, 2: [more, shown] if address else [more]},
        notes=said["closing_notes"],
        bullets=True,
        frames=frames,
    )
    specs.append(with_(end, qr=address))
    if ctx.found.problems:
        raise BuildError(ctx.found.problems)
    return specs, ctx.found.warnings


def _divider(
    ctx: kinds.Context,
    the_parts: list[tuple[str, list[ChapterDoc]]],
    k: int,
    agenda: list[str],
    pages: dict[str, tuple[int, int]],
) -> SlideSpec:
    """A part's divider: where the talk is on the agenda, the part being opened set apart (level 2).

    Beyond ``AGENDA_SHOWN`` parts, the agenda shows those around the current one.
    """
    title, docs = the_parts[k]
    first = max(0, min(k - AGENDA_SHOWN // 2, len(agenda) - AGENDA_SHOWN))
    shown = range(first, min(first + AGENDA_SHOWN, len(agenda)))
    label = words.fill(ctx.lang, "part_of", n=k + 1, count=len(the_parts))
    notes = " ".join(ctx.plain(d.chapter.summary) for d in docs if d.chapter.summary) or f"{label}: {title}."
    ids = tuple(d.id for d in docs)
    spec = kinds.simple(
        ctx, "part", title, {1: [label], 2: [agenda[n] for n in shown]}, notes=notes, chapter=docs[0].id
    )
    current = replace(spec.texts[2], levels=tuple(1 if n == k else 0 for n in shown))
    where = pointer(span(ids, pages), ctx.lang, ctx.book.publication.form)
    return with_(spec, texts={**spec.texts, 2: current}, covers=ids, footer=where)


def _opener(ctx: kinds.Context, doc: ChapterDoc, where: str) -> SlideSpec:
    """A chapter's divider, where the author asks for them: its label, short title and summary."""
    summary = ctx.plain(doc.chapter.summary)
    notes = " ".join([summary, *(ctx.plain(k) for k in doc.chapter.key_points)]).strip()
    return kinds.simple(
        ctx,
        "section",
        doc.chapter.short_title or doc.chapter.title,
        {1: [doc.label], 2: [summary] if summary else []},
        notes=notes or f"{doc.label}: {doc.chapter.title}.",
        footer=where,
        chapter=doc.id,
        origin=(doc, ("short_title",) if doc.chapter.short_title else ("title",)),
        locs={2: ("summary",)},
    )


def _meeting(ctx: kinds.Context, notice: model.Notice) -> str:
    """A notice's day (with its weekday), time and place as one line: "Thursday 12 March 2026 · 7 pm · the Hall"."""
    day = cldr.day(notice.date, ctx.lang) if notice.date else ""
    return " · ".join(x for x in (day, inline.smart(notice.time or "", ctx.lang), ctx.plain(notice.place)) if x)


def parts(book: Book) -> list[tuple[str, list[ChapterDoc]]]:
    """The lecture's parts: as declared in publication.yaml, else one per chapter."""
    docs = {d.id: d for d in book.all_chapters()}
    declared = book.publication.lecture.parts
    if declared:
        return [(p.title, [docs[c] for c in p.chapters]) for p in declared]
    return [(d.chapter.short_title or d.chapter.title, [d]) for d in book.chapters]


def recap(book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> list[PartSpec]:
    """A points frame per part holding every key point of its chapters (a chapter without any is named by
    its title), fitted like any deck slide and carried onto a second frame when they do not fit one."""
    ctx = kinds.Context(book, pages, boxes)
    out = []
    declared = bool(book.publication.lecture.parts)
    for k, (title, docs) in enumerate(parts(book)):
        items = [
            point
            for d in docs
            for point in ([ctx.plain(k) for k in d.chapter.key_points] or [inline.smart(d.chapter.title, ctx.lang)])
        ]
        covered = span([d.id for d in docs], pages)
        where = pointer(covered, ctx.lang, book.publication.form)
        frames = kinds.points(ctx, title, items, "", where, None, None, budget=False)
        _frame_title(ctx, book, title, docs[0] if not declared else None, k)
        out.append(PartSpec(title, tuple(d.id for d in docs), covered, tuple(frames)))
    if ctx.found.problems:
        raise BuildError(ctx.found.problems)
    return out


def span(chapters: Iterable[str], pages: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    """The pages from the first to the last of ``chapters`` in the pamphlet; None before pagination."""
    spans = [pages[c] for c in chapters if c in pages]
    return (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None


def pointer(span: tuple[int, int] | None, language: str = "en", form: str = "pamphlet") -> str:
    """Where the printed ``form`` covers a chapter or part, as a footer reads it: "Pamphlet, pp. 3–7",
    "Leaflet, p. 2"."""
    if not span:
        return ""
    return words.fill(language, f"{form}_at", pages=pages(span, language))


def pages(span: tuple[int, int] | None, language: str = "en") -> str:
    """The pages alone, as the handout's and script's columns read them: "p. 3", "pp. 3–7"."""
    if not span:
        return ""
    start, end = span
    if start == end:
        return words.fill(language, "page", page=start)
    return words.fill(language, "pages", start=start, end=end)


def _frame_title(ctx: kinds.Context, book: Book, title: str, doc: ChapterDoc | None, k: int) -> None:
    """A part's title too long for its handout frame, located where the author can shorten it."""
    box = ctx.boxes["points"][0]
    size, needed, available = fitting.fit([inline.smart(title, ctx.lang)], box, kinds.FLOORS["title"])
    if size:
        return
    unlocated = [p for p in ctx.found.problems if p.path is None and p.field == "title" and title in p.message]
    for problem in unlocated:  # replaced by the located one below
        ctx.found.problems.remove(problem)
    message = f"the handout's frame title runs to {needed} lines (at most {available})"
    if doc is not None and doc.chapter.short_title:
        ctx.found.at(doc, ("short_title",), message + "; shorten the short_title")
    elif doc is not None:
        ctx.found.at(doc, ("title",), message + "; give the chapter a short_title, which the handout uses")
    elif book.located is not None:
        ctx.found.problems.append(book.located.problem(("lecture", "parts", k, "title"), message + "; shorten it"))
