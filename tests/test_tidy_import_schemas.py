"""``parplan import`` writes the schemas its files' ``$schema`` lines name, as ``init`` does.

Each YAML file ``import`` writes starts with ``# yaml-language-server: $schema=schemas/KIND.schema.json``;
without the schema beside it an editor reports a missing file instead of completing keys. The
schemas go in the same all-or-nothing write, through the scaffold's own code: an identical
schema already there is left alone, a different one is refused (PP144) unless ``--force``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parplan.core.api import export_workbook, import_workbook, load_plan
from parplan.core.commands import write_plan
from parplan.reading.schema import KINDS, Kind, schema_text
from parplan.vocab.problems import InputError

runner = CliRunner()
RESULTS = Path(__file__).parent / "fixtures" / "results_2025.yaml"


def _invoke(*args: str) -> tuple[int, str]:
    from parplan.cli.main import app

    result = runner.invoke(app, list(args), env={"PARPLAN_LANG": "en"})
    return result.exit_code, result.stderr


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export_workbook(load_plan(results=RESULTS), "en"))
    return path


def _named_schemas(folder: Path) -> dict[Path, Kind]:
    """Each written YAML file's ``$schema`` target, resolved beside the file, and its kind."""
    kinds: dict[str, Kind] = {kind: kind for kind in KINDS}
    named = {}
    for path in sorted(folder.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        target = first.rpartition("$schema=")[2]
        named[path.parent / target] = kinds[target.split("/")[-1].split(".")[0]]
    return named


def test_cli_import_writes_every_schema_its_files_name(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, err = _invoke("import", str(workbook), "--to", str(out))
    assert code == 0, err
    named = _named_schemas(out)
    assert sorted(kind for kind in named.values()) == ["baseline", "results", "targets"]
    for path, kind in named.items():
        assert path.read_text(encoding="utf-8") == schema_text(kind)
        json.loads(path.read_text(encoding="utf-8"))
    assert f"wrote {out / 'schemas' / 'results.schema.json'}" in err.splitlines()


def test_python_api_writes_the_schemas_in_the_same_write(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "api"
    written = write_plan(import_workbook(workbook), out)
    schemas = sorted(path.name for path in written if path.parent.name == "schemas")
    assert schemas == ["baseline.schema.json", "results.schema.json", "targets.schema.json"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(
        p.relative_to(out).as_posix() for p in written
    )


def test_an_identical_schema_already_there_is_left_alone(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "schemas").mkdir(parents=True)
    already = out / "schemas" / "baseline.schema.json"
    already.write_text(schema_text("baseline"), encoding="utf-8")
    before = already.stat().st_mtime_ns
    written = write_plan(import_workbook(workbook), out)
    assert already not in written
    assert already.stat().st_mtime_ns == before
    assert (out / "schemas" / "targets.schema.json").is_file()


def test_a_different_schema_is_refused_and_nothing_is_written(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "schemas").mkdir(parents=True)
    mine = out / "schemas" / "targets.schema.json"
    mine.write_text("{}\n", encoding="utf-8")
    code, err = _invoke("import", str(workbook), "--to", str(out))
    assert code == 2
    assert f"{mine}: PP144 error: exists already" in err
    assert mine.read_text(encoding="utf-8") == "{}\n"
    assert sorted(p.name for p in out.rglob("*")) == ["schemas", "targets.schema.json"]
    with pytest.raises(InputError):
        write_plan(import_workbook(workbook), out)
    code, err = _invoke("import", str(workbook), "--to", str(out), "--force")
    assert code == 0, err
    assert mine.read_text(encoding="utf-8") == schema_text("targets")
