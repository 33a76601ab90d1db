"""The result cache: content-keyed hits, corpus signatures kept, damage ignored, clean."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3

import workflow_checks as wc
from conftest import run_cli
from newslint.cache import clean, settings_salt
from newslint.engine import run


def _lint(paths=("."), **values):
    return run(list(paths), wc.settings(**values), wc.registry())


def _tree(tmp, n=8):
    for i in range(n):
        (tmp / f"a{i}.md").write_text(f"---\ntitle: T{i}\nid: x{i % 3}\n---\nTop\n\nteh {i}\n", encoding="utf-8")


def _db(tmp):
    return sqlite3.connect(tmp / ".newslint_cache" / "results.sqlite")


def test_warm_run_hits_and_gives_the_same_findings(in_tmp):
    _tree(in_tmp)
    cold = _lint()
    assert cold.cache_hits == 0
    tag = (in_tmp / ".newslint_cache" / "CACHEDIR.TAG").read_text()
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (in_tmp / ".newslint_cache" / ".gitignore").read_text().strip().endswith("*")
    warm = _lint()
    assert warm.cache_hits == 8
    assert warm.findings == cold.findings
    # corpus findings come from cached signatures: duplicate ids across files still found
    assert sum(f.code == "NL102" for f in warm.findings) == 5


def test_key_is_content_not_mtime(in_tmp):
    _tree(in_tmp, 3)
    _lint()
    for p in in_tmp.glob("*.md"):
        os.utime(p, (1, 1))  # a fresh checkout: every mtime differs
    assert _lint().cache_hits == 3
    (in_tmp / "a1.md").write_text("---\ntitle: T1\n---\nchanged teh\n", encoding="utf-8")
    report = _lint()
    assert report.cache_hits == 2
    assert [f.line for f in report.findings if f.path == "a1.md"] == [4]


def test_a_copied_tree_hits_too(in_tmp, monkeypatch):
    src = in_tmp / "one"
    src.mkdir()
    _tree(src, 3)
    monkeypatch.chdir(src)
    _lint(cache_dir=str(in_tmp / "shared-cache"))
    dst = in_tmp / "two"
    shutil.copytree(src, dst)
    monkeypatch.chdir(dst)
    assert _lint(cache_dir=str(in_tmp / "shared-cache")).cache_hits == 3


def test_settings_rules_and_packs_change_the_key(in_tmp):
    from newslint.settings import Settings

    base = Settings()
    assert settings_salt(base) == settings_salt(Settings(jobs=4, cache_dir="elsewhere"))
    assert settings_salt(base) != settings_salt(Settings(select=["NL1"]))
    assert settings_salt(base) != settings_salt(Settings(rules={"NL501": {"min_words": 3}}))
    assert settings_salt(base) != settings_salt(base, wc.registry())
    packs = in_tmp / "packs"
    packs.mkdir()
    (packs / "x.en.yaml").write_text("lexicons: {}\n")
    one = settings_salt(Settings(rule_packs=[str(packs)]))
    (packs / "x.en.yaml").write_text("lexicons: {a: {phrases: [b]}}\n")
    assert settings_salt(Settings(rule_packs=[str(packs)])) != one
    schema = in_tmp / "s.json"
    schema.write_text("{}")
    one = settings_salt(Settings(schema=str(schema)))
    schema.write_text('{"type": "object"}')
    assert settings_salt(Settings(schema=str(schema))) != one


def test_corrupt_entries_are_misses(in_tmp):
    _tree(in_tmp, 3)
    cold = _lint()
    with _db(in_tmp) as db:
        rows = db.execute("SELECT path, payload FROM entries ORDER BY path").fetchall()
        assert [r[0] for r in rows] == ["a0.md", "a1.md", "a2.md"]
        db.execute("UPDATE entries SET payload = ? WHERE path = 'a0.md'", (rows[0][1][:40],))  # truncated
        db.execute("UPDATE entries SET payload = ? WHERE path = 'a1.md'", (b"garbage",))
    db.close()
    report = _lint()
    assert report.cache_hits == 1 and report.findings == cold.findings
    assert _lint().cache_hits == 3  # rewritten


def test_a_corrupt_database_is_replaced(in_tmp):
    _tree(in_tmp, 3)
    cold = _lint()
    (in_tmp / ".newslint_cache" / "results.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 500)
    report = _lint()
    assert report.findings == cold.findings and report.cache_hits == 0
    assert _lint().cache_hits == 3


def test_one_row_per_file_however_often_it_changes(in_tmp):
    _tree(in_tmp, 2)
    for i in range(4):
        (in_tmp / "a0.md").write_text(f"---\ntitle: v{i}\n---\nTop\n", encoding="utf-8")
        _lint()
    with _db(in_tmp) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 2
    db.close()


def test_a_planted_entry_cannot_run_code(in_tmp):
    _tree(in_tmp, 1)
    _lint()
    marker = in_tmp / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    with _db(in_tmp) as db:
        db.execute("UPDATE entries SET payload = ?", (pickle.dumps(Evil()),))
    db.close()
    report = _lint()
    assert not marker.exists()
    assert report.cache_hits == 0 and [f.code for f in report.findings] == ["NL291", "NL292"]


def test_jsonl_ranges_and_jobs_use_the_cache(in_tmp):
    rows = [json.dumps({"id": f"r{i % 900}", "title": f"T{i}", "body": "word " * 150 + ("\nTop" if i % 9 == 0 else "")})
            for i in range(1500)]
    (in_tmp / "big.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    cold = _lint(jobs=2)
    warm = _lint(jobs=2)
    assert warm.cache_hits > 1  # one per byte range
    assert warm.findings == cold.findings
    assert sum(f.code == "NL102" for f in warm.findings) == 600


def test_no_cache_and_stdin_write_nothing(in_tmp):
    _tree(in_tmp, 2)
    _lint(cache=False)
    assert not (in_tmp / ".newslint_cache").exists()
    proc = run_cli("check", "--isolated", "--select", "NL104", "-", "--stdin-filename", "x.md",
                   stdin=b"---\ntitle: T\n---\nBody.\n", cwd=in_tmp)
    assert proc.returncode == 0, proc.stderr
    assert not (in_tmp / ".newslint_cache").exists()
    proc = run_cli("check", "--isolated", "--no-cache", "--select", "NL104", ".", cwd=in_tmp)
    assert proc.returncode == 0 and not (in_tmp / ".newslint_cache").exists()


def test_an_unwritable_cache_folder_does_not_stop_the_run(in_tmp):
    _tree(in_tmp, 2)
    (in_tmp / "blocker").write_text("a file where the cache folder should be")
    report = _lint(cache_dir=str(in_tmp / "blocker" / "cache"))
    assert len(report.findings) == 4


def test_clean_removes_only_a_tagged_cache(in_tmp):
    _tree(in_tmp, 2)
    proc = run_cli("check", "--isolated", "--select", "NL104", ".", cwd=in_tmp)
    assert proc.returncode == 0, proc.stderr
    assert (in_tmp / ".newslint_cache" / "CACHEDIR.TAG").is_file()
    proc = run_cli("clean", "--isolated", cwd=in_tmp)
    assert proc.returncode == 0 and b"removed .newslint_cache" in proc.stdout
    assert not (in_tmp / ".newslint_cache").exists()
    (in_tmp / "precious").mkdir()
    (in_tmp / "precious" / "data.txt").write_text("keep me")
    (in_tmp / "newslint.toml").write_text('cache-dir = "precious"\n')
    proc = run_cli("clean", cwd=in_tmp)
    assert proc.returncode == 2 and b"not a newslint cache" in proc.stderr
    assert (in_tmp / "precious" / "data.txt").exists()
    assert not clean(in_tmp / "precious")


def test_every_shipped_rule_result_can_be_loaded_back(in_tmp):
    """The safe unpickler allows only listed types: a signature of a new type would silently miss.

    Lints the examples with every shipped rule and checks each cache entry loads.
    """
    from conftest import EXAMPLES
    from newslint.rules import REGISTRY
    from newslint.settings import Settings

    for name in ("seed.md", "seed.json", "corpus.jsonl", "seed.txt"):
        shutil.copy(EXAMPLES / name, in_tmp / name)
    settings = Settings(select=["ALL"], extend_select=[c for c in REGISTRY.by_code])
    cold = run(["."], settings, REGISTRY)
    warm = run(["."], settings, REGISTRY)
    assert warm.cache_hits == 4, "a cache entry did not load back: a signature type is not allowed in cache.py"
    assert warm.findings == cold.findings
