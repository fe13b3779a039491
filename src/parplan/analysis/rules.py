"""The consistency rules of a plan: what its files say, checked alone and together, as findings.

Pure: the rules take models and their flattened entries and return
:class:`~parplan.vocab.problems.Finding` data (a role, a path in the file, a rule code and a
message); the plan object places each one at a line and column. So the rules are tested
without files, and every finding has a stable code that a user can select or skip.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal

from parplan.analysis.gaps import HUNDRED, Entry, bound, cut2, flatten, sum_known
from parplan.models.plan import Baseline, Fact, HistoryEntry, Index, League, Reference, Targets
from parplan.vocab import rules
from parplan.vocab.document import fmt
from parplan.vocab.problems import NOTHING, Finding, Msg, Num, Path, Role, msg, quoted
from parplan.vocab.rules import Rule


def num(value: Decimal) -> Num:
    """A number for a message: its exact text, marked so a document can print its decimal comma."""
    return Num(fmt(value))


def _duplicates(role: Role, entries: Sequence[Entry]) -> tuple[dict[str, Entry], list[Finding]]:
    """The entries by id (the first of each), and a finding at every repeat."""
    by_id: dict[str, Entry] = {}
    found = []
    for entry in entries:
        if entry.id in by_id:
            found.append(
                Finding(
                    role,
                    (*entry.path, "id"),
                    entry.id,
                    rules.DUPLICATE_ID,
                    msg("duplicate-id", id=quoted(entry.id)),
                )
            )
            continue
        by_id[entry.id] = entry
    return by_id, found


def _value_findings(role: Role, entry: Entry) -> Iterator[Finding]:
    """A criterion's own maximum and score against 0 and its maximum."""
    limit = bound(entry)
    found: list[tuple[str, Rule, Msg]] = []
    if entry.max is not None and entry.max <= 0:
        found.append(("max", rules.MAXIMUM_NOT_POSITIVE, msg("max-positive", max=num(entry.max))))
    score = entry.score
    if score is not None and score < 0:
        found.append(("score", rules.SCORE_BELOW_ZERO, msg("score-negative", score=num(score))))
    elif score is not None and limit is not None and score > limit:
        message = msg("score-above", score=num(score), max=num(limit))
        found.append(("score", rules.SCORE_ABOVE_MAXIMUM, message))
    for key, rule, message in found:
        yield Finding(role, (*entry.path, key), entry.id, rule, message)


def _parts_findings(role: Role, entry: Entry, by_id: dict[str, Entry]) -> Iterator[Finding]:
    """A criterion's parts: their maxima must sum to its maximum; their scores should sum to its score."""
    parts = [by_id[c] for c in entry.children if c in by_id]
    total_max = sum_known(p.max for p in parts)
    if entry.max is not None and total_max is not None and total_max != entry.max:
        message = msg("parts-max", total=num(total_max), max=num(entry.max))
        yield Finding(role, (*entry.path, "max"), entry.id, rules.PARTS_MAXIMA_MISMATCH, message)
    total_score = sum_known(p.score for p in parts)
    if entry.score is not None and total_score is not None and total_score != entry.score:
        message = msg("score-parts", score=num(entry.score), total=num(total_score))
        yield Finding(role, (*entry.path, "score"), entry.id, rules.SCORE_NOT_SUM_OF_PARTS, message)


def _part_id_findings(role: Role, entry: Entry, repeated: set[str]) -> Iterator[Finding]:
    """A part's id extends its parent's (``par.2.impl`` in ``par.2``): ``papi.1.impl`` inside
    ``par.2`` is a copy-paste slip, and every table and filter by id would then mislead.
    Not said where an id is repeated: the duplicate is the one mistake, not its parts."""
    if entry.level != "part" or entry.parent is None or {entry.id, entry.parent} & repeated:
        return
    if not entry.id.startswith(entry.parent + "."):
        message = msg("part-outside", id=quoted(entry.id), parent=quoted(entry.parent))
        yield Finding(role, (*entry.path, "id"), entry.id, rules.PART_ID_OUTSIDE_PARENT, message)


def entry_findings(role: Role, entries: Sequence[Entry]) -> list[Finding]:
    """Rules one baseline or results file can break on its own."""
    by_id, findings = _duplicates(role, entries)
    repeated = {f.id for f in findings if f.id is not None}
    for entry in entries:
        if entry.level == "index":
            continue
        # Quick tests first: a large plan has tens of thousands of entries, nearly all fine.
        if entry.level == "part" and entry.parent is not None and not entry.id.startswith(entry.parent + "."):
            findings.extend(_part_id_findings(role, entry, repeated))
        if _maybe_out_of_bounds(entry):
            findings.extend(_value_findings(role, entry))
        if entry.children:
            findings.extend(_parts_findings(role, entry, by_id))
    return findings


def _maybe_out_of_bounds(entry: Entry) -> bool:
    """Whether :func:`_value_findings` could say anything about ``entry``."""
    if entry.max is not None and entry.max <= 0:
        return True
    score = entry.score
    if score is None:
        return False
    limit = bound(entry)
    return score < 0 or (limit is not None and score > limit)


def baseline_findings(
    baseline: Baseline,
    role: Role = "baseline",
    entries: Sequence[Entry] | None = None,
    expected: Baseline | None = None,
) -> list[Finding]:
    """Everything wrong inside one baseline/results file, errors and warnings."""
    if entries is None:
        entries = flatten(baseline)
    findings = entry_findings(role, entries)
    known = {e.id for e in entries}
    named: tuple[tuple[str, Sequence[HistoryEntry | Reference | Fact | League]], ...] = (
        ("history", baseline.history),
        ("references", baseline.references),
        ("league", baseline.league),
        ("facts", baseline.facts),
    )
    for name, items in named:
        for k, item in enumerate(items):
            if item.id not in known:
                message = msg("not-in-file", id=quoted(item.id))
                findings.append(Finding(role, (name, k, "id"), item.id, rules.UNKNOWN_ID, message))
    wanted = {i.id: {c.id for c in i.criteria} for i in expected.indices} if expected else {}
    for i, index in enumerate(baseline.indices):
        # A results file lists what was published: its sum is a total only when complete.
        complete = wanted.get(index.id, set()) <= {c.id for c in index.criteria}
        findings.extend(index_findings(role, index, i, complete))
    findings.extend(_history_group_findings(role, baseline))
    findings.extend(league_findings(role, baseline.league))
    return findings


def _names(index: Index) -> str:
    return ", ".join(g.name for g in index.groups)


def _given_percent_findings(role: Role, index: Index, path: Path) -> Iterator[Finding]:
    """A given percentage (SIPAS's overall %) is a percentage: from 0 to 100, like its criteria."""
    if index.total != "given" or index.unit != "percent" or index.score is None:
        return
    if index.score < 0:
        message = msg("score-negative", score=num(index.score))
        yield Finding(role, (*path, "score"), index.id, rules.SCORE_BELOW_ZERO, message)
    elif index.score > HUNDRED:
        message = msg("score-above", score=num(index.score), max=num(HUNDRED))
        yield Finding(role, (*path, "score"), index.id, rules.SCORE_ABOVE_MAXIMUM, message)


def index_findings(role: Role, index: Index, i: int, complete: bool = True) -> Iterator[Finding]:
    """How an index's total is formed, and its groups: a given total never mixed silently
    with a sum of its criteria; groups with distinct names and minimums; a stated group declared."""
    path: Path = ("indices", i)
    if index.score is not None and index.total != "given":
        message = msg("score-not-given", score=num(index.score), total=index.total)
        yield Finding(role, (*path, "score"), index.id, rules.GIVEN_TOTAL_UNDECLARED, message)
    yield from _given_percent_findings(role, index, path)
    # A percentage's total (SIPAS's overall %) is no sum of its components' percentages.
    if index.total == "given" and index.unit != "percent" and index.score is not None and complete:
        total = sum_known(c.score for c in index.criteria)
        if total is not None and total != index.score:
            message = msg("given-differs", score=num(index.score), total=num(total))
            yield Finding(role, (*path, "score"), index.id, rules.GIVEN_TOTAL_NOT_SUM, message)
    names = [g.name for g in index.groups]
    minimums = [g.min for g in index.groups]
    if len(set(names)) != len(names) or len(set(minimums)) != len(minimums):
        shown = ", ".join(f"{g.name} {fmt(g.min)}" for g in index.groups)
        yield Finding(
            role,
            (*path, "groups"),
            index.id,
            rules.AMBIGUOUS_GROUPS,
            msg("group-duplicate", id=quoted(index.id), groups=shown),
        )
    if index.group is not None and index.groups and index.group not in names:
        yield Finding(
            role, (*path, "group"), index.id, rules.UNDECLARED_GROUP, _group_unknown(index.group, index)
        )


def _group_unknown(group: str, index: Index | None, ident: str | None = None) -> Msg:
    """A group not declared: among the index's groups, or where it declares none, said plainly."""
    named = quoted(ident or (index.id if index else ""))
    if index is None or not index.groups:
        return msg("group-none", group=quoted(group), id=named)
    return msg("group-unknown", group=quoted(group), id=named, groups=_names(index))


def _history_group_findings(role: Role, baseline: Baseline) -> Iterator[Finding]:
    """A group in the history must be one of the index's declared groups, when it has some."""
    indices = {i.id: i for i in baseline.indices}
    for k, item in enumerate(baseline.history):
        index = indices.get(item.id)
        if item.group is None or index is None or not index.groups:
            continue
        if item.group not in {g.name for g in index.groups}:
            yield Finding(
                role,
                ("history", k, "group"),
                item.id,
                rules.UNDECLARED_GROUP,
                _group_unknown(item.group, index),
            )


def _province_key(name: str) -> str:
    """One spelling per province, as :func:`parplan.analysis.progress.score_for_rank` compares them."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def league_findings(role: Role, tables: Sequence[League]) -> Iterator[Finding]:
    """A province once per table; a synthetic table said aloud, since it feeds "what it takes";
    ranks in a full table, which "what it takes" never reads (its order is the ranks), said too."""
    for k, table in enumerate(tables):
        seen: set[str] = set()
        for province in table.scores:
            key = _province_key(province)
            if key in seen:
                message = msg(
                    "league-duplicate", province=quoted(province), id=quoted(table.id), year=table.year
                )
                yield Finding(
                    role, ("league", k, "scores"), table.id, rules.PROVINCE_TWICE_IN_LEAGUE, message
                )
            seen.add(key)
        if table.synthetic:
            message = msg("league-synthetic", id=quoted(table.id), year=table.year)
            yield Finding(role, ("league", k, "synthetic"), table.id, rules.SYNTHETIC_LEAGUE, message)
        if table.ranks and not table.partial:
            message = msg("league-ranks-unread", id=quoted(table.id), year=table.year)
            yield Finding(role, ("league", k, "ranks"), table.id, rules.LEAGUE_RANKS_UNREAD, message)


def _province_findings(role: Role, province: str, baseline: Baseline) -> Iterator[Finding]:
    """Files of one plan name one province: another name means a file of another plan."""
    if province != baseline.province:
        message = msg("province", province=quoted(province), baseline=quoted(baseline.province))
        yield Finding(role, ("province",), None, rules.OTHER_PROVINCE, message)


def _header_findings(baseline: Baseline, targets: Targets) -> Iterator[Finding]:
    """Targets written for another province or another baseline year."""
    yield from _province_findings("targets", targets.province, baseline)
    if targets.baseline_year != baseline.year:
        message = msg("baseline-year", year=str(targets.baseline_year), baseline=str(baseline.year))
        yield Finding("targets", ("baseline_year",), None, rules.OTHER_BASELINE_YEAR, message)


def _body_findings(targets: Targets) -> Iterator[Finding]:
    """Duplicate bodies, and deadlines owned by a body that is not listed."""
    bodies: set[str] = set()
    for k, body in enumerate(targets.bodies):
        if body.id in bodies:
            message = msg("duplicate-body", id=quoted(body.id))
            yield Finding("targets", ("bodies", k, "id"), body.id, rules.DUPLICATE_BODY, message)
        bodies.add(body.id)
    for k, deadline in enumerate(targets.deadlines):
        for m, owner in enumerate(deadline.owners):
            if owner not in bodies:
                message = msg("unknown-body", id=quoted(owner))
                yield Finding("targets", ("deadlines", k, "owners", m), None, rules.UNKNOWN_BODY, message)


def _target_findings(targets: Targets, entries: Sequence[Entry]) -> Iterator[Finding]:
    first: dict[str, Entry] = {}
    for flat in entries:
        # A duplicate id is reported once, at the second one; targets refer to the first.
        first.setdefault(flat.id, flat)
    bodies = {body.id for body in targets.bodies}
    seen: dict[str, int] = {}
    for k, target in enumerate(targets.targets):
        path: Path = ("targets", k)
        if target.id in seen:
            message = msg("duplicate-target", id=quoted(target.id))
            yield Finding("targets", (*path, "id"), target.id, rules.DUPLICATE_TARGET, message)
            continue
        seen[target.id] = k
        for m, owner in enumerate(target.owners):
            if owner not in bodies:
                message = msg("unknown-body", id=quoted(owner))
                yield Finding("targets", (*path, "owners", m), target.id, rules.UNKNOWN_BODY, message)
        entry = first.get(target.id)
        if entry is None:
            message = msg("target-unknown", id=quoted(target.id))
            yield Finding("targets", (*path, "id"), target.id, rules.TARGET_FOR_UNKNOWN_CRITERION, message)
            continue
        yield from _one_target_findings(entry, target.increase, target.comparison, target.target, path)
    yield from _increase_findings(targets, first, seen)


def headline_findings(baseline: Baseline, targets: Targets) -> Iterator[Finding]:
    """Rank, group and year of each target: a group target on an index that declares the group,
    a rank target within its stated base, a target year no earlier than the plan's."""
    indices = {i.id: i for i in baseline.indices}
    for k, target in enumerate(targets.targets):
        path: Path = ("targets", k)
        if target.group is not None:
            index = indices.get(target.id)
            if index is None:
                message = msg("group-not-index", id=quoted(target.id))
                yield Finding(
                    "targets", (*path, "group"), target.id, rules.GROUP_TARGET_FOR_CRITERION, message
                )
            elif target.group not in {g.name for g in index.groups}:
                message = _group_unknown(target.group, index)
                yield Finding("targets", (*path, "group"), target.id, rules.UNDECLARED_GROUP, message)
        if (
            target.rank_target is not None
            and target.rank_base is not None
            and target.rank_target > target.rank_base
        ):
            message = msg("rank-target-base", rank=target.rank_target, base=target.rank_base)
            yield Finding(
                "targets", (*path, "rank_target"), target.id, rules.RANK_TARGET_BEYOND_BASE, message
            )
        if target.year is not None and target.year < targets.year:
            message = msg("target-year", year=target.year, plan=targets.year)
            yield Finding("targets", (*path, "year"), target.id, rules.TARGET_YEAR_BEFORE_PLAN, message)


def _increase_findings(
    targets: Targets, entries: dict[str, Entry], seen: dict[str, int]
) -> Iterator[Finding]:
    """A parent's planned increase should be the sum of its parts' increases; an index's, the
    sum of its criteria's (its total is derived, so its increase is too)."""
    increases = {tid: targets.targets[k].increase for tid, k in seen.items()}
    for target_id, k in seen.items():
        entry = entries.get(target_id)
        own = increases.get(target_id)
        if entry is None or not entry.children or own is None:
            continue
        total = sum_known(increases.get(c) for c in entry.children)
        if total is not None and total != own:
            message = msg("increase-parts", increase=num(own), total=num(total))
            yield Finding(
                "targets", ("targets", k, "increase"), target_id, rules.INCREASE_NOT_SUM_OF_PARTS, message
            )


def _bound_findings(entry: Entry, comparison: str, target: Decimal, where: Path) -> Iterator[Finding]:
    """A target below 0, above the maximum, or strictly above a maximum it equals."""
    limit = bound(entry)
    if target < 0:
        yield Finding(
            "targets", where, entry.id, rules.TARGET_BELOW_ZERO, msg("target-negative", target=num(target))
        )
    elif limit is not None and target > limit:
        message = msg("target-above", target=num(target), max=num(limit))
        yield Finding("targets", where, entry.id, rules.TARGET_ABOVE_MAXIMUM, message)
    elif limit is not None and comparison == ">" and target == limit:
        message = msg("target-strict-max", target=num(target), max=num(limit))
        yield Finding("targets", where, entry.id, rules.UNREACHABLE_TARGET, message)


def _one_target_findings(
    entry: Entry,
    increase: Decimal | None,
    comparison: str,
    target: Decimal | None,
    path: Path,
) -> Iterator[Finding]:
    limit = bound(entry)
    if target is not None:
        yield from _bound_findings(entry, comparison, target, (*path, "target"))
        # Below the score cut to two decimals: the plan writes 9.2779 as "9,27", not a fall.
        if entry.score is not None and 0 <= target < cut2(entry.score):
            message = msg(
                "target-below-score", comparison=comparison, target=num(target), score=num(entry.score)
            )
            yield Finding("targets", (*path, "target"), entry.id, rules.TARGET_BELOW_CURRENT_SCORE, message)
    if increase is not None and increase < 0:
        yield Finding(
            "targets",
            (*path, "increase"),
            entry.id,
            rules.NEGATIVE_INCREASE,
            msg("negative-increase", increase=num(increase)),
        )
    if (
        increase is not None
        and entry.score is not None
        and limit is not None
        and entry.score + increase > limit
    ):
        message = msg("increase-above", score=num(entry.score), increase=num(increase), max=num(limit))
        yield Finding("targets", (*path, "increase"), entry.id, rules.INCREASE_PAST_MAXIMUM, message)
    if target is None or increase is None or entry.score is None:
        return
    projected = entry.score + increase
    cut = cut2(projected)
    # The plan writes score + increase cut to two decimals (9.4079 -> "> 9,40"); a target
    # written in full (9.4079) says the same thing.
    if target in (projected, cut):
        return
    sums = msg(
        "sums",
        score=num(entry.score),
        increase=num(increase),
        projected=num(projected),
        cut=msg("cut", cut=Num(f"{cut:f}")) if cut != projected else NOTHING,
    )
    shown: dict[str, str | Msg] = {"comparison": comparison, "target": num(target), "sums": sums}
    if target > projected:
        code, message = rules.TARGET_ABOVE_PLANNED_INCREASE, msg("target-unreachable", **shown)
    elif target < cut:
        code, message = rules.TARGET_BELOW_PLANNED_INCREASE, msg("target-looser", **shown)
    else:
        code, message = rules.TARGET_NOT_SCORE_PLUS_INCREASE, msg("target-not-sum", **shown)
    yield Finding("targets", (*path, "target"), entry.id, code, message)


def plan_findings(
    baseline: Baseline,
    targets: Targets,
    results: Baseline | None = None,
    entries: Sequence[Entry] | None = None,
    result_entries: Sequence[Entry] | None = None,
) -> list[Finding]:
    """All findings of a plan: baseline, targets against baseline, results against both.

    ``entries`` and ``result_entries`` are the files flattened, when the caller has them.
    """
    if entries is None:
        entries = flatten(baseline)
    findings = baseline_findings(baseline, "baseline", entries)
    findings.extend(_header_findings(baseline, targets))
    findings.extend(_body_findings(targets))
    findings.extend(_target_findings(targets, entries))
    findings.extend(headline_findings(baseline, targets))
    if results is not None:
        if result_entries is None:
            result_entries = flatten(results)
        findings.extend(baseline_findings(results, "results", result_entries, baseline))
        findings.extend(_results_findings(baseline, targets, results, entries, result_entries))
    return findings


def _results_findings(
    baseline: Baseline,
    targets: Targets,
    results: Baseline,
    entries: Sequence[Entry],
    result_entries: Sequence[Entry],
) -> Iterator[Finding]:
    known = {e.id for e in entries}
    yield from _province_findings("results", results.province, baseline)
    if results.year != targets.year:
        message = msg("results-year", year=str(results.year), targets=str(targets.year))
        yield Finding("results", ("year",), None, rules.RESULTS_OF_OTHER_YEAR, message)
    maxima = {e.id: e.max for e in entries}
    for entry in result_entries:
        if entry.id not in known:
            message = msg("results-unknown", id=quoted(entry.id))
            yield Finding(
                "results", (*entry.path, "id"), entry.id, rules.RESULT_FOR_UNKNOWN_CRITERION, message
            )
            continue
        before = maxima[entry.id]
        if entry.level != "index" and entry.max is not None and before is not None and entry.max != before:
            # A changed criteria set changes what a gap means: say so, where the new maximum is.
            message = msg("max-changed", max=num(entry.max), baseline=num(before))
            yield Finding(
                "results", (*entry.path, "max"), entry.id, rules.RESULTS_WITH_OTHER_MAXIMUM, message
            )
    declared = {i.id: i for i in baseline.indices}
    for i, index in enumerate(results.indices):
        # A results file without its own cut-offs states a group of the baseline's.
        base = declared.get(index.id)
        if index.group is None or index.groups or base is None or not base.groups:
            continue
        if index.group not in {g.name for g in base.groups}:
            yield Finding(
                "results",
                ("indices", i, "group"),
                index.id,
                rules.UNDECLARED_GROUP,
                _group_unknown(index.group, base),
            )
