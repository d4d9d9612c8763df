"""pamphleteer: one YAML source, several publications: a typeset pamphlet, its print edition
and booklet, a lecture deck and a handout."""

from typing import Any


def __getattr__(name: str) -> Any:
    """``__version__``, read from the package metadata when first asked for (reading it costs a
    build with nothing to do a tenth of its time)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("pamphleteer")  # one version, kept in pyproject.toml
    except PackageNotFoundError:  # a checkout used without installing
        found = "0+checkout"
    globals()["__version__"] = found
    return found
