"""``python build.py new DIR``: a new publication from a small example that builds at once."""

from __future__ import annotations

import json
from pathlib import Path

from . import model, output
from .errors import UsageError
from .locations import templates_dir


def create(folder: Path) -> Path:
    """Copy the starter publication into ``folder`` (new or empty), with editor schemas."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder}: already exists and is not empty; choose a new folder")
    starter = templates_dir() / "starter"
    files = {str(p.relative_to(starter)): p.read_bytes() for p in sorted(starter.rglob("*")) if p.is_file()}
    for name, body in model.json_schemas().items():
        files[f"schema/{name}.json"] = (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode()
    output.write(folder, files)
    return folder
