"""What every layout child of a ``--watch`` works out first on every rebuild and no publication
changes, worked out once by the children's fork server when it loads this module (``watch.warm``
names it), so that a child forked from the server finds it done; and by the watch itself (``watch.warm``
again), which builds the outputs made beside the layouts (the EPUB, the web edition, the print edition,
the deck) in its own process, and would otherwise work the same out on its first rebuild:

- the bundled fonts' coverage (``text/glyphs.py``: every face's character map, read from the font
  files, some 50 ms), which the reading edition asks first thing to pick its fallback fonts;
- CLDR's data for each language the tool has words in (``templates/locales``), which the layouts
  ask for the language's direction (Babel loads it on first use, some 15 ms);
- those catalogues of the tool's words, read and checked (``text/words.py``: YAML, some 25 ms each
  the first time a process renders a template);
- the advance widths of the display face's two weights, which the cover's title and subtitle are
  balanced with (``render/charts.py``);
- the templates' stylesheets, parsed (``render/typeset.py``: those that fetch nothing, kept by their
  files' stamps for any publication), some 40 ms of each first layout;
- the templates, compiled (``render/compiled.py``: where Python keeps no compiled code, each layout child
  compiled those it renders, some 0.1-0.4 s);
- the separations for the two press conditions a print edition is made for (``pamphlet/press.py``:
  colour transforms built from their ICC profiles, some 30 ms each, in the print edition and the booklet);
- a word laid out and written in the display face, for what a process's first layout and PDF do once
  (WeasyPrint's C declarations read, Pango and fontconfig started), some 40 ms more;
- the fontTools modules that parse the parts' font programs for the join (``pamphlet/fontunion.py``:
  each table's module and the glyph names, some 18 ms of the first union, which an edit that draws a new
  glyph makes);
- the digest of this tool's code (``infra/dependencies.py``), which every kept entry's key holds: of
  the code the server loaded, which is the code its children run (some 10 ms of each child).

And for the publication being watched, whose language ``watch.warm`` names in the server's environment
(:data:`watch.PREHEAT_LANGUAGE`): its hyphenation patterns (``text/hyphenation.py``: German's take 0.22 s
to read, English's 0.03 s, in each rebuild that hyphenates a word it had not met) and its CLDR data.

The fonts, stylesheets and profiles are kept by their files' stamps, so one changed since is read again in the child. A
failure here is no build's: the child works it out again itself, and says what went wrong.
"""

from __future__ import annotations

import contextlib
import os

from pamphleteer.commands.watch import PREHEAT_LANGUAGE
from pamphleteer.infra import dependencies
from pamphleteer.infra.locations import templates_dir
from pamphleteer.pamphlet import fontunion, press
from pamphleteer.render import charts, typeset, weasy
from pamphleteer.text import cldr, glyphs, hyphenation, words

FACES = ("PTS55F.ttf", "PTS75F.ttf")  # the display face (render/charts.py), regular and bold


def preheat(language: str | None = None) -> None:
    with contextlib.suppress(Exception):
        glyphs.coverage()
    with contextlib.suppress(Exception):
        for catalogue in sorted((templates_dir() / "locales").glob("*.yaml")):
            cldr.direction(catalogue.stem)
            words.catalogue(catalogue.stem)
    with contextlib.suppress(Exception):
        for face in FACES:
            charts.text_width("", 10.0, face)
    with contextlib.suppress(Exception):
        typeset.parse_stylesheets()
    with contextlib.suppress(Exception):
        typeset.compile_templates()
    with contextlib.suppress(Exception):
        for condition in (press.FOGRA39, press.FOGRA29):
            press.inks(condition)
    with contextlib.suppress(Exception):
        weasy.warm_up(templates_dir() / "fonts" / FACES[0])
    with contextlib.suppress(Exception):
        fontunion.preload()
    with contextlib.suppress(Exception):
        dependencies.code_digest()
    if language:
        with contextlib.suppress(Exception):
            hyphenation.prepare(language)
        with contextlib.suppress(Exception):
            cldr.direction(language)


preheat(os.environ.get(PREHEAT_LANGUAGE))
