"""The lecture fitted once per build: every slide and recap frame sized before the page numbers are known.

Fitting every text of the lecture to its box is the lecture's costly step (half a second
for the shipped one), and the content's checks, the deck, the handout and the script all
need it. Page numbers only fill footers, which are never fitted, so :func:`fit` works
without them and :meth:`FittedLecture.specs` and :meth:`FittedLecture.recap` put them in
afterwards: the result is what ``order.plan`` and ``order.recap`` give with the pages.
:func:`planned` does it once for the book at hand, reading the master's boxes; the build
hands the result to each output that needs it (pickled, to a layout in a child process).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pamphleteer.content import Book, per_book
from pamphleteer.errors import BuildError, Problem
from pamphleteer.infra import dependencies
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
    from .drawing import master_boxes  # python-pptx reads the master

    with dependencies.recording(book.folders) as recorder:
        fitted = fit(book, master_boxes(book))
    return replace(fitted, files=dict(recorder.files))
