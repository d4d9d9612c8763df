"""Content folder -> one validated, read-only :class:`Book`, or every problem in every file.

The recipe: read and validate each file (``reading.py``, wording pydantic's
errors in ``messages.py``), check the chapter lists and images, assemble the
Book (``book.py``), cross-check references between files (``references.py``).
A translation is read over its original (``translation.py``).
Every check that can still run after a failure runs, so one run reports every
problem; nothing is built from a folder with any problem in it.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import kept

from . import model, reading, references, translation
from .book import Book, ChapterDoc, assemble, per_book, stamp

__all__ = ["Book", "ChapterDoc", "load", "per_book", "stamp"]


def load(root: Path, shelf: kept.Shelf | None = None) -> Book:
    """Read and check the publication in ``root``; raise :class:`BuildError` listing every problem.

    Files read before are answered from ``shelf`` (``kept.py``; by default, this process's memory)."""
    if not (root / "publication.yaml").is_file():
        raise BuildError(
            [Problem(root / "publication.yaml", message="no publication.yaml here; is this a content folder?")]
        )
    files = reading.read_all(root, shelf)
    problems = list(files.problems)
    pub = files.publication.value
    if pub is None:  # no chapter order, no language: nothing more can be checked
        raise BuildError(problems)
    if isinstance(pub, model.Translation):
        return translation.load(root, files, lambda original: load(original, shelf))
    problems += references.chapter_lists(files, pub)
    listed = [n for n in (*pub.chapters, *pub.appendices) if n in files.chapters]
    chapters = {n: (r.located, r.value) for n in listed if (r := files.chapters[n]).value is not None}
    registers = {k: (r.located, r.value) for k, r in files.registers.items() if r.value is not None}
    images, found = references.used_images(root, chapters)
    problems += found
    pub, pictures, found = references.publication_images(root, pub, files.publication.located)
    images += pictures
    problems += found
    problems += references.case_clashes(root, pub, files.publication.located, chapters)
    # Assembled from whatever validated, so the cross-checks run even beside schema problems.
    book, found = assemble(root, pub, chapters, registers, files.paths, tuple(images), files.publication.located)
    problems += found
    problems += references.check(book, files)
    if problems:
        raise BuildError(problems, partial=book)
    return book
