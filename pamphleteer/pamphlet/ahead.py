"""The end pages and the furniture, made ahead while the book's last parts are laid out for good.

Once every main part has been laid out (for good, measured with placeholders for the page numbers
it prints, or forecast: ``schedule.py``), the book's page count is known: a layout for good seldom
comes out another length than its measure. What the join needs after the last part settles, the end pages (their
notes pages fill up to a multiple of four) and the furniture (``furniture.py``: an empty page for
each of the book's, laid out for its running heads and folios), then depends on nothing still
being laid out, so one more process makes both while the workers lay out the parts whose numbers
waited on every other (the index, the contents). They are taken in only if the book came out as
foreseen: the same end task, the same furniture HTML (``parts.Layouts`` finds both by key);
otherwise the process is stopped and both are made after, as without it. So the join waits on
the last part's layout for good, not on that and then the end's and the furniture's layouts.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pamphleteer.content import Book
from pamphleteer.infra import dependencies, workers

from . import forms, furniture, parts

_NAME = "pamphlet-ahead"
_LOG = logging.getLogger("pamphleteer")


class Ahead:
    """At most one end task and its furniture, made in a process of their own."""

    def __init__(self) -> None:
        self.jobs: workers.Jobs | None = None
        self.task: parts.Task | None = None
        self.taken = False  # whether what was made ahead was taken in

    def start(
        self, layouts: parts.Layouts, task: parts.Task, book: Book, form: forms.Form, main: list[parts.LaidPart]
    ) -> None:
        """Start settling the end ``task`` and laying out the furniture of ``main`` (the main parts as the
        book is numbered) and that end; once only."""
        if self.jobs is not None:
            return
        end = layouts.found(task)
        if end is not None and layouts.has_made(furniture.source_of(book, form, [*main, end])):
            return  # both kept (an edit that moved no page boundary)
        bare = [replace(part, pdf=b"") for part in main]  # the furniture reads their pages, not their PDFs
        then = functools.partial(furniture.ahead, book, form, bare, layouts.folders, layouts.book_stylesheets)
        self.task, self.jobs = task, workers.Jobs()
        args = (layouts.key(task), task, layouts.first_html(task), layouts.source, layouts.folders, layouts.stylesheets)
        self.jobs.start(_NAME, _made, *args, layouts.identity, then, end)

    def finish(self, layouts: parts.Layouts, task: parts.Task) -> None:
        """Take in what was made ahead, if it was for ``task`` (waiting for it), else stop making it."""
        if self.jobs is None:
            return
        try:
            if task == self.task:
                if layouts.meanwhile is not None:  # while it is still being made
                    layouts.meanwhile.until(self.jobs.ready)
                part, source, pdf, found, read = self.jobs.result(_NAME)
                layouts.take(task, part)
                layouts.take_made(source, pdf, found, read)
                self.taken = True
        except Exception as error:  # (a process of its own stopped, say): made after, as without it
            _LOG.debug("the end and the furniture made ahead were lost: %s", error)
        finally:
            self.close()

    def close(self) -> None:
        if self.jobs is not None:
            self.jobs.__exit__(None, None, None)
            self.jobs = None


def _made(
    k: str,
    task: parts.Task,
    first: str,
    source: parts.Source,
    folders: tuple[Path, ...],
    stylesheets: list[str],
    identity: str,
    then: Callable[[parts.LaidPart], tuple[str, bytes, dict[str, Any]]],
    end: parts.LaidPart | None,
) -> tuple[parts.LaidPart, str, bytes, dict[str, Any], dict[str, str]]:
    """In the process of its own: the end part settled (unless kept: ``end``), then the furniture
    (``then``), with the files it read."""
    part = end or parts.settle(k, task, source, folders, stylesheets, identity, first)[0]
    with dependencies.recording(folders) as recorder:
        made_from, pdf, found = then(part)
    return part, made_from, pdf, found, dict(recorder.files)
