"""The command line's other commands: new, preflight, watch and serve."""
