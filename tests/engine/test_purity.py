"""A build is a pure function of the publication: after any history of edits, damaged caches and
stray files, an incremental build writes the clean build's bytes (tests/engine/histories.py replays
the histories).

The default run replays 16 histories of one to three edits over the tiny publication; the slow job
48 more over it (test_purity_tiny.py) and 4 over the starter (test_purity_starter.py), so
that a CI run replays 68. A tiny history costs about two seconds of one core (four on a slow day),
most of it the clean builds; a starter's, twelve (twenty-five).
"""

from __future__ import annotations

import yaml
from hypothesis import given, settings

from tests.conftest import snapshot
from tests.engine.histories import CALM, TINY_HISTORY, TINY_TEXTS, apply, chapter_of, replay, target_of, tiny


@settings(CALM, max_examples=16, derandomize=True)
@given(steps=TINY_HISTORY)
def test_every_incremental_build_of_a_tiny_publication_equals_a_clean_build(tiny_start, steps):
    replay(*tiny_start, steps)


def test_the_edits_reach_what_they_say(tmp_path):
    """The edit model itself: each kind changes the publication (or the cache) as named."""
    pub = tiny(tmp_path / "pub")
    before = snapshot(pub)
    apply(pub, tmp_path, ("insert", 0, 0, "A new paragraph."))
    _, chapter = chapter_of(pub, 0)  # chapters/meeting.yaml, the first by name
    assert chapter["blocks"][0] == {"p": "A new paragraph."}
    apply(pub, tmp_path, ("slide", 1, TINY_TEXTS[1]))
    assert chapter_of(pub, 1)[1]["slides"][1]["title"] == "On the Monday"
    apply(pub, tmp_path, ("unslide", 1))
    apply(pub, tmp_path, ("unslide", 1))  # the only slide stays
    assert len(chapter_of(pub, 1)[1]["slides"]) == 1
    apply(pub, tmp_path, ("drop", 1))
    assert yaml.safe_load((pub / "publication.yaml").read_text(encoding="utf-8"))["chapters"] == ["walkout"]
    assert len(list((pub / "chapters").glob("*.yaml"))) == 1
    apply(pub, tmp_path, ("restore",))
    assert len(list((pub / "chapters").glob("*.yaml"))) == 2
    assert snapshot(pub) != before
    assert {target_of(name) for name in ["pamphlet.pdf", "web/index.html", "lecture-script.pdf"]} == {
        "pamphlet",
        "web",
        "script",
    }
