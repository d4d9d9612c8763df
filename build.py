#!/usr/bin/env python3
"""Build every output from content/ into output/. See `python build.py --help`."""

import sys

from pamphleteer.cli import main

if __name__ == "__main__":
    sys.exit(main())
