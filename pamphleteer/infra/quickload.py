"""WeasyPrint, imported without a search for its system libraries: importing this module imports it.

WeasyPrint opens Pango, HarfBuzz and fontconfig by trying, for each library, the names it has
on every platform (``weasyprint/text/ffi.py``: "libpango-1.0-0", "pango-1.0-0", "pango-1.0",
then the Linux soname "libpango-1.0.so.0", then macOS's and Windows' names). cffi hands each
name it cannot open at once to ``ctypes.util.find_library``, which on Linux runs ``ldconfig
-p`` and then the C compiler to look for it: 22 searches for the seven libraries, 0.24 s of the
0.63 s an import of WeasyPrint took here, in every process that imports it, and before the first
page of a build is laid out. Every name WeasyPrint finally opens on Linux is a soname, which the
dynamic loader finds with no search; so while WeasyPrint loads, the search answers "not found"
at once. Should that leave a library unopened (a system whose libraries only the search finds),
WeasyPrint is imported again as it would be on its own, search and all. Only on Linux: macOS's
search asks the dynamic loader, and Windows' runs no program.

Every module of this tool that imports WeasyPrint imports this one first (``render/weasy/``,
``render/typeset.py``), and the layouts' fork server loads it by this module's name.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
from types import ModuleType


def _load() -> ModuleType:
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        # WeasyPrint prints its installation advice before it raises for a library it cannot open
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
        return weasyprint
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = search
    import weasyprint  # with the search, as WeasyPrint imports on its own

    return weasyprint


weasyprint = _load()
