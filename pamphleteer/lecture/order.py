"""The lecture's order: title, agenda, a divider per part and the chapters' slides, closing; the handout's recap.

``plan`` is pure: the placeholder boxes come from the master (read by ``lecture/drawing.py``),
the page numbers from the laid-out pamphlet. Every text gets an explicit, fitted size. A text
that cannot fit is an error, and one set another way than written (a reading list carried onto
a second closing slide) a warning, each located where it is written: the chapter's YAML, or
publication.yaml for the title, agenda and closing slides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from pamphleteer.content import Book, ChapterDoc, model
from pamphleteer.errors import BuildError
from pamphleteer.text import cldr, inline, words

from . import fitting, kinds, tables, timelines
from .specs import CREDIT, LOGO, PICTURE, Boxes, PartSpec, SlideSpec, with_

HANDOUT_PAGES = 6  # the handout's length at most: a recap, not a second pamphlet
AGENDA_SHOWN = 7  # parts a divider's agenda shows at most, around the current one


def plan(book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> list[SlideSpec]:
    """Every slide of the lecture, fitted; raises BuildError listing texts that cannot fit."""
    specs, found = slides(book, pages, boxes)
    if found.problems:
        raise BuildError(found.problems)
    return specs


def slides(book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> tuple[list[SlideSpec], kinds.Collector]:
    """Every slide of the lecture, fitted, and what was found: texts that fit no slide (problems) and
    texts set another way than written (warnings), each located at the field it was written in."""
    ctx = kinds.Context(book, pages, boxes)
    specs = [_title(ctx)]
    said = words.catalogue(ctx.lang)
    agenda = [(inline.smart(title, ctx.lang), at) for title, at in _agenda(book)]
    notes = said["agenda_notes"] + " " + " ".join(f"{t}." for t, _ in agenda)
    specs += kinds.points(ctx, said["agenda"], [t for t, _ in agenda], notes, "", items_at=[at for _, at in agenda])
    the_parts = parts(book)
    part_of = {d.id: k for k, (_, docs) in enumerate(the_parts) for d in docs}
    # a leaflet's or flyer's talk is ten minutes: its slides follow the agenda without dividers
    openers = book.publication.form == "pamphlet"
    shown: set[int] = set()
    for doc in book.all_chapters():
        if not doc.chapter.slides:
            continue
        where = pointer(pages.get(doc.id), ctx.numbers, book.publication.form)
        k = part_of.get(doc.id)
        if openers and k is not None and k not in shown and len(the_parts) > 1:
            shown.add(k)
            specs.append(_divider(ctx, the_parts, k, agenda, pages))
        if openers and book.publication.lecture.chapter_dividers:
            specs.append(_opener(ctx, doc, where))
        for i, slide in enumerate(doc.chapter.slides):
            specs += content(ctx, doc, i, slide, where)
    specs += _closing(ctx, book.publication.lecture.reading)
    return specs, ctx.found


def content(ctx: kinds.Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str) -> list[SlideSpec]:
    """One authored slide, as one or more specs of the kind its content asks for."""
    notes = ctx.plain(slide.notes)
    if doc.slides_untranslated:  # a translation showing the original's slide says so to the speaker
        notes = f"[{words.catalogue(ctx.lang)['untranslated_slide']}] {notes}"
    if slide.chart or slide.image:
        return kinds.visual(ctx, doc, i, slide, where, notes)
    if slide.quote:
        return [kinds.quotation(ctx, doc, i, slide, where, notes)]
    if slide.table:
        return tables.table(ctx, doc, i, slide, where, notes)
    if slide.timeline:
        return timelines.timeline(ctx, doc, i, slide, where, notes)
    items = [ctx.plain(p) for p in slide.points]
    return kinds.points(
        ctx,
        slide.title,
        items,
        notes,
        where,
        title_at=(doc.located, ("slides", i, "title")),
        items_at=[(doc.located, ("slides", i, "points", j)) for j in range(len(items))],
        chapter=doc.id,
    )


def _title(ctx: kinds.Context) -> SlideSpec:
    """The title slide: the lecture's title, its subtitle and speaker, the publisher and date beneath."""
    pub, lecture = ctx.book.publication, ctx.book.publication.lecture
    subtitle = [s for s in (lecture.subtitle or pub.subtitle, lecture.speaker) if s]
    written = ("lecture", "subtitle") if lecture.subtitle else ("subtitle",) if pub.subtitle else ("lecture", "speaker")
    imprint = " · ".join(x for x in (pub.publisher, cldr.date(pub.date, ctx.numbers)) if x)
    # a meeting's day, time and place at the foot of the title slide (the room knows the publisher)
    imprint = _meeting(ctx, pub.notice) if pub.notice and (pub.notice.date or pub.notice.place) else imprint
    texts, text_at = {1: subtitle}, {1: ctx.publication(*written)}
    credit = _credit(ctx, ctx.book)
    if credit:
        texts[CREDIT], text_at[CREDIT] = credit, ctx.publication("cover", "credit")
    cover = kinds.simple(
        ctx,
        "title",
        lecture.title or pub.title,
        texts,
        notes=ctx.plain(pub.description),
        title_at=ctx.publication("lecture", "title") if lecture.title else ctx.publication("title"),
        text_at=text_at,
    )
    pictured = pub.cover if pub.cover is not None and PICTURE in ctx.boxes["title"] else None
    return with_(
        cover,
        footer=imprint,
        image=pictured,
        alt=pictured.alt if pictured else "",
        logo=pub.style.logo_path if LOGO in ctx.boxes["title"] else None,
    )


def _agenda(book: Book) -> list[tuple[str, kinds.Field]]:
    """The agenda's items and where each is written: a declared part's title, else a chapter's short title."""
    declared = book.publication.lecture.parts
    if declared:
        return [(p.title, (book.located, ("lecture", "parts", k, "title"))) for k, p in enumerate(declared)]
    return [(title, _chapter_title(doc)) for title, (doc,) in parts(book)]


def _chapter_title(doc: ChapterDoc) -> kinds.Field:
    """Where a chapter's title as the agenda and handout show it is written: its short_title, else its title."""
    return (doc.located, ("short_title",) if doc.chapter.short_title else ("title",))


def _closing(ctx: kinds.Context, reading: list[str]) -> list[SlideSpec]:
    """The closing slide: the reading list, carried onto a second closing slide (and a third...) when it
    does not fit one at the points minimum; the pamphlet named beneath, on the last."""
    pub, lecture = ctx.book.publication, ctx.book.publication.lecture
    said = words.catalogue(ctx.lang)
    listed = [kinds.reading(ctx, s) for s in reading]
    # who to contact, after the reading
    contact = [ctx.plain(line) for line in pub.notice.contact] if pub.notice else []
    listed_at = [ctx.publication("lecture", "reading", j) for j in range(len(listed))]
    listed_at += [ctx.publication("notice", "contact", j) for j in range(len(contact))]
    listed += contact
    year = cldr.date(pub.date[:4], ctx.numbers) if pub.date[:4].isdigit() else ""
    source = ctx.comma.join(x for x in (pub.publisher, year) if x)
    more = said[f"the_{pub.form}"].format(title=inline.smart(pub.title, ctx.lang)) + (f" ({source})" if source else "")
    address = str(pub.url) if pub.url else ""
    frames = {}
    if address:  # the QR code at the right: the texts stop short of it
        code, boxes = ctx.boxes["closing"][14], ctx.boxes["closing"]
        frames = {n: replace(boxes[n], w=code.x - 12 - boxes[n].x) for n in (1, 2)}
    shown = address.removeprefix("https://").removeprefix("http://").rstrip("/")
    box = frames.get(1) or ctx.boxes["closing"][1]
    floor = kinds.FLOORS["points"]
    comfortable = max(floor, box.size - 4)
    runs, misfits = fitting.chunk(listed, box, comfortable, floor) if listed else ([[]], [])
    if len(runs) > 1:  # shared evenly, rather than a thin last slide, when they fit so
        even = [listed[a:b] for a, b in fitting.even_runs(len(listed), -(-len(listed) // len(runs)))]
        if len(even) == len(runs) and all(fitting.fit(run, box, comfortable, bullets=True).size for run in even):
            runs = even
    for j, failed in misfits:  # one source too long for the slide even alone
        message = f"{failed.needed} lines do not fit the closing layout ({failed.available}) at {floor} pt or more"
        ctx.found.at(listed_at[j], message + ("; shorten the source's title" if j < len(reading) else "; shorten it"))
    if len(runs) > 1:
        what = f"{len(reading)} sources" + (f" and {len(contact)} contact lines" if contact else "")
        message = (
            f"{what} do not fit one closing slide at {floor} pt or more: "
            f"continued on {len(runs)} closing slides ({', '.join(str(len(r)) for r in runs)} a slide)"
        )
        ctx.found.at(ctx.publication("lecture", "reading"), message, warn=True)
    # with nothing to list, the slide is where questions are taken: a "Further reading" over nothing reads as a fault
    title = lecture.closing or said["further_reading" if listed else "questions"]
    title_at = ctx.publication("lecture", "closing") if lecture.closing else kinds.OWN
    specs = []
    for n, run in enumerate(runs, 1):
        last = n == len(runs)
        specs.append(
            kinds.simple(
                ctx,
                "closing",
                title if len(runs) == 1 else f"{title} ({n}/{len(runs)})",
                {1: run, 2: ([more, shown] if address else [more]) if last else []},
                notes=said["closing_notes"],
                title_at=title_at,
                text_at={1: ctx.publication("lecture", "reading"), 2: ctx.publication("title")},
                bullets=True,
                frames=frames if last else None,  # the runs were shared on the last's narrower room
            )
        )
    specs[-1] = with_(specs[-1], qr=address)  # the address as a QR code on the last
    return specs


def _divider(
    ctx: kinds.Context,
    the_parts: list[tuple[str, list[ChapterDoc]]],
    k: int,
    agenda: list[tuple[str, kinds.Field]],
    pages: dict[str, tuple[int, int]],
) -> SlideSpec:
    """A part's divider: where the talk is on the agenda, the part being opened set apart (level 2).

    Beyond ``AGENDA_SHOWN`` parts, the agenda shows those around the current one.
    """
    title, docs = the_parts[k]
    first = max(0, min(k - AGENDA_SHOWN // 2, len(agenda) - AGENDA_SHOWN))
    shown = range(first, min(first + AGENDA_SHOWN, len(agenda)))
    digits = ctx.book.digits
    label = words.fill(ctx.lang, "part_of", n=cldr.numerals(k + 1, digits), count=cldr.numerals(len(the_parts), digits))
    notes = " ".join(ctx.plain(d.chapter.summary) for d in docs if d.chapter.summary) or f"{label}: {title}."
    ids = tuple(d.id for d in docs)
    written = agenda[k][1]
    spec = kinds.simple(
        ctx,
        "part",
        title,
        {1: [label], 2: [agenda[n][0] for n in shown]},
        notes=notes,
        chapter=docs[0].id,
        title_at=written,
        text_at={2: ctx.publication("lecture", "parts") if ctx.book.publication.lecture.parts else written},
    )
    current = replace(spec.texts[2], levels=tuple(1 if n == k else 0 for n in shown))
    where = pointer(span(ids, pages), ctx.numbers, ctx.book.publication.form)
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
        title_at=_chapter_title(doc),
        text_at={1: (doc.located, ("label",)), 2: (doc.located, ("summary",))},
    )


def _meeting(ctx: kinds.Context, notice: model.Notice) -> str:
    """A notice's day (with its weekday), time and place as one line: "Thursday 12 March 2026 · 7 pm · the Hall"."""
    day = cldr.day(notice.date, ctx.numbers) if notice.date else ""
    return " · ".join(x for x in (day, inline.smart(notice.time or "", ctx.lang), ctx.plain(notice.place)) if x)


def parts(book: Book) -> list[tuple[str, list[ChapterDoc]]]:
    """The lecture's parts: as declared in publication.yaml, else one per chapter."""
    docs = {d.id: d for d in book.all_chapters()}
    declared = book.publication.lecture.parts
    if declared:
        return [(p.title, [docs[c] for c in p.chapters]) for p in declared]
    return [(d.chapter.short_title or d.chapter.title, [d]) for d in book.chapters]


def _recalled(ctx: kinds.Context, doc: ChapterDoc) -> str:
    """What a recap frame says of a chapter with no key points: its summary, else its title."""
    return ctx.plain(doc.chapter.summary) if doc.chapter.summary else inline.smart(doc.chapter.title, ctx.lang)


def recap(book: Book, pages: dict[str, tuple[int, int]], boxes: Boxes) -> list[PartSpec]:
    """A points frame per part holding every key point of its chapters (a chapter without any is recalled by
    its summary, else named by its title; a frame whose one point would be its own title again, "The talk /
    • The talk", has none), fitted like any deck slide and carried onto a second frame when they do not fit one."""
    ctx = kinds.Context(book, pages, boxes)
    out = []
    declared = bool(book.publication.lecture.parts)
    for k, (title, docs) in enumerate(parts(book)):
        items = [point for d in docs for point in ([ctx.plain(k) for k in d.chapter.key_points] or [_recalled(ctx, d)])]
        covered = span([d.id for d in docs], pages)
        items_at = [
            at
            for d in docs
            for at in (
                [(d.located, ("key_points", j)) for j in range(len(d.chapter.key_points))]
                or [(d.located, ("summary",)) if d.chapter.summary else _chapter_title(d)]
            )
        ]
        if items == [inline.smart(title, ctx.lang)]:  # a lone chapter recalled by its title, the frame's own
            items, items_at = [], []
        before = len(ctx.found.problems)
        where = pointer(covered, ctx.numbers, book.publication.form)
        frames = kinds.points(ctx, title, items, "", where, items_at=items_at, budget=False)
        # the frame's title is judged below, with the cure the handout needs
        ctx.found.problems[before:] = [p for p in ctx.found.problems[before:] if (p.path, p.field) != (None, "title")]
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
    "Leaflet, p. 2"; in the digits ``language`` names (``ar-u-nu-arab``, cldr.numbers_tag)."""
    if not span:
        return ""
    return words.fill(language, f"{form}_at", pages=pages(span, language))


def pages(span: tuple[int, int] | None, language: str = "en") -> str:
    """The pages alone, as the handout's and script's columns read them: "p. 3", "pp. 3–7"."""
    if not span:
        return ""
    start, end = span
    digits = cldr.numbers_of(language)[1]
    if start == end:
        return words.fill(language, "page", page=cldr.numerals(start, digits))
    return words.fill(language, "pages", start=cldr.numerals(start, digits), end=cldr.numerals(end, digits))


def _frame_title(ctx: kinds.Context, book: Book, title: str, doc: ChapterDoc | None, k: int) -> None:
    """A part's title too long for its handout frame, located where the author can shorten it."""
    box = ctx.boxes["points"][0]
    size, needed, available = fitting.fit([inline.smart(title, ctx.lang)], box, kinds.FLOORS["title"])
    if size:
        return
    message = f"the handout's frame title runs to {needed} lines (at most {available})"
    if doc is not None and doc.chapter.short_title:
        ctx.found.at((doc.located, ("short_title",)), message + "; shorten the short_title")
    elif doc is not None:
        ctx.found.at((doc.located, ("title",)), message + "; give the chapter a short_title, which the handout uses")
    else:
        ctx.found.at(ctx.publication("lecture", "parts", k, "title"), message + "; shorten it", name="title")


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
    ctx.found.at(ctx.publication("cover", "credit"), message)
    return []
