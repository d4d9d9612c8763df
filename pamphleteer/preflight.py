"""``python build.py preflight``: what a print shop checks, for each output already built.

Per PDF: page count and size, trim and bleed, fonts (embedded or not), images
and their effective resolution at print size, blank pages; for the booklet the
sheets of paper it needs. Exit 1 when a printer would reject a file: a font not
embedded, a print edition without trim and bleed boxes, a booklet whose pages
do not fold.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from . import progress
from .dependencies import digest
from .errors import UsageError

MM = 25.4 / 72
MIN_DPI = 300


@dataclass
class Report:
    name: str
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run(folder: Path, content: Path | None = None) -> int:
    """Report on every output in ``folder``; images are named after their files in ``content``."""
    from . import incremental
    from .builders import REGISTRY

    present = [(b, folder / b.filename) for b in REGISTRY.values() if (folder / b.filename).is_file()]
    if not present:
        raise UsageError(f"{folder}: no outputs to check; build first")
    records = incremental.State.load(folder).records
    failed = 0
    names = _image_files(content) if content else {}
    for builder, path in present:
        report = check(path, names, kind=builder.kind, checks=builder.preflight)
        record = records.get(builder.name)
        if record is None or digest(path.read_bytes()) != record.output:
            report.errors.append("not made by the last build in this folder: the outputs may not match; rebuild")
        progress.result(f"{path.name}:")
        for line in report.lines:
            progress.result(f"  {line}")
        for line in report.warnings:
            progress.result(f"  warning: {line}")
        for line in report.errors:
            progress.result(f"  REJECT: {line}")
        failed += bool(report.errors)
    progress.result(
        f"{len(present)} file(s) checked; {failed} would be rejected" if failed else f"{len(present)} file(s) ready"
    )
    return 1 if failed else 0


def check(
    path: Path, names: dict[tuple[int, int], str] | None = None, *, kind: str = "pdf", checks: tuple[str, ...] = ()
) -> Report:
    """One output's report; ``names`` maps an image's pixel size to its file, to name it in warnings.

    ``checks`` adds what a kind of output must also pass: ``trim`` (trim and bleed boxes), ``sheets``.
    """
    names = names or {}
    report = Report(path.name)
    if kind == "pptx":
        from pptx import Presentation

        prs = Presentation(str(path))
        report.lines.append(
            f"{len(prs.slides)} slides, {prs.slide_width / 914400:.2f} × {prs.slide_height / 914400:.2f} in"
        )
        return report
    if kind != "pdf":
        report.lines.append(f"{path.stat().st_size:,} bytes")
        return report
    reader = PdfReader(str(path))
    n = len(reader.pages)
    first = reader.pages[0]
    trim = first.trimbox
    report.lines.append(f"{n} pages, {float(trim.width) * MM:.0f} × {float(trim.height) * MM:.0f} mm")
    if "trim" in checks:
        media = first.mediabox
        if "/TrimBox" not in first or "/BleedBox" not in first:
            report.errors.append("no TrimBox or BleedBox: the printer cannot find the trim")
        else:
            bleed = (float(first.trimbox.left) - float(first.bleedbox.left)) * MM
            report.lines.append(
                f"bleed {bleed:.1f} mm, media {float(media.width) * MM:.0f} × {float(media.height) * MM:.0f} mm"
            )
            if bleed < 2.9:
                report.errors.append(f"bleed is {bleed:.1f} mm; printers ask for 3 mm")
    if "sheets" in checks:
        report.lines.append(f"{n} sides: {(n + 1) // 2} sheets of paper, printed on both sides")
    fonts, missing = _fonts(reader)
    report.lines.append(f"fonts: {', '.join(sorted(fonts)) or 'none'}")
    if missing:
        report.errors.append(f"fonts not embedded: {', '.join(sorted(missing))}")
    images, blanks = _pages(path)
    for page, name, pixels, dpi in images:
        if dpi < MIN_DPI:
            name = names.get(pixels, name)
            report.warnings.append(f"image {name} on page {page} prints at {dpi:.0f} dpi (under {MIN_DPI})")
    report.lines.append(f"images: {len(images)}" + (f", lowest {min(d for *_, d in images):.0f} dpi" if images else ""))
    if blanks:
        report.warnings.append(f"blank pages: {', '.join(map(str, blanks))}")
    return report


def _fonts(reader: PdfReader) -> tuple[set[str], set[str]]:
    seen: set[str] = set()
    missing: set[str] = set()
    for page in reader.pages:
        _walk_fonts(page.get("/Resources"), seen, missing, set())
    return seen, missing


def _walk_fonts(resources: object, seen: set[str], missing: set[str], visited: set[int]) -> None:
    """Fonts of a resource dictionary and of the form XObjects it uses (the booklet nests pages)."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        name = str(font.get("/BaseFont", "?")).lstrip("/").split("+")[-1]
        seen.add(name)
        if font.get("/Subtype") == "/Type3":
            continue
        descendants = font.get("/DescendantFonts")
        target = descendants[0].get_object() if descendants else font
        descriptor = target.get("/FontDescriptor")
        if descriptor is None or not any(
            k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
        ):
            missing.add(name)
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        key = id(xobject)
        if xobject.get("/Subtype") == "/Form" and key not in visited:
            visited.add(key)
            _walk_fonts(xobject.get("/Resources"), seen, missing, visited)


def _image_files(content: Path) -> dict[tuple[int, int], str]:
    """Pixel size -> file name (relative to the publication) of every PNG and JPEG in it."""
    from PIL import Image, UnidentifiedImageError

    found: dict[tuple[int, int], str] = {}
    if not content.is_dir():
        return found
    for path in sorted(content.rglob("*")):
        if path.suffix.lower() in (".png", ".jpg", ".jpeg") and path.is_file() and not path.is_symlink():
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                    with Image.open(path) as img:  # reads the header only
                        found.setdefault(img.size, path.relative_to(content).as_posix())
            except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
                continue  # the build reports broken images; here they cannot be named
    return found


def _pages(path: Path) -> tuple[list[tuple[int, str, tuple[int, int], float]], list[int]]:
    images, blanks = [], []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for image in page.images:
                width_in = (image["x1"] - image["x0"]) / 72
                if width_in > 0:
                    pixels = (int(image["srcsize"][0]), int(image["srcsize"][1]))
                    images.append((number, str(image.get("name", "image")), pixels, pixels[0] / width_in))
            if not page.chars and not page.images and not page.rects and not page.curves:
                blanks.append(number)
    return images, blanks
