"""The pre-commit hooks file, tested as check-jsonschema tests its own: run each hook's entry.

For every hook in ``.pre-commit-hooks.yaml`` and every folder under
``tests/fixtures/precommit/``, the test does what pre-commit does — picks the
files that match the hook's ``files``/``exclude`` (or none, with
``pass_filenames: false``), appends them to ``entry`` and ``args`` — and runs
that command in a copy of the folder, checking the exit code.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "precommit"

#: expected exit code per (hook id, fixture folder); see tests/fixtures/precommit/README.md
EXPECTED = {
    ("newslint", "passing"): 0,
    ("newslint", "failing"): 1,
    ("newslint", "corpus-only"): 0,
    ("newslint-corpus", "passing"): 0,
    ("newslint-corpus", "failing"): 1,
    ("newslint-corpus", "corpus-only"): 1,
}

# pre-commit's manifest: required keys, and the optional ones it knows
REQUIRED = {"id", "name", "entry", "language"}
KNOWN = REQUIRED | {
    "alias", "files", "exclude", "types", "types_or", "exclude_types", "additional_dependencies", "args",
    "always_run", "fail_fast", "pass_filenames", "description", "language_version", "log_file",
    "minimum_pre_commit_version", "require_serial", "stages", "verbose",
}


def _hooks() -> list[dict]:
    return yaml.safe_load(HOOKS_FILE.read_text("utf-8"))


HOOKS = {hook["id"]: hook for hook in _hooks()}


def test_manifest_shape():
    hooks = _hooks()
    assert isinstance(hooks, list) and hooks
    assert [h["id"] for h in hooks] == ["newslint", "newslint-corpus"]
    for hook in hooks:
        assert REQUIRED <= set(hook), hook
        assert set(hook) <= KNOWN, set(hook) - KNOWN
        assert hook["language"] == "python"
        assert shlex.split(hook["entry"])[0] == "newslint"  # the console script the package installs
        re.compile(hook.get("files", ""))
        re.compile(hook.get("exclude", "^$"))
    assert HOOKS["newslint"].get("pass_filenames", True) is True
    assert HOOKS["newslint-corpus"]["pass_filenames"] is False


@pytest.mark.parametrize("name", [
    "a.json", "feed.jsonl", "feed.ndjson", "post.md", "post.markdown", "page.mdx", "scrape.txt",
    "content/2025/feed.jsonl.gz", "dump.ndjson.gz",
])
def test_files_pattern_takes_articles(name):
    for hook in HOOKS.values():
        assert re.search(hook["files"], name), (hook["id"], name)


@pytest.mark.parametrize("name", ["setup.py", "a.yaml", "newslint.toml", "a.json.bak", "md", "logo.png", "a.gz"])
def test_files_pattern_skips_the_rest(name):
    for hook in HOOKS.values():
        assert not re.search(hook["files"], name), (hook["id"], name)


def _newslint() -> list[str]:
    script = Path(sys.executable).with_name("newslint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newslint"]


def _files_for(hook: dict, folder: Path) -> list[str]:
    if not hook.get("pass_filenames", True):
        return []
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    include = re.compile(hook.get("files", ""))
    exclude = re.compile(hook.get("exclude", "^$"))
    return [f for f in files if include.search(f) and not exclude.search(f)]


def _run_hook(hook: dict, folder: Path) -> subprocess.CompletedProcess:
    argv = shlex.split(hook["entry"])
    assert argv[0] == "newslint"
    files = _files_for(hook, folder)
    if hook.get("pass_filenames", True):
        assert files, "a per-file hook with nothing to check proves nothing"
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NEWSLINT_DEBUG")}
    return subprocess.run([*_newslint(), *argv[1:], *hook.get("args", []), *files],
                          cwd=folder, capture_output=True, env=env, timeout=120)


@pytest.mark.parametrize(("hook_id", "fixture"), sorted(EXPECTED))
def test_hook_entry_on_fixtures(hook_id, fixture, tmp_path):
    folder = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, folder)  # the run writes a cache: never into the repo
    proc = _run_hook(HOOKS[hook_id], folder)
    out = proc.stdout.decode() + proc.stderr.decode()
    assert proc.returncode == EXPECTED[hook_id, fixture], out
    assert "Traceback" not in out
    if proc.returncode == 1:
        assert re.search(r"^content/\S+:\d+:\d+: NL\d{3} ", proc.stdout.decode(), re.M), out


def test_per_file_hook_skips_excluded_drafts(tmp_path):
    # without --force-exclude, the draft that pre-commit names would be linted and fail the commit
    folder = tmp_path / "passing"
    shutil.copytree(FIXTURES / "passing", folder)
    hook = dict(HOOKS["newslint"], entry=HOOKS["newslint"]["entry"].replace(" --force-exclude", ""))
    assert "drafts/unfinished.md" in _files_for(hook, folder)
    proc = _run_hook(hook, folder)
    assert proc.returncode == 1
    assert "drafts/unfinished.md" in proc.stdout.decode()
