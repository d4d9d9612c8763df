"""``python -m pamphleteer``: the same command as ``pamphleteer`` and ``python build.py``."""

import sys

from .cli import main

sys.exit(main())
