"""docs/errors.md's table of rules, written from the rule definitions (parplan.vocab.rules).

    python tools/errors_doc.py          # rewrite the table in docs/errors.md
    python tools/errors_doc.py --check  # exit 1 if the file is not what the definitions say

The prose around the table is written by hand; the table between the two markers is not: it is
each rule's code, severity, when, example, fix and its own messages, in the order of the
definitions.
"""

from __future__ import annotations

import sys
from pathlib import Path

from parplan.vocab.rules import RULES, Rule

DOC = Path(__file__).resolve().parent.parent / "docs" / "errors.md"
BEGIN = "<!-- rules: written by tools/errors_doc.py from src/parplan/vocab/rules.py; do not edit -->"
END = "<!-- end of rules -->"


def table() -> str:
    lines = [
        "| code | severity | what | example | how to fix | its messages (English) |",
        "|---|---|---|---|---|---|",
    ]
    for rule in RULES.values():
        cells = (f"`{rule.code}`", rule.severity, rule.when, rule.example, rule.fix, _messages(rule))
        lines.append(f"| {' | '.join(cells)} |")
    return "\n".join(lines)


def _messages(rule: Rule) -> str:
    """The templates only this rule prints; a rule without its own says only shared phrases."""
    if not rule.messages:
        return "shared phrases only"
    return "<br>".join(f"`{text}`" for text in rule.messages.values())


def written(text: str) -> str:
    """``text`` (the whole doc) with its table as the definitions say."""
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    new = written(text)
    if "--check" in argv:
        if new != text:
            print(f"{DOC} is stale: run python tools/errors_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
