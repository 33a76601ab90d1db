"""Field mapping and presets: content repositories as generators write them."""

from __future__ import annotations

from pathlib import Path

from newslint import lint
from newslint.mapping import apply_mapping
from newslint.presets import PRESETS
from newslint.readers import read_file
from newslint.settings import FieldMapping, build_settings


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
