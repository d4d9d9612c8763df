"""Issue 31's deck: a word budget, notes said once, a long table's key rows, pictures large, the address as a QR code."""

from __future__ import annotations

import re

from pptx import Presentation
from pptx.util import Emu

from pamphleteer import content, lecture
from pamphleteer.errors import display_path
from pamphleteer.lecture import deck_shapes, drawing, fitting, kinds, order
from tests.conftest import FLYER, PUBLICATIONS


def _boxes():
    prs, layouts = drawing.open_master()
    return drawing.boxes(prs, layouts)


def test_balanced_runs_keep_the_heaviest_light():
    assert fitting.balanced([10] * 8, 3) == [(0, 2), (2, 5), (5, 8)]
    assert fitting.balanced([30, 5, 5, 30], 2) == [(0, 2), (2, 4)]
    assert fitting.balanced([5], 3) == [(0, 1)]  # never an empty run


def test_notes_are_divided_not_repeated():
    notes = "One two three. Four five six. Seven eight. Nine ten eleven twelve."
    said = kinds.divided(notes, [10, 10, 10])
    assert said == ["One two three.", "Four five six. Seven eight.", "Nine ten eleven twelve."]
    assert kinds.divided("Only one sentence here, said once.", [1, 1]) == ["Only one sentence", "here, said once."]
    assert kinds.divided(notes, [1]) == [notes]


def _with(small, chapter: str, old: str, new: str):
    path = small / "chapters" / chapter
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, text.replace(old, new)


def test_eight_points_share_their_words_and_notes_over_slides_within_the_budget(small):
    points = [f"Point {n} has a handful of plain words in it" for n in range(1, 9)]  # 9 words each, 72 in all
    _with(
        small,
        "draisine.yaml",
        "points: [Built in 1817 by Karl Drais, Pushed along by the feet, A craze for a summer]",
        "points: [" + ", ".join(points) + "]",
    )
    book = content.load(small)
    specs = [s for s in lecture.plan(book, {}, _boxes()) if s.title.paragraphs[0].startswith("A machine without")]
    shown = [list(s.texts[1].paragraphs) for s in specs]
    assert [p for run in shown for p in run] == points and len(shown) == 2
    assert all(sum(len(p.split()) for p in run) <= kinds.WORD_BUDGET for run in shown)
    assert [len(run) for run in shown] == [4, 4]  # evenly
    notes = book.chapters[0].chapter.slides[0].notes
    assert " ".join(s.notes for s in specs) == " ".join(notes.split())  # each sentence once
    assert all(s.notes for s in specs)


def test_a_slide_over_the_word_budget_is_told_at_its_line(small):
    quote = "I rode " + "and rode " * 25 + "back home."
    path, text = _with(
        small,
        "draisine.yaml",
        "quote: {text: I rode from Mannheim to the relay house and back in a little over an hour.,",
        f"quote: {{text: {quote},",
    )
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("quote: {text: I rode and"))
    warnings = lecture.fit(content.load(small), _boxes()).warnings
    assert [str(w) for w in warnings] == [
        f"{display_path(path)}:{line}:19: slides[1].quote.text: 54 words on one slide (about 40 read while "
        "listening); shorten the quotation"
    ]


def test_a_long_table_shows_its_key_rows_and_says_where_the_rest_is(small):
    rows = ", ".join(f'[Machine {n}, "18{n:02}", "No"]' for n in range(1, 13))
    _with(
        small, "high-wheeler.yaml", 'rows: [[Draisine, "1817", "No"], [High-wheeler, "1869", "Yes"]]', f"rows: [{rows}]"
    )
    book = content.load(small)
    first = [s for s in lecture.plan(book, {}, _boxes()) if s.table is not None]
    assert len(first) == 1 and [r[0] for r in first[0].table.rows] == [f"Machine {n}" for n in range(1, 8)]
    assert first[0].texts[14].paragraphs == ("7 of 12 rows; the full table is in the printed text",)
    _with(small, "high-wheeler.yaml", "    table: machines\n", "    table: machines\n    rows: [2, 11]\n")
    chosen = [s for s in lecture.plan(content.load(small), {}, _boxes()) if s.table is not None]
    assert [r[0] for r in chosen[0].table.rows] == ["Machine 2", "Machine 11"]
    assert chosen[0].texts[14].paragraphs == ("2 of 12 rows; the full table is in the printed text",)
    assert chosen[0].frames[10].y + chosen[0].frames[10].h <= _boxes()["table"][14].y  # the table above its caption


def test_a_picture_fills_its_slide_above_its_caption_and_credit(build_of):
    prs = Presentation(str(build_of(PUBLICATIONS / "matchwomen") / "lecture.pptx"))
    slide = next(s for s in prs.slides if s.slide_layout.name == "picture")
    picture = next(sh for sh in slide.shapes if sh.shape_type == 13)  # a picture
    under = next(sh for sh in slide.placeholders if sh.placeholder_format.idx == 14)
    assert under.text_frame.text == (
        "A box of matches. Each one passed through many hands at Bow, most of them women’s.\n"
        "Drawing made for this pamphlet, CC BY 4.0."
    )
    area = _boxes()["picture"][10]
    assert picture.top + picture.height <= under.top
    # as large as the room allows: the full width or the full height between title and caption
    room_h = under.top - Emu(round(area.y * deck_shapes.EMU_PER_PT))
    wide = picture.width >= Emu(round(area.w * deck_shapes.EMU_PER_PT)) * 0.98
    assert wide or picture.height >= room_h * 0.95


def test_the_closing_slide_carries_the_address_and_its_qr_code(build_of):
    prs = Presentation(str(build_of(PUBLICATIONS / "de") / "lecture.pptx"))
    closing = prs.slides[-1]
    codes = [sh for sh in closing.shapes if sh.shape_type == 13]
    assert len(codes) == 1 and codes[0].width == codes[0].height
    assert codes[0]._element.find(".//{*}cNvPr").get("descr") == "https://example.org/hafenstreik/"
    text = "\n".join(sh.text_frame.text for sh in closing.placeholders if sh.has_text_frame)
    assert "example.org/hafenstreik" in text
    right = min(sh.left for sh in codes)
    assert all(sh.left + sh.width <= right for sh in closing.placeholders if sh.placeholder_format.idx in (1, 2))
    # the reading list's first closing slide (of two: main's fit) has no code, and its list keeps the layout's width
    first = prs.slides[-2]
    assert first.slide_layout.name == "closing" and not [sh for sh in first.shapes if sh.shape_type == 13]
    listed = next(sh for sh in first.placeholders if sh.placeholder_format.idx == 1)
    assert listed.width == next(sh for sh in first.slide_layout.placeholders if sh.placeholder_format.idx == 1).width


def test_a_part_divider_shows_where_the_talk_is(build_of):
    prs = Presentation(str(build_of(PUBLICATIONS / "de") / "lecture.pptx"))
    dividers = [s for s in prs.slides if s.slide_layout.name == "part"]
    assert [s.shapes.title.text for s in dividers] == ["Hafen und Streik", "Folgen für Gewerkschaften und Reich"]
    for n, slide in enumerate(dividers):
        agenda = next(sh for sh in slide.placeholders if sh.placeholder_format.idx == 2).text_frame.paragraphs
        assert [p.level for p in agenda] == [1 if k == n else 0 for k in range(2)]
    assert not [s for s in prs.slides if s.slide_layout.name == "section"]
    footer = dividers[1].placeholders[11].text_frame
    assert re.fullmatch(r"Broschüre, S\. \d+–\d+", footer.text)
    # unlinked on red: LibreOffice draws a link in its own blue, whatever colour the run asks for
    assert footer.paragraphs[0].runs[0].hyperlink.address is None
    assert prs.slides[3].placeholders[11].text_frame.paragraphs[0].runs[0].hyperlink.address
    assert order.AGENDA_SHOWN >= 6  # the shipped talk's six parts in view on every divider


def test_a_short_forms_deck_has_no_openers_and_names_its_form(build_of):
    prs = Presentation(str(build_of(FLYER) / "lecture.pptx"))
    assert [s.slide_layout.name for s in prs.slides] == ["title", "points", "closing"]
    credit = next(sh for sh in prs.slides[-1].placeholders if sh.placeholder_format.idx == 2).text_frame.text
    assert credit == "The flyer: Repair Café (Test Press, 2025)\nexample.org/repair"


def test_a_closing_slide_with_no_reading_to_list_is_titled_for_questions(build_of):
    """The flyer names no reading and no contact: its closing slide lists nothing, so it is "Questions", not a
    "Further reading" heading over an empty slide; a deck with a reading list keeps "Further reading" (test_fit)."""
    closing = Presentation(str(build_of(FLYER) / "lecture.pptx")).slides[-1]
    listed = "".join(sh.text_frame.text for sh in closing.placeholders if sh.placeholder_format.idx == 1)
    assert (closing.shapes.title.text_frame.text, listed) == ("Questions", "")


def test_a_handout_frame_is_read_at_leisure_not_held_to_the_word_budget(small):
    points = ", ".join(
        f"Key point {n} says in fifteen plain words what the reader should keep from here" for n in "ABC"
    )
    _with(small, "draisine.yaml", "key_points: [The first two-wheeler had no pedals.]", f"key_points: [{points}]")
    first = lecture.recap(content.load(small), {}, _boxes())[0]
    assert len(first.frames) == 1 and len(first.frames[0].texts[1].paragraphs) == 3


def test_a_handout_frame_carried_over_shares_its_points_evenly(small):
    # one part holding three chapters' key points, more than one frame holds: the frames share them, not a
    # full frame and a last point alone
    said = [
        [
            f"Key point {c}{n} is a longer line about the bicycle that the frame sets on two lines or more"
            for n in range(1, 4)
        ]
        for c in "ABC"
    ]
    for chapter, points in zip(["draisine", "high-wheeler", "safety"], said, strict=True):
        path = small / "chapters" / f"{chapter}.yaml"
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if "key_points" not in line)
        path.write_text(text + f"\nkey_points: [{', '.join(points)}]\n", encoding="utf-8")
    _with(
        small,
        "../publication.yaml",
        "  closing: Questions",
        "  closing: Questions\n  parts: [{title: All, chapters: [draisine, high-wheeler, safety]}]",
    )
    points = [p for run in said for p in run]
    frames = lecture.recap(content.load(small), {}, _boxes())[0].frames
    shown = [[p.replace("\n", " ") for p in frame.texts[1].paragraphs] for frame in frames]  # balanced lines
    assert [p for run in shown for p in run] == points and len(shown) >= 2
    assert max(map(len, shown)) - min(map(len, shown)) <= 1, shown
