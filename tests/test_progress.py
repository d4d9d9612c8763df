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
