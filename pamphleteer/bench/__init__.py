"""The same-work benchmark: ours against Pandoc + WeasyPrint, run as ``python -m pamphleteer.bench``.

A tool for this project's developers (it needs the ``bench`` extra: ``pip install -e '.[bench]'``);
nothing in the build imports it.
"""
