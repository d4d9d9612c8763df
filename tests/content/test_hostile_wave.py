"""A hostile wave over the small publication's files (issue 34): odd YAML (merge keys, tags, numbers
YAML reads oddly, BOMs and encodings, files of the wrong shape, folders and links where files go,
very long lines, invisible and look-alike characters in ids, impossible dates, keys that are not
text). Each ends in one located error naming its file, line and column, never an internal error;
the variants the earlier tests (tests/content/test_source.py) cover are not repeated here."""

from __future__ import annotations

import os

import pytest

from tests.conftest import assert_one_located_error, replace_in

sub = replace_in


def wb(path, data):
    path.write_bytes(data)


def P(pub):
    return pub / "publication.yaml"


def S(pub):
    return pub / "chapters" / "safety.yaml"


def D(pub):
    return pub / "data.yaml"


def PE(pub):
    return pub / "people.yaml"


CASES = {
    "merge-key": (
        lambda p: sub(S(p), "title: The safety bicycle", "<<: {title: The safety bicycle}"),
        "chapters/safety.yaml:2:1: merge keys (<<) are not supported; write the fields out in full",
    ),
    "merge-key-alias": (
        lambda p: sub(S(p), "title: The safety bicycle", "base: &b {title: The safety bicycle}\n<<: *b"),
        "chapters/safety.yaml:3:1: merge keys (<<) are not supported; write the fields out in full",
    ),
    "tag-binary": (
        lambda p: sub(S(p), "title: The safety bicycle", "title: !!binary aGVsbG8="),
        "chapters/safety.yaml:2:8: tag !!binary is not allowed",
    ),
    "tag-set": (
        lambda p: sub(S(p), "title: The safety bicycle", "title: !!set {a, b}"),
        "chapters/safety.yaml:2:8: tag !!set is not allowed",
    ),
    "tag-local": (
        lambda p: sub(S(p), "title: The safety bicycle", "title: !shout The safety bicycle"),
        "chapters/safety.yaml:2:8: tag !shout is not allowed",
    ),
    "tag-python-name": (
        lambda p: sub(S(p), "title: The safety bicycle", "title: !!python/name:os.system"),
        "chapters/safety.yaml:2:8: tag !!python/name:os.system is not allowed",
    ),
    "tag-timestamp-title": (
        lambda p: sub(S(p), "title: The safety bicycle", "title: 2001-12-14t21:59:43.10-05:00"),
        "chapters/safety.yaml:2:8: title: expected text, got datetime",
    ),
    "huge-int-value": (
        lambda p: sub(D(p), "values: [27, 36, 54, 30]", "values: [27, 36, 54, 123456789012345678901234567890]"),
        "data.yaml:8:26: series[0].values[3]: expected at most 1,000,000,000,000,000, got the number 123456789012345678901234567890",
    ),
    "nan-value": (
        lambda p: sub(D(p), "values: [27, 36, 54, 30]", "values: [27, .nan, 54, 30]"),
        "data.yaml:8:18: series[0].values[1]: expected a finite number, got '.nan' (not a number)",
    ),
    "inf-value": (
        lambda p: sub(D(p), "values: [27, 36, 54, 30]", "values: [27, .inf, 54, 30]"),
        "data.yaml:8:18: series[0].values[1]: expected a finite number, got '.inf' (infinity)",
    ),
    "neg-inf-value": (
        lambda p: sub(D(p), "values: [27, 36, 54, 30]", "values: [27, -.inf, 54, 30]"),
        "data.yaml:8:18: series[0].values[1]: expected a finite number, got '-.inf' (infinity)",
    ),
    "exp-value": (
        lambda p: sub(D(p), "values: [27, 36, 54, 30]", "values: [27, 1e400, 54, 30]"),
        "data.yaml:8:18: series[0].values[1]: expected a number, got text '1e400'",
    ),
    "hex-octal-value": (
        lambda p: sub(D(p), "values: [27, 36, 54, 30]", "values: [0x1b, 0o44, 0b110110, 30]"),
        "data.yaml:8:20: series[0].values[1]: expected a number, got text '0o44'",
    ),
    "null-title": (
        lambda p: sub(S(p), "title: The safety bicycle", "title: ~"),
        "chapters/safety.yaml:2:8: title: expected text, got nothing; quote it if you mean text",
    ),
    "null-block": (
        lambda p: sub(S(p), "  - numbered: [Chain drive, Equal wheels, Air-filled tyres]", "  - numbered:"),
        "chapters/safety.yaml:7:14: blocks[1].numbered: nothing here: write the block's content, or remove the block",
    ),
    "dup-key-case": (
        lambda p: sub(P(p), "title: Two Wheels\n", "title: Two Wheels\nTitle: Three Wheels\n"),
        "publication.yaml:3:1: Title: unknown field; did you mean 'title'?",
    ),
    "utf16-bom": (
        lambda p: wb(S(p), S(p).read_text(encoding="utf-8").encode("utf-16")),
        "chapters/safety.yaml:1:1: file is UTF-16: save it as UTF-8",
    ),
    "utf16-no-bom": (
        lambda p: wb(S(p), S(p).read_text(encoding="utf-8").encode("utf-16-le")),
        "chapters/safety.yaml:1:1: file is UTF-16: save it as UTF-8",
    ),
    "utf32": (
        lambda p: wb(S(p), S(p).read_text(encoding="utf-8").encode("utf-32")),
        "chapters/safety.yaml:1:1: file is UTF-32: save it as UTF-8",
    ),
    "latin1-mixed": (
        lambda p: wb(
            S(p), S(p).read_bytes().replace(b"made the modern", "made the \u00e9l\u00e9gant".encode("latin-1"))
        ),
        "chapters/safety.yaml:6:16: byte 0xe9 is not UTF-8; save the file as UTF-8",
    ),
    "tab-after-colon": (
        lambda p: sub(S(p), "title: The safety bicycle", "title:\tThe safety bicycle"),
        "chapters/safety.yaml:2:7: a tab character cannot indent YAML; use spaces",
    ),
    "tab-in-flow": (
        lambda p: sub(S(p), "numbered: [Chain drive, Equal wheels", "numbered: [Chain drive,\tEqual wheels"),
        "chapters/safety.yaml:7:28: a tab character cannot indent YAML; use spaces",
    ),
    "comments-only": (lambda p: wb(S(p), b"# nothing here\n# at all\n"), "chapters/safety.yaml:1:1: file is empty"),
    "only-doc-marker": (
        lambda p: wb(S(p), b"---\n"),
        "chapters/safety.yaml:2:1: expected a mapping (key: value), got nothing",
    ),
    "scalar-file": (
        lambda p: wb(S(p), b"just a sentence\n"),
        "chapters/safety.yaml:1:1: expected a mapping (key: value), got text 'just a sentence'",
    ),
    "list-file": (
        lambda p: wb(P(p), b"- title: x\n"),
        "publication.yaml:1:1: expected a mapping (key: value), got a list",
    ),
    "null-file": (lambda p: wb(PE(p), b"null\n"), "people.yaml:1:1: expected a mapping (key: value), got nothing"),
    "dir-as-chapter": (lambda p: (S(p).unlink(), S(p).mkdir()), "chapters/safety.yaml: is not a regular file"),
    "long-line": (
        lambda p: sub(S(p), "made the modern bicycle.", "made the modern " + "bicycle" * 200000 + "."),
        "chapters/safety.yaml:4:8: blocks[0].p: text is too long (1400102 characters; at most 6000)",
    ),
    "long-key": (
        lambda p: sub(S(p), "title: The safety bicycle", "title: The safety bicycle\n" + "k" * 100000 + ": 1"),
        "chapters/safety.yaml:3:1: title: this line is neither a field (key: value) nor a list entry (- ...): probably wrong indentation; to continue the text above, indent it further than that text's key, or quote the text",
    ),
    "rlo-in-id-ref": (
        lambda p: sub(S(p), "[Starley](person:starley)", "[Starley](person:star\u202eley)"),
        "chapters/safety.yaml:4:8: blocks[0].p: person:star%E2%80%AEley refers to no person in people.yaml; did you mean 'starley'?",
    ),
    "surrogate-escape": (
        lambda p: sub(S(p), "title: The safety bicycle", 'title: "The \\ud800 bicycle"'),
        "chapters/safety.yaml:2:8: non-character U+D800 (written as an escape) is not allowed; delete it",
    ),
    "surrogate-pair-escape": (
        lambda p: sub(S(p), "title: The safety bicycle", 'title: "The \\ud83d\\udeb2 bicycle"'),
        "chapters/safety.yaml:2:8: non-character U+D83D (written as an escape) is not allowed; delete it",
    ),
    "combining-stack": (
        lambda p: sub(S(p), "title: The safety bicycle", 'title: "Ze' + "\u0301" * 300 + 'ro"'),
        "chapters/safety.yaml:2:8: title: text is too long (304 characters; at most 300)",
    ),
    "emoji-chapter-id": (
        lambda p: (
            sub(P(p), "chapters: [draisine, high-wheeler, safety]", "chapters: [draisine, high-wheeler, \U0001f6b2]"),
            S(p).rename(p / "chapters" / "\U0001f6b2.yaml"),
        ),
        "publication.yaml:13:36: chapters[2]: expected an id of lowercase letters, digits and hyphens, got '🚲'",
    ),
    "id-case-collide": (
        lambda p: (
            sub(
                P(p), "chapters: [draisine, high-wheeler, safety]", "chapters: [draisine, high-wheeler, safety, Safety]"
            ),
            __import__("shutil").copy(S(p), p / "chapters" / "Safety.yaml"),
        ),
        "publication.yaml:13:44: chapters[3]: expected an id of lowercase letters, digits and hyphens, got 'Safety'",
    ),
    "id-nfd-filename": (
        lambda p: (
            sub(
                P(p),
                "chapters: [draisine, high-wheeler, safety]",
                "chapters: [draisine, high-wheeler, safety, \u00e9t\u00e9]",
            ),
            __import__("shutil").copy(S(p), p / "chapters" / "e\u0301te\u0301.yaml"),
        ),
        "publication.yaml:13:44: chapters[3]: expected an id of lowercase letters, digits and hyphens, got 'été'",
    ),
    "nbsp-only-title": (
        lambda p: sub(S(p), "title: The safety bicycle", 'title: "\u00a0\u00a0"'),
        "chapters/safety.yaml:2:8: title: '\\xa0\\xa0' shows nothing (only spaces, combining marks or invisible characters); write the text",
    ),
    "private-use": (
        lambda p: sub(S(p), "made the modern bicycle.", "made the modern \ue000 bicycle."),
        "chapters/safety.yaml:4:8: blocks[0].p: U+E000 unnamed character ('\ue000') is in no bundled font",
    ),
    "language-weird": (
        lambda p: sub(P(p), "language: en-GB", "language: x-klingon"),
        "publication.yaml:7:11: language: 'x-klingon' is not in the expected form",
    ),
    "language-underscore": (
        lambda p: sub(P(p), "language: en-GB", "language: en_GB"),
        "publication.yaml:7:11: language: 'en_GB' is not in the expected form",
    ),
    "language-number": (
        lambda p: sub(P(p), "language: en-GB", "language: 1"),
        "publication.yaml:7:11: language: expected text, got the number 1; quote it if you mean text",
    ),
    "date-year-zero": (
        lambda p: sub(P(p), "date: 2025-03-01", "date: 0000-01-01"),
        "publication.yaml:6:7: date: '0000-01-01' is not a real date (year 0 is out of range)",
    ),
    "date-year-10000": (
        lambda p: sub(P(p), "date: 2025-03-01", "date: 10000-01-01"),
        "publication.yaml:6:7: date: expected a date like 1928, 1928-01 or 1928-01-18, got '10000-01-01'",
    ),
    "date-with-time": (
        lambda p: sub(P(p), "date: 2025-03-01", "date: 2025-03-01 10:00:00"),
        "publication.yaml:6:7: date: expected a date like 1928, 1928-01 or 1928-01-18, got a date with a time of "
        "day (2025-03-01 10:00); write the day alone: 2025-03-01",
    ),
    "combining-only-title": (
        lambda p: sub(S(p), "title: The safety bicycle", 'title: "\\u0301\\u0302 \\u20dd"'),
        "chapters/safety.yaml:2:8: title: '\\u0301\\u0302 \\u20dd' shows nothing (only spaces, combining marks or "
        "invisible characters); write the text",
    ),
    "combining-only-name": (
        lambda p: sub(PE(p), "name: Karl Drais", "name: \u0650\u0651\U000e0101"),
        "people.yaml:4:11: people[0].name: '\\u0650\\u0651\\U000e0101' shows nothing (only spaces, combining marks "
        "or invisible characters); write the text",
    ),
    "date-negative": (
        lambda p: sub(P(p), "date: 2025-03-01", "date: -44"),
        "publication.yaml:6:7: date: expected text, got the number -44; quote it if you mean text",
    ),
    "keys-int": (
        lambda p: sub(S(p), "title: The safety bicycle", "1: 2\ntitle: The safety bicycle"),
        "chapters/safety.yaml:2:1: a key must be plain text",
    ),
    "key-complex": (
        lambda p: sub(S(p), "title: The safety bicycle", "? [a, b]\n: c\ntitle: The safety bicycle"),
        "chapters/safety.yaml:2:3: a key must be plain text",
    ),
    "key-null": (
        lambda p: sub(S(p), "title: The safety bicycle", "~: c\ntitle: The safety bicycle"),
        "chapters/safety.yaml:2:1: a key must be plain text",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_hostile_file_is_one_located_error(case, small, run):
    mutate, expected = CASES[case]
    mutate(small)
    assert_one_located_error(run, small, expected)


ACCEPTED = {  # odd but harmless: read as the author meant
    "an explicit !!str tag": lambda p: sub(S(p), "title: The safety bicycle", "title: !!str The safety bicycle"),
    "two byte-order marks": lambda p: wb(S(p), b"\xef\xbb\xbf\xef\xbb\xbf" + S(p).read_bytes()),
    "old Mac line ends": lambda p: wb(S(p), S(p).read_bytes().replace(b"\n", b"\r")),
    "mixed line ends": lambda p: wb(S(p), S(p).read_bytes().replace(b"\n", b"\r\n", 5)),
    "a %YAML directive": lambda p: wb(S(p), b"%YAML 1.1\n---\n" + S(p).read_bytes()),
    "a link to a file inside the folder": lambda p: (
        S(p).rename(p / "safety-real.yaml"),
        os.symlink("../safety-real.yaml", S(p)),
    ),
    "a folder linking back to itself": lambda p: os.symlink(".", p / "chapters" / "again"),
}


@pytest.mark.parametrize("case", ACCEPTED)
def test_odd_but_harmless_files_are_read(case, small, run):
    ACCEPTED[case](small)
    code, out, err = run("check", "--content", small)
    assert (code, err) == (0, ""), err
    assert out.endswith("3 chapters, no problems found\n")
