"""Text for people: ruff's full format (source line and caret) and a concise one."""

from __future__ import annotations

import unicodedata
from typing import TextIO

from .base import ReportEnv, context_label

MAX_SOURCE = 160  # columns of source shown; longer lines (JSONL records) get a window
_BEFORE = 40  # columns kept left of the span in a window
COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"

# Characters that would be invisible or act on the terminal get a visible stand-in
# of one column, so the caret still lines up: C0 controls as their Control
# Pictures, no-break and zero-width spaces as an open box.
_VISIBLE = {i: 0x2400 + i for i in range(0x20) if i != 0x09}
_VISIBLE.update({0x7F: 0x2421, 0x09: 0x20})
_VISIBLE.update({cp: 0x237D for cp in (0x00A0, 0x202F, 0x2007)})
_VISIBLE.update({cp: 0x2423 for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)})
_MESSAGE = {i: 0x2400 + i for i in range(0x20)} | {0x7F: 0x2421}


def _cells(text: str) -> int:
    """Terminal columns taken by ``text``: wide East Asian characters take two."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return n


def _where(f) -> str:
    if f.line is None:
        return f.path
    return f"{f.path}:{f.line}:{f.column or 1}"


def head(f, env: ReportEnv) -> str:
    where = _where(f)
    code = f.code
    if env.color:
        where = f"{BOLD}{where}{RESET}"
        code = f"{COLORS[f.severity.value]}{BOLD}{code}{RESET}"
    extra = context_label(f)
    message = f.message.translate(_MESSAGE)
    return f"{where}: {code} [{f.name}] {message}" + (f" ({extra})" if extra else "")


def snippet(f, env: ReportEnv) -> list[str]:
    """The source line with a caret under the span, windowed when the line is long."""
    text = env.source_line(f.path, f.line)
    if text is None or f.column is None:
        return []
    col = min(f.column - 1, len(text))
    end = col + 1
    if f.end_line == f.line and f.end_column and f.end_column > f.column:
        end = min(f.end_column - 1, len(text))
    elif f.end_line is not None and f.end_line > f.line:
        end = len(text)  # the span runs on: underline to the end of this line
    end = max(end, col + 1)
    lead = tail = ""
    if len(text) > MAX_SOURCE:
        start = max(0, min(col - _BEFORE, len(text) - MAX_SOURCE))
        stop = start + MAX_SOURCE
        lead = "…" if start else ""
        tail = "…" if stop < len(text) else ""
        text, col, end = text[start:stop], col - start, min(end - start, MAX_SOURCE)
    shown = text.translate(_VISIBLE)
    pad = _cells(lead + shown[:col])
    width = max(1, _cells(shown[col:end]))
    gutter = f"{f.line} | "
    blank = " " * (len(gutter) - 2) + "| "
    caret = "^" * width
    if env.color:
        caret = f"{COLORS[f.severity.value]}{caret}{RESET}"
        gutter = f"{DIM}{gutter}{RESET}"
        blank = f"{DIM}{blank}{RESET}"
    return [f"{gutter}{lead}{shown}{tail}", f"{blank}{' ' * pad}{caret}"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _by_severity(report) -> str:
    """``: 2 errors, 3 warnings, 35 info`` when the findings are of more than one severity.

    Info findings are suggestions (``--fail-on warning`` does not fail on them); a
    reader should see at a glance how much of the list is that.
    """
    counts = {s: 0 for s in ("error", "warning", "info")}
    for f in report.findings:
        counts[f.severity.value] += 1
    if sum(1 for c in counts.values() if c) < 2:
        return ""
    parts = [_plural(counts["error"], "error"), _plural(counts["warning"], "warning"), f"{counts['info']} info"]
    return ": " + ", ".join(p for p, c in zip(parts, counts.values()) if c)


def footer(report, out: TextIO, env: ReportEnv, lead: str = "\n") -> None:
    n = len(report.findings)
    files, articles = _plural(report.files, "file"), _plural(report.articles, "article")
    if n:
        out.write(f"{lead}Found {_plural(n, 'finding')} in {files} ({articles}){_by_severity(report)}.\n")
    else:
        out.write(f"All checks passed: {files}, {articles}.\n")
    fixable = sum(1 for f in report.findings if f.fix is not None and f.fix.applicability == "safe")
    if fixable:
        out.write(f"[*] {fixable} fixable with `newslint fix`.\n")
    if report.suppressed:
        out.write(f"{report.suppressed} hidden by suppressions or baseline.\n")


def write_text(report, out: TextIO, env: ReportEnv) -> None:
    for f in report.findings:
        out.write(head(f, env) + "\n")
        if env.show_source:
            for line in snippet(f, env):
                out.write(line + "\n")
            out.write("\n")
    if not env.quiet:
        footer(report, out, env, lead="" if env.show_source else "\n")


def write_concise(report, out: TextIO, env: ReportEnv) -> None:
    for f in report.findings:
        out.write(head(f, env) + "\n")
    if not env.quiet:
        footer(report, out, env)
