"""The benchmark scripts work: the generator makes valid plans of exactly N criteria, and the
runner times real commands and prints a table and parseable JSON lines (at small N only:
benchmarks are run by hand, not timed in tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parplan.analysis.gaps import flatten
from parplan.cli.main import app
from parplan.reading.loading import load_baseline
from scripts import BENCH, bench


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


generate = bench("generate")


def test_generated_plan_has_n_criteria_and_is_valid_without_warnings(tmp_path: Path) -> None:
    baseline, targets, results = generate.write_plan(50, tmp_path, seed=7)
    model, _ = load_baseline(baseline)
    assert sum(entry.level != "index" for entry in flatten(model)) == 50
    result = CliRunner().invoke(
        app,
        ["validate", "--baseline", str(baseline), "--targets", str(targets), "--results", str(results)],
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("valid: 0 errors, 0 warnings")


def test_generated_plan_checks_and_gaps(tmp_path: Path) -> None:
    baseline, targets, results = generate.write_plan(200, tmp_path)
    plan = ["--baseline", str(baseline), "--targets", str(targets)]
    gap = CliRunner().invoke(app, ["gap", *plan, "--format", "markdown"])
    assert gap.exit_code == 0, gap.output
    assert "| par.1 |" in gap.output
    check = CliRunner().invoke(app, ["check", *plan, "--results", str(results), "--format", "json"])
    summary = json.loads(check.output)["summary"]
    assert check.exit_code == (1 if summary["missed"] else 0), check.output
    assert sum(summary.values()) > 0


def test_generator_is_deterministic_by_seed(tmp_path: Path) -> None:
    assert generate.baseline_yaml(30, 1) == generate.baseline_yaml(30, 1)
    assert generate.targets_yaml(30, 1) == generate.targets_yaml(30, 1)
    assert generate.baseline_yaml(30, 1) != generate.baseline_yaml(30, 2)


def test_generator_refuses_too_few_criteria(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "5", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "at least 10" in done.stderr


def test_exact_decimal_text() -> None:
    assert [generate.num(v) for v in (0, 10_000, 92_779, 5, -15_000)] == [
        "0",
        "1",
        "9.2779",
        "0.0005",
        "-1.5",
    ]


def test_runner_prints_a_table_and_one_json_line_per_run(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--sizes",
            "20,50",
            "--repeats",
            "1",
            "--startup-runs",
            "1",
            "--workdir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert records[0]["kind"] == "machine"
    assert records[0]["cpus"] >= 1
    startup = [r for r in records if r["kind"] == "startup"]
    assert [r["command"] for r in startup] == ["floor", "gap"]
    assert startup[1]["ratio"] > 0
    scale = [(r["command"], r["n"]) for r in records if r["kind"] == "scale"]
    assert scale == [(c, n) for n in (20, 50) for c in ("validate", "gap", "check")]
    bounds = [(r["command"], r["n"], r["jobs"]) for r in records if r["kind"] == "bound"]
    assert bounds == [(c, n, j) for n in (20, 50) for c in ("validate", "gap", "check") for j in (1, 2)]
    assert records[-1]["kind"] == "machine-after"
    for record in records[1:-1]:
        assert record["wall_s"] > 0
        assert record["cpu_s"] > 0
        assert len(record["walls"]) == record["runs"]
    growth = [r["growth"] for r in records if r["kind"] == "scale" and r["n"] == 50]
    assert all(g > 0 for g in growth)
    assert "validate (s)" in done.stdout
    assert "ratio" in done.stdout
    assert "lower bound" in done.stdout
    assert "10,000 criteria <= 1.0 s: not measured" in done.stdout
    assert (tmp_path / "plan-50" / "targets.yaml").exists()


def test_floor_program_prints_a_one_row_table() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "floor.py"), "--yaml", "{id: papi.1, score: 4.64}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "papi.1" in done.stdout
    assert "4.64" in done.stdout


def _bound(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(BENCH / "bound.py"), *args], capture_output=True, text=True, check=True
    )
    record: dict[str, object] = json.loads(done.stdout)
    return record


def test_bound_pulls_every_event_of_every_file_in_one_or_two_processes(tmp_path: Path) -> None:
    import yaml

    files = generate.write_plan(30, tmp_path)
    expected = sum(len(list(yaml.parse(f.read_text(encoding="utf-8")))) for f in files)
    names = [str(f) for f in files]
    one = _bound(*names)
    assert one["files"] == 3
    assert one["jobs"] == 1
    assert one["events"] == expected
    assert "libyaml_alone_cpu_s" not in one
    # Two processes: the parent counts only its own share, the largest file (the baseline or
    # the results, which are the same size) to one process and the other two to the other.
    two = _bound("--jobs", "2", *names)
    assert two["jobs"] == 2
    assert 0 < int(str(two["events"])) < expected
    alone = _bound("--libyaml-alone", names[0])
    if alone["parser"] == "CSafeLoader":
        assert float(str(alone["libyaml_alone_cpu_s"])) >= 0
    else:  # pragma: no cover - without libyaml
        assert alone["libyaml_alone_cpu_s"] is None


def test_bound_shares_files_largest_first_to_the_least_loaded() -> None:
    bound = bench("bound")
    assert bound.shares([100, 30, 100], 2) == [[0, 1], [2]]
    assert bound.shares([5, 50, 20, 30], 2) == [[1, 0], [3, 2]]  # a tie goes to the first
    assert bound.shares([7, 8], 1) == [[1, 0]]


def test_bound_needs_files() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "bound.py")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "files" in done.stderr
    missing = subprocess.run(
        [sys.executable, str(BENCH / "bound.py"), "/nonexistent/plan.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert "cannot read the files" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_goals_line_gives_each_verdict_and_the_lower_bounds() -> None:
    run = bench("run")
    goals = {"start-up": True, "10,000 criteria <= 1.0 s": False, "growth": None}
    bounds = {"10,000 criteria <= 1.0 s": {"validate": 1.0053, "gap": 0.6327}}
    assert run.goals_line(goals, bounds) == (
        "goals: start-up: met; 10,000 criteria <= 1.0 s: NOT met (lower bounds: validate 1.005 s,"
        " gap 0.633 s); growth: not measured"
    )
    assert run.goals_line({"growth": True}, {"growth": {}}) == "goals: growth: met"
