"""The import contracts can fail: each forbidden import, planted in a scratch copy, breaks one.

A contract that nothing can break protects nothing. Each case copies ``src/parplan`` and the
contracts of ``pyproject.toml`` to a temporary folder, adds one import line to one module, and
runs ``lint-imports`` on the copy: the named contract must be reported broken, and the untouched
copy must keep every contract.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")

RENDERER = "A renderer sees only the document and the words"
PURE = "Analysis is pure: no reading, no faces"
LAYERS = "Layers, lowest first: vocab, models, reading|analysis, report|render, core, cli"

pytestmark = pytest.mark.skipif(LINT is None, reason="import-linter is not installed")


def _scratch(tmp_path: Path) -> Path:
    """A copy of the package and its contracts, outside the installed tree."""
    shutil.copytree(ROOT / "src" / "parplan", tmp_path / "src" / "parplan", ignore=_no_data)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _no_data(folder: str, names: list[str]) -> set[str]:
    """Only the Python files matter to the contracts; data and caches stay behind."""
    return {name for name in names if name == "__pycache__" or name.endswith((".mo", ".yaml", ".json"))}


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    assert LINT is not None
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [LINT, "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _plant(root: Path, module: str, line: str) -> None:
    path = root / "src" / Path(*module.split(".")).with_suffix(".py")
    text = path.read_text(encoding="utf-8")
    # After the module's own imports: ``from __future__`` must stay first.
    anchor = "from __future__ import annotations\n"
    assert anchor in text, module
    path.write_text(text.replace(anchor, anchor + line + "\n", 1), encoding="utf-8")


def test_the_package_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint(_scratch(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("parplan.render.markdown", "import parplan.core.api", RENDERER),
        ("parplan.render.html", "import parplan.models.plan", RENDERER),
        ("parplan.render.docx", "import parplan.analysis.gaps", RENDERER),
        ("parplan.render.text", "import parplan.report.views", RENDERER),
        ("parplan.render.jsonout", "import parplan.reading.yamlread", RENDERER),
        ("parplan.analysis.gaps", "import parplan.cli.main", PURE),
        ("parplan.analysis.rules", "import parplan.reading.yamlread", PURE),
        ("parplan.analysis.headline", "import pandas", PURE),
        ("parplan.analysis.progress", "import typer", PURE),
        ("parplan.vocab.problems", "import parplan.models.plan", LAYERS),
        ("parplan.models.plan", "import parplan.reading.loading", LAYERS),
        ("parplan.reading.loading", "import parplan.core.api", LAYERS),
        ("parplan.core.api", "import parplan.cli.main", LAYERS),
    ],
)
def test_a_planted_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    root = _scratch(tmp_path)
    _plant(root, module, line)
    result = _lint(root)
    assert result.returncode != 0, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout
