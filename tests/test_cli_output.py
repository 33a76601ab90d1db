"""The output side of ``newslint check``: --format auto, --report, --statistics, --quiet, progress."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT, SHARED
from newslint.progress import Progress, progress_for, wanted

FIXTURES = ROOT / "tests" / "fixtures" / "precommit"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def _cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CI", "NEWSLINT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, capture_output=True, text=True,
                          env={**base, **(env or {})}, timeout=120)


@pytest.fixture
def dirty(tmp_path) -> Path:
    """Two articles with findings (3 in all), and a clean one."""
    folder = tmp_path / "site"
    shutil.copytree(FIXTURES / "failing", folder)
    shutil.copy(FIXTURES / "passing" / "content" / "library-hours.md", folder / "content")
    return folder


def _validate_sarif(doc: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = list(validator.iter_errors(doc))
    assert not errors, [e.message for e in errors[:5]]


# ---------------------------------------------------------------- --format auto


def test_auto_is_text_outside_github(dirty):
    proc = _cli("check", "--isolated", "content", cwd=dirty)
    assert proc.returncode == 1
    assert "content/scraped-page.md:8:1: NL201 [ui-chrome-line]" in proc.stdout
    assert "::warning" not in proc.stdout


def test_auto_is_github_in_actions(dirty):
    proc = _cli("check", "--isolated", "content", cwd=dirty, env={"GITHUB_ACTIONS": "true"})
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "::group::content/scraped-page.md" in lines
    assert any(ln.startswith("::warning file=content/scraped-page.md,line=8,col=1,") for ln in lines)
    # an explicit format wins over the environment
    proc = _cli("check", "--isolated", "--format", "concise", "content", cwd=dirty, env={"GITHUB_ACTIONS": "true"})
    assert "::" not in proc.stdout


def test_unknown_format_is_usage_error(dirty):
    proc = _cli("check", "--isolated", "--format", "xml", "content", cwd=dirty)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "sarif" in proc.stderr


# ---------------------------------------------------------------- --report


def test_reports_beside_text(dirty):
    plain = _cli("check", "--isolated", "content", cwd=dirty)
    (dirty / "out").mkdir()
    proc = _cli("check", "--isolated", "content", "--report", "sarif:out/newslint.sarif",
                "--report", "junit:out/junit.xml", "--report", "gitlab:out/cq.json", "--report", "json:out/all.json",
                cwd=dirty)
    assert proc.returncode == plain.returncode == 1, proc.stderr
    assert proc.stdout == plain.stdout  # people still read text on stdout
    sarif = json.loads((dirty / "out" / "newslint.sarif").read_text("utf-8"))
    _validate_sarif(sarif)
    assert len(sarif["runs"][0]["results"]) == 3
    suite = ET.parse(dirty / "out" / "junit.xml").getroot().find("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "2"
    assert len(json.loads((dirty / "out" / "cq.json").read_text("utf-8"))) == 3
    assert json.loads((dirty / "out" / "all.json").read_text("utf-8"))["summary"]["findings"] == 3
    assert not [p for p in (dirty / "out").iterdir() if p.name.endswith(".tmp")]


def test_report_never_changes_exit_code(dirty):
    args = ("check", "--isolated", "content/library-hours.md")
    assert _cli(*args, cwd=dirty).returncode == 0
    proc = _cli(*args, "--report", "sarif:clean.sarif", "--statistics", cwd=dirty)
    assert proc.returncode == 0
    assert json.loads((dirty / "clean.sarif").read_text("utf-8"))["runs"][0]["results"] == []
    # --fail-on never: findings in the report, exit 0 all the same
    proc = _cli("check", "--isolated", "--fail-on", "never", "content", "--report", "json:r.json", cwd=dirty)
    assert proc.returncode == 0
    assert json.loads((dirty / "r.json").read_text("utf-8"))["summary"]["findings"] == 3


@pytest.mark.parametrize("spec", ["sarif", "sarif:", "xml:out.xml", "auto:out.txt", "sarif:no/such/dir/x.sarif",
                                  "sarif:content"])
def test_bad_report_is_one_line_exit_2(dirty, spec):
    proc = _cli("check", "--isolated", "content", "--report", spec, cwd=dirty)
    assert proc.returncode == 2
    assert proc.stderr.startswith("newslint: error: --report") and proc.stderr.count("\n") == 1
    assert proc.stdout == ""  # rejected before the run


def test_unwritable_output_is_one_line_exit_2(dirty):
    proc = _cli("check", "--isolated", "content", "--format", "sarif", "-o", "no/such/dir/x.sarif", cwd=dirty)
    assert proc.returncode == 2 and proc.stderr.startswith("newslint: error: cannot write")
    assert "Traceback" not in proc.stderr


def test_examples_sarif_validates(tmp_path):
    """The issue's check: a SARIF file from examples/ validates against the official schema."""
    out = tmp_path / "examples.sarif"
    proc = _cli("check", str(EXAMPLES), "--format", "sarif", "--output", str(out), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    doc = json.loads(out.read_text("utf-8"))
    _validate_sarif(doc)
    results = doc["runs"][0]["results"]
    assert results and {r["ruleId"] for r in results} >= {"NL201", "NL303"}
    assert all(r["partialFingerprints"] for r in results)


# ---------------------------------------------------------------- --statistics, --quiet


def test_statistics_prints_counts_only(dirty):
    proc = _cli("check", "--isolated", "content", "--statistics", cwd=dirty)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["2", "NL201", "[*]"]
    assert lines[1].split()[:2] == ["1", "NL220"]
    assert "scraped-page.md" not in proc.stdout
    proc = _cli("check", "--isolated", "content", "--statistics", "--format", "json", cwd=dirty)
    assert proc.returncode == 1
    assert [(r["code"], r["count"]) for r in json.loads(proc.stdout)] == [("NL201", 2), ("NL220", 1)]


def test_quiet(dirty):
    proc = _cli("check", "--isolated", "-q", "content/library-hours.md", cwd=dirty)
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""
    proc = _cli("check", "--isolated", "-q", "--format", "concise", "content", cwd=dirty)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "content/blank-paragraph.json:7:108: NL220 [blank-paragraph] blank paragraph: it holds only a no-break "
        "space (U+00A0)",
        "content/scraped-page.md:8:1: NL201 [ui-chrome-line] UI chrome line 'Top'",
        "content/scraped-page.md:12:1: NL201 [ui-chrome-line] UI chrome line 'Loading'",
    ]
    # the full format keeps its source lines, and drops only the summary
    proc = _cli("check", "--isolated", "-q", "content", cwd=dirty)
    assert "8 | Top" in proc.stdout and "Found" not in proc.stdout


# ---------------------------------------------------------------- --force-exclude, --no-corpus


def test_force_exclude_and_no_corpus(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(FIXTURES / "corpus-only", folder)
    (folder / "newslint.toml").write_text('extend-exclude = ["second.md"]\n')
    named = ["content/first.md", "content/second.md"]
    assert _cli("check", *named, cwd=folder).returncode == 1  # duplicate id
    assert _cli("check", "--no-corpus", *named, cwd=folder).returncode == 0
    assert _cli("check", "--force-exclude", *named, cwd=folder).returncode == 0  # second.md dropped
    proc = _cli("check", "--force-exclude", "content/second.md", cwd=folder)
    assert proc.returncode == 0 and "0 files" in proc.stdout  # nothing left is not "lint ."


# ---------------------------------------------------------------- progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_wanted_only_on_an_interactive_terminal():
    assert wanted(_Tty(), environ={})
    assert not wanted(io.StringIO(), environ={})  # a pipe or file
    assert not wanted(_Tty(), environ={"CI": "true"})
    assert not wanted(_Tty(), quiet=True, environ={})
    assert not wanted(_Tty(), environ={"TERM": "dumb"})
    assert progress_for(io.StringIO(), environ={}) is None
    assert isinstance(progress_for(_Tty(), environ={}), Progress)


def test_progress_waits_for_a_long_run():
    now = [0.0]
    bar = Progress(_Tty(), delay=1.0, clock=lambda: now[0])
    bar.start(10)
    bar.advance(5)
    assert not bar.shown  # a quick start draws nothing
    now[0] = 2.0
    bar.advance(5)
    assert bar.shown
    bar.close()
    assert not bar.shown and (bar.tasks, bar.articles) == (2, 10)


def test_progress_draws_on_its_stream_only(tmp_path, capsys):
    import newslint
    from newslint.settings import Settings

    for i in range(30):
        (tmp_path / f"a{i}.txt").write_text(f"Article {i} has one plain sentence.\n")
    stream = _Tty()
    with Progress(stream, delay=0.0) as bar:
        report = newslint.lint([str(tmp_path)], Settings(cache=False), progress=bar)
        assert bar.shown
    assert (bar.tasks, bar.articles) == (30, report.articles) == (30, 30)
    assert "newslint" in stream.getvalue() and "30" in stream.getvalue()
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_no_progress_in_pipes(tmp_path):
    for i in range(200):
        (tmp_path / f"a{i}.md").write_text(f"---\ntitle: Article {i}\n---\nOne plain sentence.\n")
    proc = _cli("check", "--isolated", ".", cwd=tmp_path)
    assert proc.stderr == ""
    assert "\x1b" not in proc.stdout and "\r" not in proc.stdout
