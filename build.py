#!/usr/bin/env python3
"""Build every output from content/ into output/. See `python build.py --help`."""

from pamphleteer.cli import run

if __name__ == "__main__":
    run()
