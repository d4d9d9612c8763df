"""Registers in a reader's order: accents and letters like ł filed where a reader looks for them."""

from __future__ import annotations

from pamphleteer.text import collation

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


def test_russian_files_ё_with_е_and_й_after_и():
    names = ["Йоффе", "Ёлкин", "Иванов", "Егоров", "Игнатьев", "Ефремов", "Кант"]
    assert collation.sort(names, "ru") == ["Егоров", "Ёлкин", "Ефремов", "Иванов", "Игнатьев", "Йоффе", "Кант"]


def test_spanish_files_ñ_after_n():
    assert collation.sort(["ñandú", "nube", "oso", "Núñez", "Nuevo"], "es") == [
        "nube",
        "Nuevo",
        "Núñez",
        "ñandú",
        "oso",
    ]


def test_the_tailorings_are_the_languages_own():
    assert collation.sort(["ñu", "nube", "oso"], "en") == ["ñu", "nube", "oso"]
    assert collation.sort(["ñu", "nube", "oso"], "es") == ["nube", "ñu", "oso"]
    assert collation.sort(["Йод", "Иона"], "en") == ["Йод", "Иона"]
    assert collation.sort(["Йод", "Иона"], "ru") == ["Иона", "Йод"]


def test_german_and_french_file_accented_letters_with_their_base_letter():
    assert collation.sort(["Zabel", "Ärger", "Abend", "Öl", "Ofen"], "de") == ["Abend", "Ärger", "Ofen", "Öl", "Zabel"]
    assert collation.sort(["été", "étage", "ete", "zèbre"], "fr") == ["étage", "ete", "été", "zèbre"]
