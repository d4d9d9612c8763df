"""The peer: a publication exported to Pandoc Markdown reads back, in Pandoc, as the same book."""

from __future__ import annotations

import json

import pytest
from pptx import Presentation

from pamphleteer import content
from pamphleteer.bench import peer
from pamphleteer.content import ChapterDoc, model
from tests.conftest import SMALL


def _pandoc():
    return pytest.importorskip("pypandoc", reason="the peer needs pypandoc (pip install pypandoc-binary)")


def _blocks(ast: dict, kind: str, level: int | None = None) -> list:
    """Every AST element of type ``kind`` (a header of ``level``), inlines and nested blocks too."""
    found, todo = [], [ast["blocks"]]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            if node.get("t") == kind and (level is None or node["c"][0] == level):
                found.append(node)
            todo.append(node.get("c"))
        elif isinstance(node, list):
            todo += node
    return found


def test_the_small_publication_exports_to_markdown_pandoc_reads_as_the_same_book(tmp_path):
    pypandoc = _pandoc()
    book = content.load(SMALL)
    ast = json.loads(pypandoc.convert_text(peer.book_markdown(book), "json", format="markdown"))
    headings = [pypandoc.convert_text(json.dumps({**ast, "blocks": [h]}), "plain", format="json").strip()
                for h in ast["blocks"] if h["t"] == "Header" and h["c"][0] == 1]  # fmt: skip
    assert headings == [
        "Chapter 1: The running machine",
        "Chapter 2: The high-wheeler",
        "Chapter 3: The safety bicycle",
        "Who’s who",
        "Timeline",
        "Glossary",
        "Sources and further reading",
    ]
    assert len(_blocks(ast, "Note")) == 1  # the draisine's footnote
    assert len(_blocks(ast, "Table")) == 2  # the machines table and the wheel-size chart's numbers
    assert len(_blocks(ast, "DefinitionList")) == 4  # one per register
    assert ast["meta"]["title"]["c"][0]["c"] == "Two"

    slides = peer.slides_markdown(book)
    ast = json.loads(pypandoc.convert_text(slides, "json", format="markdown"))
    assert len(_blocks(ast, "Header", 2)) == 5  # every slide of every chapter
    assert len([d for d in _blocks(ast, "Div") if "notes" in d["c"][0][1]]) == 5
    deck = tmp_path / "peer.pptx"
    pypandoc.convert_text(slides, "pptx", format="markdown", outputfile=str(deck), extra_args=["--slide-level=2"])
    shown = Presentation(str(deck)).slides
    assert len(shown) == 1 + 3 + 5  # a title slide, a section slide per part (a chapter each), the slides
    assert shown[1].shapes.title.text == "The running machine"
    assert shown[2].notes_slide.notes_text_frame.text.startswith("Start with the running machine.")


def test_a_chapter_exports_to_exact_pandoc_markdown():
    book = content.load(SMALL)
    chapter = model.Chapter.model_validate(
        {
            "title": "Roads",
            "blocks": [
                {"p": "[Drais](person:drais) rode\n  on *roads*.^[Some were [paved](https://example.org/a|b).]"},
                {"list": ["Gravel", "Cobbles, see [the draisine](chapter:draisine)"]},
                {"table": {"caption": "Roads", "columns": ["Kind", "Km"], "rows": [["Gravel | dirt", "40"]]}},
            ],
        }
    )
    doc = ChapterDoc("roads", 4, chapter, book.chapters[0].located, "en")
    assert peer.chapter_markdown(book, doc) == (
        "# Chapter 4: Roads\n\n"
        "Drais rode on *roads*.^[Some were [paved](https://example.org/a|b).]\n\n"
        "- Gravel\n"
        "- Cobbles, see the draisine\n\n"
        "| Kind | Km |\n"
        "|---|---|\n"
        "| Gravel \\| dirt | 40 |\n\n"
        "Table: Roads\n"
    )
