"""Inline suppression: Markdown directives, the newslint.ignore key, and NL107 for unused ones."""

from __future__ import annotations

import json

import workflow_checks as wc
from newslint.engine import run
from newslint.fixer import fix


def _lint(paths=("."), **values):
    values.setdefault("cache", False)
    return run(list(paths), wc.settings(**values), wc.registry())


def _codes(report):
    return [(f.code, f.line) for f in report.findings]


def _md(tmp, body, front="title: A title\n", name="a.md"):
    (tmp / name).write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def test_disable_enable_covers_only_the_range(in_tmp):
    _md(in_tmp, "Top\n\n<!-- newslint-disable NL291 -->\nTop\n\nTop\n<!-- newslint-enable NL291 -->\n\nTop\n")
    report = _lint()
    assert _codes(report) == [("NL291", 4), ("NL291", 12)]
    assert report.suppressed == 2


def test_disable_without_enable_runs_to_the_end(in_tmp):
    _md(in_tmp, "Top\n<!-- newslint-disable NL291 -->\nTop\n\nTop\n")
    assert _codes(_lint()) == [("NL291", 4)]


def test_next_line_covers_the_next_block_only(in_tmp):
    body = ("<!-- newslint-disable-next-line NL292 -->\n\n"
            "teh first line of a paragraph\nand teh second line of it\n\n"
            "teh next paragraph\n")
    _md(in_tmp, body)
    report = _lint()
    assert _codes(report) == [("NL292", 9)]


def test_next_line_stacked_directives_and_heading_block(in_tmp):
    body = ("<!-- newslint-disable-next-line NL292 -->\n<!-- newslint-disable-next-line NL291 -->\n"
            "# teh heading\nTop\n")
    _md(in_tmp, body)
    report = _lint()
    # the heading is the block: its typo is hidden; 'Top' below it is a block of its own
    assert sorted((f.code, f.line) for f in report.findings) == [("NL107", 5), ("NL291", 7)]
    assert "hides no NL291" in next(f.message for f in report.findings if f.code == "NL107")


def test_disable_file_covers_front_matter_and_body(in_tmp):
    front = 'title: teh title\npublished_at: "2025-07-14T01:12:00"\n'
    _md(in_tmp, "<!-- newslint-disable-file NL104, NL292 -->\nteh body\n", front=front)
    report = _lint()
    assert report.findings == []
    assert report.suppressed == 3


def test_a_directive_may_span_lines(in_tmp):
    _md(in_tmp, "<!--\n  newslint-disable-next-line\n  NL291\n-->\nTop\n\nTop\n")
    assert _codes(_lint()) == [("NL291", 10)]


def test_rule_names_work_as_codes(in_tmp):
    _md(in_tmp, "<!-- newslint-disable-next-line test-chrome-line -->\nTop\n")
    assert _lint().findings == []


def test_unused_directive_is_nl107_with_a_removing_fix(in_tmp):
    _md(in_tmp, "Intro.\n\n<!-- newslint-disable-next-line NL291 -->\nNothing to hide here.\n")
    report = _lint()
    (f,) = report.findings
    assert (f.code, f.name, f.line, f.column) == ("NL107", "unused-suppression", 6, 1)
    assert "hides no NL291" in f.message
    assert f.fix is not None and f.fix.applicability == "safe"
    result = fix(["."], wc.settings(cache=False), wc.registry())
    assert result.applied == 1
    assert (in_tmp / "a.md").read_text() == "---\ntitle: A title\n---\nIntro.\n\nNothing to hide here.\n"


def test_partly_used_directive_loses_only_the_unused_code(in_tmp):
    _md(in_tmp, "<!-- newslint-disable-next-line NL292, NL291, NL294 -->\nTop\n")
    report = _lint()
    assert sorted(f.message for f in report.findings) == [
        "unused suppression: <!-- newslint-disable-next-line --> hides no NL292 finding",
        "unused suppression: <!-- newslint-disable-next-line --> hides no NL294 finding",
    ]
    fix(["."], wc.settings(cache=False), wc.registry())
    assert (in_tmp / "a.md").read_text().endswith("---\n<!-- newslint-disable-next-line NL291 -->\nTop\n")
    assert _lint().findings == []


def test_unused_disable_removes_its_enable_too(in_tmp):
    _md(in_tmp, "Text.\n<!-- newslint-disable NL291 -->\nStill text.\n<!-- newslint-enable NL291 -->\nEnd.\n")
    report = _lint()
    assert [f.code for f in report.findings] == ["NL107"]
    fix(["."], wc.settings(cache=False), wc.registry())
    assert (in_tmp / "a.md").read_text() == "---\ntitle: A title\n---\nText.\nStill text.\nEnd.\n"


def test_directives_need_codes_and_known_codes(in_tmp):
    _md(in_tmp, "<!-- newslint-disable -->\nTop\n<!-- newslint-disable-next-line NL999 -->\nTop\n"
                "<!-- newslint-enable NL291 -->\n")
    report = _lint()
    by_line = {f.line: f for f in report.findings if f.code == "NL107"}
    assert "needs at least one rule code" in by_line[4].message
    assert by_line[4].fix.applicability == "unsafe"  # the author meant something: not removed silently
    assert "unknown rule code 'NL999'" in by_line[6].message
    assert "has no newslint-disable NL291 before it" in by_line[8].message
    assert [f.line for f in report.findings if f.code == "NL291"] == [5, 7]


def test_directive_inside_code_is_not_a_directive(in_tmp):
    _md(in_tmp, "```\n<!-- newslint-disable-file NL291 -->\n```\n\nTop\n")
    assert _codes(_lint()) == [("NL291", 8)]


def test_codes_not_selected_are_not_reported_unused(in_tmp):
    _md(in_tmp, "<!-- newslint-disable-file NL291 -->\nText.\n")
    assert _lint(select=["NL107"]).findings == []
    assert [f.code for f in _lint().findings] == ["NL107"]


def test_nl107_can_be_silenced_file_wide(in_tmp):
    _md(in_tmp, "<!-- newslint-disable-file NL107 -->\n<!-- newslint-disable-next-line NL291 -->\nText.\n")
    assert _lint().findings == []


def test_json_ignore_key_used_and_unused(in_tmp):
    doc = {"title": "T", "published_at": "2025-07-14T01:12:00", "body": "Top\n\nteh",
           "newslint": {"ignore": ["NL104", "NL291", "NL294"]}}
    (in_tmp / "a.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    report = _lint()
    got = [(f.code, f.pointer, f.line) for f in report.findings]
    assert got == [("NL292", "/body", 4), ("NL107", "/newslint/ignore/2", 9)]
    fix(["."], wc.settings(cache=False), wc.registry())
    data = json.loads((in_tmp / "a.json").read_text())
    assert data["newslint"] == {"ignore": ["NL104", "NL291"]} and data["body"] == "Top\n\nthe"


def test_json_ignore_wholly_unused_is_removed(in_tmp):
    text = '{"title": "T", "body": "Fine.", "newslint": {"ignore": ["NL291"]}}\n'
    (in_tmp / "a.json").write_text(text, encoding="utf-8")
    assert [f.code for f in _lint().findings] == ["NL107"]
    fix(["."], wc.settings(cache=False), wc.registry())
    assert (in_tmp / "a.json").read_text() == '{"title": "T", "body": "Fine."}\n'


def test_front_matter_ignore_and_its_fix(in_tmp):
    front = "title: T\nnewslint:\n  ignore:\n    - NL291\n    - NL292\n"
    _md(in_tmp, "Top\n", front=front)
    report = _lint()
    assert [(f.code, f.pointer, f.line) for f in report.findings] == [("NL107", "/newslint/ignore/1", 6)]
    fix(["."], wc.settings(cache=False), wc.registry())
    assert (in_tmp / "a.md").read_text() == "---\ntitle: T\nnewslint:\n  ignore:\n    - NL291\n---\nTop\n"


def test_corpus_findings_are_suppressed_per_record(in_tmp):
    records = [{"id": "a", "title": "One", "body": "x"},
               {"id": "a", "title": "Two", "body": "y", "newslint": {"ignore": ["NL102"]}},
               {"id": "a", "title": "Three", "body": "z"}]
    (in_tmp / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = _lint()
    assert [(f.code, f.record) for f in report.findings] == [("NL102", 3)]
    assert report.suppressed == 1


def test_suppressions_same_with_jobs_and_cache(in_tmp):
    for i in range(6):
        _md(in_tmp, "<!-- newslint-disable-next-line NL291 -->\nTop\n\nTop\n<!-- newslint-disable NL292 -->\n",
            name=f"a{i}.md")
    one = _lint()
    many = _lint(jobs=2, cache=True)
    warm = _lint(jobs=2, cache=True)
    assert one.findings == many.findings == warm.findings
    assert warm.cache_hits == 6
    assert sorted({f.code for f in one.findings}) == ["NL107", "NL291"]


def test_a_stray_enable_code_is_removed_alone(in_tmp):
    _md(in_tmp, "<!-- newslint-disable NL291 -->\nTop\n<!-- newslint-enable NL291 NL292 -->\nTop\n")
    report = _lint()
    assert [(f.code, f.line) for f in report.findings] == [("NL107", 6), ("NL291", 7)]
    assert "newslint-enable NL292 has no newslint-disable NL292" in report.findings[0].message
    fix(["."], wc.settings(cache=False, select=["NL107"]), wc.registry())
    assert (in_tmp / "a.md").read_text().endswith(
        "<!-- newslint-disable NL291 -->\nTop\n<!-- newslint-enable NL291 -->\nTop\n")
