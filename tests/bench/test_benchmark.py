"""The benchmark's helpers: the ten-times publication is a valid publication ten times the size."""

from __future__ import annotations

from pamphleteer import content
from pamphleteer.bench import benchmark
from tests.conftest import SMALL


def test_an_enlarged_publication_validates_with_every_chapter_repeated(tmp_path):
    benchmark.enlarge(SMALL, tmp_path / "big", 3)
    book = content.load(tmp_path / "big")
    small = content.load(SMALL)
    assert len(book.chapters) == 3 * len(small.chapters)
    assert [d.id for d in book.chapters[:4]] == ["draisine", "high-wheeler", "safety", "draisine-1"]
    assert book.chapters[3].chapter.title == small.chapters[0].chapter.title


def test_median():
    assert benchmark.median([3.0, 1.0, 2.0]) == 2.0
