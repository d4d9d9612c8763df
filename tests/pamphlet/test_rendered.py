"""Each part rendered from its view of the book, kept by the digest of what its template is handed."""

from __future__ import annotations

import dataclasses
import functools
import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel, PrivateAttr

from pamphleteer import content
from pamphleteer.content import fingerprint
from pamphleteer.infra import kept
from pamphleteer.pamphlet import compose, forms, nameindex, pagination
from pamphleteer.render import typeset
from tests.conftest import SMALL, replace_in
from tests.pamphlet.test_nameindex import FOLDERS


def _parts(book):
    form = forms.of(book.publication)
    back = compose.back_matter(book, form)
    index = nameindex.numbered(book, [*book.chapters, *(item.doc for item in back if item.doc is not None)])
    names = ["front", *(c.anchor for c in book.chapters), *(item.anchor for item in back), "end"]
    return form, back, index, names


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_part_from_its_view_as_from_the_whole_book(folder):
    book = content.load(folder)
    form, back, index, names = _parts(book)
    shared = compose._shared(book)
    for part in [*names, None]:
        whole = compose._context(
            book, form, back=back, fillers=1, contents=True, plan=pagination.NONE, index=index.fresh(), part=part,
            pages=compose.Numbers(), shared=shared,
        )  # fmt: skip
        expected = typeset.html(compose.TEMPLATE, book.language, **whole)
        made = compose._source(book, form, back, 1, True, pagination.NONE, index.fresh(), part)
        assert made == expected, part


def test_an_edit_renders_only_its_part_again_and_force_renders_all(small, tmp_path, monkeypatch):
    renders = []
    real = typeset.html
    monkeypatch.setattr(typeset, "html", lambda *a, **kw: renders.append(kw["part"]) or real(*a, **kw))

    def render_all(fresh=False):
        book = content.load(small)
        form, back, index, names = _parts(book)
        renders.clear()
        with kept.computing(tmp_path / "cache", fresh=fresh):
            made = {
                part: compose._source(book, form, back, 0, True, pagination.NONE, index, part, compose.Numbers())
                for part in names
            }
        return made, list(renders)

    first, rendered_first = render_all()
    assert sorted(rendered_first) == sorted(first)
    replace_in(small / "chapters" / "safety.yaml", "blocks:\n  - p: ", "blocks:\n  - p: Then, ")
    again, rendered_again = render_all()
    assert rendered_again == ["chapter-safety"]
    assert {p for p in first if first[p] != again[p]} == {"chapter-safety"}
    assert "Then," in again["chapter-safety"]
    assert render_all(fresh=True)[1] == rendered_first  # --force: nothing kept is used


class _Model(BaseModel):
    text: str
    _path: Path | None = PrivateAttr(None)


@dataclasses.dataclass(frozen=True)
class _Frozen:
    items: tuple[str, ...]
    table: dict[str, int]


def test_a_digest_sees_every_field_a_private_attribute_and_no_set_order():
    a, b = _Model(text="x"), _Model(text="x")
    assert fingerprint.value_digest(a) == fingerprint.value_digest(b)
    b._path = Path("/pictures/one.png")
    assert fingerprint.value_digest(a) != fingerprint.value_digest(b)  # the checked path a template prints
    assert fingerprint.value_digest(_Frozen(("a",), {"k": 1})) != fingerprint.value_digest(_Frozen(("a",), {"k": 2}))
    assert fingerprint.value_digest(_Frozen(("a", "b"), {})) != fingerprint.value_digest(_Frozen(("ab",), {}))
    assert fingerprint.value_digest(frozenset({"a", "b", "c"})) == fingerprint.value_digest(frozenset({"c", "b", "a"}))
    assert fingerprint.value_digest(functools.partial(max, 1)) != fingerprint.value_digest(functools.partial(max, 2))


def test_a_digest_refuses_what_it_cannot_see_into():
    hidden = 3
    with pytest.raises(TypeError, match="holding data"):
        fingerprint.value_digest({"fit": lambda table: hidden})
    with pytest.raises(TypeError, match="cannot digest"):
        fingerprint.value_digest(object())


def test_a_part_kept_under_one_templates_folder_is_rendered_again_under_another(tmp_path, monkeypatch):
    """The environment hands the template its fonts' URL: a house style's copy of the templates
    gets HTML naming its own fonts, not the shipped ones a kept rendering named."""
    book = content.load(SMALL)
    form, back, index, _ = _parts(book)
    templates = tmp_path / "templates"
    shutil.copytree(typeset.templates_dir(), templates)

    def end():
        with kept.computing(tmp_path / "cache"):
            return compose._source(book, form, back, 0, True, pagination.NONE, index, "end", compose.Numbers())

    assert typeset.templates_dir().resolve().as_uri() + "/fonts/" in end()
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    assert templates.resolve().as_uri() + "/fonts/" in end()
