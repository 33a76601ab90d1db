"""Data-driven rule tests: every ``tests/cases/*.yaml`` case, and docs for every rule.

A case file::

    rule: NL201
    cases:
      - name: lone Top line is chrome
        format: text            # text | json | jsonl | markdown (default text)
        body: "Top\\n\\nThe story begins here."
        expect:                 # exact list of this rule's findings; [] = must stay quiet
          - {line: 1, column: 1, message: "Top"}   # message: a substring

Keys of a case: ``body`` (plain body or Markdown body), ``article`` (metadata;
JSON/JSONL/front matter), ``articles`` (a JSONL corpus, for corpus rules),
``source`` (the raw file text), ``filename``, ``settings`` (config, e.g.
``{rules: {NL501: {min_words: 5}}}``), ``expect``. Expected findings may give
``line``, ``column``, ``end_line``, ``end_column``, ``record``, ``pointer``,
``start``, ``end``, ``severity``, ``message`` (substring) and ``fix`` (the
fixed field text after applying the finding's fix edits, when it has one).
``{server}`` anywhere in a case stands for the URL of a local HTTP server
(``tests/linkserver.py``), for the online link rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newslint.rules import REGISTRY
from newslint.testing import lint_case

CASES_DIR = Path(__file__).parent / "cases"


def _load():
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for i, case in enumerate(data["cases"]):
            out.append(pytest.param(data["rule"], case, id=f"{path.stem}-{i}-{case.get('name', '')}"[:90]))
    return out


ALL_CASES = _load()

_FIELDS = ("line", "column", "end_line", "end_column", "record", "pointer", "start", "end")


@pytest.mark.parametrize(("code", "case"), ALL_CASES)
def test_case(code, case, request):
    if "{server}" in repr(case):  # online link cases: a local HTTP server (tests/linkserver.py)
        server = request.getfixturevalue("link_server").url
        case = yaml.safe_load(yaml.safe_dump(case, width=1 << 30).replace("{server}", server))
    select = case.get("select", [code])
    report = lint_case(case, select=select)
    got = [f for f in report.findings if f.code == code]
    expect = case.get("expect", [])
    described = "\n".join(f"  {f.line}:{f.column} {f.code} {f.message}" for f in got)
    assert len(got) == len(expect), f"expected {len(expect)} {code} findings, got {len(got)}:\n{described}"
    for want, f in zip(expect, got):
        for key in _FIELDS:
            if key in want:
                assert getattr(f, key) == want[key], f"{key}: {getattr(f, key)} != {want[key]} in {f}"
        if "message" in want:
            assert want["message"] in f.message, f"{want['message']!r} not in {f.message!r}"
        if "severity" in want:
            assert f.severity.value == want["severity"]
        if "fix" in want:
            assert f.fix is not None, "expected a fix"
            body = case.get("body", "")
            edits = sorted((e for e in f.fix.edits if e.pointer == "/body"), key=lambda e: e.start, reverse=True)
            for e in edits:
                body = body[: e.start] + e.replacement + body[e.end :]
            assert body == want["fix"]


def _case_codes():
    fires, quiet = set(), set()
    for param in ALL_CASES:
        code, case = param.values
        (fires if case.get("expect") else quiet).add(code)
    return fires, quiet


@pytest.mark.parametrize("rule", REGISTRY.rules, ids=lambda r: r.code)
def test_rule_is_documented_and_tested(rule):
    """Every rule ships docs, an example that fires, one that does not, and cases for both."""
    assert len(rule.summary) > 10 and len(rule.why) > 80, "summary and a real 'why' paragraph"
    assert rule.fires.strip() and rule.quiet.strip()
    fires, quiet = _case_codes()
    assert rule.code in fires, f"{rule.code} has no YAML case that fires"
    assert rule.code in quiet, f"{rule.code} has no YAML case that must stay quiet"
