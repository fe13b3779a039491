"""The lower bound of any command on parplan's stack that reads these files through libyaml.

It pays only what such a command cannot avoid: the imports of the start-up floor
(``bench/floor.py``: typer, PyYAML, pydantic, rich), reading the files, and libyaml's parser
events for them, pulled through ``yaml.CSafeLoader`` (the pure-Python parser where libyaml is
missing) and thrown away. It builds no value, validates nothing and prints no table, so a
command's time above this bound is parplan's own work, and a goal below it cannot be met
by any change to parplan.

With ``--jobs 2`` the files are shared between two processes (forked after the imports,
the largest file first to the least loaded one), as a parplan parsing its files in parallel
on a 2-core machine would at best: the bound of that design.

Prints one JSON line: the number of events and their in-process CPU seconds. With
``--libyaml-alone`` it also times libyaml's own parse of the same text, building no Python
objects (``raw_parse``): that shows how much of the events' cost is making Python objects,
not reading YAML. The runner (``bench/run.py``) times this program without that option.

    python bench/bound.py baseline.yaml targets.yaml results.yaml
    python bench/bound.py --jobs 2 baseline.yaml targets.yaml results.yaml
    python bench/bound.py --libyaml-alone baseline.yaml
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import floor  # noqa: F401 - imported for its imports: they are part of the bound
import yaml

# The same choice as parplan.reading.loading makes, written out: importing parplan would add its own
# imports to the bound.
_PARSER: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def events(text: str) -> int:
    """Pull every parser event, as parplan's loader does (one ``get_event`` call each)."""
    parser = _PARSER(text)
    try:
        get_event = parser.get_event
        count = 0
        while get_event() is not None:
            count += 1
        return count
    finally:
        parser.dispose()


def raw(text: str) -> float:
    """CPU seconds for libyaml alone to parse ``text`` (only the C parser has ``raw_parse``)."""
    parser = _PARSER(text)
    start = time.process_time()
    try:
        parser.raw_parse()
    finally:
        parser.dispose()
    return time.process_time() - start


def shares(sizes: list[int], jobs: int) -> list[list[int]]:
    """File positions per process: largest first, each to the process with the least bytes."""
    loads = [0] * jobs
    groups: list[list[int]] = [[] for _ in range(jobs)]
    for position in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        least = loads.index(min(loads))
        groups[least].append(position)
        loads[least] += sizes[position]
    return groups


def parallel_events(texts: list[str], jobs: int) -> int:
    """Events of every text, the texts shared between ``jobs`` forked processes."""
    groups = shares([len(text) for text in texts], jobs)
    children = []
    for group in groups[1:]:
        pid = os.fork()
        if pid == 0:  # the child: its share, then out without Python's clean-up
            for position in group:
                events(texts[position])
            os._exit(0)
        children.append(pid)
    count = sum(events(texts[position]) for position in groups[0])
    for pid in children:
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError("a child process failed")
    return count


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=1, help="processes sharing the files (fork)")
    parser.add_argument("--libyaml-alone", action="store_true", help="also time libyaml alone")
    args = parser.parse_args(argv)
    if args.jobs < 1 or (args.jobs > 1 and not hasattr(os, "fork")):
        parser.error("--jobs must be 1, or more where processes can be forked")
    try:
        texts = [path.read_bytes().decode("utf-8-sig") for path in args.files]
    except (OSError, UnicodeDecodeError) as error:
        parser.error(f"cannot read the files: {error}")
    start = time.process_time()
    count = parallel_events(texts, args.jobs) if args.jobs > 1 else sum(map(events, texts))
    events_s = time.process_time() - start
    record: dict[str, object] = {
        "parser": _PARSER.__name__,
        "files": len(texts),
        "jobs": args.jobs,
        "events": count,
        "events_cpu_s": round(events_s, 4),
    }
    if args.libyaml_alone:
        with_libyaml = hasattr(_PARSER, "raw_parse")
        record["libyaml_alone_cpu_s"] = round(sum(map(raw, texts)), 4) if with_libyaml else None
    print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
