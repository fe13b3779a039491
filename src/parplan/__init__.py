"""parplan: gap analysis of Vietnam's provincial PAR INDEX, SIPAS and PAPI plans."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parplan.core.api import load_plan

__all__ = ["__version__", "load_plan"]


def __getattr__(name: str) -> Any:
    """Attributes on demand, so ``import parplan`` (and so every command) stays light.

    ``__version__`` scans the installed packages' metadata: only ``--version`` needs it.
    ``load_plan`` loads the notebook API, and pandas with it, only when asked for.
    """
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("parplan")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
            return "0+unknown"
    if name == "load_plan":
        from parplan.core.api import load_plan

        return load_plan
    raise AttributeError(f"module 'parplan' has no attribute {name!r}")
