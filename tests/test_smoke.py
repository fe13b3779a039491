from typer.testing import CliRunner

from parplan.cli import app


def test_validate_bundled_plan_exits_0_with_its_three_warnings() -> None:
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.count("warning:") == 3
