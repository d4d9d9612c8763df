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
