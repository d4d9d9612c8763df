"""The typographic stage (text/pieces.py, text/hyphenation.py), on made-up text."""

from __future__ import annotations

import cProfile
import pstats
from pathlib import Path

import pyphen
import pytest

from pamphleteer.infra import kept
from pamphleteer.text import cldr, hyphenation, measure
from pamphleteer.text import pieces as text_pieces
from pamphleteer.text.pieces import SOFT_HYPHEN, pieces

SHY = SOFT_HYPHEN


def kinds(text: str, language: str = "en", **kw) -> dict[str, str]:
    return {p.text: p.kind for p in pieces(text, language, **kw) if p.kind}


def test_only_runs_of_capitals_are_acronyms_and_dates_and_ranges_stay_whole():
    found = kinds("In 1923–1940 the USSR met Zinoviev on 20 August 1940, and 12 août; b. 1851, died 1851–? I said.")
    assert found == {"1923–1940": "keep", "USSR": "acronym", "20 August": "keep", "12 août": "keep", "1851–?": "keep"}
    assert kinds("Ein Gesetz vom 3. Mai, die SPD und die Nationalversammlung", "de") == {
        "3. Mai": "keep",
        "SPD": "acronym",
    }


def test_a_roman_numeral_is_no_acronym_and_stays_with_its_name():
    # a ruler's number is set in its capitals, on the line of the name it follows
    assert kinds("Kaiser Wilhelm II. dankte ab; die SPD, Band IV", "de") == {
        "Wilhelm II": "keep",
        "SPD": "acronym",
        "Band IV": "keep",
    }
    assert kinds("Николай II и ЦК", "ru") == {"Николай II": "keep", "ЦК": "acronym"}
    # alone it is a word kept whole; runs of those letters that are no numeral stay acronyms
    assert kinds("in volume XIV, the IVX and VV") == {"IVX": "acronym", "VV": "acronym"}


def test_words_carry_soft_hyphens_within_the_dictionarys_limits():
    text = "".join(p.text for p in pieces("the revolutionary bureaucracy of a nation appeared", "en"))
    # English asks two letters before a break and three after (en_US: LEFTHYPHENMIN 2, RIGHTHYPHENMIN 3)
    assert hyphenation.sides("en") == (2, 3)
    assert f"re{SHY}volu{SHY}tion{SHY}ary" in text and f"ap{SHY}peared" in text
    assert f"na{SHY}tion" in text and "of" in text.split()
    for word in text.split():
        if SHY in word:
            assert len(word.split(SHY)[0]) >= 2 and len(word.split(SHY)[-1]) >= 3
    # six letters at least: no break in a shorter word, whatever the patterns say
    assert hyphenation.points("wanted", "en") == () and hyphenation.points("Woche", "de") == ()
    # German asks two on each side (its dictionary says nothing: TeX's default)
    assert hyphenation.sides("de") == (2, 2)
    assert hyphenation.hyphenated("zusammen", "de", "|") == "zu|sam|men"


def test_the_readme_states_the_limits_the_code_keeps():
    """README's Typography said three letters on each side, where each dictionary sets its own (English two and
    three): it says what :func:`hyphenation.sides` and the shortest word give, and the words it shows break so."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    typography = " ".join(readme.split("\n## Typography\n")[1].split("\n## ")[0].split())
    said = {2: "two", 3: "three", 6: "six"}
    assert f"only words of {said[hyphenation.MIN_WORD]} letters or more" in typography
    assert f"never fewer than {said[hyphenation.MIN_SIDE]}" in typography
    left, right = hyphenation.sides("en")
    assert f"{said[left]} before and {said[right]} after in English" in typography
    assert {hyphenation.sides(language) for language in ("de", "fr", "es", "ru")} == {(2, 2)}
    assert "two on each side in German, French, Spanish and Russian" in typography
    for word, language in [("ap-peared", "en"), ("ar-res-ted", "en"), ("Wo-chen", "de"), ("оп-по-зи-ция", "ru")]:
        assert f'"{word}"' in typography
        assert hyphenation.hyphenated(word.replace("-", ""), language, "-") == word


def _hyphenation_calls(folder: Path, words: list[str]) -> dict[str, int]:
    """How often each function of text/hyphenation.py ran while a build in ``folder`` broke ``words``."""
    profile = cProfile.Profile()
    with kept.computing(folder):
        profile.enable()
        for word in words:
            hyphenation.points(word, "en")
        profile.disable()
    stats = pstats.Stats(profile).stats
    return {name: calls for (path, _, name), (_, calls, *_) in stats.items() if path.endswith("hyphenation.py")}


def test_a_build_reads_the_dictionarys_version_once_not_once_a_word(tmp_path):
    """Each word not met before looked its table up under the dictionary's version, and worked that out (a
    stat of the dictionary file) every time: now once a build, and again in the next build."""
    hyphenation.points.cache_clear()  # words this process met in other tests are new to this build
    kept._TABLES.clear()  # (and not answered by a table held from outside a build)
    words = ["revolutionary", "bureaucracy", "opposition", "typesetting", "pamphleteer"]
    first = _hyphenation_calls(tmp_path / "cache", words)
    assert (first["_points"], first["_digest"]) == (5, 1)
    hyphenation.points.cache_clear()
    assert _hyphenation_calls(tmp_path / "fresh", [w + "s" for w in words])["_digest"] == 1


def test_english_text_breaks_a_foreign_word_only_where_an_english_reader_would():
    """English patterns on a place or a transliterated name cut clusters no English syllable starts with
    ("Man-nheim") or leave a piece without a vowel ("Kaza-kh-stan", "Tran-s-caucasian"): such a break is
    dropped, and of two with only consonants between them the later is kept. English words keep theirs."""
    assert hyphenation.hyphenated("Mannheim", "en", "-") == "Mannheim"
    assert hyphenation.hyphenated("Kazakhstan", "en", "-") == "Kazakh-stan"
    assert hyphenation.hyphenated("Transcaucasian", "en", "-") == "Trans-caucasian"
    assert hyphenation.hyphenated("Zakhar", "en", "-") == "Za-khar"  # kh: one sound, as zh and dzh
    for word, broken in [("settlement", "set-tle-ment"), ("children", "chil-dren"), ("handwriting", "hand-writ-ing")]:
        assert hyphenation.hyphenated(word, "en", "-") == broken
    assert hyphenation.hyphenated("Mannheim", "de", "-") == "Mann-heim"  # German's own patterns


def test_names_from_the_register_and_unhyphenated_text_have_no_soft_hyphens():
    text = "Kotsiubynsky and Rakovsky argued with revolutionaries"
    plain = "".join(p.text for p in pieces(text, "en", frozenset({"Kotsiubynsky", "Rakovsky"})))
    assert "Kotsiubynsky" in plain and "Rakovsky" in plain and SHY in plain  # the last word still breaks
    assert SHY not in "".join(p.text for p in pieces(text, "en", hyphenate=False))
    # a capitalised word that is no name breaks like any other: German nouns, months
    assert SHY in "".join(p.text for p in pieces("Die Nationalversammlung", "de"))


def test_urls_and_mail_addresses_break_before_their_separators_and_are_never_hyphenated():
    found = [
        p for p in pieces("Write to tenants@calder-road.org.uk or see www.calderroadtenants.org.uk/meetings.", "en")
    ]
    urls = [p for p in found if p.kind == "url"]
    assert [u.text for u in urls] == ["tenants@calder-road.org.uk", "www.calderroadtenants.org.uk/meetings"]
    assert all(SHY not in u.text for u in urls)
    # a line never ends in the address's own hyphen or full stop, which a reader would take for the line's
    assert urls[1].parts == ("www", ".calderroadtenants", ".org", ".uk", "/meetings")
    assert urls[0].parts == ("tenants", "@calder", "-road", ".org", ".uk")
    (url,) = [p for p in pieces("See https://example.org/a_b?x=1&y=2 now.", "en") if p.kind == "url"]
    assert url.parts == ("https://", "example", ".org", "/a", "_b", "?x", "=", "1", "&", "y", "=", "2")


def test_a_text_box_is_given_kept_pieces_held_on_one_line_and_wraps_them_whole():
    text = "The Left Opposition fought it, 1923–1940, from 20 August 1923 on"
    held = text_pieces.held(text)
    assert held == "The Left Opposition fought it, 1923–\u20601940, from 20\u00a0August 1923 on"
    assert text_pieces.held(held) == held
    face = measure.Face("Arial")
    for width in range(120, 400, 10):  # at every width the deck measures, the range and the date stay whole
        lines = measure.lines(text, face, 20, width)
        assert [line for line in lines if line.endswith(("–", "20"))] == [], width


def test_german_compounds_break_at_their_joints_and_never_leave_a_piece_without_a_vowel():
    assert 10 in hyphenation.points("Reichstagsabgeordneter", "de")  # Reichstags|abgeordneter
    assert hyphenation.hyphenated("Hafenarbeiterstreik", "de", "|") == "Ha|fen|arbei|ter|streik"
    assert hyphenation.hyphenated("Deutschland", "de", "|") == "Deutsch|land"
    assert hyphenation.hyphenated("Fortschritt", "de", "|") == "Fort|schritt"
    assert hyphenation.hyphenated("Schauerleute", "de", "|") == "Schauer|leu|te"
    # no syllable break right beside a joint: the joint is the better break
    for word in ("Reichstagsabgeordneter", "Nationalversammlungswahlen", "Streikversammlung"):
        at, joints = hyphenation.points(word, "de"), hyphenation.joints(word, "de")
        assert all(p in joints or all(abs(p - j) >= 3 for j in joints) for p in at)


def test_a_participle_is_no_compound_of_a_word_and_an_ending():
    """The participle "Streikenden", read as Streik|enden broke "Streik-enden" (the list knows "Ende"): a joint the syllable
    patterns do not break at is a suffix; a true joint before a vowel stays ("Wochen|ende", "Hafen|arbeiter")."""
    assert hyphenation.hyphenated("Streikenden", "de", "|") == "Strei|ken|den"
    assert hyphenation.hyphenated("Arbeitenden", "de", "|") == "Ar|bei|ten|den"
    assert hyphenation.joints("Wochenende", "de") == (6,) and hyphenation.joints("Hafenarbeiter", "de") == (5,)


def test_a_place_a_registers_phrase_names_is_kept_whole_in_its_forms():
    """The people register's "позже работал в Заблудове": the place stays whole, there and as "Заблудов"
    in the text; a sentence's first word and a German noun are no names."""
    assert text_pieces._named("Позже работал в Заблудове. Умер во Львове; «Апостол» вышел") == {"Заблудове", "Львове"}
    names = frozenset({"Заблудове", "Фёдоров"})
    for word in ("Заблудове", "Заблудов", "Фёдорова"):
        assert SHY not in "".join(p.text for p in pieces(f"уехал в {word} и", "ru", names))
    assert SHY in "".join(p.text for p in pieces("уехал в Заблудове", "ru"))  # the patterns would break it


def test_a_language_without_patterns_is_not_hyphenated():
    assert not hyphenation.available("ar")
    assert SHY not in "".join(p.text for p in pieces("الثورة الدائمة والبيروقراطية", "ar"))


def test_the_language_of_an_original_follows_its_script():
    assert cldr.language_of("Лев Троцкий", "en") == "ru"
    assert cldr.language_of("Лев Троцкий", "uk") == "uk"  # a Cyrillic publication keeps its own tag
    assert cldr.language_of("Ἀθῆναι", "en") == "el"
    assert cldr.language_of("Trotzki", "de") == "de"


def test_the_space_before_an_inline_element_moves_inside_it_for_weasyprint():
    from pamphleteer.render.typeset import spaced
    from pamphleteer.text import inline

    spans = spaced(inline.parse("Ihre Arbeit war [unständig](term:u): *sehr hart* und *so*", "de"))
    assert [(s.kind, inline.plain((s,))) for s in spans] == [
        ("text", "Ihre Arbeit war"),
        ("ref", " unständig"),
        ("text", ":"),
        ("em", " sehr hart"),
        ("text", " und"),
        ("em", " so"),
    ]
    assert inline.plain(spans) == inline.plain(
        inline.parse("Ihre Arbeit war [unständig](term:u): *sehr hart* und *so*")
    )


def _new_process() -> None:
    """What a new process starts without: the patterns, the points worked out, the shelves' memory."""
    from pamphleteer.infra import kept

    hyphenation.points.cache_clear()
    pieces.cache_clear()
    getattr(hyphenation._levels, "cache_clear", lambda: None)()  # unless counted by the test
    kept._TABLES.clear()
    kept._memory.clear()


def test_the_points_of_words_are_kept_between_builds_and_the_patterns_read_only_for_a_new_word(tmp_path, monkeypatch):
    from pamphleteer.infra import kept

    words = ["hyphenation", "Reichstagsabgeordneter", "typographical"]
    _new_process()
    with kept.computing(tmp_path):
        first = [hyphenation.points(w, "en-GB") for w in words[::2]] + [hyphenation.points(words[1], "de")]
    assert all(first)
    _new_process()
    read = []
    levels = hyphenation._levels.__wrapped__
    monkeypatch.setattr(hyphenation, "_levels", lambda language: read.append(language) or levels(language))
    with kept.computing(tmp_path):
        again = [hyphenation.points(w, "en-GB") for w in words[::2]] + [hyphenation.points(words[1], "de")]
        assert again == first and read == []  # from the kept table, the patterns unread
        assert hyphenation.points("institutionalised", "en-GB") and set(read) == {"en-GB"}  # a new word
        said = pieces("Typographical hyphenation", "en-GB")
    _new_process()
    cut, cutting = [], text_pieces._cut
    monkeypatch.setattr(text_pieces, "_cut", lambda *args: cut.append(args) or ())
    with kept.computing(tmp_path):
        assert pieces("Typographical hyphenation", "en-GB") == said and cut == []  # the text's pieces, kept
        assert pieces("Typographical hyphenation", "de") == () and len(cut) == 1  # in another language, not
    monkeypatch.setattr(text_pieces, "_cut", cutting)
    for fresh, digest in ((True, None), (False, "another dictionary file")):  # --force; an edited dictionary
        _new_process()
        if digest:
            monkeypatch.setattr(hyphenation, "_digest", lambda language, said=digest: said)
        read.clear()
        with kept.computing(tmp_path, fresh=fresh):
            assert hyphenation.points("hyphenation", "en-GB") == first[0] and set(read) == {"en-GB"}
    _new_process()


def test_the_month_names_are_kept_between_builds_and_read_from_babel_once(tmp_path, monkeypatch):
    from pamphleteer.infra import kept

    said = "met on 20 августа 1940, and 12 août"
    months, reading = [], text_pieces._months
    monkeypatch.setattr(text_pieces, "_months", lambda: months.append(1) or reading())
    for edit in ("", " Edited."):  # the first build reads Babel; a new process's next build, of an edited
        _new_process()  # paragraph, finds them kept
        text_pieces._keep.cache_clear()
        text_pieces._finder.cache_clear()
        with kept.computing(tmp_path):
            found = {p.text: p.kind for p in pieces(said + edit, "en") if p.kind}
        assert found == {"20 августа": "keep", "12 août": "keep"} and len(months) == 1
    monkeypatch.setattr(text_pieces, "_months", reading)
    _new_process()
    text_pieces._keep.cache_clear()
    text_pieces._finder.cache_clear()


def test_a_screen_is_offered_the_print_breaks_of_long_words_away_from_their_ends():
    text = "the revolutionary bureaucracy of a nation appeared, recovered and declared"
    printed = "".join(p.text for p in pieces(text, "en"))
    shown = "".join(p.text for p in pieces(text, "en", screen=True))
    assert f"re{SHY}volu{SHY}tion{SHY}ary" in printed and f"rev{SHY}o" not in shown
    assert f"volu{SHY}tionary" in shown  # four letters at least on each side, in a word of seven or more
    assert f"bureau{SHY}cracy" in shown and f"bur{SHY}" not in shown
    assert f"ap{SHY}peared" in printed and "appeared" in shown.split(", ")[0].split()  # two letters before: print only
    for word in shown.replace(",", "").split():
        whole = word.replace(SHY, "")
        assert set(hyphenation.screen_points(whole, "en")) <= set(hyphenation.points(whole, "en"))
        if SHY in word:
            parts = word.split(SHY)
            assert len(whole) >= 7 and len(parts[0]) >= 4 and len(parts[-1]) >= 4


def test_a_points_last_two_words_are_tied_and_a_short_one_is_left_as_it_is():
    assert text_pieces.tied("A gradual process, shaped by events at home and abroad").endswith("and\u00a0abroad")
    assert (
        text_pieces.tied("Alma-Ata: no sanitation,\nleprosy and malaria")
        == "Alma-Ata: no sanitation,\nleprosy and\u00a0malaria"
    )
    assert text_pieces.tied("Three words here") == "Three words here"  # a line of its own anyway
    assert text_pieces.tied("无空格") == "无空格"  # no space: nothing to tie


def test_a_word_made_from_a_name_breaks_after_the_name_never_inside_it():
    names = frozenset({"Trotsky", "Stalin", "Lenin"})
    said = "".join(p.text for p in pieces("Trotskyists, Stalinism, Leningrad", "en", names))
    words = said.replace(",", "").split()
    assert words[0] == f"Trotsky{SOFT_HYPHEN}ists"  # the name's own points (Trot-sky) dropped
    assert words[1] == f"Stalin{SOFT_HYPHEN}ism"
    assert words[2] == f"Lenin{SOFT_HYPHEN}grad"
    assert f"Trot{SOFT_HYPHEN}sky" in "".join(p.text for p in pieces("Trotskyists", "en", frozenset()))


def _as_pyphen(pattern: str) -> tuple[str, tuple[int, ...]]:
    pairs = [(string, int(i or "0")) for i, string in pyphen.parse(pattern)]
    return "".join(string for string, _ in pairs), tuple(value for _, value in pairs)


@pytest.mark.parametrize("language", ["en-GB", "de", "af", "id", "fr", "ru"])
def test_a_dictionarys_patterns_are_read_as_pyphen_reads_them(language, monkeypatch):
    """Each level's patterns and words as they are with pyphen's own ``parse`` (German, Afrikaans and
    Indonesian have patterns with two digits running)."""
    read = hyphenation._levels.__wrapped__(language)
    monkeypatch.setattr(hyphenation, "_parsed", _as_pyphen)
    for ours, theirs in zip(read, hyphenation._levels.__wrapped__(language), strict=True):
        assert (ours is None) == (theirs is None)
        if ours is not None:
            assert (ours.patterns, ours.words, ours.maxlen) == (theirs.patterns, theirs.words, theirs.maxlen)
