"""The start-up floor: the cheapest program on parplan's stack that does what ``gap`` does.

A typer app with one option that validates one pydantic model from a one-line YAML string
and prints a one-row rich table. ``parplan gap`` on the bundled plan must start within 1.3x
of this (``bench/run.py`` measures both in the same run), so that any cost above it is the
plan's own work, not an import nobody needed.
"""

from __future__ import annotations

from typing import Annotated

import typer
import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


class Score(BaseModel):
    id: str
    score: float


@app.command()
def main(
    text: Annotated[str, typer.Option("--yaml", help="One line of YAML.")] = "{id: par.1, score: 9.2779}",
) -> None:
    """Validate one model from one YAML line and print it as a one-row table."""
    score = Score.model_validate(yaml.safe_load(text))
    table = Table("id", "score")
    table.add_row(score.id, str(score.score))
    Console(width=100).print(table)


if __name__ == "__main__":
    app()
