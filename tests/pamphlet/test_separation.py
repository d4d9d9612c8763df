"""The print edition in press CMYK: the colour maths on made-up colours, a made-up PDF separated, and
the built print editions' colour spaces read back with pikepdf."""

from __future__ import annotations

import copy
import io
import math
import zlib

import pikepdf
import pytest
from PIL import Image, ImageCms

from pamphleteer import cli
from pamphleteer.pamphlet import colourspaces, imposition, press, separation
from tests import pdfinfo

ACCENT = (0x8C / 255, 0x1C / 255, 0x13 / 255)  # the palette's deep red


@pytest.fixture(scope="module")
def inks() -> press.Inks:
    return press.inks(press.FOGRA39)


def _lab_of_cmyk(cmyk: tuple[float, ...]) -> tuple[float, float, float]:
    """What the press prints for ``cmyk``, in L*a*b*, read through the profile the other way."""
    profile = ImageCms.getOpenProfile(str(press.FOGRA39.path))
    back = ImageCms.buildTransform(profile, ImageCms.createProfile("LAB"), "CMYK", "LAB", 1)
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    lightness, a, b = ImageCms.applyTransform(pixel, back).getpixel((0, 0))
    return lightness * 100 / 255, a - 128, b - 128


def _lab_of_srgb(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    to_lab = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB", 1)
    pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in rgb))
    lightness, a, b = ImageCms.applyTransform(pixel, to_lab).getpixel((0, 0))
    return lightness * 100 / 255, a - 128, b - 128


def test_black_and_greys_are_printed_with_black_ink_alone(inks):
    assert inks.cmyk((0, 0, 0)) == (0, 0, 0, 1)  # text black: solid K, never rich black
    assert inks.cmyk((1, 1, 1)) == (0, 0, 0, 0)  # paper white: no ink
    ramp = [inks.cmyk((v, v, v)) for v in (0.2, 0.5, 0.8)]
    assert all(c == m == y == 0 for c, m, y, _ in ramp)
    assert ramp[0][3] > ramp[1][3] > ramp[2][3] > 0  # darker grey, more ink
    # mid grey (L* 53) on this paper: about half black ink, more than its 50% value, for dot gain
    assert 0.45 < inks.cmyk((0.5, 0.5, 0.5))[3] < 0.65


def test_the_accent_red_goes_through_the_profile(inks):
    c, m, y, k = inks.cmyk(ACCENT)
    assert m > 0.85 and y > 0.8 and c < 0.4  # a red of magenta and yellow, not a naive 1 - RGB
    assert c + m + y + k <= 3.0  # within the profile's 300% total ink
    # printed, read back through the profile: as light as asked and of the same hue; a little less
    # saturated, as this deep a screen red is outside what offset inks on paper can print
    (lightness, a, b), (want_lightness, want_a, want_b) = _lab_of_cmyk((c, m, y, k)), _lab_of_srgb(ACCENT)
    assert abs(lightness - want_lightness) < 5
    assert abs(math.degrees(math.atan2(b, a) - math.atan2(want_b, want_a))) < 8


@pytest.mark.parametrize("colour", ["#608e82", "#d09e45", "#99736a"])
def test_colours_the_press_can_print_are_printed_as_they_look(inks, colour):
    rgb = tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    assert math.dist(_lab_of_cmyk(inks.cmyk(rgb)), _lab_of_srgb(rgb)) < 3  # ΔE76: hardly told apart


def test_text_near_grey_is_black_ink_alone_and_coloured_text_keeps_its_colour(inks):
    blue_black = (0x22 / 255, 0x2E / 255, 0x33 / 255)
    c, m, y, k = inks.cmyk(blue_black)
    assert min(c, m, y) > 0.4 and c + m + y + k > 2  # a rich black for a fill: deep, but four inks in register
    assert inks.cmyk(blue_black, text=True)[:3] == (0, 0, 0)  # small text on black ink alone
    assert inks.cmyk(ACCENT, text=True) == inks.cmyk(ACCENT)  # the red headings stay red


def test_in_a_text_object_the_fill_is_text_s_and_after_it_what_it_was(inks):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.pages[0].obj.Contents = pdf.make_stream(
        b"0.133 0.18 0.2 rg BT /F1 9 Tf (small) Tj ET 0 0 50 50 re f BT 0.133 0.18 0.2 rg (again) Tj ET 0 0 5 5 re f"
    )
    separation.separate(pdf, inks)
    fills = [
        (str(op), [float(v) for v in args] if str(op) == "k" else [])
        for args, op in pikepdf.parse_content_stream(pdf.pages[0])
        if str(op) in ("k", "Tj", "f")
    ]
    rich, text = list(inks.cmyk((0.133, 0.18, 0.2))), list(inks.cmyk((0.133, 0.18, 0.2), text=True))
    # the colour set before a text object is text's inside it (set again at BT), and back after ET
    assert [f[0] for f in fills] == ["k", "k", "Tj", "k", "f", "k", "k", "Tj", "k", "f"]
    assert [f[1] for f in fills if f[0] == "k"] == [rich, text, rich, text, text, rich]


def test_an_instruction_left_as_drawn_is_written_as_a_remade_one_would_be(inks):
    # Instructions that set no colour are written back as parsed, not made anew; numbers pikepdf
    # would write otherwise when making an instruction ("-0.", "115.", past 15 digits) come out as
    # a remade instruction writes them, so a stream reads the same either way.
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    pdf.pages[0].obj.Contents = pdf.make_stream(
        b"q 1.105512 0 0 1.105512 -0. 0 cm 0.5 0.25 0.125 rg 48.49 38.8 80.37 20.01 115. 20. c "
        b"0.1234567890123456789 w 0.50 0 0 0.000001 0 0 cm [(a) -4.200102541565956 (b)] TJ Q"
    )
    separation.separate(pdf, inks)
    ink = " ".join(f"{v:g}" for v in inks.cmyk((0.5, 0.25, 0.125)))
    assert pdf.pages[0].obj.Contents.read_bytes().decode().splitlines() == [
        "q",
        "1.105512 0 0 1.105512 0 0 cm",
        f"{ink} k",
        "48.49 38.8 80.37 20.01 115 20 c",
        "0.123456789012346 w",
        "0.50 0 0 0.000001 0 0 cm",
        "[ (a) -4.200102541565956 (b) ] TJ",
        "Q",
    ]


def test_a_lab_grey_is_black_ink_and_a_lab_colour_is_printed_as_itself(inks):
    assert inks.lab((0, 0, 0)) == (0, 0, 0, 1)
    wanted = (50.0, 40.0, 20.0)
    assert math.dist(_lab_of_cmyk(inks.lab(wanted)), wanted) < 4


# made once: a profile littleCMS makes carries the time it was made, and the tests compare separations
# of the same made-up page made twice
_SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _made_up_pdf() -> bytes:
    """One page drawing in every RGB way WeasyPrint might: rg/RG, an ICC RGB colour space, a form with
    an RGB transparency group, an axial shading and a soft-masked RGB picture."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    icc = pdf.make_stream(_SRGB_ICC, N=3)
    picture = pdf.make_stream(
        zlib.compress(Image.new("RGB", (4, 4), (200, 30, 40)).tobytes()),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=4,
        Height=4,
        ColorSpace=pikepdf.Name.DeviceRGB,
        BitsPerComponent=8,
        Filter=pikepdf.Name.FlateDecode,
        SMask=pdf.make_stream(
            zlib.compress(bytes([255, 0, 255, 0] * 4)),
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=4,
            Height=4,
            ColorSpace=pikepdf.Name.DeviceGray,
            BitsPerComponent=8,
            Filter=pikepdf.Name.FlateDecode,
        ),
    )
    form = pdf.make_stream(
        b"0 0 1 RG 0 0 m 10 10 l S /Sh sh",
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=[0, 0, 100, 100],
        Group=pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB),
        Resources=pikepdf.Dictionary(
            Shading=pikepdf.Dictionary(
                Sh=pikepdf.Dictionary(
                    ShadingType=2,
                    ColorSpace=pikepdf.Name.DeviceRGB,
                    Coords=[0, 0, 100, 0],
                    Function=pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 0], N=1),
                )
            )
        ),
    )
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(
        ColorSpace=pikepdf.Dictionary(CS0=pikepdf.Array([pikepdf.Name.ICCBased, icc])),
        XObject=pikepdf.Dictionary(Im=picture, Fm=form),
    )
    page.obj.Contents = pdf.make_stream(
        b"0 0 0 rg 0 0 10 10 re f q /CS0 cs 0.549 0.11 0.075 sc 10 10 10 10 re f Q "
        b"0.5 0.5 0.5 rg 20 20 5 5 re f /Fm Do q 50 0 0 50 100 100 cm /Im Do Q"
    )
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)  # the same page, the same bytes: a file's /ID is kept when it is saved again
    return out.getvalue()


def _separated(inks: press.Inks, *, flatten: bool) -> pikepdf.Pdf:
    pdf = pikepdf.open(io.BytesIO(_made_up_pdf()))
    separation.separate(pdf, inks, flatten=flatten)
    return pdf


def test_a_made_up_page_is_separated_in_every_part(inks):
    pdf = _separated(inks, flatten=False)
    assert colourspaces.rgb_left(pdf) == []
    page = pdf.pages[0]
    colours = [(str(op), list(args)) for args, op in pikepdf.parse_content_stream(page)]
    fills = [[float(v) for v in values] for op, values in colours if op in ("k", "sc")]
    assert fills[0] == [0, 0, 0, 1]  # black, K only
    assert fills[1] == list(inks.cmyk(ACCENT))  # the ICC-based RGB colour, as the accent
    assert fills[2][:3] == [0, 0, 0]  # grey, K only
    assert ("cs", [pikepdf.Name.DeviceCMYK]) in colours and "/CS0" not in page.Resources.get("/ColorSpace", {})
    form = page.Resources.XObject.Fm
    assert form.Group.CS == "/DeviceCMYK"
    assert next(str(op) for _, op in pikepdf.parse_content_stream(form)) == "K"
    shading = form.Resources.Shading.Sh
    assert shading.ColorSpace == pikepdf.Name.DeviceCMYK and len(shading.Function.C0) == 4
    picture = page.Resources.XObject.Im
    assert picture.ColorSpace == pikepdf.Name.DeviceCMYK and "/SMask" in picture  # X-4 keeps live transparency
    assert pikepdf.PdfImage(picture).mode == "CMYK" and len(picture.read_bytes()) == 4 * 4 * 4


class _Memo(dict):
    """A memo as the build's shelf is one: what was asked for and what was handed in, counted."""

    def __init__(self) -> None:
        super().__init__()
        self.found = 0

    def recall(self, k: str) -> bytes | None:
        self.found += k in self
        return self.get(k)

    def store(self, k: str, value: bytes) -> None:
        self[k] = value


def _saved(inks: press.Inks, memo: _Memo | None, source: bytes | None = None) -> bytes:
    with pikepdf.open(io.BytesIO(source or _made_up_pdf())) as pdf:
        separation.separate(pdf, inks, memo=memo)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def test_streams_rewritten_once_are_taken_from_the_memo_and_give_the_same_bytes(inks):
    alone = _saved(inks, None)
    memo = _Memo()
    assert _saved(inks, memo) == alone and memo.found == 0 and len(memo) == 2  # the page and the form
    assert _saved(inks, memo) == alone and memo.found == 2
    other = copy.copy(inks)
    other.digest = "another profile"
    _saved(other, memo)
    assert memo.found == 2 and len(memo) == 4  # other inks: nothing of the first taken
    with pikepdf.open(io.BytesIO(_made_up_pdf())) as pdf:  # the page's colour space named another way
        del pdf.pages[0].obj.Resources.ColorSpace["/CS0"]
        pdf.pages[0].obj.Resources.ColorSpace.CS0 = pikepdf.Name.DeviceGray
        renamed = io.BytesIO()
        pdf.save(renamed)
    before = memo.found
    assert _saved(inks, memo, renamed.getvalue()) == _saved(inks, None, renamed.getvalue())
    assert memo.found == before + 1  # the form is as before; the page, whose /CS0 is grey now, is not


def test_a_rewritten_stream_is_kept_deflated_and_written_as_kept(inks):
    memo = _Memo()
    with pikepdf.open(io.BytesIO(_made_up_pdf())) as pdf:
        separation.separate(pdf, inks, memo=memo)
        page = pdf.pages[0].obj
        for stream in (page.Contents, page.Resources.XObject.Fm):  # the page and its form
            assert stream.Filter == pikepdf.Name.FlateDecode and stream.read_raw_bytes() in memo.values()
        assert b" k" in page.Contents.read_bytes()  # CMYK, as drawn


def test_flattened_for_pdf_x1a_no_transparency_is_left(inks):
    pdf = _separated(inks, flatten=True)
    assert colourspaces.rgb_left(pdf) == []
    form, picture = pdf.pages[0].Resources.XObject.Fm, pdf.pages[0].Resources.XObject.Im
    assert "/Group" not in form and "/SMask" not in picture
    stencil = pikepdf.PdfImage(picture.Mask).as_pil_image()  # the soft mask's opaque half paints
    assert [stencil.getpixel((x, 0)) for x in range(4)] == [0, 255, 0, 255]  # a set bit masks out


def test_live_transparency_is_named_and_refused_for_pdf_x1a():
    pdf = pikepdf.open(io.BytesIO(_made_up_pdf()))
    assert colourspaces.live_transparency(pdf) == []
    pdf.pages[0].Resources.ExtGState = pikepdf.Dictionary(G0=pikepdf.Dictionary(ca=0.5))
    assert colourspaces.live_transparency(pdf) == ["page 1: an opacity below 1 (/G0)"]
    translucent = io.BytesIO()
    pdf.save(translucent)
    assert imposition.print_edition(translucent.getvalue(), standard="x4")  # X-4 keeps it live
    with pytest.raises(separation.Unflattenable, match=r"live transparency: page 1: an opacity below 1 \(/G0\)"):
        imposition.print_edition(translucent.getvalue(), standard="x1a")


def test_the_print_edition_is_cmyk_for_a_named_press_condition(small_build):
    with pikepdf.open(small_build / "pamphlet-print.pdf") as pdf:
        (intent,) = pdf.Root.OutputIntents
        # the small publication asks for no paper: uncoated, the default
        assert intent.S == "/GTS_PDFX" and intent.OutputConditionIdentifier == "FOGRA29"
        assert intent.RegistryName == "http://www.color.org" and "FOGRA29 uncoated 280%" in str(intent.Info)
        profile = ImageCms.ImageCmsProfile(io.BytesIO(intent.DestOutputProfile.read_bytes()))
        assert profile.profile.xcolor_space.strip() == "CMYK" and intent.DestOutputProfile.N == 4
        assert pdf.open_metadata()["pdfxid:GTS_PDFXVersion"] == "PDF/X-4" and pdf.pdf_version == "1.6"
        assert pdfinfo.rgb_anywhere(pdf) == []
        for page in pdf.pages:  # trim and bleed boxes kept
            assert "/TrimBox" in page.obj and "/BleedBox" in page.obj
    with pikepdf.open(small_build / "pamphlet.pdf") as reading:  # the reading edition stays RGB
        assert pdfinfo.rgb_anywhere(reading)


def _text_colours(pdf: pikepdf.Pdf, number: int) -> list[list[float]]:
    """The fill colour each piece of text on page ``number`` is shown in, in order."""
    colour, shown = [0.0], []
    for args, op in pikepdf.parse_content_stream(pdf.pages[number]):
        if str(op) in ("rg", "k", "g", "sc", "scn"):
            colour = [float(v) for v in args]
        elif str(op) in ("Tj", "TJ", "'", '"'):
            shown.append(colour)
    return shown


def test_grey_text_is_black_ink_alone_and_coloured_text_is_separated(small_build):
    with (
        pikepdf.open(small_build / "pamphlet.pdf") as reading,
        pikepdf.open(small_build / "pamphlet-print.pdf") as inked,
    ):
        pairs = [
            pair
            for number in range(len(reading.pages))
            for pair in zip(_text_colours(reading, number), _text_colours(inked, number), strict=True)
        ]
    colours = {tuple(rgb) for rgb, _ in pairs if len(rgb) == 3}  # some dozens, in thousands of runs of text
    chroma = {rgb: math.hypot(*_lab_of_srgb(rgb)[1:]) for rgb in colours}
    greyish = [cmyk for rgb, cmyk in pairs if len(rgb) == 3 and chroma[tuple(rgb)] < press.TEXT_CHROMA]
    coloured = [cmyk for rgb, cmyk in pairs if len(rgb) == 3 and chroma[tuple(rgb)] >= press.TEXT_CHROMA]
    assert len(greyish) > 100 and coloured  # the body text, and the accent's headings and labels
    assert all(len(c) == 4 and c[:3] == [0, 0, 0] for c in greyish)
    assert all(len(c) == 4 and max(c[:3]) > 0 for c in coloured)


def test_pdf_x1a_is_flat_pdf_1_4(small, tmp_path):
    with (small / "publication.yaml").open("a", encoding="utf-8") as f:
        f.write("print:\n  standard: x1a\n  paper: coated\n")
    assert cli.main(["print", "--content", str(small), "--output", str(tmp_path / "out"), "-q"]) == 0
    with pikepdf.open(tmp_path / "out" / "pamphlet-print.pdf") as pdf:
        assert pdf.pdf_version == "1.4"
        assert pdf.docinfo.GTS_PDFXVersion == "PDF/X-1a:2003" and pdf.docinfo.Trapped == "/False"
        assert pdf.Root.OutputIntents[0].OutputConditionIdentifier == "FOGRA39"
        assert pdfinfo.rgb_anywhere(pdf) == []
        assert not [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary | pikepdf.Stream) and "/Group" in o]
        assert not [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/SMask" in o]
        assert not [o for o in pdf.objects if isinstance(o, pikepdf.Array) and o and o[0] in ("/Lab", "/ICCBased")]
