"""pamphleteer: one YAML source, four publications: a typeset pamphlet, a print-ready
booklet, a lecture deck and a handout."""

__version__ = "0.1.0"
