"""lecture/pacing.py: points read at a glance, a slide's notes spoken while a hall looks at it (issue 30)."""

from __future__ import annotations

from pamphleteer.errors import display_path

POINTS = "    points: [Built in 1817 by Karl Drais, Pushed along by the feet, A craze for a summer]"


def _check(small, run, old: str, new: str) -> tuple[int, list[str], str, int]:
    chapter = small / "chapters" / "draisine.yaml"
    text = chapter.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    chapter.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, _, err = run("check", "--content", small)
    return code, err.splitlines(), display_path(chapter), line


def test_a_point_of_99_words_is_told_to_go_into_the_notes(small, run):
    long = " ".join(["word"] * 99)
    code, err, where, line = _check(small, run, POINTS, f"    points: [{long}, Pushed along by the feet]")
    assert code == 0  # the slide still fits: an editor's remark
    assert err == [
        f"warning: {where}:{line}:14: slides[0].points[0]: a point of 99 words; a hall reads a point at a glance: "
        "keep it to 20 words or fewer and say the rest in the notes"
    ]


def test_notes_too_long_for_one_slide_are_told_to_split_it(small, run):
    notes = " ".join(["spoken"] * 300)
    old = "    notes: >-\n      Start with the running machine."
    code, err, where, line = _check(small, run, old, f"    notes: >-\n      {notes} Start with the running machine.")
    assert code == 0
    assert err == [
        f"warning: {where}:{line}:12: slides[0].notes: the notes take 2:43 at 130 words a minute; a hall looks at "
        "one slide for 2 minutes at most: split the slide in two, or cut the notes"
    ]


def test_points_that_take_longer_to_read_than_the_notes_to_say(small, run):
    point = " ".join(["read"] * 18)
    notes = (
        "    notes: >-\n"
        "      Start with the running machine. Drais built it in 1817, after a year of failed harvests\n"
        "      made horses costly to feed. The rider sat astride and pushed with the feet, and on a good\n"
        "      road it was faster than walking. For one summer it was a craze in the towns of Baden.\n"
    )
    new = f"    points: [{point}, {point}, {point}, {point}]\n    notes: Start with the running machine.\n"
    code, err, where, line = _check(small, run, POINTS + "\n" + notes, new)
    assert code == 0  # 72 words to read at 180 a minute, 5 to say: the slide stays up the least, 15 seconds
    assert err == [
        f"warning: {where}:{line}:13: slides[0].points: the points take about 0:24 to read, and the notes keep the "
        "slide up for 0:15: cut the points, or say more about them"
    ]
