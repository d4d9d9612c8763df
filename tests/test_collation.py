"""Registers in a reader's order: accents and letters like ł filed where a reader looks for them."""

from __future__ import annotations

from pamphleteer import collation

NAMES = ["Zieliński, Piotr", "Łoś, Jan", "Lewandowska, Anna", "Écuyer, Marie", "Eyraud, Paul", "Lozano, Ana"]


def test_english_files_accented_letters_with_their_base_letter():
    assert collation.sort(NAMES, "en-GB") == [
        "Écuyer, Marie",
        "Eyraud, Paul",
        "Lewandowska, Anna",
        "Łoś, Jan",
        "Lozano, Ana",
        "Zieliński, Piotr",
    ]


def test_polish_files_ł_after_l():
    assert collation.sort(NAMES, "pl")[2:5] == ["Lewandowska, Anna", "Lozano, Ana", "Łoś, Jan"]


def test_case_does_not_decide_the_order_of_letters():
    assert collation.sort(["pharos", "Fresnel lens", "acetylene", "Gallery"], "en") == [
        "acetylene",
        "Fresnel lens",
        "Gallery",
        "pharos",
    ]


def test_accent_and_case_only_break_ties():
    assert collation.sort(["resume", "résumé", "Resume"], "fr") == ["resume", "Resume", "résumé"]
