"""Watch mode: every save rebuilds what changed; a broken save is reported and the watch goes on."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pptx import Presentation

from pamphleteer.commands import watch
from pamphleteer.engine import pipeline
from pamphleteer.errors import BuildError, UsageError
from tests.conftest import ROOT

TEMPLATES = ROOT / "templates"


def _save(path, text):
    """Save as editors do: write beside, then replace, so the watcher never sees half a file."""
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class _Said(logging.Handler):
    """What the tool logs, with a way to wait until a line appears (no fixed sleeps)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.changed = threading.Condition()

    def emit(self, record: logging.LogRecord) -> None:
        with self.changed:
            self.lines.append(record.getMessage())
            self.changed.notify_all()

    def forget(self) -> None:
        with self.changed:
            self.lines.clear()

    def wait_for(self, start: str, timeout: float = 60) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: any(line.startswith(start) for line in self.lines), timeout)


@contextlib.contextmanager
def _watching(content: Path, out: Path, targets: list[str], report: Callable[[BuildError], None]) -> Iterator[_Said]:
    """A watch running in a thread, and what it says; stopped on leaving."""
    stop = threading.Event()
    said = _Said()
    logger = logging.getLogger("pamphleteer")
    logger.addHandler(said)
    level = logger.level
    logger.setLevel(logging.INFO)
    worker = threading.Thread(
        target=watch.run, args=(content, out, targets, pipeline.Options(), report), kwargs={"stop": stop}, daemon=True
    )
    try:
        worker.start()
        assert said.wait_for("watching ")  # said once the watcher is in place: no save is missed from here
        yield said
    finally:
        stop.set()
        worker.join(10)
        logger.removeHandler(said)
        logger.setLevel(level)


def test_watch_rebuilds_after_a_save_and_survives_errors(small, tmp_path):
    out = tmp_path / "out"
    errors: list[BuildError] = []
    reported = threading.Event()

    def report(exc: BuildError) -> None:
        errors.append(exc)
        reported.set()

    with _watching(small, out, ["deck"], report) as said:
        chapter = small / "chapters" / "draisine.yaml"
        good = chapter.read_text(encoding="utf-8")
        _save(chapter, "title: [broken\n")  # a save with a typo: reported, not fatal
        assert said.wait_for("changed: draisine.yaml") and reported.wait(60)
        said.forget()
        _save(chapter, good.replace("A machine without pedals", "A machine with no pedals"))
        assert said.wait_for("built deck")
    assert str(errors[0].problems[0]).endswith("draisine.yaml:1:8: title: this [ is never closed: close it with ]")
    titles = [s.shapes.title.text for s in Presentation(str(out / "lecture.pptx")).slides if s.shapes.title]
    assert "A machine with no pedals" in titles and "A machine without pedals" not in titles


def test_watch_sees_a_house_style_s_edited_catalogue_and_font(small, tmp_path, monkeypatch):
    house = tmp_path / "house"
    shutil.copytree(TEMPLATES, house)
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(house))
    out = tmp_path / "out"
    errors: list[BuildError] = []

    def report(exc: BuildError) -> None:
        errors.append(exc)
        logging.getLogger("pamphleteer").info("reported: %s", exc.problems[0])  # so the test can wait for it

    with _watching(small, out, ["deck", "epub"], report) as said:
        assert _agenda(out) == "Agenda"
        catalogue = house / "locales" / "en.yaml"
        edited = catalogue.read_text(encoding="utf-8").replace("agenda: Agenda\n", "agenda: Running order\n")
        said.forget()
        _save(catalogue, edited)
        assert said.wait_for("changed: en.yaml")
        assert said.wait_for("built deck")
        assert _agenda(out) == "Running order"
        said.forget()
        face = house / "fonts" / "PTS55F.ttf"
        with TTFont(face) as font:  # the house's sans face loses its capital Q
            for table in font["cmap"].tables:
                table.cmap.pop(ord("Q"), None)
            font.save(face.with_name(".PTS55F.ttf.tmp"))
        os.replace(face.with_name(".PTS55F.ttf.tmp"), face)
        assert said.wait_for("reported: ")
    assert str(errors[0].problems[0]).endswith(": U+0051 LATIN CAPITAL LETTER Q ('Q') is in no bundled font")


def _agenda(out) -> str:
    return Presentation(str(out / "lecture.pptx")).slides[1].shapes.title.text


def test_a_translation_is_rebuilt_when_its_original_is_saved(small, tmp_path):
    mine = tmp_path / "tr"
    mine.mkdir()
    (mine / "publication.yaml").write_text(f"translation_of: {small}\nlanguage: en\ntitle: Again\n", encoding="utf-8")
    out = tmp_path / "out"
    stop = threading.Event()
    said = _Said()
    logger = logging.getLogger("pamphleteer")
    logger.addHandler(said)
    level = logger.level
    logger.setLevel(logging.INFO)
    worker = threading.Thread(
        target=watch.run, args=(mine, out, ["epub"], pipeline.Options(), print), kwargs={"stop": stop}, daemon=True
    )
    try:
        worker.start()
        assert said.wait_for(f"watching {mine}, {small} and ")
        said.forget()
        chapter = small / "chapters" / "draisine.yaml"
        text = chapter.read_text(encoding="utf-8")
        _save(chapter, text.replace("Mannheim", "Mannheim, on the Rhine,", 1))
        assert said.wait_for("changed: draisine.yaml")
        assert said.wait_for("built epub")
    finally:
        stop.set()
        worker.join(10)
        logger.removeHandler(said)
        logger.setLevel(level)


def test_an_output_folder_inside_the_publication_ends_the_watch_before_it_starts(small):
    with pytest.raises(UsageError, match="the output folder is inside the publication folder"):
        watch.run(small, small / "out", ["epub"], pipeline.Options(), print)
    assert not (small / "out").exists()


def test_a_notes_edit_in_a_watch_gives_the_deck_and_script_of_a_build_from_nothing(small, tmp_path):
    """The watch keeps the lecture's fitting in memory (lecture/fitting.py): what it then makes is what a
    build from nothing makes of the edited publication."""
    out = tmp_path / "out"
    chapter = small / "chapters" / "draisine.yaml"
    text = chapter.read_text(encoding="utf-8")
    edited = text.replace("Start with the running machine.", "Start with the running machine, and pause.")
    assert edited != text

    def report(exc: BuildError) -> None:
        raise AssertionError(str(exc))

    with _watching(small, out, ["deck", "script"], report) as said:
        said.forget()
        _save(chapter, edited)
        assert said.wait_for("built ")
    fresh = tmp_path / "fresh"
    pipeline.build(small, fresh, ["deck", "script"], pipeline.Options(force=True))
    for name in ("lecture.pptx", "lecture-script.pdf"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(out / "lecture.pptx")).slides]
    assert any(n.startswith("Start with the running machine, and pause.") for n in notes)


def test_the_layouts_fork_server_works_out_once_what_no_publication_changes_and_no_build_fails_for_it(
    monkeypatch,
):
    # watch.warm has the fork server load preheat, which works out what every layout child asks
    # first and no publication changes: a child forked from the server finds it done; and loads it
    # here too, where the outputs made beside the layouts are built
    import sys

    from pamphleteer.infra import dependencies, workers
    from pamphleteer.pamphlet import press
    from pamphleteer.render import charts, typeset, weasy
    from pamphleteer.text import cldr, glyphs, hyphenation, words

    loaded: list[tuple[list[str], str | None]] = []

    def preload(modules: list[str]) -> None:  # the server starts with this process's environment
        loaded.append((list(modules), os.environ.get(watch.PREHEAT_LANGUAGE)))

    monkeypatch.setattr(workers, "preload", preload)
    monkeypatch.delitem(sys.modules, watch.PREHEAT, raising=False)
    monkeypatch.delenv(watch.PREHEAT_LANGUAGE, raising=False)
    watch.warm()
    watch.warm("de")  # the publication's language, named to the server
    assert [(modules[-1], language) for modules, language in loaded] == [(watch.PREHEAT, None), (watch.PREHEAT, "de")]
    assert watch.PREHEAT_LANGUAGE not in os.environ  # and to no other process
    preheat = sys.modules[watch.PREHEAT]
    asked: list[tuple] = []
    monkeypatch.setattr(glyphs, "coverage", lambda: asked.append(("coverage",)))
    monkeypatch.setattr(cldr, "direction", lambda language: asked.append(("direction", language)))
    monkeypatch.setattr(words, "catalogue", lambda language: asked.append(("words", language)))
    monkeypatch.setattr(charts, "text_width", lambda text, size, face: asked.append(("width", face)))
    monkeypatch.setattr(typeset, "parse_stylesheets", lambda: asked.append(("stylesheets",)))
    monkeypatch.setattr(typeset, "compile_templates", lambda: asked.append(("templates",)))
    monkeypatch.setattr(press, "inks", lambda condition: asked.append(("inks", condition.identifier)))
    monkeypatch.setattr(weasy, "warm_up", lambda face: asked.append(("warm-up", face.name)))
    monkeypatch.setattr(dependencies, "code_digest", lambda: asked.append(("code",)))
    preheat.preheat()
    languages = sorted(path.stem for path in (TEMPLATES / "locales").glob("*.yaml"))
    assert "en" in languages and "ar" in languages
    assert asked == [
        ("coverage",),
        *(asked for language in languages for asked in (("direction", language), ("words", language))),
        *(("width", face) for face in preheat.FACES),
        ("stylesheets",),
        ("templates",),
        ("inks", "FOGRA39"),
        ("inks", "FOGRA29"),
        ("warm-up", preheat.FACES[0]),
        ("code",),
    ]
    asked.clear()
    monkeypatch.setattr(hyphenation, "prepare", lambda language: asked.append(("patterns", language)))
    preheat.preheat("de")
    assert asked[-2:] == [("patterns", "de"), ("direction", "de")]  # for the publication's language too

    def broken(*args: object) -> None:
        raise OSError("a font that cannot be read")

    for module, name in (
        (glyphs, "coverage"),
        (cldr, "direction"),
        (words, "catalogue"),
        (charts, "text_width"),
        (typeset, "parse_stylesheets"),
        (typeset, "compile_templates"),
        (press, "inks"),
        (weasy, "warm_up"),
        (dependencies, "code_digest"),
        (hyphenation, "prepare"),
    ):
        monkeypatch.setattr(module, name, broken)
    preheat.preheat("de")  # the child works it out again itself, and says what went wrong


def test_a_watch_takes_no_compiled_template_for_an_authors_change():
    assert watch._authored(None, "/pub/templates/pamphlet/pamphlet.css")
    assert not watch._authored(None, "/pub/templates/__pycache__/jinja/0a1b2c")
    assert not watch._authored(None, "/pub/content/.chapter.yaml.swp")


def test_between_rebuilds_what_the_last_build_left_in_cycles_is_collected_and_the_rest_frozen():
    class Node:
        pass

    left = Node()
    left.itself = left  # a cycle: only the collector frees it
    gone = weakref.ref(left)
    gc.freeze()  # as the last rebuild's settling left it
    del left
    try:
        watch.settle_memory()
        assert gone() is None
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_watch_fits_its_lecture_as_it_starts_so_the_first_refit_is_from_memory(small, tmp_path, monkeypatch):
    # watch.fit_lecture, before "watching": the first rebuild's refit finds every text's fit in this
    # process's memory, as every later one does, and reads none back from the build's table
    from pamphleteer.builders.base import SHARED
    from pamphleteer.infra import kept
    from pamphleteer.lecture import fitting

    monkeypatch.setattr(fitting, "fit", fitting._remembered(fitting.fit.__wrapped__))  # this process's memory empty
    monkeypatch.setattr(fitting, "display_lines", fitting._remembered(fitting.display_lines.__wrapped__))
    watch.fit_lecture(pipeline.load(small), ["deck"])
    monkeypatch.setattr(fitting, "_answer", lambda *args: pytest.fail("a text fitted again"))
    with kept.computing(tmp_path / "computed"):
        assert SHARED["lecture"](pipeline.load(small)).slides  # the rebuild's refit of the book loaded again
