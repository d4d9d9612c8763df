"""Table slides: the rows and columns a slide shows, set over as many slides as they need, under a header.

The rows first: a slide shows its key ``rows:``, or, of a table longer than ``MAX_ROWS``, the
first ``MAX_ROWS``, a line under the table saying how many of how many (the full table stays in
the printed text). Then the columns: a slide shows those its ``columns:`` lists, or every column
of the table. Columns that cannot sit side by side at the table minimum are shared over several
slides, each keeping the first column (the one that names the row), and a warning says so; only
a word too wide to sit beside the first column even alone is an error, located at the cell that holds it.
Rows are grouped at most ``MAX_ROWS`` a slide, shared evenly, under a repeated header row.
"""

from __future__ import annotations

from dataclasses import replace

from pamphleteer.content import ChapterDoc, model
from pamphleteer.text import inline, measure, pieces, words

from . import fitting
from .kinds import FLOORS, Context, divided, simple
from .specs import SlideSpec, TableSpec, with_

MAX_ROWS = 7  # table rows a slide, under the header

Cells = list[tuple[str, ...]]


def table(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, where: str, notes: str) -> list[SlideSpec]:
    """The slides of a table slide: its key rows (or first rows), its columns on one slide or, when they
    cannot sit side by side at the table minimum, over several, each with the first; at most ``MAX_ROWS``
    rows a slide, the notes shared over them by sentence.

    One size for every slide of the table: the largest at which the longest word of each
    column fits its column and the rows fit the fewest slides.
    """
    name = slide.table or ""
    data = ctx.book.tables[name]
    box = ctx.boxes["table"][10]
    floor, face = FLOORS["table"], box.face.family
    heads = tuple(inline.smart(c, ctx.lang) for c in data.columns)
    cells = [tuple(pieces.breakable(ctx.plain(c)) for c in row) for row in data.rows]  # a URL may wrap
    kept = list(range(len(cells)))  # the table's rows the slides show, in its order
    key = _key_rows(ctx, doc, i, slide, len(cells))
    caption: dict[int, list[str]] = {}
    if key is not None or len(cells) > MAX_ROWS:  # a long table shows its key rows, or its first
        kept = key if key is not None else kept[:MAX_ROWS]
        line = words.fill(ctx.lang, "full_table", shown=len(kept), count=len(cells))
        caption = {14: [line]} if len(kept) < len(cells) else {}
        under = ctx.boxes["table"][14]
        box = replace(box, h=under.y - box.y - 6)  # the table stands above its caption
    cells = [cells[r] for r in kept]
    keys = [data.columns.index(c) for c in slide.columns] if slide.columns else list(range(len(heads)))
    shows = [keys]
    if fitting.table_widths(*_picked(heads, cells, keys), box.w, face, floor) is None:
        runs = fitting.column_runs(*_picked(heads, cells, keys), box.w, face, floor)
        if isinstance(runs, int):
            _too_wide(ctx, doc, i, slide, keys, keys[runs], heads, cells, kept)
            return []
        shows = [[keys[k] for k in run] for run in runs]
        ctx.found.at(
            (doc.located, ("slides", i, "columns" if slide.columns else "table")),
            _split_message(name, heads, keys, shows, floor, chosen=bool(slide.columns)),
            warn=True,
        )
    laid = [fitting.table_size(*_picked(heads, cells, show), box, floor, MAX_ROWS) for show in shows]
    top = min(size for size, _, _ in filter(None, laid))  # every set of columns fits at the floor
    laid = [fitting.table_size(*_picked(heads, cells, show), box, floor, MAX_ROWS, top) for show in shows]
    # the notes shared by sentence over the slides, by the cells each shows
    shown = [len(group) * len(show) for show, fitted in zip(shows, laid, strict=True) if fitted for group in fitted[2]]
    said = divided(notes, shown)
    total = len(shown)
    regular, bold = measure.Face(face), measure.Face(face, bold=True)
    specs: list[SlideSpec] = []
    for show, fitted in zip(shows, laid, strict=True):
        assert fitted is not None
        size, widths, groups = fitted
        columns = tuple(heads[k] for k in show)
        alt = words.fill(ctx.lang, "table_alt", caption=data.caption, columns=ctx.comma.join(columns))
        for group in groups:
            n = len(specs) + 1
            label = slide.title if total == 1 else f"{slide.title} ({n}/{total})"
            spec = simple(
                ctx,
                "table",
                label,
                caption if n == total else {},
                notes=said[n - 1],
                footer=where,
                chapter=doc.id,
                title_at=(doc.located, ("slides", i, "title")),
                frames={10: box} if caption or key is not None else None,
            )
            heights = (
                fitting.row_height(columns, widths, size, bold),
                *(fitting.row_height(r, widths, size, regular) for r in group),
            )
            specs.append(with_(spec, table=TableSpec(columns, tuple(group), size, widths, heights), alt=alt))
    return specs


def _key_rows(ctx: Context, doc: ChapterDoc, i: int, slide: model.Slide, count: int) -> list[int] | None:
    """The author's key rows of a table slide (0-based, in the table's order), each checked to be in it."""
    if slide.rows is None:
        return None
    for j, row in enumerate(slide.rows):
        if row > count:
            ctx.found.at(
                (doc.located, ("slides", i, "rows", j)), f"row {row} is not in table '{slide.table}' ({count} rows)"
            )
    return sorted({row - 1 for row in slide.rows if row <= count})


def _picked(heads: tuple[str, ...], cells: Cells, keys: list[int]) -> tuple[tuple[str, ...], Cells]:
    """The headings and cells of the columns ``keys``, in that order."""
    return tuple(heads[k] for k in keys), [tuple(row[k] for k in keys) for row in cells]


def _split_message(
    name: str, heads: tuple[str, ...], keys: list[int], shows: list[list[int]], floor: float, *, chosen: bool
) -> str:
    """What was done with columns too many for one slide, and how the author can choose instead."""
    listed = f"the {len(keys)} columns listed" if chosen else f"the {len(keys)} columns of table '{name}'"
    spans = "; ".join(
        f"{heads[show[0]]} with {_span(heads, show[1:])}" if len(show) > 1 else heads[show[0]] for show in shows
    )
    cure = "list fewer" if chosen else "to show fewer, list them in columns: on this slide"
    return (
        f"{listed} do not fit one slide side by side at {floor} pt or more: set over {len(shows)} slides, "
        f"each with the first column ({spans}); {cure}"
    )


def _span(heads: tuple[str, ...], keys: list[int]) -> str:
    """Columns as a reader finds them: 'Shareholders', 'Membership to Depositors'."""
    if len(keys) == 1:
        return heads[keys[0]]
    if keys == list(range(keys[0], keys[-1] + 1)):
        return f"{heads[keys[0]]} to {heads[keys[-1]]}"
    return ", ".join(heads[k] for k in keys)


def _too_wide(
    ctx: Context,
    doc: ChapterDoc,
    i: int,
    slide: model.Slide,
    keys: list[int],
    k: int,
    heads: tuple[str, ...],
    cells: Cells,
    kept: list[int],
) -> None:
    """A column whose longest word cannot sit beside the first column even alone: an error at that word's cell."""
    box = ctx.boxes["table"][10]
    floor = FLOORS["table"]
    _, row, word = fitting.widest(heads, cells, k, box.face.family, floor)
    beside = "" if k == keys[0] else f" beside the first column ({heads[keys[0]]})"
    shown = word.replace(pieces.ZERO_WIDTH_SPACE, "").replace(pieces.WORD_JOINER, "")
    message = (
        f"'{shown}' is too wide for a slide{beside} at {floor} pt "
        f"(slide '{slide.title}'); shorten it or break it with spaces"
    )
    origin = _block(ctx, slide.table or "")
    if origin is None:  # the table's block is always found; a slide is the fallback
        ctx.found.at((doc.located, ("slides", i, "table")), message)
        return
    home, b = origin
    cell = ("columns", k) if row < 0 else ("rows", kept[row], k)
    ctx.found.at((home.located, ("blocks", b, "table", *cell)), message)


def _block(ctx: Context, name: str) -> tuple[ChapterDoc, int] | None:
    """The chapter and block index where table ``name`` is written."""
    for doc in ctx.book.all_chapters():
        for b, block in enumerate(doc.chapter.blocks):
            if block.table is not None and block.table.id == name:
                return doc, b
    return None
