"""Preflight: what a print shop checks, read from the built files, for every registered output."""

from __future__ import annotations

import os
import shutil
import zipfile

import pikepdf
import pytest

from pamphleteer import progress
from pamphleteer.infra.locations import templates_dir
from tests import pdfinfo
from tests.conftest import replace_in


def test_preflight_reports_and_passes(small_build, run):
    code, out, _ = run("preflight", "--output", small_build)
    assert code == 0
    assert "pamphlet-print.pdf:\n  16 pages, 148 × 210 mm\n  bleed 3.0 mm" in out
    assert "8 sides: 4 sheets of paper, printed on both sides" in out
    assert "fonts: PT-Sans, PT-Sans-Bold, PT-Serif, PT-Serif-Bold, PT-Serif-Italic" in out
    assert "REJECT" not in out


def test_preflight_names_the_colour_condition_and_the_print_section(small, small_out, run):
    code, out, _ = run("preflight", "--output", small_out)
    assert code == 0
    lines = out.splitlines()
    printed = lines[lines.index("pamphlet-print.pdf:") :]
    assert "  colour: CMYK for FOGRA29 (FOGRA29 uncoated 280% (ArgyllCMS))" in printed
    section = lines[next(n for n, line in enumerate(lines) if line.startswith("print (")) :]
    assert section[0].endswith("publication.yaml):")
    assert section[1:4] == [
        "  paper: uncoated, 90 g/m²; binding: saddle",
        "  colour: CMYK for FOGRA29 (FOGRA29 uncoated 280% (ArgyllCMS), templates/icc/FOGRA29_uncoated_280.icc), PDF/X-4",
        "  total ink: at most 280% (uncoated paper)",
    ]
    assert not section[4].startswith("  warning")  # uncoated paper is separated for itself: nothing to convert
    with (small / "publication.yaml").open("a", encoding="utf-8") as f:
        f.write("print:\n  paper: coated\n  weight: 115\n  standard: x1a\n")
    code, out, _ = run("--content", small, "preflight", "--output", small_out)  # the paper changed, not the output
    assert (
        "  warning: pamphlet-print.pdf is separated for FOGRA29, the print section asks for coated paper "
        "(FOGRA39): build it again" in out.splitlines()
    )
    assert "  REJECT: out of date: the publication" in out  # and preflight fails until they are built again
    assert out.splitlines()[-2] == (
        "out of date: pamphlet-print.pdf, pamphlet-booklet.pdf; build again: "
        f"{progress.command()} --content {small} --output {small_out}"
    )
    assert run("--content", small, "--output", small_out, "-q", "print", "booklet")[0] == 0  # the creep too
    code, out, _ = run("preflight", "--output", small_out)
    assert code == 0
    lines = out.splitlines()
    section = lines[next(n for n, line in enumerate(lines) if line.startswith("print (")) :]
    assert section[1:4] == [
        "  paper: coated, 115 g/m²; binding: saddle",
        "  colour: CMYK for FOGRA39 (ISO Coated v2 300% (basICColor), templates/icc/ISOcoated_v2_300_bas.icc), "
        "PDF/X-1a:2003, flattened",
        "  total ink: at most 300% (coated paper)",
    ]
    assert not section[4].startswith("  warning")


def test_preflight_rejects_a_print_file_without_an_output_intent(small_build, run, tmp_path):
    with pikepdf.open(small_build / "pamphlet-print.pdf") as pdf:
        del pdf.Root["/OutputIntents"]
        pdf.save(tmp_path / "pamphlet-print.pdf")
    code, out, _ = run("preflight", "--output", tmp_path)
    assert code == 1
    assert "  REJECT: no PDF/X output intent: the printer cannot tell what the colours are for" in out.splitlines()


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
    lines = out.splitlines()
    assert code == 1  # the other outputs, built before the picture came, are out of date; the pamphlet is not
    assert not any(
        "REJECT" in line for line in lines[lines.index("pamphlet.pdf:") : lines.index("pamphlet-print.pdf:")]
    )
    assert {line for line in lines if "REJECT" in line} == {
        f"  REJECT: out of date: the publication ({small}) changed since it was built"
    }
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


def test_preflight_names_the_outputs_an_edit_left_out_of_date(small, small_out, run):
    """Not "ready" after the content changed: the outputs the edit reaches, each named, and exit 1 until rebuilt."""
    replace_in(small / "chapters" / "safety.yaml", "notes: >-\n      Four dates", "notes: >-\n      Pause. Four dates")
    assert run("--content", small, "--output", small_out, "-q", "pamphlet")[0] == 0  # the folder now names small
    code, out, _ = run("preflight", "--output", small_out)
    lines = out.splitlines()
    assert code == 1
    headers = [
        next(h for h in reversed(lines[:n]) if not h.startswith(" ")) for n, x in enumerate(lines) if "REJECT" in x
    ]
    assert headers == ["lecture.pptx:", "lecture-script.pdf:"]
    assert {line for line in lines if "REJECT" in line} == {
        f"  REJECT: out of date: the publication ({small}) changed since it was built"
    }
    assert lines[-2:] == [
        f"out of date: lecture.pptx, lecture-script.pdf; build again: {progress.command()} --content {small} "
        f"--output {small_out}",
        "8 file(s) checked; 2 would be rejected",
    ]
    replace_in(small / "chapters" / "safety.yaml", "title: The safety bicycle", "title: [The safety bicycle")
    code, out, _ = run("preflight", "--output", small_out)  # a publication that no longer loads: no telling
    assert code == 1
    assert out.count(f"  REJECT: the publication ({small}) has errors now, so this may not match it: run check\n") == 8
    assert "out of date" not in out


def test_preflight_rejects_a_file_that_is_not_a_pdf(small_out, run):
    out = small_out
    (out / "handout.pdf").write_bytes(b"not a pdf at all")
    code, stdout, _ = run("preflight", "--output", out)
    assert code == 1
    lines = stdout.splitlines()
    handout = lines[lines.index("handout.pdf:") + 1 :]
    assert handout[0].startswith("  REJECT: not a readable PDF (")


def test_preflight_reports_the_palette_in_grey_and_warns_of_colours_a_photocopy_merges(
    small_build, run, tmp_path, monkeypatch
):
    code, out, _ = run("preflight", "--output", small_build)
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("chart palette (") and "palette.json" in line)
    assert (
        lines[start + 1]
        == "  6 colours, greys from 18 to 81 (L*), the closest two 12.4 apart (a black-and-white copy needs 12)"
    )
    assert not lines[start + 2].startswith("  warning")
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    (templates / "palette.json").write_text('["#8c1c13", "#2f3e46", "#bf8b30", "#9a8c98"]', encoding="utf-8")
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    code, out, _ = run("preflight", "--output", small_build)
    assert code == 1  # the outputs were drawn with the other palette: out of date
    assert f"  REJECT: out of date: {templates / 'palette.json'} changed since it was built" in out.splitlines()
    assert (  # a warning: the copy shop prints it, but two series will look alike
        "  warning: #8c1c13 and #2f3e46 are 5.3 apart in grey: a black-and-white copy shows them as one colour" in out
    )
    assert (
        "  warning: #bf8b30 and #9a8c98 are 1.7 apart in grey: a black-and-white copy shows them as one colour" in out
    )


def _zip_with(source, dest, change):
    """A copy of the zip ``source`` at ``dest``, each member's bytes passed through ``change`` (None drops it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info, data)


def _nested_forms(path, depth):
    """The pamphlet with its second page drawing a form that draws a form ... ``depth`` deep."""
    pdf = pikepdf.open(path, allow_overwriting_input=True)
    inner = None
    for _ in range(depth):
        form = pdf.make_stream(b"/X Do" if inner is not None else b"0 0 m 1 1 l S")
        form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 1, 1]
        if inner is not None:
            form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=inner))
        inner = form
    pdf.pages[1].obj.Resources.XObject = pikepdf.Dictionary(X=inner)
    pdf.pages[1].obj.Contents = pdf.make_stream(b"/X Do")
    pdf.save(path)


def _edit_pdf(change):
    def edit(path):
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            change(pdf)
            pdf.save(path)

    return edit


DAMAGED = {
    "a truncated deck": (
        "lecture.pptx",
        lambda p: p.write_bytes(p.read_bytes()[:30000]),
        "not a readable PowerPoint file (not a zip package)",
    ),
    "a deck with broken XML": (
        "lecture.pptx",
        lambda p: _zip_with(
            p.with_suffix(".bak"), p, lambda n, d: d[: len(d) // 2] if n == "ppt/presentation.xml" else d
        ),
        "not a readable PowerPoint file (XMLSyntaxError: ",
    ),
    "a deck missing a slide": (
        "lecture.pptx",
        lambda p: _zip_with(p.with_suffix(".bak"), p, lambda n, d: None if n == "ppt/slides/slide1.xml" else d),
        "not a readable PowerPoint file (KeyError: ",
    ),
    "a PDF of no pages": ("pamphlet.pdf", lambda p: pikepdf.new().save(p), "not a readable PDF (it has no pages)"),
    "a PDF whose fonts are a number": (
        "pamphlet.pdf",
        _edit_pdf(lambda pdf: setattr(pdf.pages[1].obj.Resources, "Font", 42)),
        "not a readable PDF (AttributeError: ",
    ),
    "a PDF whose matrix is names": (
        "pamphlet.pdf",
        _edit_pdf(lambda pdf: setattr(pdf.pages[1].obj, "Contents", pdf.make_stream(b"q /a /b /c /d /e /f cm Q"))),
        "not a readable PDF (TypeError: ",
    ),
    "a PDF of forms nested 3,000 deep": (
        "pamphlet.pdf",
        lambda p: _nested_forms(p, 3000),
        "not a readable PDF (forms nested more than 32 deep)",
    ),
    "a named pipe": (
        "handout.pdf",
        lambda p: (p.unlink(), os.mkfifo(p)),
        "not a regular file (a pipe or a device?): remove it and build again",
    ),
    "a link to /dev/zero": (
        "lecture.pptx",
        lambda p: (p.unlink(), p.symlink_to("/dev/zero")),
        "a link stands here, not an output the build wrote: remove it and build again",
    ),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_preflight_rejects_a_damaged_file_saying_what_is_wrong(case, small_build, run, tmp_path):
    name, damage, said = DAMAGED[case]
    if case == "a named pipe" and not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    out = tmp_path / "out"
    shutil.copytree(small_build, out)
    shutil.copy(out / name, (out / name).with_suffix(".bak"))
    damage(out / name)
    code, stdout, stderr = run("preflight", "--output", out)
    assert (code, stderr) == (1, "")
    section = ("\n" + stdout).split(f"\n{name}:\n", 1)[1].split(":\n", 1)[0].splitlines()
    assert next(line for line in section if line.startswith("  REJECT: ")).startswith(f"  REJECT: {said}"), stdout
    assert stdout.endswith("8 file(s) checked; 1 would be rejected\n")
