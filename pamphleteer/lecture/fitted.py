"""The lecture fitted once per build: every slide and recap frame sized before the page numbers are known.

Fitting every text of the lecture to its box is the lecture's costly step (half a second
for the shipped one), and the content's checks, the deck, the handout and the script all
need it. Page numbers only fill footers, which are never fitted, so :func:`fit` works
without them and :meth:`FittedLecture.specs` and :meth:`FittedLecture.recap` put them in
afterwards: the result is what ``order.plan`` and ``order.recap`` give with the pages.
:func:`planned` does it once for the book at hand, reading the master's boxes; the build
hands the result to each output that needs it (pickled, to a layout in a child process).

Between builds the fitted lecture is kept (``infra/kept.py``'s shelf of computed values) under
the digest of what it is fitted from: the lecture's part of the model, as the deck's fingerprint
reads it (``builders.base.book_parts``), the publication's folders and this tool's code. It is used
again only while every file the fitting read (the master, the deck's fonts, the catalogue) is
unchanged, and while every file a problem or warning points into is too (its line and column
are read from that file's text), so an edited paragraph does not fit the lecture again. An edit
to what the lecture is fitted from (a slide's notes) fits it again, but in a running --watch each
text's fit is still in memory (``fitting.py``): 0.03 s where fitting from nothing takes 0.3 s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from pamphleteer.content import Book, per_book
from pamphleteer.content.fingerprint import book_parts
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import dependencies, kept
from pamphleteer.text import cldr

from .order import pointer, recap, slides, span
from .specs import Boxes, PartSpec, SlideSpec, with_


@dataclass(frozen=True)
class FittedLecture:
    """The lecture's slides and the handout's recap frames, fitted, their page footers still blank."""

    slides: tuple[SlideSpec, ...]
    parts: tuple[PartSpec, ...]
    boxes: Boxes  # the master's placeholder frames it was fitted to
    language: str  # with the digits of its page numbers: cldr.numbers_tag
    form: str = "pamphlet"  # what the footers point into: "Pamphlet, p. 3", "Leaflet, p. 2"
    slide_problems: tuple[Problem, ...] = ()  # texts that fit no slide
    # texts set another way than written (a table over two slides), slides over the word budget
    slide_warnings: tuple[Problem, ...] = ()
    recap_problems: tuple[Problem, ...] = ()  # titles and points that fit no handout frame
    files: dict[str, str] = field(default_factory=dict)  # read while fitting, for the outputs' records

    @property
    def problems(self) -> list[Problem]:
        return [*self.slide_problems, *self.recap_problems]

    @property
    def warnings(self) -> list[Problem]:
        return list(self.slide_warnings)

    def specs(self, pages: dict[str, tuple[int, int]]) -> list[SlideSpec]:
        """Every slide, a chapter's slides footed with where the pamphlet covers the chapter."""
        if self.slide_problems:
            raise BuildError(list(self.slide_problems))
        return [self._footed(s, pages) if s.chapter else s for s in self.slides]

    def _footed(self, spec: SlideSpec, pages: dict[str, tuple[int, int]]) -> SlideSpec:
        return with_(spec, footer=pointer(span(spec.covers or (spec.chapter,), pages), self.language, self.form))

    def recap(self, pages: dict[str, tuple[int, int]]) -> list[PartSpec]:
        """The handout's parts, each with the pages that cover its chapters and its frames footed with them."""
        if self.recap_problems:
            raise BuildError(list(self.recap_problems))
        out = []
        for part in self.parts:
            covered = span(part.chapters, pages)
            where = pointer(covered, self.language, self.form)
            out.append(PartSpec(part.title, part.chapters, covered, tuple(with_(f, footer=where) for f in part.frames)))
        return out


def fit(book: Book, boxes: Boxes) -> FittedLecture:
    """The lecture of ``book`` fitted to ``boxes``; what cannot fit is kept as problems, raised when used."""
    parts: list[PartSpec] = []
    recap_problems: list[Problem] = []
    specs, found = slides(book, {}, boxes)
    try:
        parts = recap(book, {}, boxes)
    except BuildError as exc:
        recap_problems = exc.problems
    return FittedLecture(
        tuple(specs) if not found.problems else (),
        tuple(parts),
        boxes,
        cldr.numbers_tag(book.language, book.digits),  # the footers' page numbers are in the book's digits
        book.publication.form,
        slide_problems=tuple(found.problems),
        slide_warnings=tuple(found.warnings),
        recap_problems=tuple(recap_problems),
    )


def planned(book: Book) -> FittedLecture:
    """The lecture fitted to the master's boxes, once for the book at hand.

    The files read while fitting (the master, the deck's fonts, the catalogue) are added to the
    record of whichever output is being built, whether it fitted the lecture or found it fitted.
    """
    fitted = _planned(book)
    dependencies.adopt(fitted.files)
    return fitted


@per_book
def _planned(book: Book) -> FittedLecture:
    shelf = kept.computed("lecture")
    k = _key(book) if shelf is not None else ""
    found = shelf.recall(k) if shelf is not None else None
    if _still_true(found, book):
        return found[0]  # type: ignore[index]  (checked by _still_true)
    from .drawing import master_boxes  # python-pptx reads the master

    with dependencies.recording(book.folders) as recorder:
        fitted = fit(book, master_boxes(book))
    fitted = replace(fitted, files=dict(recorder.files))
    if shelf is not None:
        shelf.store(k, (fitted, _pointed_into(fitted, book)))
    return fitted


def _key(book: Book) -> str:
    """What the fitted lecture is a function of, besides the files its fitting reads."""
    parts = book_parts(book, text=False, lecture=True)
    where = [str(folder.resolve()) for folder in book.folders]
    data = json.dumps(["fitted-lecture", where, parts], sort_keys=True, ensure_ascii=False, default=str)
    return dependencies.digest(b"\0".join((dependencies.code_digest().encode(), data.encode())))


def _pointed_into(fitted: FittedLecture, book: Book) -> dict[str, str]:
    """The files the fitted lecture's problems and warnings point into, keyed as the records key files."""
    roots = dependencies.roots(book.folders)
    out: dict[str, str] = {}
    for problem in (*fitted.problems, *fitted.warnings):
        name = dependencies.key_of(problem.path, roots) if problem.path is not None else None
        if name is None and problem.path is not None:
            return {"": ""}  # a file under no root: never found true again (unchanged() refuses it)
        if name is not None:
            try:
                out[name] = dependencies.file_digest(problem.path)
            except OSError:
                return {"": ""}
    return out


def _still_true(found: object, book: Book) -> bool:
    """Whether a kept entry is a fitted lecture whose files are all as they were."""
    if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], FittedLecture)):
        return False
    fitted, pointed = found
    return dependencies.unchanged(fitted.files, book.folders) and dependencies.unchanged(pointed, book.folders)
