"""One way to print a thing across commands (issue 21, item 6): rank shares to four places,
signed changes with their sign, a group's name not doubled."""

from __future__ import annotations

from decimal import Decimal

from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.report.views import goal_text, share_text
from parplan.vocab.document import Options

runner = CliRunner()


def test_rank_shares_print_four_places_in_every_command() -> None:
    show = share_text("share")
    assert show({"share": Decimal(1)}, Options()) == "1.0000"
    assert show({"share": Decimal("0.5")}, Options(decimal_comma=True)) == "0,5000"
    assert show({"share": None}, Options()) == "—"
    trend = runner.invoke(app, ["trend", "--lang", "en"], env={"PARPLAN_LANG": None})
    assert trend.exit_code == 0, trend.output
    assert any(
        line.split()[-5:-3] == ["63/63", "1.0000"] for line in trend.stdout.splitlines() if line.strip()
    )


def test_a_group_named_as_a_group_is_not_named_twice() -> None:
    assert goal_text("group", None, 2024, "vi", group="Nhóm A") == "Nhóm A trở lên"
    assert goal_text("group", None, 2024, "vi", group="A") == "nhóm A trở lên"
    assert goal_text("group", None, 2024, "en", group="Group 2") == "Group 2 or higher"
