"""Lines broken once per process: WeasyPrint's ``split_first_line`` answered from memory when it is
asked the same question again.

A part is laid out two or three times while the pagination pass settles it (``pamphlet/parts.py``),
and each layout after the first differs from the one before only around the block a correction
touched: every other paragraph is the same text, in the same style, at the same width. Breaking a
line is most of a layout (Pango shapes the rest of the paragraph, and with our soft hyphens tries
each hyphenation point of the word at the line's end): about 40% of a chapter's layout. So the
answer is kept, keyed by everything the function reads: the text; the width, the justification
spacing and whether the line starts the box; and each style property it, Pango's layout and the
font description read (listed in :data:`READ`, checked against WeasyPrint's source by
``tests/render/test_weasy_lines.py``), and the font configuration: one of ours (``hooks.Fonts``) by
the digest of its faces and their files, the same in every process; any other by a weak reference:
the memory does not keep a configuration (and its copies of the faces) alive, and a reference to
one that is gone equals no other.

What comes back is what WeasyPrint would have returned: the same numbers and a copy of the same
deactivated ``Layout`` (its text, widths and metrics; no Pango object, which drawing makes anew
from the box's style), so no two text boxes share one. The memory is bounded: it is emptied when
it holds :data:`LIMIT` answers.

The answers a part's layouts asked (:func:`recorded_lines`) can be kept beside the part and handed to the
process that lays it out next time (:func:`adopt_lines`, ``pamphlet/parts.py``): after an edit, only the
lines of the paragraph edited are broken anew. They are plain values, right by their keys in any
process with the same fonts; :data:`LINES_VERSION` names what else they depend on.
"""

from __future__ import annotations

import contextlib
import functools
import operator
import pickle
import weakref
from collections.abc import Iterator
from typing import Any

from pamphleteer.infra import quickload  # noqa: F401  (before WeasyPrint: it loads it without a search)

# isort: split
import weasyprint
from weasyprint.layout import inline, preferred
from weasyprint.text import line_break
from weasyprint.text.ffi import pango

# The style properties split_first_line reads, directly or through create_layout, Layout.setup,
# Layout.set_text, first_line_metrics, line_size, get_font_description and font_features.
READ = (
    "direction",
    "font_family",
    "font_feature_settings",
    "font_kerning",
    "font_language_override",
    "font_size",
    "font_stretch",
    "font_style",
    "font_variant_alternates",
    "font_variant_caps",
    "font_variant_east_asian",
    "font_variant_ligatures",
    "font_variant_numeric",
    "font_variant_position",
    "font_variation_settings",
    "font_weight",
    "hyphenate_character",
    "hyphenate_limit_chars",
    "hyphenate_limit_zone",
    "hyphens",
    "lang",
    "letter_spacing",
    "overflow_wrap",
    "tab_size",
    "text_decoration_line",
    "white_space",
    "word_break",
    "word_spacing",
)
LIMIT = 20_000  # answers kept (some 1 KB each): a chapter asks a few hundred, the index 1,500 a layout

# what a kept answer depends on besides its key (and this tool's code): WeasyPrint's and Pango's code
LINES_VERSION = f"weasyprint {weasyprint.__version__} pango {pango.pango_version()}"

_ANSWERS: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_ASKED: list[dict[tuple[Any, ...], tuple[Any, ...]]] = []  # the recorders open (:func:`recorded_lines`)
_STYLE = operator.itemgetter(*READ)  # the values of READ, as one tuple
_PICKLE = 5  # a fixed protocol: kept answers read the same by any Python that reads them


def remembered(split: Any) -> Any:
    """``split`` (WeasyPrint's ``split_first_line``), answering a question asked before from memory."""

    @functools.wraps(split)
    def split_first_line(
        text: str,
        style: Any,
        context: Any,
        max_width: Any,
        justification_spacing: Any,
        is_line_start: bool = True,
        minimum: bool = False,
    ) -> tuple[Any, ...]:
        try:
            key = (
                text,
                max_width,
                justification_spacing,
                is_line_start,
                minimum,
                _fonts(style.font_config),
                _STYLE(style),
            )
            found = _ANSWERS.get(key)
        except TypeError:  # a value that cannot be a key (none of ours): asked afresh
            return split(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        if found is None:
            found = split(text, style, context, max_width, justification_spacing, is_line_start, minimum)
            if len(_ANSWERS) >= LIMIT:
                _ANSWERS.clear()
            _ANSWERS[key] = found
        if _ASKED and isinstance(key[5], str):  # (answers under a weak reference are this process's only)
            for asked in _ASKED:
                asked[key] = found
        layout, *rest = found
        return (_copy(layout), *rest)

    split_first_line.remembered = True  # type: ignore[attr-defined]
    return split_first_line


def _fonts(configuration: Any) -> Any:
    """A font configuration as the key holds it: ours by the digest of its faces (``hooks.fonts``), never
    kept alive for this; another by a weak reference, never mistaken for a later one."""
    faces = getattr(configuration, "faces", "")
    return faces if isinstance(faces, str) and faces else weakref.ref(configuration)


@contextlib.contextmanager
def recorded_lines() -> Iterator[dict[tuple[Any, ...], tuple[Any, ...]]]:
    """Within the block, the answers asked (from memory or afresh) are noted in the dict it yields."""
    asked: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    _ASKED.append(asked)
    try:
        yield asked
    finally:
        _ASKED.remove(asked)


def kept_lines(asked: dict[tuple[Any, ...], tuple[Any, ...]]) -> bytes:
    """Answers (:func:`recorded_lines`) as bytes to keep; empty for none."""
    return pickle.dumps(asked, protocol=_PICKLE) if asked else b""


def adopt_lines(data: bytes) -> None:
    """Add answers kept by :func:`kept_lines` (in this process or another with the same :data:`LINES_VERSION` and
    code) to the memory; bytes that are not such answers add nothing."""
    if not data:
        return
    try:
        answers = pickle.loads(data)
    except Exception:  # damaged or from another Python: the lines are broken afresh
        return
    if not isinstance(answers, dict):
        return
    if len(_ANSWERS) + len(answers) > LIMIT:
        _ANSWERS.clear()
    _ANSWERS.update(answers)


def _copy(layout: Any) -> Any:
    """A copy of a deactivated ``Layout``: its attributes are plain values (text, widths, metrics)."""
    twin = object.__new__(type(layout))
    twin.__dict__.update(layout.__dict__)
    return twin


def remember_lines() -> None:
    """From now on, every WeasyPrint layout in this process breaks its lines through :func:`remembered`."""
    if getattr(inline.split_first_line, "remembered", False):
        return
    split = remembered(line_break.split_first_line)
    inline.split_first_line = split  # the line breaker's, and min/max-content widths' (they import it from here)
    preferred.split_first_line = split


def forget_lines() -> None:
    """Empty the memory (a test's way to start from nothing)."""
    _ANSWERS.clear()
