"""parplan: gap analysis of Vietnam's provincial PAR INDEX, SIPAS and PAPI plans."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("parplan")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = ["__version__"]
