import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_813457151d160e46.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty temp folder, so no repo config is picked up."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    """Run the real command in a subprocess; returns CompletedProcess."""
    import subprocess

    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="session")
def link_server():
    """A real HTTP server on 127.0.0.1 (tests/linkserver.py) for online link checks."""
    from linkserver import serve

    with serve() as server:
        yield server
