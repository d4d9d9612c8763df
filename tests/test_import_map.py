"""The package's layers: the import contract holds, and README's map is the one the code makes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests import import_map
from tests.conftest import ROOT


def test_the_readme_shows_the_map_the_code_makes():
    shown = import_map.in_readme(import_map.README.read_text(encoding="utf-8"))
    assert shown, "README.md has lost its import map markers"
    assert shown == import_map.mermaid(), "the README's map is out of date: python -m tests.import_map --write"


def test_the_map_draws_every_subsystem_and_dashes_only_the_contracts_known_breaks():
    made = import_map.mermaid()
    folders = sorted(p.name for p in (ROOT / "pamphleteer").iterdir() if (p / "__init__.py").is_file())
    for name in folders:
        assert f'    {name}["{name}/<br/>' in made, name
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    known = {
        tuple(part.strip().split(".")[1] for part in rule.split("->"))
        for contract in config["contracts"]
        for rule in contract.get("ignore_imports", [])
    }
    dashed = set(re.findall(r"^    (\w+) -\.->\|against the layers\| (\w+)$", made, re.MULTILINE))
    assert dashed == known


def test_the_import_contract_holds(tmp_path: Path):
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert linter, "lint-imports is not installed beside this Python (pip install -e '.[test]')"
    done = subprocess.run(
        [linter, "--no-cache", "--config", str(ROOT / "pyproject.toml")], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 2 kept, 0 broken." in done.stdout
