"""Reporters: one module per output format, chosen by name.

A reporter is ``write(report, out, env)``: it reads the report and writes to
a stream. The CLI never formats; reporters never decide exit codes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from .base import ReportEnv
from .json_format import write_json, write_jsonl
from .text import write_concise, write_text

Reporter = Callable[..., None]

REPORTERS: dict[str, Reporter] = {
    "text": write_text,
    "full": write_text,
    "concise": write_concise,
    "json": write_json,
    "jsonl": write_jsonl,
}


def get_reporter(name: str) -> Reporter:
    return REPORTERS[name]


__all__ = ["REPORTERS", "ReportEnv", "TextIO", "get_reporter"]
