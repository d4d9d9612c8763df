"""Hostile text comes out as text; WeasyPrint reads nothing outside the publication."""

from __future__ import annotations

import pytest
import yaml
from pptx import Presentation
from weasyprint.urls import FatalURLFetchingError

from pamphleteer.errors import display_path
from pamphleteer.render import typeset

from . import pdfinfo

HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    '<img src="file:///etc/passwd">',
    "url(file:///etc/hostname)",
    "} body { display: none }",
]


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _plant(small):
    bits = " ".join(HOSTILE)

    def chapter(data):
        data["blocks"][0]["p"] += " " + bits
        data["key_points"] = [HOSTILE[0] + " " + HOSTILE[1]]

    def people(data):
        data["people"][2]["role"] = HOSTILE[0] + " " + HOSTILE[1]

    def slides(data):
        data["slides"][0]["points"].insert(0, HOSTILE[0] + " " + HOSTILE[1])

    _edit(small / "chapters" / "safety.yaml", chapter)
    _edit(small / "people.yaml", people)
    _edit(small / "chapters" / "draisine.yaml", slides)


def test_hostile_text_is_printed_literally_everywhere(small, small_out, run):
    _plant(small)
    out = small_out
    code, _, err = run("--content", small, "--output", out)
    assert code == 0, err
    pdf = pdfinfo.text(out / "pamphlet.pdf")
    for literal in [
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        "url(file:///etc/hostname)",
        "} body { display: none }",
    ]:
        assert literal in pdf, literal
    assert "49" not in pdf
    handout = pdfinfo.text(out / "handout.pdf")
    assert "<script>alert(1)</script> {{ 7*7 }}" in handout
    deck = Presentation(str(out / "lecture.pptx"))
    points = [p.text for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    assert "<script>alert(1)</script> {{ 7*7 }}" in points


def test_a_link_to_a_local_file_is_refused_where_it_stands(small, run):
    """Not printed as "(file:///etc/passwd)" without a word, nor linked: named at its line and column."""
    chapter = small / "chapters" / "safety.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(
        text.replace(" made the modern bicycle.", " made the [modern](file:///etc/passwd) one.", 1), encoding="utf-8"
    )
    code, _, err = run("check", "--content", small)
    assert code == 1
    assert err.splitlines() == [
        f"{display_path(chapter)}:6:23: blocks[0].p: a link to 'file:///etc/passwd' prints as "
        "'(file:///etc/passwd)': a link goes to a web address (https://, http://, mailto:) or refers with "
        "person:, term:, source:, chapter: or lang:",
        "Aborted with 1 error.",
    ]


def test_fetcher_reads_only_the_publication_and_templates(small, tmp_path):
    fetcher = typeset.GuardedFetcher([small])
    inside = small / "people.yaml"
    assert fetcher.fetch(inside.as_uri()).read() == inside.read_bytes()
    assert typeset.picture_url(inside, [small]) == "content:people.yaml"  # no folder in it: the same anywhere
    assert fetcher.fetch("content:people.yaml").read() == inside.read_bytes()
    assert fetcher.fetch((typeset.templates_dir() / "fonts" / "PTS55F.ttf").as_uri()).read()[:4] == b"\0\1\0\0"
    (small / "escape.png").symlink_to("/etc/hostname")
    for url in [
        "file:///etc/passwd",
        "https://example.com/x.png",
        "http://127.0.0.1/",
        "data:text/plain,hi",
        (small / ".." / "x").as_uri(),
        (small / "escape.png").as_uri(),
        "file://otherhost/etc/passwd",
        "content:../x",
        "content:escape.png",
        "content:/etc/passwd",
        "content:%2Fetc%2Fpasswd",
        "content://otherhost/people.yaml",
        "original:people.yaml",  # no translation, so no original's folder
    ]:
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(url)
