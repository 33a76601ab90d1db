"""Readers: what rules see (prose view, line kinds) and where findings point."""

from __future__ import annotations

import json

from newslint.readers import format_of, read_bytes
from newslint.readers.jsonpos import JsonLocator, raw_offset, scan_positions
from newslint.readers.textview import markdown_view
from newslint.settings import FieldMapping


def _doc(data: bytes, name: str):
    (doc,) = list(read_bytes(data, name, format_of(name), FieldMapping()))
    return doc


def test_formats_by_suffix():
    assert format_of("a.jsonl.gz") == "jsonl"
    assert format_of("a.ndjson") == "jsonl"
    assert format_of("a.MDX") == "markdown"
    assert format_of("a.json.gz") is None
    assert format_of("README") is None


def test_json_positions_through_escapes():
    text = '{\n  "title": "T",\n  "body": "caf\\u00e9 \\"q\\" \\ud83d\\ude00 end\\nnext"\n}'
    body = json.loads(text)["body"]
    loc = JsonLocator(text)
    start = scan_positions(text)["/body"]
    for word in ("end", "next", "q"):
        i = body.index(word)
        j = raw_offset(text, start, i)
        assert text[j : j + len(word)] == word
    assert loc.locate("/body", body.index("end")) == (3, text.split("\n")[2].index("end") + 1)
    assert loc.locate("/title", None) == (2, 12)


def test_jsonl_record_locations():
    rec = json.dumps({"title": "T", "body": "x Loading y"})
    doc = list(read_bytes(f"{rec}\n\n{rec}\n".encode(), "c.jsonl", "jsonl", FieldMapping()))[1]
    assert doc.ref.record == 3
    assert doc.locator.locate("/body", 2) == (3, rec.index("Loading") + 1)


def test_markdown_body_line_numbers_after_front_matter():
    data = b"---\ntitle: T\nauthors: [A]\n---\nFirst line\n\nLoading\n"
    doc = _doc(data, "a.md")
    offset = doc.body.index("Loading")
    assert doc.locator.locate("/body", offset) == (7, 1)
    assert doc.locator.locate("/authors/0", None) == (3, 11)


def test_toml_front_matter_positions():
    doc = _doc(b'+++\ntitle = "T"\n[extra]\nteam = 5\n+++\nBody\n', "a.md")
    assert doc.locator.locate("/extra/team", None) == (4, 1)
    assert doc.locator.locate("/body", 0) == (6, 1)


def test_markdown_non_prose_is_blanked_with_offsets_kept():
    body = (
        "# Heading\n"
        "Text with `inline code` and {{< shortcode >}} and {% liquid %}.\n"
        "<!-- a comment -->\n"
        "```\nLoading\n```\n"
        "    indented code\n\n"
        "- list item\n\n"
        "A [link](https://example.com/Loading) here.\n"
        "import X from './x'\n"
    )
    prose, lines = markdown_view(body)
    assert len(prose) == len(body)
    assert "inline code" not in prose and "shortcode" not in prose and "liquid" not in prose
    assert "comment" not in prose and "Loading" not in prose and "indented" not in prose
    assert "example.com" not in prose and "import" not in prose
    assert "Text with" in prose and "A [link]" in prose
    kinds = {line.index: line.kind for line in lines}
    assert kinds[0] == "heading" and kinds[4] == "code" and kinds[8] == "list"
    assert lines[0].text.strip() == "Heading"
    assert lines[8].text.strip() == "list item"


def test_template_code_blocks_are_not_prose():
    body = (
        "Intro text.\n"
        "{% highlight liquid %}\n{% raw %}\n{{ x }} => Loading\n{% endraw %}\n{% endhighlight %}\n"
        "{{< highlight go >}}\nfmt.Println(\"Share\")\n{{< /highlight >}}\n"
        "{% comment %}Top{% endcomment %}After.\n"
    )
    prose, _ = markdown_view(body)
    assert len(prose) == len(body)
    assert "Loading" not in prose and "Share" not in prose and "Top" not in prose
    assert "Intro text." in prose and "After." in prose


def test_txt_has_no_metadata():
    doc = _doc(b"Top\n\nStory.\n", "a.txt")
    assert doc.data is None and doc.markup == "plain"
    assert [line.kind for line in doc.lines] == ["text", "blank", "text", "blank"]


def test_article_level_ignore_key_is_read():
    doc = _doc(b'{"title": "T", "body": "B", "newslint": {"ignore": ["NL201"]}}', "a.json")
    assert doc.ignore == frozenset({"NL201"})
    assert "newslint" not in doc.data


def test_wrongly_shaped_fields_do_not_hide_the_article():
    doc = _doc(b'{"title": "T", "body": "Body.", "images": "nope", "published_at": 5}', "a.json")
    assert doc.article.title == "T" and doc.article.images == [] and doc.article.published_at is None


def test_fast_schema_gate_agrees_with_jsonschema():
    """jsonschema-rs only gates; it must never call valid what jsonschema calls invalid."""
    import json as _json

    import yaml
    from jsonschema import Draft202012Validator, FormatChecker

    from conftest import ROOT, SHARED
    from newslint.schema import SchemaValidator

    ours = SchemaValidator.load(None)
    schema = _json.loads((ROOT / "schemas" / "article.schema.json").read_text())
    slow = Draft202012Validator(schema, format_checker=FormatChecker())
    instances = [_json.loads(line) for line in (SHARED / "corpus" / "real-dirty.jsonl").open()]
    for case in yaml.safe_load((ROOT / "tests" / "cases" / "NL101.yaml").read_text())["cases"]:
        if "article" in case:
            instances.append(case["article"])
    instances += [{"title": "t", "body": "b", "url": "https://x y"}, {"title": "t", "body": "b", "lang": "en-"},
                  {"title": "t", "body": "b", "images": [{"url": "a b"}]}, {"title": "t", "body": "b", "published_at": "2025-02-30"}]
    for inst in instances:
        assert ours._fast.is_valid(inst) == slow.is_valid(inst), inst.get("id", inst)


def test_find_value_agrees_with_a_full_position_scan():
    """The targeted walk finds every value where the full scan does."""
    from newslint.readers.jsonpos import find_value

    text = json.dumps({
        "title": "T \"q\" {x}", "a/b": 1, "images": [{"url": "u", "credit": None}, {"url": "[v]"}],
        "body": "caf\u00e9 ]}", "nested": {"list": [[1, 2], {"k": "v"}], "e": {}}, "z": [],
    }, indent=2)
    positions = scan_positions(text)
    assert positions
    for pointer, offset in positions.items():
        assert find_value(text, pointer) == offset, pointer
    assert find_value(text, "/missing") is None
    assert find_value(text, "/images/5") is None
    assert find_value(text, "/z/0") is None


def test_escape_index_matches_the_walk():
    text = json.dumps({"body": "a\nb \"c\" \u00e9\u00a0\U0001F600 d\\e\tf\n" * 3}, ensure_ascii=True)
    body = json.loads(text)["body"]
    loc = JsonLocator(text)
    start = scan_positions(text)["/body"]
    for i in range(len(body) + 1):
        assert loc._raw_offset(start, i) == raw_offset(text, start, i), i
