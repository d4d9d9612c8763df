"""The palette every output shares: text that reads on each fill, and greys a photocopier keeps apart."""

from __future__ import annotations

import json

import pytest

from pamphleteer.content.house import look
from pamphleteer.infra.locations import templates_dir
from pamphleteer.render import colours


def test_a_label_on_any_fill_reads_at_4_5_to_1_or_better():
    greys = [f"#{v:02x}{v:02x}{v:02x}" for v in range(256)]
    hues = [f"#{r:02x}{g:02x}{b:02x}" for r in range(0, 256, 51) for g in range(0, 256, 51) for b in range(0, 256, 51)]
    for fill in greys + hues:
        assert colours.contrast(colours.readable(fill), fill) >= colours.MINIMUM, fill
    # the house ink where it reads, white on dark fills; on a mid-tone neither is enough, so pure black
    assert colours.readable("#d09e45") == colours.INK and colours.readable("#8c1c13") == colours.WHITE
    assert colours.contrast(colours.INK, "#757575") < colours.MINIMUM < colours.contrast(colours.WHITE, "#757575")
    assert colours.readable("#767676", (colours.INK, "#cccccc")) == colours.BLACK


def test_lightness_is_cie_l_star():
    assert colours.lightness("#000000") == pytest.approx(0)
    assert colours.lightness("#ffffff") == pytest.approx(100)
    assert colours.lightness("#777777") == pytest.approx(50.0, abs=0.2)  # sRGB 119 is mid grey


def test_the_old_palette_fails_in_grey_and_the_shipped_one_passes():
    old = ("#8c1c13", "#2f3e46", "#bf8b30", "#52796f", "#6d597a", "#9a8c98")
    clashes = {(a, b): round(d, 1) for a, b, d in colours.greyscale_clashes(old)}
    assert clashes[("#8c1c13", "#2f3e46")] == 5.3  # the first two series: one grey on a photocopy
    assert clashes[("#bf8b30", "#9a8c98")] == 1.7
    shipped = tuple(json.loads((templates_dir() / "palette.json").read_text(encoding="utf-8")))
    assert colours.palette() == shipped and len(shipped) == 6
    assert colours.greyscale_clashes(shipped) == []
    assert all(colours.contrast(colours.readable(c), c) >= colours.MINIMUM for c in shipped)


@pytest.mark.parametrize("accent", ["#1d4e89", "#7a1828", "#2e6b30"])
def test_a_house_style_leads_the_palette_with_its_accent_and_keeps_it_apart_in_grey(accent):
    ours = colours.palette()
    house = colours.palette(look(accent))
    assert house[0] == accent and ours[0] not in house
    assert set(house[1:]) <= set(ours[1:]) and colours.greyscale_clashes(house) == []
    assert colours.palette(look()) == ours  # our own design keeps our palette
