"""The index's anchors numbered from the model are those rendering the whole book gives."""

from __future__ import annotations

import pytest

from pamphleteer import content
from pamphleteer.pamphlet import compose, forms, nameindex, pagination
from pamphleteer.render import typeset
from tests.conftest import CONTENT, PUBLICATIONS, ROOT, SLOW, SMALL

FOLDERS = [
    pytest.param(SMALL, id="small"),
    *(pytest.param(folder, id=folder.name) for folder in sorted(PUBLICATIONS.iterdir()) if folder.is_dir()),
    pytest.param(CONTENT, id="main", marks=SLOW),
    pytest.param(ROOT / "content-es", id="es", marks=SLOW),
]


@pytest.mark.parametrize("folder", FOLDERS)
def test_numbered_from_the_model_as_the_rendered_book_numbers_them(folder):
    book = content.load(folder)
    form = forms.of(book.publication)
    back = compose.back_matter(book, form)
    rendered = nameindex.Index(book.people, book.language)
    shared = compose._shared(book)
    context = compose._context(
        book,
        form,
        back=back,
        fillers=0,
        contents=False,
        plan=pagination.NONE,
        index=rendered,
        part=None,
        pages=compose.Numbers(),
        shared=shared,
    )
    typeset.html(compose.TEMPLATE, book.language, **context)  # the whole book, once
    docs = [*book.chapters, *(item.doc for item in back if item.doc is not None)]
    assert nameindex.numbered(book, docs).assigned == rendered.assigned
    assert list(nameindex.numbered(book, docs).assigned) == list(rendered.assigned)  # in the same order


def test_each_persons_anchors_are_numbered_in_order_whoever_adds_them():
    # counted once, not for every mention; a fresh copy shares the anchors and goes on counting
    index = nameindex.Index({"a": object(), "b": object()})
    assert [index.mark("c1", "a"), index.mark("c1", "b"), index.mark("c1", "a")] == ["ix-a-1", "ix-b-1", "ix-a-2"]
    copy = index.fresh()
    assert copy.mark("c1", "a") == "ix-a-1"  # the same mention: the same anchor
    assert [copy.mark("c2", "a"), index.mark("c3", "a"), copy.mark("c2", "b")] == ["ix-a-3", "ix-a-4", "ix-b-2"]
    assert index.mark("c1", "nobody") == "" and index == nameindex.Index(
        index.people, "en", index.assigned, index.placed
    )
