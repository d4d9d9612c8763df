"""WeasyPrint's HTML parser finding the patterns it compiled (render/weasy/parsing.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import tinyhtml5
from tinyhtml5 import inputstream

from pamphleteer.render import typeset  # noqa: F401  (installs the hook, as every build does)
from pamphleteer.render.weasy import parsing

HTML = (
    '<!DOCTYPE html><html lang="en"><head><title>A &amp; B</title></head><body>'
    + "<p class=\"lead\" data-x='1'>Text &shy;and <em>more</em> &#x2014; “quoted”<br>line</p>" * 40
    + "<table><tr><td>1<td>2</table><svg><rect width='3'/></svg></body></html>"
)


def test_each_pattern_is_found_under_the_characters_it_is_asked_with(monkeypatch):
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    compiled: list[str] = []
    real = parsing.re.compile

    def counting(pattern: str, *args: object) -> object:
        compiled.append(pattern)
        return real(pattern, *args)

    monkeypatch.setattr(parsing.re, "compile", counting)
    tinyhtml5.parse(HTML, namespace_html_elements=False)
    once = len(compiled)
    tinyhtml5.parse(HTML, namespace_html_elements=False)
    assert 0 < once == len(compiled)  # the second document compiles nothing
    assert not any(isinstance(characters, re.Pattern) for characters, _ in inputstream.characters_until_regex)


@pytest.mark.parametrize(
    "html",
    [HTML, "<p>a<p>b<div>c</div>", "<pre>\n  x\t&lt;y&gt;</pre><!-- c --><b a=1 a=2>z"],
    ids=["page", "implied", "raw"],
)
def test_the_trees_are_those_the_parser_builds_without_it(html, monkeypatch):
    ours = ET.tostring(tinyhtml5.parse(html, namespace_html_elements=False))
    monkeypatch.setattr(inputstream.HTMLUnicodeInputStream, "chars_until", parsing._READER.chars_until.__wrapped__)
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    assert ET.tostring(tinyhtml5.parse(html, namespace_html_elements=False)) == ours


def test_a_parser_that_keeps_its_patterns_elsewhere_is_left_as_it_is(monkeypatch):
    def chars_until(self: object, characters: object, opposite: bool = False) -> str:
        return ""

    monkeypatch.setattr(inputstream.HTMLUnicodeInputStream, "chars_until", chars_until)
    monkeypatch.delattr(inputstream, "characters_until_regex")
    parsing.cached_runs()
    assert inputstream.HTMLUnicodeInputStream.chars_until is chars_until
