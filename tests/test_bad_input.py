"""Every kind of bad input gets a finding or a one-line error with exit 2 — never a traceback."""

from __future__ import annotations

import gzip
import json
import os

import pytest

from conftest import run_cli


def _check(tmp_path, *args):
    proc = run_cli("check", "--isolated", "--select", "NL1", "--format", "json", *args, cwd=tmp_path)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc


def _findings(proc):
    return json.loads(proc.stdout)["findings"]


BAD_FILES = {
    "invalid.json": (b'{"title": "x", "body": ', "invalid JSON"),
    "utf8.json": (b'{"title": "caf\xe9", "body": "x"}', "invalid UTF-8"),
    "empty.json": (b"", "empty file"),
    "binary.json": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    "array.json": (b"[1, 2]", "expected a JSON object"),
    "unterminated.md": (b"---\ntitle: x\nno closing fence\n", "unterminated front matter"),
    "badyaml.md": (b"---\ntitle: [unclosed\n---\nBody\n", "invalid YAML front matter"),
    "badtoml.md": (b'+++\ntitle = \n+++\nBody\n', "invalid TOML front matter"),
    "notmapping.md": (b"---\n- a\n- b\n---\nBody\n", "front matter is not a mapping"),
    "empty.txt": (b"  \n", "empty file"),
    "broken.jsonl.gz": (b"not gzip at all", "cannot read"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_a_finding(tmp_path, name):
    data, message = BAD_FILES[name]
    (tmp_path / name).write_bytes(data)
    proc = _check(tmp_path, name)
    assert proc.returncode == 1
    found = _findings(proc)
    assert [f["code"] for f in found] == ["NL100"], found
    assert message in found[0]["message"]
    assert found[0]["path"] == name


def test_bom_and_crlf_are_read(tmp_path):
    (tmp_path / "a.json").write_bytes(b'\xef\xbb\xbf{"title": "T",\r\n "body": "Text.",\r\n "published_at": "2020-01-01T10:00"}\r\n')
    (tmp_path / "b.md").write_bytes(b"---\r\ntitle: T\r\n---\r\nText.\r\n")
    proc = _check(tmp_path, ".")
    found = _findings(proc)
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in found] == [
        ("a.json", "NL104", 3, 18),
    ]


def test_one_bad_jsonl_line_among_good_ones(tmp_path):
    good = json.dumps({"title": "T", "body": "B", "published_at": "2020-01-01T10:00"})
    (tmp_path / "c.jsonl").write_text(f"{good}\n{{oops\n\n{good}\n", encoding="utf-8")
    found = _findings(_check(tmp_path, "c.jsonl"))
    assert [(f["record"], f["code"]) for f in found] == [(1, "NL104"), (2, "NL100"), (4, "NL104")]


def test_ten_megabyte_single_line(tmp_path):
    body = "word " * 2_000_000
    (tmp_path / "big.jsonl").write_text(json.dumps({"title": "T", "body": body, "published_at": "x"}) + "\n")
    proc = _check(tmp_path, "big.jsonl")
    found = _findings(proc)
    assert any(f["code"] == "NL101" and f["pointer"] == "/published_at" for f in found)


def test_missing_path_is_exit_2(tmp_path):
    proc = run_cli("check", "--isolated", "nope.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().count("\n") == 0
    assert "nope.json" in proc.stderr.decode()


def test_symlink_loop(tmp_path):
    os.symlink("loop-b.json", tmp_path / "loop-a.json")
    os.symlink("loop-a.json", tmp_path / "loop-b.json")
    proc = _check(tmp_path, "loop-a.json")
    found = _findings(proc)
    assert found[0]["code"] == "NL100" and "symbolic links" in found[0]["message"]
    # walking the folder does not hang or crash either
    proc = _check(tmp_path, ".")
    assert {f["path"] for f in _findings(proc)} == {"loop-a.json", "loop-b.json"}


def test_symlinked_directory_loop_is_not_followed(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Text here.\n")
    os.symlink("..", tmp_path / "d" / "up")
    proc = _check(tmp_path, ".")
    assert proc.returncode == 0


def test_unreadable_file(tmp_path, monkeypatch):
    """Root can read anything, so simulate EACCES where the reader opens the file."""
    import builtins

    from newslint import lint
    from newslint.settings import Settings

    target = tmp_path / "secret.json"
    target.write_text('{"title": "T", "body": "B"}')
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file).endswith("secret.json"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.chdir(tmp_path)
    report = lint(["secret.json"], Settings())
    assert [(f.code, f.message) for f in report.findings] == [("NL100", "cannot read file: Permission denied")]


def test_unknown_config_key_is_one_line_exit_2(tmp_path):
    (tmp_path / "newslint.toml").write_text('selct = ["NL1"]\n')
    (tmp_path / "a.txt").write_text("Text.\n")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert "selct" in err and "\n" not in err


def test_unknown_rule_code_is_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text("Text.\n")
    proc = run_cli("check", "--isolated", "--select", "NL999", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "NL999" in proc.stderr.decode()


def test_bad_toml_config_is_exit_2(tmp_path):
    (tmp_path / "newslint.toml").write_text("select = [\n")
    (tmp_path / "a.txt").write_text("Text.\n")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


def test_stdin_needs_a_filename(tmp_path):
    proc = run_cli("check", "--isolated", "-", stdin=b"Top\n", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"--stdin-filename" in proc.stderr


def test_stdin_with_filename(tmp_path):
    doc = json.dumps({"title": "T", "body": "B", "published_at": "2020-01-01T10:00"}).encode()
    proc = run_cli("check", "--isolated", "--select", "NL1", "--format", "json", "-", "--stdin-filename", "in.json",
                   stdin=doc, cwd=tmp_path)
    found = _findings(proc)
    assert [(f["path"], f["code"]) for f in found] == [("in.json", "NL104")]


def test_gzip_jsonl_is_read(tmp_path):
    line = json.dumps({"title": "T", "body": "B", "published_at": "2020-01-01T10:00"}) + "\n"
    with gzip.open(tmp_path / "c.jsonl.gz", "wt") as fh:
        fh.write(line * 2)
    found = _findings(_check(tmp_path, "c.jsonl.gz"))
    assert [(f["record"], f["code"]) for f in found] == [(1, "NL104"), (2, "NL104")]
