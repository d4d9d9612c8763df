"""The compositor's check the end-to-end tests read the pamphlet with (``tests/layout.py``), on pages made
for it: what it reports is there, and what is not is not reported."""

from __future__ import annotations

from pathlib import Path

import weasyprint

from tests import layout

FONTS = Path(__file__).resolve().parents[1] / "templates" / "fonts"
HEIGHT = 210 * layout.MM  # A5


def test_a_subheading_in_the_last_three_lines_of_the_block_is_stranded_and_one_higher_up_is_not(tmp_path):
    foot = HEIGHT - layout.BOTTOM - 20  # the baseline of the block's last line but one, in points
    pages = [
        ("bold", 11, 60),  # a subheading at the head of the page
        ("bold", 11, foot),  # one at its foot: stranded
        ("normal", 11, foot),  # the text face at the foot: not a subheading
        ("bold", 8, foot),  # bold but small (a register's entry): not a subheading
    ]
    faces = "".join(
        f"@font-face {{ font-family: 'PT Sans'; font-weight: {weight}; src: url({(FONTS / face).as_uri()}) }}"
        for weight, face in (("normal", "PTS55F.ttf"), ("bold", "PTS75F.ttf"))
    )
    body = "".join(
        f"<p style=\"font: {weight} {size}pt 'PT Sans'; top: {top - size}pt\">Why the shape lasted</p>"
        for weight, size, top in pages
    )
    style = "@page { size: 148mm 210mm; margin: 0 } p { position: absolute; left: 40pt; margin: 0; line-height: 1 }"
    # each paragraph on a page of its own: an absolutely placed box after a page break
    body = body.replace("<p ", '<section style="break-before: page; position: relative; height: 210mm"><p ')
    body = body.replace("</p>", "</p></section>")
    pdf = tmp_path / "pages.pdf"
    weasyprint.HTML(string=f"<style>{faces}{style}</style>{body}").write_pdf(pdf)
    found = layout._stranded_headings(pdf, {1, 2, 3, 4}, HEIGHT)
    assert [line.split(":")[0] for line in found] == ["p. 2"], found
    assert found[0].endswith("'Why the shape lasted'")
