"""``json``: one object ``{version, findings, summary}``; ``jsonl``: a finding per line."""

from __future__ import annotations

from typing import TextIO

import orjson

from .. import __version__
from .base import ReportEnv


def summary(report) -> dict:
    by_sev = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        by_sev[f.severity.value] += 1
    return {
        "files": report.files,
        "articles": report.articles,
        "findings": len(report.findings),
        "by_severity": by_sev,
        "by_code": dict(sorted(report.stats.items())),
        "suppressed": report.suppressed,
    }


def write_json(report, out: TextIO, env: ReportEnv) -> None:
    doc = {
        "version": __version__,
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "summary": summary(report),
    }
    out.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode())
    out.write("\n")


def write_jsonl(report, out: TextIO, env: ReportEnv) -> None:
    for f in report.findings:
        out.write(orjson.dumps(f.model_dump(mode="json")).decode())
        out.write("\n")
