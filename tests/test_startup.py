"""Start-up stays cheap: `gap` imports nothing it does not use (the 1.3x budget in bench/)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app

HEAVY = ("pandas", "matplotlib", "openpyxl")
"""Needed only by xlsx and chart output; each costs more than the whole start-up budget."""

CHILD = """
import io, json, sys
from parplan.cli.main import app
sys.argv = ["parplan", *json.loads(sys.argv[1])]
real, sys.stdout = sys.stdout, io.StringIO()
try:
    app()
except SystemExit as stop:
    code = stop.code
out, sys.stdout = sys.stdout.getvalue(), real
print(json.dumps({"code": code, "out": out, "modules": sorted(sys.modules)}))
"""


def _run(argv: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(argv)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize("output_format", ["table", "text", "markdown", "json", "csv"])
def test_gap_imports_no_pandas_matplotlib_openpyxl(output_format: str) -> None:
    result = _run(["gap", "--format", output_format])
    assert result["code"] == 0
    assert "par.1" in str(result["out"])
    modules = set(result["modules"])  # type: ignore[call-overload]  # a JSON list of names
    assert modules.isdisjoint(HEAVY), modules & set(HEAVY)
    # Markdown rendering in rich (markdown-it) is for reports only; typer's rich help is for --help.
    assert "rich.markdown" not in modules
    assert "markdown_it" not in modules


@pytest.mark.parametrize("output_format", ["text", "markdown", "json", "csv"])
def test_gap_without_a_terminal_table_does_not_import_rich(output_format: str) -> None:
    modules = set(_run(["gap", "--format", output_format])["modules"])  # type: ignore[call-overload]  # list
    assert not any(name == "rich" or name.startswith("rich.") for name in modules)


@pytest.mark.parametrize("argv", [["gap"], ["validate"], ["validate", "--format", "text"]])
def test_piped_text_does_not_import_rich(argv: list[str]) -> None:
    """Piped (as here), gap and validate print plain text: rich is for terminals and --help."""
    result = _run(argv)
    assert result["code"] == 0
    modules = set(result["modules"])  # type: ignore[call-overload]  # a JSON list of names
    assert not any(name == "rich" or name.startswith("rich.") for name in modules)


def test_importing_the_package_does_not_read_package_metadata() -> None:
    """Looking up the installed version is paid by --version only."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys, parplan; print('importlib.metadata' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_version_still_reads_the_installed_version() -> None:
    import parplan

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"parplan {parplan.__version__}\n"
    assert parplan.__version__ != "0+unknown"


def test_unknown_module_attribute_is_an_attribute_error() -> None:
    import parplan

    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = parplan.no_such_thing


def test_a_command_turns_garbage_collection_back_on() -> None:
    """Commands run with the cyclic GC off (it only slows large plans); callers get it back."""
    assert gc.isenabled()
    assert CliRunner().invoke(app, ["gap", "--format", "csv"]).exit_code == 0
    assert gc.isenabled()
    assert CliRunner().invoke(app, ["validate", "--baseline", "/nonexistent.yaml"]).exit_code == 2
    assert gc.isenabled()


def test_gap_neither_imports_nor_builds_the_units_sub_app() -> None:
    """The root group builds a command when it is asked for: `units` is imported for `units`."""
    assert "parplan.cli.units" not in _run(["gap", "--format", "csv"])["modules"]  # type: ignore[operator]  # list
    listed = _run(["--help"])
    assert "parplan.cli.units" in listed["modules"]  # type: ignore[operator]  # a JSON list of names
    assert "\n  units " in str(listed["out"])


def test_the_lazy_group_lists_every_command_in_the_order_declared() -> None:
    import typer

    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    names = list(group.commands)
    assert names[:3] == ["validate", "gap", "rank"]
    assert names[-2:] == ["import", "units"]
    units = group.commands["units"]
    assert isinstance(units, typer.core.TyperGroup)
    assert "rank" in units.commands
