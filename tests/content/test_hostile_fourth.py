"""The fourth hostile wave (issue 34): impossible dates in any date field, chapter ids Windows cannot hold
as file names or differing from their file's name by case, ids too long or that look alike, YAML streams and
alias bombs, YAML 1.1's yes/no and numbers where text goes, languages the tool has no words for, pictures
with huge metadata. Each ends in one located error naming its file, line and column, or in a publication
that checks clean; never an internal error. Validation only: odd folders and environments on the command
line are in tests/test_cli_options.py, preflight's out-of-date outputs in tests/commands/test_preflight.py."""

from __future__ import annotations

import io
import shutil
import zlib

import pytest
from PIL import Image, ImageFile

from tests.conftest import PUBLICATIONS, assert_one_located_error, replace_in
from tests.content.test_hostile_third import _chunk, picture

sub = replace_in
CHAPTERS = "chapters: [draisine, high-wheeler, safety]"


def P(pub):
    return pub / "publication.yaml"


def S(pub):
    return pub / "chapters" / "safety.yaml"


def PE(pub):
    return pub / "people.yaml"


def wb(path, data):
    path.write_bytes(data)


def renamed(new: str):
    """The third chapter listed and filed as ``new``."""

    def change(pub):
        sub(P(pub), CHAPTERS, f"chapters: [draisine, high-wheeler, {new}]")
        S(pub).rename(pub / "chapters" / f"{new}.yaml")

    return change


def title(text: str):
    return lambda pub: sub(S(pub), "title: The safety bicycle", f"title: {text}")


def _text_chunk(kind: bytes, body: bytes):
    """A small picture carrying one text chunk (metadata) before its pixels."""

    def make(path):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
        data = buffer.getvalue()
        at = data.find(b"IDAT") - 4
        path.write_bytes(data[:at] + _chunk(kind, body) + data[at:])

    return make


def _rgb(fmt: str):
    def make(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (40, 30), "teal").save(path, fmt)

    return make


def _both_cases(pub):
    """The first chapter shows images/Map.png, the third images/map.png: two files here, one on Windows and macOS."""
    picture(pub, "map.png", _rgb("PNG"))
    _rgb("PNG")(pub / "images" / "Map.png")
    chapter = pub / "chapters" / "draisine.yaml"
    sub(chapter, "blocks:\n", "blocks:\n  - image: {file: images/Map.png, alt: A map}\n")


def _in_folder(folder: str):
    """The picture the third chapter shows, in a folder of the publication named ``folder``."""

    def change(pub):
        _rgb("PNG")(pub / folder / "map.png")
        sub(S(pub), "blocks:\n", f"blocks:\n  - image: {{file: {folder}/map.png, alt: A map}}\n")

    return change


LAUGHS = b"".join(  # nine levels of nine aliases: 387 million strings if expanded
    b"l%d: &l%d [%s]\n" % (n, n, b",".join([b"*l%d" % (n - 1) if n else b'"lol"'] * 9)) for n in range(9)
)
HUGE = zlib.compress(b"x" * 2_000_000)
NAMED = "is a name Windows keeps for a device (con, prn, aux, nul, com1 to com9, lpt1 to lpt9)"
DEVICE = f"{NAMED}: no Windows folder holds"


CASES = {
    "an impossible birth date": (
        lambda p: sub(PE(p), "born: 1785", "born: 1870-02-30"),
        "people.yaml:7:11: people[0].born: '1870-02-30' is not a real date (day is out of range for month)",
    ),
    "a chapter named con": (
        renamed("con"),
        f"publication.yaml:13:36: chapters[2]: 'con' {DEVICE} chapters/con.yaml; choose another id",
    ),
    "a chapter named aux": (
        renamed("aux"),
        f"publication.yaml:13:36: chapters[2]: 'aux' {DEVICE} chapters/aux.yaml; choose another id",
    ),
    "a chapter named com1": (
        renamed("com1"),
        f"publication.yaml:13:36: chapters[2]: 'com1' {DEVICE} chapters/com1.yaml; choose another id",
    ),
    "a chapter named lpt9": (
        renamed("lpt9"),
        f"publication.yaml:13:36: chapters[2]: 'lpt9' {DEVICE} chapters/lpt9.yaml; choose another id",
    ),
    "a chapter file differing by case": (
        lambda p: S(p).rename(p / "chapters" / "Safety.yaml"),
        "publication.yaml:13:36: chapters[2]: no file chapters/safety.yaml; chapters/Safety.yaml differs only in "
        "case: rename it safety.yaml (Windows and macOS do not tell the two names apart)",
    ),
    "two chapter files differing by case": (
        lambda p: shutil.copy(S(p), p / "chapters" / "Safety.yaml"),
        "chapters/Safety.yaml:1:1: differs from chapters/safety.yaml only in case, and Windows and macOS cannot hold "
        "both: remove it or give it another name",
    ),
    "a chapter file named .YAML": (
        lambda p: S(p).rename(p / "chapters" / "safety.YAML"),
        "publication.yaml:13:36: chapters[2]: no file chapters/safety.yaml",
    ),
    "a picture named con.png": (
        lambda p: picture(p, "con.png", _rgb("PNG")),
        f"chapters/safety.yaml:4:19: blocks[0].image.file: 'images/con.png': 'con' {NAMED}, whatever follows a dot: "
        "no Windows folder holds it; rename it",
    ),
    "a picture named AUX.jpg": (
        lambda p: picture(p, "AUX.jpg", _rgb("JPEG")),
        f"chapters/safety.yaml:4:19: blocks[0].image.file: 'images/AUX.jpg': 'aux' {NAMED}, whatever follows a dot: "
        "no Windows folder holds it; rename it",
    ),
    "a picture named nul.old.png": (
        lambda p: picture(p, "nul.old.png", _rgb("PNG")),
        f"chapters/safety.yaml:4:19: blocks[0].image.file: 'images/nul.old.png': 'nul' {NAMED}, whatever follows a "
        "dot: no Windows folder holds it; rename it",
    ),
    "a picture in a folder named lpt1": (
        _in_folder("lpt1"),
        f"chapters/safety.yaml:4:19: blocks[0].image.file: 'lpt1/map.png': 'lpt1' {NAMED}, whatever follows a dot: "
        "no Windows folder holds it; rename it",
    ),
    "a logo named prn.png": (
        lambda p: (
            _rgb("PNG")(p / "images" / "prn.png"),
            sub(P(p), "language: en-GB", "language: en-GB\nstyle: {logo: images/prn.png}"),
        ),
        f"publication.yaml:8:15: style.logo: 'images/prn.png': 'prn' {NAMED}, whatever follows a dot: "
        "no Windows folder holds it; rename it",
    ),
    "two pictures named differing only by case": (
        _both_cases,
        "chapters/safety.yaml:4:19: blocks[0].image.file: 'images/map.png' differs from 'images/Map.png' (named at "
        "chapters/draisine.yaml:5:19) only in case, and Windows and macOS cannot hold both: give the picture one name",
    ),
    "an id of 300 characters": (
        lambda p: sub(P(p), CHAPTERS, f"chapters: [draisine, high-wheeler, {'a' * 300}]"),
        "publication.yaml:13:36: chapters[2]: text is too long (300 characters; at most 64)",
    ),
    "an id with a trailing dot": (
        lambda p: sub(P(p), CHAPTERS, "chapters: [draisine, high-wheeler, safety.]"),
        "publication.yaml:13:36: chapters[2]: expected an id of lowercase letters, digits and hyphens, got 'safety.'",
    ),
    "an id with a space": (
        lambda p: sub(P(p), CHAPTERS, 'chapters: [draisine, high-wheeler, "safe ty"]'),
        "publication.yaml:13:36: chapters[2]: expected an id of lowercase letters, digits and hyphens, got 'safe ty'",
    ),
    "an id in full-width letters": (
        lambda p: sub(P(p), CHAPTERS, "chapters: [draisine, high-wheeler, \uff53\uff41\uff46\uff45\uff54\uff59]"),
        "publication.yaml:13:36: chapters[2]: expected an id of lowercase letters, digits and hyphens, got "
        "'\uff53\uff41\uff46\uff45\uff54\uff59'",
    ),
    "an id with a zero-width space": (
        lambda p: sub(P(p), CHAPTERS, 'chapters: [draisine, high-wheeler, "safe\\u200bty"]'),
        "publication.yaml:13:36: chapters[2]: expected an id of lowercase letters, digits and hyphens, got "
        "'safe\\u200bty'",
    ),
    "a chapter also an appendix": (
        lambda p: sub(P(p), "appendices: [people,", "appendices: [safety, people,"),
        "publication.yaml:14:14: appendices[0]: 'safety' is listed twice in chapters and appendices",
    ),
    "two YAML documents": (
        lambda p: wb(S(p), S(p).read_bytes() + b"---\ntitle: other\n"),
        "chapters/safety.yaml:48:1: a file holds one YAML document; remove the '---' that starts another",
    ),
    "an empty second document": (
        lambda p: wb(S(p), S(p).read_bytes() + b"---\n"),
        "chapters/safety.yaml:48:1: a file holds one YAML document; remove the '---' that starts another",
    ),
    "a billion laughs": (
        lambda p: wb(S(p), LAUGHS + S(p).read_bytes()),
        "chapters/safety.yaml:1:5: anchors (&name) are not allowed; write the value out",
    ),
    "an alias for a title": (
        lambda p: sub(PE(p), "name: Karl Drais", "name: &n Karl Drais\n    index_as: *n"),
        "people.yaml:4:11: anchors (&name) are not allowed; write the value out",
    ),
    "a title of 12:30 (base 60)": (
        title("12:30"),
        "chapters/safety.yaml:2:8: title: expected text, got the number 750 (YAML reads 12:30 as a number); quote "
        "it if you mean text",
    ),
    "a title in hexadecimal": (
        title("0x1F"),
        "chapters/safety.yaml:2:8: title: expected text, got the number 31 (YAML reads 0x1F as a number); quote it "
        "if you mean text",
    ),
    "a title with an underscore in digits": (
        title("1_000"),
        "chapters/safety.yaml:2:8: title: expected text, got the number 1000 (YAML reads 1_000 as a number); quote "
        "it if you mean text",
    ),
    "a title of a year": (
        title("1984"),
        "chapters/safety.yaml:2:8: title: expected text, got the number 1984; quote it if you mean text",
    ),
    "a title of Yes": (
        title("Yes"),
        "chapters/safety.yaml:2:8: title: expected text, got true (YAML reads yes/no/on/off as true/false); quote "
        "it if you mean text",
    ),
    "a keyword NO (Norway)": (
        lambda p: sub(P(p), "keywords: [bicycle, history]", "keywords: [bicycle, NO]"),
        "publication.yaml:11:21: keywords[1]: expected text, got false (YAML reads yes/no/on/off as true/false); "
        "quote it if you mean text",
    ),
    "a numbered point off": (
        lambda p: sub(S(p), "numbered: [Chain drive,", "numbered: [off,"),
        "chapters/safety.yaml:7:16: blocks[1].numbered[0]: expected text, got false (YAML reads yes/no/on/off as "
        "true/false); quote it if you mean text",
    ),
    "language no (Norwegian, read as false)": (
        lambda p: sub(P(p), "language: en-GB", "language: no"),
        "publication.yaml:7:11: language: expected text, got false (YAML reads yes/no/on/off as true/false); quote "
        "it if you mean text",
    ),
    "language tag in the wrong case": (
        lambda p: sub(P(p), "language: en-GB", "language: EN-gb"),
        "publication.yaml:7:11: language: 'EN-gb' is not in the expected form",
    ),
    "a grandfathered language tag": (
        lambda p: sub(P(p), "language: en-GB", "language: i-klingon"),
        "publication.yaml:7:11: language: 'i-klingon' is not in the expected form",
    ),
    "a NUL byte in the text": (
        lambda p: wb(S(p), S(p).read_bytes().replace(b"made the modern", b"made the mod\0ern", 1)),
        "chapters/safety.yaml:6:19: control character U+0000 is not allowed; delete it",
    ),
    "a NEL line break in the text": (
        lambda p: wb(S(p), S(p).read_bytes().replace(b"made the modern", "made the\u0085modern".encode(), 1)),
        "chapters/safety.yaml:6:15: control character U+0085 is not allowed; delete it",
    ),
    "a key quoted with a trailing space": (
        lambda p: sub(PE(p), "    born: 1785", '    "born ": 1785'),
        "people.yaml:7:5: people[0].born : unknown field; did you mean 'born'?",
    ),
    "a PNG whose compressed comment expands past a reader's limit": (
        lambda p: picture(p, "meta.png", _text_chunk(b"zTXt", b"Comment\0\0" + HUGE)),
        "chapters/safety.yaml:4:19: blocks[0].image.file: image 'images/meta.png' holds a compressed text chunk "
        f"('Comment', {len(HUGE) + 9:,} bytes: metadata) that expands past 1,048,576 bytes, more than a PNG reader "
        "takes; save the picture again without its metadata",
    ),
    "a PNG whose international comment expands past a reader's limit": (
        lambda p: picture(p, "meta.png", _text_chunk(b"iTXt", b"Description\0\1\0en\0\0" + HUGE)),
        "chapters/safety.yaml:4:19: blocks[0].image.file: image 'images/meta.png' holds a compressed text chunk "
        f"('Description', {len(HUGE) + 18:,} bytes: metadata) that expands past 1,048,576 bytes, more than a PNG "
        "reader takes; save the picture again without its metadata",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_hostile_file_is_one_located_error(case, small, run):
    mutate, expected = CASES[case]
    mutate(small)
    assert_one_located_error(run, small, expected)


ACCEPTED = {  # odd but meant: read as the author meant
    "a byte-order mark and CRLF line ends": lambda p: wb(
        S(p), b"\xef\xbb\xbf" + S(p).read_bytes().replace(b"\n", b"\r\n")
    ),
    "a byte-order mark and CR line ends": lambda p: wb(S(p), b"\xef\xbb\xbf" + S(p).read_bytes().replace(b"\n", b"\r")),
    "a tab inside the text": lambda p: sub(S(p), "made the modern bicycle.", "made the\tmodern bicycle."),
    "a document end marker": lambda p: wb(S(p), S(p).read_bytes() + b"...\n"),
    "a %YAML 1.2 directive": lambda p: wb(S(p), b"%YAML 1.2\n---\n" + S(p).read_bytes()),
    "a chapter id starting with a digit": renamed("1st"),
    "a chapter id of 64 characters": renamed("a" * 64),
    "a quoted yes as a title": title('"yes"'),
}


@pytest.mark.parametrize("case", ACCEPTED)
def test_odd_but_meant_files_check_clean(case, small, run):
    ACCEPTED[case](small)
    code, out, err = run("check", "--content", small)
    assert (code, err) == (0, ""), err
    assert out.endswith("3 chapters, no problems found\n")


@pytest.mark.parametrize("language", ["tlh", "zu", "qaa", "yue-Hant-HK"])
def test_a_language_without_words_checks_with_a_warning(language, small, run):
    """Valid BCP 47 the tool has no catalogue for: built with its own words in English, and told so."""
    sub(P(small), "language: en-GB", f"language: {language}")
    code, out, err = run("check", "--content", small)
    assert (code, out) == (0, f"{small}: 3 chapters, no problems found\n")
    said = language.split("-")[0]  # the catalogues are by language, whatever the script and region
    assert err == f"warning: language '{said}' has no catalogue; the tool's own words stay in English\n"


def test_a_png_with_megabytes_of_plain_metadata_is_read(small, run):
    """Uncompressed text chunks are bounded by the file's own size, which Pillow reads whole: no reason to refuse."""
    picture(small, "meta.png", _text_chunk(b"tEXt", b"Comment\0" + b"x" * 2_000_000))
    code, out, err = run("check", "--content", small)
    assert (code, out) == (0, f"{small}: 3 chapters, no problems found\n")
    assert err.endswith(
        ": 40×30 pixels print 11 mm wide at 96 dpi, too coarse for print; a picture 125 pixels wide "
        "would print at 300\n"
    )  # its size, not its metadata


def _trifold(tmp_path, old: str, new: str):
    pub = tmp_path / "trifold"
    shutil.copytree(PUBLICATIONS / "trifold", pub)
    sub(P(pub), old, new)
    return pub


def test_an_impossible_meeting_date_names_its_field(run, tmp_path):
    """YAML leaves 2026-02-30 as text: the notice's own check names the field, as for every date."""
    pub = _trifold(tmp_path, "  date: 2026-03-12", "  date: 2026-02-30")
    assert_one_located_error(
        run, pub, "publication.yaml:19:9: notice.date: '2026-02-30' is not a real date (day is out of range for month)"
    )


def test_a_meeting_time_unquoted_says_what_yaml_made_of_it(run, tmp_path):
    pub = _trifold(tmp_path, "  time: 7 pm to 9 pm", "  time: 19:00")
    assert_one_located_error(
        run,
        pub,
        "publication.yaml:20:9: notice.time: expected text, got the number 1140 (YAML reads 19:00 as a number); "
        "quote it if you mean text",
    )


def _cut(path):
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "teal").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


def test_a_truncated_picture_is_refused_in_a_process_that_loaded_weasyprint(small, run):
    """WeasyPrint tells Pillow to read truncated files: a check after a build in the same process (--watch)
    passed what a fresh one refused."""
    import weasyprint  # noqa: F401 (what a build in this process has done)

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    picture(small, "cut.png", _cut)
    assert_one_located_error(
        run,
        small,
        "chapters/safety.yaml:4:19: blocks[0].image.file: PNG image 'images/cut.png' is damaged or "
        "truncated; export it again",
    )
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint set it
