"""The baseline: content-keyed, counted, pruned, and robust to edits elsewhere in the file."""

from __future__ import annotations

import json

import pytest
import workflow_checks as wc
from conftest import run_cli
from newslint import baseline
from newslint.engine import run
from newslint.settings import ConfigError


def _lint(**values):
    values.setdefault("cache", False)
    return run(["."], wc.settings(**values), wc.registry())


def _write_baseline(tmp):
    report = _lint()
    assert report.findings, "the fixture must have findings to baseline"
    baseline.write(tmp / baseline.BASELINE_NAME, report.findings)
    return report


def _with_baseline(tmp, **values):
    return _lint(baseline=str(tmp / baseline.BASELINE_NAME), **values)


MD = "---\ntitle: A story\n---\nTop\n\nFirst paragraph with teh typo.\n\nPhoto by Ann Lee\n"


def test_edits_that_shift_lines_keep_the_baseline(in_tmp):
    (in_tmp / "a.md").write_text(MD, encoding="utf-8")
    old = _write_baseline(in_tmp)
    shifted = MD.replace("---\nTop\n", "---\nA new lede.\n\nAnother new paragraph.\n\nTop\n")
    shifted = shifted.replace("title: A story\n", "title: A story\nsection: World\ntags: [a, b]\n")
    (in_tmp / "a.md").write_text(shifted, encoding="utf-8")
    report = _with_baseline(in_tmp)
    assert report.findings == []
    assert report.baselined == len(old.findings) == 3
    assert report.baseline_stale == []
    # and a new problem added elsewhere is shown, alone
    (in_tmp / "a.md").write_text(shifted + "\nteh new typo\n", encoding="utf-8")
    report = _with_baseline(in_tmp)
    assert [(f.code, f.line) for f in report.findings] == [("NL292", 16)]


def test_reordered_jsonl_records_keep_the_baseline(in_tmp):
    records = [{"id": f"a{i}", "title": f"T{i}", "body": f"Story {i}.\nTop" if i % 2 else f"teh {i}"}
               for i in range(6)]
    corpus = in_tmp / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    _write_baseline(in_tmp)
    corpus.write_text("".join(json.dumps(r) + "\n" for r in reversed(records)), encoding="utf-8")
    report = _with_baseline(in_tmp)
    assert report.findings == [] and report.baselined == 6


def test_counts_are_respected(in_tmp):
    (in_tmp / "a.txt").write_text("Top\n\nTop\n\ntext\n", encoding="utf-8")
    _write_baseline(in_tmp)
    entries = baseline.load(in_tmp / baseline.BASELINE_NAME)
    assert [(e.code, e.count) for e in entries] == [("NL291", 2)]
    (in_tmp / "a.txt").write_text("Top\n\nTop\n\ntext\n\nTop\n", encoding="utf-8")
    report = _with_baseline(in_tmp)
    assert [(f.code, f.line) for f in report.findings] == [("NL291", 7)]  # 2 baselined, 3 found → 1 shown
    assert report.baselined == 2


def test_stale_entries_are_reported_and_pruned(in_tmp):
    (in_tmp / "a.txt").write_text("Top\n\nTop\n\nteh\n", encoding="utf-8")
    (in_tmp / "b.txt").write_text("teh\n", encoding="utf-8")
    _write_baseline(in_tmp)
    (in_tmp / "a.txt").write_text("Top\n\nfixed\n", encoding="utf-8")
    report = _with_baseline(in_tmp)
    assert report.findings == []
    assert sorted((s["path"], s["code"], s["missing"]) for s in report.baseline_stale) == [
        ("a.txt", "NL291", 1), ("a.txt", "NL292", 1)]
    removed, left = baseline.prune(in_tmp / baseline.BASELINE_NAME, report.baseline_stale)
    assert (removed, left) == (1, 2)
    entries = baseline.load(in_tmp / baseline.BASELINE_NAME)
    assert sorted((e.path, e.code, e.count) for e in entries) == [("a.txt", "NL291", 1), ("b.txt", "NL292", 1)]
    assert _with_baseline(in_tmp).baseline_stale == []


def test_only_linted_files_and_selected_rules_can_be_stale(in_tmp):
    (in_tmp / "a.txt").write_text("teh\n", encoding="utf-8")
    (in_tmp / "b.txt").write_text("Top\n", encoding="utf-8")
    _write_baseline(in_tmp)
    one = run(["a.txt"], wc.settings(cache=False, baseline=str(in_tmp / baseline.BASELINE_NAME)), wc.registry())
    assert one.findings == [] and one.baseline_stale == []
    some = _with_baseline(in_tmp, select=["NL291"])
    assert some.findings == [] and some.baseline_stale == []


def test_file_is_sorted_one_entry_per_line_with_review_fields(in_tmp):
    (in_tmp / "b.txt").write_text("teh\n\nTop\n", encoding="utf-8")
    (in_tmp / "a.txt").write_text("Top\n", encoding="utf-8")
    _write_baseline(in_tmp)
    text = (in_tmp / baseline.BASELINE_NAME).read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == '{"newslint-baseline": 1, "findings": ['
    assert lines[-1] == "]}"
    entries = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert [(e["path"], e["code"]) for e in entries] == [("a.txt", "NL291"), ("b.txt", "NL291"), ("b.txt", "NL292")]
    assert set(entries[0]) == {"path", "code", "name", "count", "fingerprint", "message"}
    assert entries[0]["name"] == "test-chrome-line" and entries[0]["message"] == "chrome line 'Top'"
    json.loads(text)  # and the whole is JSON


def test_paths_are_relative_to_the_baseline_folder(in_tmp, monkeypatch):
    sub = in_tmp / "content"
    sub.mkdir()
    (sub / "a.txt").write_text("Top\n", encoding="utf-8")
    _write_baseline(in_tmp)
    assert baseline.load(in_tmp / baseline.BASELINE_NAME)[0].path == "content/a.txt"
    monkeypatch.chdir(sub)
    report = run(["."], wc.settings(cache=False, baseline=str(in_tmp / baseline.BASELINE_NAME)), wc.registry())
    assert report.findings == [] and report.baselined == 1


def test_a_broken_baseline_is_a_config_error(in_tmp):
    (in_tmp / "a.txt").write_text("Top\n", encoding="utf-8")
    (in_tmp / baseline.BASELINE_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read baseline"):
        _with_baseline(in_tmp)
    (in_tmp / baseline.BASELINE_NAME).write_text('{"findings": [{"code": "NL1"}]}', encoding="utf-8")
    with pytest.raises(ConfigError, match="entry 1 lacks"):
        _with_baseline(in_tmp)


# ---------------------------------------------------------------- the command line


def _tree(tmp):
    (tmp / "a.md").write_text('---\ntitle: T\npublished_at: "2025-07-14T01:12:00"\n---\nBody.\n', encoding="utf-8")
    (tmp / "b.md").write_text('---\ntitle: U\npublished_at: "2025-07-15T01:12:00"\n---\nBody.\n', encoding="utf-8")


def test_cli_write_autodetect_stale_and_prune(in_tmp):
    _tree(in_tmp)
    args = ("check", "--isolated", "--select", "NL104", ".")
    first = run_cli(*args, cwd=in_tmp)
    assert first.returncode == 1
    wrote = run_cli(*args, "--write-baseline", cwd=in_tmp)
    assert wrote.returncode == 0, wrote.stderr
    assert "wrote 2 baseline entries (2 findings) to .newslint-baseline.json" in wrote.stderr.decode()
    # found automatically, and not linted as an article itself
    clean = run_cli(*args, cwd=in_tmp)
    assert clean.returncode == 0, clean.stdout
    assert "2 hidden by suppressions or baseline." in clean.stdout.decode()
    assert "All checks passed: 2 files" in clean.stdout.decode()
    # a line-shifting edit keeps it hidden
    text = (in_tmp / "a.md").read_text()
    (in_tmp / "a.md").write_text(text.replace("---\nBody.", "---\nNew lede.\n\nBody."), encoding="utf-8")
    assert run_cli(*args, cwd=in_tmp).returncode == 0
    # fix one: stale is reported on stderr, prune drops it
    (in_tmp / "b.md").write_text('---\ntitle: U\npublished_at: "2025-07-15T01:12:00Z"\n---\nBody.\n')
    stale = run_cli(*args, cwd=in_tmp)
    assert stale.returncode == 0
    assert "1 baselined finding no longer found" in stale.stderr.decode()
    pruned = run_cli(*args, "--prune-baseline", cwd=in_tmp)
    assert pruned.returncode == 0
    assert "pruned 1 baseline entry" in pruned.stderr.decode()
    assert [e.path for e in baseline.load(in_tmp / baseline.BASELINE_NAME)] == ["a.md"]
    assert run_cli(*args, cwd=in_tmp).stderr == b""


def test_cli_explicit_baseline_must_exist(in_tmp):
    _tree(in_tmp)
    proc = run_cli("check", "--isolated", "--baseline", "nope.json", ".", cwd=in_tmp)
    assert proc.returncode == 2
    assert b"baseline file not found: nope.json" in proc.stderr


def test_rewriting_for_part_of_the_tree_keeps_the_rest(in_tmp):
    (in_tmp / "a.txt").write_text("teh\n\nTop\n", encoding="utf-8")
    (in_tmp / "b.txt").write_text("teh\n", encoding="utf-8")
    target = in_tmp / baseline.BASELINE_NAME
    _write_baseline(in_tmp)
    assert len(baseline.load(target)) == 3
    (in_tmp / "a.txt").write_text("teh\n\nTop\n\nTop\n", encoding="utf-8")
    some = run(["a.txt"], wc.settings(cache=False, select=["NL291"]), wc.registry())
    baseline.write(target, some.findings, set(some.paths), frozenset({"NL291"}))
    got = sorted((e.path, e.code, e.count) for e in baseline.load(target))
    assert got == [("a.txt", "NL291", 2), ("a.txt", "NL292", 1), ("b.txt", "NL292", 1)]


def test_cli_write_to_a_named_or_configured_file(in_tmp):
    _tree(in_tmp)
    proc = run_cli("check", "--isolated", "--select", "NL104", "--baseline", "bl.json", "--write-baseline", ".",
                   cwd=in_tmp)
    assert proc.returncode == 0, proc.stderr
    assert len(baseline.load(in_tmp / "bl.json")) == 2
    assert run_cli("check", "--isolated", "--select", "NL104", "--baseline", "bl.json", ".",
                   cwd=in_tmp).returncode == 0
    (in_tmp / "newslint.toml").write_text('baseline = "conf-bl.json"\nselect = ["NL104"]\n', encoding="utf-8")
    sub = in_tmp / "sub"
    sub.mkdir()
    proc = run_cli("check", "--write-baseline", "..", cwd=sub)
    assert proc.returncode == 0, proc.stderr
    assert (in_tmp / "conf-bl.json").is_file() and not (in_tmp / baseline.BASELINE_NAME).exists()
    assert run_cli("check", "..", cwd=sub).returncode == 0
