"""A compositor's check of a built pamphlet, read back from the PDF with poppler's word boxes.

``check(pdf)`` returns a :class:`Report` of what a good press would not let through:
runt pages (a section ending on fewer than 4 lines, a register ending on fewer than 3 entries),
pages more than a fifth empty in the middle of a section, ladders of 3+ hyphenated line ends, personal names, numbers
and dates broken at a line end or across a page turn, words outside the text block,
subheadings in a page's last three lines, fonts that are not ours, a word alone on a
line mid-paragraph; and, counted apart, loose justified lines (word spaces over 6 pt). Run it on a PDF from the command line for the counts:
``python -m tests.layout OUT/pamphlet.pdf --content=content [-v]``.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pypdf import PdfReader

from pamphleteer.infra.locations import templates_dir
from pamphleteer.pamphlet.rules import (  # the press's measures, the build's warnings' too
    MIN_ENTRIES,
    MIN_FULL,
    MIN_LINES,
)
from tests import inkinfo

MM = 72 / 25.4
# The pamphlet's page: A5, margins 17 mm top, 19 mm bottom, 17 mm and 14 mm at the sides.
TOP, BOTTOM, OUTER, INNER = 17 * MM, 19 * MM, 17 * MM, 14 * MM
# WeasyPrint's justified lines end up to 1.6 pt past the measure in English (its rounding of word
# spaces), 2.3 pt in Russian's lines of many short words; anything more is a real overflow (a
# table, a URL, a chart).
SLACK = 2.5
BUNDLED_FONTS = ("PT-Serif", "PT-Sans", "Fallback-")  # the template names its Noto subsets "Fallback ..."
MONTHS = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
}  # fmt: skip
_NS = "{http://www.w3.org/1999/xhtml}"
_CATALOGUES = [
    yaml.safe_load(path.read_text(encoding="utf-8")) for path in (templates_dir() / "locales").glob("*.yaml")
]
# The registers' titles in every language the tool speaks ("Who's who", "Personen", "Глоссарий"...).
_REGISTER_TITLES = {c[k] for c in _CATALOGUES for k in ("people", "timeline", "glossary", "sources", "index")}
# The notes pages' title in every language the tool speaks ("Notes", "Notas", "Заметки"...).
_FILLER_TITLES = {c["notes"].replace(" ", "").casefold() for c in _CATALOGUES}


@dataclass(frozen=True)
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    words: tuple[str, ...]
    spans: tuple[tuple[float, float], ...] = ()  # each word's left and right edge

    def gaps(self) -> list[float]:
        """The white between each word and the next."""
        return [b[0] - a[1] for a, b in zip(self.spans, self.spans[1:], strict=False)]


@dataclass
class Report:
    runts: list[str] = field(default_factory=list)
    underfull: list[str] = field(default_factory=list)
    ladders: list[str] = field(default_factory=list)
    broken_names: list[str] = field(default_factory=list)
    broken_numbers: list[str] = field(default_factory=list)
    page_turn_splits: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    stranded_headings: list[str] = field(default_factory=list)
    foreign_fonts: list[str] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)
    lone_words: list[str] = field(default_factory=list)
    justified: int = 0  # lines set to the full measure, of which `loose` are loose

    def counts(self) -> dict[str, int]:
        """How many of each fault a press would not let through (loose lines are counted apart)."""
        return {name: len(value) for name, value in vars(self).items() if isinstance(value, list) and name != "loose"}

    def loose_share(self) -> float:
        """Loose lines as a share of the lines set to the full measure."""
        return len(self.loose) / self.justified if self.justified else 0.0

    def __str__(self) -> str:
        out = []
        for name, items in vars(self).items():
            out.append(f"{name}: {items if isinstance(items, int) else len(items)}")
            out.extend(f"  {item}" for item in ([] if isinstance(items, int) else items))
        return "\n".join(out)


def lines(pdf: Path) -> tuple[list[list[Line]], float, float]:
    """Every line of every page (flow order), and the page size."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(xml)
    pages: list[list[Line]] = []
    width = height = 0.0
    for number, page in enumerate(root.iter(f"{_NS}page"), start=1):
        width, height = float(page.get("width", 0)), float(page.get("height", 0))
        found = []
        for block in page.iter(f"{_NS}block"):
            for line in block.iter(f"{_NS}line"):
                words = tuple(w.text or "" for w in line.iter(f"{_NS}word"))
                spans = tuple((float(w.get("xMin", 0)), float(w.get("xMax", 0))) for w in line.iter(f"{_NS}word"))
                box = [float(line.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")]
                found.append(Line(number, *box, words, spans))
        pages.append(found)
    return pages, width, height


_DPI = 36
_ROW = 72 / _DPI  # points per pixel row


def _ink_rows(pdf: Path) -> list[list[bool]]:
    """For each page, whether each pixel row (at 36 dpi) has any ink on it."""
    out = []
    for image in inkinfo.grey_pages(pdf, _DPI):
        width, pixels = image.width, image.tobytes()
        out.append([min(pixels[r * width : (r + 1) * width]) < 235 for r in range(image.height)])
    return out


def _stranded_headings(pdf: Path, numbers: set[int], height: float) -> list[str]:
    """Subheadings (PT Sans Bold, 11 pt) set in the last three lines of a page's text block. Read from
    poppler's XML of the text (its lines, each with its font and box: a bold face's text in ``<b>``), which
    finds what pdfplumber's words found, page for page, in a thirtieth of the time (the shipped pamphlet:
    0.6 s, where pdfplumber parsed every page's content stream in Python for 18 s)."""
    limit = height - BOTTOM - 3 * 10 * 1.42  # three lines of text above the foot of the block
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", "-q", str(pdf)], capture_output=True, check=True
    ).stdout
    found = []
    fonts: dict[str, tuple[float, str]] = {}  # a font is declared on the first page that uses it
    for page in ET.fromstring(xml).iter("page"):
        number = int(page.get("number", "0"))
        fonts.update({f.get("id", ""): (float(f.get("size", "0")), f.get("family", "")) for f in page.iter("fontspec")})
        if number not in numbers:
            continue
        for line in page.iter("text"):
            size, family = fonts[line.get("font", "")]
            bold = line.text is None and len(line) > 0 and line[0].tag == "b"
            bottom = float(line.get("top", "0")) + float(line.get("height", "0"))
            if "PT-Sans" in family and bold and 10.5 <= size <= 11.5 and bottom > limit:
                words = "".join(line.itertext())
                found.append(f"p. {number}: heading at y={float(line.get('top', '0')):.0f}: {words!r}")
                break
    return found


def register_entries(pdf: Path, numbers: set[int], rtl: bool = False) -> dict[int, int]:
    """How many entries of a register each page begins: a name, term or date set in bold sans
    (the who's who, the glossary, the timeline), or else a line at the head of a hanging indent
    (the index, the sources), its lines hanging from the right in a right-to-left book."""
    import pdfplumber

    found = {}
    with pdfplumber.open(pdf) as document:
        for number in sorted(numbers):
            words = document.pages[number - 1].extract_words(extra_attrs=["fontname", "size"])
            body = [w for w in words if w["top"] >= TOP - 2 and w["bottom"] <= document.pages[0].height - BOTTOM + 2]
            rows: list[list[dict]] = []  # each line of each column: words on one baseline, no wide gap
            for word in sorted(body, key=lambda w: (round(w["bottom"]), w["x0"])):
                row = rows[-1] if rows else None
                if row and abs(row[-1]["bottom"] - word["bottom"]) < 1 and word["x0"] - row[-1]["x1"] < 12:
                    row.append(word)
                else:
                    rows.append([word])
            heads = [r for r in rows if "Sans-Bold" in r[0]["fontname"] and 7 <= r[0]["size"] <= 9]
            if heads:
                found[number] = len(heads)
                continue
            if rtl:
                ends = [r[-1]["x1"] for r in rows]
                hanging = [r for r in rows if any(2.5 * MM <= x - r[-1]["x1"] <= 4.5 * MM for x in ends)]
            else:
                starts = [r[0]["x0"] for r in rows]
                hanging = [r for r in rows if any(2.5 * MM <= r[0]["x0"] - x <= 4.5 * MM for x in starts)]
            found[number] = len(rows) - len(hanging)
    return found


def sections(pdf: Path, page_count: int) -> list[tuple[str, int, int]]:
    """(title, first page, last page) of each top-level bookmark: chapters and appendices."""
    reader = PdfReader(str(pdf))
    marks = [
        (item.title, reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]
    out = []
    for i, (title, start) in enumerate(marks):
        end = marks[i + 1][1] - 1 if i + 1 < len(marks) else page_count
        out.append((title, start, end))
    return out


def _body(page: list[Line], height: float) -> list[Line]:
    """Lines in the text block: not the running head, not the folio."""
    return [ln for ln in page if ln.y0 >= TOP - 2 and ln.y1 <= height - BOTTOM + 2]


def _hyphenated(line: Line, following: Line | None) -> bool:
    if not line.words or not following or not following.words:
        return False
    last = line.words[-1]
    return len(last) > 1 and last.endswith("-") and last[-2].isalpha() and following.words[0][:1].isalpha()


# A justified line of running text (10 pt) is loose when its word spaces average more than 6 pt, six tenths of an
# em and a fifth: more than twice the font's space, where a reader sees rivers and holes.
LOOSE_GAP = 6.0
_TEXT_SIZE = (12.0, 14.0)  # a line of 10 pt running text, as poppler boxes it: not notes, captions, the index


def _rows(body: list[Line]) -> list[Line]:
    """The page's lines as set: poppler reads a very loose line as several, one per far-apart word."""
    rows: list[Line] = []
    for ln in sorted(body, key=lambda ln: (round(ln.y1), ln.x0)):
        last = rows[-1] if rows else None
        if last and abs(last.y1 - ln.y1) < 1 and abs(last.y0 - ln.y0) < 3 and ln.x0 >= last.x1:
            rows[-1] = Line(last.page, last.x0, min(last.y0, ln.y0), ln.x1, max(last.y1, ln.y1),
                            last.words + ln.words, last.spans + ln.spans)  # fmt: skip
        else:
            rows.append(ln)
    return rows


def _spacing(report: Report, number: int, body: list[Line], x_min: float, x_max: float) -> None:
    """Loose justified lines, and a word alone on a line between two full ones (mid-paragraph)."""
    body = _rows(body)
    for i, ln in enumerate(body):
        full = ln.x1 >= x_max - 1.5 and ln.x0 <= x_min + 12 and _TEXT_SIZE[0] <= ln.y1 - ln.y0 <= _TEXT_SIZE[1]
        if full and len(ln.words) >= 2:
            report.justified += 1
            gaps = ln.gaps()
            if sum(gaps) / len(gaps) > LOOSE_GAP:
                report.loose.append(f"p. {number}: {sum(gaps) / len(gaps):.1f} pt spaces: {' '.join(ln.words)[:50]!r}")
        if len(ln.words) == 1 and 0 < i < len(body) - 1:
            before, after = body[i - 1], body[i + 1]
            if all(o.x1 >= x_max - 1.5 and len(o.words) >= 2 and abs(o.x0 - ln.x0) < 1 for o in (before, after)):
                report.lone_words.append(f"p. {number}: {ln.words[0]!r} alone between full lines")


def word_breaks(pdf: Path) -> list[tuple[str, str]]:
    """Each word broken at a line end with a hyphen: (the part before the hyphen, the part after)."""
    pages, _, _ = lines(pdf)
    found = []
    for page in pages:
        for line, following in itertools.pairwise(page):
            if line.words and following.words and re.search(r"[^\W\d_]-$", line.words[-1]):
                head = re.sub(r"^.*?([^\W\d_]+)-$", r"\1", line.words[-1])
                tail = re.match(r"[^\W\d_]*", following.words[0])
                found.append((head, tail.group() if tail else ""))
    return found


def compounds(root: Path) -> set[str]:
    """Every hyphenated compound the content writes ("Secretary-General"): a line may break at its hyphen."""
    found = set()
    for path in root.rglob("*.yaml"):
        found.update(re.findall(r"[^\W\d_][\w’']*(?:-[^\W\d_][\w’']*)+", path.read_text(encoding="utf-8")))
    publication = yaml.safe_load((root / "publication.yaml").read_text(encoding="utf-8")) or {}
    if publication.get("translation_of"):  # a translation prints its original's untranslated parts
        found |= compounds((root / publication["translation_of"]).resolve())
    return found


def names(root: Path) -> set[str]:
    """The words of the people register's names: a line may not break inside them."""
    path = root / "people.yaml"
    people = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("people", []) if path.exists() else []
    found = {w for p in people for field in ("name", "index_as") for w in re.findall(r"[^\W\d_]+", p.get(field) or "")}
    publication = yaml.safe_load((root / "publication.yaml").read_text(encoding="utf-8")) or {}
    if publication.get("translation_of"):
        found |= names((root / publication["translation_of"]).resolve())
    return found


def check(pdf: Path, compounds: AbstractSet[str] = frozenset(), names: AbstractSet[str] | None = None) -> Report:
    """The compositor's report on a built pamphlet; ``compounds`` are the content's own hyphenated words,
    ``names`` the words of its people's names (without them, any capitalised word counts as a name)."""
    pages, width, height = lines(pdf)
    report = Report()
    block_h = height - TOP - BOTTOM
    spans = sections(pdf, len(pages))
    # The last page of a section, the ruled "Notes" fillers and the back cover are not held to "full".
    fillers = {
        # (letter-spaced, so poppler may read "N OT E S")
        n
        for n, page in enumerate(pages, start=1)
        if (text := "".join(w for ln in page for w in ln.words).casefold()) in _FILLER_TITLES
        or text[::-1] in _FILLER_TITLES  # poppler reads a right-to-left title backwards
    }
    # the last section runs up to the fillers and the back cover, which are not its pages
    spans = [(t, s, e if e < len(pages) else min(fillers | {len(pages)}) - 1) for t, s, e in spans]
    ends = {end for _, _, end in spans}
    body_pages = {p for _, start, end in spans for p in range(start, end + 1)}
    letters = [c for page in pages for ln in page for w in ln.words for c in w if c.isalpha()]
    rtl = sum(1 for c in letters if "\u0590" <= c <= "\u08ff") > len(letters) / 2  # Hebrew or Arabic
    for title, start, end in spans:
        last = [ln for ln in _body(pages[end - 1], height) if ln.words]
        if end > start and len(last) < MIN_LINES:
            report.runts.append(f"p. {end}: {title!r} ends on {len(last)} line(s)")
    registers = {end: title for title, start, end in spans if title in _REGISTER_TITLES and end > start}
    for end, count in register_entries(pdf, set(registers), rtl).items():
        if count < MIN_ENTRIES:
            report.runts.append(f"p. {end}: {registers[end]!r} ends on {count} entr{'y' if count == 1 else 'ies'}")
    ink = _ink_rows(pdf)
    for number in sorted(body_pages - ends):
        # the biggest stretch of white in the text block (a chart or a picture counts as ink)
        rows = ink[number - 1]
        gap = at = run = 0
        first, last = int(TOP / _ROW), int((height - BOTTOM) / _ROW)
        for row in range(first, last + 1):
            run = 0 if rows[row] else run + 1
            if run > gap:
                gap, at = run, row - run + 1
        if gap * _ROW / block_h > 1 - MIN_FULL:
            report.underfull.append(f"p. {number}: {gap * _ROW / block_h:.0%} white from y={at * _ROW:.0f}")
    for number, page in enumerate(pages, start=1):
        body = _body(page, height)
        run: list[Line] = []
        for i, ln in enumerate(body):
            nxt = body[i + 1] if i + 1 < len(body) else None
            if _hyphenated(ln, nxt):
                run.append(ln)
                word = ln.words[-1][:-1] + (nxt.words[0] if nxt else "")
                whole = (ln.words[-1] + (nxt.words[0] if nxt else "")).strip(",.;:!?()“”‘’\"'")
                name = word.strip(",.;:!?()“”‘’\"'") in names if names is not None else word[:1].isupper()
                if name and whole not in compounds:
                    report.broken_names.append(f"p. {number}: {ln.words[-1]}{nxt.words[0] if nxt else ''}")
            else:
                if len(run) >= 3:
                    report.ladders.append(f"p. {number}: {len(run)} lines from {' '.join(run[0].words[-2:])!r}")
                run = []
            if nxt and ln.words and nxt.words:
                a, b = ln.words[-1], nxt.words[0]
                if (
                    re.search(r"\d[–-]$", a)
                    or (re.fullmatch(r"\d{1,2}", a) and b.rstrip(",.;") in MONTHS)
                    or (re.fullmatch(r"[–-]\d+\W*", b) and re.search(r"\d$", a))
                ):
                    report.broken_numbers.append(f"p. {number}: {a} / {b}")
        if number in body_pages and body and body[-1].words and number not in ends:
            last = max(body, key=lambda ln: ln.y1)
            if last.words[-1].endswith("-") and last.words[-1][-2:-1].isalpha():
                report.page_turn_splits.append(f"p. {number}: {last.words[-1]}")
        if number in body_pages:
            left_page = number % 2 == (1 if rtl else 0)  # a right-to-left book opens on a left-hand page
            # right-hand pages: 17 mm at the spine side (left), 14 mm outside; mirrored on the left
            x_min = INNER if left_page else OUTER
            x_max = width - (OUTER if left_page else INNER)
            for ln in body:
                if ln.x0 < x_min - SLACK or ln.x1 > x_max + SLACK:
                    off = max(x_min - ln.x0, ln.x1 - x_max)
                    report.outside.append(f"p. {number}: {off:.1f} pt out: ...{' '.join(ln.words)[-40:]!r}")
            _spacing(report, number, body, x_min, x_max)
    report.stranded_headings = _stranded_headings(pdf, body_pages, height)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for row in fonts.splitlines()[2:]:
        name = row.split()[0].split("+")[-1]
        if not name.startswith(BUNDLED_FONTS):
            report.foreign_fonts.append(name)
    return report


if __name__ == "__main__":
    for arg in [a for a in sys.argv[1:] if not a.startswith("-")]:
        root = next((Path(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--content=")), None)
        result = check(Path(arg), compounds(root) if root else set(), names(root) if root else None)
        print(arg, result.counts(), f"loose {len(result.loose)} of {result.justified} ({result.loose_share():.1%})")
        if "-v" in sys.argv:
            print(result)
