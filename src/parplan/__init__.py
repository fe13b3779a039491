"""parplan: gap analysis of Vietnam's provincial PAR INDEX, SIPAS and PAPI plans."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``__version__`` on demand: looking it up scans the installed packages; only --version needs it."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - see above

        try:
            return version("parplan")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["__version__"]
