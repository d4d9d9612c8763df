"""The histories the purity tests replay: edits to a publication and damage to its cache, each
followed by an incremental build compared with a clean build of the same content.

Hypothesis draws sequences of edits (insert, delete, move and edit blocks; edit, add and drop
slides; retitle, drop and restore chapters; damage the cache in between) and, after each edit,
builds the outputs that edit touches into the one output folder that has seen the whole history,
and compares them with a clean build of the same content into a fresh folder, byte for byte.

Every build runs in the test's process (its layouts in the tool's own children); a clean build is
made once per content in a test session and kept for all its processes (:func:`clean`), as the
same content is reached by many histories. The tests: test_purity.py (the default run) and
test_purity_tiny.py, test_purity_starter.py (the slow job, one file each so that pytest-xdist runs
them side by side: tests/conftest.py LONG starts them first).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from pamphleteer import cli
from pamphleteer.builders import REGISTRY
from tests.conftest import snapshot

CACHE = ".pamphleteer-cache"

EVERY = ("pamphlet", "deck", "handout", "script", "epub", "web")
TEXT = ("pamphlet", "epub", "web")  # what a block of the text reaches
SLIDES = ("deck", "handout", "script")
TOUCHES = {  # the outputs each kind of edit changes, and so those built after it
    "insert": TEXT,
    "delete": TEXT,
    "move": TEXT,
    "edit": TEXT,
    "notes": ("deck", "script"),
    "slide": SLIDES,
    "unslide": SLIDES,
    "title": EVERY,
    "drop": EVERY,
    "restore": EVERY,
    "damage": ("pamphlet", "script"),  # those that keep laid-out parts in the cache
}
WORDS = [
    "the",
    "strike",
    "began",
    "on",
    "a",
    "monday",
    "when",
    "the",
    "women",
    "walked",
    "out",
    "of",
    "the",
    "works",
    "and",
    "marched",
    "to",
    "the",
    "hall",
]


def edits(sentence: st.SearchStrategy[str]) -> st.SearchStrategy[tuple]:
    """One edit, its text drawn from ``sentence``."""
    return st.one_of(
        st.tuples(st.just("insert"), st.integers(0, 2), st.integers(0, 9), sentence),
        st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 9)),
        st.tuples(st.just("move"), st.integers(0, 2), st.integers(0, 9), st.integers(0, 9)),
        st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 9), sentence),
        st.tuples(st.just("notes"), st.integers(0, 2), sentence),
        st.tuples(st.just("slide"), st.integers(0, 2), sentence),
        st.tuples(st.just("unslide"), st.integers(0, 2)),
        st.tuples(st.just("title"), st.integers(0, 2), sentence),
        st.tuples(st.just("drop"), st.integers(1, 2)),
        st.tuples(st.just("restore")),
        st.tuples(st.just("damage"), st.integers(0, 1000), st.sampled_from(["truncate", "delete", "stray", "garble"])),
    )


# The starter's edits: any sentence of the words above, so that hardly a content is reached twice.
STARTER_EDIT = edits(
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=60).map(lambda w: " ".join(w).capitalize() + ".")
)
# The tiny publication's: a few texts (a line, a paragraph naming the person, one long enough to move a
# page turn), so that histories meet at the same contents and a clean build serves many of them.
TINY_TEXTS = (
    "They marched to the hall.",
    "On the Monday [Annie Besant](person:besant) spoke to the women at the gate of the works, and "
    + "the strike committee met that night. " * 3,
    "The women walked out of the works and marched to the hall, where the meeting voted to stay out. " * 9,
)
TINY_EDIT = edits(st.sampled_from(TINY_TEXTS))


def chapter_of(pub: Path, n: int) -> tuple[Path, dict]:
    paths = sorted((pub / "chapters").glob("*.yaml"))
    path = paths[n % len(paths)]
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def apply(pub: Path, out: Path, step: tuple) -> None:
    """One edit to the publication (or one piece of damage to the output folder's cache)."""
    kind = step[0]
    if kind in ("insert", "delete", "move", "edit"):
        path, chapter = chapter_of(pub, step[1])
        blocks = chapter["blocks"]
        i = step[2] % (len(blocks) + (kind == "insert"))
        if kind == "insert":
            blocks.insert(i, {"p": step[3]})
        elif kind == "delete" and len(blocks) > 1:
            blocks.pop(i)
        elif kind == "move":
            blocks.insert(step[3] % len(blocks), blocks.pop(i))
        elif kind == "edit":
            blocks[i] = {"p": step[3]}
        _dump(path, chapter)
    elif kind in ("notes", "slide", "unslide", "title"):
        path, chapter = chapter_of(pub, step[1])
        slides = chapter.setdefault("slides", [])
        if kind == "title":
            chapter["title"] = step[2][:60].rstrip(" .")
        elif kind == "unslide":
            if len(slides) > 1:  # the last slide; a chapter keeps one
                slides.pop()
        elif kind == "notes" and slides:
            slides[0]["notes"] = step[2]
        else:
            title = step[2].split(" [")[0][:40].rstrip(" .,")
            slides.append({"title": title, "points": [title], "notes": step[2]})
        _dump(path, chapter)
    elif kind in ("drop", "restore"):
        meta_path, aside = pub / "publication.yaml", pub.parent / "aside"
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        if kind == "drop" and len(meta["chapters"]) > 1:
            gone = meta["chapters"].pop(step[1] % len(meta["chapters"]))
            aside.mkdir(exist_ok=True)  # an unlisted chapter file is an error: it goes out of the folder
            (pub / "chapters" / f"{gone}.yaml").replace(aside / f"{gone}.yaml")
        elif kind == "restore" and aside.is_dir():
            for path in aside.glob("*.yaml"):
                path.replace(pub / "chapters" / path.name)
            meta["chapters"] = sorted(p.stem for p in (pub / "chapters").glob("*.yaml"))
        _dump(meta_path, meta)
    elif kind == "damage":
        cache = out / ".pamphleteer-cache"
        files = sorted(p for p in cache.rglob("*") if p.is_file()) if cache.is_dir() else []
        if not files:
            return
        victim = files[step[1] % len(files)]
        if step[2] == "truncate":
            victim.write_bytes(victim.read_bytes()[: len(victim.read_bytes()) // 2])
        elif step[2] == "delete":
            victim.unlink()
        elif step[2] == "garble":
            data = bytearray(victim.read_bytes() or b"\0")  # an empty file (a part only measured) gains a byte
            data[len(data) // 3] ^= 0x55
            victim.write_bytes(bytes(data))
        else:  # what a build killed while writing its cache leaves
            (victim.parent / ".pamphleteer-tmp-killed").write_bytes(b"half")


def build(pub: Path, out: Path, targets: tuple[str, ...]) -> str:
    """Build ``targets``; what it said of the content's errors ('' when it built). An edit can leave
    the content wrong (a block deleted that a slide names): that is an error of exit 1, never 2 or 3."""
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        code = cli.main(["--content", str(pub), "--output", str(out), "-q", "-j", "1", *targets])
    assert code in (0, 1), said.getvalue()
    assert (code == 0) == (said.getvalue() == ""), said.getvalue()
    return said.getvalue()


def target_of(name: str) -> str:
    """The target an output file belongs to (web/'s copy of another edition: that edition's, as it is
    refreshed only when that edition is built)."""
    name = name.removeprefix("web/downloads/")
    return next(
        b.name for b in REGISTRY.values() if name == b.filename or (b.is_folder and name.startswith(b.filename))
    )


def outputs(folder: Path, targets: tuple[str, ...]) -> dict[str, bytes]:
    """The outputs of ``targets`` a reader gets (not the records and caches the tool keeps beside them)."""
    files = snapshot(folder).items()
    return {name: data for name, data in files if not name.startswith(".pamphleteer") and target_of(name) in targets}


def clean(pub: Path, targets: tuple[str, ...], store: Path) -> dict[str, bytes] | str:
    """A clean build's outputs of ``targets`` for the publication as it is now, or the errors it
    gave. Each content is built clean once in a test session, every output of it (the web edition
    offers the other editions the output folder holds, and the incremental folder holds them all),
    and kept in ``store`` by the content's digest for every process of the session: many histories
    reach the same content."""
    h = hashlib.sha256()
    for path in sorted(p for p in pub.rglob("*") if p.is_file()):
        h.update(path.relative_to(pub).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    kept = store / h.hexdigest()
    if not kept.is_dir():
        out = Path(tempfile.mkdtemp(prefix="clean-", dir=store))
        try:
            refused = build(pub, out / "out", EVERY)
            (out / "refused.txt").write_text(refused, encoding="utf-8")
            shutil.rmtree(out / "out" / CACHE, ignore_errors=True)
            with contextlib.suppress(OSError):  # another process of the session kept the same content first
                out.rename(kept)
        finally:
            shutil.rmtree(out, ignore_errors=True)
    refused = (kept / "refused.txt").read_text(encoding="utf-8")
    return refused or outputs(kept / "out", targets)


def store_of(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the session's clean builds are kept in, shared by pytest-xdist's processes."""
    base = tmp_path_factory.getbasetemp()
    store = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "clean-builds"
    store.mkdir(exist_ok=True)
    return store


def replay(root: Path, original: Path, built: Path, store: Path, steps: list[tuple]) -> None:
    """Apply ``steps`` to a copy of ``original`` and its build, building after each what it touched,
    and compare each with a clean build of the same content."""
    pub, out = root / "pub", root / "out"
    for folder in (pub, out, root / "aside"):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(original, pub)
    shutil.copytree(built, out)
    for n, step in enumerate(steps, 1):
        apply(pub, out, step)
        targets = TOUCHES[step[0]]
        before = outputs(out, EVERY)
        refused = build(pub, out, targets)
        if refused:  # the same errors as a clean build, and the last good outputs untouched
            assert refused == clean(pub, targets, store), f"after {steps[:n]}"
            assert outputs(out, EVERY) == before, f"after {steps[:n]}"
        else:
            assert outputs(out, targets) == clean(pub, targets, store), f"after {steps[:n]}"
    if all(step[0] != "damage" for step in steps):
        pool(out / CACHE, built / CACHE)


def pool(cache: Path, into: Path) -> None:
    """Keep the parts an undamaged history laid out in the cache the next histories start from: a
    cache holding another history's parts is one more history (entries are keyed by what they were
    laid out from and verified when read), and a part laid out once is not laid out again."""
    for path in cache.rglob("*"):
        kept = into / path.relative_to(cache)
        if path.is_file() and not path.name.startswith(".pamphleteer-tmp") and not kept.exists():
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, kept)


def tiny(folder: Path) -> Path:
    """A publication small enough to build in a second: two chapters of short paragraphs, a slide
    each, one person (so that the index has page numbers to get right), no pictures."""
    (folder / "chapters").mkdir(parents=True)
    meta = {
        "title": "The Strike",
        "date": "2025-03-01",
        "language": "en-GB",
        "chapters": ["walkout", "meeting"],
        "appendices": ["people", "index"],
    }
    _dump(folder / "publication.yaml", meta)
    person = {"id": "besant", "name": "Annie Besant", "index_as": "Besant, Annie", "role": "Speaker."}
    _dump(folder / "people.yaml", {"people": [person]})
    for n, (name, title) in enumerate([("walkout", "The walkout"), ("meeting", "The meeting")]):
        blocks = [{"p": TINY_TEXTS[(n + i) % 2]} for i in range(3)]
        slide = {"title": title, "points": [TINY_TEXTS[0]], "notes": TINY_TEXTS[0]}
        _dump(folder / "chapters" / f"{name}.yaml", {"title": title, "blocks": blocks, "slides": [slide]})
    return folder


# Deterministic in every run: no example database, and examples drawn from a fixed seed. No shrinking: a
# history is at most four edits, readable as drawn, and shrinking one replays builds for minutes (CI's took 6).
CALM = settings(
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# A history of the tiny publication, and the slow job's setting for its share of them (``PAMPHLETEER_PURITY_TINY``,
# more for a longer search): 32, two a second of a slow two-core machine's minute in CI (48 took 100 s).
TINY_HISTORY = st.lists(TINY_EDIT, min_size=1, max_size=3)
MORE_TINY = settings(CALM, max_examples=int(os.environ.get("PAMPHLETEER_PURITY_TINY", "32")), derandomize=False)
