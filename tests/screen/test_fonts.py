"""The screen editions' fonts: each face the text needs, subset to what it shows, the same bytes each build, kept
between builds and checked when read back; the Arabic book embeds its Naskh in both editions and names it."""

from __future__ import annotations

import io
import zipfile

import pytest
import uharfbuzz
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont
from lxml import html

from pamphleteer import content
from pamphleteer.errors import UsageError
from pamphleteer.infra.locations import templates_dir
from pamphleteer.screen import fonts
from tests.conftest import PUBLICATIONS, SMALL

NASKH = templates_dir() / "fonts" / "noto" / "NotoNaskhArabic-Regular.ttf"
PT_SERIF = templates_dir() / "fonts" / "PTF55F.ttf"


def _font(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data))


def test_the_characters_are_those_the_documents_show_with_printable_ascii():
    page = "<html><head><title>Ünïcode</title></head><body><p>Ж&#x2014;<span>سلام</span></p></body></html>"
    found = fonts.characters([page.encode()])
    assert {"Ü", "ï", "Ж", "—", "س", "ل", "ا", "م", "~", " "} <= set(found)
    assert {"ü", "Ï", "ж"} <= set(found)  # a label in capitals, an acronym in small capitals: text-transform
    assert "<" in found and "\n" not in found and found == "".join(sorted(found))


def test_a_subset_draws_what_the_text_needs_and_is_the_same_bytes_each_time():
    cut = fonts._subset.__wrapped__  # past the memory of this process: made twice from nothing
    first, second = cut(NASKH, None, "abc سلام"), cut(NASKH, None, "abc سلام")
    assert first == second and fonts._cut.__wrapped__(NASKH, None, "abc سلام", "") == first
    font, whole = _font(first), TTFont(NASKH)
    assert set(font.getBestCmap()) == {ord(c) for c in "abc سلام"} & set(whole.getBestCmap())
    # the joining forms come with it, reached through the font's own substitutions
    assert len(font.getGlyphOrder()) > len(font.getBestCmap()) + 3
    assert font["head"].modified == whole["head"].modified  # no timestamp of the day it was cut
    assert len(first) < len(NASKH.read_bytes()) / 4
    woff2 = fonts._cut.__wrapped__(NASKH, None, "abc سلام", "woff2")
    fonts._subset.cache_clear()
    assert woff2[:4] == b"wOF2" and woff2 == fonts._cut.__wrapped__(NASKH, None, "abc سلام", "woff2")
    assert _font(woff2)["head"].modified == whole["head"].modified


def _drawn(data: bytes, text: str, features: dict[str, bool] | None = None) -> list[tuple]:
    """How HarfBuzz, as a browser does, sets ``text`` in the font: each glyph's outline, advance and offset."""
    font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(data)))
    line = uharfbuzz.Buffer()
    line.add_str(text)
    line.guess_segment_properties()
    uharfbuzz.shape(font, line, features or {})
    out = []
    for glyph, place in zip(line.glyph_infos, line.glyph_positions, strict=True):
        pen = RecordingPen()
        font.draw_glyph_with_pen(glyph.codepoint, pen)
        out.append((tuple(pen.value), place.x_advance, place.x_offset, place.y_offset))
    return out


@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("noto/NotoNaskhArabic-Regular.ttf", "السلام عليكم، الله"),  # joining forms, the lam-alef ligature
        ("PTF55F.ttf", "AVATAR Tofu office ½ “Wait”."),  # kerning, the fi/ffi ligatures, a fraction
        ("PTS56F.ttf", "Yours, Tycho — Ljubljana"),
    ],
)
def test_a_subset_sets_its_text_as_the_whole_face_does(file, text):
    """Shaped by HarfBuzz as a browser shapes it, the subset gives the same outlines at the same places as the
    whole face: the layout features a browser applies (joining, ligatures, kerning, marks) are kept."""
    path = templates_dir() / "fonts" / file
    cut = fonts._subset.__wrapped__(path, None, text)
    whole = path.read_bytes()
    assert _drawn(cut, text) == _drawn(whole, text)
    # what is compared is set by the features: without them (no joining, ligatures or kerning) it is set otherwise
    plain = {feature: False for feature in ("init", "medi", "fina", "rlig", "liga", "kern")}
    assert _drawn(cut, text, plain) != _drawn(cut, text)


def test_a_damaged_font_is_named_not_cut_to_an_empty_face(tmp_path):
    damaged = tmp_path / "Damaged.ttf"
    damaged.write_bytes(b"\x00\x01\x00\x00" + b"not a font" * 50)  # HarfBuzz reads it as a face of no glyph
    with pytest.raises(UsageError) as raised:
        fonts._subset.__wrapped__(damaged, None, "Ab")
    assert str(raised.value) == f"{damaged}: not a font file HarfBuzz can read (damaged?); replace it"


def test_a_subset_keeps_every_name_record_and_the_notdef_box_and_drops_the_hinting():
    whole, cut = TTFont(PT_SERIF), _font(fonts._subset.__wrapped__(PT_SERIF, None, "Ab"))
    windows = {(n.platformID, n.langID, n.nameID, n.toUnicode()) for n in whole["name"].names if n.platformID == 3}
    assert {(n.platformID, n.langID, n.nameID, n.toUnicode()) for n in cut["name"].names} == windows
    assert {0, 13} <= {n.nameID for n in cut["name"].names}  # the copyright, the licence
    assert cut["glyf"][cut.getGlyphOrder()[0]].numberOfContours > 0  # .notdef draws its box
    assert not {"fpgm", "prep", "cvt ", "hdmx", "LTSH"} & set(cut.keys())
    assert not any(getattr(cut["glyf"][g], "program", None) for g in cut.getGlyphOrder())


def test_subsets_are_kept_between_builds_and_a_damaged_one_is_made_again(tmp_path, monkeypatch):
    book = content.load(SMALL)
    pages = ["<p>Draisine, Žilina</p>".encode()]
    first = fonts.embedded(book, pages, "woff2", tmp_path)
    kept = sorted((tmp_path / "fonts").iterdir())
    assert len(kept) == len(fonts.faces(book)) and all(p.suffix == ".woff2" for p in kept)
    assert set(first) == {f.name("woff2") for f in fonts.faces(book)} | {"fonts/PARATYPE-LICENCE.txt"}

    def refuse(*args):
        raise AssertionError("cut again although kept")

    monkeypatch.setattr(fonts, "_cut", refuse)
    assert fonts.embedded(book, pages, "woff2", tmp_path) == first  # read back, each checked
    whole = kept[0].read_bytes()
    kept[0].write_bytes(whole[:-1] + bytes([whole[-1] ^ 1]))
    with pytest.raises(AssertionError, match="cut again"):
        fonts.embedded(book, pages, "woff2", tmp_path)
    monkeypatch.undo()
    assert fonts.embedded(book, pages, "woff2", tmp_path) == first
    assert kept[0].read_bytes() == whole  # made again and kept whole
    # the EPUB's TrueType subsets sit beside them; other text leaves this edition's old ones behind
    fonts.embedded(book, pages, "", tmp_path)
    fonts.embedded(book, ["<p>Straße</p>".encode()], "woff2", tmp_path)
    names = [p.name for p in (tmp_path / "fonts").iterdir()]
    assert sum(n.endswith(".font") for n in names) == len(kept)
    assert sum(n.endswith(".woff2") for n in names) == len(kept) and not {p.name for p in kept} & set(names)


def test_a_kept_subset_is_named_by_the_cutter_that_made_it(monkeypatch):
    """Another HarfBuzz cuts otherwise, so its subsets are made again; fontTools and brotli make only the WOFF2."""
    before = {flavour: fonts._key(NASKH, "abc", flavour) for flavour in ("", "woff2")}
    monkeypatch.setattr(fonts.brotli, "version", "0.0.1")
    assert fonts._key(NASKH, "abc", "") == before[""] and fonts._key(NASKH, "abc", "woff2") != before["woff2"]
    monkeypatch.setattr(fonts.uharfbuzz, "__version__", "0.0.1")
    assert fonts._key(NASKH, "abc", "") != before[""]


def test_the_arabic_book_embeds_its_naskh_in_both_editions_and_names_it(build_of):
    out = build_of(PUBLICATIONS / "ar")
    with zipfile.ZipFile(out / "pamphlet.epub") as epub:
        files = {n: epub.read(n) for n in epub.namelist()}
    naskh = _font(files["EPUB/fonts/NotoNaskhArabic-Regular.ttf"])
    text = fonts.characters(d for n, d in files.items() if n.endswith(".xhtml"))
    arabic = {ord(c) for c in text if "\u0600" <= c <= "\u06ff"}
    assert arabic and arabic <= set(naskh.getBestCmap())
    css = files["EPUB/fonts.css"].decode()
    assert 'font-family: "Noto Naskh Arabic"; src: url("fonts/NotoNaskhArabic-Regular.ttf")' in css
    assert 'font-weight: bold; src: url("fonts/NotoNaskhArabic-Bold.ttf")' in css
    assert "EPUB/fonts/NOTO-LICENCE.txt" in files
    colophon = files["EPUB/title.xhtml"].decode()
    assert "Noto Naskh Arabic" in colophon and "fonts/NOTO-LICENCE.txt" in colophon
    web = out / "web"
    assert _font((web / "fonts" / "NotoNaskhArabic-Regular.woff2").read_bytes()).flavor == "woff2"
    assert 'src: url("fonts/NotoNaskhArabic-Regular.woff2") format("woff2")' in (web / "fonts.css").read_text()
    assert "Noto Naskh Arabic" in (web / "index.html").read_text(encoding="utf-8")
    assert not list(web.glob("fonts/*.ttf"))


def test_a_book_in_latin_letters_embeds_no_other_script(small_build):
    with zipfile.ZipFile(small_build / "pamphlet.epub") as epub:
        names = epub.namelist()
        colophon = epub.read("EPUB/title.xhtml").decode()
    assert not [n for n in names if "Noto" in n or "NOTO" in n]
    assert "Set in PT Serif and PT Sans" in colophon and "Noto" not in colophon


def test_the_shipped_books_screen_editions_are_light(main_build):
    """Its EPUB was 1.42 MB with whole fonts (1,421,302 bytes: 92% fonts); its web edition's first page loaded
    1.5 MB of TrueType. Now: under 40% of that EPUB, and under 400 KB for the first page with everything it
    can load (its HTML, stylesheets, every font the stylesheets declare, its pictures)."""
    assert (main_build / "pamphlet.epub").stat().st_size < 0.4 * 1_421_302
    web = main_build / "web"
    page = html.document_fromstring((web / "index.html").read_bytes(), parser=html.HTMLParser(encoding="utf-8"))
    loaded = {"index.html"} | {link.get("href") for link in page.iter("link") if link.get("rel") == "stylesheet"}
    loaded |= {img.get("src") for img in page.iter("img")}
    loaded |= {str(p.relative_to(web)) for p in web.glob("fonts/*.woff2")}
    assert {"fonts.css", "style.css", "fonts/PTF55F.woff2"} <= loaded
    assert sum((web / name).stat().st_size for name in loaded) < 400_000
