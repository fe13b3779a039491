"""parplan: gap analysis of Vietnam's provincial PAR INDEX, SIPAS and PAPI plans."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parplan.api import load_plan

try:
    __version__ = version("parplan")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = ["__version__", "load_plan"]


def __getattr__(name: str) -> Any:
    """``parplan.load_plan`` loads the API on first use, so ``import parplan`` stays light."""
    if name == "load_plan":
        from parplan.api import load_plan

        return load_plan
    raise AttributeError(f"module 'parplan' has no attribute {name!r}")
