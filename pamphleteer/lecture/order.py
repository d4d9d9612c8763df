"""The lecture's order: title, agenda, a section per chapter and its slides, closing; its parts and the handout's recap.

``plan`` is pure: the placeholder boxes come from the master (read by ``lecture/drawing.py``),
the page numbers from the laid-out pamphlet. Every text gets an explicit,
fitted size; a text that cannot fit is an error located in the chapter's YAML.
"""

from __future__ import annotations

from pamphleteer.content import Book, ChapterDoc, model
from pamphleteer.errors import BuildError
from pamphleteer.text import cldr, inline, words

from . import fitting, kinds
from .specs import CREDIT, LOGO, PICTURE, Boxes, PartSpec, SlideSpec, with_

HANDOUT_PAGES = 6  # the handout's length at most: a recap, not a second pamphlet


def plan(book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> list[SlideSpec]:
    """Every slide of the lecture, fitted; raises BuildError listing texts that cannot fit."""
    ctx = kinds.Context(book, pages, boxes)
    pub, lecture = book.publication, book.publication.lecture
    subtitle = [s for s in (lecture.subtitle or pub.subtitle, lecture.speaker) if s]
    imprint = " · ".join(x for x in (pub.publisher, cldr.date(pub.date, ctx.lang)) if x)
    # a meeting's day, time and place at the foot of the title slide (the room knows the publisher); who to
    # contact on the closing slide, after the reading
    imprint = _meeting(ctx, pub.notice) if pub.notice and (pub.notice.date or pub.notice.place) else imprint
    contact = [ctx.plain(line) for line in pub.notice.contact] if pub.notice else []
    texts = {1: subtitle}
    credit = _credit(ctx, book)
    if credit:
        texts[CREDIT] = credit
    cover = kinds.simple(ctx, "title", lecture.title or pub.title, texts, notes=ctx.plain(pub.description))
    pictured = pub.cover if pub.cover is not None and PICTURE in boxes["title"] else None
    specs = [
        with_(
            cover,
            footer=imprint,
            image=pictured,
            alt=pictured.alt if pictured else "",
            logo=pub.style.logo_path if LOGO in boxes["title"] else None,
        )
    ]
    agenda = [inline.smart(title, ctx.lang) for title, _ in parts(book)]
    said = words.catalogue(ctx.lang)
    notes = said["agenda_notes"] + " " + " ".join(f"{t}." for t in agenda)
    specs += kinds.points(ctx, said["agenda"], agenda, notes, "", None, None)
    for doc in book.all_chapters():
        if not doc.chapter.slides:
            continue
        where = pointer(pages.get(doc.id), ctx.lang)
        summary = ctx.plain(doc.chapter.summary)
        notes = " ".join([summary, *(ctx.plain(k) for k in doc.chapter.key_points)]).strip()
        notes = notes or f"{doc.label}: {doc.chapter.title}."
        specs.append(
            kinds.simple(
                ctx,
                "section",
                doc.chapter.title,
                {1: [doc.label], 2: [summary] if summary else []},
                notes=notes,
                footer=where,
                chapter=doc.id,
                origin=(doc, ("title",)),
                locs={2: ("summary",)},
            )
        )
        for i, slide in enumerate(doc.chapter.slides):
            specs += kinds.content(ctx, doc, i, slide, where)
    closing = [kinds.reading(ctx, s) for s in lecture.reading]
    year = pub.date[:4] if pub.date[:4].isdigit() else ""
    source = ", ".join(x for x in (pub.publisher, year) if x)
    more = said["the_pamphlet"].format(title=inline.smart(pub.title, ctx.lang)) + (f" ({source})" if source else "")
    specs.append(
        kinds.simple(
            ctx,
            "closing",
            lecture.closing or said["further_reading"],
            {1: closing + contact, 2: [more]},
            notes=said["closing_notes"],
            bullets=True,
        )
    )
    if ctx.found.problems:
        raise BuildError(ctx.found.problems)
    return specs


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
        spans = [pages[d.id] for d in docs if d.id in pages]
        span = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None
        frames = kinds.points(ctx, title, items, "", pointer(span, ctx.lang), None, None)
        _frame_title(ctx, book, title, docs[0] if not declared else None, k)
        out.append(PartSpec(title, tuple(d.id for d in docs), span, tuple(frames)))
    if ctx.found.problems:
        raise BuildError(ctx.found.problems)
    return out


def pointer(span: tuple[int, int] | None, language: str = "en") -> str:
    """Where the pamphlet covers a chapter or part, as a footer reads it: "Pamphlet, pp. 3–7"."""
    if not span:
        return ""
    return words.fill(language, "pamphlet_at", pages=pages(span, language))


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


def _credit(ctx: kinds.Context, book: Book) -> list[str]:
    """The cover picture's credit for the title slide, under the picture; a credit too long for its room
    there is a problem located at it."""
    cover = book.publication.cover
    if cover is None or not cover.credit or CREDIT not in ctx.boxes["title"]:
        return []
    text = [words.fill(ctx.lang, "cover_credit", credit=inline.smart(cover.credit, ctx.lang))]
    if fitting.fit(text, ctx.boxes["title"][CREDIT], kinds.FLOORS["footer"]).size:
        return text
    message = "too long for its room under the picture on the title slide; shorten it"
    if book.located is not None:
        ctx.found.problems.append(book.located.problem(("cover", "credit"), message))
    return []
