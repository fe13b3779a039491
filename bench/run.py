"""Time parplan as a user runs it: the real command, a new process each run, median of several.

Two measurements, both printed as a table and as one JSON line per measurement:

- start-up: ``parplan gap`` on the bundled plan against ``bench/floor.py`` (the cheapest
  program on the same stack), median of 9 runs each, interleaved so that a noisy machine
  slows both alike. The goal is a ratio of at most 1.3.
- scale: ``validate``, ``gap --format markdown`` and ``check`` on synthetic plans of N
  criteria (``bench/generate.py``) for each N. The goals are 10,000 criteria in at most 1 s,
  and 10x the criteria in at most 12x the time.
- lower bound: for each command and N, ``bench/bound.py`` on the same files, in one process
  and shared between two: the floor's imports and libyaml's events, which any command reading
  those files through libyaml pays. Each run of a command is followed by its two bounds, so
  that a noisy machine slows them alike.

Each run reports wall time (what a user waits) and CPU time (user + system of the child, which
other load on the machine disturbs less). Files are generated before timing starts.

    python bench/run.py                       # N = 100, 1000, 10000, 100000; 3 runs each
    python bench/run.py --sizes 50 --repeats 1 --startup-runs 1    # a smoke run, as CI does
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import MIN_N, write_plan  # noqa: E402 - bench/ is a folder of scripts, not a package

FLOOR = HERE / "floor.py"
BOUND = HERE / "bound.py"
BOUND_JOBS = (1, 2)
"""The bound in one process, and shared between the two cores of the machine the goal names."""
STARTUP_GOAL = 1.3
TEN_K_GOAL_S = 1.0
GROWTH_GOAL = 12.0
COMMANDS = ("validate", "gap", "check")
OK_EXITS = {"validate": {0}, "gap": {0}, "check": {0, 1}}
"""``check`` exits 1 when a target is missed, as some are in a synthetic plan."""


@dataclass(frozen=True)
class Timing:
    """Median wall and CPU seconds of several runs of one command."""

    kind: str
    command: str
    n: int | None
    runs: int
    wall_s: float
    cpu_s: float
    walls: tuple[float, ...]
    exit_code: int


def parplan_command() -> list[str]:
    """The installed console script beside this Python, else ``python -m parplan``."""
    script = Path(sys.executable).with_name("parplan")
    if script.exists():
        return [str(script)]
    found = shutil.which("parplan")
    return [found] if found else [sys.executable, "-m", "parplan"]


def run_once(argv: Sequence[str], ok: set[int]) -> tuple[float, float, int]:
    """Wall and CPU time (user + system) of one child process; output is discarded."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        message = errors.decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}:\n{message}")
    return wall, usage.ru_utime + usage.ru_stime, process.returncode


def _timing(kind: str, command: str, n: int | None, results: list[tuple[float, float, int]]) -> Timing:
    walls = tuple(wall for wall, _, _ in results)
    return Timing(
        kind=kind,
        command=command,
        n=n,
        runs=len(results),
        wall_s=statistics.median(walls),
        cpu_s=statistics.median(cpu for _, cpu, _ in results),
        walls=walls,
        exit_code=results[-1][2],
    )


def measure(
    command: str, n: int, argv: Sequence[str], files: Sequence[Path], *, repeats: int, ok: set[int]
) -> tuple[Timing, dict[int, Timing]]:
    """The command and its lower bounds (by number of processes), interleaved run by run."""
    runs: list[tuple[float, float, int]] = []
    bounds: dict[int, list[tuple[float, float, int]]] = {jobs: [] for jobs in BOUND_JOBS}
    for _ in range(repeats):
        runs.append(run_once(argv, ok))
        for jobs in BOUND_JOBS:
            bound_argv = [sys.executable, str(BOUND), "--jobs", str(jobs), *map(str, files)]
            bounds[jobs].append(run_once(bound_argv, {0}))
    return _timing("scale", command, n, runs), {
        jobs: _timing("bound", command, n, results) for jobs, results in bounds.items()
    }


def startup(repeats: int) -> tuple[Timing, Timing]:
    """Floor and ``parplan gap``, interleaved run by run."""
    floor_argv = [sys.executable, str(FLOOR)]
    gap_argv = [*parplan_command(), "gap"]
    floors, gaps = [], []
    for _ in range(repeats):
        floors.append(run_once(floor_argv, {0}))
        gaps.append(run_once(gap_argv, {0}))

    return _timing("startup", "floor", None, floors), _timing("startup", "gap", None, gaps)


def scale_files(command: str, folder: Path) -> list[Path]:
    """The files a command reads: all three, except for ``gap`` (no results)."""
    names = ["baseline", "targets"] if command == "gap" else ["baseline", "targets", "results"]
    return [folder / f"{name}.yaml" for name in names]


def scale_argv(command: str, folder: Path) -> list[str]:
    files = scale_files(command, folder)
    plan = ["--baseline", str(files[0]), "--targets", str(files[1])]
    if command == "validate":
        return [*parplan_command(), "validate", *plan, "--results", str(files[2])]
    if command == "gap":
        return [*parplan_command(), "gap", *plan, "--format", "markdown"]
    return [*parplan_command(), "check", *plan, "--results", str(files[2]), "--format", "markdown"]


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "system": platform.system(),
        "load_average": _load(),
    }


def _load() -> list[float] | None:
    """1, 5 and 15-minute load: other work on the machine slows every number here."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:  # pragma: no cover - not on every system
        return None


def emit(timing: Timing, **extra: object) -> None:
    print(json.dumps({**asdict(timing), **extra}, ensure_ascii=False), flush=True)


def _arguments(argv: list[str] | None) -> tuple[argparse.Namespace, list[int]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="100,1000,10000,100000", help="comma-separated N (default: %(default)s)"
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs per command and N; the median counts")
    parser.add_argument("--startup-runs", type=int, default=9, help="runs of the start-up pair (0 skips it)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workdir", type=Path, help="keep the generated plans here (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--sizes must be integers: {args.sizes!r}")
    if args.repeats < 1 or args.startup_runs < 0:
        parser.error("--repeats must be at least 1 and --startup-runs at least 0")
    if any(size < MIN_N for size in sizes):
        parser.error(f"every N must be at least {MIN_N}")

    return args, sizes


def main(argv: list[str] | None = None) -> int:
    args, sizes = _arguments(argv)
    print(json.dumps({"kind": "machine", **machine()}), flush=True)
    table: list[str] = []
    # Each goal: None if this run did not measure it, else whether it was met.
    goals: dict[str, bool | None] = {
        f"start-up <= {STARTUP_GOAL}x floor": None,
        f"10,000 criteria <= {TEN_K_GOAL_S} s": None,
        f"10x criteria <= {GROWTH_GOAL}x time": None,
    }
    start_goal, ten_k_goal, growth_goal = goals
    if args.startup_runs:
        floor, gap = startup(args.startup_runs)
        ratio = gap.wall_s / floor.wall_s
        emit(floor)
        emit(gap, ratio=round(ratio, 3), goal=STARTUP_GOAL)
        table += [
            f"start-up (median of {args.startup_runs} runs)",
            f"  floor (bench/floor.py)   {floor.wall_s:8.3f} s wall  {floor.cpu_s:8.3f} s CPU",
            f"  parplan gap              {gap.wall_s:8.3f} s wall  {gap.cpu_s:8.3f} s CPU"
            f"   ratio {ratio:.2f} (goal <= {STARTUP_GOAL})",
            "",
        ]
        goals[start_goal] = ratio <= STARTUP_GOAL

    with tempfile.TemporaryDirectory(prefix="parplan-bench-") as scratch:
        root = args.workdir or Path(scratch)
        timings: dict[tuple[str, int], Timing] = {}
        header = f"{'N':>8}  " + "  ".join(f"{c + ' (s)':>14}" for c in COMMANDS)
        scale_table = [
            f"scale (median of {args.repeats} runs, wall seconds; CPU seconds in brackets)",
            header,
        ]
        bound_table = [
            "lower bound (bench/bound.py: the floor's imports and libyaml's events for the same files;"
            " wall seconds in 1 process / shared by 2)",
            header,
        ]
        ten_k_bounds: dict[str, float] = {}
        previous: int | None = None
        for n in sizes:
            folder = root / f"plan-{n}"
            write_plan(n, folder, args.seed)
            cells, bound_cells = [], []
            for command in COMMANDS:
                argv = scale_argv(command, folder)
                files = scale_files(command, folder)
                timing, bounds = measure(command, n, argv, files, repeats=args.repeats, ok=OK_EXITS[command])
                timings[command, n] = timing
                growth = None
                if previous is not None:
                    growth = timing.wall_s / timings[command, previous].wall_s
                emit(timing, growth=None if growth is None else round(growth, 2), vs_n=previous)
                for jobs, bound in bounds.items():
                    emit(bound, jobs=jobs)
                cells.append(f"{timing.wall_s:6.3f} ({timing.cpu_s:5.2f})")
                bound_cells.append(" / ".join(f"{bound.wall_s:.3f}" for bound in bounds.values()))
                if n == 10_000:
                    goals[ten_k_goal] = goals[ten_k_goal] is not False and timing.wall_s <= TEN_K_GOAL_S
                    ten_k_bounds[command] = min(bound.wall_s for bound in bounds.values())
                if growth is not None and previous is not None and n == previous * 10:
                    goals[growth_goal] = goals[growth_goal] is not False and growth <= GROWTH_GOAL
            scale_table.append(f"{n:>8}  " + "  ".join(f"{cell:>14}" for cell in cells))
            bound_table.append(f"{n:>8}  " + "  ".join(f"{cell:>14}" for cell in bound_cells))
            previous = n
    print(json.dumps({"kind": "machine-after", "load_average": _load()}), flush=True)
    print("\n".join([*table, *scale_table, "", *bound_table]))
    print(goals_line(goals, {ten_k_goal: ten_k_bounds}))
    return 0


def goals_line(goals: dict[str, bool | None], bounds: dict[str, dict[str, float]]) -> str:
    """Each goal's verdict; a timed goal also shows its lower bound by command, because a goal
    below the bound cannot be met by any change to parplan."""
    verdicts = {None: "not measured", True: "met", False: "NOT met"}
    said = []
    for goal, met in goals.items():
        verdict = verdicts[met]
        if bounds.get(goal):
            lowest = ", ".join(f"{command} {bound:.3f} s" for command, bound in bounds[goal].items())
            verdict += f" (lower bounds: {lowest})"
        said.append(f"{goal}: {verdict}")
    return "goals: " + "; ".join(said)


if __name__ == "__main__":
    sys.exit(main())
