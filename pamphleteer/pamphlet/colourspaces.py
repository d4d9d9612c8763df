"""A PDF's colour spaces and resources, read as a press reads them: what is RGB, Lab or an indexed
RGB palette; every resource dictionary, form and tiling pattern a page draws with; and what a press
would find left over, RGB (:func:`rgb_left`) or transparency flattening cannot reproduce
(:func:`live_transparency`). ``separation.py`` rewrites what these find.
"""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

RGB_NAMES = {"/DeviceRGB", "/CalRGB", "/RGB"}  # /RGB: the abbreviation inline images use


def live_transparency(pdf: pikepdf.Pdf) -> list[str]:
    """What in ``pdf`` is transparent in a way flattening onto white cannot reproduce, by page."""
    found = []
    for number, page in enumerate(pdf.pages, 1):
        for resources in all_resources(page.obj):
            for name, state in (resources.get("/ExtGState") or {}).items():
                if any(float(state.get(key, 1)) < 1 for key in ("/CA", "/ca")):
                    found.append(f"page {number}: an opacity below 1 ({name})")
                if str(state.get("/BM", "/Normal")) not in ("/Normal", "/Compatible"):
                    found.append(f"page {number}: a blend mode ({name})")
                if str(state.get("/SMask", "/None")) != "/None":
                    found.append(f"page {number}: a soft mask ({name})")
    return sorted(set(found))


def rgb_left(pdf: pikepdf.Pdf) -> list[str]:
    """Every RGB colour still in ``pdf``: operators, colour spaces, pictures, shadings, groups."""
    found = []
    for number, page in enumerate(pdf.pages, 1):
        if is_rgb(page.obj.get("/Group", {}).get("/CS")):
            found.append(f"page {number}: transparency group")
        for resources in all_resources(page.obj):
            for kind in ("/ColorSpace", "/Shading"):
                for name, item in (resources.get(kind) or {}).items():
                    space = item.get("/ColorSpace") if kind == "/Shading" else item
                    if is_rgb(space):
                        found.append(f"page {number}: {kind[1:]} {name}")
            for name, xobject in (resources.get("/XObject") or {}).items():
                if is_rgb(xobject.get("/ColorSpace")) or is_rgb(xobject.get("/Group", {}).get("/CS")):
                    found.append(f"page {number}: XObject {name}")
        for stream in all_streams(page.obj):
            for _, op in pikepdf.parse_content_stream(stream):
                if str(op) in ("rg", "RG"):
                    found.append(f"page {number}: operator {op}")
                    break
    return sorted(set(found))


def spaces(resources: pikepdf.Object) -> list:
    """The names of the colour spaces ``resources`` holds."""
    return list((resources.get("/ColorSpace") or {}).keys())


def drop_spaces(resources: pikepdf.Object) -> None:
    """Once the streams using them are rewritten: the RGB and Lab colour spaces, every use now DeviceCMYK."""
    for name, space in list((resources.get("/ColorSpace") or {}).items()):
        if is_rgb(space) or is_lab(space):
            del resources.ColorSpace[name]


def space_kind(resources: pikepdf.Object, name: pikepdf.Name) -> str:
    """What a colour space operand is: "rgb", "lab" (both rewritten as CMYK) or "other"."""
    space = name if str(name) in RGB_NAMES or str(name).startswith("/Device") else None
    if space is None:
        space = (resources.get("/ColorSpace") or {}).get(str(name))
    return "rgb" if is_rgb(space) else "lab" if is_lab(space) else "other"


def is_rgb(space: object) -> bool:
    if isinstance(space, pikepdf.Name):
        return str(space) in RGB_NAMES
    if isinstance(space, pikepdf.Array) and len(space):
        if space[0] == pikepdf.Name.ICCBased:
            return int(space[1].get("/N", 0)) == 3
        return space[0] == pikepdf.Name.CalRGB
    return False


def is_lab(space: object) -> bool:
    return isinstance(space, pikepdf.Array) and len(space) > 0 and space[0] == pikepdf.Name.Lab


def is_indexed_rgb(space: object) -> bool:
    indexed = isinstance(space, pikepdf.Array) and len(space) == 4 and space[0] == pikepdf.Name.Indexed
    return indexed and is_rgb(space[1])  # type: ignore[index]


def all_resources(obj: pikepdf.Object, seen: set | None = None) -> Iterator[pikepdf.Object]:
    """``obj``'s resources and those of every form and tiling pattern drawn from them."""
    seen = set() if seen is None else seen
    resources = obj.get("/Resources")
    if resources is None:
        return
    yield resources
    for child in drawn(resources):
        if child.objgen not in seen and "/Resources" in child:
            seen.add(child.objgen)
            yield from all_resources(child, seen)


def all_streams(page: pikepdf.Object) -> Iterator[object]:
    """The page and every form and tiling pattern it draws, to be parsed."""
    yield pikepdf.Page(page)
    for resources in all_resources(page):
        for child in drawn(resources):
            if child.get("/Subtype") == "/Form" or child.get("/PatternType") == 1:
                yield child


def drawn(resources: pikepdf.Object) -> list[pikepdf.Object]:
    """The XObjects and patterns ``resources`` names."""
    return list((resources.get("/XObject") or {}).values()) + list((resources.get("/Pattern") or {}).values())
