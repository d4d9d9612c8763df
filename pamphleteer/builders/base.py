"""What an output is: a :class:`Builder` says its file, what it needs, what it reads and how it is made.

A builder is the one place an output lives. The registry (``builders/__init__.py``)
lists them; the CLI's help, preflight, the incremental planner and the runner
all read it, so a new output is one module and one registry line.

``needs`` names products of other builders: a builder's name stands for its
bytes (the print edition needs the ``pamphlet``), ``pages`` for the page
map the reading edition publishes as soon as it is laid out, and ``print_pages`` for
where each of its pages begins (the screen editions' page markers). ``shares`` names work
several outputs share, done once per build from the book alone (:data:`SHARED`: the
lecture fitted to its slides); it is no part of a key, as it follows from what the
outputs using it read, and the files it read join their records. ``reads`` returns
the parts of the model the output depends on; together with ``shaped_by``
(build options), the products it needs and the files recorded while it ran,
it makes the output's fingerprint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pamphleteer.infra import output
from pamphleteer.settings import Options

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book
    from pamphleteer.lecture import FittedLecture


PageMap = dict[str, tuple[int, int]]  # chapter id -> first and last page in the pamphlet
PrintPages = dict[str, str]  # page number, as text -> where its text begins ("chapter-x", "x/3", "people/y")
Made = bytes | dict[str, bytes]  # a file's bytes, or a folder's files by relative path (a web edition)


def _lecture(book: Book) -> Any:
    from pamphleteer import lecture  # python-pptx loads only when a lecture output is built

    return lecture.planned(book)


# Shared work by name: made from the book once per build, in the building process, and handed
# to every builder that ``shares`` it (pickled, to one in a child process).
SHARED: dict[str, Callable[[Book], Any]] = {"lecture": _lecture}


@dataclass(frozen=True)
class Inputs:
    """What a builder is handed: the model, the options, and the products and shared work it declared."""

    book: Book
    options: Options
    products: Mapping[str, Any]
    publish: Callable[[str, Any], None] = lambda name, value: None  # hand over an early product

    @property
    def pages(self) -> PageMap:
        return self.products["pages"]

    @property
    def print_pages(self) -> PrintPages:
        return self.products["print_pages"]

    @property
    def lecture(self) -> FittedLecture:
        """The lecture fitted once for this build (shared work: see :data:`SHARED`)."""
        return self.products["lecture"]


class Builder:
    """One output. Subclasses set the class attributes and implement :meth:`build`."""

    name: ClassVar[str]  # the target name on the command line
    filename: ClassVar[str]  # the file it writes in the output folder; "name/" for a folder of files
    summary: ClassVar[str]  # one line for --help
    kind: ClassVar[str] = "pdf"  # how preflight reads it: pdf, pptx or other
    needs: ClassVar[tuple[str, ...]] = ()  # products of other builders
    publishes: ClassVar[tuple[str, ...]] = ()  # products it hands over before it is done
    shares: ClassVar[tuple[str, ...]] = ()  # work done once per build for several outputs (see SHARED)
    child: ClassVar[bool] = False  # a WeasyPrint layout: run in a child process, with limits
    # run in a child process of its own when another output is to be built here at the same time and a
    # core is free (the booklet beside the print edition: both wait on the reading edition); else here
    aside: ClassVar[bool] = False
    optional: ClassVar[bool] = False  # built only when named, not by a plain build
    preflight: ClassVar[tuple[str, ...]] = ()  # extra printer's checks: "trim" (trim and bleed), "sheets"

    def reads(self, book: Book) -> Any:
        """The parts of the model this output depends on, as JSON-able data."""
        return None

    def shaped_by(self, options: Options) -> Any:
        """The build options that change this output."""
        return None

    def refuses(self, book: Book) -> str:
        """Why this output does not apply to ``book`` (a flyer has no booklet); "" when it does."""
        return ""

    def build(self, inputs: Inputs) -> Made:
        """The output in memory: bytes, or for a folder output its files by relative path."""
        raise NotImplementedError

    @property
    def is_folder(self) -> bool:
        return self.filename.endswith("/")

    def files(self, made: Made) -> dict[str, bytes]:
        """The output's files by their path in the output folder."""
        if isinstance(made, bytes):
            return {self.filename: made}
        return {self.filename + name: data for name, data in sorted(made.items())}

    def read_back(self, folder: Path) -> Made | None:
        """What this output's file (or folder) in ``folder`` holds now; None when it is missing, or is
        anything but what the build writes (a link, a pipe: never read through, never waited on)."""

        path = folder / self.filename
        if not self.is_folder:
            return output.read(path)
        if path.is_symlink() or not path.is_dir():
            return None
        ours = output.written(folder)  # an author's own file beside ours (a CNAME) is not part of it
        found = {
            p.relative_to(path).as_posix(): output.read(p)
            for p in sorted(path.rglob("*"))
            if p.is_file() and not p.is_symlink() and (ours is None or p.relative_to(folder).as_posix() in ours)
        }
        return None if None in found.values() else found  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"<builder {self.name}>"


def book_parts(book: Book, *, text: bool, lecture: bool) -> dict[str, Any]:
    """The whole publication as the pamphlet (``text``) or the lecture (``lecture``) reads it
    (``content/fingerprint.py``, loaded with the model when a build needs it)."""
    from pamphleteer.content import fingerprint

    return fingerprint.book_parts(book, text=text, lecture=lecture)
