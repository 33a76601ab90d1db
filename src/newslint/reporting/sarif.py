"""``sarif``: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers).

``tool.driver.rules[]`` is rendered from the same rule metadata as
``newslint explain``; every result points at its rule by id and index.
Locations are relative to the working directory (``%SRCROOT%``), so uploads
from a CI checkout line up with the repository. Our content fingerprint goes
into ``partialFingerprints``, so code scanning keeps tracking an alert when
lines move; the JSON pointer of the field is a logical location.

A finding's fix becomes a SARIF ``fixes[]`` entry (``artifactChanges`` of
``deletedRegion`` + ``insertedContent``) when every edit of it can be placed
in the file: edits of the body of a Markdown or text file, whose offsets map
onto file lines and columns. Edits inside a JSON string (escapes), of front
matter, or that add or remove a field have no such region; those fixes stay
in ``properties.fix`` only, for ``newslint fix`` to apply. A fix is emitted
whole or not at all: half of a "move this credit" fix would delete text.
"""

from __future__ import annotations

import bisect
import os
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import orjson

from .. import __version__
from ..docs import render_rule
from .base import ReportEnv

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "newslintFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule) -> dict:
    docs = render_rule(rule)  # the `newslint explain` page, which is Markdown
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": " ".join(rule.summary.split())},
        "fullDescription": {"text": " ".join(rule.why.split())},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value], "enabled": rule.default_enabled},
        "properties": {"tags": [rule.family_name], "fixable": rule.fix is not None},
    }


def _uri(path: str) -> tuple[str, str | None]:
    """A URI for the finding's path and the base it is relative to (None: absolute)."""
    posix = Path(path).as_posix()
    if os.path.isabs(path):
        return Path(path).resolve().as_uri(), None
    return quote(posix, safe="/"), "%SRCROOT%"


def _root_uri() -> str:
    uri = Path.cwd().resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _region(f) -> dict | None:
    if f.line is None:
        return None
    region: dict = {"startLine": f.line}
    if f.column is not None:
        region["startColumn"] = f.column
    if f.end_line is not None and f.end_line >= f.line:
        region["endLine"] = f.end_line
        if f.end_column is not None and f.column is not None and (
            f.end_line > f.line or f.end_column >= f.column
        ):
            region["endColumn"] = f.end_column
    return region


#: files whose body is their text, so body offsets are file positions
_TEXT_BODY = (".md", ".markdown", ".mdx", ".txt")


class _Sources:
    """Each file's text as the readers saw it (BOM dropped, CRLF as LF), its
    line starts and whether it writes CRLF, read once per file; None when it
    cannot be read."""

    def __init__(self, env: ReportEnv) -> None:
        self._env = env
        self._texts: dict[str, tuple[str, list[int], bool] | None] = {}

    def get(self, path: str) -> tuple[str, list[int], bool] | None:
        if path not in self._texts:
            text = self._env.sources.get(path)
            if text is None:
                try:
                    with open(path, encoding="utf-8-sig", newline="") as fh:
                        text = fh.read()
                except (OSError, UnicodeDecodeError):
                    text = None
            if text is not None:
                crlf = text.count("\r\n") > text.count("\n") - text.count("\r\n")  # as `fix` decides
                text = text.lstrip("\ufeff").replace("\r\n", "\n")
                starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
                self._texts[path] = (text, starts, crlf)
            else:
                self._texts[path] = None
        return self._texts[path]


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def _fixes(f, artifact: dict, sources: _Sources) -> list[dict] | None:
    """The fix as SARIF ``fixes[]``, when all its edits can be placed in the file."""
    fix = f.fix
    if (fix is None or not fix.edits or f.start is None or f.line is None or f.column is None
            or not f.path.lower().endswith(_TEXT_BODY)):
        return None
    if any(e.pointer != f.pointer or e.replacement is None for e in fix.edits):
        return None
    found = sources.get(f.path)
    if found is None:
        return None
    text, starts, crlf = found
    if not 1 <= f.line <= len(starts):
        return None
    base = starts[f.line - 1] + f.column - 1 - f.start  # file offset of the body's first character
    if base < 0:
        return None
    if f.end is not None and f.end_line is not None and f.end_column is not None:
        if base + f.end > len(text) or _position(starts, base + f.end) != (f.end_line, f.end_column):
            return None  # the file is not the text the finding was made on
    replacements = []
    for e in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        if not 0 <= e.start <= e.end or base + e.end > len(text):
            return None
        start_line, start_col = _position(starts, base + e.start)
        end_line, end_col = _position(starts, base + e.end)
        replacements.append({
            "deletedRegion": {"startLine": start_line, "startColumn": start_col,
                              "endLine": end_line, "endColumn": end_col},
            "insertedContent": {"text": e.replacement.replace("\n", "\r\n") if crlf else e.replacement},
        })
    return [{
        "description": {"text": fix.message},
        "artifactChanges": [{"artifactLocation": dict(artifact), "replacements": replacements}],
        "properties": {"applicability": fix.applicability},
    }]


def _result(f, index: dict[str, int], sources: _Sources) -> dict:
    uri, base = _uri(f.path)
    artifact: dict = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    physical: dict = {"artifactLocation": artifact}
    region = _region(f)
    if region:
        physical["region"] = region
    location: dict = {"physicalLocation": physical}
    if f.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": f.pointer, "kind": "member"}]
    result: dict = {"ruleId": f.code}
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    result.update({
        "level": LEVELS[f.severity.value],
        "message": {"text": f.message},
        "locations": [location],
    })
    if f.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    props = {k: v for k, v in (("pointer", f.pointer or None), ("record", f.record),
                               ("articleId", f.article_id), ("name", f.name)) if v is not None}
    if f.fix is not None:
        props["fix"] = {"message": f.fix.message, "applicability": f.fix.applicability}
        fixes = _fixes(f, artifact, sources)
        if fixes:
            result["fixes"] = fixes
    result["properties"] = props
    return result


def sarif_log(report, env: ReportEnv) -> dict:
    rules = env.registry.rules
    index = {r.code: i for i, r in enumerate(rules)}
    sources = _Sources(env)
    run: dict = {
        "tool": {
            "driver": {
                "name": "newslint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(r) for r in rules],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _root_uri()}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, sources) for f in report.findings],
        "invocations": [{"executionSuccessful": True}],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write_sarif(report, out: TextIO, env: ReportEnv) -> None:
    out.write(orjson.dumps(sarif_log(report, env), option=orjson.OPT_INDENT_2).decode())
    out.write("\n")
