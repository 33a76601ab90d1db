"""``grouped``: findings under a header per file, one short line each (like ruff's grouped)."""

from __future__ import annotations

from typing import TextIO

from .base import ReportEnv, by_file, context_label, safe_fixable
from .text import BOLD, COLORS, RESET, footer


def write_grouped(report, out: TextIO, env: ReportEnv) -> None:
    for path, findings in by_file(report.findings):
        out.write((f"{BOLD}{path}{RESET}" if env.color else path) + ":\n")
        spots = [f"{f.line}:{f.column or 1}" if f.line is not None else "-" for f in findings]
        width = max(len(s) for s in spots)
        for f, spot in zip(findings, spots):
            code = f"{COLORS[f.severity.value]}{BOLD}{f.code}{RESET}" if env.color else f.code
            flag = "[*]" if safe_fixable(f) else "   "
            extra = context_label(f)
            out.write(f"  {spot:<{width}}  {flag} {code} [{f.name}] {f.message}"
                      + (f" ({extra})" if extra else "") + "\n")
        out.write("\n")
    if not env.quiet:
        footer(report, out, env, lead="")
