"""Slide specs are plain, frozen data: what the deck and the handout draw, nothing they compute."""

from __future__ import annotations

import dataclasses

import pytest

from pamphleteer.lecture import specs


def test_a_spec_is_frozen_and_defaults_to_an_empty_slide():
    spec = specs.SlideSpec("points", specs.Text(("A title",), 32))
    assert (spec.texts, spec.events, spec.notes, spec.chart, spec.table) == ({}, (), "", None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.notes = "changed"  # type: ignore[misc]
