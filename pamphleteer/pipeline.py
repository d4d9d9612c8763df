"""The build, as a recipe: content -> model -> every output in memory -> disk.

Read :func:`build` top to bottom: each line is one stage, each stage a module
named after what it produces. Nothing touches the output folder until every
requested output exists in memory; then ``output.py`` writes them. WeasyPrint
layouts run in child processes with a time and memory limit, side by side.
"""

from __future__ import annotations

import time
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
    started = time.monotonic()
    wanted = [t for t in TARGETS if t in targets] or list(TARGETS)
    book = check(content_dir)  # YAML -> validated model
    say(f"content: {len(book.all_chapters())} chapters validated", step=True)

    with output.lock(output_dir, on_wait=lambda: say("another build is running; waiting for it")):
        state = incremental.State.load(output_dir)  # what the last build made, and from what
        stale = incremental.stale(book, wanted, options, state, output_dir, TARGETS)  # what must be remade
        if not stale:
            say("everything is up to date")
            return []
        say(f"building {', '.join(stale)}", step=True)
        from . import workers  # the heavy stages load only when something must be built

        files: dict[str, bytes] = {}
        with workers.Jobs() as jobs:  # WeasyPrint layouts run in children, side by side
            reading = _start_reading_edition(book, stale, state, jobs, say)  # laid out in a child, if needed
            from . import deck, imposition  # loaded while the child lays out

            pages = jobs.early("reading") if reading else state.pages  # chapter -> pages, before the PDF is done
            if pages != state.pages:  # pointers moved: the deck and handout quote them
                stale += [t for t in ("deck", "handout") if t in wanted and t not in stale]
            if "handout" in stale:
                say("handout: laying out", step=True)
                jobs.start("handout", _handout, book, pages, options)  # the handout, laid out
            if "deck" in stale:
                files[TARGETS["deck"]] = deck.build(book, pages, say)  # PPTX bytes with page pointers
            pdf = jobs.result("reading") if reading else b""  # the reading edition, written
            if "pamphlet" in stale:
                files[TARGETS["pamphlet"]] = pdf
            if "print" in stale:
                files[TARGETS["print"]] = imposition.print_edition(pdf, marks=options.marks)  # bleed, marks
                say("print: the pages set on the print sheet", step=True)
            if "booklet" in stale:
                files[TARGETS["booklet"]] = imposition.booklet(pdf, options.paper)  # fold order
                say("booklet: imposed in fold order", step=True)
            if "handout" in stale:
                files[TARGETS["handout"]] = jobs.result("handout")
                say("handout: done", step=True)
        state = state.update(book, stale, options, pages, reading, files, TARGETS)
        say(f"writing {len(files)} file(s) to {output_dir}", step=True)
        written = output.write(output_dir, files, state={incremental.STATE: state.to_bytes()})  # the one writer
    elapsed = time.monotonic() - started
    say(f"built {', '.join(stale)} in {elapsed:.1f}s; {len(written)} of {len(files)} file(s) changed")
    return written


def _start_reading_edition(book: Book, stale: list[str], state: incremental.State, jobs: Any, say: Say) -> bool:
    """Start laying out the reading edition if an output needs it or its page map is out of date."""
    needs_pdf = {"pamphlet", "print", "booklet"} & set(stale)
    needs_pages = {"deck", "handout"} & set(stale) and not state.pages_valid(book)
    if not (needs_pdf or needs_pages):
        return False
    say("pamphlet: laying out the reading edition", step=True)
    jobs.start("reading", _reading, book, say)
    return True


def _reading(book: Book, say: Say) -> bytes:
    from . import pamphlet, workers

    return pamphlet.render(book, say, on_laid_out=workers.send_early)


def _handout(book: Book, pages: dict[str, tuple[int, int]], options: Options) -> bytes:
    from . import deck, handout

    prs, layouts = deck.open_master()
    return handout.render(book, pages, deck.boxes(prs, layouts), per_page=options.handout_slides, paper=options.paper)
