"""The deck as a PDF, for lecturers without PowerPoint: LibreOffice draws ``lecture.pptx``.

``convert(pptx)`` runs ``soffice --headless --convert-to pdf`` in a temporary
folder that is always removed, with its own LibreOffice profile there so it
neither disturbs nor waits for a LibreOffice the user has open. The deck's bundled
fonts (``templates/fonts/deck/``: the Liberation faces and Noto Sans Arabic) go into
that profile's ``user/fonts``, where LibreOffice on Linux looks for a user's own fonts,
so an Arabic deck is drawn in the face it names and was fitted with, not a fallback;
LibreOffice on macOS and Windows reads fonts only from the system and its own
installation, where Arial and Times New Roman are found. Without ``soffice`` on the
PATH it raises a :class:`UsageError` saying how to get it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pamphleteer.errors import UsageError
from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir

TIMEOUT = 600  # seconds; a long deck on a slow machine takes a minute or two
HOW_TO_INSTALL = (
    "the deck PDF is drawn by LibreOffice, and 'soffice' is not on the PATH; install LibreOffice "
    "(https://www.libreoffice.org/download/, or 'apt-get install libreoffice-impress', "
    "or 'brew install --cask libreoffice') and make sure 'soffice' runs from a terminal"
)


def soffice() -> str | None:
    """The LibreOffice command on this machine, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(pptx: bytes) -> bytes:
    """The PDF LibreOffice draws from ``pptx`` (PPTX bytes), one page a slide."""
    program = soffice()
    if program is None:
        raise UsageError(HOW_TO_INSTALL)
    with tempfile.TemporaryDirectory(prefix="pamphleteer-deck-") as folder:
        work = Path(folder)
        source = work / "lecture.pptx"
        source.write_bytes(pptx)
        _bundle_fonts(work / "profile" / "user" / "fonts")
        profile = (work / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise UsageError(f"LibreOffice did not finish drawing the deck in {TIMEOUT} s") from exc
        result = work / "lecture.pdf"
        if done.returncode != 0 or not result.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise UsageError("LibreOffice could not draw the deck as PDF" + (f": {detail[-1]}" if detail else ""))
        return result.read_bytes()


def _bundle_fonts(folder: Path) -> None:
    """The deck's bundled font files copied where the private profile's LibreOffice finds them."""
    folder.mkdir(parents=True)
    for font in sorted((templates_dir() / "fonts" / "deck").glob("*.ttf")):
        dependencies.record(font)
        shutil.copyfile(font, folder / font.name)
