"""Read one YAML content file into plain Python data, remembering where each value stood.

Content is semi-trusted: it comes from contributors. So the reader is strict
where PyYAML is lenient: one document per file, no anchors or aliases (an alias
bomb is refused at its first anchor, before anything is expanded), no tags
beyond YAML's plain ones, no duplicate keys, no control characters, a size cap
and a nesting cap. Every value's position is kept in a :class:`Located` so that
schema errors can name ``file:line:col``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .errors import Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 32

Loc = tuple[str | int, ...]

# C0 controls except tab, LF and CR; DEL; C1 controls; UTF-16 surrogates; non-characters.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0010fffe\U0010ffff]"
)
_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


@dataclass(frozen=True)
class Located:
    """A file's data and the position of every value (and every mapping key) in it."""

    path: Path
    data: Any
    values: Mapping[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: Mapping[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``loc``, or of its nearest located ancestor."""
        table = self.keys if key else self.values
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        from .errors import format_field

        line, col = self.position(loc, key=key)
        return Problem(self.path, line, col, format_field(loc), message)


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Loader(Reader, Scanner, Parser, Composer, SafeConstructor, Resolver):
    """PyYAML's safe loader, refusing anchors and aliases as soon as they are parsed."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, "aliases (*name) are not allowed; write the value out")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(event.start_mark, "anchors (&name) are not allowed; write the value out")
        return super().compose_node(parent, index)


def read(path: Path) -> tuple[Located | None, list[Problem]]:
    """Read ``path``; return its located data, or ``None`` and the problems that stop it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, message=f"cannot read file: {exc.strerror or exc}")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(path, message=f"file is too large ({len(raw):,} bytes; at most {MAX_BYTES:,})")]
    text, problems = _decode(path, raw)
    if problems:
        return None, problems
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [Problem(path, 1, 1, "", "file is empty")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(path, 1, 1, "", "file is empty")]
        values: dict[Loc, tuple[int, int]] = {}
        keys: dict[Loc, tuple[int, int]] = {}
        data = _construct(loader, node, (), _Positions(values, keys), 0)
        return Located(path, data, values, keys), []
    except _Refused as exc:
        return None, [_at(path, exc.mark, exc.message)]
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            return None, [
                _at(path, exc.problem_mark, "a file holds one YAML document; remove the '---' that starts another")
            ]
        return None, [_at(path, exc.problem_mark, _describe(exc))]
    except yaml.MarkedYAMLError as exc:
        return None, [_at(path, exc.problem_mark or exc.context_mark, _describe(exc))]
    finally:
        loader.dispose()


def _decode(path: Path, raw: bytes) -> tuple[str, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        return "", [Problem(path, line, col, "", f"byte 0x{byte:02x} is not UTF-8; save the file as UTF-8")]
    problems = []
    for match in _BAD_CHARS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        code = ord(match.group())
        kind = "control character" if code < 0xA0 else "non-character"
        problems.append(Problem(path, line, col, "", f"{kind} U+{code:04X} is not allowed; delete it"))
    return text, problems[:20]


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if "'\\t'" in problem:
        return "a tab character cannot indent YAML; use spaces"
    if exc.context and exc.context not in problem:
        problem = f"{problem} ({exc.context})"
    return problem


def _at(path: Path, mark: yaml.Mark | None, message: str) -> Problem:
    if mark is None:
        return Problem(path, 1, 1, "", message)
    return Problem(path, mark.line + 1, mark.column + 1, "", message)


@dataclass
class _Positions:
    values: dict[Loc, tuple[int, int]]
    keys: dict[Loc, tuple[int, int]]


def _construct(loader: _Loader, node: Node, loc: Loc, out: _Positions, depth: int) -> Any:
    out.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if depth > MAX_DEPTH:
        raise _Refused(node.start_mark, f"nesting is too deep (more than {MAX_DEPTH} levels)")
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(node.start_mark, f"tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed")
    if isinstance(node, ScalarNode):
        return loader.construct_object(node, deep=True)
    if isinstance(node, SequenceNode):
        return [_construct(loader, item, (*loc, i), out, depth + 1) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            raise _Refused(key_node.start_mark, "a key must be plain text")
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key in first_seen:
            raise _Refused(
                key_node.start_mark,
                f"duplicate key '{key}' (first at line {first_seen[key]}); keep one",
            )
        first_seen[key] = line
        out.keys[(*loc, key)] = (line, key_node.start_mark.column + 1)
        result[key] = _construct(loader, value_node, (*loc, key), out, depth + 1)
    return result
