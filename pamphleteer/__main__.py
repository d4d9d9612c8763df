"""``python -m pamphleteer``: the same command as ``pamphleteer`` and ``python build.py``."""

from .cli import run

run()
