"""A non-editable install finds its rule packs and schemas from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import EXAMPLES, ROOT


def test_wheel_ships_rules_and_schemas_and_runs_elsewhere(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheel_dir), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = wheel_dir.glob("newslint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "newslint/_data/schemas/article.schema.json" in names
    assert "newslint/_data/schemas/rulepack.schema.json" in names
    shipped_packs = {n.rsplit("/", 1)[-1] for n in names if n.startswith("newslint/_data/rules/") and n.endswith(".yaml")}
    assert shipped_packs == {p.name for p in (ROOT / "rules").glob("*.yaml")}

    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import newslint, newslint.resources as r;"
        "assert newslint.__file__.startswith(sys.argv[1]), newslint.__file__;"
        "assert '_data' in str(r.rules_dir());"
        "sys.argv = ['newslint', 'check', '--format', 'concise', sys.argv[2]];"
        "from newslint.cli import main; main()"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(site), str(EXAMPLES)],
                          capture_output=True, cwd=elsewhere, timeout=300)
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"NL1" in proc.stdout and b"Traceback" not in proc.stderr
