"""The WeasyPrint door: what we read of its laid-out pages, on a document made here.

These fail loudly when an upgrade of WeasyPrint moves what render/weasy/ relies on (the page
box behind ``page._page_box``, its children's classes, page names, links, the PDF writer's zlib).
"""

from __future__ import annotations

import re

import weasyprint

from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.render import weasy

HTML = """<!DOCTYPE html><html><head><style>
@page { size: A5; margin: 20mm 15mm; @bottom-center { content: counter(page); } }
@page opener { @bottom-center { content: none; } }
h1 { page: opener; break-after: page; }
</style></head><body>
<section id="one"><h1 data-running="The head">One</h1>
<p data-b="one/0">{text}</p><ul data-b="one/1"><li>a</li><li>b</li><li>c</li></ul>
<p>See <a href="#elsewhere">there</a>.</p></section></body></html>"""


def _document():
    return weasyprint.HTML(string=HTML.replace("{text}", "Words set in a line. " * 120)).render()


def test_pages_are_measured_block_by_block():
    pages = weasy.measure(_document())
    assert len(pages) >= 2
    body = pages[1]
    assert body.section == "one" and body.first_block == "one/0" and body.tags["one/0"] == "p"
    assert body.lines > 5 and body.top < body.used <= body.bottom
    assert any(p.items.get("one/1") for p in pages) and sum(p.items.get("one/1", 0) for p in pages) == 3


def test_a_note_set_on_a_page_after_its_call_is_measured_and_footnote_policy_line_keeps_it_at_its_call():
    """A note too long for the foot of its call's page goes on to the next page, by default; the pamphlet's
    ``footnote-policy: line`` turns the page before the line of the call instead."""

    def notes_later(policy: str) -> list[tuple[int, list[str]]]:
        html = f"""<html><head><style>@page {{ size: 100mm 70mm; margin: 10mm }} body {{ font: 10pt/12pt serif }}
        .fn {{ float: footnote; footnote-policy: {policy} }}</style></head><body><section id="s">
        <p data-b="s/0">{"Words set in a line. " * 22}</p>
        <p data-b="s/1">{"Words set in a line. " * 14} a call<span class="fn">{"A long note. " * 30}</span> and on.</p>
        </section></body></html>"""
        return [
            (p.number, p.notes_later) for p in weasy.measure(weasyprint.HTML(string=html).render()) if p.notes_later
        ]

    assert notes_later("auto") == [(3, ["s/1"])]
    assert notes_later("line") == []
    assert "footnote-policy: line" in (templates_dir() / "pamphlet" / "pamphlet.css").read_text(encoding="utf-8")


def test_frames_give_each_pages_name_side_and_margin_boxes():
    frames = weasy.frames(_document())
    assert frames[0].name == "opener" and not frames[0].margin_boxes  # its folio is suppressed
    assert frames[1].name == "" and frames[1].margin_boxes
    assert abs(frames[1].x - 15 * 72 / 25.4) < 0.01


def test_links_to_other_documents_are_kept_by_placeholders():
    document = _document()
    assert weasy.borrow_links(document, set()) == {"elsewhere"}
    assert "elsewhere" in document.pages[0].anchors
    assert weasy.first_attribute(document, "data-running") == "The head"
    assert weasy.words(document.pages[1]) > 100


def test_each_page_begins_at_the_first_place_set_on_it_a_continued_block_included():
    html = HTML.replace('<h1 data-running="The head">', '<h1 data-at="one" data-running="The head">')
    document = weasyprint.HTML(string=html.replace("{text}", "Words set in a line. " * 240)).render()
    starts = weasy.page_starts(document)
    # the opener's page; then the long paragraph's pages, the later ones continuing it; the list after it
    assert starts[0] == "one" and len(starts) >= 4
    assert set(starts[1:-1]) == {"one/0"}
    # as the pagination pass sees the pages
    assert starts[1:] == tuple(page.blocks[0] for page in weasy.measure(document)[1:])
    bare = weasyprint.HTML(string="<p>No place here.</p>").render()
    assert weasy.page_starts(bare) == ("",)


def test_the_pdf_writer_deflates_at_the_level_asked_for():
    document = _document()
    with weasy.deflate_level(1):
        fast = document.write_pdf()
    assert len(fast) > len(document.write_pdf())


def test_a_shared_font_configuration_records_its_faces_for_every_layout(tmp_path):
    font = templates_dir() / "fonts" / "PTF55F.ttf"
    source = (
        f'<style>@font-face {{ font-family: "T"; src: url("{font.as_uri()}"); }}</style><p style="font-family: T">x</p>'
    )
    config = weasy.fonts(source)
    assert weasy.fonts(source) is config  # the same faces, the same configuration
    assert weasy.fonts(source.replace('"T"', '"U"')) is not config
    for _ in range(2):  # the second time the face is not fetched again, but still recorded
        with dependencies.recording((tmp_path,)) as recorder:
            weasyprint.HTML(string=source).render(font_config=weasy.fonts(source))
        assert "templates:fonts/PTF55F.ttf" in recorder.files


NUMBERED = """<!DOCTYPE html><html><head><style>
@page { size: A6; margin: 10mm; }
body { font-family: "DejaVu Sans"; font-size: 9pt; text-align: justify; }
a.ref::after { content: " (p. " attr(data-page) ")"; }
</style></head><body><p>{text} as <a class="ref" href="#far" data-page="{page}">the far chapter</a> says,
and <a class="ref" href="#near" data-page="12">the near one</a>. {text}</p><h2 id="far">Far</h2>
<h2 id="near">Near</h2></body></html>"""


def _numbered(page: str, text: str = "Words set in a justified line. " * 12) -> tuple[str, object]:
    html = NUMBERED.replace("{page}", page).replace("{text}", text)
    return html, weasyprint.HTML(string=html).render()


def test_a_layout_is_renumbered_when_its_new_numbers_set_as_wide_as_the_placeholders():
    laid_from, document = _numbered("00")
    wanted, fresh = _numbered("42")  # DejaVu Sans's figures are all one width
    placeholders = _numbered("00")[1].write_pdf(pdf_identifier=b"x")
    assert weasy.renumber(document, laid_from, wanted)
    # the PDF is the one the new numbers laid out afresh give, byte for byte
    renumbered = document.write_pdf(pdf_identifier=b"x")
    assert renumbered == fresh.write_pdf(pdf_identifier=b"x") and renumbered != placeholders


def test_a_layout_is_not_renumbered_when_a_number_sets_otherwise_or_anything_else_changed():
    laid_from, document = _numbered("00")
    assert not weasy.renumber(document, laid_from, _numbered("7")[0])  # one figure: narrower, lines may move
    assert not weasy.renumber(document, laid_from, _numbered("42", "Other words. " * 12)[0])
    # untouched
    assert document.write_pdf(pdf_identifier=b"x") == _numbered("00")[1].write_pdf(pdf_identifier=b"x")


def test_a_link_whose_text_is_its_number_is_renumbered_as_a_generated_number_is():
    # the index's page numbers are their links' own text: no ::after box for each
    def index(page: str) -> tuple[str, object]:
        html, _ = _numbered("12")
        html = html.replace(" says,", f' says, <a class="page" href="#mark" data-page="{page}">{page}</a>,')
        return html, weasyprint.HTML(string=html).render()

    laid_from, document = index("00")
    wanted, fresh = index("42")
    assert weasy.renumber(document, laid_from, wanted)
    assert document.write_pdf(pdf_identifier=b"x") == fresh.write_pdf(pdf_identifier=b"x")
    laid_from, document = index("00")
    assert not weasy.renumber(document, laid_from, index("7")[0])  # narrower: laid out again
    assert not weasy.renumber(document, laid_from, laid_from.replace("says,", "said,").replace("00<", "42<"))


def test_the_warm_up_layout_leaves_no_copy_of_its_face_behind(tmp_path, monkeypatch):
    """The fork server's warm-up lays out and writes a word in a bundled face; the copies WeasyPrint
    made of the face go with it, so no process forked later holds (and removes) them."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    kept = dict(weasy.hooks._FONTS)
    weasy.warm_up(templates_dir() / "fonts" / "PTS55F.ttf")
    assert list(tmp_path.iterdir()) == []
    assert kept == weasy.hooks._FONTS


def test_the_font_subsetter_makes_its_arrays_without_parsing_a_declaration_for_each_length(monkeypatch):
    """cffi parses each new C declaration (some 2 ms); WeasyPrint's subsetter named a new one for each
    length of its glyph arrays. Made open, they give the same PDF and no declaration per length."""
    from weasyprint.pdf import fonts as subsetter

    font = (templates_dir() / "fonts" / "PTF56F.ttf").as_uri()
    source = f'<style>@font-face {{ font-family: T; src: url("{font}") }} p {{ font-family: T }}</style>'
    document = weasyprint.HTML(string=f"{source}<p>Quizzical jackdaws vex 0123456789</p>").render()
    open_made = document.write_pdf(pdf_identifier=b"x")
    sized = re.compile(r"hb_codepoint_t\[\d+\]")
    assert not [cdecl for cdecl in subsetter.ffi.ffi._parsed_types if sized.fullmatch(cdecl)]
    monkeypatch.setattr(subsetter, "ffi", subsetter.ffi.ffi)  # WeasyPrint's own: an array of each length
    assert document.write_pdf(pdf_identifier=b"x") == open_made
    assert [cdecl for cdecl in subsetter.ffi._parsed_types if sized.fullmatch(cdecl)]


def test_pages_laid_out_without_margin_boxes_are_the_same_where_none_has_content(monkeypatch):
    from weasyprint import layout

    def page(margins: str) -> str:
        return f"<style>@page {{ size: A7; {margins} }}</style><p>{'Words on a page. ' * 40}</p>"

    quiet = page("@top-center { content: none } @bottom-center { content: none }")
    with_boxes = weasyprint.HTML(string=quiet).render().write_pdf(pdf_identifier=b"x")
    made = []
    monkeypatch.setattr(layout, "make_margin_boxes", lambda *args: made.append(args) or iter(()))
    with weasy.no_margin_boxes():
        assert weasyprint.HTML(string=quiet).render().write_pdf(pdf_identifier=b"x") == with_boxes
    assert made == []  # WeasyPrint's maker never called
    folio = page("@bottom-center { content: counter(page) }")
    assert layout.make_margin_boxes is not weasy.hooks._no_boxes  # restored
    monkeypatch.undo()
    with weasy.no_margin_boxes():
        bare = weasyprint.HTML(string=folio).render().write_pdf(pdf_identifier=b"x")
    assert bare != weasyprint.HTML(string=folio).render().write_pdf(pdf_identifier=b"x")  # a folio is a box
