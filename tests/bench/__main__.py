"""``python -m tests.bench``: the same-work benchmark (see ``benchmark.py``)."""

from tests.bench.benchmark import main

raise SystemExit(main())
