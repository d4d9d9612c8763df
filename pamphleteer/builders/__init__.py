"""The registry of outputs: every target the tool can build, in build order.

To add an output, write a :class:`~.base.Builder` in a module of this folder
and add one line to :data:`REGISTRY` (or call :func:`register`). The command
line, preflight, incremental builds and the runner all read this registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pamphleteer.errors import UsageError

from .base import Builder, Inputs, Options, PageMap
from .booklet import Booklet
from .cover import Cover
from .deck import Deck
from .deck_pdf import DeckPdf
from .epub import Epub
from .handout import Handout
from .office_runs import Handout2Up, Short2Up, Short4Up
from .pamphlet import Pamphlet
from .print_edition import PrintEdition
from .script import Script
from .web import Web

if TYPE_CHECKING:  # the model loads only when a build needs it
    from pamphleteer.content import Book

__all__ = ["REGISTRY", "Builder", "Inputs", "Options", "PageMap", "register", "select"]

REGISTRY: dict[str, Builder] = {
    b.name: b
    for b in (
        Pamphlet(),
        PrintEdition(),
        Booklet(),
        Cover(),
        Deck(),
        Handout(),
        Script(),
        Epub(),
        Web(),
        DeckPdf(),
        Handout2Up(),
        Short2Up(),
        Short4Up(),
    )
}


def register(builder: Builder) -> Builder:
    """Add an output to the registry (a plugin, or a test)."""
    REGISTRY[builder.name] = builder
    return builder


def select(names: list[str], book: Book | None = None) -> list[Builder]:
    """The named builders in registry order; when none is named, all but the optional ones.

    With a ``book``, outputs its form has no use for are left out of a plain build; naming
    one is a usage error that says why (a flyer has no booklet).
    """
    everything = REGISTRY.values()
    chosen = [b for b in everything if b.name in names] if names else [b for b in everything if not b.optional]
    if book is None:
        return chosen
    refused = [f"{b.name}: {why}" for b in chosen if (why := b.refuses(book))]
    if names and refused:
        raise UsageError("; ".join(refused))
    return [b for b in chosen if not b.refuses(book)]
