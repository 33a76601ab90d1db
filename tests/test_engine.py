"""The engine's contract: stable sorted output, same for any --jobs, the JSON shape."""

from __future__ import annotations

import json
import random

from conftest import EXAMPLES, run_cli
from newslint.readers import split_ranges

FINDING_FIELDS = {
    "code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column",
    "record", "article_id", "pointer", "start", "end", "fingerprint", "fix",
}


def _corpus(tmp_path, n=1500):
    rng = random.Random(7)
    seed_body = (EXAMPLES / "seed.txt").read_text("utf-8")
    words = seed_body.split()
    lines = []
    for i in range(n):
        body = " ".join(rng.choice(words) for _ in range(120))
        if i % 5 == 0:
            body = "Top\n\n" + body + "\n\nLoading"
        rec = {"id": f"a{i % 1400}", "title": f"T{i}", "body": body,
               "published_at": "2025-07-14T01:12:00" if i % 3 == 0 else "2025-07-14T01:12:00Z"}
        lines.append(json.dumps(rec))
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_split_ranges_cover_every_record(tmp_path):
    path = _corpus(tmp_path)
    ranges = split_ranges(str(path), 4, min_size=1)
    assert len(ranges) == 4
    data = path.read_bytes()
    for (start, end, first), nxt in zip(ranges, ranges[1:] + [(None, None, None)]):
        assert data[start - 1 : start] in (b"", b"\n")
        assert first == data[:start].count(b"\n") + 1
        assert end == nxt[0]


def test_jobs_do_not_change_output(tmp_path):
    _corpus(tmp_path)
    outs = []
    for jobs in ("1", "2"):
        proc = run_cli("check", "--isolated", "--format", "json", "--jobs", jobs, "big.jsonl", cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        outs.append(json.loads(proc.stdout))
    assert outs[0] == outs[1]
    assert outs[0]["summary"]["articles"] == 1500
    # corpus rules see every worker's signatures: ids repeat across range boundaries
    assert sum(1 for f in outs[0]["findings"] if f["code"] == "NL102") == 100


def test_json_contract(tmp_path):
    proc = run_cli("check", "--format", "json", str(EXAMPLES), cwd=tmp_path)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert set(doc) == {"version", "findings", "summary"}
    assert doc["findings"], "the examples hold defects"
    for f in doc["findings"]:
        assert set(f) == FINDING_FIELDS
        assert f["code"][:2] == "NL" and f["severity"] in ("error", "warning", "info")
        assert f["line"] is None or f["line"] >= 1
    keys = [(f["path"], f["record"] or 0, f["pointer"], -1 if f["start"] is None else f["start"], f["code"])
            for f in doc["findings"]]
    assert keys == sorted(keys)
    assert doc["summary"]["findings"] == len(doc["findings"])


def test_exit_codes_follow_fail_on(tmp_path):
    (tmp_path / "a.json").write_text('{"title": "T", "body": "B", "published_at": "2020-01-01T10:00"}')
    args = ("check", "--isolated", "--select", "NL104", "a.json")
    assert run_cli(*args, cwd=tmp_path).returncode == 1
    assert run_cli(*args, "--fail-on", "error", cwd=tmp_path).returncode == 0
    assert run_cli(*args, "--fail-on", "never", cwd=tmp_path).returncode == 0


def test_config_found_upward_and_severity_override(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nselect = ["NL104"]\n[tool.newslint.severity]\nNL104 = "info"\n')
    sub = tmp_path / "content"
    sub.mkdir()
    (sub / "a.json").write_text('{"title": "T", "body": "B", "published_at": "2020-01-01T10:00"}')
    proc = run_cli("check", "--format", "json", "a.json", cwd=sub)
    found = json.loads(proc.stdout)["findings"]
    assert [(f["code"], f["severity"]) for f in found] == [("NL104", "info")]
    assert proc.returncode == 0  # info is below the default fail-on (warning)


def test_per_path_override(tmp_path):
    (tmp_path / "newslint.toml").write_text(
        'select = ["NL104"]\n[[per-path]]\nfiles = ["archive/*"]\nignore = ["NL104"]\n')
    for folder in ("archive", "news"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.json").write_text('{"title": "T", "body": "B", "published_at": "2020-01-01T10:00"}')
    proc = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert [f["path"] for f in json.loads(proc.stdout)["findings"]] == ["news/a.json"]


def test_python_api(tmp_path, monkeypatch):
    import newslint

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.json").write_text('{"title": "T", "body": "B", "published_at": "2020-01-01T10:00"}')
    report = newslint.lint(["a.json"], newslint.Settings(select=["NL1"]))
    assert [f.code for f in report.findings] == ["NL104"]
    assert report.articles == 1 and report.files == 1


def test_construct_matches_model_construct():
    """model.construct is model_construct without the per-call field walk: same object,
    same fields-set, same dump, same hash, defaults filled in (pydantic internals pinned)."""
    from newslint.model import Edit, Finding, Fix, Severity, construct

    edit = dict(pointer="/body", start=1, end=4, replacement="")
    full = dict(code="NL201", name="ui-chrome-line", severity=Severity.WARNING, message="m", path="p.md",
                line=1, column=2, end_line=1, end_column=5, record=None, article_id="a", pointer="/body",
                start=1, end=4, fingerprint="abc",
                fix=construct(Fix, message="Delete", edits=(construct(Edit, **edit),)))
    for cls, values in ((Finding, full), (Finding, {"code": "NL101", "name": "x", "severity": Severity.ERROR,
                                                     "message": "m", "path": "p.json"}),
                        (Edit, edit), (Fix, {"message": "Delete", "edits": ()})):
        fast, slow = construct(cls, **values), cls.model_construct(**values)
        assert fast == slow and hash(fast) == hash(slow)
        assert fast.model_dump() == slow.model_dump()
        assert fast.model_fields_set == slow.model_fields_set
        assert fast.__pydantic_extra__ == slow.__pydantic_extra__
        assert fast.__pydantic_private__ == slow.__pydantic_private__
        assert fast.model_dump_json() == slow.model_dump_json()
    assert construct(Fix, message="m", edits=()).applicability == "safe"  # a default filled in
