"""``python -m pamphleteer.bench``: the same-work benchmark (see ``benchmark.py``)."""

from pamphleteer.bench.benchmark import main

raise SystemExit(main())
