"""Balanced display lines: as many lines as filling them takes, the breaks where the lines come out most even."""

from __future__ import annotations

from pamphleteer.pamphlet.compose import COVER_MEASURE_PT, COVER_TITLE_PT
from pamphleteer.render.charts import text_width
from pamphleteer.text import balance


def _chars(line: str) -> float:
    return float(len(line))


def test_a_short_word_is_not_left_alone_under_a_long_line():
    # filled, the measure of 17 gives "The Matchwomen of" / "Bow"
    assert balance.lines("The Matchwomen of Bow", _chars, 17) == ("The Matchwomen", "of Bow")


def test_what_fits_on_one_line_stays_on_one():
    assert balance.lines("Two Wheels", _chars, 17) == ("Two Wheels",)
    assert balance.lines("Lighthouses", _chars, 5) == ("Lighthouses",)  # one word, however wide


def test_the_line_count_is_the_filled_one_and_no_line_is_over_the_measure():
    text = "one two three four five six seven eight nine ten eleven"
    lines = balance.lines(text, _chars, 20)
    assert len(lines) == 3 and " ".join(lines) == text
    assert all(len(line) <= 20 for line in lines)
    assert max(map(len, lines)) - min(map(len, lines)) <= 6


def test_a_word_wider_than_the_measure_stands_on_its_own_line():
    assert balance.lines("a Donaudampfschifffahrt b", _chars, 10) == ("a", "Donaudampfschifffahrt", "b")


def test_the_cover_title_in_its_face_breaks_where_a_reader_would():
    def width(line: str) -> float:
        return text_width(line, COVER_TITLE_PT, "PTS75F.ttf")

    assert balance.lines("The Matchwomen of Bow", width, COVER_MEASURE_PT) == ("The Matchwomen", "of Bow")


def test_of_two_settings_about_as_even_the_one_breaking_at_the_comma_is_taken():
    text = "Why the tenants of the road are meeting, and what we can do together"
    assert balance.lines(text, _chars, 44) == (
        "Why the tenants of the road are meeting,",
        "and what we can do together",
    )
    assert balance.lines("one two three, four five six seven eight", _chars, 30) == (
        "one two three, four",
        "five six seven eight",
    )  # a comma far from the middle does not win over an even setting


def test_a_text_against_the_books_direction_is_not_broken_by_hand():
    # each forced line is its own bidi paragraph: an English line ending at a comma in a Hebrew book
    # would print its comma at the left (",Why ... meeting")
    assert balance.by_hand("Why we meet, and what we do", "en") and balance.by_hand("רחלה, הורק", "he")
    assert not balance.by_hand("Why we meet, and what we do", "he") and not balance.by_hand("רחלה, הורק", "en")
    assert balance.by_hand("1923–1940", "ar")  # no letter with a direction of its own


def test_of_two_settings_about_as_even_the_one_not_ending_a_line_at_a_short_word_is_taken():
    # a short lower-case word leans on the next: "tells the / CCP" is about as even, but reads worse
    assert balance.lines("Comintern tells the CCP to join", _chars, 13) == ("Comintern", "tells the CCP", "to join")
    assert balance.lines("между двух в тихом парке", _chars, 14) == ("между двух", "в тихом парке")  # no hanging "в"


def test_a_short_word_opening_a_phrase_is_carried_over_whatever_its_case():
    # "Die" after the comma starts the title it belongs to: the line breaks at the comma instead
    assert balance.lines("Anna Berg, Die Geschichte (1999)", _chars, 25) == ("Anna Berg,", "Die Geschichte (1999)")
    # a capitalised short word inside a phrase is a word like any other
    assert balance.lines("Anna Berg Die Geschichte (1999)", _chars, 25) == ("Anna Berg Die", "Geschichte (1999)")
