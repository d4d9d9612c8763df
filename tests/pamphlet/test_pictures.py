"""Pictures' printed size and resolution, known before layout and warned about at build time (pamphlet/pictures.py)."""

from __future__ import annotations

from PIL import Image

from pamphleteer.pamphlet import pictures


def test_a_picture_prints_at_96_dpi_up_to_the_text_block_then_finer():
    assert round(pictures.dpi((300, 200))) == 96  # small: at its own size
    assert round(pictures.printed((3000, 2000))[0]) == round(pictures.TEXT_BLOCK_PT)  # wide: the block's width
    assert round(pictures.dpi((1383, 900))) == 300
    tall = pictures.printed((1000, 4000))  # tall: no taller than a page holds with its caption
    assert round(tall[1] / pictures.MM) == pictures.MAX_HEIGHT_MM


def test_a_coarse_picture_is_warned_about_at_its_line_when_the_pamphlet_is_built(small, run, tmp_path):
    (small / "images").mkdir()
    Image.new("RGB", (300, 200), "red").save(small / "images" / "coarse.png")
    Image.new("RGB", (1000, 600), "blue").save(small / "images" / "fair.png")
    chapter = small / "chapters" / "safety.yaml"
    pictures_yaml = "".join(
        f"  - image: {{file: images/{name}.png, alt: A {name} picture}}\n" for name in ("coarse", "fair")
    )
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("blocks:\n", "blocks:\n" + pictures_yaml, 1))
    code, _, err = run("pamphlet", "--content", small, "--output", tmp_path / "out")
    assert code == 0, err
    assert (
        "chapters/safety.yaml:4:19: blocks[0].image.file: images/coarse.png: 300×200 pixels print 79 mm wide "
        "at 96 dpi, too coarse for print; a picture 938 pixels wide would print at 300" in err
    ), err
    assert (
        "blocks[1].image.file: images/fair.png: 1000×600 pixels print 117 mm wide at 217 dpi, under the 300 dpi" in err
    )
