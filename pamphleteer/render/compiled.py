"""Templates compiled once: Jinja's compiled code kept as Python keeps a module's, beside the templates
(or under ``PYTHONPYCACHEPREFIX``), or in a build's cache folder where Python is told to write none.

A template is the tool's code as a module is, so a cold build (a fresh output folder) finds the
templates compiled by any build before it, as it finds the modules compiled; Jinja checks each
template's source, and the Python that compiled it, when it loads one.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import jinja2


def beside_code(root: Path) -> Path | None:
    """Where the templates under ``root`` are kept compiled as Python keeps a module's compiled code: in a
    ``__pycache__`` folder beside them, or under ``PYTHONPYCACHEPREFIX`` (a template is the tool's code,
    as a module is); None where Python is told to write none (``PYTHONDONTWRITEBYTECODE``)."""
    if sys.dont_write_bytecode:
        return None
    if sys.pycache_prefix:
        where = Path(root).resolve()
        return Path(sys.pycache_prefix, *where.parts[1:]) / "jinja"
    return Path(root) / "__pycache__" / "jinja"


class Compiled(jinja2.BytecodeCache):
    """Compiled templates kept for the process, and between processes where Python keeps its own compiled
    code (:func:`beside_code`), or else in a build's cache folder; written by ``infra/output.py`` like every
    file we write. Jinja names each by the template and checks its source's hash (and the Python it was
    compiled by) when it loads one, so a changed template is compiled again. Compiling the pamphlet's
    templates is some 0.15 s before its first layout can start; a build after the first compiles none."""

    def __init__(self, folder: Path | None, beside: Path | None = None) -> None:
        self.folder = beside if beside is not None and _writable(beside) else folder

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        """Jinja's bucket, its checksum also over how each filter and test is called: the code compiled
        for a filter passes the context only if the filter took it when compiled, so a filter that came to
        take it would otherwise be called without it from a template compiled by an earlier build."""
        calls = ";".join(
            f"{kind}{called}:{getattr(function, 'jinja_pass_arg', '')}"
            for kind, table in (("|", environment.filters), ("is ", environment.tests))
            for called, function in sorted(table.items())
        )
        bucket = jinja2.bccache.Bucket(
            environment, self.get_cache_key(name, filename), self.get_source_checksum(source + calls)
        )
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in _IN_MEMORY:
            bucket.bytecode_from_string(_IN_MEMORY[bucket.key])
            if bucket.code is not None:
                return
        if self.folder is not None:
            with contextlib.suppress(OSError), (self.folder / bucket.key).open("rb") as fh:
                bucket.load_bytecode(fh)
            if bucket.code is not None:
                _IN_MEMORY[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from pamphleteer.infra import output

        _IN_MEMORY[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            output.keep(self.folder, {bucket.key: _IN_MEMORY[bucket.key]})


def _writable(folder: Path) -> bool:
    """Whether ``folder`` is, or may be made, a folder this process can write in (an installation's
    templates may not be)."""
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    return existing is not None and existing.is_dir() and os.access(existing, os.W_OK)


_IN_MEMORY: dict[str, bytes] = {}  # Jinja's name for a template -> its source's hash and code

_COMPILED: list[Path | None] = [None]


def keep_compiled(folder: Path | None) -> None:
    """From now on, keep compiled templates in ``folder`` where Python keeps no compiled code (None: in
    memory only)."""
    _COMPILED[0] = folder


def folder() -> Path | None:
    """The build's folder for compiled templates (:func:`keep_compiled`)."""
    return _COMPILED[0]
