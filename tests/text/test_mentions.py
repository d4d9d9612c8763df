"""Unlinked mentions of the register's people, found by their name forms (text/mentions.py)."""

from __future__ import annotations

from pamphleteer.content import model
from pamphleteer.text import inline, mentions


def _person(pid: str, name: str, index_as: str | None = None, also: list[str] | None = None) -> model.Person:
    return model.Person(id=pid, name=name, index_as=index_as, also=also, role="someone")


PEOPLE = [
    _person("ebert", "Friedrich Ebert", "Ebert, Friedrich", also=["Fritz Ebert", "Eberts"]),
    _person("karl", "Karl Marx"),
    _person("eleanor", "Eleanor Marx", also=["Tussy"]),
    _person("wilhelm", "Wilhelm II.", "Wilhelm II."),
]


class _Book:
    def __init__(self) -> None:
        self.people = {p.id: p for p in PEOPLE}
        self.language = "de"


def test_forms_are_the_full_name_the_surname_and_the_listed_ones_and_shared_surnames_name_no_one():
    found = mentions.forms(PEOPLE, "de")
    assert found["Friedrich Ebert"] == found["Ebert"] == found["Eberts"] == found["Fritz Ebert"] == "ebert"
    assert found["Karl Marx"] == "karl" and found["Eleanor Marx"] == found["Tussy"] == "eleanor"
    assert "Marx" not in found  # two people's surname
    assert found["Wilhelm II."] == "wilhelm" and "II." not in found  # no surname to take


def test_a_text_is_cut_around_each_mention_longest_form_first_whole_words_only():
    book = _Book()
    spans = inline.parse("Ebert traf *Eleanor Marx*; Eberts Rede, Eberhard nicht. [Marx](person:karl)", "de")
    out = mentions.split(spans, book)
    found = [(s.ref_id, s.children[0].text) for s in out if s.kind == "mention"]
    em = next(s for s in out if s.kind == "em")
    assert found == [("ebert", "Ebert"), ("ebert", "Eberts")]
    assert [(s.kind, s.ref_id) for s in em.children] == [("mention", "eleanor")]
    assert inline.plain(out) == inline.plain(spans)  # the words are the same
    assert next(s for s in out if s.kind == "ref").children == (inline.Span("text", "Marx"),)  # a reference stays one


def test_parsed_texts_and_their_mentions_are_kept_between_builds_under_the_name_forms(tmp_path, monkeypatch):
    # A new process (the caches and shelves' memory cleared) finds a text parsed and split as the
    # last build did, without parsing or splitting; forms changed by the register split it again.
    from pamphleteer.infra import kept

    def new_process() -> None:
        inline.parse.cache_clear()
        kept._TABLES.clear()
        kept._memory.clear()

    text = "Ebert traf *Eleanor Marx*."
    new_process()
    with kept.computing(tmp_path):
        first = mentions.split(inline.parse(text, "de"), _Book())
    new_process()
    book, renamed = _Book(), _Book()
    renamed.people = {**renamed.people, "tussy": _person("tussy", "Tussy Marx")}
    mentions.finder(book), mentions.finder(renamed)  # their forms, read before the parser is taken away
    done: list[str] = []
    monkeypatch.setattr(inline, "_parse", lambda *args: done.append("parsed") or ())
    monkeypatch.setattr(mentions, "_split", lambda *args: done.append("split") or [])
    with kept.computing(tmp_path):
        assert mentions.split(inline.parse(text, "de"), book) == first and done == []
        mentions.split(inline.parse(text, "de"), renamed)
        assert done == ["split"]
    new_process()
