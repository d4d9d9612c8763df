"""YAML syntax errors in an author's words: the line where the mistake is, the field being read, a hint.

PyYAML reports where it noticed a mistake, which may be far from where it was made, in
its grammar's words ("expected <block end>, but found '<scalar>'"). :func:`explain` reads
the file's events again up to the error, to know which field was being read and what
the last value was, and recognises the mistakes authors make:

- a quote left open, which swallows the lines after it until the next quote: reported
  where it opened;
- a quote inside text quoted with the same quote, which ends it early;
- a colon and a space inside a plain value, which starts a key: quote the text;
- a ``?`` inside ``[...]`` or ``{...}``, which ends the text before it: quote the text;
- a line indented differently from the entries it continues: probably indentation,
  and which column the entries it seems to continue start at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from pamphleteer.errors import format_field

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Explained:
    """A syntax error as the author is told it: where (1-based line and column), the field, what to do."""

    line: int
    col: int
    field: str
    message: str


@dataclass
class _Frame:
    """A mapping or list being read: its last key or index, where it began, and whether that entry is open."""

    kind: str  # "map" or "seq"
    start: yaml.Mark
    flow: bool
    key: str | int | None = None
    key_mark: yaml.Mark | None = None
    open: bool = False  # the current entry's value is still being read
    expect_key: bool = True  # a mapping's next scalar is a key
    inner: yaml.Mark | None = None  # where the last entry that is a mapping or list of its own began


@dataclass
class _Reading:
    """What the parser had read when it stopped: the open collections and the last value."""

    frames: list[_Frame] = field(default_factory=list)
    last: yaml.ScalarEvent | None = None  # the last value (not key) read
    last_loc: Loc = ()

    def loc(self, *, inside: bool = False) -> Loc:
        """The field being read: with ``inside``, only the collections still open (not their last entry)."""
        out: list[str | int] = []
        for n, frame in enumerate(self.frames):
            top = n == len(self.frames) - 1
            if frame.key is None or (inside and top and not frame.open):
                continue
            out.append(frame.key)
        return tuple(out)


def _read(text: str) -> _Reading:
    """The events of ``text`` up to its syntax error, as a :class:`_Reading`."""
    reading = _Reading()
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            _step(reading, event)
    except yaml.YAMLError:
        pass
    return reading


def _step(reading: _Reading, event: yaml.Event) -> None:
    frames = reading.frames
    top = frames[-1] if frames else None
    if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
        closed = frames.pop()
        if frames:
            _done(frames[-1])
            frames[-1].inner = None if closed.flow else closed.start
        return
    if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)):
        return
    if top is not None and top.kind == "map" and top.expect_key:
        top.key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
        top.key_mark, top.expect_key, top.open = event.start_mark, False, True
        return
    if top is not None and top.kind == "seq":
        top.key = 0 if top.key is None else int(top.key) + 1
        top.open = True
    if isinstance(event, yaml.ScalarEvent):
        reading.last, reading.last_loc = event, reading.loc()
        if top is not None:
            _done(top)
    elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
        kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
        frames.append(_Frame(kind, event.start_mark, bool(event.flow_style)))
    elif top is not None:
        _done(top)


def _done(frame: _Frame) -> None:
    frame.open = False
    frame.expect_key = frame.kind == "map"


def explain(text: str, exc: yaml.MarkedYAMLError) -> Explained | None:
    """The mistake behind ``exc`` in ``text``, located and with a hint; None when it is none of those known."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    problem, context = exc.problem or "", exc.context or ""
    reading = _read(text)
    lines = text.splitlines()
    if "'\\t'" in problem:
        return Explained(mark.line + 1, mark.column + 1, "", "a tab character cannot indent YAML; use spaces")
    if context == "while scanning a quoted scalar" and exc.context_mark is not None:
        opened = exc.context_mark
        quote = text[opened.index] if opened.index < len(text) else '"'
        message = f"this quote ({quote}) is never closed: close it where the text ends"
        return _at(opened, reading.loc(), message)
    last = reading.last
    if last is not None and last.style in ("'", '"'):
        ran = last.end_mark.line > last.start_mark.line
        swallowed = any(_looks_like_yaml(line) for line in lines[last.start_mark.line + 1 : last.end_mark.line + 1])
        if ran and swallowed and mark.line == last.end_mark.line:
            message = (
                f"this quote ({last.style}) is not closed on its line: it runs on to line {last.end_mark.line + 1}, "
                f"taking in the lines between; close it where the text ends"
            )
            return _at(last.start_mark, reading.last_loc, message)
        if mark.line == last.end_mark.line and mark.column <= last.end_mark.column + 1:
            twice = "''" if last.style == "'" else '\\"'
            other = '"..."' if last.style == "'" else "'...'"
            message = (
                f"a {last.style} inside text quoted with {last.style}...{last.style} ends it there; "
                f"write it as {twice}, or quote the text with {other}"
            )
            return _at(last.start_mark, reading.last_loc, message)
    cut = _comment_in_flow(lines, mark.line) if "flow" in context else None
    if cut is not None:  # accent: #8c1c13 inside {...}: the colour, and the closing brace, read as a comment
        line, col, value = cut
        message = (
            "a # after a space begins a comment in YAML, so the rest of this line is lost, the closing bracket "
            f"with it: quote the value ({_quote(value)})"
        )
        return Explained(line + 1, col + 1, format_field(reading.loc()), message)
    if "but got '?'" in problem and "flow" in context:
        message = "a '?' inside [...] or {...} ends the text before it: quote the text"
        return _at(mark, reading.loc(), message)
    if problem == "mapping values are not allowed here":
        return _colon(reading, mark, lines)
    if problem.startswith("expected <block end>"):
        return _indentation(reading, mark)
    if problem.startswith("could not find expected ':'") and exc.context_mark is not None:
        message = (
            "this line is neither a field (key: value) nor a list entry (- ...): probably wrong indentation; "
            "to continue the text above, indent it further than that text's key, or quote the text"
        )
        return _at(exc.context_mark, reading.loc(), message)
    if problem.startswith("expected ',' or") and "<stream end>" in problem and "flow" in context:
        closer = "]" if "']'" in problem else "}"
        opener = "[" if closer == "]" else "{"
        start = reading.frames[-1].start if reading.frames and reading.frames[-1].flow else exc.context_mark or mark
        message = f"this {opener} is never closed: close it with {closer}"
        return _at(start, reading.loc(inside=True), message)
    return None


def _comment_in_flow(lines: list[str], last: int) -> tuple[int, int, str] | None:
    """Line, column and value of the first `` #`` that cuts a [...] or {...} opened on its own line, up to
    line ``last``: YAML reads the rest of the line as a comment, so the brackets never close."""
    for number, row in enumerate(lines[: last + 1]):
        at = row.find(" #")
        if at < 0 or row.lstrip().startswith("#"):
            continue
        before = row[:at]
        if before.count("{") + before.count("[") > before.count("}") + before.count("]") and '"' not in before:
            value = re.split(r"[,}\]]", row[at + 1 :], maxsplit=1)[0].strip()
            return number, at + 1, value
    return None


def _at(mark: yaml.Mark, loc: Loc, message: str) -> Explained:
    return Explained(mark.line + 1, mark.column + 1, format_field(loc), message)


def _looks_like_yaml(line: str) -> bool:
    """A line that reads as a key or a list entry of its own: text a runaway quote took in."""
    stripped = line.strip()
    head = stripped.split(": ", 1)[0] if ": " in stripped or stripped.endswith(":") else ""
    return stripped.startswith("- ") or (bool(head) and " " not in head.strip())


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' if '"' in text else f'"{text}"'


def _colon(reading: _Reading, mark: yaml.Mark, lines: list[str]) -> Explained:
    """A colon that PyYAML took for a key's: inside a value on the key's own line, or on a line indented under it."""
    frame = reading.frames[-1] if reading.frames else None
    key_line = frame.key_mark.line if frame is not None and frame.key_mark is not None else mark.line
    if key_line == mark.line and frame is not None and frame.key is not None:
        row = lines[mark.line]
        value = row[frame.key_mark.column + len(str(frame.key)) + 1 :].strip() if frame.key_mark else ""
        example = f" ({frame.key}: {_quote(value)})" if value and len(value) <= 60 else ""
        message = f"a colon followed by a space inside a plain value starts a key: quote the text{example}"
        return _at(mark, reading.loc(), message)
    column = frame.key_mark.column + 1 if frame is not None and frame.key_mark is not None else 1
    message = (
        f"probably wrong indentation: this line is indented under the line above, so it continues that "
        f"line's text; start it at column {column} to make it a field of its own, or quote the text if the "
        "colon is part of it"
    )
    return Explained(mark.line + 1, _indent(lines[mark.line]) + 1, format_field(reading.loc()), message)


def _indentation(reading: _Reading, mark: yaml.Mark) -> Explained:
    """A line that starts neither where the entries it follows start nor under a key of theirs."""
    frame = reading.frames[-1] if reading.frames else None
    if frame is None:
        return _at(mark, (), "probably wrong indentation: this line starts at the wrong column")
    what = "list" if frame.kind == "seq" else "mapping"
    if frame.kind == "seq" and mark.column == frame.start.column and not frame.flow:
        inside = f" (column {frame.inner.column + 1})" if frame.inner is not None else ""
        message = (
            f"probably wrong indentation: this line starts where the list's entries do (line {frame.start.line + 1}) "
            f"but without '- '; start it with '- ' for an entry of its own, or indent it like the fields of the "
            f"entry above{inside}"
        )
        return _at(mark, reading.loc(inside=True), message)
    start = frame.start
    entries = f"the entries of the {what} it follows start at column {start.column + 1} (line {start.line + 1})"
    inner = frame.inner
    if inner is not None and inner.column != frame.start.column:
        entries += f", and those of its last entry at column {inner.column + 1} (line {inner.line + 1})"
        cure = "line it up with one of them"
    else:
        cure = "line it up with them, or indent it further to put it inside the entry above"
    message = f"probably wrong indentation: this line starts at column {mark.column + 1}, but {entries}; {cure}"
    return _at(mark, reading.loc(inside=True), message)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
