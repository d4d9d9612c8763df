"""The reading edition's builder: laid out in a child, publishes the page maps, reads the text only."""

from __future__ import annotations

import subprocess
import zipfile

from pamphleteer.builders import REGISTRY


def test_it_publishes_the_page_maps_and_lays_out_in_a_child():
    pamphlet = REGISTRY["pamphlet"]
    assert (pamphlet.filename, pamphlet.publishes, pamphlet.needs, pamphlet.child) == (
        "pamphlet.pdf",
        ("pages", "print_pages"),
        (),
        True,
    )
    # the screen editions mark the print edition's pages: they wait for where each begins
    assert REGISTRY["epub"].needs == REGISTRY["web"].needs == ("print_pages",)


def test_the_tools_colophon_line_is_printed_unless_the_publication_says_colophon_credit_false(small, run, tmp_path):
    """The pamphlet's imprint, the EPUB's title page and the web edition's footer carry it by default."""
    publication = small / "publication.yaml"
    for credit in (True, False):
        if not credit:
            text = publication.read_text(encoding="utf-8")
            publication.write_text(
                text.replace("\ntitle: Two Wheels\n", "\ntitle: Two Wheels\ncolophon_credit: false\n", 1)
            )
        out = tmp_path / f"out-{credit}"
        code, _, err = run("--content", small, "--output", out, "pamphlet", "epub", "web")
        assert code == 0, err
        pdf = subprocess.run(["pdftotext", out / "pamphlet.pdf", "-"], capture_output=True, text=True).stdout
        with zipfile.ZipFile(out / "pamphlet.epub") as epub:
            title = epub.read("EPUB/title.xhtml").decode()
        web = (out / "web" / "index.html").read_text(encoding="utf-8")
        assert ("with pamphleteer and WeasyPrint" in " ".join(pdf.split())) is credit
        assert ('class="colophon"' in title, 'class="colophon"' in web) == (credit, credit)
