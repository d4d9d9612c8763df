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
    message = forms.misfit(forms.Form("leaflet", pages=4), [400, 420, 176])
    assert message == "the leaflet runs to 5 pages; a leaflet has 4 or 8: cut about 180 words or choose 8 pages"
    message = forms.misfit(forms.Form("leaflet", pages=4), [400, 420, 410, 400, 380, 390, 120])
    assert message == "the leaflet runs to 9 pages; a leaflet has 4 or 8: cut about 1700 words"
    message = forms.misfit(forms.Form("leaflet", pages=8), [400, 420, 410, 400, 380, 390, 120])
    assert message == "the leaflet runs to 9 pages; a leaflet has 4 or 8: cut about 120 words"


def test_a_leaflet_set_for_eight_that_needs_more_than_one_notes_page():
    message = forms.misfit(forms.Form("leaflet", pages=8), [400, 420, 100])
    assert (
        message
        == "the leaflet runs to 5 pages but is set for 8: add about 740 words or choose 4 pages (cut about 100 words)"
    )


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


def test_a_flyer_whose_second_side_is_nearly_empty():
    message = forms.misfit(forms.Form("flyer", pages=2, sheet="a4", folds=False), [900, 19])
    assert message == (
        "the flyer's second side carries only 19 words: write more for it, "
        "or cut the text until it fits one side with the imprint or choose an A5 sheet (sheet: a5)"
    )
    assert forms.misfit(forms.Form("flyer", pages=2, folds=False), [400]) == ""  # one side, nothing empty
