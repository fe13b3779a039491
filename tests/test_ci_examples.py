"""The pre-commit hook and the example GitHub Actions workflow run real parplan commands."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.reading.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _commands() -> set[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return set(group.commands)


def _plans(folder: Path) -> None:
    """A plans/ folder as the example workflow expects: the bundled plan and its 2025 results."""
    plans = folder / "plans"
    plans.mkdir()
    shutil.copy(bundled(DEFAULT_BASELINE), plans / "baseline_2024.yaml")
    shutil.copy(bundled(DEFAULT_TARGETS), plans / "targets_2025.yaml")
    text = bundled(DEFAULT_BASELINE).read_text(encoding="utf-8").replace("\nyear: 2024\n", "\nyear: 2025\n")
    (plans / "results_2025.yaml").write_text(text, encoding="utf-8")


def test_pre_commit_hook_runs_validate_on_named_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    hooks: list[dict[str, Any]] = yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    assert [hook["id"] for hook in hooks] == ["parplan-validate"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False  # the plan is read as a whole, named in args
    program, *entry = shlex.split(hook["entry"])
    assert program == "parplan"
    assert entry[0] in _commands()
    _plans(tmp_path)
    monkeypatch.chdir(tmp_path)
    # The args that docs/ecosystem.md shows for a repository's .pre-commit-config.yaml:
    args = ["--baseline", "plans/baseline_2024.yaml", "--targets", "plans/targets_2025.yaml"]
    result = runner.invoke(app, [*entry, *args])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("valid: 0 errors, 3 warnings\n")
    strict = runner.invoke(app, [*entry, *args, "--strict"])
    assert strict.exit_code == 1


def test_example_workflow_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "github-actions-example.yml").read_text(encoding="utf-8"))
    env: dict[str, str] = workflow["env"]
    lines = [
        line.strip()
        for step in workflow["jobs"]["plan"]["steps"]
        for line in str(step.get("run", "")).splitlines()
        if line.strip().startswith("parplan ")
    ]
    assert [shlex.split(line)[1] for line in lines] == ["validate", "check", "gap", "chart"]
    _plans(tmp_path)
    monkeypatch.chdir(tmp_path)
    codes = []
    for line in lines:
        expanded = line
        for name, value in env.items():
            expanded = expanded.replace(f'"${name}"', shlex.quote(value))
        assert "$" not in expanded, expanded
        result = runner.invoke(app, shlex.split(expanded)[1:])
        codes.append(result.exit_code)
        if "--format github" in line:
            assert all(out.startswith("::") for out in result.stdout.splitlines()), result.stdout
    # The results repeat the 2024 scores, so targets are missed: check fails the job (exit 1).
    assert codes == [0, 1, 0, 0]
    assert os.path.getsize("gaps.xlsx") > 0
    assert os.path.getsize("gaps.png") > 0
