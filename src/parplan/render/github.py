"""GitHub Actions workflow commands: findings shown on the changed lines of a pull request."""

from __future__ import annotations

from parplan.vocab.document import Annotation, Report, UnsupportedFormat
from parplan.vocab.paths import shown_path


def github_data(text: str) -> str:
    """Escape a workflow command's message as GitHub's toolkit does (``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a property value (``escapeProperty``): ``:`` and ``,`` separate properties."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(annotation: Annotation) -> str:
    """``::error file=F,line=L,col=C::message``: GitHub shows it on that line of a pull request."""
    properties = []
    if annotation.file is not None:
        properties.append(f"file={github_property(shown_path(annotation.file))}")
        if annotation.line is not None:
            properties.append(f"line={annotation.line}")
            if annotation.column is not None:
                properties.append(f"col={annotation.column}")
    if annotation.title is not None:
        properties.append(f"title={github_property(annotation.title)}")
    head = f"::{annotation.level}"
    if properties:
        head += " " + ",".join(properties)
    return f"{head}::{github_data(annotation.message)}"


def render_github(report: Report) -> str:
    if report.kind == "document" or report.annotations is None:
        raise UnsupportedFormat(
            f"{report.command} has no findings to annotate; --format github is for validate and check"
        )
    lines = [github_line(a) for a in report.annotations]
    # A findings report always has a summary; so may tables (check's counts).
    if report.summary:
        lines.append(github_line(Annotation("notice", f"parplan {report.command}: {report.summary}")))
    return "".join(line + "\n" for line in lines)
