"""Rule packs: users extend lexicons as data; a bad pack is one line and exit 2."""

from __future__ import annotations

import json

from conftest import run_cli
from newslint.packs import load_packs


def test_shipped_packs_load_and_every_lexicon_compiles():
    packs = load_packs()
    assert packs.files
    for (name, lang) in list(packs.lexicons):
        if not lang.startswith("merged:"):
            assert packs.get(name, lang).program is not None


def _pack(folder, text):
    folder.mkdir(exist_ok=True)
    (folder / "mine.en.yaml").write_text(text, encoding="utf-8")


def test_user_pack_extends_a_shipped_lexicon(tmp_path):
    lexicon = next(name for name, lang in load_packs().lexicons if name == "ui-chrome")
    _pack(tmp_path / "packs", f"pack: mine\nlang: en\nlexicons:\n  {lexicon}:\n    mode: line\n    phrases: [Zzyzx widget]\n")
    packs = load_packs([str(tmp_path / "packs")])
    assert packs.get(lexicon, "en").match_line("Zzyzx widget")
    assert not load_packs().get(lexicon, "en").match_line("Zzyzx widget")


def test_invalid_pack_is_one_line_exit_2(tmp_path):
    _pack(tmp_path / "packs", "pack: mine\nlexicons:\n  x:\n    mode: sideways\n    phrases: [a]\n")
    (tmp_path / "newslint.toml").write_text('rule-packs = ["packs"]\n')
    (tmp_path / "a.json").write_text(json.dumps({"title": "T", "body": "Top\n\nText."}))
    proc = run_cli("check", "a.json", cwd=tmp_path)
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and "\n" not in err and "mine.en.yaml" in err, err


def test_bad_regex_in_user_pack_is_one_line_exit_2(tmp_path):
    _pack(tmp_path / "packs", "pack: mine\nlang: en\nlexicons:\n  ui-chrome:\n    mode: line\n    patterns: ['(unclosed']\n")
    (tmp_path / "newslint.toml").write_text('rule-packs = ["packs"]\n')
    (tmp_path / "a.txt").write_text("Top\n\nSome text of the story.\n")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and "\n" not in err and "Traceback" not in err, err
    assert "(unclosed" in err
