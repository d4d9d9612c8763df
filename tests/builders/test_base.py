"""The Builder contract: files of an output, reading one back, the model parts fingerprinted."""

from __future__ import annotations

from pamphleteer import content
from pamphleteer.builders import base
from tests.conftest import SMALL

from .chapter_list import ChapterList, ChapterPages


def test_a_file_output_and_a_folder_output_name_their_files(tmp_path):
    assert ChapterList().files(b"x") == {"chapters.txt": b"x"}
    assert ChapterPages().files({"b.txt": b"2", "a.txt": b"1"}) == {"pages/a.txt": b"1", "pages/b.txt": b"2"}
    assert ChapterList().read_back(tmp_path) is None and ChapterPages().read_back(tmp_path) is None
    (tmp_path / "pages" / "sub").mkdir(parents=True)
    (tmp_path / "pages" / "sub" / "c.txt").write_bytes(b"3")
    assert ChapterPages().read_back(tmp_path) == {"sub/c.txt": b"3"}


def test_the_pamphlet_reads_text_and_the_lecture_reads_slides():
    book = content.load(SMALL)
    text = base.book_parts(book, text=True, lecture=False)
    talk = base.book_parts(book, text=False, lecture=True)
    assert "blocks" in text["chapters"][0] and "slides" not in text["chapters"][0]
    assert "slides" in talk["chapters"][0] and "blocks" not in talk["chapters"][0]
    assert "lecture" not in text["publication"] and "lecture" in talk["publication"]
    assert set(text["registers"]) == {"people", "events", "series", "terms", "sources"}
