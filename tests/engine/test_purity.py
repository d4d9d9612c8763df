"""A build is a pure function of the publication: after any history of edits, damaged caches and
stray files, an incremental build writes the clean build's bytes.

Hypothesis draws sequences of edits to the starter publication (insert, delete, move and edit
blocks; edit, add and drop slides; drop and restore chapters; damage the cache in between) and,
after each edit, builds into the one output folder that has seen the whole history, and compares
every output with a clean build of the same content into a fresh folder, byte for byte.
``PAMPHLETEER_PURITY_EXAMPLES`` sets how many sequences (the slow job runs 200).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamphleteer import cli
from tests.conftest import snapshot

TARGETS = ["pamphlet", "deck", "epub"]  # the e-book: its page markers follow the pamphlet's print page map
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
EXAMPLES = int(os.environ.get("PAMPHLETEER_PURITY_EXAMPLES", "12"))

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=60).map(lambda w: " ".join(w).capitalize() + ".")
edit = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 2), st.integers(0, 9), sentence),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 9)),
    st.tuples(st.just("move"), st.integers(0, 2), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 9), sentence),
    st.tuples(st.just("notes"), st.integers(0, 2), sentence),
    st.tuples(st.just("slide"), st.integers(0, 2), sentence),
    st.tuples(st.just("drop"), st.integers(1, 2)),
    st.tuples(st.just("restore")),
    st.tuples(st.just("damage"), st.integers(0, 1000), st.sampled_from(["truncate", "delete", "stray", "garble"])),
)


def _chapter(pub: Path, n: int) -> tuple[Path, dict]:
    paths = sorted((pub / "chapters").glob("*.yaml"))
    path = paths[n % len(paths)]
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def apply(pub: Path, out: Path, step: tuple) -> None:
    """One edit to the publication (or one piece of damage to the output folder's cache)."""
    kind = step[0]
    if kind in ("insert", "delete", "move", "edit"):
        path, chapter = _chapter(pub, step[1])
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
        path.write_text(yaml.safe_dump(chapter, allow_unicode=True, sort_keys=False), encoding="utf-8")
    elif kind in ("notes", "slide"):
        path, chapter = _chapter(pub, step[1])
        slides = chapter.setdefault("slides", [])
        if kind == "notes" and slides:
            slides[0]["notes"] = step[2]
        else:
            slides.append({"title": step[2][:40].rstrip("."), "points": [step[2][:80]], "notes": step[2]})
        path.write_text(yaml.safe_dump(chapter, allow_unicode=True, sort_keys=False), encoding="utf-8")
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
        meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
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


def _build(pub: Path, out: Path) -> None:
    code = cli.main(["--content", str(pub), "--output", str(out), "-q", "-j", "1", *TARGETS])
    assert code == 0


_CLEAN: dict[str, dict[str, bytes]] = {}


def clean(pub: Path) -> dict[str, bytes]:
    """A clean build's outputs of the publication as it is now (kept for the session by its content)."""
    h = hashlib.sha256()
    for path in sorted(p for p in pub.rglob("*") if p.is_file()):
        h.update(path.relative_to(pub).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    if h.hexdigest() not in _CLEAN:
        out = Path(tempfile.mkdtemp(prefix="pamphleteer-clean-"))
        try:
            _build(pub, out)
            _CLEAN[h.hexdigest()] = outputs(out)
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return _CLEAN[h.hexdigest()]


def outputs(folder: Path) -> dict[str, bytes]:
    """The outputs a reader gets (not the records and caches the tool keeps beside them)."""
    return {name: data for name, data in snapshot(folder).items() if not name.startswith(".pamphleteer")}


@pytest.fixture(scope="module")
def start(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The starter publication at a fixed place, and its first build: each example starts from a copy."""
    root = tmp_path_factory.mktemp("purity")
    assert cli.main(["new", str(root / "original"), "-q"]) == 0
    _build(root / "original", root / "built")
    return root, root / "original", root / "built"


@pytest.mark.slow  # a clean build beside each incremental one: about a minute for 12 sequences
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("PAMPHLETEER_PURITY_RANDOM") is None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(edit, min_size=1, max_size=4))
def test_every_incremental_build_equals_a_clean_build(start, steps):
    root, original, built = start
    pub, out = root / "pub", root / "out"
    for folder in (pub, out, root / "aside"):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(original, pub)
    shutil.copytree(built, out)
    for step in steps:
        apply(pub, out, step)
        _build(pub, out)
        assert outputs(out) == clean(pub), f"after {steps[: steps.index(step) + 1]}"


def test_the_edits_reach_what_they_say(tmp_path):
    """The edit model itself: each kind changes the publication (or the cache) as named."""
    assert cli.main(["new", str(tmp_path / "pub"), "-q"]) == 0
    pub = tmp_path / "pub"
    before = snapshot(pub)
    apply(pub, tmp_path, ("insert", 0, 0, "A new paragraph."))
    _, chapter = _chapter(pub, 0)
    assert chapter["blocks"][0] == {"p": "A new paragraph."}
    apply(pub, tmp_path, ("drop", 1))
    assert len(yaml.safe_load((pub / "publication.yaml").read_text(encoding="utf-8"))["chapters"]) == 2
    assert len(list((pub / "chapters").glob("*.yaml"))) == 2
    apply(pub, tmp_path, ("restore",))
    assert len(list((pub / "chapters").glob("*.yaml"))) == 3
    assert snapshot(pub) != before
