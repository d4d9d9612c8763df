"""The field reference: every field of every content file, what it takes and what it is for, as Markdown.

Made from the JSON Schemas the model generates (``model.json_schemas``), which accept exactly what
the tool accepts, so the reference cannot say otherwise: README.md carries it between two markers
(a test fails when the copy there differs from :func:`reference`), and ``new`` writes it beside a new
publication's files as FIELDS.md (:func:`document`).
"""

from __future__ import annotations

from typing import Any

from . import model

BEGIN = "<!-- fields: made by pamphleteer.content.fields from content/model/; do not edit by hand -->"
END = "<!-- end of fields -->"
FILES = {
    "publication": "publication.yaml",
    "chapter": "chapters/<id>.yaml",
    "people": "people.yaml",
    "timeline": "timeline.yaml",
    "data": "data.yaml",
    "glossary": "glossary.yaml",
    "sources": "sources.yaml",
    "translation": "publication.yaml of a translation",
}
_INLINE = 6000  # the length Inline allows: the only text that takes markup
_PATTERNS = {  # (one, several)
    model.ID_PATTERN: ("an id (a-z, 0-9 and -)", "ids"),
    model.PARTIAL_DATE_PATTERN: ("a date: 1928, 1928-05 or 1928-05-20", "dates (1928, 1928-05 or 1928-05-20)"),
    r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$": ("a language tag (en, en-GB)", "language tags"),
    model.URL_PATTERN: ("a web address (https://...)", "web addresses"),
    model.SITE_PATTERN: ("a web address (https://...), without ?... or #...", "web addresses"),
    model.IMAGE_PATTERN: ("a picture: a .png or .jpg file in the folder", "pictures"),
    r"^[0-9a-f]{8}$": ("8 hex digits", "8 hex digits each"),
}


def document() -> str:
    """The reference as a file of its own, for a new publication's folder."""
    return (
        "# Every field\n\n"
        "What each file of a publication takes. Text *with markup* takes `*emphasis*`, `**strong**`, footnotes\n"
        "`^[...]`, links `[words](https://...)` and references `[name](person:id)`, `[term](term:id)`,\n"
        "`[title](source:id)`, `[title](chapter:id)`, `[phrase](lang:fr)`. The schema/ folder says the same\n"
        "to an editor with the YAML language server.\n\n" + reference()
    )


def in_readme(text: str) -> str | None:
    """The reference a README carries between the markers, or None when it has lost them."""
    if BEGIN not in text or END not in text:
        return None
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def into_readme(text: str) -> str:
    """``text`` (a README with the markers) with the reference between them made anew."""
    head, rest = text.split(BEGIN, 1)
    return f"{head}{BEGIN}\n{reference()}\n{END}{rest.split(END, 1)[1]}"


def reference() -> str:
    """The reference, one table per file, nested fields by their path (``lecture.parts[].title``)."""
    schemas = model.json_schemas()
    out = []
    for name, title in FILES.items():
        schema = schemas[name]
        out += [f"#### {title}", "", "| field | takes | what it is |", "|---|---|---|"]
        for path, prop, required in _fields(schema, schema, ""):
            out.append(f"| `{path}` | {_takes(schema, prop, required)} | {_cell(prop.get('description', ''))} |")
        out.append("")
    return "\n".join(out)


def _fields(root: dict, schema: dict, prefix: str) -> list[tuple[str, dict, bool]]:
    """Each field of ``schema`` (an object) and of the objects inside it, by path."""
    rows = []
    required = set(schema.get("required", ()))
    for key, prop in schema.get("properties", {}).items():
        path = prefix + key
        rows.append((path, prop, key in required))
        inner, items = _object(root, prop)
        if inner is not None:
            rows += _fields(root, inner, path + ("[]." if items else "."))
    return rows


def _object(root: dict, prop: dict) -> tuple[dict | None, bool]:
    """The object a property holds (itself or as list items), and whether as list items."""
    value = _resolved(root, prop)
    if value.get("type") == "array":
        item = _resolved(root, value.get("items", {}))
        return (item, True) if item.get("type") == "object" else (None, False)
    return (value, False) if value.get("type") == "object" else (None, False)


def _resolved(root: dict, prop: dict) -> dict:
    """The property's own schema: its reference followed, ``null`` of an optional one left out."""
    options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
    value = options[0] if len(options) == 1 else prop
    if "$ref" in value:
        value = root["$defs"][value["$ref"].rsplit("/", 1)[1]]
    return value


def _takes(root: dict, prop: dict, required: bool) -> str:
    said = _kind(root, _resolved(root, prop))
    if required:
        return said + "; required"
    default = prop.get("default")
    if default not in (None, [], {}) and not isinstance(default, dict):
        return f"{said}; default {_shown(default)}"
    return said


def _kind(root: dict, value: dict, plural: bool = False) -> str:
    """What ``value`` takes, in words: one of it, or (``plural``) several."""
    kind = value.get("type")
    if kind == "array":
        items = _kind(root, _resolved(root, value.get("items", {})), plural=True)
        count = _count(value.get("minItems"), value.get("maxItems"))
        return ("lists" if plural else "a list") + f" of {count}{' ' if count else ''}{items}"
    if "enum" in value or "const" in value:
        return "one of " + ", ".join(f"`{_shown(v)}`" for v in value.get("enum", [value.get("const")]))
    if value.get("pattern") in _PATTERNS:
        return _PATTERNS[value["pattern"]][plural]
    if kind == "object":
        return "mappings (the fields below)" if plural else "a mapping (the fields below)"
    if kind == "boolean":
        return "`true` or `false`"
    if kind in ("integer", "number"):
        noun = {"integer": ("a whole number", "whole numbers"), "number": ("a number", "numbers")}[kind][plural]
        low, high = value.get("minimum"), value.get("maximum")
        ranged = kind == "integer" and low is not None and high is not None
        return noun + (f" from {low} to {high}" if ranged else "")
    if kind == "string":
        most = value.get("maxLength")
        noun = ("text", "texts")[plural] + (" with markup" if most == _INLINE else "")
        return noun + (f", at most {most:,} characters{' each' if plural else ''}" if most else "")
    return "a value"


def _count(low: int | None, high: int | None) -> str:
    if low == 1 and not high:
        return "one or more"
    if low and high:
        return f"{low} to {high}"
    if high:
        return f"at most {high}"
    if low:
        return f"at least {low}"
    return ""


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def _cell(text: str) -> str:
    """Text for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":  # python -m pamphleteer.content.fields README.md: the README's copy made anew
    import sys
    from pathlib import Path

    readme = Path(sys.argv[1])
    readme.write_text(into_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
