"""One typographic reading of the text in every output (issue 26): read back from the pamphlet's PDF
(pdftotext), the EPUB and the web edition (their HTML) and the deck (python-pptx), the acronyms, the
unbreakable pieces, the quotation marks and the hyphenation points agree, and every <abbr> is an acronym."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from pamphleteer.text import hyphenation, inline
from tests import layout
from tests.conftest import CONTENT, FLYER, LEAFLET, PUBLICATIONS, ROOT, SMALL

SHY = "\u00ad"
ACRONYM = re.compile(r"[A-ZА-ЯЁ]{2,}")
QUOTES = set("“”„‚‘’«»‹›")
PUBLICATIONS_BUILT = [
    SMALL,
    CONTENT,
    LEAFLET,
    FLYER,
    PUBLICATIONS / "de",
    PUBLICATIONS / "ru",
    PUBLICATIONS / "ar",
    PUBLICATIONS / "press",
    PUBLICATIONS / "matchwomen",
    ROOT / "content-es",
]


def _epub(out: Path) -> str:
    with zipfile.ZipFile(out / "pamphlet.epub") as book:
        return "\n".join(book.read(n).decode() for n in sorted(book.namelist()) if n.endswith(".xhtml"))


def _web(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((out / "web").rglob("*.html")))


def _body(markup: str) -> str:
    """The text a reader sees: the body without tags, scripts or styles."""
    markup = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", "", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _abbrs(markup: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r"<abbr[^>]*>(.*?)</abbr>", markup)]


def _breaks(markup: str) -> dict[str, set[int]]:
    """Each word the HTML gives soft hyphens, and the offsets they allow a break at."""
    found: dict[str, set[int]] = {}
    for word in re.findall(r"[^\W\d_][\w\u00ad]*", _body(markup)):
        if SHY in word:
            parts = word.split(SHY)
            at = {sum(len(p) for p in parts[: i + 1]) for i in range(len(parts) - 1)}
            found.setdefault("".join(parts), set()).update(at)
    return found


def _keeps(markup: str) -> set[str]:
    """What the typographic stage kept whole (not a date the tool writes, ``keep date``: an attribution's
    or an imprint's, whole in every output, while the same date in running text may break before its year)."""
    return {html.unescape(m) for m in re.findall(r'<span class="keep">([^<]*)</span>', markup)}


def _deck_text(out: Path) -> str:
    deck = Presentation(str(out / "lecture.pptx"))
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


@pytest.fixture(scope="module", params=PUBLICATIONS_BUILT, ids=lambda p: p.relative_to(ROOT).as_posix())
def outputs(request, build_of) -> tuple[Path, Path]:
    return request.param, build_of(request.param)


def test_every_abbr_is_an_acronym_and_the_screen_editions_agree(outputs):
    _root, out = outputs
    epub, web = _epub(out), _web(out)
    assert [a for a in _abbrs(epub) + _abbrs(web) if not ACRONYM.fullmatch(a)] == []
    assert set(_abbrs(epub)) == set(_abbrs(web))
    # the pamphlet prints the same acronyms (its small capitals read back as the capitals)
    pdf = subprocess.run(["pdftotext", str(out / "pamphlet.pdf"), "-"], capture_output=True, text=True).stdout
    assert {a for a in _abbrs(epub) if a not in pdf} == set()


def test_the_pamphlet_breaks_words_only_where_the_typographic_stage_allows_and_the_screens_at_fewer(outputs):
    """Every word the PDF hyphenates at a line end is broken at one of the typographic stage's points for it
    (a compound's own hyphen aside); the EPUB and the web edition carry the same soft hyphens, each one of
    those points in a word of 7 letters or more with 4 on each side (a screen's limits: a phone's browser
    hyphenates wherever it may, and set ladders of 3 and 4 hyphenated lines with every print break)."""
    root, out = outputs
    epub, web = _breaks(_epub(out)), _breaks(_web(out))
    assert {w: at for w, at in epub.items() if w in web} == {w: at for w, at in web.items() if w in epub}
    assert epub or root.name == "ar"  # Arabic has no patterns
    meta = yaml.safe_load((root / "publication.yaml").read_text(encoding="utf-8"))
    languages = [meta["language"]]
    if meta.get("translation_of"):  # a chapter left untranslated breaks by its original's language's rules
        original = (root / meta["translation_of"] / "publication.yaml").read_text(encoding="utf-8")
        languages.append(yaml.safe_load(original)["language"])
    outside = {
        f"{w}@{p}"
        for w, at in epub.items()
        for p in at
        if len(w) < hyphenation.SCREEN_WORD or not hyphenation.SCREEN_SIDE <= p <= len(w) - hyphenation.SCREEN_SIDE
    }
    assert outside == set()
    compounds = layout.compounds(root)
    written = [p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")]
    suspended = {w for text in written for w in re.findall(r"([^\W\d_]+)-\s", text)}
    wrong = []
    for head, tail in layout.word_breaks(out / "pamphlet.pdf"):
        whole = head + tail
        if f"{head}-{tail}" in compounds or any(f"-{tail}" in c and c.startswith(head) for c in compounds):
            continue  # a break at the compound's own hyphen
        if head in suspended:
            continue  # the author's own hyphen, the next word's part left out ("Reise- und Arbeitslosen...")
        # the publication's language's points (or its original's, for a chapter left untranslated), or a phrase's
        # in another language (the screens carry some of those)
        allowed = {n for language in languages for n in hyphenation.points(whole, language)} | epub.get(whole, set())
        if len(head) not in allowed:
            wrong.append(f"{head}-/{tail}")
    assert wrong == []


def test_pieces_kept_whole_on_screen_are_whole_in_the_pamphlet(outputs):
    _root, out = outputs
    keeps = _keeps(_epub(out)) | _keeps(_web(out))
    pdf = subprocess.run(["pdftotext", str(out / "pamphlet.pdf"), "-"], capture_output=True, text=True).stdout
    broken = []
    for keep in keeps:
        for m in re.finditer(r"[\s\u00a0\u202f]+|(?<=[–—-])", keep):
            left, right = keep[: m.start()].rstrip(), keep[m.end() :].lstrip()
            if left and right and f"{left}\n{right}" in pdf:
                broken.append(keep)
    assert broken == []


def test_the_deck_holds_a_range_of_numbers_on_one_line(outputs):
    """A range the typographic stage keeps whole ("1923–1940") is given to the deck's text boxes, which know no
    unbreakable span, with a word joiner after its dash, so PowerPoint and LibreOffice never end a line at the
    dash (the shipped deck set "1923–" / "1940" on a key point); the slide's own text, not its footer."""
    _root, out = outputs
    deck = Presentation(str(out / "lecture.pptx"))
    boxes = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        and not (shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
    ]
    ranges = [m.group() for text in boxes for m in re.finditer(r"\d[–—]\u2060?\d", text)]
    assert [r for r in ranges if "\u2060" not in r] == []


def test_quotation_marks_and_no_soft_hyphen_on_slides(outputs):
    """The same quotation marks in the pamphlet, the EPUB and the web edition; the deck's are the
    language's (it quotes what the pamphlet sets as a block), and its text has no soft hyphen (slides
    are not hyphenated) and no markup."""
    root, out = outputs
    pdf = subprocess.run(["pdftotext", str(out / "pamphlet.pdf"), "-"], capture_output=True, text=True).stdout
    marks = {name: QUOTES & set(text) for name, text in (("pdf", pdf), ("epub", _body(_epub(out))))}
    marks["web"] = QUOTES & set(_body(_web(out)))
    assert marks["pdf"] == marks["epub"] == marks["web"], marks
    deck = _deck_text(out)
    language = yaml.safe_load((root / "publication.yaml").read_text(encoding="utf-8"))["language"]
    own = QUOTES & set(inline.smart("\"a 'b' c\" d's", language))  # the language's marks, and its apostrophe
    assert QUOTES & set(deck) <= own | marks["pdf"], (QUOTES & set(deck)) - own
    assert SHY not in deck and "<abbr" not in deck


def test_no_page_mid_section_is_a_fifth_empty_and_no_section_or_register_ends_on_a_runt(outputs):
    """The float and register rules hold in every test publication (the whole compositor's check runs
    on those whose other faults are settled: tests/pamphlet/test_compose.py)."""
    root, out = outputs
    report = layout.check(out / "pamphlet.pdf", layout.compounds(root), layout.names(root))
    assert (report.runts, report.underfull) == ([], []), str(report)


def test_a_place_in_english_text_is_not_cut_where_no_english_syllable_starts(small_build):
    """The small publication's quotation names Mannheim: English patterns offered "Man-nheim", which the
    EPUB and the web edition printed at a phone's width; now the word carries no soft hyphen anywhere."""
    for markup in (_epub(small_build), _web(small_build)):
        words = {w for w in re.findall(r"[^\W\d_][\w\u00ad]*", _body(markup)) if w.replace(SHY, "") == "Mannheim"}
        assert words == {"Mannheim"}


def test_a_web_address_in_the_pamphlet_breaks_before_its_separators_never_after(outputs):
    """An address continued on the next line ends its line before a / . - _ or @ (or after its //), never
    after one: "…/lists-of-lights/a-" at a line's end reads as a hyphenated word, and a reader types
    "areaders" (the sources' addresses, which used to go to the line breaker unbroken into pieces)."""
    root, out = outputs
    written = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.yaml"))
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", written))
    pages, _, _ = layout.lines(out / "pamphlet.pdf")
    rows = [line for page in pages for line in page if line.words]
    continued = [
        line.words[-1]
        for line, following in itertools.pairwise(rows)
        if any(u.startswith(line.words[-1]) and u[len(line.words[-1]) :].startswith(following.words[0]) for u in urls)
    ]
    assert [head for head in continued if head.endswith(("-", ".", "_", "@")) or re.search(r"[^/]/$", head)] == []
