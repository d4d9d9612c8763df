"""Templates compiled once, kept where Python keeps its compiled code (or in the build's cache)."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import jinja2
import pytest

from pamphleteer.infra import workers
from pamphleteer.render import compiled, typeset


def test_compiled_templates_are_kept_where_python_keeps_compiled_code(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    assert compiled.beside_code(tmp_path / "templates") == tmp_path / "templates" / "__pycache__" / "jinja"
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "prefix"))
    found = compiled.beside_code(tmp_path / "templates")
    assert found is not None and found.parent == tmp_path / "prefix" / Path(*(tmp_path / "templates").parts[1:])
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE: the build's cache, then
    assert compiled.beside_code(tmp_path / "templates") is None


def test_a_template_compiled_by_one_process_is_loaded_by_the_next_until_its_source_changes(tmp_path, monkeypatch):
    sources = {"page": "<p>{{ word }}</p>"}
    kept = tmp_path / "kept"

    def new_process() -> jinja2.Environment:
        monkeypatch.setattr(compiled, "_IN_MEMORY", {})
        return jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=compiled.Compiled(None, kept))

    assert new_process().get_template("page").render(word="one") == "<p>one</p>"
    assert len(list(kept.iterdir())) == 1
    made = new_process()
    monkeypatch.setattr(made, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert made.get_template("page").render(word="two") == "<p>two</p>"  # loaded, not compiled
    sources["page"] = "<div>{{ word }}</div>"
    assert new_process().get_template("page").render(word="three") == "<div>three</div>"  # its source changed


def test_where_the_templates_cannot_be_written_the_builds_cache_keeps_them(tmp_path, monkeypatch):
    beside, cache = tmp_path / "installed" / "__pycache__" / "jinja", tmp_path / "cache"
    monkeypatch.setattr(compiled.os, "access", lambda path, mode: False)  # an installation's, read only
    assert compiled.Compiled(cache, beside).folder == cache


def _compiled_here() -> list[str]:
    """In a child: the templates it compiles to render every one of them, in memory only (as where Python
    keeps no compiled code), in an environment it made itself."""
    sys.dont_write_bytecode = True
    made: list[str] = []
    compile_source = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, *args, **kwargs):
        made.append(name)
        return compile_source(self, source, name, filename, *args, **kwargs)

    jinja2.Environment.compile = compile
    typeset._environment.cache_clear()
    env = typeset.environment("de")
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
    return made


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="a spawned child inherits nothing")
def test_templates_compiled_before_a_fork_are_not_compiled_again_in_the_forked_child(monkeypatch):
    monkeypatch.setenv("PAMPHLETEER_START_METHOD", "fork")  # from this process, which a worker's thread would not allow
    monkeypatch.setattr(compiled, "_IN_MEMORY", {})
    with workers.Jobs(timeout=60) as jobs:
        jobs.start("cold", _compiled_here)
        assert "pamphlet/pamphlet.html.j2" in jobs.result("cold")  # the test can fail: a cold child compiles
    typeset._environment.cache_clear()  # this process's environments hold templates they loaded earlier
    typeset.compile_templates()
    with workers.Jobs(timeout=60) as jobs:
        jobs.start("warm", _compiled_here)
        assert jobs.result("warm") == []
