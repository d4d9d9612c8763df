"""YAML reading: every malformed file gets one located line, exit 1, nothing written."""

from __future__ import annotations

import os
import threading

import pytest

from pamphleteer.content import source
from pamphleteer.errors import display_path
from tests.conftest import snapshot

CASES = {
    "syntax": ("title: [unclosed\n", "1:8: title: this [ is never closed: close it with ]"),
    "tab": ("title: x\n\tsubtitle: y\n", "2:1: a tab character cannot indent YAML; use spaces"),
    "duplicate": ("title: a\ntitle: b\n", "2:1: duplicate key 'title' (first at line 1); keep one"),
    "nested duplicate": (
        "people:\n  - id: a\n    name: A\n    name: B\n    role: r\n",
        "4:5: duplicate key 'name' (first at line 3); keep one",
    ),
    "documents": (
        "title: a\n---\ntitle: b\n",
        "2:1: a file holds one YAML document; remove the '---' that starts another",
    ),
    "anchor": ("a: &x [1]\nb: *x\n", "1:4: anchors (&name) are not allowed; write the value out"),
    "tag": (
        "title: !!python/object/apply:os.system ['ls']\n",
        "1:8: tag !!python/object/apply:os.system is not allowed",
    ),
    "empty": ("", "1:1: file is empty"),
    "control": (
        "people:\n  - id: x\n    name: a\x07b\n    role: r\n",
        "3:12: control character U+0007 is not allowed; delete it",
    ),
    "non-character": (
        "people:\n  - id: x\n    name: a\ufffeb\n    role: r\n",
        "3:12: non-character U+FFFE is not allowed; delete it",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_yaml_is_one_located_line(case, small, run, tmp_path):
    text, expected = CASES[case]
    people = small / "people.yaml"
    people.write_text(text, encoding="utf-8")
    code, _, err = run("--content", small, "--output", tmp_path / "out")
    assert code == 1
    assert err.splitlines() == [f"{display_path(people)}:{expected}", "Aborted with 1 error."]
    assert not (tmp_path / "out").exists()


# A chapter with one mistake authors make, and what they are told: the line where the mistake is
# (not where PyYAML noticed it), the field being read, and what to do.
MISTAKES = {
    "indented too far": (
        "title: The strike\nblocks:\n  - p: First.\n  - p: Second.\n   - p: Third.\n",
        "5:4: blocks: probably wrong indentation: this line starts at column 4, but the entries of the list it "
        "follows start at column 3 (line 3), and those of its last entry at column 5 (line 4); line it up with "
        "one of them",
    ),
    "a field outdented out of its entry": (
        "title: The strike\nblocks:\n  - p: First.\nslides:\n  - title: One\n    notes: >-\n      Said.\n"
        "   points: [a]\n",
        "8:4: slides: probably wrong indentation: this line starts at column 4, but the entries of the list it "
        "follows start at column 3 (line 5), and those of its last entry at column 5 (line 5); line it up with "
        "one of them",
    ),
    "a field at the column of the list's dashes": (
        "title: The strike\nblocks:\n  - p: First.\nslides:\n  - title: One\n    notes: Said.\n  points: [a]\n",
        "7:3: slides: probably wrong indentation: this line starts where the list's entries do (line 5) but "
        "without '- '; start it with '- ' for an entry of its own, or indent it like the fields of the entry "
        "above (column 5)",
    ),
    "text that lost its indentation": (
        "title: The strike\nblocks:\n  - p: The first line\n  and the second.\n",
        "4:3: blocks[0].p: this line is neither a field (key: value) nor a list entry (- ...): probably wrong "
        "indentation; to continue the text above, indent it further than that text's key, or quote the text",
    ),
    "a field indented under the one above": (
        "title: The strike\n summary: How it began.\nblocks:\n  - p: First.\n",
        "2:2: title: probably wrong indentation: this line is indented under the line above, so it continues that "
        "line's text; start it at column 1 to make it a field of its own, or quote the text if the colon is part "
        "of it",
    ),
    "an unclosed quote that a later quote closes": (
        'title: The strike\nsummary: "How the girls walked out\nblocks:\n  - p: First.\n  - p: Second.\n'
        '  - p: Third.\n  - p: Fourth.\nslides:\n  - title: One\n    notes: "Said the foreman."\n',
        '2:10: summary: this quote (") is not closed on its line: it runs on to line 10, taking in the lines '
        "between; close it where the text ends",
    ),
    "an unclosed quote at the end": (
        'title: The strike\nblocks:\n  - p: First.\n  - p: "Second.\n',
        '4:8: blocks[1].p: this quote (") is never closed: close it where the text ends',
    ),
    "an apostrophe in single quotes": (
        "title: The strike\nblocks:\n  - p: 'It wasn't the wages.'\n",
        "3:8: blocks[0].p: a ' inside text quoted with '...' ends it there; write it as '', or quote the text "
        'with "..."',
    ),
    "a colon in a plain value": (
        "title: The strike: how it began\nblocks:\n  - p: First.\n",
        '1:18: title: a colon followed by a space inside a plain value starts a key: quote the text (title: "The '
        'strike: how it began")',
    ),
    "a question mark in a flow mapping": (
        "title: The strike\nblocks:\n  - quote: {text: Who will stand with us? All of us, by: A speaker}\n",
        "3:41: blocks[0].quote.text: a '?' inside [...] or {...} ends the text before it: quote the text",
    ),
}


@pytest.mark.parametrize("case", MISTAKES)
def test_a_yaml_mistake_is_told_where_it_was_made_with_its_field_and_a_hint(case, small, run):
    text, expected = MISTAKES[case]
    chapter = small / "chapters" / "safety.yaml"
    chapter.write_text(text, encoding="utf-8")
    code, _, err = run("check", "--content", small)
    assert (code, err.splitlines()) == (1, [f"{display_path(chapter)}:{expected}", "Aborted with 1 error."])


def test_a_colon_in_a_list_item_makes_a_key_and_the_schema_says_quote_it(small, run):
    chapter = small / "chapters" / "draisine.yaml"
    text = chapter.read_text(encoding="utf-8")
    points = next(line for line in text.splitlines() if line.strip().startswith("points:"))
    indent = points[: len(points) - len(points.lstrip())]
    chapter.write_text(
        text.replace(points, f"{indent}points:\n{indent}  - Demands: higher pay\n{indent}  - Fewer hours"),
        encoding="utf-8",
    )
    line = text.splitlines().index(points) + 2
    code, _, err = run("check", "--content", small)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{display_path(chapter)}:{line}:{len(indent) + 5}: slides[0].points[0]: expected text, got a mapping; "
            'a colon followed by a space inside text starts a key: quote the text ("Demands: higher pay")',
            "Aborted with 1 error.",
        ],
    )


def test_bytes_that_are_not_utf8(small, run):
    people = small / "people.yaml"
    people.write_bytes(b"people:\n  - id: x\n    name: caf\xe9\n    role: r\n")
    code, _, err = run("check", "--content", small)
    assert code == 1
    assert err.splitlines()[0] == f"{display_path(people)}:3:14: byte 0xe9 is not UTF-8; save the file as UTF-8"


def test_bom_and_crlf_are_fine(small, run):
    people = small / "people.yaml"
    text = people.read_text(encoding="utf-8").replace("\n", "\r\n")
    people.write_bytes(b"\xef\xbb\xbf" + text.encode())
    code, out, err = run("check", "--content", small)
    assert (code, out.strip(), err) == (0, f"{small}: 3 chapters, no problems found", "")


def test_alias_bomb_is_refused_at_once(small, run):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 12):
        lines.append(f"a{n}: &a{n} [*a{'' if n == 1 else n - 1}" + f",*a{'' if n == 1 else n - 1}" * 8 + "]")
    (small / "people.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run("check", "--content", small)
    assert code == 1
    assert "1:4: anchors (&name) are not allowed; write the value out" in err


def test_file_over_size_cap(small, run):
    people = small / "people.yaml"
    people.write_text("# " + "x" * (2 * 1024 * 1024 + 10) + "\npeople: []\n", encoding="utf-8")
    code, _, err = run("check", "--content", small)
    assert code == 1
    size = people.stat().st_size
    assert err.splitlines()[0] == f"{display_path(people)}: file is too large ({size:,} bytes; at most 2,000,000)"


# Inputs that once escaped as internal errors (exit 2) or reached the outputs; now one located line each.
VALUES = {
    "long integer": (
        "    born: " + "9" * 5000 + "\n",
        "5:11: number is too long (5,000 characters); quote it if you mean text",
    ),
    "escaped non-character": (
        '    fate: "a\\uFFFEb"\n',
        "5:11: non-character U+FFFE (written as an escape) is not allowed; delete it",
    ),
    "escaped NUL": (
        '    fate: "a\\x00b"\n',
        "5:11: control character U+0000 (written as an escape) is not allowed; delete it",
    ),
    "escaped ESC": (
        '    fate: "a\\eb"\n',
        "5:11: control character U+001B (written as an escape) is not allowed; delete it",
    ),
    "escaped BEL": (
        '    fate: "a\\x07b"\n',
        "5:11: control character U+0007 (written as an escape) is not allowed; delete it",
    ),
}


@pytest.mark.parametrize("case", VALUES)
def test_values_yaml_cannot_hold_are_located(case, small, run, tmp_path):
    line, expected = VALUES[case]
    people = small / "people.yaml"
    people.write_text("people:\n  - id: x\n    name: X\n    role: r\n" + line, encoding="utf-8")
    out = _output(tmp_path)
    before = snapshot(out)
    code, _, err = run("--content", small, "--output", out)
    assert (code, err.splitlines()) == (1, [f"{display_path(people)}:{expected}", "Aborted with 1 error."])
    assert snapshot(out) == before


def test_nesting_thousands_deep_is_refused_before_the_stack_runs_out(small, run, tmp_path):
    people = small / "people.yaml"
    people.write_text("people: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    out = _output(tmp_path)
    code, _, err = run("--content", small, "--output", out)
    assert (code, err.splitlines()) == (
        1,
        [f"{display_path(people)}:1:41: nesting is too deep (more than 32 levels)", "Aborted with 1 error."],
    )
    assert snapshot(out) == {"keep.txt": b"from before"}


def test_a_content_file_linked_from_outside_is_never_opened(small, run, tmp_path):
    secret = tmp_path / "elsewhere" / "notes.yaml"
    secret.parent.mkdir()
    secret.write_text("title: SECRET-LINE-42\nblocks: [{p: x}]\n", encoding="utf-8")
    os.chmod(secret, 0)  # were it opened, reading would fail differently
    chapter = small / "chapters" / "safety.yaml"
    chapter.unlink()
    chapter.symlink_to(secret)
    (small / "glossary.yaml").unlink()
    (small / "glossary.yaml").symlink_to(secret)
    out = _output(tmp_path)
    code, stdout, err = run("--content", small, "--output", out)
    assert code == 1
    assert err.splitlines() == [
        f"{display_path(chapter)}: links outside the publication folder; content files must be inside it",
        f"{display_path(small / 'glossary.yaml')}: links outside the publication folder; content files must be inside it",
        "Aborted with 2 errors.",
    ]
    assert "SECRET" not in stdout + err
    assert snapshot(out) == {"keep.txt": b"from before"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_pipe_named_like_a_chapter_is_refused_without_waiting(small, run, tmp_path):
    chapter = small / "chapters" / "safety.yaml"
    chapter.unlink()
    os.mkfifo(chapter)  # opening it to read would wait for a writer forever
    out = _output(tmp_path)
    done = threading.Event()

    def release() -> None:  # should the build wait on the pipe after all, a writer lets the test fail, not hang
        if not done.wait(30):
            with open(chapter, "wb") as pipe:
                pipe.write(b"title: from the pipe\n")

    threading.Thread(target=release, daemon=True).start()
    code, _, err = run("--content", small, "--output", out)
    done.set()
    assert (code, err.splitlines()) == (1, [f"{display_path(chapter)}: is not a regular file", "Aborted with 1 error."])
    assert snapshot(out) == {"keep.txt": b"from before"}


def test_a_folder_named_like_a_register_is_refused(small, run):
    (small / "glossary.yaml").unlink()
    (small / "glossary.yaml").mkdir()
    code, _, err = run("check", "--content", small)
    where = display_path(small / "glossary.yaml")
    assert (code, err.splitlines()) == (1, [f"{where}: is not a regular file", "Aborted with 1 error."])


def test_excerpts_are_short_and_printable():
    assert source.excerpt("a\tb\x1b" + "x" * 60) == "a\\tb\\x1b" + "x" * 33 + "..."
    assert source.excerpt("short") == "short"


def _output(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_bytes(b"from before")
    return out


def _every_content_file() -> list:
    from tests.conftest import CONTENT, PUBLICATIONS, SMALL

    roots = [CONTENT, CONTENT.parent / "content-es", SMALL, *sorted(PUBLICATIONS.iterdir())]
    return [path for root in roots for path in sorted(root.rglob("*.yaml"))]


def test_libyaml_and_the_python_parser_read_every_publication_file_alike():
    """The fast path (libyaml's events, composed in Python) is taken only where it reads a file as the
    Python parser does: the same data, the same positions of every value and key, the same spans."""
    assert source.CParser is not None  # PyYAML's wheels carry libyaml
    fast = 0
    for path in _every_content_file():
        text = path.read_text(encoding="utf-8")
        slow = source._located(path, text, source._Loader(text))
        try:
            quick = source._located(path, text, source._FastLoader(text))
        except Exception:  # a mistake: read by the Python parser alone
            continue
        if "\t" in text or (quick[0] is not None and quick[0].flow):
            continue  # read by the Python parser alone
        fast += 1
        assert quick == slow, path
    assert fast >= 40  # about half the files (the longest: chapters of prose) have no [...] or {...}


def test_a_file_with_a_flow_collection_is_read_by_the_python_parser(tmp_path, monkeypatch):
    path = tmp_path / "chapter.yaml"
    path.write_text("title: T\nblocks:\n  - quote: {text: Who will stand with us? All of us, by: A speaker}\n")
    used = []
    monkeypatch.setattr(source, "_Loader", lambda text, real=source._Loader: used.append(text) or real(text))
    located, problems = source.read(path)
    assert located is None and used  # libyaml would have read it; PyYAML refuses it, and we say why
    assert problems[0].message.startswith("a '?' inside [...] or {...} ends the text before it")
