"""What each form is and when content does not fit it: the pure rules of ``forms.py``."""

from __future__ import annotations

import shutil

import pytest

from pamphleteer.content import model
from pamphleteer.errors import display_path
from pamphleteer.pamphlet import forms
from tests.conftest import PUBLICATIONS

PUB = {"title": "T", "date": "2025", "language": "en", "chapters": ["a"]}


def test_forms_from_publication_yaml():
    assert forms.of(model.Publication(**PUB)) == forms.Form("pamphlet")
    assert forms.of(model.Publication(**PUB, form="leaflet")).pages == 4
    assert forms.of(model.Publication(**PUB, form="leaflet", pages=8)).pages == 8
    flyer = forms.of(model.Publication(**PUB, form="flyer", sheet="a4"))
    assert (flyer.pages, flyer.sheet, flyer.folds, flyer.covers) == (2, "a4", False, False)


def test_a_leaflet_has_four_or_eight_pages():
    with pytest.raises(ValueError, match="pages"):
        model.Publication(**PUB, form="leaflet", pages=6)


@pytest.mark.parametrize(
    ("chapters", "pages", "wanted"),
    [(1, 4, False), (2, 15, False), (2, 16, True), (3, 4, True)],
)
def test_contents_only_with_something_to_navigate(chapters, pages, wanted):
    assert forms.contents_wanted(forms.Form("pamphlet"), chapters, pages) is wanted
    assert forms.contents_wanted(forms.Form("leaflet", pages=8), chapters, pages) is False


def test_a_leaflet_that_runs_over_says_what_to_cut():
    # words set on each page of text: two pages fit a four-page leaflet, the third is the overflow
    message = forms.misfit(forms.Form("leaflet", pages=4), [400, 420, 410, 400, 100])
    assert message == "the leaflet runs to 7 pages; a leaflet has 4 or 8: cut about 910 words or choose 8 pages"
    message = forms.misfit(forms.Form("leaflet", pages=4), [400, 420, 410, 400, 380, 390, 120])
    assert message == "the leaflet runs to 9 pages; a leaflet has 4 or 8: cut about 1,700 words or choose 8 pages"
    message = forms.misfit(forms.Form("leaflet", pages=8), [400, 420, 410, 400, 380, 390, 120])
    assert message == "the leaflet runs to 9 pages; a leaflet has 4 or 8: cut about 120 words"


def test_a_leaflet_set_for_eight_that_needs_more_than_one_notes_page():
    message = forms.misfit(forms.Form("leaflet", pages=8), [400, 420, 410, 100])
    assert message == "the leaflet runs to 6 pages but is set for 8: add about 320 words"


def test_words_between_four_pages_and_eight_are_told_a_tri_fold_holds_them():
    # a full A5 page sets 340 words here, a panel three quarters of that
    message = forms.misfit(forms.Form("leaflet", pages=4), [340, 340, 260])
    assert message == (
        "the leaflet runs to 5 pages; a leaflet has 4 or 8: its 940 words fit neither 4 pages (about 680) nor 8 "
        "(at least about 1,360); a tri-fold holds about 1,040: choose panels: 6 instead of pages: 4, "
        "or cut about 260 words"
    )
    message = forms.misfit(forms.Form("leaflet", pages=8), [400, 420, 100])
    assert message.startswith("the leaflet runs to 5 pages but is set for 8: its 920 words fit neither")
    assert message.endswith("choose panels: 6 instead of pages: 8, or add about 740 words")


def test_a_tri_fold_that_runs_over_or_short_says_which_leaflet_fits():
    assert forms.misfit(forms.TRIFOLD, [261, 261, 261, 261, 200]) == (
        "the tri-fold runs to 7 panels; a tri-fold has 6: cut about 200 words"
    )
    assert forms.misfit(forms.TRIFOLD, [261, 100]) == (
        "the tri-fold runs to 4 panels but is set for 6: add about 160 words or choose 4 pages "
        "(pages: 4 instead of panels: 6)"
    )
    assert forms.misfit(forms.TRIFOLD, [261, 261, 261, 100]) == ""


def test_a_tri_fold_is_a_leaflet_with_six_panels_not_pages():
    trifold = forms.of(model.Publication(**PUB, form="leaflet", panels=6))
    assert trifold == forms.TRIFOLD and (trifold.pages, trifold.room, trifold.said) == (6, 4, "tri-fold")
    with pytest.raises(ValueError, match="panels"):
        model.Publication(**PUB, form="leaflet", panels=3)


def test_what_fits_says_nothing():
    assert forms.misfit(forms.Form("leaflet", pages=4), [400, 200]) == ""
    assert forms.misfit(forms.Form("leaflet", pages=8), [400, 420, 400, 410, 100]) == ""
    assert forms.misfit(forms.Form("flyer", pages=2, folds=False), [300, 120]) == ""
    assert forms.misfit(forms.Form("pamphlet"), [400] * 90) == ""


def test_a_flyer_that_runs_over():
    message = forms.misfit(forms.Form("flyer", pages=2, folds=False), [300, 420, 64])
    assert (
        message
        == "the flyer runs to 3 pages; a flyer has 2 sides: cut about 60 words or choose an A4 sheet (sheet: a4)"
    )
    message = forms.misfit(forms.Form("flyer", pages=2, sheet="a4", folds=False), [600, 700, 64])
    assert message == "the flyer runs to 3 pages; a flyer has 2 sides: cut about 60 words"


def test_settings_of_another_form_are_problems_at_their_line(run, tmp_path):
    pub = tmp_path / "pub"
    shutil.copytree(PUBLICATIONS / "flyer", pub)
    yaml = (pub / "publication.yaml").read_text(encoding="utf-8")
    (pub / "publication.yaml").write_text(yaml.replace("form: flyer", "form: leaflet"), encoding="utf-8")
    code, _, err = run("check", "--content", pub)
    assert code == 1
    line = yaml.splitlines().index("sheet: a5") + 1
    assert err == (
        f"{display_path(pub / 'publication.yaml')}:{line}:8: sheet: only a flyer has sheet; "
        "this publication is a leaflet (form: flyer to make one)\nAborted with 1 error.\n"
    )


def test_a_leaflet_folded_once_and_in_three_at_once_is_a_problem(run, tmp_path):
    pub = tmp_path / "pub"
    shutil.copytree(PUBLICATIONS / "leaflet", pub)
    yaml = (pub / "publication.yaml").read_text(encoding="utf-8")
    (pub / "publication.yaml").write_text(yaml.replace("pages: 4", "pages: 4\npanels: 6"), encoding="utf-8")
    code, _, err = run("check", "--content", pub)
    line = yaml.splitlines().index("pages: 4") + 2
    assert (code, err) == (
        1,
        f"{display_path(pub / 'publication.yaml')}:{line}:9: panels: a leaflet is folded once (pages: 4 or 8) or "
        "in three (panels: 6), not both: leave one out\nAborted with 1 error.\n",
    )


def test_a_flyer_whose_second_side_is_nearly_empty():
    message = forms.misfit(forms.Form("flyer", pages=2, sheet="a4", folds=False), [900, 19])
    assert message == (
        "the flyer's second side carries only 19 words: write more for it, "
        "or cut the text until it fits one side with the imprint or choose an A5 sheet (sheet: a5)"
    )
    assert forms.misfit(forms.Form("flyer", pages=2, folds=False), [400]) == ""  # one side, nothing empty
