"""``--statistics``: a count per rule instead of the findings (as ``ruff --statistics``).

JSON formats get a JSON list; every other format gets the table, because a
count table has no SARIF or annotation form.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

import orjson

from .base import ReportEnv, safe_fixable


def statistics(report, env: ReportEnv) -> list[dict]:
    counts = Counter(f.code for f in report.findings)
    fixable = Counter(f.code for f in report.findings if safe_fixable(f))
    severity: dict = {}
    for f in report.findings:  # the worst seen: a rule's findings may differ (aged claims)
        if f.code not in severity or f.severity.rank > severity[f.code].rank:
            severity[f.code] = f.severity
    rows = []
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = env.registry.by_code.get(code)
        rows.append({
            "code": code,
            "name": rule.name if rule else "",
            "severity": severity[code].value,
            "count": count,
            "fixable": fixable[code],
        })
    return rows


def write_statistics_table(report, out: TextIO, env: ReportEnv) -> None:
    rows = statistics(report, env)
    if not rows:
        if not env.quiet:
            out.write("No findings.\n")
        return
    width = max(len(str(r["count"])) for r in rows)
    name_width = max(len(r["name"]) for r in rows)
    for r in rows:
        flag = "[*]" if r["fixable"] else "   "
        out.write(f"{r['count']:>{width}}  {r['code']}  {flag} {r['name']:<{name_width}}  {r['severity']}\n")
    if not env.quiet:
        total = sum(r["count"] for r in rows)
        out.write(f"{total:>{width}}  total in {report.files} file{'s' if report.files != 1 else ''}\n")
        if any(r["fixable"] for r in rows):
            out.write("[*] fixable with `newslint fix`.\n")


def write_statistics_json(report, out: TextIO, env: ReportEnv) -> None:
    out.write(orjson.dumps(statistics(report, env), option=orjson.OPT_INDENT_2).decode())
    out.write("\n")


def write_statistics_jsonl(report, out: TextIO, env: ReportEnv) -> None:
    for row in statistics(report, env):
        out.write(orjson.dumps(row).decode())
        out.write("\n")
