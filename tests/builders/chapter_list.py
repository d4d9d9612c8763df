"""A trivial output, as a newcomer would add one: a text file listing the chapters.

It is the whole of the new module; registering it is one line (see test_registry.py).
"""

from __future__ import annotations

from typing import Any

from pamphleteer.builders import Builder, Inputs
from pamphleteer.content import Book


class ChapterList(Builder):
    name = "chapters"
    filename = "chapters.txt"
    summary = "the chapters, one a line"
    kind = "other"

    def reads(self, book: Book) -> Any:
        return [(d.label, d.chapter.title) for d in book.all_chapters()]

    def build(self, inputs: Inputs) -> bytes:
        lines = [f"{d.label}: {d.chapter.title}" for d in inputs.book.all_chapters()]
        return ("\n".join(lines) + "\n").encode()


class ChapterPages(Builder):
    """A folder output: one small page per chapter, as a web edition would make."""

    name = "pages"
    filename = "pages/"
    summary = "a page per chapter"
    kind = "other"

    def reads(self, book: Book) -> Any:
        return [(d.id, d.chapter.title) for d in book.all_chapters()]

    def build(self, inputs: Inputs) -> dict[str, bytes]:
        return {f"{d.id}.txt": d.chapter.title.encode() for d in inputs.book.all_chapters()}
