"""Where the tool's own files live: the templates folder (layouts, stylesheets, fonts, master, starter).

Installed from a wheel, the templates are package data (``pamphleteer/templates``,
mapped from the repository's ``templates/`` in pyproject.toml) and found with
:mod:`importlib.resources`; in a checkout run without installing, they are the
repository's ``templates/`` beside the package. ``PAMPHLETEER_TEMPLATES`` names
another folder of the same shape (a house style).
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pamphleteer import settings
from pamphleteer.errors import UsageError

CHECKOUT = Path(__file__).resolve().parent.parent.parent / "templates"


def house_style() -> bool:
    """Whether the templates in force are a house style (``PAMPHLETEER_TEMPLATES``), not our own: a
    fault in them is the user's to mend (a usage error), where a fault in ours is a bug."""
    return settings.templates() is not None


def templates_dir() -> Path:
    """The templates folder; a missing one is an installation problem, not a content error."""
    chosen = settings.templates()
    if chosen is not None:
        if not (chosen / "pamphlet").is_dir():
            raise UsageError(f"PAMPHLETEER_TEMPLATES={chosen}: not a templates folder (no pamphlet/ in it)")
        return chosen
    return shipped_dir()


def shipped_dir() -> Path:
    """Our own templates folder, whatever house style is in force (what a house style is checked against)."""
    found = _installed()
    if found is None:
        raise UsageError(f"templates folder not found (in the package or at {CHECKOUT}); reinstall pamphleteer")
    return found


@lru_cache(maxsize=1)
def _installed() -> Path | None:
    packaged = resources.files("pamphleteer") / "templates"
    for candidate in (Path(str(packaged)), CHECKOUT):
        if (candidate / "pamphlet").is_dir():
            return candidate
    return None


def missing(path: Path, what: str = "file") -> str:
    """Why a file of the templates is not there, for a usage error: a house style's fault is the user's to
    mend (the shipped file to copy is named), our own's is a damaged installation."""
    if house_style():
        folder = templates_dir()
        with contextlib.suppress(ValueError):
            shipped = shipped_dir() / Path(path).relative_to(folder)
            return f"{path}: {what} missing from the house style ({settings.TEMPLATES.name}); copy {shipped} there"
    return f"{path}: {what} missing (a damaged installation? reinstall pamphleteer)"
