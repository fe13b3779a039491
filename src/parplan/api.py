"""A Python API for notebooks: the CLI's analyses as tables that become pandas DataFrames.

>>> import parplan
>>> plan = parplan.load_plan()            # the bundled Cao Bằng plan
>>> plan.gaps().to_frame()                # the columns of `parplan gap --format json`

Every table is built by the same views as the CLI's JSON output, so its columns and values
are the JSON's, and the two cannot drift apart. pandas is imported only by ``to_frame()``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from parplan import plan as plans
from parplan.compute import RankKey, Row, check_targets, filter_rows, gap_rows, rank_rows
from parplan.loading import InputError, Problem
from parplan.models import Baseline, Targets
from parplan.render import Cell, Lang, Report
from parplan.views import (
    CHECK_COLUMNS,
    GAP_ALL,
    GAP_COLUMNS,
    check_report,
    choose_columns,
    gap_report,
    rank_report,
    validation_report,
)

if TYPE_CHECKING:
    import pandas as pd

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Table:
    """Rows of one analysis, keyed as in the JSON output; unknown values are ``None``."""

    kind: str
    columns: tuple[str, ...]
    records: tuple[Mapping[str, Cell], ...]

    @classmethod
    def from_report(cls, report: Report) -> Table:
        """Rows of every sheet, as :func:`parplan.render.render_json` writes them."""
        columns = tuple(column.key for column in report.sheets[0].columns) if report.sheets else ()
        records = tuple(
            {column.key: record.get(column.key) for column in sheet.columns}
            for sheet in report.sheets
            for record in sheet.rows
        )
        return cls(report.command, columns, records)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[Mapping[str, Cell]]:
        return iter(self.records)

    def __repr__(self) -> str:
        return f"<parplan {self.kind} table: {len(self.records)} rows, {len(self.columns)} columns>"

    def to_records(self) -> list[dict[str, Cell]]:
        """Plain dicts, numbers as exact :class:`~decimal.Decimal`."""
        return [dict(record) for record in self.records]

    def to_frame(self, *, exact: bool = False) -> pd.DataFrame:
        """A DataFrame with the JSON output's columns, in its order.

        Numbers become ``float64`` (unknown is NaN), as ``pandas.read_json`` would give, so
        they plot and aggregate; ``exact=True`` keeps them as ``Decimal`` objects instead.
        Whole numbers (ranks gained, positions, lines) are nullable ``Int64``.
        """
        import pandas as pd

        frame = pd.DataFrame(index=pd.RangeIndex(len(self.records)))
        for column in self.columns:
            frame[column] = _series(pd, [record.get(column) for record in self.records], exact=exact)
        return frame

    def _repr_html_(self) -> str:
        """Jupyter shows a table as its DataFrame."""
        html: str = self.to_frame()._repr_html_()  # type: ignore[operator]  # pandas types it as optional
        return html


def _series(pd: Any, values: list[Cell], *, exact: bool) -> Any:
    known = [value for value in values if value is not None]
    if known and all(isinstance(value, Decimal) for value in known):
        if exact:
            return pd.Series(values, dtype=object)
        return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
    if known and all(isinstance(value, int) and not isinstance(value, bool) for value in known):
        return pd.Series(values, dtype="Int64")
    if known and all(isinstance(value, bool) for value in known):
        return pd.Series(values, dtype="boolean")
    return pd.Series(values, dtype=object)


class Plan:
    """A loaded plan: its files as models, its findings, and its analyses as tables."""

    def __init__(self, loaded: plans.Plan) -> None:
        self._loaded = loaded

    @property
    def baseline(self) -> Baseline:
        return self._loaded.baseline

    @property
    def targets(self) -> Targets:
        return self._loaded.targets

    @property
    def results(self) -> Baseline | None:
        return self._loaded.results

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Errors and warnings with file, line and column, as ``parplan validate`` lists them."""
        return self._loaded.problems

    @property
    def findings(self) -> Table:
        """The problems as a table, with the columns of ``parplan validate --format json``."""
        report = validation_report(self._loaded.problems)
        return Table.from_report(report)

    def __repr__(self) -> str:
        results = f", results {self.results.year}" if self.results is not None else ""
        return (
            f"<parplan plan: {self.baseline.province}, baseline {self.baseline.year},"
            f" targets {self.targets.year}{results}; {len(self.problems)} findings>"
        )

    def _valid(self) -> None:
        """Analyses refuse a plan with errors, as the CLI does: their numbers would mislead."""
        if self._loaded.errors:
            raise InputError(self._loaded.errors)

    def _rows(self, index: Sequence[str], owner: str | None, level: Literal["fields", "all"]) -> list[Row]:
        self._valid()
        return filter_rows(
            gap_rows(self.baseline, self.targets),
            indices=list(index),
            owner=owner,
            bodies=self.targets.bodies_by_id,
            level=level,
        )

    def gaps(
        self,
        *,
        index: Sequence[str] = (),
        owner: str | None = None,
        level: Literal["fields", "all"] = "all",
        lang: Lang = "vi",
    ) -> Table:
        """Headroom, increase and target per criterion: ``parplan gap --format json``."""
        rows = self._rows(index, owner, level)
        columns = choose_columns(GAP_COLUMNS, GAP_ALL)
        return Table.from_report(gap_report(rows, self.baseline, self.targets, columns, lang))

    def rank(
        self,
        by: RankKey = "headroom",
        *,
        ascending: bool = False,
        across: bool = False,
        top: int | None = None,
        index: Sequence[str] = (),
        owner: str | None = None,
        level: Literal["fields", "all"] = "all",
        lang: Lang = "vi",
    ) -> Table:
        """Criteria ranked within each index (or ``across``): ``parplan rank --format json``."""
        ranked = rank_rows(self._rows(index, owner, level), by, ascending=ascending, across=across, top=top)
        columns = choose_columns(GAP_COLUMNS, GAP_ALL)
        report = rank_report(ranked, self.baseline, self.targets, columns, lang, by, across)
        return Table.from_report(report)

    def check(self, *, index: Sequence[str] = (), lang: Lang = "vi") -> Table:
        """Targets judged against the results: ``parplan check --format json``."""
        if self.results is None:
            raise ValueError("check needs a results file: load_plan(results=...)")
        self._valid()
        checks = check_targets(self.baseline, self.targets, self.results)
        if index:
            checks = [c for c in checks if c.index in index]
        columns = choose_columns(CHECK_COLUMNS, tuple(CHECK_COLUMNS))
        report = check_report(checks, self.baseline, self.targets, self.results, columns, lang)
        return Table.from_report(report)


def load_plan(
    baseline: PathLike | None = None,
    targets: PathLike | None = None,
    results: PathLike | None = None,
) -> Plan:
    """Load a plan's files (the bundled Cao Bằng plan by default) and cross-check them.

    Unusable files raise :class:`~parplan.loading.InputError`, whose ``problems`` say where;
    a plan whose findings include errors loads, lists them in ``findings``, and refuses
    analyses until they are fixed.
    """

    def path(value: PathLike | None) -> Path | None:
        return None if value is None else Path(value)

    return Plan(plans.load_plan(path(baseline), path(targets), path(results)))
