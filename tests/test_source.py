"""YAML reading: every malformed file gets one located line, exit 1, nothing written."""

from __future__ import annotations

import pytest

from pamphleteer.errors import display_path

CASES = {
    "syntax": (
        "title: [unclosed\n",
        "2:1: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)",
    ),
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
    code, _, err = run("check", "--content", small)
    assert (code, err.strip()) == (0, f"{small}: 3 chapters, no problems found")


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
