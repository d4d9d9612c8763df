"""The map of the package in README's "How it works": its subsystems and who imports whom, from the code.

Read from the import graph import-linter checks (grimp), so the picture and the contract see the
same imports. A subsystem is a child of ``pamphleteer``: a folder (its modules listed in its box)
or a module of its own (``cli``). Every subsystem may use ``progress``, ``settings`` and ``errors``
at the bottom, and ``__main__`` only starts ``cli``: those edges are not drawn, to keep the picture
legible. The boxes are declared in the contract's layer order, top first; an import up the
layers (one the contract lists as a known break) is drawn dashed.

    python -m tests.import_map          print the map (a Mermaid flowchart)
    python -m tests.import_map --write  put it into README.md, between its markers

``tests/test_import_map.py`` fails when the README's copy differs from what this makes.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PACKAGE = "pamphleteer"
BEGIN = "<!-- import map: made by `python -m tests.import_map --write` from the code; do not edit by hand -->"
END = "<!-- end of import map -->"
NOT_DRAWN = {"errors", "progress", "settings", "__main__"}  # used by (or using) everything: see the docstring


def layers() -> list[list[str]]:
    """The subsystems in the import contract's layers (pyproject.toml), top first; siblings share one."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["type"] == "layers")
    return [[name.strip() for name in layer.replace(":", "|").split("|")] for layer in contract["layers"]]


def subsystems(graph: grimp.ImportGraph) -> dict[str, list[str]]:
    """Subsystem -> the names of its modules (empty for a module of its own), in layer order."""
    ordered = [name for layer in layers() for name in layer]
    children = {child.rpartition(".")[2] for child in graph.find_children(PACKAGE)}
    missing = children - set(ordered)
    if missing:
        raise SystemExit(f"not in the import contract's layers: {', '.join(sorted(missing))}")
    return {
        name: sorted(m.rpartition(".")[2] for m in graph.find_children(f"{PACKAGE}.{name}"))
        for name in ordered
        if name in children
    }


def edges(graph: grimp.ImportGraph, names: list[str]) -> list[tuple[str, str]]:
    """(importer, imported) subsystems with at least one direct import between their modules."""
    return [
        (a, b)
        for a in names
        for b in names
        if a != b and graph.direct_import_exists(importer=f"{PACKAGE}.{a}", imported=f"{PACKAGE}.{b}", as_packages=True)
    ]


def mermaid() -> str:
    """The map as a Mermaid flowchart, in a fenced block between the README's markers."""
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    found = subsystems(graph)
    drawn = [name for name in found if name not in NOT_DRAWN]
    lines = [BEGIN, "```mermaid", "flowchart TD"]
    for name in drawn:
        modules = found[name]
        label = f"{name}/<br/>{', '.join(modules)}" if modules else f"{name}.py"
        lines.append(f'    {name}["{label}"]')
    level = {name: n for n, layer in enumerate(layers()) for name in layer}
    for a, b in edges(graph, drawn):
        # an import up the layers is one the contract lists as a known break: drawn dashed
        lines.append(f"    {a} -.->|against the layers| {b}" if level[a] > level[b] else f"    {a} --> {b}")
    lines += ["```", END]
    return "\n".join(lines) + "\n"


def in_readme(text: str) -> str:
    """The map as the README has it (markers included), or "" when it has none."""
    start, end = text.find(BEGIN), text.find(END)
    return text[start : end + len(END)] + "\n" if start >= 0 and end > start else ""


def main(argv: list[str]) -> int:
    made = mermaid()
    if argv[1:] != ["--write"]:
        print(made, end="")
        return 0
    text = README.read_text(encoding="utf-8")
    old = in_readme(text)
    if not old:
        raise SystemExit(f"README.md has no import map between {BEGIN!r} and {END!r}")
    README.write_text(text.replace(old, made), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
