"""The build, as a recipe: content -> model -> every output in memory -> disk.

Read :func:`build` top to bottom: each line is one stage, each stage a module
named after what it produces. Nothing touches the output folder until every
requested output exists in memory; then ``output.py`` writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import content, deck, output, pamphlet
from .content import Book

# Target name -> file it produces.
TARGETS = {
    "pamphlet": "pamphlet.pdf",
    "deck": "lecture.pptx",
}

Say = Callable[..., None]


def check(content_dir: Path) -> Book:
    """Validate the publication in ``content_dir``; raise BuildError listing every problem."""
    return content.load(content_dir.resolve())


def build(content_dir: Path, output_dir: Path, targets: list[str], say: Say) -> list[Path]:
    """Build ``targets`` (all when empty) from ``content_dir`` into ``output_dir``."""
    wanted = targets or list(TARGETS)
    with output.lock(output_dir, on_wait=lambda: say("another build is running; waiting for it")):
        book = check(content_dir)  # YAML -> validated model
        say(f"content: {len(book.all_chapters())} chapters", detail=True)
        reading = pamphlet.render(book, say)  # the reading edition, laid out
        files: dict[str, bytes] = {}
        if "pamphlet" in wanted:
            files[TARGETS["pamphlet"]] = reading.pdf  # PDF bytes
        if "deck" in wanted:
            pages = {doc.id: reading.pages_of(doc) for doc in book.all_chapters()}
            files[TARGETS["deck"]] = deck.build(book, pages, say)  # PPTX bytes, page pointers
        return output.write(output_dir, files)  # the one writer
