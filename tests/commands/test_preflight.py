"""Preflight: what a print shop checks, read from the built files, for every registered output."""

from __future__ import annotations

from tests import pdfinfo


def test_preflight_reports_and_passes(small_build, run):
    code, out, _ = run("preflight", "--output", small_build)
    assert code == 0
    assert "pamphlet-print.pdf:\n  16 pages, 148 × 210 mm\n  bleed 3.0 mm" in out
    assert "8 sides: 4 sheets of paper, printed on both sides" in out
    assert "fonts: PT-Sans, PT-Sans-Bold, PT-Serif, PT-Serif-Bold, PT-Serif-Italic" in out
    assert "REJECT" not in out


def test_preflight_rejects_a_print_file_without_bleed(small_build, run, tmp_path):
    (tmp_path / "pamphlet-print.pdf").write_bytes((small_build / "pamphlet.pdf").read_bytes())
    code, out, _ = run("preflight", "--output", tmp_path)
    assert code == 1
    assert "  bleed 0.0 mm, media 148 × 210 mm\n" in out
    assert "  REJECT: bleed is 0.0 mm; printers ask for 3 mm\n" in out


def test_preflight_names_an_image_printing_under_300_dpi(small, small_out, run):
    from PIL import Image

    (small / "images").mkdir()
    Image.new("RGB", (120, 80), "teal").save(small / "images" / "rover.png")
    chapter = small / "chapters" / "safety.yaml"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace(
            "blocks:\n", "blocks:\n  - image: {file: images/rover.png, alt: A teal rectangle}\n"
        ),
        encoding="utf-8",
    )
    built = small_out  # built from another copy of the publication: the build records this one
    assert run("--content", small, "--output", built, "-q", "pamphlet")[0] == 0
    code, out, _ = run("preflight", "--output", built)  # the outputs remember where they came from
    assert code == 0  # a warning, not a rejection
    page = next(
        n for n, (_, text, _, _) in enumerate(pdfinfo.pages(built / "pamphlet.pdf"), 1) if "Rover of 1885" in text
    )
    assert f"  warning: image images/rover.png on page {page} prints at 96 dpi (under 300)" in out.splitlines()


def test_preflight_rejects_outputs_that_are_not_from_one_build(small_out, run):
    out = small_out
    (out / "pamphlet-print.pdf").write_bytes((out / "pamphlet-print.pdf").read_bytes() + b"\n% an older file\n")
    code, stdout, _ = run("preflight", "--output", out)
    assert code == 1
    lines = stdout.splitlines()
    start = lines.index("pamphlet-print.pdf:")
    assert "  REJECT: not made by the last build in this folder: the outputs may not match; rebuild" in lines[start:]
    assert stdout.endswith("8 file(s) checked; 1 would be rejected\n")


def test_preflight_rejects_a_file_that_is_not_a_pdf(small_out, run):
    out = small_out
    (out / "handout.pdf").write_bytes(b"not a pdf at all")
    code, stdout, _ = run("preflight", "--output", out)
    assert code == 1
    lines = stdout.splitlines()
    handout = lines[lines.index("handout.pdf:") + 1 :]
    assert handout[0].startswith("  REJECT: not a readable PDF (")
