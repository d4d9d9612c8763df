"""Table slides: the key rows chosen first, then columns too many for one slide set over several."""

from __future__ import annotations

import shutil

from pamphleteer import content, lecture
from pamphleteer.errors import display_path
from pamphleteer.lecture import drawing
from tests.conftest import PUBLICATIONS


def _overfull(tmp_path, change):
    """A copy of the overfull publication, its trade chapter changed by ``change``; its problems and table slides."""
    root = tmp_path / "overfull"
    shutil.copytree(PUBLICATIONS / "overfull", root)
    chapter = root / "chapters" / "trade.yaml"
    chapter.write_text(change(chapter.read_text(encoding="utf-8")), encoding="utf-8")
    prs, layouts = drawing.open_master()
    fitted = lecture.fit(content.load(root), drawing.boxes(prs, layouts))
    return (
        chapter,
        fitted,
        [s for s in fitted.slides if s.table is not None and s.title.paragraphs[0].startswith("The society")],
    )


def test_key_rows_of_a_wide_table_are_set_over_its_column_slides_said_once(tmp_path):
    _, fitted, specs = _overfull(
        tmp_path, lambda t: t.replace("    table: trade\n", "    table: trade\n    rows: [2, 4]\n")
    )
    assert not fitted.slide_problems
    assert [s.table.columns[0] for s in specs] == ["Year", "Year"]  # the first column on each
    assert [s.table.columns[-1] for s in specs] == ["Turnover (£)", "Bakehouses"]
    assert all([r[0] for r in s.table.rows] == ["1880", "1900"] for s in specs)  # the key rows on each, only
    assert [s.texts[14].paragraphs for s in specs if 14 in s.texts] == [
        ("2 of 5 rows; the full table is in the printed text",)
    ]
    assert 14 in specs[-1].texts
    notes = " ".join(s.notes for s in specs)
    assert all(s.notes for s in specs) and notes.count("Every column grows") == 1 and notes.count("reading room") == 1
    assert any("set over 2 slides" in p.message for p in fitted.slide_warnings)


def test_a_word_too_wide_in_a_key_row_is_told_at_its_cell_in_the_table(tmp_path):
    wide = "Bakehousesandcoalroundsandreadingroomsandlibrariesandlaundriesandsavingsbanks" * 2

    def change(text):
        text = text.replace('"2s. 6d.", "81", "3"]', f'"2s. 6d.", "81", "{wide}"]')
        return text.replace("    table: trade\n", "    table: trade\n    rows: [4]\n")

    chapter, fitted, _ = _overfull(tmp_path, change)
    told = [str(p) for p in fitted.slide_problems]
    assert len(told) == 1
    assert told[0].startswith(f"{display_path(chapter)}:16:")
    assert f": blocks[1].table.rows[3][7]: '{wide}' is too wide for a slide beside the first column (Year)" in told[0]
