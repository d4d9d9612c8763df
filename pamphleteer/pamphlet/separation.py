"""The print edition's pages separated into press CMYK: every colour WeasyPrint drew in RGB, rewritten.

``separate(pdf, inks, flatten=...)`` walks a pikepdf document as a press would read it: each
page's content, its form XObjects, tiling patterns and Type 3 glyphs (each once), rewriting
``rg``/``RG`` and RGB or Lab ``sc``/``scn`` as ``k``/``K`` through :class:`press.Inks`; RGB
pictures become CMYK pictures (Flate, lossless); axial and radial shadings have their colour
functions converted; an indexed colour space's palette is converted in place; transparency groups
blend in CMYK. Nothing RGB is left for a press to guess at.

``flatten`` (PDF/X-1a) also takes the transparency out: groups go, and a picture's soft mask becomes
a stencil mask (see ``_stencil``); live transparency in the drawing itself
(an opacity below 1, a blend mode, a soft mask in a graphics state) cannot be flattened faithfully
here, and ``colourspaces.live_transparency`` names it for the builder to refuse.

Rewriting a content stream is most of the work (a second a book), and an edit changes few pages:
given a ``memo`` (the build's shelf of computed values), each stream's rewriting is kept under
the digest of everything it is a function of (its bytes, the kinds of the colour spaces its
resources name, the inks' profile and this tool's code) and taken from there next time, deflated
as the document is saved: a page found kept is neither inflated nor deflated again.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol

import pikepdf

from pamphleteer.infra import dependencies

from .colourspaces import drop_spaces, is_indexed_rgb, is_lab, is_rgb, space_kind, spaces
from .press import Inks

CMYK = pikepdf.Name.DeviceCMYK
# the operators that set a colour, a colour space, or the state the rewriting follows (q/Q, BT/ET)
_STATEFUL = frozenset({"q", "Q", "rg", "RG", "cs", "CS", "sc", "scn", "SC", "SCN", "g", "k", "BT", "ET"})


class Unflattenable(ValueError):
    """Pages PDF/X-1a cannot hold: transparency that flattening onto white would not reproduce."""


class Memo(Protocol):
    """Where rewritten streams are kept by key (``infra.kept.Shelf``)."""

    def recall(self, k: str) -> Any | None: ...

    def store(self, k: str, value: Any) -> None: ...


def separate(pdf: pikepdf.Pdf, inks: Inks, *, flatten: bool = False, memo: Memo | None = None) -> None:
    """Rewrite every colour in ``pdf`` as press CMYK (see the module's docstring), in place; each
    content stream's rewriting is taken from ``memo`` when kept there, and kept there when not."""
    walker = _Walker(pdf, inks, flatten, memo)
    for page in pdf.pages:
        walker.page(page)


def _stored(stream: pikepdf.Stream) -> bytes:
    """What a stream's content is a function of: its bytes as stored and the filters they are decoded with."""
    raw = stream.read_raw_bytes()
    how = repr([stream.get("/Filter"), stream.get("/DecodeParms")]).encode()
    return len(how).to_bytes(8, "big") + how + len(raw).to_bytes(8, "big") + raw


def _deflated(stream: pikepdf.Stream, packed: bytes) -> None:
    """``stream``'s content made ``packed``, deflated as saving the document would deflate it."""
    stream.write(packed, filter=pikepdf.Name.FlateDecode)


class _Walker:
    def __init__(self, pdf: pikepdf.Pdf, inks: Inks, flatten: bool, memo: Memo | None = None) -> None:
        self.pdf, self.inks, self.flatten, self.memo = pdf, inks, flatten, memo
        self.done: set[tuple[int, int]] = set()
        self._made: dict[tuple, pikepdf.ContentStreamInstruction] = {}  # see _set

    def page(self, page: pikepdf.Page) -> None:
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        self._group(page.obj)
        self._resources(resources)
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        rewritten = pikepdf.Stream(self.pdf, b"")
        _deflated(rewritten, self._rewritten(streams, lambda: pikepdf.parse_content_stream(page), resources))
        page.obj.Contents = rewritten
        drop_spaces(resources)

    def _rewritten(self, streams: list[pikepdf.Stream], parse: Callable[[], list], resources: pikepdf.Object) -> bytes:
        """The content stream made of ``streams`` (in order), its colours in CMYK, deflated: kept in the
        memo under what the rewriting is a function of (see :meth:`_stream`), the streams' bytes as
        they are stored (so a page found kept is neither inflated nor deflated again)."""
        if self.memo is None:
            return zlib.compress(self._stream(parse(), resources))
        kinds = sorted((str(name), space_kind(resources, pikepdf.Name(str(name)))) for name in spaces(resources))
        head = repr(["separated", self.inks.digest, kinds, dependencies.code_digest()]).encode()
        k = dependencies.digest(b"".join([head, *map(_stored, streams)]))
        found = self.memo.recall(k)
        if isinstance(found, bytes):
            return found
        packed = zlib.compress(self._stream(parse(), resources))
        self.memo.store(k, packed)
        return packed

    def _once(self, obj: pikepdf.Object) -> bool:
        if obj.is_indirect:
            if obj.objgen in self.done:
                return False
            self.done.add(obj.objgen)
        return True

    def _group(self, obj: pikepdf.Object) -> None:
        if "/Group" not in obj:
            return
        if self.flatten:
            del obj["/Group"]
        elif "/CS" in obj.Group:
            obj.Group.CS = CMYK

    def _resources(self, resources: pikepdf.Object) -> None:
        """Pictures, forms, patterns, shadings, palettes and glyphs under ``resources``, each once."""
        for xobject in (resources.get("/XObject") or {}).values():
            if not self._once(xobject):
                continue
            if xobject.get("/Subtype") == "/Image":
                self._picture(xobject)
            elif xobject.get("/Subtype") == "/Form":
                self._form(xobject)
        for pattern in (resources.get("/Pattern") or {}).values():
            if self._once(pattern):
                if pattern.get("/PatternType") == 1:
                    self._form(pattern)
                elif "/Shading" in pattern:
                    self._shading(pattern.Shading)
        for shading in (resources.get("/Shading") or {}).values():
            if self._once(shading):
                self._shading(shading)
        for space in (resources.get("/ColorSpace") or {}).values():
            if is_indexed_rgb(space):
                self._palette(space)
        for font in (resources.get("/Font") or {}).values():
            if font.get("/Subtype") == "/Type3" and self._once(font):
                glyph_resources = font.get("/Resources", resources)
                self._resources(glyph_resources)
                for glyph in font.CharProcs.values():
                    _deflated(
                        glyph,
                        self._rewritten([glyph], lambda g=glyph: pikepdf.parse_content_stream(g), glyph_resources),
                    )
                drop_spaces(glyph_resources)

    def _form(self, form: pikepdf.Object) -> None:
        resources = form.get("/Resources", pikepdf.Dictionary())
        self._group(form)
        self._resources(resources)
        _deflated(form, self._rewritten([form], lambda: pikepdf.parse_content_stream(form), resources))
        drop_spaces(resources)

    def _stream(self, instructions: list, resources: pikepdf.Object) -> bytes:
        """A content stream with its colours in CMYK; the current colour spaces follow ``q`` and ``Q``.

        Inside a text object (``BT`` to ``ET``) the fill colour is text's (see ``Inks.cmyk``): one set
        before it is set again as text's at ``BT`` and as it was at ``ET``, when the two differ.
        An instruction that sets no RGB or Lab colour is written back as it was parsed (most of a page's
        are text), and each colour's CMYK instruction is made once per walk (see :meth:`_set`).
        """
        fill = stroke = "other"
        fill_colour: tuple[tuple, str] | None = None  # the RGB or Lab fill as drawn: its values and kind
        text = False
        saved: list[tuple[str, str, tuple[tuple, str] | None]] = []
        out = []

        for parsed in instructions:
            instruction, op = parsed, str(parsed.operator)
            if op not in _STATEFUL:  # most of a page: text, paths, images; set as they were
                out.append(self._as_parsed(parsed, op))
                continue
            if op == "q":
                saved.append((fill, stroke, fill_colour))
            elif op == "Q" and saved:
                fill, stroke, fill_colour = saved.pop()
            elif op in ("rg", "RG"):
                operands = tuple(instruction.operands)
                if op == "rg":
                    fill_colour = (operands, "rgb")
                instruction = self._set(operands, "rgb", "k" if op == "rg" else "K", text=op == "rg" and text)
            elif op in ("cs", "CS"):
                kind = space_kind(resources, instruction.operands[0])
                if kind != "other":
                    instruction = self._set((), "space", op)
                fill, stroke = (kind, stroke) if op == "cs" else (fill, kind)
                fill_colour = None if op == "cs" else fill_colour
            elif op in ("sc", "scn", "SC", "SCN"):
                kind = fill if op in ("sc", "scn") else stroke
                if kind != "other" and len(instruction.operands) == 3:
                    operands = tuple(instruction.operands)
                    if op in ("sc", "scn"):
                        fill_colour = (operands, kind)
                    instruction = self._set(operands, kind, op, text=op in ("sc", "scn") and text)
                elif op in ("sc", "scn"):
                    fill_colour = None
            elif op in ("g", "k"):
                fill_colour = None
            out.append(self._as_parsed(parsed, op) if instruction is parsed else instruction)
            if fill_colour and op in ("BT", "ET"):
                text = op == "BT"
                if self._set(*fill_colour, "k", text=True) is not self._set(*fill_colour, "k"):
                    out.append(self._set(*fill_colour, "k", text=text))
            elif op in ("BT", "ET"):
                text = op == "BT"
        return pikepdf.unparse_content_stream(out)

    def _as_parsed(self, parsed: Any, op: str) -> Any:
        """An instruction left as drawn: the one parsed, or made anew where its numbers would be
        written otherwise (see :func:`_as_written`); an inline picture checked."""
        if isinstance(parsed, pikepdf.ContentStreamInlineImage):
            return self._inline_picture(parsed)
        if all(map(_as_written, parsed.operands)):
            return parsed
        return _instruction(list(parsed.operands), op)

    def _set(self, operands: tuple, kind: str, op: str, *, text: bool = False) -> pikepdf.ContentStreamInstruction:
        """The instruction ``op`` setting the CMYK of the colour ``operands`` of ``kind`` ("rgb", "lab";
        "space": ``op`` names DeviceCMYK), made once per walk: a page sets the same few colours often.
        Instructions of one colour are one object, so the same ink is the same instruction."""
        k = (operands, kind, op, text)
        found = self._made.get(k)
        if found is None:
            if kind == "space":
                found = _instruction([CMYK], op)
            else:
                ink = self._ink(operands, kind, text=text)
                found = self._made.setdefault(("ink", tuple(ink), op), _instruction(ink, op))
            self._made[k] = found
        return found

    def _ink(self, operands: list | tuple, kind: str, *, text: bool = False) -> list[float]:
        values = tuple(float(v) for v in operands)
        if kind == "lab":
            return list(self.inks.lab(values))  # type: ignore[arg-type]
        return list(self.inks.cmyk(values, text=text))  # type: ignore[arg-type]

    def _picture(self, image: pikepdf.Object) -> None:
        space = image.get("/ColorSpace")
        if self.flatten and "/SMask" in image:
            self._stencil(image)
        if image.get("/ImageMask"):
            return
        if is_indexed_rgb(space):
            self._palette(space)
            return
        if not is_rgb(space):
            return
        profile = None
        if isinstance(space, pikepdf.Array) and space[0] == pikepdf.Name.ICCBased:
            profile = space[1].read_bytes()
        picture = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
        cmyk = self.inks.picture(picture, profile)
        for key in ("/DecodeParms", "/Decode", "/Intent"):
            if key in image:
                del image[key]
        lossless = zlib.compress(cmyk.tobytes(), 6)
        photo = b""
        if "DCTDecode" in str(image.get("/Filter")):  # a JPEG may stay JPEG, when that is smaller
            data = io.BytesIO()
            cmyk.save(data, "JPEG", quality=92)
            photo = data.getvalue()
        if photo and len(photo) < len(lossless):  # written as Adobe does: inverted, read back by /Decode
            image.write(photo, filter=pikepdf.Name.DCTDecode)
            image.Decode = pikepdf.Array([1, 0] * 4)
        else:
            image.write(lossless, filter=pikepdf.Name.FlateDecode)
        image.ColorSpace, image.BitsPerComponent = CMYK, 8

    def _stencil(self, image: pikepdf.Object) -> None:
        """A picture's soft mask as a stencil (PDF/X-1a): painted where it is at least half opaque.

        Over any backdrop, unlike compositing onto a colour guessed for it; the edge it loses is a
        pixel of the mask, which a picture placed sharp enough to print does not show.
        """
        alpha = pikepdf.PdfImage(image.SMask).as_pil_image().convert("L")
        hidden = alpha.point(lambda a: 255 if a < 128 else 0).convert("1")  # a set bit masks out
        image.Mask = self.pdf.make_stream(
            zlib.compress(hidden.tobytes(), 6),
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            ImageMask=True,
            Width=alpha.width,
            Height=alpha.height,
            BitsPerComponent=1,
            Filter=pikepdf.Name.FlateDecode,
        )
        del image["/SMask"]

    def _inline_picture(self, instruction: pikepdf.ContentStreamInlineImage) -> pikepdf.ContentStreamInlineImage:
        if is_rgb(instruction.iimage.colorspace):
            raise ValueError("an inline RGB picture: WeasyPrint draws none, and none is separated here")
        return instruction

    def _palette(self, space: pikepdf.Array) -> None:
        """An indexed colour space over RGB: its palette entries as CMYK."""
        if not is_rgb(space[1]):
            return
        table = space[3].read_bytes() if isinstance(space[3], pikepdf.Stream) else bytes(space[3])
        entries = [table[i : i + 3] for i in range(0, len(table) - 2, 3)]
        inks = bytes(round(v * 255) for e in entries for v in self.inks.cmyk(tuple(c / 255 for c in e)))
        space[1], space[3] = CMYK, pikepdf.String(inks)

    def _shading(self, shading: pikepdf.Object) -> None:
        kind = "lab" if is_lab(shading.get("/ColorSpace")) else "rgb"
        if not (is_rgb(shading.get("/ColorSpace")) or kind == "lab"):
            return
        if "/Function" not in shading:
            raise ValueError(f"a type {shading.ShadingType} shading with colours in its stream is not separated")
        functions = shading.Function if isinstance(shading.Function, pikepdf.Array) else [shading.Function]
        for function in functions:
            self._function(function, kind)
        shading.ColorSpace = CMYK
        if "/Background" in shading:
            shading.Background = pikepdf.Array(self._ink(list(shading.Background), kind))

    def _function(self, function: pikepdf.Object, kind: str) -> None:
        """An exponential function's ends, or a stitching function's parts, as CMYK."""
        if function.FunctionType == 2:
            function.C0 = pikepdf.Array(self._ink(list(function.get("/C0", [0, 0, 0])), kind))
            function.C1 = pikepdf.Array(self._ink(list(function.get("/C1", [1, 1, 1])), kind))
            if "/Range" in function:
                function.Range = pikepdf.Array([0, 1] * 4)
        elif function.FunctionType == 3:
            for part in function.Functions:
                self._function(part, kind)
        else:
            raise ValueError(f"a shading drawn with a type {function.FunctionType} function is not separated")


def _instruction(operands: list, op: str) -> pikepdf.ContentStreamInstruction:
    return pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(op))


def _as_written(operand: object) -> bool:
    """Whether ``operand``, parsed from a content stream, is written back as it was read when a new
    instruction is made of it: a real number is read as a ``Decimal`` and written as pikepdf writes
    one (to 15 digits, no negative zero, "115." as "115", no exponent). One that may not be is made
    anew, so a stream reads the same whether its instructions were made anew or not. (A number
    written ".5" or "+1.5" reads as "0.5" or "1.5" and is kept as written; Python and pydyf, which
    write every stream separated here, write neither.)"""
    if type(operand) is not Decimal:
        return True
    text = str(operand)
    return "." in text and "E" not in text and len(text) <= 16 and not (text[0] == "-" and not operand)
