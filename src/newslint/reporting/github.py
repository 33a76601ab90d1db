"""``github``: GitHub Actions workflow commands, one annotation per finding.

Each file's annotations sit in a ``::group::`` so the log folds per file;
the annotations themselves show on the pull request's diff. Values are
escaped as the runner expects: ``%``, CR and LF everywhere, plus ``:`` and
``,`` inside properties.
"""

from __future__ import annotations

from typing import TextIO

from .base import ReportEnv, by_file, context_label

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(f) -> str:
    props = [("file", f.path)]
    if f.line is not None:
        props.append(("line", str(f.line)))
        if f.column is not None:
            props.append(("col", str(f.column)))
        if f.end_line is not None and f.end_line >= f.line:
            props.append(("endLine", str(f.end_line)))
            # the runner takes column ranges only within one line
            if f.end_column is not None and f.end_line == f.line:
                props.append(("endColumn", str(f.end_column)))
    props.append(("title", f"{f.code} {f.name}"))
    message = f.message
    where = context_label(f)
    if where:
        message += f" ({where})"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity.value]} {head}::{escape_data(message)}"


def write_github(report, out: TextIO, env: ReportEnv) -> None:
    for path, findings in by_file(report.findings):
        out.write(f"::group::{escape_data(path)}\n")
        for f in findings:
            out.write(annotation(f) + "\n")
        out.write("::endgroup::\n")
    if not env.quiet:
        n = len(report.findings)
        out.write(f"newslint: {n} finding{'s' if n != 1 else ''} in {report.files} "
                  f"file{'s' if report.files != 1 else ''} ({report.articles} "
                  f"article{'s' if report.articles != 1 else ''}).\n")
