"""The fourth hostile wave (issue 34): impossible dates in any date field, files named as Windows cannot
hold them or differing from their id by case, ids too long or colliding, YAML streams and alias bombs,
YAML 1.1's yes/no and numbers where text goes, pictures with huge metadata. Each ends in one located
error naming its file, line and column, or in a publication that checks clean; never an internal error.
Validation only: what the command line does with odd folders is in tests/test_cli_options.py."""

from __future__ import annotations

import io
import shutil
import zlib

import pytest
from PIL import Image

from tests.conftest import PUBLICATIONS, assert_one_located_error, replace_in
from tests.content.test_hostile_third import _chunk, picture

sub = replace_in


def P(pub):
    return pub / "publication.yaml"


def S(pub):
    return pub / "chapters" / "safety.yaml"


def PE(pub):
    return pub / "people.yaml"


CASES = {
    "an impossible birth date": (
        lambda p: sub(PE(p), "born: 1785", "born: 1870-02-30"),
        "people.yaml:7:11: people[0].born: '1870-02-30' is not a real date (day is out of range for month)",
    ),
}


def test_an_impossible_meeting_date_names_its_field(run, tmp_path):
    """YAML leaves 2026-02-30 as text: the notice's own check names the field, as for every date."""
    pub = tmp_path / "trifold"
    shutil.copytree(PUBLICATIONS / "trifold", pub)
    sub(P(pub), "  date: 2026-03-12", "  date: 2026-02-30")
    assert_one_located_error(
        run, pub, "publication.yaml:19:9: notice.date: '2026-02-30' is not a real date (day is out of range for month)"
    )


def _text_chunk(kind: bytes, body: bytes):
    """A small picture carrying one text chunk (metadata) before its pixels."""

    def make(path):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
        data = buffer.getvalue()
        at = data.find(b"IDAT") - 4
        path.write_bytes(data[:at] + _chunk(kind, body) + data[at:])

    return make


HUGE = zlib.compress(b"x" * 2_000_000)
CASES |= {
    "a PNG whose compressed comment expands past a reader's limit": (
        lambda p: picture(p, "meta.png", _text_chunk(b"zTXt", b"Comment\0\0" + HUGE)),
        "chapters/safety.yaml:4:19: blocks[0].image.file: image 'images/meta.png' holds a compressed text chunk "
        f"('Comment', {len(HUGE) + 9:,} bytes: metadata) that expands past 1,048,576 bytes, more than a PNG reader "
        "takes; save the picture again without its metadata",
    ),
    "a PNG whose international comment expands past a reader's limit": (
        lambda p: picture(p, "meta.png", _text_chunk(b"iTXt", b"Description\0\1\0en\0\0" + HUGE)),
        "chapters/safety.yaml:4:19: blocks[0].image.file: image 'images/meta.png' holds a compressed text chunk "
        f"('Description', {len(HUGE) + 18:,} bytes: metadata) that expands past 1,048,576 bytes, more than a PNG "
        "reader takes; save the picture again without its metadata",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_hostile_file_is_one_located_error(case, small, run):
    mutate, expected = CASES[case]
    mutate(small)
    assert_one_located_error(run, small, expected)
