"""The registry: an output is one builder and one registry line, and every layer picks it up."""

from __future__ import annotations

import re

import pytest
import yaml

from pamphleteer import builders, cli

from .chapter_list import ChapterList, ChapterPages


@pytest.fixture
def chapter_list():
    builders.register(ChapterList())  # the one registry line
    yield
    del builders.REGISTRY["chapters"]


def test_every_output_has_a_name_a_file_and_a_summary():
    names = list(builders.REGISTRY)
    assert names == [
        *["pamphlet", "print", "booklet", "cover", "deck", "handout", "script", "epub", "web", "deck-pdf"],
        *["handout-2up", "pamphlet-2up", "pamphlet-4up"],
    ]
    files = [b.filename for b in builders.REGISTRY.values()]
    assert len(set(files)) == len(files)
    assert all(b.summary and b.kind in ("pdf", "pptx", "other") for b in builders.REGISTRY.values())


def test_every_need_is_made_by_some_builder():
    made = {b.name for b in builders.REGISTRY.values()} | {p for b in builders.REGISTRY.values() for p in b.publishes}
    assert {p for b in builders.REGISTRY.values() for p in b.needs} <= made


def test_select_keeps_registry_order_and_defaults_to_all():
    assert [b.name for b in builders.select(["deck", "pamphlet"])] == ["pamphlet", "deck"]
    optional = ("deck-pdf", "handout-2up", "pamphlet-2up", "pamphlet-4up")  # built only when named
    assert builders.select([]) == [b for b in builders.REGISTRY.values() if b.name not in optional]


def test_a_new_output_is_built_listed_checked_and_kept_up_to_date(chapter_list, small, run, tmp_path):
    out = tmp_path / "out"
    assert re.search(r"\n  chapters +output/chapters.txt, the chapters, one a line\n", cli.parser().format_help())

    code, stdout, err = run("chapters", "--content", small, "--output", out)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        ".pamphleteer-cache",  # the content files as read (infra/kept.py)
        ".pamphleteer-quick.json",
        ".pamphleteer-state.json",
        ".pamphleteer-written.json",
        "chapters.txt",
    ]
    assert (out / "chapters.txt").read_text(encoding="utf-8").splitlines()[0] == "Chapter 1: The running machine"

    assert run("chapters", "--content", small, "--output", out) == (0, "everything is up to date\n", "")

    chapter = small / "chapters" / "draisine.yaml"
    data = yaml.safe_load(chapter.read_text(encoding="utf-8"))
    data["slides"][0]["notes"] += " Pause here."  # not something the list reads
    chapter.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run("chapters", "--content", small, "--output", out)[1] == "everything is up to date\n"
    data["title"] = "The hobby horse"  # something it reads
    chapter.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, stdout, _ = run("chapters", "--content", small, "--output", out)
    assert code == 0 and stdout.startswith("built chapters in ")
    assert "Chapter 1: The hobby horse" in (out / "chapters.txt").read_text(encoding="utf-8")

    code, stdout, _ = run("preflight", "--output", out)
    assert code == 0
    assert stdout.splitlines()[:2] == ["chapters.txt:", f"  {(out / 'chapters.txt').stat().st_size:,} bytes"]


def test_an_unknown_target_lists_the_registered_ones(chapter_list, run):
    code, _, err = run("chapterz")
    assert code == 2
    assert err == (
        "pamphleteer: unknown target 'chapterz' (choose from pamphlet, print, booklet, cover, deck, handout, script, "
        "epub, web, deck-pdf, handout-2up, pamphlet-2up, pamphlet-4up, chapters, check, schema, preflight, new)\n"
    )


def test_a_folder_output_is_written_kept_and_pruned(small, run, tmp_path):
    builders.register(ChapterPages())
    try:
        out = tmp_path / "out"
        assert run("pages", "--content", small, "--output", out)[0] == 0
        assert sorted(p.name for p in (out / "pages").iterdir()) == ["draisine.txt", "high-wheeler.txt", "safety.txt"]
        assert run("pages", "--content", small, "--output", out)[1] == "everything is up to date\n"
        (out / "pages" / "safety.txt").write_text("edited", encoding="utf-8")  # altered: remade
        assert run("pages", "--content", small, "--output", out)[1].startswith("built pages in ")
        publication = small / "publication.yaml"
        text = publication.read_text(encoding="utf-8")
        publication.write_text(text.replace("[draisine, high-wheeler, safety]", "[draisine, safety]"), encoding="utf-8")
        (small / "chapters" / "high-wheeler.yaml").unlink()
        code, stdout, err = run("pages", "--content", small, "--output", out)
        assert code == 0, err
        assert sorted(p.name for p in (out / "pages").iterdir()) == ["draisine.txt", "safety.txt"]  # pruned
        code, stdout, _ = run("preflight", "--output", out)
        assert stdout.splitlines()[:2] == ["pages:", "  2 files, 37 bytes"]
    finally:
        del builders.REGISTRY["pages"]
