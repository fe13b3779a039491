"""Bad input through the command line: every command answers exit 2 and a short message on stderr
naming the file (and line, column, criterion id where there is one); never a traceback, never a
partial output file."""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from parplan.cli.main import app
from parplan.reading.loading import bundled, bundled_display


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


BASELINE = bundled("baseline_2024.yaml").read_text(encoding="utf-8")
TARGETS = bundled("targets_2025.yaml").read_text(encoding="utf-8")
RESULTS = BASELINE.replace("\nyear: 2024\n", "\nyear: 2025\n", 1)

COMMANDS = ["validate", "gap", "rank", "check"]


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def billion_laughs() -> str:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 10) + "]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Case:
    """A bad file for one role of a plan and what the message must say about it."""

    name: str
    role: str  # --baseline, --targets or --results
    content: bytes | None  # None: the file does not exist
    expected: tuple[str, ...]


def text_case(name: str, role: str, text: str, *expected: str) -> Case:
    return Case(name, role, text.encode("utf-8"), expected)


CASES = [
    Case(
        "not-yaml",
        "--baseline",
        b"province: x\nindices: [a, b\nyear: 2024\n",
        ("bad.yaml:3:", "is not valid YAML: ", "(while parsing a flow sequence from line 2, column 10)"),
    ),
    Case("empty", "--baseline", b"", ("bad.yaml: PP130 error: is empty: expected a mapping of keys",)),
    Case(
        "list",
        "--baseline",
        b"- par\n- papi\n",
        ("bad.yaml:1:1: PP131 error: must be a mapping of keys, not a list",),
    ),
    Case(
        "scalar",
        "--targets",
        b"2025\n",
        ("bad.yaml:1:1: PP131 error: must be a mapping of keys, not a single value",),
    ),
    Case(
        "invalid-utf8",
        "--baseline",
        b"province: Cao B\xe1ng\nyear: 2024\n",
        ("bad.yaml:1:16: PP106 error: is not valid UTF-8 (byte 0xe1)",),
    ),
    Case("missing", "--baseline", None, ("bad.yaml: PP101 error: no such file",)),
    text_case(
        "wrong-type",
        "--baseline",
        edit(BASELINE, "score: 9.2779", 'score: "mười hai"'),
        "bad.yaml:23:16: par.1: PP205 error: score: expected a number, got the text 'mười hai'",
    ),
    text_case(
        "nan",
        "--baseline",
        edit(BASELINE, "score: 9.2779", "score: .nan"),
        "bad.yaml:23:16: par.1: PP206 error: score: expected a finite number, got NaN or infinity",
    ),
    text_case(
        "inf",
        "--results",
        edit(RESULTS, "score: 9.2779", "score: .inf"),
        "bad.yaml:23:16: par.1: PP206 error: score: expected a finite number, got NaN or infinity",
    ),
    text_case(
        "negative",
        "--baseline",
        edit(BASELINE, "score: 9.2779", "score: -1"),
        "bad.yaml:23:16: par.1: PP303 error: score -1 is below 0",
    ),
    text_case(
        "above-max",
        "--baseline",
        edit(BASELINE, "score: 9.2779", "score: 9.51"),
        "bad.yaml:23:16: par.1: PP304 error: score 9.51 is above the maximum 9.5",
    ),
    text_case(
        "rank-70-of-63",
        "--baseline",
        edit(BASELINE, "rank: 39/63", "rank: 70/63"),
        "bad.yaml:24:15: par.1: PP208 error: rank: expected a rank k/N such as 39/63 (1 <= k <= N), "
        "got '70/63'",
    ),
    text_case(
        "duplicate-id",
        "--baseline",
        edit(BASELINE, "id: par.3\n", "id: par.1\n"),
        "par.1: PP301 error: duplicate id 'par.1'",
    ),
    text_case(
        "unknown-key",
        "--baseline",
        edit(BASELINE, "        name_en: Direction", "        name_eng: Direction"),
        "bad.yaml:21:9: par.1: PP201 error: unknown key 'name_eng' (did you mean 'name_en'?)",
    ),
    text_case(
        "target-for-unknown-id",
        "--targets",
        edit(TARGETS, "{id: par.1, increase", "{id: par.99, increase"),
        "par.99: PP312 error: 'par.99' is not in the baseline",
    ),
    text_case(
        "results-for-another-index-set",
        "--results",
        "province: Cao Bằng\nyear: 2025\nindices:\n  - id: pci\n    name: PCI\n    rank: null\n"
        "    criteria:\n      - {id: pci.1, name: Gia nhập thị trường, max: 10, score: 7, rank: null}\n",
        "bad.yaml:4:9: pci: PP318 error: 'pci' is not in the baseline: "
        "is this a results file for another plan?",
        "bad.yaml:8:14: pci.1: PP318 error: 'pci.1' is not in the baseline",
    ),
    text_case(
        "python-tag",
        "--baseline",
        "province: !!python/object/apply:os.system [echo pwned]\n",
        "bad.yaml:1:11: PP120 error: the tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed",
    ),
    text_case(
        "billion-laughs",
        "--targets",
        billion_laughs(),
        "bad.yaml:2:14: PP121 error: aliases (*lol0) are refused: "
        "they can expand without bound ('billion laughs')",
    ),
    text_case(
        "deep-nesting",
        "--baseline",
        "indices: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "bad.yaml:1:",
        "nesting",
    ),
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def plan_args(command: str, tmp_path: Path, bad: Path | None = None, role: str = "") -> list[str]:
    """The command's arguments, with the bad file in its role; check gets a good results file."""
    args = [command]
    if command == "check" and role != "--results":
        good = tmp_path / "results.yaml"
        good.write_text(RESULTS, encoding="utf-8")
        args += ["--results", str(good)]
    if bad is not None:
        args += [role, str(bad)]
    return args


def assert_clean_refusal(result: Result, *, short: bool = True) -> None:
    """Exit 2 through SystemExit (no other exception escaped), no traceback anywhere."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for line in result.stderr.splitlines() if short else ():
        assert len(line) <= 200, line


def place_case(case: Case, tmp_path: Path) -> Path:
    bad = tmp_path / "bad.yaml"
    if case.content is not None:
        bad.write_bytes(case.content)
    return bad


# gap and rank take no results file.
COMMAND_CASES = [
    pytest.param(command, case, id=f"{command}-{case.name}")
    for case in CASES
    for command in COMMANDS
    if case.role != "--results" or command in ("validate", "check")
]


@pytest.mark.parametrize(("command", "case"), COMMAND_CASES)
def test_bad_input_exits_2_with_its_place(
    command: str, case: Case, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = place_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)  # messages name the file as it was given
    args = plan_args(command, tmp_path, Path("bad.yaml"), case.role)
    if command == "validate":
        # validate's report is its output; with a machine format the errors go to stderr as well.
        args += ["--format", "json"]
    result = runner.invoke(app, args)
    assert_clean_refusal(result)
    for expected in case.expected:
        assert expected in result.stderr, result.stderr
    if command != "validate":
        assert result.stdout == ""
    else:
        assert '"valid": false' in result.stdout
    assert bad.exists() == (case.content is not None)


@pytest.mark.parametrize("command", COMMANDS)
def test_validate_text_report_lists_the_problem_gap_rank_check_on_stderr(
    command: str, tmp_path: Path, runner: CliRunner
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(edit(BASELINE, "score: 9.2779", "score: -1"), encoding="utf-8")
    result = runner.invoke(app, plan_args(command, tmp_path, bad, "--baseline"))
    assert_clean_refusal(result)
    expected = f"{bad}:23:16: par.1: PP303 error: score -1 is below 0"
    shown = result.stdout if command == "validate" else result.stderr
    assert expected in shown.splitlines()


@pytest.mark.parametrize("command", COMMANDS)
def test_directory_and_unreadable_file(
    command: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    result = runner.invoke(app, plan_args(command, tmp_path, folder, "--baseline"))
    assert_clean_refusal(result)
    assert f"{folder}: PP104 error: is a directory, not a YAML file" in result.output

    # Root can read a chmod-000 file, so the refusal is simulated where the file is opened.
    locked = tmp_path / "locked.yaml"
    locked.write_text(BASELINE, encoding="utf-8")
    real_open = Path.open

    def guarded_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    result = runner.invoke(app, plan_args(command, tmp_path, locked, "--targets"))
    assert_clean_refusal(result)
    assert f"{locked}: PP102 error: permission denied" in result.output


@pytest.mark.parametrize("command", ["gap", "rank", "check"])
def test_several_errors_in_several_files_are_all_reported(
    command: str, tmp_path: Path, runner: CliRunner
) -> None:
    baseline = tmp_path / "b.yaml"
    text = edit(BASELINE, "score: 9.2779", 'score: "mười hai"')
    text = edit(text, "rank: 39/63", "rank: 70/63")
    text = edit(text, "        name_en: Institutional reform", "        name_enn: Institutional reform")
    baseline.write_text(text, encoding="utf-8")
    targets = tmp_path / "t.yaml"
    targets.write_text(edit(TARGETS, "year: 2025", "year: next"), encoding="utf-8")
    args = [*plan_args(command, tmp_path), "--baseline", str(baseline), "--targets", str(targets)]
    result = runner.invoke(app, args)
    assert_clean_refusal(result)
    assert result.stderr.splitlines() == [
        f"{baseline}:23:16: par.1: PP205 error: score: expected a number, got the text 'mười hai'",
        f"{baseline}:24:15: par.1: PP208 error: rank: expected a rank k/N such as 39/63 (1 <= k <= N), "
        "got '70/63'",
        f"{baseline}:28:9: par.2: PP201 error: unknown key 'name_enn' (did you mean 'name_en'?)",
        f"{targets}:5:7: PP204 error: year: expected a whole number, got 'next'",
    ]


@pytest.mark.parametrize("command", ["gap", "rank", "check"])
@pytest.mark.parametrize("existing", [False, True])
def test_bad_input_leaves_no_output_file(
    command: str, existing: bool, tmp_path: Path, runner: CliRunner
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(edit(BASELINE, "score: 9.2779", "score: .nan"), encoding="utf-8")
    out = tmp_path / "report.csv"
    if existing:
        out.write_bytes(b"old report\n")
    result = runner.invoke(app, [*plan_args(command, tmp_path, bad, "--baseline"), "-o", str(out)])
    assert_clean_refusal(result)
    if existing:
        assert out.read_bytes() == b"old report\n"
    else:
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("command", ["gap", "rank", "check"])
def test_output_to_a_directory_or_missing_folder(command: str, tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "out.csv"
    folder.mkdir()
    result = runner.invoke(app, [*plan_args(command, tmp_path), "-o", str(folder)])
    assert_clean_refusal(result)
    assert f"{folder}: PP901 error: is a directory, not a file" in result.stderr
    nowhere = tmp_path / "no" / "such" / "folder" / "out.csv"
    result = runner.invoke(app, [*plan_args(command, tmp_path), "-o", str(nowhere)])
    assert_clean_refusal(result)
    assert f"{nowhere}: PP901 error: cannot be written: No such file or directory" in result.stderr


def bom_crlf_nfd(text: str) -> bytes:
    return b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).replace("\n", "\r\n").encode("utf-8")


@pytest.mark.parametrize(("command", "code"), [("validate", 0), ("gap", 0), ("rank", 0), ("check", 1)])
def test_bom_crlf_and_nfd_are_accepted(command: str, code: int, tmp_path: Path, runner: CliRunner) -> None:
    baseline = tmp_path / "b.yaml"
    targets = tmp_path / "t.yaml"
    baseline.write_bytes(bom_crlf_nfd(BASELINE))
    targets.write_bytes(bom_crlf_nfd(TARGETS))
    args = [*plan_args(command, tmp_path), "--baseline", str(baseline), "--targets", str(targets)]
    plain = runner.invoke(app, plan_args(command, tmp_path))
    result = runner.invoke(app, args)
    # Same answer as the bundled files: the province matches across files once both are NFC.
    assert result.exit_code == plain.exit_code == code, result.output
    assert result.stdout == plain.stdout.replace(
        bundled_display("baseline_2024.yaml"), str(baseline)
    ).replace(bundled_display("targets_2025.yaml"), str(targets))


def test_interrupt_is_exit_130_without_traceback(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr("parplan.reading.loading.parse", interrupted)
    result = runner.invoke(app, ["gap"])
    assert result.exit_code == 130
    assert result.stderr == "interrupted\n"
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["gap", "--format", "pdf"],
        ["rank", "--top", "0"],
        ["gap", "--columns", "id,nonsense"],
        ["gap", "-o", "report.unknown"],
        ["check"],
    ],
)
def test_usage_errors_exit_2(
    args: list[str], runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert_clean_refusal(result, short=False)  # a usage message may list the choices
    assert result.stdout == ""
    assert not any(tmp_path.iterdir())


def test_every_case_is_refused_quickly(tmp_path: Path, runner: CliRunner) -> None:
    """Well under a second each, including the alias bomb and the 100,000-deep nesting."""
    times = []
    for case in CASES:
        folder = tmp_path / case.name
        folder.mkdir()
        bad = place_case(case, folder)
        role = "--baseline" if case.role == "--results" else case.role
        started = time.perf_counter()
        result = runner.invoke(app, plan_args("gap", folder, bad, role))
        times.append((time.perf_counter() - started, case.name))
        assert result.exit_code == 2
    assert max(times)[0] < 1.0, max(times)


def test_a_duplicate_id_is_one_error_not_a_cascade_of_target_errors(
    tmp_path: Path, runner: CliRunner
) -> None:

    baseline = tmp_path / "b.yaml"
    baseline.write_text(edit(BASELINE, "id: par.4\n", "id: par.3\n"), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--baseline", str(baseline)])
    assert_clean_refusal(result)
    errors = [line for line in result.stdout.splitlines() if " error: " in line]
    assert errors == [
        f"{baseline}:52:13: par.3: PP301 error: duplicate id 'par.3'",
        # The partial table of field 4 (par.4's published ranks) names the id that is gone.
        f"{baseline}:425:9: par.4: PP306 error: 'par.4' is not a criterion of this file",
        f"{bundled_display('targets_2025.yaml')}:95:10: par.4: PP312 error: 'par.4' is not in the baseline",
    ]


@pytest.mark.parametrize("columns", ["abc", "", "-5", "99999999999"])
def test_a_strange_columns_variable_is_ignored(columns: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["gap", "--format", "text"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("PAR INDEX")
