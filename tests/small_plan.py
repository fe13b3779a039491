"""A small plan written by the tests themselves, so that lines and columns are known exactly.

Two PAR criteria and one indicator; the targets give one warning each way (above and below
score + increase), and the results meet one target, miss one and have no data for the third.
"""

from __future__ import annotations

from pathlib import Path

BASELINE = """\
province: Tỉnh Thử
year: 2024
indices:
  - id: par
    name: Chỉ số cải cách hành chính
    short_name: PAR INDEX
    rank: 10/63
    criteria:
      - id: par.1
        name: Công tác chỉ đạo, điều hành
        max: 10
        score: 8.5
        rank: 5/63
      - id: par.2
        name: Cải cách thể chế
        max: 10
        score: 9
        rank: 7/63
indicators:
  - id: kpi.on_time
    name: Tỷ lệ hồ sơ đúng hạn
    unit: percent
    max: null
    score: 95
    rank: null
"""

TARGETS = """\
province: Tỉnh Thử
year: 2025
baseline_year: 2024
targets:
  - {id: par.1, increase: 0.5, comparison: ">", target: 9.5}
  - {id: par.2, increase: 0.5, target: 9.2}
  - {id: kpi.on_time, target: 98}
"""

RESULTS = (
    BASELINE.replace("year: 2024", "year: 2025")
    .replace("score: 8.5", "score: 9.6")
    .replace("score: 9\n", "score: 9.1\n")
    .replace("score: 95", "score: null")
)


def write_plan(folder: Path) -> tuple[Path, Path, Path]:
    """Write baseline.yaml, targets.yaml and results.yaml into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "baseline.yaml", folder / "targets.yaml", folder / "results.yaml"
    for path, text in zip(paths, (BASELINE, TARGETS, RESULTS), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths
