"""Cross-checks between content files: chapter lists, references, images.

Each check runs on whatever could be read: a register that failed validation
is not used to judge references into it (that would only repeat its own
problem as many false ones), but every other check still runs, so an author
sees every problem in one run.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from pamphleteer.errors import Problem, display_path
from pamphleteer.text import inline

from . import images, mistakes, model, source
from .book import Book, ChapterDoc
from .messages import did_you_mean
from .reading import Files

_NOUN = {
    "person": "person in people.yaml",
    "term": "term in glossary.yaml",
    "source": "source in sources.yaml",
    "chapter": "chapter",
}


# Names Windows keeps for devices, whatever follows a dot: no Windows folder holds a chapter's file or a
# picture so named.
DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))})
DEVICE_NAME = "is a name Windows keeps for a device (con, prn, aux, nul, com1 to com9, lpt1 to lpt9)"


def device(name: str) -> str | None:
    """The part of the path ``name`` (a chapter's id, a picture's file) that Windows takes for a device, in
    lower case ("con" of ``images/CON.png``, "aux" of ``aux/map.png``); None when it names no device. Windows
    reads such a part up to its first dot, spaces before the dot ignored."""
    for part in PurePosixPath(name).parts:
        stem = part.split(".")[0].rstrip(" ").lower()
        if stem in DEVICES:
            return stem
    return None


def _picture_device(name: str) -> str | None:
    """Why a picture may not be named ``name`` on Windows, or None."""
    found = device(name)
    if found is None:
        return None
    return f"'{name}': '{found}' {DEVICE_NAME}, whatever follows a dot: no Windows folder holds it; rename it"


def _hint(name: str, files: Files) -> str:
    """What to say after "no file chapters/NAME.yaml": the file whose name differs only in case, or a near name."""
    cased = next((other for other in files.chapters if other.lower() == name), None)
    if cased is not None:
        return (
            f"; chapters/{cased}.yaml differs only in case: rename it {name}.yaml (Windows and macOS do not tell "
            "the two names apart)"
        )
    return did_you_mean(name, list(files.chapters))


def chapter_lists(files: Files, pub: model.Publication) -> list[Problem]:
    """Listed chapters that have no file, and chapter files that are not listed."""
    assert files.publication.located is not None
    pub_loc = files.publication.located
    problems = []
    listed = {*pub.chapters, *pub.appendices}
    seen: set[str] = set()
    for key in ("chapters", "appendices"):
        for i, name in enumerate(getattr(pub, key)):
            if name in seen:
                problems.append(pub_loc.problem((key, i), f"'{name}' is listed twice in chapters and appendices"))
            seen.add(name)
            if name in model.GENERATED_APPENDICES and key == "appendices":
                continue
            if device(name):
                said = f"'{name}' {DEVICE_NAME}: no Windows folder holds chapters/{name}.yaml; choose another id"
                problems.append(pub_loc.problem((key, i), said))
            if name not in files.chapters:
                problems.append(pub_loc.problem((key, i), f"no file chapters/{name}.yaml{_hint(name, files)}"))
    for name, read in files.chapters.items():
        if name.lower() in listed and name not in listed and name.lower() not in files.chapters:
            continue  # the listed id's own problem names this file
        if name in model.GENERATED_APPENDICES:
            problems.append(
                Problem(read.path, 1, 1, "", f"'{name}' is the name of a generated appendix; rename the file")
            )
        elif name not in listed and name != name.lower() and name.lower() in files.chapters:
            said = f"differs from chapters/{name.lower()}.yaml only in case, and Windows and macOS cannot hold both"
            problems.append(Problem(read.path, 1, 1, "", f"{said}: remove it or give it another name"))
        elif name not in listed:
            problems.append(
                Problem(read.path, 1, 1, "", "chapter is not listed in publication.yaml (chapters or appendices)")
            )
    return problems


def used_images(
    root: Path, chapters: Mapping[str, tuple[source.Located, model.Chapter]], original: Path | None = None
) -> tuple[list[Path], list[Problem]]:
    """Check each image the chapters show, once, and keep its real path on it (``image.path``): the
    real paths in order of use, and the problems with any of them. ``original``: a translation's
    original folder, where a picture the translation's own folder lacks is found."""
    paths: list[Path] = []
    problems = []
    for located, chapter in chapters.values():
        for loc, image in _images(chapter):
            found = _picture_device(image.file) or images.check(root, image.file, original)
            if isinstance(found, Path):
                image._path = found
                paths.append(found)
            elif found:
                problems.append(located.problem((*loc, "file"), found))
    return paths, problems


def publication_images(
    root: Path, publication: Any, located: source.Located | None, original: Path | None = None
) -> tuple[Any, list[Path], list[Problem]]:
    """Check the cover picture and the logo ``publication.yaml`` names, as :func:`used_images` checks a
    chapter's; ``publication`` a publication's or a translation's (which may name its own cover). Returned
    without the one that failed its check (the rest of the publication is still checked), with the real
    paths and the problems."""
    paths: list[Path] = []
    problems = []
    cover, style = publication.cover, getattr(publication, "style", None)
    if cover is not None:
        found = _picture_device(cover.file) or images.check(root, cover.file, original)
        if isinstance(found, Path):
            cover._path = found
            paths.append(found)
        else:
            problems += [located.problem(("cover", "file"), found)] if located is not None else []
            publication = publication.model_copy(update={"cover": None})
    if style is not None and style.logo is not None:
        found = _picture_device(style.logo) or images.check(root, style.logo, original)
        if isinstance(found, Path):
            style._logo = found
            paths.append(found)
        else:
            problems += [located.problem(("style", "logo"), found)] if located is not None else []
            publication = publication.model_copy(update={"style": style.model_copy(update={"logo": None})})
    return publication, paths, problems


def case_clashes(
    root: Path,
    publication: Any,
    located: source.Located | None,
    chapters: Mapping[str, tuple[source.Located, model.Chapter]],
) -> list[Problem]:
    """Pictures named by names that differ only in case (``images/Map.png`` and ``images/map.png``): two
    files on Linux, one on Windows and macOS, where the publication would show one picture in both places.
    Each name after the first so spelt is refused where it is written; the cover and the logo
    (``publication.yaml``) come first, then the chapters in order, each file named as in the publication
    folder ``root``. Only names found and checked (a name already refused, one not found say, has its own
    problem)."""
    named: list[tuple[source.Located, tuple, str]] = []
    cover, style = publication.cover, getattr(publication, "style", None)
    if located is not None and cover is not None and cover._path is not None:
        named.append((located, ("cover", "file"), cover.file))
    if located is not None and style is not None and style.logo is not None and style._logo is not None:
        named.append((located, ("style", "logo"), style.logo))
    for where, chapter in chapters.values():
        named += [(where, (*loc, "file"), image.file) for loc, image in _images(chapter) if image._path is not None]
    first: dict[str, tuple[str, str]] = {}  # the name folded to lower case -> the name first seen, and where
    problems = []
    for where, loc, name in named:
        written = PurePosixPath(name).as_posix()
        line, col = where.position(loc)
        spelt, at = first.setdefault(written.casefold(), (written, f"{_in(root, where.path)}:{line}:{col}"))
        if spelt != written:
            message = (
                f"'{name}' differs from '{spelt}' (named at {at}) only in case, and Windows and macOS cannot hold "
                "both: give the picture one name"
            )
            problems.append(where.problem(loc, message))
    return problems


def _in(root: Path, path: Path) -> str:
    """``path`` as the publication names it (``chapters/works.yaml``), or as the author typed it outside."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else display_path(path)


def _images(chapter: model.Chapter) -> Iterator[tuple[tuple, model.Image]]:
    for i, block in enumerate(chapter.blocks):
        if block.image is not None:
            yield ("blocks", i, "image"), block.image
    for i, slide in enumerate(chapter.slides):
        if slide.image is not None:
            yield ("slides", i, "image"), slide.image


def check(book: Book, files: Files) -> list[Problem]:
    """Every reference in the publication that points at nothing, and impossible timeline ranges."""
    checker = _Checker(book, files)
    checker.run()
    return checker.problems


_LANG = re.compile(r"\]\(lang:([^)]*)\)")


class _Checker:
    def __init__(self, book: Book, files: Files) -> None:
        self.book = book
        self.problems: list[Problem] = []
        # A register that failed validation still names its ids in its raw data: references into it are
        # judged by those; one whose YAML did not parse cannot judge them at all.
        pub = book.publication
        listed = [n for n in (*pub.chapters, *pub.appendices) if n in files.chapters]
        raw_tables = [files.chapters[n] for n in listed]
        self.known: dict[str, Collection[str] | None] = {
            "person": _ids(files, "people", "people", book.people),
            "term": _ids(files, "glossary", "terms", book.terms),
            "source": _ids(files, "sources", "sources", book.sources),
            # A translation's chapters may refer to the original's, which it does not hold itself.
            "chapter": [*listed, *(d.id for d in book.all_chapters() if d.id not in listed)],
            "data series": _ids(files, "data", "series", book.series),
            "table": None if any(r.located is None for r in raw_tables) else {*_table_ids(raw_tables), *book.tables},
        }
        valid = {key: read.value is not None for key, read in files.registers.items()}
        self.timeline_valid = valid.get("timeline", True)
        self.located = [r.located for r in (files.publication, *files.registers.values()) if r.located]
        self.located += [files.chapters[n].located for n in listed if files.chapters[n].located]
        self.pub_loc = files.publication.located

    def run(self) -> None:
        book = self.book
        for located in self.located:
            strings = _strings(located.data, ())
            self.problems += mistakes.found(located, strings, self.known)
            self.problems += mistakes.blank_lines(located, _paragraphs(located))
            for loc, text in strings:
                seen: list[tuple[str, str]] = []
                for kind, ref in inline.refs(inline.parse(text, book.language)):
                    known = self.known[kind]
                    seen.append((kind, ref))
                    if known is not None and ref not in known:
                        hint = did_you_mean(ref, list(known))
                        # Point at the reference itself, not at the start of its paragraph.
                        at = located.position_in(loc, f"]({kind}:{ref})", seen.count((kind, ref)) - 1, skip=2)
                        message = f"{kind}:{ref} refers to no {_NOUN[kind]}{hint}"
                        self.problems.append(located.problem(loc, message, at=at))
                tags = _LANG.findall(text)
                for n, tag in enumerate(tags):
                    if not inline.LANG_TAG.match(tag):
                        at = located.position_in(loc, f"](lang:{tag})", tags[:n].count(tag), skip=2)
                        message = f"lang:{tag} is not a language tag (write e.g. lang:fr, lang:de-CH)"
                        self.problems.append(located.problem(loc, message, at=at))
        assert self.pub_loc is not None
        for i, ref in enumerate(book.publication.lecture.reading):
            self._ref(self.pub_loc, ("lecture", "reading", i), ref, "source")
        in_parts: dict[str, str] = {}
        for i, part in enumerate(book.publication.lecture.parts):
            for j, ref in enumerate(part.chapters):
                loc = ("lecture", "parts", i, "chapters", j)
                self._ref(self.pub_loc, loc, ref, "chapter")
                if ref in in_parts:  # the handout would recap it, and the script time it, twice
                    message = f"'{ref}' is already in {in_parts[ref]}; a chapter belongs to one part"
                    self.problems.append(self.pub_loc.problem(loc, message))
                in_parts.setdefault(ref, f"part {i + 1} ('{source.excerpt(part.title)}')")
        self._lecture_length()
        for doc in book.all_chapters():
            for i, block in enumerate(doc.chapter.blocks):
                self._visual(doc, ("blocks", i, block.kind), block.kind, block.body)
            for i, slide in enumerate(doc.chapter.slides):
                if slide.visual:
                    self._visual(doc, ("slides", i, slide.visual), slide.visual, getattr(slide, slide.visual))
                self._columns(doc, i, slide)

    def _lecture_length(self) -> None:
        """At most ``MAX_LECTURE`` slides in all: the first slide past it is the one to move or cut."""
        total = 0
        for doc in self.book.all_chapters():
            if total + len(doc.chapter.slides) > model.MAX_LECTURE:
                message = (
                    f"the lecture has more than {model.MAX_LECTURE:,} slides by here; at most {model.MAX_LECTURE:,}"
                )
                self.problems.append(doc.located.problem(("slides", model.MAX_LECTURE - total), message))
                return
            total += len(doc.chapter.slides)

    def _visual(self, doc: ChapterDoc, loc: tuple, kind: str, body: Any) -> None:
        if kind == "quote" and body.who:
            self._ref(doc.located, (*loc, "who"), body.who, "person")
        elif kind == "figure":
            self._ref(doc.located, (*loc, "series"), body.series, "data series")
        elif kind == "chart":
            self._ref(doc.located, loc, body, "data series")
        elif kind == "table" and isinstance(body, str):
            self._ref(doc.located, loc, body, "table")
        elif kind == "timeline":
            if body.start > body.end:
                self.problems.append(
                    doc.located.problem((*loc, "end"), f"ends ({body.end}) before it starts ({body.start})")
                )
            elif self.timeline_valid and not self.book.events_between(body.start, body.end):
                self.problems.append(
                    doc.located.problem(loc, f"no timeline events between {body.start} and {body.end}")
                )

    def _columns(self, doc: ChapterDoc, i: int, slide: model.Slide) -> None:
        """The columns a table slide lists must be the table's, by their headings as written."""
        table = self.book.tables.get(slide.table or "")
        if table is None or not slide.columns:
            return  # no table, or one that did not validate: its own problem is reported
        for j, name in enumerate(slide.columns):
            if name not in table.columns:
                hint = did_you_mean(name, list(table.columns)) or f" (it has {', '.join(table.columns)})"
                message = f"'{name}' is no column of table '{slide.table}'{hint}"
                self.problems.append(doc.located.problem(("slides", i, "columns", j), message))

    def _ref(self, located: source.Located, loc: tuple, ref: str, kind: str) -> None:
        known = self.known[kind]
        if known is not None and ref not in known:
            hint = did_you_mean(ref, list(known))
            self.problems.append(located.problem(loc, f"'{ref}' is no known {kind}{hint}"))


def _ids(files: Files, key: str, attr: str, validated: Collection[str]) -> Collection[str] | None:
    read = files.registers.get(key)
    if read is None or read.value is not None:
        return validated
    if read.located is None:
        return None
    items = read.located.data.get(attr) if isinstance(read.located.data, dict) else None
    if not isinstance(items, list):
        return None  # not even a list of entries: nothing to judge by
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _table_ids(chapters: list[Any]) -> set[str]:
    ids = set()
    for read in chapters:
        blocks = read.located.data.get("blocks") if isinstance(read.located.data, dict) else None
        for block in blocks if isinstance(blocks, list) else []:
            table = block.get("table") if isinstance(block, dict) else None
            if isinstance(table, dict) and isinstance(table.get("id"), str):
                ids.add(table["id"])
    return ids


def _paragraphs(located: source.Located) -> Iterator[tuple[tuple, int]]:
    """Each ``p:`` of a chapter file (as written, valid or not), by its place, and its key's column."""
    blocks = located.data.get("blocks") if isinstance(located.data, dict) else None
    for i, block in enumerate(blocks if isinstance(blocks, list) else []):
        if isinstance(block, dict) and isinstance(block.get("p"), str) and ("blocks", i, "p") in located.keys:
            yield ("blocks", i, "p"), located.keys[("blocks", i, "p")][1]


_MARKED = re.compile(r"\]\s*\(|\((?:person|term|source|chapter|lang)\s*:")  # a link, or what is left of one


def _strings(data: Any, loc: tuple) -> list[tuple[tuple, str]]:
    if isinstance(data, str):
        return [(loc, data)] if _MARKED.search(data) else []
    if isinstance(data, list):
        return [x for i, item in enumerate(data) for x in _strings(item, (*loc, i))]
    if isinstance(data, dict):
        return [x for k, v in data.items() for x in _strings(v, (*loc, k))]
    return []
