"""Progress and results are log records on two named loggers; the CLI decides where they go."""

from __future__ import annotations

import logging

from pamphleteer import progress


def test_steps_results_and_warnings_go_to_their_loggers(caplog):
    with caplog.at_level(logging.INFO, logger="pamphleteer"):
        progress.step("laying out")
        progress.result("built")
        progress.warn("short")
        progress.say("a step", step=True)
        progress.say("a result")
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("pamphleteer.progress", "INFO", "laying out"),
        ("pamphleteer", "INFO", "built"),
        ("pamphleteer", "WARNING", "short"),
        ("pamphleteer.progress", "INFO", "a step"),
        ("pamphleteer", "INFO", "a result"),
    ]


def test_messages_name_the_command_as_it_was_started(monkeypatch):
    """Issue 30: an installed `pamphleteer new` told its user to run `python build.py`, which they do not have."""
    for argv0, command in [
        ("build.py", "python build.py"),
        ("/home/me/pamphleteer/build.py", "python build.py"),
        ("/usr/lib/python3/site-packages/pamphleteer/__main__.py", "python -m pamphleteer"),
        ("/home/me/.local/bin/pamphleteer", "pamphleteer"),
        ("C:\\Users\\me\\venv\\Scripts\\pamphleteer.exe", "pamphleteer"),
    ]:
        monkeypatch.setattr("sys.argv", [argv0])
        assert progress.command() == command, argv0


def test_held_warnings_are_kept_not_shown_and_only_while_held(caplog):
    with caplog.at_level(logging.INFO, logger="pamphleteer"):
        with progress.warnings_held(True) as held:
            progress.warn("the talk runs long")
            progress.result("a result still shows")
        progress.warn("after: shown")
        with progress.warnings_held(False) as unheld:
            progress.warn("not held: shown")
    assert held == ["the talk runs long"] and unheld == []
    assert [r.getMessage() for r in caplog.records] == ["a result still shows", "after: shown", "not held: shown"]
