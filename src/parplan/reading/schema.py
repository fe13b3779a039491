"""JSON Schema of the three file kinds, generated from the pydantic models.

Editors use it to complete and check keys while a plan is typed (the bundled YAML files
start with a ``# yaml-language-server: $schema=...`` line pointing at the committed copies in
``parplan/schemas``). A test keeps the committed files equal to what the models generate;
``python -m parplan.reading.schema`` rewrites them after a model changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from parplan.models.plan import Baseline, Targets

Kind = Literal["baseline", "targets", "results"]
KINDS: dict[Kind, tuple[type[BaseModel], str]] = {
    "baseline": (Baseline, "What was measured in one year: scores, maxima and ranks of each index."),
    "targets": (Targets, "What a plan commits to for one year: increases, targets and responsible bodies."),
    "results": (Baseline, "What was measured in the plan's year; the baseline's shape, a later year."),
}
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path(__file__).parents[1] / "schemas"


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of a file kind: what pydantic validates, as JSON Schema 2020-12."""
    model, description = KINDS[kind]
    generated = model.model_json_schema(mode="validation")
    title = f"parplan {kind} file"
    return {"$schema": DRAFT, **generated, "title": title, "description": description}


def schema_text(kind: Kind) -> str:
    """The schema as the committed file holds it: two-space indent, UTF-8, final newline."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def schema_path(kind: Kind) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


def main() -> None:
    """Rewrite the committed schema files from the models."""
    for kind in KINDS:
        schema_path(kind).write_text(schema_text(kind), encoding="utf-8")
        print(schema_path(kind))


if __name__ == "__main__":
    main()
