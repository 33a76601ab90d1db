"""Every output format, rendered from a hand-built report, plus SARIF against the official schema.

The report is built directly from findings (no engine), so each test pins what
one format does with edge cases: a finding with no line, a JSONL record, a
message full of characters that need escaping, a path with a space, two
findings sharing a fingerprint, a control character from scraped text.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections import Counter

import jsonschema
import pytest

from conftest import SHARED
from newslint.docs import render_rule
from newslint.engine import Report
from newslint.model import Edit, Finding, Fix, Severity
from newslint.reporting import FORMATS, REPORTERS, ReportEnv, get_reporter, resolve_format
from newslint.reporting.github import escape_data, escape_property
from newslint.reporting.text import snippet
from newslint.rules import REGISTRY

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def _finding(code="NL201", **kw) -> Finding:
    rule = REGISTRY.by_code[code]
    base = dict(code=code, name=rule.name, severity=rule.severity, message="UI chrome line 'Top'",
                path="content/a.md", line=8, column=1, end_line=8, end_column=4, pointer="/body",
                start=0, end=3, fingerprint="0123456789abcdef")
    base.update(kw)
    return Finding(**base)


FIX = Fix(message="delete the line", edits=(Edit(pointer="/body", start=0, end=5, replacement=""),))

FINDINGS = sorted([
    _finding(fix=FIX),
    _finding(line=12, column=1, end_line=12, end_column=8, start=40, end=47, message="UI chrome line 'Loading'",
             fingerprint="1111111111111111"),
    _finding("NL100", path="broken.json", line=None, column=None, end_line=None, end_column=None, pointer="",
             start=None, end=None, message="cannot parse JSON: Expecting value", fingerprint="2222222222222222"),
    _finding("NL303", path="corpus.jsonl", line=3, column=120, end_line=3, end_column=150, record=3,
             article_id="a-3", pointer="/images/0/credit", severity=Severity.WARNING,
             message="credit: 50% off, then\nnext line\r\x1b[31mred",
             fingerprint="3333333333333333"),
    _finding("NL303", path="corpus.jsonl", line=3, column=200, end_line=3, end_column=230, record=3,
             article_id="a-3", pointer="/images/0/credit", severity=Severity.WARNING,
             message="the same credit again", fingerprint="3333333333333333"),
    _finding("NL221", path="my folder/ünï.md", line=2, column=5, end_line=4, end_column=2, severity=Severity.INFO,
             message="stray no-break space", fingerprint="4444444444444444"),
], key=Finding.sort_key)


def _report(findings=FINDINGS, paths=None) -> Report:
    files = sorted({f.path for f in findings} | set(paths or ()))
    return Report(findings=list(findings), files=len(files), articles=7,
                  stats=Counter(f.code for f in findings), paths=files)


def _render(fmt: str, report: Report | None = None, statistics: bool = False, **env) -> str:
    out = io.StringIO()
    get_reporter(fmt, statistics)(report or _report(), out, ReportEnv(registry=REGISTRY, **env))
    return out.getvalue()


# ---------------------------------------------------------------- registry


def test_every_format_renders():
    assert FORMATS[0] == "auto" and set(FORMATS[1:]) == set(REPORTERS)
    for fmt in REPORTERS:
        assert _render(fmt).strip(), fmt
    # a clean run: machine formats stay well-formed and empty, people get one line
    clean = {fmt: _render(fmt, _report([], paths=["clean.md"])) for fmt in REPORTERS}
    assert clean["jsonl"] == ""
    assert json.loads(clean["gitlab"]) == []
    assert json.loads(clean["json"])["findings"] == []
    assert json.loads(clean["sarif"])["runs"][0]["results"] == []
    assert ET.fromstring(clean["junit"]).find("testsuite/testcase").get("name") == "clean.md"
    for fmt in ("text", "full", "concise", "grouped"):
        assert clean[fmt] == "All checks passed: 1 file, 7 articles.\n", fmt


def test_auto_format():
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("auto", {"GITHUB_ACTIONS": "false"}) == "text"
    assert resolve_format("json", {"GITHUB_ACTIONS": "true"}) == "json"


# ---------------------------------------------------------------- sarif


def _sarif(report=None) -> dict:
    return json.loads(_render("sarif", report))


def _validate_sarif(doc: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_sarif_validates_against_official_schema():
    _validate_sarif(_sarif())
    _validate_sarif(_sarif(_report([])))


def test_sarif_schema_catches_a_broken_log():
    # the validation above can fail: a result without a message is rejected
    doc = _sarif()
    del doc["runs"][0]["results"][0]["message"]
    with pytest.raises(AssertionError):
        _validate_sarif(doc)


def test_sarif_rules_come_from_rule_metadata():
    driver = _sarif()["runs"][0]["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"]
    assert "informationUri" not in driver  # no docs site: no dead link
    assert [r["id"] for r in driver["rules"]] == [r.code for r in REGISTRY.rules]
    for entry, rule in zip(driver["rules"], REGISTRY.rules):
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == " ".join(rule.summary.split())
        assert entry["fullDescription"]["text"] == " ".join(rule.why.split())
        assert entry["help"]["markdown"] == render_rule(rule)
        assert "helpUri" not in entry
        assert entry["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning",
                                                          "info": "note"}[rule.severity.value]


def test_sarif_results():
    doc = _sarif()
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(FINDINGS)
    for res, f in zip(results, FINDINGS):
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f.code
        assert res["partialFingerprints"] == {"newslintFingerprint/v1": f.fingerprint}
    by_path: dict = {}
    for r in results:  # the first result per file
        by_path.setdefault(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r)
    # no line: no region at all (never a made-up 1:1)
    assert "region" not in by_path["broken.json"]["locations"][0]["physicalLocation"]
    body = by_path["content/a.md"]["locations"][0]
    assert body["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    jsonl = by_path["corpus.jsonl"]
    assert jsonl["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 120, "endLine": 3, "endColumn": 150}
    assert jsonl["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/images/0/credit"
    assert jsonl["properties"]["record"] == 3 and jsonl["properties"]["pointer"] == "/images/0/credit"
    assert jsonl["level"] == "warning"
    # a path with a space and non-ASCII letters is a valid, percent-encoded relative URI
    assert "my%20folder/%C3%BCn%C3%AF.md" in by_path
    assert by_path["my%20folder/%C3%BCn%C3%AF.md"]["level"] == "note"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_sarif_absolute_path_has_no_base(tmp_path):
    f = _finding(path=str(tmp_path / "a.md"))
    res = _sarif(_report([f]))["runs"][0]["results"][0]
    loc = res["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"].startswith("file:///") and "uriBaseId" not in loc


def _apply_sarif_fixes(raw: str, results: list[dict]) -> str:
    """Apply every ``fixes[].artifactChanges[].replacements[]`` to a file's text, as a
    SARIF viewer would: regions are 1-based line/column, end column exclusive."""
    starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\n"]
    splices = []
    for res in results:
        for fx in res.get("fixes", []):
            for change in fx["artifactChanges"]:
                for rep in change["replacements"]:
                    r = rep["deletedRegion"]
                    splices.append((starts[r["startLine"] - 1] + r["startColumn"] - 1,
                                    starts[r["endLine"] - 1] + r["endColumn"] - 1,
                                    rep["insertedContent"]["text"]))
    for start, end, text in sorted(splices, reverse=True):
        raw = raw[:start] + text + raw[end:]
    return raw


PIER = ("The harbour authority will replace the ferry pier before the summer season "
        "begins next year.")


def test_sarif_fixes_replay_what_newslint_fix_writes(in_tmp):
    """Body fixes of a Markdown file (CRLF, front matter above the body) become SARIF
    fixes whose regions, applied as a viewer would, give the bytes `newslint fix` writes."""
    import newslint
    from newslint.fixer import fix
    from newslint.reporting.sarif import sarif_log
    from newslint.settings import build_settings

    text = ("---\ntitle: Pier works\nimages:\n  - url: https://example.com/a.jpg\n    credit: Jane Roe\n"
            f"---\nTop\n\n{PIER}\n\nPhoto: Ringo H.W. Chiu, AP\n\nWork starts in March. It said so.\n\n{PIER}\n")
    (in_tmp / "a.md").write_bytes(text.replace("\n", "\r\n").encode())
    settings, _ = build_settings({"select": ["NL201", "NL306", "NL501"], "cache": False}, {}, "test")
    report = newslint.lint(["a.md"], settings)
    assert sorted(f.code for f in report.findings) == ["NL201", "NL306", "NL501"]
    doc = sarif_log(report, ReportEnv(registry=REGISTRY))
    _validate_sarif(doc)
    results = doc["runs"][0]["results"]
    assert all(len(r["fixes"]) == 1 for r in results)
    top = next(r for r in results if r["ruleId"] == "NL201")["fixes"][0]
    assert top["description"]["text"] and top["properties"] == {"applicability": "safe"}
    assert top["artifactChanges"][0]["artifactLocation"] == {"uri": "a.md", "uriBaseId": "%SRCROOT%"}
    assert top["artifactChanges"][0]["replacements"] == [{
        "deletedRegion": {"startLine": 7, "startColumn": 1, "endLine": 9, "endColumn": 1},  # "Top" and the blank line
        "insertedContent": {"text": ""}}]
    fixed = fix(["a.md"], settings, REGISTRY, unsafe=True, write=False, max_passes=1)
    original, expected = fixed.changes["a.md"]
    assert _apply_sarif_fixes(original.decode(), results) == expected.decode()


def test_sarif_fixes_only_where_every_edit_has_a_place_in_the_file(in_tmp):
    import newslint
    from newslint.settings import build_settings

    credit = "The minister spoke on Monday.\nPhoto: Ringo H.W. Chiu, AP\nShe said the plan would pass."
    (in_tmp / "a.json").write_text(json.dumps({"title": "T", "body": f"Top\n{PIER}\n{PIER}"}), "utf-8")
    (in_tmp / "b.md").write_text(f"---\ntitle: T\nimages:\n  - url: https://example.com/b.jpg\n---\n{credit}\n",
                                 "utf-8")
    settings, _ = build_settings({"select": ["NL201", "NL303", "NL501"], "cache": False}, {}, "test")
    report = newslint.lint(["."], settings)
    doc = json.loads(_render("sarif", report))
    _validate_sarif(doc)
    results = doc["runs"][0]["results"]
    # a JSON string's offsets are not file columns; a credit moved into the front matter
    # adds a field: all keep the fix in properties only
    assert sorted(r["ruleId"] for r in results) == ["NL201", "NL303", "NL501"]
    moved = next(r for r in results if r["ruleId"] == "NL303")
    assert moved["properties"]["fix"]["applicability"] == "safe" and "move" in moved["message"]["text"]
    assert all("fixes" not in r and r["properties"]["fix"] for r in results)
    # the file changed since the lint: no fix is placed on the wrong text
    (in_tmp / "c.md").write_text("Top\n\nText.\n", "utf-8")
    stale = newslint.lint(["c.md"], settings)
    assert "fixes" in json.loads(_render("sarif", stale))["runs"][0]["results"][0]
    (in_tmp / "c.md").write_text("", "utf-8")
    assert "fixes" not in json.loads(_render("sarif", stale))["runs"][0]["results"][0]


# ---------------------------------------------------------------- github


def test_github_escaping():
    assert escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert escape_property("50% a\r\nb: c, d") == "50%25 a%0D%0Ab%3A c%2C d"


def test_github_annotations():
    lines = _render("github").splitlines()
    assert lines[0] == "::group::broken.json"
    # the message part keeps ':' (only properties escape it)
    assert "::error file=broken.json,title=NL100 unreadable-input::cannot parse JSON: Expecting value" in lines
    assert ("::warning file=content/a.md,line=8,col=1,endLine=8,endColumn=4,"
            "title=NL201 ui-chrome-line::UI chrome line 'Top'") in lines
    credit = next(ln for ln in lines if "col=120" in ln)
    assert credit.endswith("::credit: 50%25 off, then%0Anext line%0D\x1b[31mred (record 3, /images/0/credit)")
    # info is a notice; a span over several lines keeps its lines but no column range
    stray = next(ln for ln in lines if "NL221" in ln)
    assert stray.startswith("::notice file=my folder/ünï.md,line=2,col=5,endLine=4,title=")
    # one group per file, balanced, each finding inside its file's group
    assert lines.count("::endgroup::") == len({f.path for f in FINDINGS})
    groups, current = {}, None
    for ln in lines:
        if ln.startswith("::group::"):
            assert current is None
            current = ln[len("::group::"):]
        elif ln == "::endgroup::":
            current = None
        elif ln.startswith("::"):
            assert current is not None
            groups.setdefault(current, []).append(ln)
    assert {k: len(v) for k, v in groups.items()} == dict(Counter(f.path for f in FINDINGS))
    assert all(ln.count("\n") == 0 for ln in lines)


def test_github_quiet_has_only_commands():
    out = _render("github", quiet=True)
    assert all(ln.startswith("::") for ln in out.splitlines())


# ---------------------------------------------------------------- junit


def test_junit():
    report = _report(paths=["clean.md"])
    root = ET.fromstring(_render("junit", report))  # control characters were made XML-safe
    suites = root.findall("testsuite")
    assert len(suites) == 1
    cases = {c.get("name"): c for c in suites[0].findall("testcase")}
    assert set(cases) == set(report.paths)
    assert cases["clean.md"].find("failure") is None
    assert len(cases["corpus.jsonl"].findall("failure")) == 2
    assert suites[0].get("tests") == str(len(report.paths))
    assert suites[0].get("failures") == str(len({f.path for f in FINDINGS}))
    failure = cases["content/a.md"].find("failure")
    assert failure.get("type") == "NL201"
    assert failure.text.startswith("content/a.md:8:1: NL201 [ui-chrome-line]")


# ---------------------------------------------------------------- gitlab


def test_gitlab_code_quality():
    issues = json.loads(_render("gitlab"))
    assert len(issues) == len(FINDINGS)
    for issue, f in zip(issues, FINDINGS):
        assert issue["check_name"] == f.code
        assert issue["severity"] == {"error": "major", "warning": "minor", "info": "info"}[f.severity.value]
        assert issue["location"]["path"] == f.path
        assert issue["location"]["lines"]["begin"] == (f.line or 1)
        assert f.message.split("\n")[0] in issue["description"]
    # two findings share a content fingerprint: GitLab still gets one key each, stable across runs
    fps = [i["fingerprint"] for i in issues]
    assert len(set(fps)) == len(fps)
    assert fps == [i["fingerprint"] for i in json.loads(_render("gitlab"))]


# ---------------------------------------------------------------- grouped, statistics


def test_grouped():
    out = _render("grouped")
    headers = [ln for ln in out.splitlines() if ln and not ln.startswith(" ") and ln.endswith(":")]
    assert headers == [p + ":" for p in dict.fromkeys(f.path for f in FINDINGS)]
    assert "  8:1   [*] NL201 [ui-chrome-line] UI chrome line 'Top'" in out
    assert "  12:1      NL201" in out
    counts = {sev: sum(1 for f in FINDINGS if f.severity.value == sev) for sev in ("error", "warning", "info")}
    assert len([c for c in counts.values() if c]) >= 2  # the breakdown below is then shown
    breakdown = ", ".join(part for part, c in (
        (f"{counts['error']} error{'s' * (counts['error'] != 1)}", counts["error"]),
        (f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}", counts["warning"]),
        (f"{counts['info']} info", counts["info"])) if c)
    assert f"Found 6 findings in 4 files (7 articles): {breakdown}." in out
    assert "Found" not in _render("grouped", quiet=True)


def test_statistics_table_and_json():
    table = _render("text", statistics=True).splitlines()
    assert table[0].split() == ["2", "NL201", "[*]", "ui-chrome-line", "warning"]
    assert table[1].split()[:2] == ["2", "NL303"]
    assert not any("UI chrome line" in ln for ln in table)  # counts only, no findings
    rows = json.loads(_render("json", statistics=True))
    assert {r["code"]: r["count"] for r in rows} == {"NL201": 2, "NL303": 2, "NL100": 1, "NL221": 1}
    assert next(r for r in rows if r["code"] == "NL201")["fixable"] == 1
    for fmt in ("sarif", "github", "junit", "gitlab", "grouped", "concise"):
        assert _render(fmt, statistics=True).splitlines()[:len(table)] == table


# ---------------------------------------------------------------- text


def _env(path: str, text: str) -> ReportEnv:
    return ReportEnv(registry=REGISTRY, sources={path: text})


def _caret_text(lines: list[str]) -> str:
    """The source characters above the carets."""
    src, marks = lines
    start = marks.index("^")
    return src[start:start + marks.count("^")]


def test_snippet_windows_long_lines():
    line = "x" * 500 + "TARGET" + "y" * 500
    f = _finding(path="c.jsonl", line=1, column=501, end_line=1, end_column=507)
    lines = snippet(f, _env("c.jsonl", line))
    assert lines[0].startswith("1 | …") and lines[0].endswith("…")
    assert len(lines[0]) < 200
    assert _caret_text(lines) == "TARGET"
    # a span at the very end: the window ends with the line, no trailing ellipsis
    f = _finding(path="c.jsonl", line=1, column=1007, end_line=1, end_column=1013)
    lines = snippet(f, _env("c.jsonl", line + "THEEND"))
    assert not lines[0].endswith("…") and _caret_text(lines) == "THEEND"


def test_snippet_makes_invisible_text_visible():
    f = _finding(path="a.txt", line=1, column=1, end_line=1, end_column=2)
    src, marks = snippet(f, _env("a.txt", "\u00a0"))
    assert src == "1 | \u237d" and marks == "  | ^"
    # a control character cannot reach the terminal, and the caret still lines up
    f = _finding(path="a.txt", line=1, column=3, end_line=1, end_column=6)
    lines = snippet(f, _env("a.txt", "\x1b[Top"))
    assert "\x1b" not in lines[0] and _caret_text(lines) == "Top"


def test_snippet_wide_characters():
    f = _finding(path="a.txt", line=1, column=4, end_line=1, end_column=6)
    src, marks = snippet(f, _env("a.txt", "上海市Top"))
    assert marks == "  | " + " " * 6 + "^^"


def test_text_head_and_quiet():
    out = _render("text", show_source=False)
    assert "corpus.jsonl:3:120: NL303 [credit-in-body] credit: 50% off, then\u240anext line\u240d\u241b[31mred" \
           " (record 3, /images/0/credit)" in out
    assert out.rstrip().endswith("[*] 1 fixable with `newslint fix`.")
    quiet = _render("text", quiet=True)
    assert "Found" not in quiet and "fixable" not in quiet
    assert _render("concise", _report([], paths=["a.md"]), quiet=True) == ""
    assert _render("concise", _report([], paths=["a.md"])).startswith("All checks passed")


# ---------------------------------------------------------------- explain


@pytest.mark.parametrize("rule", REGISTRY.rules, ids=lambda r: r.code)
def test_explain_every_rule(rule):
    from typer.testing import CliRunner

    from newslint.cli import app

    runner = CliRunner()
    for key in (rule.code, rule.code.lower(), rule.name):
        result = runner.invoke(app, ["explain", key])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"# {rule.code} {rule.name}\n")
        assert "Docs: http" not in result.output  # no docs site to point at
        assert "## Why is this bad?" in result.output


def test_explain_unknown_rule():
    from typer.testing import CliRunner

    from newslint.cli import app

    result = CliRunner().invoke(app, ["explain", "NL999"])
    assert result.exit_code == 2
