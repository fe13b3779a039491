"""Synthetic plans of N criteria for the benchmarks: baseline, targets and results files.

The files follow the real schema and look like a province's plan grown large: three indices
(PAR INDEX, PAPI, SIPAS) of fields, most fields split into parts, a few percentage indicators,
about 20 departments and 56 communes as responsible bodies, references, history and deadlines.
They are *valid*: the parts' maxima and scores sum to their parent's, every score is within
its maximum, every rank is ``k/N``, targets equal score + increase cut to two decimals, and a
parent's increase is the sum of its parts'. So ``parplan validate`` finds nothing, and a
benchmark times the normal path, not error reporting.

Numbers are drawn in units of 0.0001 and written as exact decimals, so sums are exact. The
output depends only on N and the seed.

    python bench/generate.py 10000 /tmp/plan10k [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

UNIT = 10_000
"""Values are integers in units of 0.0001: four decimals, as the plan prints its scores."""

MIN_N = 10
BASELINE_YEAR = 2024
DEPARTMENTS = 20
COMMUNES = 56
INDICES = (
    # id, share of the criteria, Vietnamese name, English name, short name
    ("par", 0.45, "Chỉ số cải cách hành chính", "Public Administration Reform Index", "PAR INDEX"),
    (
        "papi",
        0.30,
        "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh",
        "Provincial Governance and Public Administration Performance Index",
        "PAPI",
    ),
    (
        "sipas",
        0.20,
        "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước",
        "Satisfaction Index of Public Administration Services",
        "SIPAS",
    ),
)
PART_NAMES = (
    ("Điểm thực hiện", "Implementation score"),
    ("Điều tra xã hội học", "Sociological survey"),
    ("Đánh giá của cơ quan trung ương", "Central agencies' assessment"),
    ("Tự đánh giá của tỉnh", "Province's self-assessment"),
)
TOPICS = (
    ("Công tác chỉ đạo, điều hành", "Direction and management"),
    ("Cải cách thể chế", "Institutional reform"),
    ("Cải cách thủ tục hành chính", "Administrative procedure reform"),
    ("Cải cách tổ chức bộ máy", "Reform of the apparatus"),
    ("Cải cách chế độ công vụ", "Civil service reform"),
    ("Cải cách tài chính công", "Public finance reform"),
    ("Chính quyền điện tử, chính quyền số", "E-government and digital government"),
    ("Công khai, minh bạch", "Transparency"),
    ("Trách nhiệm giải trình với người dân", "Vertical accountability"),
    ("Kiểm soát tham nhũng", "Control of corruption"),
    ("Cung ứng dịch vụ công", "Public service delivery"),
    ("Quản trị môi trường", "Environmental governance"),
)


def num(units: int) -> str:
    """Exact decimal text of a value in units of 0.0001, trailing zeros dropped."""
    sign = "-" if units < 0 else ""
    whole, frac = divmod(abs(units), UNIT)
    text = f"{whole}.{frac:04d}".rstrip("0").rstrip(".")
    return sign + text


@dataclass
class Crit:
    """One generated criterion: field, part or indicator, with its values in units."""

    id: str
    name: str
    name_en: str
    max: int | None
    score: int
    rank: str | None
    unit: str = "points"
    parts: list[Crit] = field(default_factory=list)
    increase: int | None = None
    target: int | None = None
    owners: tuple[str, ...] = ()
    result: int | None = None
    result_rank: str | None = None


def bodies() -> list[tuple[str, str, str]]:
    """~20 departments and ~56 communes, as a province of 2025 has after the mergers."""
    found = [
        (f"so-{k:02d}", f"Sở chuyên ngành số {k}", f"Provincial department {k}")
        for k in range(1, DEPARTMENTS + 1)
    ]
    found += [
        (f"xa-{k:02d}", f"UBND xã số {k}", f"Commune People's Committee {k}") for k in range(1, COMMUNES + 1)
    ]
    return found


def _split(total: int, pieces: int, rng: random.Random, step: int) -> list[int]:
    """``total`` cut into ``pieces`` positive multiples of ``step`` (total is one too)."""
    slots = total // step
    cuts = sorted(rng.sample(range(1, slots), pieces - 1))
    bounds = [0, *cuts, slots]
    return [(bounds[k + 1] - bounds[k]) * step for k in range(pieces)]


def _planned(crit: Crit, rng: random.Random, bound: int) -> None:
    """An increase within the headroom, and a result a year later, both exact."""
    headroom = bound - crit.score
    crit.increase = rng.randint(0, headroom // 2) // 100 * 100
    crit.result = max(0, min(bound, crit.score + rng.randint(-headroom // 3, headroom)))


@lru_cache(maxsize=2)  # the three files of one plan share one draw
def build(n: int, seed: int) -> tuple[list[tuple[str, list[Crit]]], list[Crit]]:
    """N criteria (fields, parts and indicators), spread over the three indices and the KPIs."""
    if n < MIN_N:
        raise ValueError(f"N must be at least {MIN_N}: each index needs some criteria")
    rng = random.Random(seed)
    budget = {index: max(2, round(n * share)) for index, share, *_ in INDICES}
    budget["kpi"] = n - sum(budget.values())
    indices: list[tuple[str, list[Crit]]] = []
    for index, _share, *_names in INDICES:
        fields: list[Crit] = []
        left = budget[index]
        number = 0
        while left > 0:
            number += 1
            pieces = rng.choice((0, 2, 2, 3, 4))
            if pieces + 1 > left:
                pieces = 0
            topic, topic_en = TOPICS[(number - 1) % len(TOPICS)]
            maximum = rng.randint(6, 33) * UNIT // 2  # 3 to 16.5 points, in halves
            crit = Crit(
                id=f"{index}.{number}",
                name=f"{topic} (tiêu chí {number})",
                name_en=f"{topic_en} (criterion {number})",
                max=maximum,
                score=0,
                rank=f"{rng.randint(1, 63)}/63",
            )
            if pieces:
                for k, part_max in enumerate(_split(maximum, pieces, rng, UNIT // 10)):
                    part_name, part_en = PART_NAMES[k % len(PART_NAMES)]
                    crit.parts.append(
                        Crit(
                            id=f"{crit.id}.p{k + 1}",
                            name=part_name,
                            name_en=part_en,
                            max=part_max,
                            score=rng.randint(part_max // 2, part_max),
                            rank=None,
                        )
                    )
                crit.score = sum(p.score for p in crit.parts)
            else:
                crit.score = rng.randint(maximum // 2, maximum)
            fields.append(crit)
            left -= 1 + pieces
        indices.append((index, fields))
    indicators = [
        Crit(
            id=f"kpi.k{k + 1}",
            name=f"Tỷ lệ hồ sơ giải quyết đúng hạn, nhóm {k + 1}",
            name_en=f"Share of dossiers settled on time, group {k + 1}",
            max=None,
            unit="percent",
            score=rng.randint(70 * UNIT, 100 * UNIT) // 100 * 100,
            rank=None,
        )
        for k in range(budget["kpi"])
    ]
    owners = [body for body, *_ in bodies()]
    for _index, fields in indices:
        for crit in fields:
            crit.owners = tuple(sorted(rng.sample(owners, rng.choice((1, 1, 2)))))
            for part in crit.parts:
                _planned(part, rng, part.max or 0)
            if crit.parts:
                crit.increase = sum(p.increase or 0 for p in crit.parts)
                crit.result = sum(p.result or 0 for p in crit.parts)
            else:
                _planned(crit, rng, crit.max or 0)
            projected = crit.score + (crit.increase or 0)
            crit.target = projected // 100 * 100  # cut to two decimals, as the plan does
            crit.result_rank = f"{rng.randint(1, 34)}/34"
    for crit in indicators:
        crit.owners = (rng.choice(owners),)
        # A commitment at or above this year's score (a lower one is a warning, PP460).
        chosen = rng.choice((95, 98, 100)) * UNIT
        crit.target = chosen if chosen >= crit.score else 100 * UNIT
        crit.result = min(100 * UNIT, crit.score + rng.randint(0, 10 * UNIT) // 100 * 100)
    return indices, indicators


def _criterion_lines(crit: Crit, pad: str, *, results: bool) -> list[str]:
    score = crit.result if results else crit.score
    rank = crit.result_rank if results and crit.rank is not None else crit.rank
    lines = [
        f"{pad}- id: {crit.id}",
        f"{pad}  name: {crit.name}",
        f"{pad}  name_en: {crit.name_en}",
    ]
    if crit.unit != "points":
        lines.append(f"{pad}  unit: {crit.unit}")
    lines += [
        f"{pad}  max: {num(crit.max) if crit.max is not None else 'null'}",
        f"{pad}  score: {num(score) if score is not None else 'null'}",
        f"{pad}  rank: {rank or 'null'}",
    ]
    if crit.parts:
        lines.append(f"{pad}  parts:")
        for part in crit.parts:
            lines += _criterion_lines(part, pad + "    ", results=results)
    return lines


def baseline_yaml(n: int, seed: int, *, results: bool = False) -> str:
    """The baseline file (or, with ``results``, the results file a year later)."""
    indices, indicators = build(n, seed)
    year = BASELINE_YEAR + 1 if results else BASELINE_YEAR
    out = [
        f"# Synthetic plan of {n} criteria (seed {seed}) made by bench/generate.py: not real data.",
        "province: Tỉnh Mẫu",
        f"year: {year}",
        "source: bench/generate.py",
        "indices:",
    ]
    for (index, fields), (_, _share, name, name_en, short) in zip(indices, INDICES, strict=True):
        out += [
            f"  - id: {index}",
            f"    name: {name}",
            f"    name_en: {name_en}",
            f"    short_name: {short}",
            f"    rank: {'20/34' if results else '40/63'}",
            "    criteria:",
        ]
        for crit in fields:
            out += _criterion_lines(crit, "      ", results=results)
    if indicators:
        out.append("indicators:")
        for crit in indicators:
            out += _criterion_lines(crit, "  ", results=results)
    fields_all = [crit for _index, fields in indices for crit in fields]
    out.append("history:")
    out += [f"  - {{id: {c.id}, year: {year - 1}, rank: {c.rank}}}" for c in fields_all[::5] if c.rank]
    out.append("references:")
    for crit in fields_all[::3]:
        assert crit.max is not None
        average = crit.max * 8 // 10
        out += [
            f"  - {{id: {crit.id}, kind: national_average, value: {num(average)}, unit: points,"
            " source: synthetic}",
            f"  - {{id: {crit.id}, kind: best_province, value: {num(crit.max * 95 // 100)}, unit: points,"
            " province: Tỉnh Tốt Nhất, source: synthetic}",
        ]
    return "\n".join(out) + "\n"


def targets_yaml(n: int, seed: int) -> str:
    """The targets file: increases for every field and part, targets for fields and KPIs."""
    indices, indicators = build(n, seed)
    out = [
        f"# Synthetic targets for {n} criteria (seed {seed}) made by bench/generate.py: not real data.",
        "province: Tỉnh Mẫu",
        f"year: {BASELINE_YEAR + 1}",
        f"baseline_year: {BASELINE_YEAR}",
        f"title: Kế hoạch mẫu {n} tiêu chí",
        "bodies:",
    ]
    for body, name, name_en in bodies():
        out += [f"  - id: {body}", f"    name: {name}", f"    name_en: {name_en}"]
    out.append("targets:")
    for _index, fields in indices:
        for crit in fields:
            owners = ", ".join(crit.owners)
            out.append(
                f'  - {{id: {crit.id}, increase: {num(crit.increase or 0)}, comparison: ">=",'
                f" target: {num(crit.target or 0)}, owners: [{owners}]}}"
            )
            out += [
                f"  - {{id: {part.id}, increase: {num(part.increase or 0)}, owners: [{owners}]}}"
                for part in crit.parts
            ]
    for crit in indicators:
        target = num(crit.target or 0)
        out.append(f'  - {{id: {crit.id}, comparison: ">=", target: {target}, owners: [{crit.owners[0]}]}}')
    out.append("deadlines:")
    rng = random.Random(seed + 1)
    body_ids = [body for body, *_ in bodies()]
    for k in range(max(2, n // 100)):
        out += [
            f"  - date: {BASELINE_YEAR + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"    task: Báo cáo kết quả thực hiện, đợt {k + 1}",
            f"    owners: [{rng.choice(body_ids)}]",
        ]
    return "\n".join(out) + "\n"


def write_plan(n: int, folder: Path, seed: int = 1) -> tuple[Path, Path, Path]:
    """Write baseline.yaml, targets.yaml and results.yaml for N criteria into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = (folder / "baseline.yaml", folder / "targets.yaml", folder / "results.yaml")
    paths[0].write_text(baseline_yaml(n, seed), encoding="utf-8")
    paths[1].write_text(targets_yaml(n, seed), encoding="utf-8")
    paths[2].write_text(baseline_yaml(n, seed, results=True), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of criteria (fields, parts and indicators), at least 10")
    parser.add_argument("folder", type=Path, help="where to write baseline.yaml, targets.yaml, results.yaml")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        paths = write_plan(args.n, args.folder, args.seed)
    except ValueError as error:
        parser.error(str(error))
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
