"""``python build.py preflight``: what a print shop checks, for each output already built.

Per PDF: page count and size, trim and bleed, the print edition's colour condition (its PDF/X
output intent), fonts (embedded or not), images and their effective resolution at print size,
blank pages; for the booklet the sheets of paper it needs. The publication's ``print`` section:
paper, binding and the colour condition it is separated for. Exit 1 when a printer would reject
a file: a font not embedded, a print edition without trim and bleed boxes, a booklet whose pages
do not fold, an output the publication (or a picture, a template) changed since it was built.
Then the chart palette, as a black-and-white copy would show it: a warning for each two colours
whose greys are too close to tell apart. Then the binding: paper, sheets, the creep applied, a
perfect-bound spine, and advice to bind perfect past what a stitch holds.

A damaged file (truncated, not a PDF or a deck at all, objects of the wrong kind, forms
nested without end) is rejected with what is wrong with it, never an internal error; and
anything but a regular file where an output goes (a link, a named pipe) is rejected unread.
"""

from __future__ import annotations

import math
import stat
import zipfile
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pikepdf

from pamphleteer import progress
from pamphleteer.content import images
from pamphleteer.errors import UsageError, display_path
from pamphleteer.infra.locations import templates_dir
from pamphleteer.render import colours

MM_PER_PT = 25.4 / 72  # millimetres in a PDF point
MIN_DPI = 300
MAX_FORMS = 32  # form XObjects drawn inside one another: ours nest two deep (the booklet's pages)


class Damaged(Exception):
    """A file whose structure a reader cannot follow."""


# What a reader of a damaged file raises: the libraries' own errors, and objects of the wrong kind.
_DAMAGED = (pikepdf.PdfError, Damaged, KeyError, IndexError, TypeError, AttributeError, ValueError, zipfile.BadZipFile)


@dataclass
class Report:
    name: str
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run(folder: Path, content: Path | None = None) -> int:
    """Report on every output in ``folder``; images are named after their files in ``content``."""
    from pamphleteer.builders import REGISTRY
    from pamphleteer.engine import incremental

    present = [(b, folder / b.filename) for b in REGISTRY.values() if (folder / b.filename).exists()]
    if not present:
        raise UsageError(f"{folder}: no outputs to check; build first")
    state, failed = incremental.State.load(folder), 0
    content = content or (Path(state.content) if state.content else None)
    names = images.by_size(content) if content else {}
    stale = incremental.changed_since(state, folder, content)
    for builder, path in present:
        report = check(path, names, kind=builder.kind, checks=builder.preflight, folder=builder.is_folder)
        record = state.records.get(builder.name)
        if record is None or incremental.product_digest(builder.read_back(folder)) != record.output:
            report.errors.append("not made by the last build in this folder: the outputs may not match; rebuild")
        elif builder.name in stale:
            report.errors.append(stale[builder.name])
        _say(report)
        failed += bool(report.errors)
    if content:
        _say(press_settings(content, folder))
    _say(palette())
    _say(bindery_report(folder, content))
    if said := ", ".join(b.filename for b, _ in present if stale.get(b.name, "").startswith("out of date")):
        again = f"{progress.command()} --content {progress.word(display_path(content))} --output "
        again += progress.word(display_path(folder))
        progress.result(f"out of date: {said}; build again: {again}")
    progress.result(
        f"{len(present)} file(s) checked; {failed} would be rejected" if failed else f"{len(present)} file(s) ready"
    )
    return 1 if failed else 0


def _say(report: Report) -> None:
    progress.result(f"{report.name}:")
    for line in report.lines:
        progress.result(f"  {line}")
    for line in report.warnings:
        progress.result(f"  warning: {line}")
    for line in report.errors:
        progress.result(f"  REJECT: {line}")


def bindery_report(folder: Path, content: Path | None) -> Report:
    """The binding, as the bindery will see it (see ``commands/bindery.py``), for the pages of the
    reading edition in ``folder`` (never read through a link or pipe; a damaged one is rejected in its
    own report)."""
    from . import bindery

    reading, pages = folder / "pamphlet.pdf", 0
    if reading.exists() and not _not_a_file(reading, folder=False):
        try:
            with pikepdf.open(reading) as pdf:
                pages = len(pdf.pages)
        except _DAMAGED:
            pages = 0
    report = Report("binding (publication.yaml, print)")
    report.lines, report.warnings = bindery.report(content, pages)
    return report


def palette() -> Report:
    """The chart palette in grey: how far apart its colours stay on a black-and-white copy (CIE L*)."""
    fills = colours.palette()
    report = Report(f"chart palette ({display_path(templates_dir() / 'palette.json')})")
    greys = sorted(colours.lightness(c) for c in fills)
    closest = min((b - a for a, b in pairwise(greys)), default=100.0)
    report.lines.append(
        f"{len(fills)} colours, greys from {greys[0]:.0f} to {greys[-1]:.0f} (L*), the closest two {closest:.1f} apart"
        f" (a black-and-white copy needs {colours.GREY_STEP:.0f})"
    )
    report.warnings += [
        f"{a} and {b} are {apart:.1f} apart in grey: a black-and-white copy shows them as one colour"
        for a, b, apart in colours.greyscale_clashes(fills)
    ]
    return report


def press_settings(content: Path, folder: Path | None = None) -> Report:
    """The ``print`` section as the print shop hears it: paper, binding, and the colour condition the print
    edition is separated for and the total ink it stays under; a press file in ``folder`` separated for
    another condition (built before the paper changed) is named."""
    import yaml

    from pamphleteer.content.model import Print
    from pamphleteer.pamphlet import press

    report = Report(f"print ({display_path(content / 'publication.yaml')})")
    try:
        data = yaml.safe_load((content / "publication.yaml").read_text(encoding="utf-8")) or {}
        settings = Print.model_validate(data.get("print") or {})
    except (OSError, ValueError, yaml.YAMLError, AttributeError):
        report.lines.append("print section unreadable: 'check' says why")
        return report
    condition = press.condition(settings.paper)
    standard = "PDF/X-1a:2003, flattened" if settings.standard == "x1a" else "PDF/X-4"
    report.lines.append(f"paper: {settings.paper}, {settings.weight} g/m²; binding: {settings.binding}")
    profile = f"templates/icc/{condition.profile}"
    report.lines.append(f"colour: CMYK for {condition.identifier} ({condition.description}, {profile}), {standard}")
    report.lines.append(f"total ink: at most {condition.ink_limit}% ({settings.paper} paper)")
    for name in ("pamphlet-print.pdf", "pamphlet-cover.pdf") if folder else ():
        declared = _declared_condition(folder / name)
        if declared not in (None, condition.identifier):
            report.warnings.append(
                f"{name} is separated for {declared}, the print section asks for {settings.paper} paper "
                f"({condition.identifier}): build it again"
            )
    return report


def _declared_condition(path: Path) -> str | None:
    """The press condition a PDF's output intent names, or None (no file, no intent, unreadable)."""
    try:
        if _not_a_file(path, folder=False):  # its own report says why
            return None
        with pikepdf.open(path) as pdf:
            intents = pdf.Root.get("/OutputIntents") or []
            return str(intents[0].get("/OutputConditionIdentifier", "")) if intents else None
    except (OSError, *_DAMAGED):
        return None


def check(
    path: Path,
    names: dict[tuple[int, int], str] | None = None,
    *,
    kind: str = "pdf",
    checks: tuple[str, ...] = (),
    folder: bool = False,
) -> Report:
    """One output's report; ``names`` maps an image's pixel size to its file, to name it in warnings.

    ``checks`` adds what a kind of output must also pass: ``trim`` (trim and bleed boxes), ``sheets``.
    """
    names = names or {}
    report = Report(path.name)
    unread = _not_a_file(path, folder=folder)
    if unread:
        report.errors.append(unread)
        return report
    try:
        return _check(path, names, kind, checks, report)
    except _DAMAGED as exc:
        what = {"pptx": "PowerPoint file", "pdf": "PDF"}.get(kind, "file")
        report.errors.append(f"not a readable {what} ({_reason(exc)})")
        return report


def _not_a_file(path: Path, *, folder: bool) -> str:
    """Why ``path`` is not read at all: a link, a pipe, a device where an output goes; or ""."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return "a link stands here, not an output the build wrote: remove it and build again"
    if not (stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)):
        return "not a regular file (a pipe or a device?): remove it and build again"
    return ""


def _reason(exc: BaseException) -> str:
    from pamphleteer.content.source import excerpt

    said = str(exc) if isinstance(exc, Damaged) else f"{type(exc).__name__}: {exc}"
    return excerpt(said.splitlines()[0] if said else type(exc).__name__, 160)


def _check(path: Path, names: dict[tuple[int, int], str], kind: str, checks: tuple[str, ...], report: Report) -> Report:
    if kind == "pptx":
        from lxml import etree
        from pptx import Presentation
        from pptx.exc import PackageNotFoundError

        try:
            prs = Presentation(str(path))
            count = len(prs.slides)
        except PackageNotFoundError as exc:
            raise Damaged("not a zip package") from exc
        except etree.XMLSyntaxError as exc:
            raise Damaged(_reason(exc)) from exc
        report.lines.append(f"{count} slides, {prs.slide_width / 914400:.2f} × {prs.slide_height / 914400:.2f} in")
        return report
    if path.is_dir():  # a folder output (checked above to be one)
        inside = [p for p in path.rglob("*") if p.is_file()]
        report.lines.append(f"{len(inside)} files, {sum(p.stat().st_size for p in inside):,} bytes")
        return report
    if kind != "pdf":
        report.lines.append(f"{path.stat().st_size:,} bytes")
        return report
    with pikepdf.open(path) as pdf:
        n = len(pdf.pages)
        if not n:
            raise Damaged("it has no pages")
        first = pdf.pages[0]
        trim = _box(first, "/TrimBox")
        report.lines.append(
            f"{n} pages, {(trim[2] - trim[0]) * MM_PER_PT:.0f} × {(trim[3] - trim[1]) * MM_PER_PT:.0f} mm"
        )
        if "trim" in checks:
            media = _box(first, "/MediaBox")
            if "/TrimBox" not in first.obj or "/BleedBox" not in first.obj:
                report.errors.append("no TrimBox or BleedBox: the printer cannot find the trim")
            else:
                bleed = (trim[0] - _box(first, "/BleedBox")[0]) * MM_PER_PT
                width, height = (media[2] - media[0]) * MM_PER_PT, (media[3] - media[1]) * MM_PER_PT
                report.lines.append(f"bleed {bleed:.1f} mm, media {width:.0f} × {height:.0f} mm")
                if bleed < 2.9:
                    report.errors.append(f"bleed is {bleed:.1f} mm; printers ask for 3 mm")
        if "trim" in checks:
            report.lines.append(_output_intent(pdf, report))
        if "sheets" in checks:
            report.lines.append(f"{n} sides: {(n + 1) // 2} sheets of paper, printed on both sides")
        fonts, missing = _fonts(pdf)
        images, blanks = _pages(pdf)
    report.lines.append(f"fonts: {', '.join(sorted(fonts)) or 'none'}")
    if missing:
        report.errors.append(f"fonts not embedded: {', '.join(sorted(missing))}")
    for page, name, pixels, dpi in images:
        if dpi < MIN_DPI:
            name = names.get(pixels, name)
            report.warnings.append(f"image {name} on page {page} prints at {dpi:.0f} dpi (under {MIN_DPI})")
    report.lines.append(f"images: {len(images)}" + (f", lowest {min(d for *_, d in images):.0f} dpi" if images else ""))
    if blanks:
        report.warnings.append(f"blank pages: {', '.join(map(str, blanks))}")
    return report


def _output_intent(pdf: pikepdf.Pdf, report: Report) -> str:
    """The colour condition a print edition declares (a reject when it is none, or not CMYK)."""
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if not intents:
        report.errors.append("no PDF/X output intent: the printer cannot tell what the colours are for")
        return "colour: no output intent"
    intent = intents[0]
    profile = intent.get("/DestOutputProfile")
    channels = int(profile.get("/N", 0)) if profile is not None else 0
    if channels != 4:
        report.errors.append("the output intent is not a CMYK press condition")
    name, info = str(intent.get("/OutputConditionIdentifier", "?")), str(intent.get("/Info", ""))
    return f"colour: {'CMYK' if channels == 4 else 'RGB' if channels == 3 else '?'} for {name}" + (
        f" ({info})" if info else ""
    )


def _box(page: pikepdf.Page, name: str) -> list[float]:
    """A page box in points, inherited boxes and defaults resolved as PDF readers do."""
    box = page.obj.get(name) if name in page.obj else None
    if box is None:
        box = page.trimbox if name == "/TrimBox" else page.bleedbox if name == "/BleedBox" else page.mediabox
    return [float(v) for v in box]


def _fonts(pdf: pikepdf.Pdf) -> tuple[set[str], set[str]]:
    seen: set[str] = set()
    missing: set[str] = set()
    for page in pdf.pages:
        _walk_fonts(page.obj.get("/Resources"), seen, missing, set(), 0)
    return seen, missing


def _walk_fonts(resources: Any, seen: set[str], missing: set[str], visited: set[tuple[int, int]], depth: int) -> None:
    """Fonts of a resource dictionary and of the form XObjects it uses (the booklet nests pages)."""
    if resources is None:
        return
    if depth > MAX_FORMS:
        raise Damaged(f"forms nested more than {MAX_FORMS} deep")
    for font in (resources.get("/Font") or {}).values():
        name = str(font.get("/BaseFont", "?")).lstrip("/").split("+")[-1]
        seen.add(name)
        if font.get("/Subtype") == "/Type3":
            continue
        descendants = font.get("/DescendantFonts")
        target = descendants[0] if descendants else font
        descriptor = target.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            missing.add(name)
    for xobject in (resources.get("/XObject") or {}).values():
        key = xobject.objgen
        if xobject.get("/Subtype") == "/Form" and key not in visited:
            visited.add(key)
            _walk_fonts(xobject.get("/Resources"), seen, missing, visited, depth + 1)


_PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "BI"}


def _pages(pdf: pikepdf.Pdf) -> tuple[list[tuple[int, str, tuple[int, int], float]], list[int]]:
    """Every image drawn (page, name, pixels, effective dpi) and the pages that draw nothing."""
    images: list[tuple[int, str, tuple[int, int], float]] = []
    blanks = []
    for number, page in enumerate(pdf.pages, 1):
        found: list[tuple[str, tuple[int, int], float]] = []
        if not _draw(page.obj, pikepdf.Matrix(), found, set()):
            blanks.append(number)
        images += [(number, name, pixels, dpi) for name, pixels, dpi in found]
    return images, blanks


def _draw(holder: Any, ctm: pikepdf.Matrix, found: list[tuple[str, tuple[int, int], float]], visited: set) -> bool:
    """Follow a content stream's transformations; note each image's size as drawn. True if it paints."""
    if len(visited) > MAX_FORMS:
        raise Damaged(f"forms nested more than {MAX_FORMS} deep")
    resources = holder.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    stack = [ctm]
    painted = False
    for operands, operator in pikepdf.parse_content_stream(holder):
        op = str(operator)
        if op == "q":
            stack.append(stack[-1])
        elif op == "Q" and len(stack) > 1:
            stack.pop()
        elif op == "cm":
            stack[-1] = pikepdf.Matrix(*[float(v) for v in operands]) @ stack[-1]
        elif op in _PAINT:
            painted = True
        elif op == "Do" and operands and str(operands[0]) in xobjects:
            xobject = xobjects[str(operands[0])]
            if xobject.get("/Subtype") == "/Image":
                m = stack[-1]
                width_in = math.hypot(m.a, m.b) / 72
                if width_in > 0:
                    pixels = (int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0)))
                    found.append((str(operands[0]).lstrip("/"), pixels, pixels[0] / width_in))
                painted = True
            elif xobject.get("/Subtype") == "/Form" and xobject.objgen not in visited:
                matrix = pikepdf.Matrix(*[float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])])
                painted |= _draw(xobject, matrix @ stack[-1], found, visited | {xobject.objgen})
    return painted
