"""fitted.py: the lecture fitted once, before the page numbers, and the same slides as planned with them."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from pamphleteer import cli, content, lecture
from pamphleteer.errors import BuildError
from pamphleteer.infra import kept
from pamphleteer.lecture import drawing, kinds
from tests.conftest import PUBLICATIONS, SMALL


@pytest.mark.parametrize("folder", [SMALL, PUBLICATIONS / "de", PUBLICATIONS / "ar"])
def test_fitted_without_pages_then_paged_is_the_lecture_planned_with_them(folder):
    book = content.load(folder)
    boxes = drawing.master_boxes()
    fitted = lecture.fit(book, boxes)
    docs = book.all_chapters()
    every = {d.id: (2 * n + 3, 2 * n + 4) for n, d in enumerate(docs)}
    for pages in ({}, every, {docs[0].id: (7, 7)}):
        assert fitted.specs(pages) == lecture.plan(book, pages, boxes)
        assert fitted.recap(pages) == lecture.recap(book, pages, boxes)
    footers = {s.footer for s in fitted.specs(every)} - {s.footer for s in fitted.specs({})}
    assert footers  # the pages do reach the slides


def test_what_cannot_fit_is_kept_and_raised_when_the_slides_are_used(small):
    path = small / "chapters" / "draisine.yaml"
    long = " ".join(["and then I rode on through the town"] * 45)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("quote: {text: I rode from Mannheim", f"quote: {{text: {long} I rode"), encoding="utf-8"
    )
    fitted = lecture.fit(content.load(small), drawing.master_boxes())
    assert [p.field for p in fitted.problems] == ["slides[1].quote.text"]
    with pytest.raises(BuildError) as caught:
        fitted.specs({})
    assert caught.value.problems == fitted.problems
    assert fitted.recap({})  # the handout's frames fit: they do not wait on the slides


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="counts across forked children")
def test_a_build_fits_the_lecture_once_for_the_checks_the_deck_the_handout_and_the_script(
    tmp_path, monkeypatch, capsys
):
    tally = tmp_path / "tally"
    fitting = kinds.Context.__init__

    def counted(self, *args, **kwargs) -> None:  # one Context for each plan of the slides or the recap
        with open(tally, "a", encoding="utf-8") as fh:  # appended to from any process of the build
            fh.write(f"{os.getpid()}\n")
        fitting(self, *args, **kwargs)

    monkeypatch.setattr(kinds.Context, "__init__", counted)
    monkeypatch.setenv("PAMPHLETEER_START_METHOD", "fork")  # children inherit the count; spawned ones would not
    kept._memory.clear()  # as in a new process: an earlier test's build kept this lecture fitted
    code = cli.main(["deck", "handout", "script", "--content", str(SMALL), "--output", str(tmp_path / "out"), "-q"])
    assert code == 0, capsys.readouterr().err
    fits = tally.read_text(encoding="utf-8").split()
    assert len(fits) == 2 and set(fits) == {str(os.getpid())}  # the slides once and the recap once, here


def _fits(monkeypatch) -> list[int]:
    """A tally of the lecture fitted afresh (``fitted.fit`` called) in this process."""
    calls: list[int] = []
    fit = lecture.fitted.fit

    def counted(*args, **kwargs):
        calls.append(1)
        return fit(*args, **kwargs)

    monkeypatch.setattr(lecture.fitted, "fit", counted)
    return calls


def test_the_fitted_lecture_is_kept_between_builds_while_what_it_was_fitted_from_is_as_before(
    small, tmp_path, monkeypatch
):
    calls = _fits(monkeypatch)
    folder = tmp_path / "computed"

    def planned(*, fresh: bool = False) -> lecture.FittedLecture:
        with kept.computing(folder, fresh=fresh):
            return lecture.planned(content.load(small))  # a new Book each time, as a new build has

    first = planned()
    kept._memory.clear()  # a new process: only the folder remembers
    assert planned() == first and len(calls) == 1
    chapter = small / "chapters" / "draisine.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("no chain**.", "no chain**. One more sentence.", 1), encoding="utf-8")
    assert planned() == first and len(calls) == 1  # the text is not the lecture's
    chapter.write_text(
        text.replace("quote: {text: I rode from Mannheim", "quote: {text: I rode from Karlsruhe"), "utf-8"
    )
    again = planned()
    assert len(calls) == 2 and again != first  # the slides are
    assert planned(fresh=True) == again and len(calls) == 3  # --force fits afresh


def test_a_kept_fitted_lecture_whose_warnings_point_into_an_edited_file_is_fitted_again(small, tmp_path, monkeypatch):
    chapter = small / "chapters" / "draisine.yaml"
    long = " ".join(["and then I rode on through the town"] * 6)  # over the words read while listening
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("quote: {text: I rode from Mannheim", f"quote: {{text: {long} I rode"), "utf-8")
    calls = _fits(monkeypatch)

    def warned() -> list[str]:
        with kept.computing(tmp_path / "computed"):
            return [str(w) for w in lecture.planned(content.load(small)).warnings]

    before = warned()
    assert any("slides[1].quote.text" in w for w in before)
    # a line added above the slides: the same lecture, its warning a line further down
    chapter.write_text("# a comment\n" + chapter.read_text(encoding="utf-8"), encoding="utf-8")
    after = warned()
    assert len(calls) == 2
    moved = [w for w in after if "slides[1].quote.text" in w]
    assert moved and moved[0] not in before
