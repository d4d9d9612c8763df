"""``python build.py new DIR [--form leaflet|flyer]``: a new publication from a small example that builds at once.

``templates/starter/`` is the pamphlet's example (three chapters and every
register, each field commented); ``templates/starter/_forms/<form>/`` holds a
leaflet's and a flyer's (a publication.yaml and its chapters, no registers). Each
comes with the JSON Schemas editors read and FIELDS.md, the reference of every
field, made from the schema.
"""

from __future__ import annotations

import json
from pathlib import Path

from pamphleteer.content import fields, model
from pamphleteer.errors import UsageError
from pamphleteer.infra import output
from pamphleteer.infra.locations import templates_dir

FORMS = ("pamphlet", "leaflet", "flyer")


def create(folder: Path, form: str = "pamphlet") -> Path:
    """Copy the starter publication of ``form`` into ``folder`` (new or empty), with editor schemas."""
    if form not in FORMS:
        raise UsageError(f"unknown form '{form}' (choose from {', '.join(FORMS)})")
    try:
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder}: is a file; choose a new folder")
        if folder.exists() and any(folder.iterdir()):
            raise UsageError(f"{folder}: already exists and is not empty; choose a new folder")
    except OSError as exc:  # a name too long, a folder not to be read
        raise UsageError(f"{folder}: {exc.strerror or exc}; choose another folder") from None
    starter = templates_dir() / "starter"
    if form != "pamphlet":
        starter = starter / "_forms" / form
    files = {
        p.relative_to(starter).as_posix(): p.read_bytes()
        for p in sorted(starter.rglob("*"))
        if p.is_file() and "_forms" not in p.relative_to(starter).parts
    }
    for name, body in model.json_schemas().items():
        files[f"schema/{name}.json"] = (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode()
    files["FIELDS.md"] = fields.document().encode()
    output.write(folder, files, what="the publication folder")
    return folder
