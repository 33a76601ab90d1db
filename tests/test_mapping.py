"""Field mapping and presets: content repositories as generators write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import lint
from newslint.mapping import apply_mapping
from newslint.presets import PRESETS
from newslint.readers import read_file
from newslint.settings import ConfigError, FieldMapping, build_settings


def _read(path: Path, settings_data: dict):
    settings, _ = build_settings(settings_data, {}, "test")
    (doc,) = list(read_file(str(path), path.name, "markdown" if path.suffix == ".md" else "json", settings.fields))
    return doc


def test_rename_nested_and_split():
    mapping = FieldMapping(body="content", section="extra.team", authors="author", split={"tags": ","})
    mapped = apply_mapping(
        {"title": "T", "content": "Body", "extra": {"team": "Sport"}, "author": "Jane Doe", "tags": "a, b,,c"},
        mapping, "x.json",
    )
    assert mapped.data["body"] == "Body" and "content" not in mapped.data
    assert mapped.data["section"] == "Sport"
    assert mapped.data["authors"] == ["Jane Doe"]
    assert mapped.data["tags"] == ["a", "b", "c"]
    assert mapped.pointer_map == {"/body": "/content", "/section": "/extra/team", "/authors": "/author"}


def test_jekyll_preset_reads_date_spelling_and_file_name(tmp_path):
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2024-05-14-slug.md").write_text(
        "---\ntitle: T\ndate: 2024-05-14 09:30:00 +0000\nauthor: Jane\ntags: one two\n---\nBody.\n")
    (posts / "2024-06-01-undated.md").write_text("---\ntitle: U\n---\nBody.\n")
    doc = _read(posts / "2024-05-14-slug.md", {"preset": "jekyll"})
    assert doc.data["published_at"] == "2024-05-14T09:30:00+00:00"
    assert doc.article.published_at.utcoffset().total_seconds() == 0
    assert doc.data["authors"] == ["Jane"] and doc.data["tags"] == ["one", "two"]
    undated = _read(posts / "2024-06-01-undated.md", {"preset": "jekyll"})
    assert undated.data["published_at"] == "2024-06-01"


def test_zola_preset_toml_front_matter_and_path_key(tmp_path):
    (tmp_path / "post.md").write_text(
        '+++\ntitle = "T"\npath = "2024/05/14/slug"\n[taxonomies]\ntags = ["rust"]\n'
        'categories = ["Engineering"]\n+++\nBody.\n')
    doc = _read(tmp_path / "post.md", {"preset": "zola"})
    assert doc.data["published_at"] == "2024-05-14"
    assert doc.data["tags"] == ["rust"]
    assert doc.data["section"] == "Engineering"


def test_hugo_preset_dates_from_yaml_objects(tmp_path):
    (tmp_path / "p.md").write_text("---\ntitle: T\ndate: 2024-05-14T09:30:00+02:00\nlastmod: 2024-05-15\n---\nB\n")
    doc = _read(tmp_path / "p.md", {"preset": "hugo"})
    assert doc.data["published_at"] == "2024-05-14T09:30:00+02:00"
    assert doc.data["updated_at"] == "2024-05-15"


def test_url_template_and_default_lang(tmp_path):
    (tmp_path / "2024-05-14-my-post.md").write_text("---\ntitle: T\n---\nB\n")
    doc = _read(tmp_path / "2024-05-14-my-post.md", {
        "fields": {"url_template": "https://blog.example/{year}/{month}/{slug}/",
                   "date_from_path": PRESETS["jekyll"]["fields"]["date_from_path"],
                   "default_lang": "de"}})
    assert doc.data["url"] == "https://blog.example/2024/05/my-post/"
    assert doc.data["lang"] == "de"


def test_url_template_names_article_fields_and_refuses_unknown_placeholders(tmp_path):
    """Multilingual Jekyll permalinks (/:lang/news/…) need the article's lang; a placeholder
    that names nothing is a config error, not a silently missing url."""
    (tmp_path / "2024-05-14-release.md").write_text("---\ntitle: T\nlang: fr\n---\nB\n")
    fields = {"url_template": "https://www.example.org/{lang}/news/{year}/{month}/{day}/{slug}/",
              "date_from_path": PRESETS["jekyll"]["fields"]["date_from_path"]}
    doc = _read(tmp_path / "2024-05-14-release.md", {"fields": fields})
    assert doc.data["url"] == "https://www.example.org/fr/news/2024/05/14/release/"
    with pytest.raises(ConfigError, match=r"unknown placeholder \{language\}"):
        build_settings({"fields": {"url_template": "https://x.org/{language}/{slug}/"}}, {}, "test")


def test_renamed_field_location_in_front_matter(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: T\nextra:\n  team: 5\n---\nBody.\n")
    settings, _ = build_settings({"fields": {"section": "extra.team"}, "select": ["NL101"]}, {}, "t")
    import os

    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        report = lint(["a.md"], settings)
    finally:
        os.chdir(old)
    (f,) = report.findings
    assert (f.pointer, f.line, f.column) == ("/extra/team", 4, 9)


def test_every_preset_is_valid_settings():
    for name in PRESETS:
        settings, origins = build_settings({"preset": name}, {}, "t")
        assert origins["fields"] == f"preset {name}"


@pytest.mark.parametrize("written, read", [
    ("2013-06-30 23:59:59 UTC", "2013-06-30T23:59:59+00:00"),   # Jekyll: Ruby's Time.parse takes these
    ("2014-01-10 0:00:0 UTC", "2014-01-10T00:00:00+00:00"),
    ("2013-06-30 23:59:59 +0900", "2013-06-30T23:59:59+09:00"),
    ("2013-06-30T23:59:59 GMT", "2013-06-30T23:59:59+00:00"),
    ("2013-6-3 7:05", "2013-06-03T07:05:00"),                   # no zone: NL104's to report
    ("2013-06-30", "2013-06-30"),
])
def test_generator_date_spellings(written, read):
    mapped = apply_mapping({"title": "T", "date": written}, FieldMapping(**PRESETS["jekyll"]["fields"]), "p.md")
    assert mapped.data["published_at"] == read and mapped.problems == ()


@pytest.mark.parametrize("written", ["2013-06-30 23:59:59 +2500", "2013-06-30 23:59:59 -2400",
                                     "2013-06-30 24:00", "2013-02-30 10:00 UTC"])
def test_impossible_generator_dates_are_unread_not_a_crash(written):
    mapped = apply_mapping({"title": "T", "date": written}, FieldMapping(**PRESETS["jekyll"]["fields"]), "p.md")
    assert [name for name, _ in mapped.problems] == ["published_at"]  # NL106, the run goes on


def test_unreadable_date_is_reported_and_the_file_name_date_used(tmp_path):
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2013-06-30-release.md").write_text("---\ntitle: T\ndate: 2013-02-30 10:00:00 UTC\n---\nBody.\n")
    doc = _read(posts / "2013-06-30-release.md", {"preset": "jekyll"})
    assert [name for name, _ in doc.reader_hits] == ["published_at"]  # NL106 says so
    assert doc.data["published_at"] == "2013-06-30"  # and the rules date the post as Jekyll does
    json_doc = apply_mapping({"title": "T", "date": "yesterday-ish"}, FieldMapping(**PRESETS["jekyll"]["fields"]),
                             "p.json")
    assert json_doc.data["published_at"] == "yesterday-ish"  # no file-name date: left for the schema
