"""Lines broken once (render/weasy/lines.py): the memory keyed by all WeasyPrint reads, and a layout
answered from it the same as one laid out afresh."""

from __future__ import annotations

import ast
import gc
import inspect
import textwrap
import weakref

import weasyprint
from weasyprint.layout import inline, preferred
from weasyprint.text import fonts, line_break

from pamphleteer.render.weasy import lines

# Every function split_first_line reaches that reads the style (strut and the like are called by
# the line breaker beside it, not by it, and their answers are not kept)
REACHED = (
    line_break.split_first_line,
    line_break.create_layout,
    line_break.first_line_metrics,
    line_break.line_size,
    line_break.Layout,
    fonts.get_font_description,
)

HTML = """<!DOCTYPE html><html lang="en"><head><style>
@page { size: A6; margin: 10mm; }
p { text-align: justify; hyphens: manual; }
.wide { letter-spacing: 0.05em; } .spaced { word-spacing: 0.2em; } .big { font-size: 14pt; }
</style></head><body>{body}</body></html>"""
TEXT = "Com\u00admit\u00adtees of work\u00aders met in the fac\u00adto\u00adries and de\u00adbated the strike. " * 9


def _read(function: object) -> set[str]:
    """The style properties a function (or a class's methods) reads as ``style['name']``."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))  # type: ignore[arg-type]
    return {
        node.slice.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == "style"
        and isinstance(node.slice, ast.Constant)
    }


def test_the_key_holds_every_style_property_the_line_breaker_reads():
    read = set().union(*(_read(f) for f in REACHED))
    assert read <= set(lines.READ), f"read but not in the key: {sorted(read - set(lines.READ))}"


FONTS = fonts.FontConfiguration()  # one for every layout, as a build's process has (weasy.fonts)


def _pdf(body: str) -> bytes:
    return weasyprint.HTML(string=HTML.replace("{body}", body)).write_pdf(font_config=FONTS)


def test_a_layout_answered_from_memory_is_the_layout_made_afresh(monkeypatch):
    body = f'<p>{TEXT}</p><p class="wide">{TEXT}</p><p class="spaced">{TEXT}</p><p class="big">{TEXT}</p>'
    lines.remember_lines()
    lines.forget_lines()
    remembered = _pdf(body)
    asked = len(lines._ANSWERS)
    again = _pdf(body)  # every line from memory
    assert len(lines._ANSWERS) == asked > 40
    # the same paragraphs in other styles: each style's lines are its own, never another's
    swapped = f'<p class="big">{TEXT}</p><p>{TEXT}</p><p class="spaced">{TEXT}</p><p class="wide">{TEXT}</p>'
    from_memory = _pdf(swapped)
    monkeypatch.setattr(inline, "split_first_line", line_break.split_first_line)
    monkeypatch.setattr(preferred, "split_first_line", line_break.split_first_line)
    assert remembered == again == _pdf(body)
    assert from_memory == _pdf(swapped)


def test_a_box_gets_a_layout_of_its_own():
    lines.remember_lines()
    lines.forget_lines()
    document = weasyprint.HTML(string=HTML.replace("{body}", f"<p>{TEXT}</p><p>{TEXT}</p>")).render(font_config=FONTS)
    texts = []
    stack = [document.pages[0]._page_box]
    while stack:
        box = stack.pop()
        stack += getattr(box, "children", [])
        if getattr(box, "pango_layout", None) is not None:
            texts.append(box.pango_layout)
    assert len(texts) > 10 and len({id(layout) for layout in texts}) == len(texts)


def test_the_memory_keeps_no_font_configuration_alive():
    lines.remember_lines()
    configuration = fonts.FontConfiguration()
    weasyprint.HTML(string=HTML.replace("{body}", f"<p>{TEXT}</p>")).render(font_config=configuration)
    gone = weakref.ref(configuration)
    del configuration
    gc.collect()
    assert lines._ANSWERS and gone() is None  # its copies of the faces go with it
