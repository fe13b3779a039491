"""The installed command works from any directory and finds its bundled plan."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def test_python_dash_m_from_another_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "parplan",
            "gap",
            "-f",
            "csv",
            "--index",
            "par",
            "--level",
            "fields",
            "--columns",
            "id,score",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["id,score", "par,82.9547"]


def test_console_script_from_another_directory(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "parplan"
    if not script.exists():
        pytest.skip("parplan is not installed as a console script in this environment")
    result = subprocess.run(
        [str(script), "validate", "-f", "json"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert '"valid": true' in result.stdout


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "parplan", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("parplan ")


def test_the_wheel_ships_the_compiled_catalogue(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(root), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("parplan-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "parplan/locale/vi/LC_MESSAGES/parplan.mo" in names
    assert "parplan/locale/vi/LC_MESSAGES/parplan.po" in names
