"""Incremental builds: what is stale, and the record of what the last build made from what.

An output's key hashes what its builder declares it reads (``reads``, the
options that shape it, the products it needs, the tool's code) and its record
holds the files recorded while it ran (``infra/dependencies.py``). It is remade when
the key or any recorded file changed, or when its file is missing or is not the
one we wrote (which also repairs a set of outputs left mixed by a killed
build). Records live in ``.pamphleteer-state.json`` in the output folder, with a
checksum; a state file that is damaged, hand-edited or of the wrong shape is
ignored and everything is rebuilt.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pamphleteer import __version__, settings
from pamphleteer.builders import REGISTRY, Builder, Options
from pamphleteer.builders.base import Made
from pamphleteer.content import Book, load
from pamphleteer.errors import BuildError, display_path
from pamphleteer.infra import dependencies, output
from pamphleteer.infra.dependencies import digest

from . import quick

STATE = quick.STATE  # named there, so that a build with nothing to do finds it without this module
FORMAT = 3  # 3: each record keeps the digest of the content it read (preflight's "out of date")


def base_key(book: Book, builder: Builder, options: Options, reads: str | None = None) -> str:
    """Hash of the model parts and options ``builder`` reads, the tool's code and the date stamp (``reads``:
    the model parts' :func:`reads_digest`, when already at hand)."""
    parts = {
        "version": __version__,
        "code": dependencies.code_digest(),
        "epoch": settings.SOURCE_DATE_EPOCH.get(),
        "builder": builder.name,
        "reads": reads or reads_digest(book, builder),
        "options": builder.shaped_by(options),
    }
    return digest(json.dumps(parts, sort_keys=True, default=str).encode())


def reads_digest(book: Book, builder: Builder) -> str:
    """Hash of the parts of the publication ``builder`` reads, alone: what an edit changes, whatever the
    options and the tool's code."""
    return digest(json.dumps(builder.reads(book), sort_keys=True, default=str).encode())


def product_digest(value: Any) -> str:
    """A product as fingerprinted: bytes by their hash, a folder by its files' hashes, anything else by its JSON."""
    if isinstance(value, bytes):
        return digest(value)
    if isinstance(value, dict) and all(isinstance(v, bytes) for v in value.values()):
        return digest(json.dumps({k: digest(v) for k, v in value.items()}, sort_keys=True).encode())
    return digest(json.dumps(value, sort_keys=True).encode())


def key(base: str, needed: dict[str, str]) -> str:
    """An output's key: its base and the digests of the products it needs."""
    return digest(json.dumps([base, needed], sort_keys=True).encode())


@dataclass(frozen=True)
class Record:
    """What one builder last made: from which key and files, the digest of its bytes, its products."""

    base: str  # the model parts, options and code it read
    key: str  # the base and the products it needed
    output: str  # digest of the bytes it made
    files: dict[str, str] = field(default_factory=dict)
    products: dict[str, Any] = field(default_factory=dict)
    reads: str = ""  # digest of the parts of the publication it read (reads_digest)


@dataclass
class State:
    records: dict[str, Record] = field(default_factory=dict)
    content: str = ""  # the publication folder the outputs were built from (for preflight's image names)

    @classmethod
    def load(cls, folder: Path) -> State:
        """The last build's records; an empty state when there are none or they cannot be trusted."""
        try:
            raw = json.loads(output.read(folder / STATE) or b"")  # never a pipe, never through a link
            return cls(_parse(raw), str(raw["content"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return cls()  # no state, or one we cannot trust: build everything

    def to_bytes(self) -> bytes:
        body = {name: asdict(r) for name, r in sorted(self.records.items())}
        data = {"format": FORMAT, "content": self.content, "records": body, "checksum": _checksum([self.content, body])}
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


def _checksum(body: Any) -> str:
    return digest(json.dumps(body, sort_keys=True).encode())


def _parse(raw: Any) -> dict[str, Record]:
    """Records from the state file, every value checked; ValueError on anything out of shape."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or not isinstance(raw.get("records"), dict):
        raise ValueError("not a state file of this version")
    if raw.get("checksum") != _checksum([raw.get("content"), raw["records"]]):
        raise ValueError("state file altered")
    records = {}
    for name, r in raw["records"].items():
        strings = (r["base"], r["key"], r["output"], r["reads"], *r["files"].keys(), *r["files"].values())
        if not all(isinstance(s, str) for s in strings) or not isinstance(r["products"], dict):
            raise ValueError(f"bad record for {name}")
        products = dict(r["products"])
        if "pages" in products:
            products["pages"] = _pages(products["pages"])
        if "print_pages" in products:
            products["print_pages"] = _print_pages(products["print_pages"])
        records[name] = Record(r["base"], r["key"], r["output"], dict(r["files"]), products, r["reads"])
    return records


def _pages(raw: Any) -> dict[str, tuple[int, int]]:
    pages = {}
    for chapter, span in raw.items():
        first, last = span
        if not (type(first) is int and type(last) is int and 1 <= first <= last):
            raise ValueError(f"bad page span for {chapter}")
        pages[chapter] = (first, last)
    return pages


def _print_pages(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(
        isinstance(page, str) and page.isdigit() and isinstance(place, str) and place for page, place in raw.items()
    ):
        raise ValueError("bad print page map")
    return dict(raw)


def intact(state: State, folder: Path, builder: Builder) -> Made | None:
    """The file (or folder) ``state`` says the last build wrote for ``builder`` in ``folder``, if it is
    still there unaltered; else None."""
    record = state.records.get(builder.name)
    if record is None:
        return None
    made = builder.read_back(folder)
    return made if made is not None and product_digest(made) == record.output else None


@dataclass
class BuildPlan:
    """What this build must do.

    ``outputs``: the wanted builders to run (or to decide on once their products exist: ``pending``);
    ``known``: products available without running anything (a fresh page map, a fresh file's bytes).
    """

    outputs: list[Builder]
    pending: set[str]
    known: dict[str, Any]
    bases: dict[str, str]
    reads: dict[str, str]

    def __bool__(self) -> bool:
        return bool(self.outputs)


class Planner:
    """Decides, for a book, options and state, which builders are fresh and which products are known."""

    def __init__(self, book: Book, options: Options, state: State, folder: Path) -> None:
        self.book, self.options, self.state, self.folder = book, options, state, folder
        self.reads = {name: reads_digest(book, b) for name, b in REGISTRY.items()}
        self.bases = {name: base_key(book, b, options, self.reads[name]) for name, b in REGISTRY.items()}
        self._fresh: dict[str, bool] = {}

    def inputs_fresh(self, name: str) -> bool:
        """Whether the builder's inputs (model, options, files, products' digests) are what its record holds."""
        if name not in self._fresh:
            self._fresh[name] = self._inputs_fresh(name)
        return self._fresh[name]

    def _inputs_fresh(self, name: str) -> bool:
        record = self.state.records.get(name)
        if record is None or self.options.force:
            return False
        needed = self.needed_digests(REGISTRY[name])
        if needed is None or key(self.bases[name], needed) != record.key:
            return False
        return dependencies.unchanged(record.files, self.book.folders)

    def needed_digests(self, builder: Builder) -> dict[str, str] | None:
        """Digests of the products ``builder`` needs, as far as they are known before running; else None."""
        out = {}
        for product in builder.needs:
            producer = self.producer(product)
            if not self.inputs_fresh(producer.name):
                return None
            record = self.state.records[producer.name]
            out[product] = record.output if product == producer.name else product_digest(record.products[product])
        return out

    def out_of_date(self, name: str) -> str:
        """Why output ``name`` is out of date, or "": the parts of the publication it read changed, or a
        file it read (a picture, a template), or an output it was made from. Unlike the key, blind to the
        options and the tool's code, which the outputs do not record how to ask for again."""
        record = self.state.records.get(name)
        if record is None:
            return "not made by the last build in this folder"
        if record.reads != self.reads[name]:
            return f"the publication ({display_path(self.book.root)}) changed since it was built"
        gone = dependencies.changed(record.files, self.book.folders)
        if gone is not None:
            return f"{display_path(gone) if isinstance(gone, Path) else gone} changed since it was built"
        builder = REGISTRY[name]
        return next((why for p in builder.needs if (why := self.out_of_date(self.producer(p).name))), "")

    def on_disk(self, builder: Builder) -> Made | None:
        """The file (or folder) we last wrote for ``builder``, if it is still there unaltered."""
        return intact(self.state, self.folder, builder)

    def producer(self, product: str) -> Builder:
        return next(b for b in REGISTRY.values() if product == b.name or product in b.publishes)

    def plan(self, wanted: list[Builder]) -> BuildPlan:
        outputs, pending = [], set()
        for builder in wanted:
            if self.inputs_fresh(builder.name) and self.on_disk(builder) is not None:
                continue
            outputs.append(builder)
            if self._only_products_unknown(builder):
                pending.add(builder.name)  # may turn out fresh once the products it needs are remade
        known: dict[str, Any] = {}
        for product in {p for b in outputs for p in b.needs}:
            producer = self.producer(product)
            if not self.inputs_fresh(producer.name):
                continue
            if product == producer.name:
                data = self.on_disk(producer)
                if data is not None:
                    known[product] = data
            else:
                known[product] = self.state.records[producer.name].products[product]
        return BuildPlan(outputs, pending, known, self.bases, self.reads)

    def _only_products_unknown(self, builder: Builder) -> bool:
        record = self.state.records.get(builder.name)
        return (
            record is not None
            and not self.options.force
            and record.base == self.bases[builder.name]
            and self.needed_digests(builder) is None
            and dependencies.unchanged(record.files, self.book.folders)
            and self.on_disk(builder) is not None
        )

    def still_stale(self, builder: Builder, products: dict[str, Any]) -> bool:
        """For a pending builder, once its products exist: does it really need remaking?"""
        record = self.state.records.get(builder.name)
        if record is None or self.options.force:
            return True
        needed = {p: product_digest(products[p]) for p in builder.needs}
        if key(self.bases[builder.name], needed) != record.key:
            return True
        unchanged = dependencies.unchanged(record.files, self.book.folders)
        return not unchanged or self.on_disk(builder) is None


def changed_since(state: State, folder: Path, content: Path | None) -> dict[str, str]:
    """The outputs ``state`` records in ``folder`` that the publication in ``content`` (or a file they read)
    changed since they were made, each with why (for preflight); none when there is no publication."""
    if content is None or not content.is_dir():
        return {}
    try:
        book = load(content.resolve())
    except BuildError:
        said = f"the publication ({display_path(content)}) has errors now, so this may not match it: run check"
        return dict.fromkeys(state.records, said)
    planner = Planner(book, Options(), state, folder)
    return {n: f"out of date: {why}" for n in state.records if n in REGISTRY and (why := planner.out_of_date(n))}
