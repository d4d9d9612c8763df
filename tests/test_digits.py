"""The digits the tool prints its numbers in, read back from every output of the Arabic test publication:
Latin by default, Arabic-Indic when publication.yaml asks (``digits: arabic-indic``); either way drawn
from the Arabic face, and the numbers the author wrote left as written."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

ARABIC = Path(__file__).resolve().parent / "publications" / "ar"
INDIC = "٠١٢٣٤٥٦٧٨٩"
LATIN_RUN = re.compile(r"[0-9]+")
INDIC_RUN = re.compile(f"[{INDIC}]+")
PDFS = ("pamphlet.pdf", "handout.pdf", "lecture-script.pdf")


@pytest.fixture(scope="module")
def latin(build_of) -> Path:
    return build_of(ARABIC)


@pytest.fixture(scope="module")
def indic(build_of, tmp_path_factory) -> Path:
    """The Arabic test publication asking for Arabic-Indic digits, every output built once."""
    root = tmp_path_factory.mktemp("ar-indic") / "ar"
    shutil.copytree(ARABIC, root)
    yaml = root / "publication.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("language: ar\n", "language: ar\ndigits: arabic-indic\n"))
    return build_of(root)


def _authors_numbers() -> set[str]:
    """Every run of Latin digits the author wrote in the publication's files (its dates excepted: the tool
    writes those out)."""
    runs: set[str] = set()
    for path in ARABIC.rglob("*.yaml"):
        text = re.sub(
            r"\b\d{4}-\d{2}(-\d{2})?\b|^\s*(date|born|died):.*$", "", path.read_text(encoding="utf-8"), flags=re.M
        )
        runs.update(LATIN_RUN.findall(text))
    return runs


def _pdf_text(path: Path) -> str:
    """The PDF's text as poppler reads it, without the direction marks it puts round each run."""
    said = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", said)


def _screen_texts(out: Path) -> dict[str, str]:
    """The words of every EPUB document and web page, without markup, styles or attributes."""
    found: dict[str, str] = {}
    with zipfile.ZipFile(out / "pamphlet.epub") as z:
        for name in z.namelist():
            if name.endswith(".xhtml"):
                found[name] = z.read(name).decode("utf-8")
    for page in (out / "web").glob("*.html"):
        found[f"web/{page.name}"] = page.read_text(encoding="utf-8")
    return {name: re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", t, flags=re.S)) for name, t in found.items()}


def _deck_texts(out: Path) -> list[tuple[str, str]]:
    """(placeholder kind, text) of every text on every slide."""
    prs = Presentation(str(out / "lecture.pptx"))
    found = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                kind = shape.placeholder_format.type if shape.is_placeholder else None
                found.append((kind, shape.text_frame.text))
    return found


def test_with_arabic_indic_digits_no_latin_digit_the_tool_made_is_left_in_any_output(indic):
    authors = _authors_numbers()
    texts = {name: _pdf_text(indic / name) for name in PDFS}
    texts.update(_screen_texts(indic))
    texts["deck"] = "\n".join(text for _, text in _deck_texts(indic))
    for name, text in texts.items():
        made = set(LATIN_RUN.findall(text)) - authors
        assert not made, f"{name}: {sorted(made)}"
        if name in PDFS or name == "deck" or "chapter-" in name:  # each has a number the tool printed
            assert INDIC_RUN.search(text), name


def test_with_arabic_indic_digits_the_folios_contents_and_notes_count_in_them(indic):
    with pdfplumber.open(indic / "pamphlet.pdf") as pdf:
        feet = ["".join(c["text"] for c in page.chars if c["top"] > page.height - 40) for page in pdf.pages]
    folios = {n: foot for n, foot in enumerate(feet, 1) if foot}
    assert len(folios) >= len(feet) - 6  # the covers and the end pages carry none
    assert all(foot == "".join(INDIC[int(d)] for d in str(n)) for n, foot in folios.items()), folios
    contents = next(text for text in _pdf_text(indic / "pamphlet.pdf").split("\f") if "المحتويات" in text)
    assert len(INDIC_RUN.findall(contents)) >= 8  # a number for each of 3 chapters and 5 registers
    assert "الفصل ١" in _pdf_text(indic / "pamphlet.pdf")  # the chapter's label, the catalogue's words
    slide_numbers = [text for kind, text in _deck_texts(indic) if kind == PP_PLACEHOLDER.SLIDE_NUMBER]
    assert slide_numbers and all(INDIC_RUN.fullmatch(n) for n in slide_numbers)


def test_by_default_an_arabic_edition_prints_latin_digits_only(latin):
    texts = {name: _pdf_text(latin / name) for name in PDFS}
    texts.update(_screen_texts(latin))
    texts["deck"] = "\n".join(text for _, text in _deck_texts(latin))
    for name, text in texts.items():
        assert not INDIC_RUN.search(text), name
    assert "الفصل 1" in texts["pamphlet.pdf"]
    slide_numbers = [text for kind, text in _deck_texts(latin) if kind == PP_PLACEHOLDER.SLIDE_NUMBER]
    assert slide_numbers and all(n.isascii() and n.isdigit() for n in slide_numbers)


@pytest.mark.parametrize("which", ["latin", "indic"])
def test_every_digit_is_drawn_from_the_arabic_face(which, request):
    out = request.getfixturevalue(which)
    for name in PDFS:
        with pdfplumber.open(out / name) as pdf:
            faces = {
                c["fontname"].split("+")[-1]
                for page in pdf.pages
                for c in page.chars
                if c["text"] in "0123456789" + INDIC
            }
        assert faces and all(face.startswith("Fallback-Arabic") for face in faces), (name, faces)


def test_the_tools_separators_are_arabic(latin):
    # (a Latin citation, a left-to-right run of its own, keeps the Latin comma: test_rtl.py)
    with zipfile.ZipFile(latin / "pamphlet.epub") as z:
        title = z.read("EPUB/title.xhtml").decode("utf-8")
    assert "طبعة الاختبار، " in title
    handout = _pdf_text(latin / "handout.pdf")
    assert "ب ،ص 6" in handout  # "الكتيّب، ص 6" under a frame, as poppler orders it


def test_the_fallback_faces_follow_the_text_faces_in_every_direction():
    """What the handout, the script and the pamphlet declare of the bundled faces, left to right too: each
    fallback the content needs, after the house faces (made-up look and fallbacks, no layout)."""
    from types import SimpleNamespace

    from pamphleteer.render import typeset
    from pamphleteer.text import glyphs

    look = SimpleNamespace(text_face="PT Serif", display_face="PT Sans", sans=False, styled=False)
    look.__dict__.update(
        dict.fromkeys(["accent", "shade", "deep", "quote", "tint", "ink", "on_accent", "soft"], "#000")
    )
    arabic = next(f for f in glyphs.FALLBACKS if f.name == "arabic")
    css = (
        typeset.environment("en")
        .get_template("script/_fonts.html.j2")
        .render(
            book=SimpleNamespace(look=look),
            fallbacks=[arabic],
            fonts="f",
            arabic_letters=False,
            counter_style="persian",
        )
    )
    assert '@font-face { font-family: "Fallback Arabic"; src: url("f/noto/' in css
    assert (
        '--text-face: "PT Serif", "Fallback Arabic";' in css and '--display-face: "PT Sans", "Fallback Arabic";' in css
    )


@pytest.mark.slow
def test_a_latin_script_edition_in_persian_digits_draws_them_from_bundled_faces_only(small, run, tmp_path):
    """A left-to-right publication asking for Persian digits: the handout (and the script, the same way) declared
    the Arabic face only right to left, and the pamphlet's charts named it as WeasyPrint's SVG text cannot read,
    so the digits came from whatever face the machine had (DejaVu Sans here). Every face embedded is bundled."""
    import pikepdf

    pub = small / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8") + "digits: persian\n", encoding="utf-8")
    assert run("handout", "--content", small, "--output", tmp_path / "out", "-q")[0] == 0
    with pikepdf.open(tmp_path / "out" / "handout.pdf") as pdf:
        faces = {
            str(font.BaseFont).split("+", 1)[-1]
            for page in pdf.pages
            for font in page.Resources.get("/Font", {}).values()
        }
    assert "Fallback-Arabic" in faces
    assert all(face.startswith(("PT-", "Fallback-")) for face in faces), faces
