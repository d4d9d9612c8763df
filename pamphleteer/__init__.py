"""pamphleteer: one YAML source, several publications: a typeset pamphlet, its print edition
and booklet, a lecture deck and a handout."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pamphleteer")  # one version, kept in pyproject.toml
except PackageNotFoundError:  # a checkout used without installing
    __version__ = "0+checkout"
