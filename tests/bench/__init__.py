"""The same-work benchmark and its Pandoc peer: kept with the tests, not shipped in the package."""
