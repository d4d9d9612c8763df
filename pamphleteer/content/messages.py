"""Pydantic's validation errors -> located messages in an author's words.

``expected text, got the number 1885; quote it if you mean text`` rather than
``Input should be a valid string``: each error names the field, describes the
value found, and offers a cure ("did you mean", "quote it") where one is known.
"""

from __future__ import annotations

import difflib
import math
import re
import types
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel

from pamphleteer.errors import Problem

from . import model, source


def did_you_mean(word: str, choices: list[str]) -> str:
    """'; did you mean \'x\'?' for the closest of ``choices``, or nothing."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def problem(located: source.Located, cls: type[BaseModel], err: Any) -> Problem:
    """One pydantic error ``err`` from validating ``located`` as ``cls``, located and worded."""
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        fields = _fields_at(cls, loc[:-1])
        if cls is model.Translation and len(loc) == 1 and loc[0] in model.Publication.model_fields:
            return located.problem(loc, f"a translation takes {loc[0]}: from its original; set it there", key=True)
        hint = did_you_mean(str(loc[-1]), fields) or (SPLIT if loc[:-1] in located.flow else "")
        return located.problem(loc, f"unknown field{hint}", key=True)
    if kind == "missing":
        return located.problem(loc, "required field is missing")
    error = err.get("ctx", {}).get("error")
    if isinstance(error, model.At):  # the model named the part at fault: a row, a value
        loc = (*loc, *error.loc)
        split = error.split and (loc in located.flow or _split_labels(located, loc))
        return located.problem(loc, str(error) + (SPLIT if split else ""))
    message = _message(err)
    value = err.get("input")
    if err["type"] == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        written = _as_written(located, loc)
        if written and written != str(value):  # 12:30 read as 750, 0x1F as 31, 1_000 as 1000
            message = message.replace("; quote it", f" (YAML reads {written} as a number); quote it", 1)
    return located.problem(loc, message)


def _as_written(located: source.Located, loc: tuple) -> str:
    """The plain value at ``loc`` as it stands in the file (up to a space, a comma or a bracket); "" if unknown."""
    line, column = located.values.get(loc, (0, 0))
    lines = located.text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    found = re.match(r"[^\s,\]}#]{1,40}", lines[line - 1].rstrip("\r")[column - 1 :])
    return found.group() if found else ""


SPLIT = "; a comma inside [...] or {...} splits the value: quote it"


def _split_labels(located: source.Located, loc: tuple) -> bool:
    """A data series whose labels, written [...], outnumber its values: a comma may have split a label."""
    for n in range(len(loc), 0, -1):
        if loc[n - 1] in ("values", "datasets"):
            return (*loc[: n - 1], "labels") in located.flow
    return False


_EXPECTED = {
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
}


def _message(err: Any) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {_describe(value)}"
        if (kind == "string_type" and isinstance(value, (bool, int, float))) or (
            value is None and kind == "string_type"
        ):
            message += "; quote it if you mean text"
        elif kind == "string_type" and _colon_split(value):
            ((key, rest),) = value.items()
            example = source.excerpt(f"{key}: {rest}", 60).replace('"', '\\"')
            message += f'; a colon followed by a space inside text starts a key: quote the text ("{example}")'
        return message
    if kind == "finite_number":
        return f"expected a finite number, got {_describe(value)}"
    if kind == "string_too_long":
        return f"text is too long ({len(value)} characters; at most {ctx['max_length']})"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_long":
        return f"too many items ({ctx.get('actual_length', len(value))}; at most {ctx['max_length']})"
    if kind == "too_short":
        return f"needs at least {ctx['min_length']} item(s)"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == model.ID_PATTERN:
            return f"expected an id of lowercase letters, digits and hyphens, got '{source.excerpt(str(value))}'"
        if pattern == model.IMAGE_PATTERN:
            return _image_name(str(value))
        if pattern in (model.URL_PATTERN, model.SITE_PATTERN):
            return model.url_problem(str(value), site=pattern == model.SITE_PATTERN)
        if pattern == model.VISIBLE:
            shown = source.excerpt("".join(_escaped(c) if unicodedata.category(c)[0] == "M" else c for c in value))
            return f"'{shown}' shows nothing (only spaces, combining marks or invisible characters); write the text"
        return f"'{source.excerpt(str(value))}' is not in the expected form"
    if kind in ("greater_than_equal", "less_than_equal"):
        side, bound = ("at least", ctx.get("ge")) if kind == "greater_than_equal" else ("at most", ctx.get("le"))
        return f"expected {side} {_number(bound)}, got {_describe(value)}"
    if kind == "literal_error":
        return f"expected one of {ctx['expected']}; got {_describe(value)}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err["msg"]))
    return err["msg"]


def _escaped(char: str) -> str:
    """A character as Python escapes it: a combining mark alone would sit on the quote before it."""
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _colon_split(value: Any) -> bool:
    """A mapping of one key to a plain value: text with a colon and a space in it, read as a key."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    ((key, rest),) = value.items()
    return isinstance(key, str) and isinstance(rest, (str, int, float)) and not isinstance(rest, bool)


def _image_name(name: str) -> str:
    if "\\" in name:
        slashed = source.excerpt(name.replace("\\", "/"))
        return f"'{source.excerpt(name)}': write / between folders ({slashed}), which every system reads"
    return f"'{source.excerpt(name)}' is not named as a PNG or JPEG image; pictures are .png, .jpg or .jpeg files"


def _number(value: Any) -> str:
    """A limit as an author reads it: 1e15 -> '1,000,000,000,000,000', 60 -> '60'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false)"
    if isinstance(value, float) and not math.isfinite(value):
        return "'.nan' (not a number)" if math.isnan(value) else f"'{'-' if value < 0 else ''}.inf' (infinity)"
    if isinstance(value, (int, float)):
        return f"the number {source.excerpt(str(value))}"
    if isinstance(value, str):
        return f"text '{source.excerpt(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _fields_at(cls: Any, loc: tuple) -> list[str]:
    """Field names of the model found by following ``loc`` from ``cls``."""
    current: Any = cls
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0]
        else:
            return tp
