"""The build, as a recipe: content -> model -> every output in memory -> disk.

Read :func:`build` top to bottom: each line is one stage, each stage a module
named after what it produces. Nothing touches the output folder until every
requested output exists in memory; then ``output.py`` writes them. WeasyPrint
layouts run in child processes with a time and memory limit, side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import content, incremental, output
from .content import Book

# Target name -> file it produces, in build order.
TARGETS = {
    "pamphlet": "pamphlet.pdf",
    "print": "pamphlet-print.pdf",
    "booklet": "pamphlet-booklet.pdf",
    "deck": "lecture.pptx",
    "handout": "handout.pdf",
}

Say = Callable[..., None]


@dataclass(frozen=True)
class Options:
    paper: str = "a4"  # booklet and handout paper: a4 or letter
    marks: bool = True  # crop marks on the print edition
    handout_slides: int = 3  # frames per handout page: 3 (with lines) or 6
    force: bool = False  # rebuild even what is up to date


def check(content_dir: Path) -> Book:
    """Validate the publication in ``content_dir``; raise BuildError listing every problem."""
    return content.load(content_dir.resolve())


def build(
    content_dir: Path, output_dir: Path, targets: list[str], say: Say, options: Options = Options()
) -> list[Path]:
    """Build ``targets`` (all when empty) from ``content_dir`` into ``output_dir``; return files written."""
    wanted = [t for t in TARGETS if t in targets] or list(TARGETS)
    book = check(content_dir)  # YAML -> validated model

    with output.lock(output_dir, on_wait=lambda: say("another build is running; waiting for it")):
        state = incremental.State.load(output_dir)  # what the last build made, and from what
        stale = incremental.stale(book, wanted, options, state, output_dir, TARGETS)  # what must be remade
        if not stale:
            say("everything is up to date")
            return []
        from . import deck, imposition, workers  # the heavy stages load only when something must be built

        say(f"building {', '.join(stale)}", detail=True)
        laid = _editions(book, stale, options, state, say)  # WeasyPrint layouts, in parallel children
        pages = laid.get("pages") or state.pages  # chapter -> pamphlet pages, for deck and handout
        if pages != state.pages:  # pointers moved: the deck and handout quote them
            stale += [t for t in ("deck", "handout") if t in wanted and t not in stale]
        files = {TARGETS[t]: laid[t] for t in ("pamphlet", "print") if t in stale}
        if "booklet" in stale:
            files[TARGETS["booklet"]] = imposition.booklet(laid["reading"], options.paper)  # fold order
        if "deck" in stale:
            files[TARGETS["deck"]] = deck.build(book, pages, say)  # PPTX bytes with page pointers
        if "handout" in stale:
            files[TARGETS["handout"]] = workers.run({"handout": (_handout, (book, pages, options))})["handout"]
        state = state.update(book, stale, options, pages, "pages" in laid, files, TARGETS)
        return output.write(output_dir, files, state={incremental.STATE: state.to_bytes()})  # the one writer


def _editions(book: Book, stale: list[str], options: Options, state: incremental.State, say: Say) -> dict:
    """Lay out the reading and print editions, each in a child process, side by side."""
    from . import workers

    jobs: dict[str, tuple] = {}
    needs_reading = {"pamphlet", "booklet"} & set(stale) or (
        {"deck", "handout"} & set(stale) and not state.pages_valid(book)
    )
    if needs_reading:
        jobs["reading"] = (_reading, (book,))
    if "print" in stale:
        jobs["print"] = (_print, (book, options.marks))
    results = workers.run(jobs)
    out: dict = {}
    if "reading" in results:
        edition = results["reading"]
        say(f"pamphlet: {edition.page_count} pages", detail=True)
        out["reading"] = out["pamphlet"] = edition.pdf
        out["pages"] = {doc.id: edition.pages_of(doc) for doc in book.all_chapters()}
    if "print" in results:
        out["print"] = results["print"]
    return out


def _reading(book: Book) -> Any:
    from . import pamphlet

    return pamphlet.render(book)


def _print(book: Book, marks: bool) -> bytes:
    from . import imposition, pamphlet

    sheets = pamphlet.PRINT_STYLESHEETS + ([] if marks else ["pamphlet/nomarks.css"])
    edition = pamphlet.render(book, stylesheets=sheets, variant="pdf/x-4")
    return imposition.exact_bleed(edition.pdf)


def _handout(book: Book, pages: dict[str, tuple[int, int]], options: Options) -> bytes:
    from . import deck, handout

    prs, layouts = deck.open_master()
    return handout.render(book, pages, deck.boxes(prs, layouts), per_page=options.handout_slides, paper=options.paper)
