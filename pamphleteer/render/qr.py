"""QR codes: a web address turned into one path for a template to draw (pamphlet, handout, screens), or a
picture (the deck's closing slide)."""

from __future__ import annotations


def qr(url: str) -> tuple[int, str]:
    """A QR code of ``url`` as geometry for a template to draw: its size in modules and a path of the dark ones."""
    import segno  # only a publication with a url needs it

    code = segno.make(url, error="m", micro=False)
    border = 4  # the quiet zone the standard asks for, in modules
    runs = []
    for y, row in enumerate(code.matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            runs.append(f"M{start + border} {y + border}h{x - start}v1h-{x - start}z")
    return len(code.matrix) + 2 * border, "".join(runs)


def png(url: str) -> bytes:
    """A QR code of ``url`` as a black-on-white PNG with its quiet zone, ten pixels a module."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=10, border=4)
    return out.getvalue()
