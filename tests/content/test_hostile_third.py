"""The third hostile wave (issue 34): the newer fields (``url``, ``print``, ``digits``), translations
naming their original oddly, and pictures of odd kinds. Each ends in one located error naming its file,
line and column, or in a publication that checks clean; never an internal error. Validation only: the
pictures' renditions are tested in test_renditions.py, the command line's in tests/test_cli_options.py."""

from __future__ import annotations

import os
import struct
import zlib

import pytest
from PIL import Image

from pamphleteer.errors import display_path
from tests.conftest import assert_one_located_error


def add(pub, text, name="publication.yaml"):
    path = pub / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def picture(pub, name, make):
    """A picture in the publication, shown by the first chapter's first block."""
    (pub / "images").mkdir(exist_ok=True)
    make(pub / "images" / name)
    chapter = pub / "chapters" / "safety.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("blocks:\n", f"blocks:\n  - image: {{file: images/{name}, alt: A picture}}\n", 1))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, depth: int, colour: int, pixels: bytes) -> bytes:
    """A PNG written chunk by chunk: what Pillow will not make (16-bit grey, a size it would refuse)."""
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(pixels)) + _chunk(b"IEND", b"")
    )


def grey16(path):
    row = b"\0" + b"".join(struct.pack(">H", x * 1000) for x in range(60))
    path.write_bytes(png(60, 40, 16, 0, row * 40))


def animated(fmt):
    def make(path):
        frames = [Image.new("RGB", (40, 30), c) for c in ("red", "blue")]
        frames[0].save(path, format=fmt, save_all=True, append_images=frames[1:])

    return make


SVG = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'
URL = "url: https://example.org/ok\n"

CASES = {
    "url with a bidi override": (
        lambda p: add(p, 'url: "https://example.org/\\u202egpj.exe"\n'),
        "publication.yaml:21:6: url: 'https://example.org/\\u202egpj.exe' holds '\\u202e', which a web address "
        "cannot: write it %-encoded (a space is %20), or leave it out",
    ),
    "url with markup in it": (
        lambda p: add(p, 'url: https://example.org/a"><script>x</script>\n'),
        "publication.yaml:21:6: url: 'https://example.org/a\"><script>x</script>' holds '\"', which a web address "
        "cannot: write it %-encoded (a space is %20), or leave it out",
    ),
    "url with a password": (
        lambda p: add(p, "url: https://bank.example:secret@evil.example/\n"),
        "publication.yaml:21:6: url: 'https://bank.example:secret@evil.example/' names a user or password before "
        "'@'; give the address without them",
    ),
    "url with no port": (
        lambda p: add(p, "url: https://example.org:99999/\n"),
        "publication.yaml:21:6: url: 'https://example.org:99999/' is not a web address (a host, then a port from 1 "
        "to 65535 after ':', if any)",
    ),
    "url with a query": (
        lambda p: add(p, "url: https://example.org/read?id=4#top\n"),
        "publication.yaml:21:6: url: 'https://example.org/read?id=4#top' has a query (?...) or fragment (#...); "
        "give the address of the folder the web edition is in",
    ),
    "url of another scheme": (
        lambda p: add(p, "url: javascript:alert(1)\n"),
        "publication.yaml:21:6: url: expected a web address starting https:// or http://, got 'javascript:alert(1)'",
    ),
    "a source's url with a space": (
        lambda p: add(p, "    url: https://example.org/a book\n", "sources.yaml"),
        "sources.yaml:10:10: sources[0].url: 'https://example.org/a book' holds ' ', which a web address cannot: "
        "write it %-encoded (a space is %20), or leave it out",
    ),
    "caliper not a number": (
        lambda p: add(p, "print: {caliper: .nan}\n"),
        "publication.yaml:21:18: print.caliper: expected a finite number, got '.nan' (not a number)",
    ),
    "caliper as text": (
        lambda p: add(p, 'print: {caliper: "0.1"}\n'),
        "publication.yaml:21:18: print.caliper: expected a number, got text '0.1'",
    ),
    "weight as yes": (
        lambda p: add(p, "print: {weight: yes}\n"),
        "publication.yaml:21:17: print.weight: expected a whole number, got true (YAML reads yes/no/on/off as "
        "true/false)",
    ),
    "binding capitalised": (
        lambda p: add(p, "print: {binding: Perfect}\n"),
        "publication.yaml:21:18: print.binding: expected one of 'saddle' or 'perfect'; got text 'Perfect'",
    ),
    "print as a list": (
        lambda p: add(p, "print: [coated]\n"),
        "publication.yaml:21:8: print: expected a mapping (key: value), got a list",
    ),
    "a colour unquoted inside braces": (
        lambda p: add(p, "style: {colours: {accent: #1d4e89}}\n"),
        "publication.yaml:21:27: style.colours.accent: a # after a space begins a comment in YAML, so the rest of "
        'this line is lost, the closing bracket with it: quote the value ("#1d4e89")',
    ),
    "digits by another name": (
        lambda p: add(p, "digits: ARABIC-INDIC\n"),
        "publication.yaml:21:9: digits: expected one of 'latin', 'arabic-indic' or 'persian'; got text 'ARABIC-INDIC'",
    ),
    "digits as a list": (
        lambda p: add(p, "digits: [latin, persian]\n"),
        "publication.yaml:21:9: digits: expected one of 'latin', 'arabic-indic' or 'persian'; got a list",
    ),
    "a 16-bit greyscale picture": (
        lambda p: picture(p, "scan.png", grey16),
        "chapters/safety.yaml:4:19: blocks[0].image.file: image 'images/scan.png' is a 16-bit greyscale PNG, "
        "which the PDFs cannot show; save it as an 8-bit PNG",
    ),
    "a picture declaring 10^10 pixels": (
        lambda p: picture(p, "huge.png", lambda f: f.write_bytes(png(100000, 100000, 8, 2, b"\0" * 1000))),
        "chapters/safety.yaml:4:19: blocks[0].image.file: image 'images/huge.png' has too many pixels "
        "(100000x100000; at most 50,000,000)",
    ),
    "an animated GIF named .png": (
        lambda p: picture(p, "anim.png", animated("GIF")),
        "chapters/safety.yaml:4:19: blocks[0].image.file: 'images/anim.png' is not a PNG or JPEG image (whatever "
        "its name says)",
    ),
    "an animated WebP named .png": (
        lambda p: picture(p, "anim.png", animated("WEBP")),
        "chapters/safety.yaml:4:19: blocks[0].image.file: 'images/anim.png' is not a PNG or JPEG image (whatever "
        "its name says)",
    ),
    "an SVG with an external entity named .png": (
        lambda p: picture(p, "drawing.png", lambda f: f.write_bytes(SVG)),
        "chapters/safety.yaml:4:19: blocks[0].image.file: 'images/drawing.png' is not a PNG or JPEG image "
        "(whatever its name says)",
    ),
    "an SVG named .svg": (
        lambda p: picture(p, "drawing.svg", lambda f: f.write_bytes(SVG)),
        "chapters/safety.yaml:4:19: blocks[0].image.file: 'images/drawing.svg' is not named as a PNG or JPEG "
        "image; pictures are .png, .jpg or .jpeg files",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_hostile_value_is_one_located_error(case, small, run):
    mutate, expected = CASES[case]
    mutate(small)
    assert_one_located_error(run, small, expected)


ACCEPTED = {  # odd but meant: read as the author meant
    "an empty print section": lambda p: add(p, "print: {}\n"),
    "digits left to the language": lambda p: add(p, "digits: ~\n"),
    "url with a port and a path": lambda p: add(p, "url: https://example.org:8443/pamphlets/two-wheels/\n"),
    "perfect binding as PDF/X-1a": lambda p: add(p, "print: {binding: perfect, standard: x1a, caliper: 0.1}\n"),
    "an animated PNG (its first frame)": lambda p: picture(p, "anim.png", animated("PNG")),
    "a CMYK JPEG turned by its EXIF tag": lambda p: picture(
        p, "press.jpg", lambda f: Image.new("CMYK", (40, 30), (0, 90, 90, 0)).save(f, exif=_turned())
    ),
    "a 16-bit colour PNG (read as 8)": lambda p: picture(
        p, "rgb16.png", lambda f: f.write_bytes(png(20, 10, 16, 2, (b"\0" + b"\xff\xff\0\0\x80\x00" * 20) * 10))
    ),
}


def _turned() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6
    return exif.tobytes()


@pytest.mark.parametrize("case", ACCEPTED)
def test_odd_but_meant_values_check_clean(case, small, run):
    ACCEPTED[case](small)
    code, out, err = run("check", "--content", small)
    assert code == 0, err
    assert out.endswith("3 chapters, no problems found\n")


def _translation(tmp_path, small, text: str):
    mine = tmp_path / "es"
    mine.mkdir()
    (mine / "publication.yaml").write_text(text, encoding="utf-8")
    return mine


SPANISH = "language: es\ntitle: Dos ruedas\n"


def test_a_translation_naming_a_link_that_loops_is_located(tmp_path, small, run):
    os.symlink("loop", tmp_path / "loop")
    mine = _translation(tmp_path, small, "translation_of: ../loop\n" + SPANISH)
    code, _, err = run("check", "--content", mine)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{display_path(mine / 'publication.yaml')}:1:17: translation_of: is a link that leads back to itself; "
            "name the original's folder",
            "Aborted with 1 error.",
        ],
    )


def test_a_translation_setting_what_only_its_original_sets_is_told_where_it_goes(tmp_path, small, run):
    mine = _translation(
        tmp_path,
        small,
        "translation_of: ../pub\n" + SPANISH + "print: {binding: perfect}\nform: leaflet\nsubtitel: x\n"
        "date: 2025-03-01 10:00:00\n",
    )
    code, _, err = run("check", "--content", mine)
    at = display_path(mine / "publication.yaml")
    assert (code, err.splitlines()) == (
        1,
        [
            f"{at}:4:1: print: a translation takes print: from its original; set it there",
            f"{at}:5:1: form: a translation takes form: from its original; set it there",
            f"{at}:6:1: subtitel: unknown field; did you mean 'subtitle'?",
            f"{at}:7:7: date: expected a date like 1928, 1928-01 or 1928-01-18, got a date with a time of day "
            "(2025-03-01 10:00); write the day alone: 2025-03-01",
            "Aborted with 4 errors.",
        ],
    )
