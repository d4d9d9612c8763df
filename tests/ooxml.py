"""The Office Open XML rules a package must keep for PowerPoint to open it without a repair.

Independent of the code under test: reads the PPTX as a zip of XML parts with the standard
library and lxml, and lists every broken rule python-pptx, PowerPoint and LibreOffice rely on
(ECMA-376 part 2, the packaging conventions, and part 1's uniqueness of shape ids):

- every part has a content type, by its extension's Default or its own Override (the
  presentation's XML parts by an Override: a slide typed only as ``application/xml`` is no
  slide), and every Override names a part that exists;
- every internal relationship resolves to a part in the package, and every relationship id a
  part uses (``r:id``, ``r:embed``, ...) is declared in that part's relationships;
- relationship ids are unique within each relationships part;
- shape ids (``cNvPr/@id``) are unique within each slide, layout, master and notes page, and the
  presentation's slide ids are unique and at least 256.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
SHAPE_PARTS = ("ppt/slides/", "ppt/slideLayouts/", "ppt/slideMasters/", "ppt/notesSlides/", "ppt/notesMasters/")


def problems(pptx: Path | bytes) -> list[str]:
    """Every rule the package breaks, one line each; an empty list for a clean file."""
    source = pptx if isinstance(pptx, Path) else io.BytesIO(pptx)
    with zipfile.ZipFile(source) as package:
        names = [n for n in package.namelist() if not n.endswith("/")]
        parts = {n: package.read(n) for n in names}
    found: list[str] = []
    found += _content_types(parts)
    rels = {n: _relationships(n, parts, found) for n in names if n.endswith(".rels")}
    for name, data in parts.items():
        if not name.endswith(".xml") or name == "[Content_Types].xml":
            continue
        tree = etree.fromstring(data)
        declared = rels.get(_rels_of(name), {})
        used = {v for e in tree.iter() for k, v in e.attrib.items() if k.startswith(R)}
        found += [f"{name}: uses relationship {r}, which it does not declare" for r in sorted(used - set(declared))]
        if name.startswith(SHAPE_PARTS):
            ids = Counter(e.get("id") for e in tree.iter() if etree.QName(e).localname == "cNvPr")
            found += [f"{name}: shape id {i} used {n} times" for i, n in sorted(ids.items()) if n > 1]
        if name == "ppt/presentation.xml":
            slide_ids = [int(e.get("id")) for e in tree.iter(P + "sldId")]
            if len(set(slide_ids)) != len(slide_ids) or min(slide_ids, default=256) < 256:
                found.append(f"{name}: slide ids not unique or under 256: {slide_ids}")
    return found


def _content_types(parts: dict[str, bytes]) -> list[str]:
    types = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {e.get("Extension").lower() for e in types.iter(CT + "Default")}
    overrides = {e.get("PartName") for e in types.iter(CT + "Override")}
    found = []
    for name in parts:
        extension = name.rsplit(".", 1)[-1].lower()
        if name == "[Content_Types].xml" or "/" + name in overrides:
            continue
        if extension == "xml" and name.startswith(("ppt/", "docProps/")):  # a role only its own type can say
            found.append(f"{name}: no content type of its own (no Override)")
        elif extension not in defaults:
            found.append(f"{name}: no content type (no Default for .{extension}, no Override)")
    found += [
        f"[Content_Types].xml: Override for {o}, which is no part" for o in sorted(overrides) if o[1:] not in parts
    ]
    return found


def _relationships(name: str, parts: dict[str, bytes], found: list[str]) -> dict[str, str]:
    """A relationships part's ids and targets; each broken internal target or repeated id noted in ``found``."""
    source_dir = posixpath.dirname(posixpath.dirname(name))  # ppt/slides/_rels/x.rels -> ppt/slides
    out: dict[str, str] = {}
    for rel in etree.fromstring(parts[name]).iter(PR + "Relationship"):
        rid, target = rel.get("Id"), rel.get("Target")
        if rid in out:
            found.append(f"{name}: relationship id {rid} declared twice")
        out[rid] = target
        if rel.get("TargetMode") == "External":
            continue
        resolved = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(source_dir, target))
        if resolved not in parts:
            found.append(f"{name}: {rid} leads to {target}, which is no part")
    return out


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")
