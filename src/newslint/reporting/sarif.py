"""``sarif``: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers).

``tool.driver.rules[]`` is rendered from the same rule metadata as
``newslint explain``; every result points at its rule by id and index.
Locations are relative to the working directory (``%SRCROOT%``), so uploads
from a CI checkout line up with the repository. Our content fingerprint goes
into ``partialFingerprints``, so code scanning keeps tracking an alert when
lines move; the JSON pointer of the field is a logical location.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import orjson

from .. import __version__
from ..docs import DOCS_URL, render_rule, rule_url
from .base import ReportEnv

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = DOCS_URL.split("/rules/")[0]
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
        "helpUri": rule_url(rule),
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


def _result(f, index: dict[str, int]) -> dict:
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
    result["properties"] = props
    return result


def sarif_log(report, env: ReportEnv) -> dict:
    rules = env.registry.rules
    index = {r.code: i for i, r in enumerate(rules)}
    run: dict = {
        "tool": {
            "driver": {
                "name": "newslint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(r) for r in rules],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _root_uri()}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index) for f in report.findings],
        "invocations": [{"executionSuccessful": True}],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write_sarif(report, out: TextIO, env: ReportEnv) -> None:
    out.write(orjson.dumps(sarif_log(report, env), option=orjson.OPT_INDENT_2).decode())
    out.write("\n")
