"""``newslint config``: the resolved settings, each with where it came from."""

from __future__ import annotations

import json

from conftest import run_cli


def test_config_shows_values_and_origins(in_tmp):
    (in_tmp / "newslint.toml").write_text(
        'preset = "hugo"\nselect = ["NL1", "NL2"]\n[fields]\nbody = "content"\nsummary = "teaser"\n'
        '[severity]\nNL104 = "info"\n', encoding="utf-8")
    (in_tmp / ".newslint-baseline.json").write_text('{"findings": []}\n', encoding="utf-8")
    proc = run_cli("config", "--format", "json", cwd=in_tmp)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    where = str(in_tmp / "newslint.toml")
    settings = data["settings"]
    assert data["config_file"] == where
    assert settings["select"] == {"value": ["NL1", "NL2"], "from": where}
    assert settings["fail-on"] == {"value": "warning", "from": "default"}
    assert settings["baseline"]["from"] == "found"
    assert settings["baseline"]["value"].endswith(".newslint-baseline.json")
    text = run_cli("config", cwd=in_tmp).stdout.decode()
    lines = {line.split(" = ")[0].strip(): line for line in text.splitlines() if " = " in line}
    assert lines["fields.published_at"].endswith("  # preset hugo")
    assert lines["fields.summary"].endswith(f'"teaser"  # {where}')
    assert lines["fields.body"].endswith(f'"content"  # {where}')
    assert lines["severity.NL104"].endswith(f'"info"  # {where}')
    assert lines["jobs"].endswith("1  # default")


def test_config_command_line_origin_and_bad_config(in_tmp):
    proc = run_cli("config", "--isolated", "--preset", "jekyll", cwd=in_tmp)
    assert proc.returncode == 0
    line = next(ln for ln in proc.stdout.decode().splitlines() if ln.startswith("preset "))
    assert line.endswith('"jekyll"  # command line')
    (in_tmp / "newslint.toml").write_text("nonsense = 1\n", encoding="utf-8")
    bad = run_cli("config", cwd=in_tmp)
    assert bad.returncode == 2 and b"unknown config key 'nonsense'" in bad.stderr
