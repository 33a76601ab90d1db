"""``newslint fix``: edits land in the right bytes of every format, and nothing else changes."""

from __future__ import annotations

import gzip
import json
import os
import stat

import pytest
import workflow_checks as wc
from conftest import run_cli
from newslint.atomic import atomic_write_bytes, atomic_writer
from newslint.fixer import edit_json, fix, plan_fixes
from newslint.model import Edit


def _fix(paths=("."), unsafe=False, **values):
    values.setdefault("cache", False)
    return fix(list(paths), wc.settings(**values), wc.registry(), unsafe=unsafe)


def _write(path, text):
    path.write_text(text, encoding="utf-8", newline="")


def _read(path):
    return path.read_bytes().decode("utf-8")


def _twice_stable(tmp, **kw):
    """Fix, then check a second run changes no byte of any file."""
    first = _fix(**kw)
    before = {p: p.read_bytes() for p in tmp.rglob("*") if p.is_file()}
    second = _fix(**kw)
    assert second.applied == 0
    assert {p: p.read_bytes() for p in tmp.rglob("*") if p.is_file()} == before
    return first


# ---------------------------------------------------------------- JSON


def test_json_keeps_order_indent_and_escapes(in_tmp):
    src = ('{\n    "title": "A \\u00e9t\\u00e9 story",\n    "body": "Top\\nteh text \\u2014 end\\n\\"q\\"",\n'
           '    "zeta": 1.50,\n    "alpha": [1,2]\n}\n')
    _write(in_tmp / "a.json", src)
    result = _twice_stable(in_tmp)
    assert result.applied == 2
    assert _read(in_tmp / "a.json") == (
        '{\n    "title": "A \\u00e9t\\u00e9 story",\n    "body": "the text \\u2014 end\\n\\"q\\"",\n'
        '    "zeta": 1.50,\n    "alpha": [1,2]\n}\n')


def test_json_new_field_follows_the_file_style(in_tmp):
    _write(in_tmp / "tab.json", '{\n\t"title": "T",\n\t"body": "Photo by Ann Lee",\n\t"images": [\n\t\t{\n'
                                '\t\t\t"url": "u"\n\t\t}\n\t]\n}')
    _write(in_tmp / "compact.json", '{"title":"T","body":"Photo by Bo Ek","images":[{"url":"u"}]}')
    _write(in_tmp / "none.json", '{"title": "T", "body": "x\\nPhoto by Åsa Öberg"}\n')
    _twice_stable(in_tmp)
    assert _read(in_tmp / "tab.json") == ('{\n\t"title": "T",\n\t"body": "",\n\t"images": [\n\t\t{\n'
                                         '\t\t\t"url": "u",\n\t\t\t"credit": "Ann Lee"\n\t\t}\n\t]\n}')
    assert _read(in_tmp / "compact.json") == '{"title":"T","body":"","images":[{"url":"u","credit":"Bo Ek"}]}'
    # no images list yet: created, and raw UTF-8 kept as the file had it (no \\u escapes)
    assert _read(in_tmp / "none.json") == \
        '{"title": "T", "body": "x\\n", "images": [{"credit": "Åsa Öberg"}]}\n'


def test_json_null_value_is_replaced(in_tmp):
    _write(in_tmp / "a.json", '{"body": "Photo by Q", "images": [{"url": "u", "credit": null}]}')
    _fix()
    assert json.loads(_read(in_tmp / "a.json"))["images"] == [{"url": "u", "credit": "Q"}]


def test_json_crlf_and_bom_are_kept(in_tmp):
    raw = '\ufeff{\r\n  "title": "T",\r\n  "body": "Photo by Cy",\r\n  "images": [{"url": "u"}]\r\n}\r\n'
    _write(in_tmp / "a.json", raw)
    _twice_stable(in_tmp)
    data = (in_tmp / "a.json").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf{\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert json.loads(data.decode("utf-8-sig"))["images"][0]["credit"] == "Cy"


def test_field_mapping_routes_edits_to_the_users_key(in_tmp):
    _write(in_tmp / "a.json", '{"headline": "teh", "content": "teh body"}')
    _fix(unsafe=True, fields={"body": "content", "title": "headline"})
    assert _read(in_tmp / "a.json") == '{"headline": "the", "content": "the body"}'


def test_edit_json_deletes_with_commas():
    text = '{"a": [1, 2, 3, 4], "b": {"x": 1, "y": 2}, "c": 3}'
    ops = {"/a/1": [Edit(pointer="/a/1", start=0, end=0, replacement=None)],
           "/a/3": [Edit(pointer="/a/3", start=0, end=0, replacement=None)],
           "/b/y": [Edit(pointer="/b/y", start=0, end=0, replacement=None)],
           "/c": [Edit(pointer="/c", start=0, end=0, replacement=None)]}
    assert edit_json(text, ops) == '{"a": [1, 3], "b": {"x": 1}}'
    ops = {"/a/0": [Edit(pointer="/a/0", start=0, end=0, replacement=None)],
           "/a/1": [Edit(pointer="/a/1", start=0, end=0, replacement=None)],
           "/a/2": [Edit(pointer="/a/2", start=0, end=0, replacement=None)],
           "/a/3": [Edit(pointer="/a/3", start=0, end=0, replacement=None)]}
    assert edit_json(text, ops) == '{"a": [], "b": {"x": 1, "y": 2}, "c": 3}'


# ---------------------------------------------------------------- JSONL


def test_jsonl_rewrites_only_edited_records(in_tmp):
    lines = ['{"id":"1","body":"fine"}\r\n', '{"id":"2","body":"Top\\nteh"}\r\n', "\r\n",
             '{"id": "3", "body": "caf\\u00e9 teh"}\r\n', '{"id":"4","body":"also fine"}']
    _write(in_tmp / "c.jsonl", "".join(lines))
    _twice_stable(in_tmp)
    out = _read(in_tmp / "c.jsonl")
    assert out.split("\r\n") == ['{"id":"1","body":"fine"}', '{"id":"2","body":"the"}', "",
                                 '{"id": "3", "body": "caf\\u00e9 the"}', '{"id":"4","body":"also fine"}']


def test_jsonl_gz_is_rewritten_compressed(in_tmp):
    with gzip.open(in_tmp / "c.jsonl.gz", "wb") as fh:
        fh.write(b'{"id":"1","body":"teh"}\n{"id":"2","body":"ok"}\n')
    _twice_stable(in_tmp)
    with gzip.open(in_tmp / "c.jsonl.gz", "rb") as fh:
        assert fh.read() == b'{"id":"1","body":"the"}\n{"id":"2","body":"ok"}\n'


def test_diff_mode_reads_gz_and_writes_nothing(in_tmp):
    raw = b'{"id":"1","body":"teh"}\n{"id":"2","body":"ok"}\n'
    (in_tmp / "c.jsonl.gz").write_bytes(gzip.compress(raw, mtime=0))
    before = (in_tmp / "c.jsonl.gz").read_bytes()
    result = fix(["."], wc.settings(cache=False), wc.registry(), write=False)
    assert result.changes == {"c.jsonl.gz": (raw, raw.replace(b"teh", b"the"))}
    assert (in_tmp / "c.jsonl.gz").read_bytes() == before


def test_jsonl_with_jobs_and_byte_ranges(in_tmp):
    filler = "word " * 100
    rows = [json.dumps({"id": str(i), "body": filler + "teh" + ("\nTop" if i % 7 == 0 else "")}) for i in range(3000)]
    _write(in_tmp / "big.jsonl", "\n".join(rows) + "\n")
    assert os.path.getsize(in_tmp / "big.jsonl") > 1 << 20  # big enough to be split among workers
    result = _fix(jobs=2)
    assert result.applied == 3000 + len(range(0, 3000, 7))
    for i, line in enumerate(_read(in_tmp / "big.jsonl").splitlines()):
        assert json.loads(line) == {"id": str(i), "body": filler + "the" + ("\n" if i % 7 == 0 else "")}


# ---------------------------------------------------------------- Markdown and text


def test_markdown_crlf_bom_front_matter_and_body(in_tmp):
    raw = ("\ufeff---\r\ntitle: teh title\r\nimages:\r\n  - url: https://x/y.jpg\r\n    caption: A cap\r\n"
           "---\r\nTop\r\nPhoto by Cy Doe\r\nteh end\r\n")
    _write(in_tmp / "a.md", raw)
    _twice_stable(in_tmp, unsafe=True)
    assert _read(in_tmp / "a.md") == (
        "\ufeff---\r\ntitle: the title\r\nimages:\r\n  - url: https://x/y.jpg\r\n    caption: A cap\r\n"
        "    credit: Cy Doe\r\n---\r\nthe end\r\n")


def test_markdown_quoted_and_block_scalars_keep_their_style(in_tmp):
    _write(in_tmp / "a.md", "---\ntitle: 'it''s teh one'\nsummary: x\n---\nBody.\n")
    _write(in_tmp / "b.md", '---\ntitle: "teh \\u00e9"\n---\nBody.\n')
    _fix(unsafe=True)
    assert _read(in_tmp / "a.md") == "---\ntitle: 'it''s the one'\nsummary: x\n---\nBody.\n"
    assert _read(in_tmp / "b.md") == '---\ntitle: "the é"\n---\nBody.\n'


def test_front_matter_shapes_we_cannot_edit_are_skipped_with_a_message(in_tmp):
    _write(in_tmp / "toml.md", '+++\ntitle = "t"\n+++\nteh body\nPhoto by Z\n')
    _write(in_tmp / "flow.md", "---\ntitle: q\nimages: [{url: u}]\n---\nPhoto by Q\n")
    result = _twice_stable(in_tmp)
    assert _read(in_tmp / "toml.md") == '+++\ntitle = "t"\n+++\nthe body\nPhoto by Z\n'
    assert _read(in_tmp / "flow.md") == "---\ntitle: q\nimages: [{url: u}]\n---\nPhoto by Q\n"
    assert any("toml.md: NL293 not fixed: " in m and "TOML" in m for m in result.messages)
    assert any(m.startswith("flow.md: NL293 not fixed: cannot add /images/0/credit") for m in result.messages)
    assert len(result.messages) == len(set(result.messages))


def test_text_keeps_crlf(in_tmp):
    _write(in_tmp / "a.txt", "Top\r\nteh line\r\nlast teh")
    _twice_stable(in_tmp)
    assert (in_tmp / "a.txt").read_bytes() == b"the line\r\nlast the"


# ---------------------------------------------------------------- planning and the loop


def test_overlapping_fixes_wait_for_the_next_pass(in_tmp):
    _write(in_tmp / "a.txt", "teh WIDE teh\n")
    result = _twice_stable(in_tmp)
    assert _read(in_tmp / "a.txt") == "the narrow the\n"
    assert result.passes == 3 and result.applied == 3


def test_plan_skips_unsafe_unless_asked(in_tmp):
    _write(in_tmp / "a.json", '{"title": "teh", "body": "teh"}')
    result = _fix()
    assert _read(in_tmp / "a.json") == '{"title": "teh", "body": "the"}'
    assert result.unsafe_left == 1
    _fix(unsafe=True)
    assert _read(in_tmp / "a.json") == '{"title": "the", "body": "the"}'


def test_identical_edits_of_two_findings_apply_once():
    from newslint.model import Finding, Fix, Severity

    edit = Edit(pointer="/body", start=0, end=3, replacement="x")
    findings = [Finding(code=c, name="n", severity=Severity.WARNING, message="m", path="a.txt",
                        fix=Fix(message="f", edits=(edit,))) for c in ("NL291", "NL292")]
    plans = plan_fixes(findings, unsafe=False)
    assert len(plans["a.txt"][None]) == 2  # both count as fixed; the splice is deduplicated


def test_file_mode_is_kept(in_tmp):
    target = in_tmp / "a.txt"
    _write(target, "teh\n")
    os.chmod(target, 0o640)
    _fix()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert [p.name for p in in_tmp.iterdir() if p.name.endswith(".tmp")] == []


def test_jsonl_rewrite_keeps_the_mode_and_an_unfixable_file_is_not_touched(in_tmp):
    fixed, kept = in_tmp / "a.jsonl", in_tmp / "b.jsonl"
    _write(fixed, '{"id":"1","body":"teh"}\n')
    _write(kept, '{"id":"2","body":"fine"}\n')
    os.chmod(fixed, 0o640)
    before = os.stat(kept)
    assert _fix().applied == 1
    assert stat.S_IMODE(os.stat(fixed).st_mode) == 0o640
    after = os.stat(kept)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert [p.name for p in in_tmp.iterdir() if p.name.endswith(".tmp")] == []


# ---------------------------------------------------------------- atomic writes


def test_atomic_writer_streams_into_place_keeping_permissions(tmp_path):
    target = tmp_path / "c.jsonl"
    target.write_bytes(b"old\n")
    os.chmod(target, 0o604)
    with atomic_writer(target) as out:
        out.write(b"one\n")
        assert target.read_bytes() == b"old\n"  # nothing visible until the rename
        out.write(b"two\n")
    assert target.read_bytes() == b"one\ntwo\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o604
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl"]


def test_atomic_writer_failure_leaves_the_original_and_no_temp_file(tmp_path):
    target = tmp_path / "c.jsonl"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as out:
            out.write(b"half")
            raise RuntimeError("crash mid-write")
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl"]


def test_atomic_writer_discard_keeps_the_original_untouched(tmp_path):
    target = tmp_path / "c.jsonl"
    target.write_bytes(b"old\n")
    before = os.stat(target)
    writer = atomic_writer(target)
    with writer as out:
        out.write(b"same\n")
        writer.discard()
    after = os.stat(target)
    assert target.read_bytes() == b"old\n" and after.st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl"]


def test_atomic_write_of_a_new_file_gets_the_usual_mode_not_mkstemps(tmp_path):
    mask = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "report.sarif", b"{}")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(os.stat(tmp_path / "report.sarif").st_mode) == 0o666 & ~0o022


# ---------------------------------------------------------------- the command


@pytest.fixture
def nl107_tree(in_tmp):
    body = "Intro.\n\n<!-- newslint-disable-next-line NL104 -->\nText.\n"
    (in_tmp / "a.md").write_bytes(f"---\ntitle: T\n---\n{body}".replace("\n", "\r\n").encode())
    (in_tmp / "b.md").write_text("---\ntitle: T\n---\nClean.\n", encoding="utf-8")
    return in_tmp


def test_cli_diff_changes_nothing_and_exits_1(nl107_tree):
    before = (nl107_tree / "a.md").read_bytes()
    proc = run_cli("fix", "--isolated", "--select", "NL104,NL107", "--diff", ".", cwd=nl107_tree)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode()
    assert out.startswith("--- a/a.md\n+++ b/a.md\n")
    assert "-<!-- newslint-disable-next-line NL104 -->\r\n" in out
    assert (nl107_tree / "a.md").read_bytes() == before
    assert "Would fix 1 finding in 1 file." in proc.stderr.decode()


def test_cli_fix_then_nothing_left(nl107_tree):
    proc = run_cli("fix", "--isolated", "--select", "NL104,NL107", ".", cwd=nl107_tree)
    assert proc.returncode == 0, proc.stderr
    assert "Fixed 1 finding in 1 file." in proc.stderr.decode()
    assert (nl107_tree / "a.md").read_bytes() == b"---\r\ntitle: T\r\n---\r\nIntro.\r\n\r\nText.\r\n"
    again = run_cli("fix", "--isolated", "--select", "NL104,NL107", "--diff", ".", cwd=nl107_tree)
    assert again.returncode == 0 and again.stdout == b""
    check = run_cli("check", "--isolated", "--select", "NL104,NL107", ".", cwd=nl107_tree)
    assert check.returncode == 0, check.stdout


def test_cli_fix_stdin_prints_the_fixed_text(in_tmp):
    src = b"---\ntitle: T\n---\n<!-- newslint-disable-file NL104 -->\nText.\n"
    proc = run_cli("fix", "--isolated", "--select", "NL104,NL107", "-", "--stdin-filename", "x.md",
                   stdin=src, cwd=in_tmp)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"---\ntitle: T\n---\nText.\n"
    assert list(in_tmp.iterdir()) == []  # stdin: no cache, no files
