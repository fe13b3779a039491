"""Pydantic models of ``units.yaml`` (a province's own criteria set and units) and of one year's scores.

The province scores its own departments and communes on a criteria set of its own (issue 19):
nothing about it is hard-coded, so the structure, the maxima, the classes and which criteria
apply to which block are all data here. The models check what one file can check on its own
(types, ids, ranges, unknown keys); what needs the whole set (a duplicate id, a block nobody
declared, classes out of order) and what needs the scores too are checked, and placed, by
:mod:`parplan.reading.units`.

The API other modules build on (issue 20's ``units sheet/collect/plan`` among them):

- :class:`UnitsFile` ``.province .name .source .blocks .classes .fields .bonus .penalty .units
  .tolerance .document``;
- :meth:`UnitsFile.leaves` (every :class:`Leaf` in order: its criterion, field, path and the
  blocks it applies to), :func:`applies` (whether a leaf applies to a block),
  :meth:`UnitsFile.unit`, :meth:`UnitsFile.block`;
- :class:`ScoreRow` (one row of ``scores_YEAR.csv``: ``unit, criterion, self, appraised,
  applicable, note``; :data:`COLUMNS`) and :class:`ScoresFile` (the YAML twin: ``year``,
  ``scores``);
- :data:`BONUS` and :data:`PENALTY`, the two criterion words of the score rows that are no leaf.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from parplan.models.plan import BODY_ID_PATTERN, DocumentInfo, Number, Prose, Text, Year
from parplan.vocab import rules
from parplan.vocab.problems import clip

UNIT_CRITERION_PATTERN = r"^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$"
"""Criterion ids as provinces number them: ``1``, ``1.3``, ``1.3.1``, ``2a``."""
BONUS = "bonus"
PENALTY = "penalty"
COLUMNS = ("unit", "criterion", "self", "appraised", "applicable", "note")
"""The columns of ``scores_YEAR.csv``, in order: a contract other provinces' scripts use."""

BlockId = Annotated[str, Field(pattern=BODY_ID_PATTERN, examples=["xa"])]
UnitId = Annotated[str, Field(pattern=BODY_ID_PATTERN, examples=["so-noi-vu"])]
UnitCriterionId = Annotated[str, Field(pattern=UNIT_CRITERION_PATTERN, examples=["1.3.1"])]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class UnitBlock(_Model):
    """A block of units ranked together: departments, wards, communes."""

    id: BlockId
    name: Text


class UnitClass(_Model):
    """A class (xếp loại) and the percent of the applicable maximum that reaches it."""

    name: Text
    min: Number = Field(ge=0, le=100)


class UnitCriterion(_Model):
    """A field or criterion; with ``criteria`` it is a group, without it a scored leaf.

    ``blocks`` limits it (and everything under it) to those blocks; absent, it applies to all.
    A leaf's ``max`` may be null only in a criteria set still being written (``units init``).
    """

    id: UnitCriterionId
    name: Text
    max: Number | None = Field(default=None, ge=0)
    blocks: tuple[BlockId, ...] | None = None
    criteria: tuple[UnitCriterion, ...] | None = None

    @property
    def is_leaf(self) -> bool:
        return not self.criteria


class Limit(_Model):
    """The bonus or the penalty: points added or taken, up to ``max``."""

    max: Number = Field(ge=0)


class Unit(_Model):
    """A department or a commune, in one block."""

    id: UnitId
    name: Text
    block: BlockId


@dataclass(frozen=True)
class Leaf:
    """A scored criterion with where it sits: its field, its path of ids, the blocks it applies to."""

    criterion: UnitCriterion
    field: UnitCriterion
    path: tuple[int, ...]
    """Positions from ``fields`` down: ``(0, 2, 0)`` is ``fields[0].criteria[2].criteria[0]``."""
    blocks: frozenset[str] | None
    """The blocks it applies to (its own and its groups' limits together); None: all."""
    depth: int

    @property
    def id(self) -> str:
        return self.criterion.id

    @property
    def max(self) -> Decimal | None:
        return self.criterion.max


class UnitsFile(_Model):
    """``units.yaml``: one province's criteria set, classes and units."""

    province: Text
    name: Text
    source: Prose | None = None
    blocks: tuple[UnitBlock, ...] = Field(min_length=1)
    classes: tuple[UnitClass, ...] = Field(min_length=1)
    fields: tuple[UnitCriterion, ...] = Field(min_length=1)
    bonus: Limit | None = None
    penalty: Limit | None = None
    tolerance: Number = Field(default=Decimal(0), ge=0)
    """``units appraisal`` lists self scores above the appraised by more than this."""
    units: tuple[Unit, ...] = Field(default=())
    document: DocumentInfo | None = None
    """The announcement's document form (issue 21's keys, as in a targets file): validated like
    every key, then filled into the Word and HTML announcement's Decree 30 form."""

    def leaves(self) -> Iterator[Leaf]:
        """Every leaf criterion, in file order."""
        for n, field in enumerate(self.fields):
            yield from _leaves(field, field, (n,), None, 0)

    def block(self, ident: str) -> UnitBlock | None:
        return next((b for b in self.blocks if b.id == ident), None)

    def unit(self, ident: str) -> Unit | None:
        return next((u for u in self.units if u.id == ident), None)


def _leaves(
    node: UnitCriterion, field: UnitCriterion, path: tuple[int, ...], limit: frozenset[str] | None, depth: int
) -> Iterator[Leaf]:
    own = frozenset(node.blocks) if node.blocks is not None else None
    blocks = own if limit is None else (limit if own is None else limit & own)
    if node.is_leaf:
        yield Leaf(node, field, path, blocks, depth)
        return
    for n, child in enumerate(node.criteria or ()):
        yield from _leaves(child, field, (*path, n), blocks, depth + 1)


def applies(leaf: Leaf, block: str) -> bool:
    """Whether a leaf applies to a block by the criteria set (a unit may still mark it ``no``)."""
    return leaf.blocks is None or block in leaf.blocks


YES = frozenset({"", "yes", "có", "co", "true"})
NO = frozenset({"no", "không", "khong", "false"})
"""How ``applicable`` may be written: blank means yes (the workbooks write ``có``/``không``)."""


def applicable_value(value: Any) -> bool | None:
    """``applicable`` as a bool, or None when it is not one of the words allowed. The word is
    composed first (NFC): ``không`` typed decomposed, as macOS and some Vietnamese keyboards
    write it, is the same word to the reader, so it is to every reader of it here (the CSV, its
    YAML twin, a unit's workbook)."""
    if value is None or isinstance(value, bool):
        return value is not False
    if isinstance(value, str):
        word = unicodedata.normalize("NFC", value).strip().lower()
        if word in YES:
            return True
        if word in NO:
            return False
    return None


def _applicable(value: Any) -> bool:
    found = applicable_value(value)
    if found is None:
        context = {"key": "u-applicable", "args": {"value": clip(repr(value))}, "text": "not yes or no"}
        raise PydanticCustomError(rules.UNREADABLE_SCORE_CELL, "{text}", context)
    return found


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One row of a year's scores: a unit's points on one leaf criterion, or its bonus or penalty.

    ``self`` is the unit's own score, ``appraised`` the council's (None: not given).
    """

    unit: str
    criterion: str
    self: Decimal | None
    appraised: Decimal | None
    applicable: bool = True
    note: str | None = None


class ScoreEntry(_Model):
    """A row of the YAML twin of ``scores_YEAR.csv``, with the same keys as the CSV's columns."""

    unit: Text
    criterion: Text
    self: Number | None = None
    appraised: Number | None = None
    applicable: Annotated[bool, BeforeValidator(_applicable)] = True
    note: Prose | None = None

    def row(self) -> ScoreRow:
        return ScoreRow(self.unit, self.criterion, self.self, self.appraised, self.applicable, self.note)


class ScoresFile(_Model):
    """``scores_YEAR.yaml``: a year of scores as ``scores:`` rows, the CSV's twin."""

    year: Year | None = None
    scores: tuple[ScoreEntry, ...] = Field(default=())


__all__ = [
    "BONUS",
    "COLUMNS",
    "PENALTY",
    "UNIT_CRITERION_PATTERN",
    "Leaf",
    "Limit",
    "ScoreEntry",
    "ScoreRow",
    "ScoresFile",
    "Unit",
    "UnitBlock",
    "UnitClass",
    "UnitCriterion",
    "UnitsFile",
    "applicable_value",
    "applies",
]
