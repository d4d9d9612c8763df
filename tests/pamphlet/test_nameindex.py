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
