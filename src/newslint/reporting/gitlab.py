"""``gitlab``: GitLab Code Quality JSON (a CodeClimate subset) for merge-request widgets.

GitLab tells new, fixed and unchanged issues apart by ``fingerprint``, which
must be unique per issue. Our fingerprint is a content key (the same text
flagged twice shares it), so the n-th repeat of one key gets its own hash.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TextIO

import orjson

from .base import ReportEnv, context_label

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def gitlab_issues(report) -> list[dict]:
    seen: Counter = Counter()
    issues = []
    for f in report.findings:
        key = (f.path, f.fingerprint or f"{f.code}:{f.line}:{f.column}:{f.message}")
        n = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((f.path, key[1], str(n))).encode("utf-8", "surrogatepass"))
        description = f"{f.name}: {f.message}"
        where = context_label(f)
        if where:
            description += f" ({where})"
        lines = {"begin": f.line or 1}
        if f.end_line and f.end_line >= (f.line or 1):
            lines["end"] = f.end_line
        issues.append({
            "type": "issue",
            "description": description,
            "check_name": f.code,
            "categories": ["Style"],
            "fingerprint": digest.hexdigest()[:32],
            "severity": SEVERITIES[f.severity.value],
            "location": {"path": f.path, "lines": lines},
        })
    return issues


def write_gitlab(report, out: TextIO, env: ReportEnv) -> None:
    out.write(orjson.dumps(gitlab_issues(report), option=orjson.OPT_INDENT_2).decode())
    out.write("\n")
