"""Reporters: one module per output format, chosen by name.

A reporter is ``write(report, out, env)``: it reads the report and writes to
a stream. The CLI never formats; reporters never decide exit codes. Each
format's module is imported only when that format is used, so
``newslint check one.md`` does not pay for XML or SARIF.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from typing import TextIO

from .base import ReportEnv

Reporter = Callable[..., None]

#: format name → (module in this package, writer function)
REPORTERS: dict[str, tuple[str, str]] = {
    "text": ("text", "write_text"),
    "full": ("text", "write_text"),
    "concise": ("text", "write_concise"),
    "grouped": ("grouped", "write_grouped"),
    "json": ("json_format", "write_json"),
    "jsonl": ("json_format", "write_jsonl"),
    "sarif": ("sarif", "write_sarif"),
    "github": ("github", "write_github"),
    "gitlab": ("gitlab", "write_gitlab"),
    "junit": ("junit", "write_junit"),
}

#: ``--statistics`` writers: JSON formats get JSON, every other format the table
_STATISTICS: dict[str, tuple[str, str]] = {
    "json": ("statistics", "write_statistics_json"),
    "jsonl": ("statistics", "write_statistics_jsonl"),
}
_STATISTICS_TABLE = ("statistics", "write_statistics_table")

#: formats for people; the rest are read by machines (and never get colour)
HUMAN_FORMATS = frozenset({"text", "full", "concise", "grouped"})

#: ``--format`` choices: every reporter, plus ``auto``
FORMATS = ["auto", *REPORTERS]


def resolve_format(name: str, environ: Mapping[str, str] = os.environ) -> str:
    """``auto`` is ``github`` inside GitHub Actions and ``text`` everywhere else."""
    if name == "auto":
        return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def _load(spec: tuple[str, str]) -> Reporter:
    module, func = spec
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)


def get_reporter(name: str, statistics: bool = False) -> Reporter:
    """The writer for a format; with ``statistics``, its count-per-rule form."""
    if statistics:
        return _load(_STATISTICS.get(name, _STATISTICS_TABLE))
    return _load(REPORTERS[name])


__all__ = ["FORMATS", "HUMAN_FORMATS", "REPORTERS", "ReportEnv", "TextIO", "get_reporter", "resolve_format"]
