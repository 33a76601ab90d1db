"""Text for people: ruff's full format (source line and caret) and a concise one."""

from __future__ import annotations

from typing import TextIO

from .base import ReportEnv

_MAX_SOURCE = 160
_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _where(f) -> str:
    if f.line is None:
        return f.path
    return f"{f.path}:{f.line}:{f.column or 1}"


def _head(f, env: ReportEnv) -> str:
    where = _where(f)
    code = f.code
    if env.color:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLORS[f.severity.value]}{_BOLD}{code}{_RESET}"
    extra = f" (record {f.record})" if f.record and f.path.endswith((".jsonl", ".ndjson", ".gz")) else ""
    return f"{where}: {code} [{f.name}] {f.message}{extra}"


def _snippet(f, env: ReportEnv) -> list[str]:
    text = env.source_line(f.path, f.line)
    if text is None or f.column is None:
        return []
    col = f.column - 1
    width = 1
    if f.end_line == f.line and f.end_column and f.end_column > f.column:
        width = f.end_column - f.column
    # long lines (JSONL records, scraped paragraphs): show a window around the span
    start = 0
    if len(text) > _MAX_SOURCE:
        start = max(0, col - 40)
        text = ("…" if start else "") + text[start : start + _MAX_SOURCE] + "…"
        col = col - start + (1 if start else 0)
    width = max(1, min(width, len(text) - col))
    text = text.replace("\t", " ")
    gutter = f"{f.line} | "
    pad = " " * (len(gutter) - 2) + "| "
    caret = "^" * width
    if env.color:
        caret = f"{_COLORS[f.severity.value]}{caret}{_RESET}"
    return [f"{gutter}{text}", f"{pad}{' ' * col}{caret}"]


def _footer(report, out: TextIO, env: ReportEnv) -> None:
    n = len(report.findings)
    if env.statistics and report.stats:
        out.write("\n")
        for code, count in sorted(report.stats.items(), key=lambda kv: (-kv[1], kv[0])):
            name = env.registry.by_code[code].name if code in env.registry.by_code else ""
            out.write(f"{count:>6}  {code}  {name}\n")
    fixable = sum(1 for f in report.findings if f.fix is not None and f.fix.applicability == "safe")
    noun = "finding" if n == 1 else "findings"
    line = f"Found {n} {noun} in {report.files} file{'s' if report.files != 1 else ''} ({report.articles} article{'s' if report.articles != 1 else ''})."
    if n == 0:
        line = f"All checks passed: {report.files} file{'s' if report.files != 1 else ''}, {report.articles} article{'s' if report.articles != 1 else ''}."
    out.write(("\n" if n else "") + line + "\n")
    if fixable:
        out.write(f"[*] {fixable} fixable with `newslint fix`.\n")
    if report.suppressed:
        out.write(f"{report.suppressed} hidden by suppressions or baseline.\n")


def write_text(report, out: TextIO, env: ReportEnv) -> None:
    for f in report.findings:
        out.write(_head(f, env) + "\n")
        if env.show_source:
            for line in _snippet(f, env):
                out.write(line + "\n")
            out.write("\n")
    _footer(report, out, env)


def write_concise(report, out: TextIO, env: ReportEnv) -> None:
    for f in report.findings:
        out.write(_head(f, env) + "\n")
    _footer(report, out, env)
