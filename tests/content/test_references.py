"""content/references.py: references to nothing, chapter lists and images, all reported at once."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from pamphleteer.errors import display_path

CHAPTER = "chapters/safety.yaml"
ORIGINAL = "title: The safety bicycle"


def test_references_to_nothing_are_errors_with_a_hint(small, run):
    path = small / CHAPTER
    text = path.read_text(encoding="utf-8")
    text = text.replace("[Dunlop](person:dunlop)", "[Dunlop](person:dunlopp)")
    text = text.replace("tyre of 1888", "tyre of 1888 ([see](chapter:draisin), [modern](term:nope))")
    path.write_text(text, encoding="utf-8")
    code, _, err = run("check", "--content", small)
    where = display_path(path)
    assert code == 1
    assert err.splitlines() == [
        f"{where}:5:62: blocks[0].p: person:dunlopp refers to no person in people.yaml; did you mean 'dunlop'?",
        f"{where}:5:100: blocks[0].p: chapter:draisin refers to no chapter; did you mean 'draisine'?",
        f"{where}:5:127: blocks[0].p: term:nope refers to no term in glossary.yaml",
        "Aborted with 3 errors.",
    ]


@pytest.mark.parametrize(
    "style, role, expected",
    [
        ("plain on one line", "A [rider](person:nobody).", "9:21"),
        ("plain over lines", "Made\n      tyres; see\n      [him](person:nobody) too.", "11:13"),
        ("double-quoted", '"Made \\u00e9 [him](person:nobody)"', "9:30"),
        ("literal block", "|\n      One line.\n        [Him](person:nobody) here.", "11:15"),
        ("folded block", ">-\n      One [a](person:drais), two\n      [b](person:nobody)", "11:11"),
        ("the same reference twice", "'[a](person:nobody) and [b](person:nobody)'", "9:16"),
    ],
)
def test_a_bad_reference_is_located_at_itself(style, role, expected, small, run):
    people = small / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("Inventor of the running machine.", role), encoding="utf-8"
    )
    code, _, err = run("check", "--content", small)
    assert code == 1
    assert (
        err.splitlines()[0]
        == f"{display_path(people)}:{expected}: people[0].role: person:nobody refers to no person in people.yaml"
    )


def test_a_chapter_listed_twice_is_reported_at_the_repeat(small, run):
    pub = small / "publication.yaml"
    pub.write_text(
        pub.read_text(encoding="utf-8").replace("appendices: [people,", "appendices: [safety, people,"),
        encoding="utf-8",
    )
    code, _, err = run("check", "--content", small)
    assert code == 1
    assert err.splitlines() == [
        f"{display_path(pub)}:14:14: appendices[0]: 'safety' is listed twice in chapters and appendices",
        "Aborted with 1 error.",
    ]


def test_images_must_be_real_files_inside_the_publication(small, run, tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    (small / "link.png").symlink_to(outside)
    (small / "fake.png").write_text("GIF89a not a png", encoding="utf-8")
    (small / "cut.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    Image.new("RGB", (4, 4)).save(small / "a-png.jpg", format="PNG")
    images = [
        "../../etc/passwd.png",
        "/etc/passwd.png",
        "file:///etc/passwd.png",
        "https://example.com/a.png",
        "missing.png",
        "link.png",
        "fake.png",
        "cut.png",
        "/dev/zero.png",
        "a-png.jpg",
    ]
    blocks = "".join(f"  - image: {{file: '{name}', alt: x}}\n" for name in images)
    chapter = small / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("blocks:\n", "blocks:\n" + blocks), encoding="utf-8")
    code, _, err = run("check", "--content", small)
    where = display_path(chapter)
    assert code == 1
    assert err.splitlines() == [
        f"{where}:4:19: blocks[0].image.file: '../../etc/passwd.png' leaves the publication folder",
        f"{where}:5:19: blocks[1].image.file: '/etc/passwd.png' is an absolute path; give a path inside the publication folder",
        f"{where}:6:19: blocks[2].image.file: 'file:///etc/passwd.png' is a URL; images must be files inside the publication folder",
        f"{where}:7:19: blocks[3].image.file: 'https://example.com/a.png' is a URL; images must be files inside the publication folder",
        f"{where}:8:19: blocks[4].image.file: image 'missing.png' not found",
        f"{where}:9:19: blocks[5].image.file: 'link.png' links outside the publication folder",
        f"{where}:10:19: blocks[6].image.file: 'fake.png' is not a PNG or JPEG image (whatever its name says)",
        f"{where}:11:19: blocks[7].image.file: PNG image 'cut.png' is damaged or truncated; export it again",
        f"{where}:12:19: blocks[8].image.file: '/dev/zero.png' is an absolute path; give a path inside the publication folder",
        f"{where}:13:19: blocks[9].image.file: 'a-png.jpg' holds a PNG image; name it a-png.png",
        "Aborted with 10 errors.",
    ]


def test_an_image_is_named_as_a_png_or_jpeg_with_slashes(small, run):
    """The name says the format (the EPUB and the web edition declare it by the name) and uses / on every system."""
    for name in ("wheel.png", "wheel", "images/wheel.png"):
        (small / "images").mkdir(exist_ok=True)
        Image.new("RGB", (4, 4)).save(small / name, format="PNG")
    Image.new("RGB", (4, 4)).save(small / "wheel.gif", format="GIF")
    names = ["wheel.gif", "wheel", "images\\wheel.png", "wheel.png.txt"]
    blocks = "".join(f"  - image: {{file: '{name}', alt: x}}\n" for name in names)
    chapter = small / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("blocks:\n", "blocks:\n" + blocks), encoding="utf-8")
    code, _, err = run("check", "--content", small)
    where = display_path(chapter)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{where}:4:19: blocks[0].image.file: 'wheel.gif' is not named as a PNG or JPEG image; "
            "pictures are .png, .jpg or .jpeg files",
            f"{where}:5:19: blocks[1].image.file: 'wheel' is not named as a PNG or JPEG image; "
            "pictures are .png, .jpg or .jpeg files",
            f"{where}:6:19: blocks[2].image.file: 'images\\wheel.png': write / between folders (images/wheel.png), "
            "which every system reads",
            f"{where}:7:19: blocks[3].image.file: 'wheel.png.txt' is not named as a PNG or JPEG image; "
            "pictures are .png, .jpg or .jpeg files",
            "Aborted with 4 errors.",
        ],
    )


def test_only_the_images_the_publication_uses_are_read(small, tmp_path):
    from PIL import Image

    from pamphleteer.content import load

    Image.new("RGB", (40, 30), "white").save(small / "used.png")
    (small / "stray.png").symlink_to(tmp_path / "nowhere.png")  # a dangling link: reading it would fail
    if hasattr(os, "mkfifo"):
        os.mkfifo(small / "pipe.png")  # reading it would hang
    chapter = small / CHAPTER
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("blocks:\n", "blocks:\n  - image: {file: used.png, alt: x}\n"),
        encoding="utf-8",
    )
    book = load(small)
    assert book.images == ((small / "used.png").resolve(),)


def test_a_slides_picture_has_the_same_pixel_limit(small, run):
    Image.new("1", (8000, 6300)).save(small / "huge.png")  # 50.4 million pixels, a few kilobytes
    chapter = small / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    slide = "  - title: Huge\n    image: {file: huge.png, alt: x}\n    notes: Too many pixels to show.\n"
    chapter.write_text(text.replace("slides:\n", "slides:\n" + slide), encoding="utf-8")
    code, _, err = run("check", "--content", small)
    line = next(n for n, s in enumerate(chapter.read_text(encoding="utf-8").splitlines(), 1) if "huge.png" in s)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{display_path(chapter)}:{line}:19: slides[0].image.file: image 'huge.png' has too many pixels "
            "(8000x6300; at most 50,000,000)",
            "Aborted with 1 error.",
        ],
    )
