"""Mistakes that would otherwise print without a word, each an error at the file, line and column where it stands.

- a link whose target is neither a reference nor a web address: ``[Annie Besant](besant)`` would
  print "Annie Besant (besant)";
- link markup the parser could not read as a link, which prints as typed:
  ``[Mary Driscoll](person: mary-driscoll)`` (a space inside the parentheses);
- a blank line inside a paragraph (``p:``), which every output joins into one paragraph.

Run by ``references.check`` on every file that loaded, beside the references to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping

from pamphleteer.errors import Problem
from pamphleteer.text import inline

from . import source

KINDS = ", ".join(f"{kind}:" for kind in inline.REF_KINDS) + " or lang:"
_ADDRESS = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$")  # a web address without its https://
# What is left of link markup in the text a reader sees: "](", "] (https:" or a reference's scheme in brackets
# (not "[sic] (1888)", which is text).
_STRAY = re.compile(rf"\]\(|\]\s+\((?:https?|mailto):|\((?:{'|'.join((*inline.REF_KINDS, 'lang'))})\s*:")


def found(
    located: source.Located, strings: list[tuple[tuple, str]], known: Mapping[str, Collection[str] | None]
) -> list[Problem]:
    """The mistakes in ``strings`` (each text of ``located`` with markup in it, by its place); ``known``
    holds the ids of each kind of reference, to suggest the one a target without a scheme meant."""
    problems = []
    for loc, text in strings:
        targets = inline.targets(text)
        for n, target in enumerate(targets):
            if inline.resolves(target):
                continue
            at = located.position_in(loc, f"]({target})", targets[:n].count(target), skip=2)
            problems.append(located.problem(loc, _unknown(target, known), at=at))
        printed = inline.plain(inline.parse(text), notes=True)
        for match in _STRAY.finditer(printed):
            # the word the markup stands in, as the file has it (a needle without spaces is found there)
            start = max(printed.rfind(c, 0, match.start()) for c in " \n") + 1
            end = min([i for c in " \n" if (i := printed.find(c, match.end())) >= 0] or [len(printed)])
            needle = printed[start:end]
            at = located.position_in(loc, needle, printed[:start].count(needle), skip=match.start() - start)
            close = printed.find(")", match.end())
            target = printed[match.end() : close] if match.group() == "](" and close >= 0 else ""
            if target and not any(c.isspace() for c in target):  # a scheme the parser refuses (file:, data:)
                message = _unknown(target, known)
            else:
                message = (
                    f"link markup printed as typed: '{_around(printed, match.start())}'; a link is "
                    "[words](target), with nothing between ] and ( and no space inside the (...)"
                )
            problems.append(located.problem(loc, message, at=at))
    return problems


def _unknown(target: str, known: Mapping[str, Collection[str] | None]) -> str:
    shown = source.excerpt(target)
    meant = [f"{kind}:{target}" for kind, ids in known.items() if kind in inline.REF_KINDS and ids and target in ids]
    hint = f"; did you mean {meant[0]}?" if meant else ""
    if not hint and _ADDRESS.match(target):
        hint = f"; did you mean https://{shown}?"
    return (
        f"a link to '{shown}' prints as '({shown})': a link goes to a web address (https://, http://, mailto:) "
        f"or refers with {KINDS}{hint}"
    )


def _around(text: str, at: int) -> str:
    """The markup around ``at`` as the reader would see it: from its '[' (if near) to its ')'."""
    start = text.rfind("[", max(0, at - 60), at + 1)
    start = start if start >= 0 else at
    end = text.find(")", at)
    end = end + 1 if 0 <= end < at + 80 else min(len(text), at + 40)
    return source.excerpt(text[start:end], 80)


def blank_lines(located: source.Located, paragraphs: Iterator[tuple[tuple, int]]) -> list[Problem]:
    """A blank line inside a paragraph: ``paragraphs`` gives each ``p:`` by its place and the column of its
    key; the problem stands at the first blank line followed by more of the paragraph's lines."""
    problems = []
    lines = located.text.splitlines()
    for loc, key_col in paragraphs:
        line, _ = located.values.get(loc, (0, 0))
        blank = 0
        for n in range(line, len(lines)):  # the lines after the value's first, 0-based n is line n + 1
            text = lines[n]
            if not text.strip():
                blank = blank or n + 1
                continue
            if len(text) - len(text.lstrip(" ")) < key_col:  # back at the key's level: the value has ended
                break
            if blank:
                message = "a blank line inside a paragraph joins it into one; two paragraphs are two p: blocks"
                problems.append(located.problem(loc, message, at=(blank, 1)))
                break
    return problems
