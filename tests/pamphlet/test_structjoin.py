"""PDF name trees as the join reads and writes them: every leaf found through the kids, written back flat and sorted."""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, String

from pamphleteer.pamphlet import structjoin


def test_a_name_tree_is_read_through_its_kids_and_written_back_flat_in_order():
    pdf = pikepdf.new()
    leaf = lambda *pairs: pdf.make_indirect(Dictionary(Names=Array([x for p in pairs for x in p])))  # noqa: E731
    tree = Dictionary(Kids=Array([leaf((String("b"), 2), (String("c"), 3)), leaf((String("a"), 1))]))
    found = {str(k): int(v) for k, v in structjoin.name_tree(tree)}
    assert found == {"a": 1, "b": 2, "c": 3}
    flat = structjoin.flat_names({str(k): (k, v) for k, v in structjoin.name_tree(tree)})
    assert [str(x) if isinstance(x, String) else int(x) for x in flat] == ["a", 1, "b", 2, "c", 3]


def test_a_number_tree_is_read_through_its_kids():
    pdf = pikepdf.new()
    kid = pdf.make_indirect(Dictionary(Nums=Array([0, String("zero"), 5, String("five")])))
    assert [(n, str(v)) for n, v in structjoin._number_tree(Dictionary(Kids=Array([kid])))] == [
        (0, "zero"),
        (5, "five"),
    ]
