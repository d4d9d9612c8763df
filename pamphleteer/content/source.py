"""Read one YAML content file into plain Python data, remembering where each value stood.

Content is semi-trusted: it comes from contributors. So the reader is strict
where PyYAML is lenient: one document per file, no anchors or aliases (an alias
bomb is refused at its first anchor, before anything is expanded), no tags
beyond YAML's plain ones, no duplicate keys, no control characters, a size cap
and a nesting cap. Every value's position is kept in a :class:`Located` so that
schema errors can name ``file:line:col``.
"""

from __future__ import annotations

import os
import re
import stat
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

try:
    from yaml._yaml import CParser  # libyaml, which PyYAML's wheels carry
except ImportError:  # pragma: no cover - PyYAML built without it: the Python parser alone
    CParser = None

from pamphleteer.errors import Problem
from pamphleteer.infra import kept

from . import syntax

MAX_BYTES = 2_000_000
MAX_DEPTH = 32

Loc = tuple[str | int, ...]

# C0 controls except tab, LF and CR; DEL; C1 controls; UTF-16 surrogates; non-characters.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0010fffe\U0010ffff]"
)
_MERGE = "tag:yaml.org,2002:merge"
MERGE_KEY = "merge keys (<<) are not supported; write the fields out in full"
_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


@dataclass(frozen=True)
class Located:
    """A file's data and the position of every value (and every mapping key) in it."""

    path: Path
    data: Any
    values: Mapping[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: Mapping[Loc, tuple[int, int]] = field(default_factory=dict)
    flow: frozenset[Loc] = frozenset()  # lists and mappings written [...] or {...}
    text: str = ""  # the file's text, to place a reference inside a long scalar
    spans: Mapping[Loc, tuple[int, int]] = field(default_factory=dict)  # scalar loc -> text indexes, markup only

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

    def position_in(self, loc: Loc, needle: str, nth: int = 0, skip: int = 0) -> tuple[int, int] | None:
        """Line and column ``skip`` characters into the ``nth`` occurrence of ``needle`` in scalar ``loc``'s source.

        Whatever the scalar's style (plain over several lines, quoted, ``|`` or
        ``>`` block), a needle without spaces stands in the file as written, so
        it is found there rather than computed from the folded value.
        """
        start, end = self.spans.get(loc, (0, 0))
        at = start - 1
        for _ in range(nth + 1):
            at = self.text.find(needle, at + 1, end)
            if at < 0:
                return None
        return _line_col(self.text, at + skip)

    def problem(self, loc: Loc, message: str, *, key: bool = False, at: tuple[int, int] | None = None) -> Problem:
        from pamphleteer.errors import format_field

        line, col = at or self.position(loc, key=key)
        return Problem(self.path, line, col, format_field(loc), message)


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def excerpt(text: str, limit: int = 40) -> str:
    """A short, printable excerpt of ``text`` for a message: controls escaped, long text cut."""
    cut = text if len(text) <= limit else text[: limit - 3] + "..."
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in cut)


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Refusing(Composer):
    """PyYAML's composer, refusing anchors, aliases, merge keys and deep nesting as soon as they are parsed."""

    depth = -1

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(index, ScalarNode) and index.tag == _MERGE:  # ``<<: *base`` or ``<<: {...}``
            raise _Refused(index.start_mark, MERGE_KEY)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, "aliases (*name) are not allowed; write the value out")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(event.start_mark, "anchors (&name) are not allowed; write the value out")
        # PyYAML composes recursively: refuse deep nesting here, before Python's own stack runs out.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"nesting is too deep (more than {MAX_DEPTH} levels)")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(Reader, Scanner, Parser, _Refusing, SafeConstructor, Resolver):
    """PyYAML's safe loader in Python, refusing what :class:`_Refusing` refuses: what tells a mistake."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


if CParser is not None:

    class _FastLoader(_Refusing, CParser, SafeConstructor, Resolver):
        """The same loader on libyaml's parser (ten times as fast): the events, with their marks, come from
        C; composing them is :class:`_Refusing`'s, in Python, so the same nodes come out."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


def read(path: Path, root: Path | None = None, shelf: kept.Shelf | None = None) -> tuple[Located | None, list[Problem]]:
    """Read ``path`` (which must lie inside ``root``); its located data, or ``None`` and the problems that stop it.

    Bytes read before are answered from ``shelf`` (by default, this process's memory)."""
    raw, problem = _read_bytes(path, root)
    if problem:
        return None, [Problem(path, message=problem)]
    shelf = shelf or kept.Shelf()
    k = kept.key(path, raw)
    found = shelf.recall(k)
    if found is None:
        found = _parsed(path, raw)
        shelf.store(k, found)
    return found


def _parsed(path: Path, raw: bytes) -> tuple[Located | None, list[Problem]]:
    text, problems = _decode(path, raw)
    if problems:
        return None, problems
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [Problem(path, 1, 1, "", "file is empty")]
    # libyaml reads a tab after a colon, and a '?' or ':' in a plain value inside [...] or {...},
    # where PyYAML refuses them (and we explain why): a file with a tab or a flow collection, and
    # a file with a mistake, is read by the Python parser alone, so the same files are read alike.
    if CParser is not None and "\t" not in text:
        loader = _FastLoader(text)
        try:
            found = _located(path, text, loader)
            if found[0] is None or not found[0].flow:
                return found
        except (yaml.YAMLError, _Refused):
            pass  # a mistake: told as the Python parser finds it, its messages and marks being ours to explain
        finally:
            loader.dispose()
    loader = _Loader(text)
    try:
        return _located(path, text, loader)
    except _Refused as exc:
        merge = _merge_key(text) if "(&name)" in exc.message else None  # the anchor is there for a merge key
        return None, [_at(path, merge or exc.mark, MERGE_KEY if merge else exc.message)]
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            return None, [
                _at(path, exc.problem_mark, "a file holds one YAML document; remove the '---' that starts another")
            ]
        return None, [_at(path, exc.problem_mark, _describe(exc))]
    except yaml.MarkedYAMLError as exc:
        told = syntax.explain(text, exc)  # the line where the mistake is, the field, a hint
        if told is not None:
            return None, [Problem(path, told.line, told.col, told.field, told.message)]
        return None, [_at(path, exc.problem_mark or exc.context_mark, _describe(exc))]
    finally:
        loader.dispose()


def _located(path: Path, text: str, loader: Any) -> tuple[Located | None, list[Problem]]:
    """The file's located data, composed and constructed by ``loader`` (which raises at a mistake)."""
    node = loader.get_single_node()
    if node is None:
        return None, [Problem(path, 1, 1, "", "file is empty")]
    out = _Positions({}, {}, set(), {})
    data = _construct(loader, node, (), out, 0)
    return Located(path, data, out.values, out.keys, frozenset(out.flow), text, out.spans), []


def _merge_key(text: str) -> yaml.Mark | None:
    """Where the first merge key (``<<:``) stands, if the file has one: scanned, never composed."""
    tokens = yaml.scan(text, Loader=yaml.SafeLoader)
    before = None
    try:
        for token in tokens:
            plain = isinstance(token, yaml.ScalarToken) and token.plain
            if plain and token.value == "<<" and isinstance(before, yaml.KeyToken):
                return token.start_mark
            before = token
    except yaml.YAMLError:
        pass  # a syntax error further on: the merge keys before it are all there is to find
    return None


def _utf16(raw: bytes) -> str:
    """``"UTF-16"`` or ``"UTF-32"`` when the bytes are that (by a byte-order mark, or every other byte zero)."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:200]
    if len(head) >= 4 and head.count(0) * 4 >= len(head) * 3:
        return "UTF-32"
    if len(head) >= 2 and (not any(head[1::2]) or not any(head[0::2])):
        return "UTF-16"
    return ""


def _read_bytes(path: Path, root: Path | None) -> tuple[bytes, str]:
    """The file's bytes, or why they were not read: never outside ``root``, never a device or pipe, never unbounded."""
    try:
        real = path.resolve(strict=True)
        if root is not None and not real.is_relative_to(root.resolve()):
            return b"", "links outside the publication folder; content files must be inside it"
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            return b"", "is not a regular file"  # a FIFO would hang the build, a device never end
        if info.st_size > MAX_BYTES:
            return b"", f"file is too large ({info.st_size:,} bytes; at most {MAX_BYTES:,})"
        # O_NONBLOCK: should the file be swapped for a pipe after the check, opening it must not hang.
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return b"", "is not a regular file"
            raw = f.read(MAX_BYTES + 1)
    except (OSError, RuntimeError) as exc:
        return b"", f"cannot read file: {getattr(exc, 'strerror', None) or exc}"
    if len(raw) > MAX_BYTES:
        return b"", f"file is too large (more than {MAX_BYTES:,} bytes)"
    return raw, ""


def _decode(path: Path, raw: bytes) -> tuple[str, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    wide = _utf16(raw)
    if wide:
        return "", [Problem(path, 1, 1, "", f"file is {wide}: save it as UTF-8")]
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
    if exc.context and exc.context not in problem:
        problem = f"{problem} ({exc.context})"
    return excerpt(problem, 160)  # PyYAML quotes bits of the file (a tag, a handle): keep them short


def _at(path: Path, mark: yaml.Mark | None, message: str) -> Problem:
    if mark is None:
        return Problem(path, 1, 1, "", message)
    return Problem(path, mark.line + 1, mark.column + 1, "", message)


@dataclass
class _Positions:
    values: dict[Loc, tuple[int, int]]
    keys: dict[Loc, tuple[int, int]]
    flow: set[Loc]
    spans: dict[Loc, tuple[int, int]]


_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
MAX_DIGITS = 40


def _scalar(loader: _Loader, node: ScalarNode) -> Any:
    """The scalar's value; a located refusal where PyYAML would fail or let a bad character through."""
    if node.tag in _NUMBER_TAGS and len(node.value) > MAX_DIGITS:
        raise _Refused(
            node.start_mark, f"number is too long ({len(node.value):,} characters); quote it if you mean text"
        )
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        if node.tag == "tag:yaml.org,2002:timestamp":  # 2026-02-30: the field's own check names it, and why
            return node.value
        raise _Refused(node.start_mark, f"'{excerpt(node.value)}' cannot be read as a value; quote it") from None
    if isinstance(value, str):
        bad = _BAD_CHARS.search(value)
        if bad:  # the raw text was clean, so this came from an escape such as \e or \x00
            code = ord(bad.group())
            kind = "control character" if code < 0xA0 else "non-character"
            raise _Refused(node.start_mark, f"{kind} U+{code:04X} (written as an escape) is not allowed; delete it")
    return value


def _construct(loader: _Loader, node: Node, loc: Loc, out: _Positions, depth: int) -> Any:
    out.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if depth > MAX_DEPTH:
        raise _Refused(node.start_mark, f"nesting is too deep (more than {MAX_DEPTH} levels)")
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(node.start_mark, f"tag {excerpt(node.tag.replace('tag:yaml.org,2002:', '!!'))} is not allowed")
    if isinstance(node, ScalarNode):
        value = _scalar(loader, node)
        if isinstance(value, str) and "](" in value:
            out.spans[loc] = (node.start_mark.index, node.end_mark.index)
        return value
    if getattr(node, "flow_style", False):
        out.flow.add(loc)
    if isinstance(node, SequenceNode):
        return [_construct(loader, item, (*loc, i), out, depth + 1) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.tag == _MERGE:
            raise _Refused(key_node.start_mark, MERGE_KEY)
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            raise _Refused(key_node.start_mark, "a key must be plain text")
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key in first_seen:
            raise _Refused(
                key_node.start_mark,
                f"duplicate key '{excerpt(key)}' (first at line {first_seen[key]}); keep one",
            )
        first_seen[key] = line
        out.keys[(*loc, key)] = (line, key_node.start_mark.column + 1)
        result[key] = _construct(loader, value_node, (*loc, key), out, depth + 1)
    return result
