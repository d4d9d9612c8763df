"""Where the tool's own files live: the templates folder (layouts, stylesheets, fonts, master)."""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def templates_dir() -> Path:
    """The templates folder; a missing one is an installation problem, not a content error."""
    if not TEMPLATES.is_dir():
        raise UsageError(f"templates folder not found at {TEMPLATES}")
    return TEMPLATES
