"""text/invisible.py: the table of characters that show nothing is Unicode's, as this Python has it."""

from __future__ import annotations

import re
import unicodedata

import pytest

from pamphleteer.text import invisible


def _shows_nothing(code: int) -> bool:
    category = unicodedata.category(chr(code))
    return category[0] in "MZ" or category in ("Cf", "Cc") or code in invisible.HANGUL_FILLERS


def test_the_table_is_every_mark_space_format_and_control_character():
    if unicodedata.unidata_version != invisible.UNICODE:
        pytest.skip(f"the table is Unicode {invisible.UNICODE}'s; this Python has {unicodedata.unidata_version}")
    table = {code for first, last in invisible.ranges() for code in range(first, last + 1)}
    assigned = [*range(0x40000), *range(0xE0000, 0xE1000)]  # planes 4 to 13 and 15 to 16 are empty or private
    made = {code for code in assigned if _shows_nothing(code)}
    assert table - made == {0x2065}  # unassigned, amid the invisible operators
    assert made <= table


def test_the_pattern_finds_a_character_that_shows():
    visible = re.compile(invisible.VISIBLE)
    assert [bool(visible.search(t)) for t in ["\u0301", "\U000e0101\u200b", "\u3164 \u00a0", "\t\n"]] == [False] * 4
    assert [bool(visible.search(t)) for t in ["e\u0301", "\U0001f6b2", "\ue000", "\u0915\u093f", "."]] == [True] * 5
