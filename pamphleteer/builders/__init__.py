"""The registry of outputs: every target the tool can build, in build order.

To add an output, write a :class:`~.base.Builder` in a module of this folder
and add one line to :data:`REGISTRY` (or call :func:`register`). The command
line, preflight, incremental builds and the runner all read this registry.
"""

from __future__ import annotations

from .base import Builder, Inputs, Options, PageMap
from .booklet import Booklet
from .deck import Deck
from .deck_pdf import DeckPdf
from .epub import Epub
from .handout import Handout
from .pamphlet import Pamphlet
from .print_edition import PrintEdition
from .script import Script
from .web import Web

__all__ = ["REGISTRY", "Builder", "Inputs", "Options", "PageMap", "register", "select"]

REGISTRY: dict[str, Builder] = {
    b.name: b
    for b in (
        Pamphlet(),
        PrintEdition(),
        Booklet(),
        Deck(),
        Handout(),
        Script(),
        Epub(),
        Web(),
        DeckPdf(),
    )
}


def register(builder: Builder) -> Builder:
    """Add an output to the registry (a plugin, or a test)."""
    REGISTRY[builder.name] = builder
    return builder


def select(names: list[str]) -> list[Builder]:
    """The named builders in registry order; when none is named, all but the optional ones."""
    if names:
        return [b for b in REGISTRY.values() if b.name in names]
    return [b for b in REGISTRY.values() if not b.optional]
