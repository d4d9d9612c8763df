"""fitted.py: the lecture fitted once, before the page numbers, and the same slides as planned with them."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from pamphleteer import cli, content, lecture
from pamphleteer.errors import BuildError
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
    code = cli.main(["deck", "handout", "script", "--content", str(SMALL), "--output", str(tmp_path / "out"), "-q"])
    assert code == 0, capsys.readouterr().err
    fits = tally.read_text(encoding="utf-8").split()
    assert len(fits) == 2 and set(fits) == {str(os.getpid())}  # the slides once and the recap once, here
