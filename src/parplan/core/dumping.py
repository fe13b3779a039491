"""Models -> YAML that :mod:`parplan.reading.loading` reads back into the same model.

Numbers are written from their :class:`~decimal.Decimal` text at source precision
(``12.50`` stays ``12.50``, never ``12.5`` or ``12.499999``); nothing is written that the
loader refuses (no tags, no anchors or aliases).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import yaml
from pydantic import BaseModel

from parplan.reading.yamlread import yaml12_number

_Y = "tag:yaml.org,2002:"


class _Dumper(yaml.SafeDumper):
    """Safe YAML, without anchors: a repeated value is written out again, not aliased."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    # "10" is read back as an int and "10.0" as a float: both become Decimal with that text.
    tag = _Y + ("float" if "." in text else "int")
    return dumper.represent_scalar(tag, text)


_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML writes NEL (U+0085) raw inside single quotes, where reading folds it to a space;
    # double quotes escape it as \N. Found by the round-trip property test.
    style = '"' if any(mark in value for mark in _BREAKS) else None
    if style is None and yaml12_number(value):
        style = "'"  # the text "1.5e3": plain, the loader would refuse it as a number (PP132)
    return dumper.represent_scalar(_Y + "str", value, style=style)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)


def _plain(value: Any) -> Any:
    """Tuples become lists (safe YAML has no tuple); everything else is already plain."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (str, int, Decimal, dt.date)) or value is None:
        return value
    # pragma: no cover - the models hold no other types
    raise TypeError(f"cannot write {type(value).__name__} as YAML")  # pragma: no cover


def dump_yaml(model: BaseModel) -> str:
    """A model as YAML; fields left at their default are omitted, required nulls are kept."""
    return dump_data(model.model_dump(mode="python", exclude_defaults=True))


def dump_data(data: Any) -> str:
    """Plain data (mappings, lists, text, exact decimals) as YAML the loader reads back: a
    number as its Decimal text, untagged (``4``, ``0.70``, never ``!!float '4'``)."""
    return yaml.dump(
        _plain(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
    )


__all__ = ["dump_data", "dump_yaml"]
