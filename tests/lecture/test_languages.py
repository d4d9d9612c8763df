"""A deck's text in other languages and its addresses: a right-to-left point in a left-to-right deck,
a web address in a table cell (built from a copy of the small publication, read back with python-pptx)."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn

from tests.conftest import replace_in

URL = "https://www.example.org/archives/collections/high-wheelers-and-ordinaries/catalogue-of-the-makers-of-birmingham-and-coventry"


def test_a_hebrew_point_is_set_right_to_left_and_a_url_in_a_cell_wraps(small, run, tmp_path):
    chapters = small / "chapters"
    replace_in(chapters / "draisine.yaml", "A craze for a summer]", "A craze for a summer, מכונת ריצה]")
    replace_in(
        chapters / "high-wheeler.yaml", "columns: [Machine, Year, Pedals]", "columns: [Machine, Year, Pedals, Read]"
    )
    replace_in(chapters / "high-wheeler.yaml", '[Draisine, "1817", "No"]', f'[Draisine, "1817", "No", "{URL}"]')
    replace_in(chapters / "high-wheeler.yaml", '[High-wheeler, "1869", "Yes"]', '[High-wheeler, "1869", "Yes", "-"]')
    code, _, err = run("--content", small, "--output", tmp_path / "out", "deck")
    assert code == 0, err  # the table is not refused: its URL breaks before / . -
    deck = Presentation(str(tmp_path / "out" / "lecture.pptx"))
    paragraphs = [p for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    hebrew = [p for p in paragraphs if "מכונת" in p.text]
    english = [p for p in paragraphs if p.text == "Pushed along by the feet"]
    assert hebrew and english
    p_pr = hebrew[0]._p.find(qn("a:pPr"))
    assert (p_pr.get("rtl"), p_pr.get("algn")) == ("1", "r")
    assert hebrew[0].runs[0]._r.find(qn("a:rPr")).get("lang") == "he"
    assert english[0]._p.find(qn("a:pPr")) is None or english[0]._p.find(qn("a:pPr")).get("rtl") != "1"
    cells = [c.text for s in deck.slides for sh in s.shapes if sh.has_table for r in sh.table.rows for c in r.cells]
    url = next(c for c in cells if "example" in c)
    assert url.replace("\u200b", "") == URL  # the address is whole, with break opportunities only
    assert url.split("\u200b")[:3] == ["https://", "www", ".example"]
