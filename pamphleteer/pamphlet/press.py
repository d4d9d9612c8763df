"""The press condition the print edition is separated for, and the colour maths of that separation.

A :class:`Condition` names a characterised printing condition (``FOGRA39``) and the bundled ICC
profile for it (``templates/icc/``); :class:`Inks` turns the reading edition's sRGB colours into
that press's CMYK through the profile with littleCMS (Pillow's ``ImageCms``), so the print edition
needs no tool outside Python. Three rules a prepress desk expects:

- a neutral grey, black included, is printed with black ink alone (``0 0 0 K``, K chosen so the
  grey is as light on that paper as on screen), and so is text in a colour near grey (a blue-black,
  chroma under ``TEXT_CHROMA``): small text never rich black, never out of register;
- other vector colours (the accent, the chart fills) go through the profile relative colorimetric
  with black point compensation, so a flat colour keeps its hue and paper white stays unprinted;
- pictures go through it perceptually, which keeps their gradations inside the press's gamut.

Each paper has its own condition (:func:`condition`): coated paper FOGRA39 (basICColor's ISO Coated
v2 300%), uncoated FOGRA29 (a profile made with ArgyllCMS from FOGRA's characterisation data); both
zlib-licensed, their provenance in ``templates/icc/``. Each caps the total ink (C+M+Y+K) at what
its paper takes, lower on uncoated stock, which soaks up ink and dries slower: the profile's
separation tables are built to that cap, and a flat colour over it is brought under it here.

And :func:`declare_pdf_x`: the print edition declared PDF/X-4 (or X-1a) with the condition as its
output intent, its profile embedded.
"""

from __future__ import annotations

import hashlib
import io
import math
import uuid
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pikepdf
from PIL import Image, ImageCms

from pamphleteer.infra.filecache import by_file
from pamphleteer.infra.locations import templates_dir

TEXT_CHROMA = 12.0  # CIE C*ab: text less colourful than this reads as black or grey, and is inked so


@dataclass(frozen=True)
class Condition:
    """A printing condition as a PDF/X output intent names it."""

    identifier: str  # OutputConditionIdentifier: the name in the ICC's registry of characterisation data
    condition: str  # OutputCondition: what that is, in words
    profile: str  # the bundled ICC profile, a file in templates/icc/
    description: str  # the profile's own description
    ink_limit: int  # the total ink, C+M+Y+K in percent, the separation stays under

    registry = "http://www.color.org"

    @property
    def path(self) -> Path:
        return templates_dir() / "icc" / self.profile


FOGRA39 = Condition(
    identifier="FOGRA39",
    condition="Offset commercial and specialty printing according to ISO 12647-2:2004 / Amd 1, "
    "paper type 1 or 2 (gloss or matte coated offset, 115 g/m²), screen ruling 60/cm",
    profile="ISOcoated_v2_300_bas.icc",
    description="ISO Coated v2 300% (basICColor)",
    ink_limit=300,  # basICColor's figure, in the profile's name: its tables are built to it
)

FOGRA29 = Condition(
    identifier="FOGRA29",
    condition="Offset commercial and specialty printing according to ISO 12647-2:2004, "
    "paper type 4 (uncoated white offset, 120 g/m²), screen ruling 60/cm",
    profile="FOGRA29_uncoated_280.icc",
    description="FOGRA29 uncoated 280% (ArgyllCMS)",
    # Our figure, not FOGRA's (the characterisation data names none): the profile was built to it
    # (colprof -l280, templates/icc/FOGRA29-LICENCE.txt), 20 points under the coated profile's, as
    # uncoated stock soaks ink in; in FOGRA29's own measurements the darkest patch within 280% is
    # L* 27.5 and the darkest within 300% L* 26.4, so the 20 points more would buy almost nothing.
    ink_limit=280,
)


def condition(paper: str) -> Condition:
    """The condition the print edition is separated for on ``paper`` ("coated" or "uncoated")."""
    return FOGRA39 if paper == "coated" else FOGRA29


class Inks:
    """sRGB colours and pictures as the CMYK of one press condition (see the module's rules)."""

    def __init__(self, profile: bytes, ink_limit: int = 400) -> None:
        self.ink_limit = ink_limit
        # what a page separated with these inks is keyed by: the profile and the limit flat colours keep under
        self.digest = hashlib.sha256(profile + b"\0" + str(ink_limit).encode()).hexdigest()
        srgb, press = ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(profile))
        bpc = ImageCms.Flags.BLACKPOINTCOMPENSATION
        relative = ImageCms.Intent.RELATIVE_COLORIMETRIC
        self._flat = ImageCms.buildTransform(srgb, press, "RGB", "CMYK", relative, flags=bpc)
        self._press = press
        # the lightness of black ink alone, 0 to 100%, on this paper: the ramp greys are matched on
        to_lab = ImageCms.buildTransform(press, ImageCms.createProfile("LAB"), "CMYK", "LAB", relative)
        ramp = Image.new("CMYK", (256, 1))
        ramp.putdata([(0, 0, 0, k) for k in range(256)])
        lab = ImageCms.applyTransform(ramp, to_lab)
        self._k_lightness = [lab.getpixel((k, 0))[0] * 100 / 255 for k in range(256)]
        self._srgb_lab = ImageCms.buildTransform(srgb, ImageCms.createProfile("LAB"), "RGB", "LAB", relative)
        self._cache: dict[tuple[tuple[int, int, int], bool], tuple[float, float, float, float]] = {}

    def cmyk(self, rgb: tuple[float, float, float], *, text: bool = False) -> tuple[float, float, float, float]:
        """An sRGB colour (components 0 to 1) as press CMYK (0 to 1, three decimals); ``text``: the
        colour of text, on black ink alone when it is near grey."""
        key = tuple(round(min(max(v, 0.0), 1.0) * 255) for v in rgb)
        if (key, text) not in self._cache:
            r, g, b = key
            lightness, a, b_ = ImageCms.applyTransform(Image.new("RGB", (1, 1), key), self._srgb_lab).getpixel((0, 0))
            if max(key) - min(key) <= 1:  # neutral to the precision CSS colours have
                inked = (0.0, 0.0, 0.0, self._black_for(srgb_lightness((r + g + b) / 765)))
            elif text and math.hypot(a - 128, b_ - 128) < TEXT_CHROMA:
                inked = (0.0, 0.0, 0.0, self._black_for(lightness * 100 / 255))
            else:
                flat = ImageCms.applyTransform(Image.new("RGB", (1, 1), key), self._flat).getpixel((0, 0))
                inked = self._within(_unit(flat))
            self._cache[key, text] = inked
        return self._cache[key, text]

    def lab(self, lab: tuple[float, float, float]) -> tuple[float, float, float, float]:
        """A CIE L*a*b* colour (D50) as press CMYK; neutral greys with black ink alone, as for sRGB."""
        lightness, a, b = lab
        if abs(a) < 0.5 and abs(b) < 0.5:
            return (0.0, 0.0, 0.0, self._black_for(lightness))
        pixel = (round(lightness * 2.55), round(a) + 128, round(b) + 128)
        return self._within(_unit(ImageCms.applyTransform(Image.new("LAB", (1, 1), pixel), self._lab).getpixel((0, 0))))

    def picture(self, image: Image.Image, profile: bytes | None = None) -> Image.Image:
        """An RGB picture (in sRGB, or in its own embedded ``profile``) as press CMYK, perceptually."""
        if profile is None:
            return ImageCms.applyTransform(image, self._photo)
        own = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        transform = ImageCms.buildTransform(
            own, self._press, "RGB", "CMYK", ImageCms.Intent.PERCEPTUAL, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION
        )
        return ImageCms.applyTransform(image, transform)

    # Made when first used (10 ms each): most pages have no picture and no Lab colour.
    @cached_property
    def _photo(self) -> ImageCms.ImageCmsTransform:
        srgb, bpc = ImageCms.createProfile("sRGB"), ImageCms.Flags.BLACKPOINTCOMPENSATION
        return ImageCms.buildTransform(srgb, self._press, "RGB", "CMYK", ImageCms.Intent.PERCEPTUAL, flags=bpc)

    @cached_property
    def _lab(self) -> ImageCms.ImageCmsTransform:
        lab, bpc = ImageCms.createProfile("LAB", 5000), ImageCms.Flags.BLACKPOINTCOMPENSATION
        return ImageCms.buildTransform(
            lab, self._press, "LAB", "CMYK", ImageCms.Intent.RELATIVE_COLORIMETRIC, flags=bpc
        )

    def _within(self, cmyk: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """``cmyk`` under the total ink limit: over it (the profile's tables rounded or interpolated past
        their cap), the colour inks given up in proportion, black kept, as the darkness rests on it."""
        c, m, y, k = cmyk
        room = self.ink_limit / 100 - k
        if c + m + y <= room:
            return cmyk
        scale = max(room, 0.0) / (c + m + y)
        c, m, y = (math.floor(v * scale * 1000) / 1000 for v in (c, m, y))  # down: the sum stays under
        return (c, m, y, k)

    def _black_for(self, lightness: float) -> float:
        """The black ink (0 to 1) whose print is ``lightness`` (0 black to 100 white) on the press's scale.

        Screen black and white are mapped onto the press's own (black point compensation), so black
        text is solid black ink and white is no ink.
        """
        if lightness <= 0:
            return 1.0
        ramp = self._k_lightness
        target = ramp[-1] + (ramp[0] - ramp[-1]) * min(max(lightness, 0.0), 100.0) / 100
        for k in range(1, 256):
            if ramp[k] <= target:  # the ramp darkens with k; interpolate between its two steps
                span = ramp[k - 1] - ramp[k]
                step = (ramp[k - 1] - target) / span if span > 0 else 1.0
                return max(round((k - 1 + step) / 255, 3), 0.0)
        return 1.0


def srgb_lightness(value: float) -> float:
    """CIE L* (0 to 100) of an sRGB grey whose components are ``value`` (0 to 1)."""
    linear = value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    return 116 * linear ** (1 / 3) - 16 if linear > 216 / 24389 else linear * 24389 / 27


def inks(condition: Condition) -> Inks:
    """The separation for a press condition, through its bundled profile: made once per process while the
    profile's file stays as it is (a --watch's layouts' server makes them ahead: ``commands/preheat.py``)."""
    made = _separations(condition.path)
    if condition.ink_limit not in made:
        made[condition.ink_limit] = Inks(condition.path.read_bytes(), condition.ink_limit)
    return made[condition.ink_limit]


@by_file(maxsize=8)
def _separations(path: Path) -> dict[int, Inks]:
    return {}  # a profile's separations by ink limit, filled by inks()


def _unit(pixel: tuple[int, ...]) -> tuple[float, float, float, float]:
    c, m, y, k = (round(v / 255, 3) for v in pixel)
    return (c, m, y, k)


def declare_pdf_x(pdf: pikepdf.Pdf, identity: bytes, condition: Condition, standard: str) -> None:
    """Declare PDF/X-4 (or X-1a:2003) with ``condition`` as the output intent, its profile embedded."""
    profile = pdf.make_stream(condition.path.read_bytes())
    profile.N = 4
    pdf.Root.OutputIntents = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFX,
                OutputConditionIdentifier=condition.identifier,
                OutputCondition=condition.condition,
                RegistryName=condition.registry,
                Info=condition.description,
                DestOutputProfile=profile,
            )
        ]
    )
    version = "PDF/X-1a:2003" if standard == "x1a" else "PDF/X-4"
    pdf.docinfo.Trapped = pikepdf.Name("/False")
    if standard == "x1a":  # X-1a is read from the document information dictionary
        pdf.docinfo.GTS_PDFXVersion = version
        pdf.docinfo.GTS_PDFXConformance = version
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        if "pdfuaid:part" in meta:
            del meta["pdfuaid:part"]
        meta["pdfxid:GTS_PDFXVersion"] = version
        meta["pdf:Trapped"] = "False"
        # PDF/X-4 asks for an identity and version; derived from the content, so builds repeat.
        meta["xmpMM:DocumentID"] = f"uuid:{uuid.UUID(hashlib.sha256(identity).hexdigest()[:32])}"
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"
        if "xmp:ModifyDate" in meta:
            meta["xmp:MetadataDate"] = meta["xmp:ModifyDate"]
