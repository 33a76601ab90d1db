"""``newslint init``: a starter config, with the preset recognised from the site's own config."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from newslint.detect import detect_site

SITES = {
    "hugo": {
        "hugo.toml": 'baseURL = "https://docs.example.org/"\nlanguageCode = "de-de"\ntimeZone = "Europe/Berlin"\n',
        "content/posts/a.md": "",
    },
    "hugo-older-config": {"config.toml": 'baseURL = "https://example.org/"\ntitle = "T"\n', "layouts/x.html": ""},
    "hugo-split-config": {"config/_default/hugo.yaml": "baseURL: https://example.org/\ndefaultContentLanguage: ja\n"},
    "zola": {
        "config.toml": 'base_url = "https://blog.example.org"\ndefault_language = "fr"\n[markdown]\n',
        "themes/t/theme.toml": "",  # Zola has themes too: still Zola, for base_url
    },
    "jekyll": {"_config.yml": "url: https://example.github.io\nbaseurl: /blog\nlang: pt-BR\ntimezone: Asia/Tokyo\n"},
    "astro": {"astro.config.mjs": "export default {}\n"},
    "nextjs": {"next.config.js": "module.exports = {}\n"},
}

EXPECTED = {
    "hugo": ("hugo", {"base_url": "https://docs.example.org/", "default_lang": "de", "timezone": "Europe/Berlin"}),
    "hugo-older-config": ("hugo", {"base_url": "https://example.org/"}),
    "hugo-split-config": ("hugo", {"base_url": "https://example.org/", "default_lang": "ja"}),
    "zola": ("zola", {"base_url": "https://blog.example.org", "default_lang": "fr"}),
    "jekyll": ("jekyll", {"base_url": "https://example.github.io/blog", "default_lang": "pt",
                          "timezone": "Asia/Tokyo"}),
    "astro": ("astro", {}),
    "nextjs": ("nextjs", {}),
}


def _site(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(SITES))
def test_site_recognised_from_its_config(tmp_path, kind):
    _site(tmp_path, SITES[kind])
    guess = detect_site(tmp_path)
    assert guess is not None
    assert (guess.preset, guess.fields) == EXPECTED[kind]


def test_unknown_folder_and_broken_config_are_not_guessed(tmp_path):
    assert detect_site(tmp_path) is None
    (tmp_path / "config.toml").write_text("title = 'no address: not a site config we know'\n", encoding="utf-8")
    assert detect_site(tmp_path) is None
    (tmp_path / "_config.yml").write_text("url: [unclosed\n", encoding="utf-8")
    broken = detect_site(tmp_path)  # a broken _config.yml is read as empty, not a crash
    assert (broken.preset, broken.fields) == ("jekyll", {})


def test_init_writes_a_config_that_loads_and_reads_the_site(in_tmp):
    _site(in_tmp, SITES["hugo"])
    (in_tmp / "content/posts/a.md").write_text(
        "---\ntitle: Ein Beitrag\ndate: 2024-05-14T09:30:00\nurl: /posts/a/\n---\nDer Text des Beitrags.\n",
        encoding="utf-8")
    proc = run_cli("init", cwd=in_tmp)
    assert proc.returncode == 0, proc.stderr
    assert "recognised a hugo site from hugo.toml" in proc.stdout.decode()
    text = (in_tmp / "newslint.toml").read_text("utf-8")
    assert 'preset = "hugo"' in text and 'base-url = "https://docs.example.org/"' in text
    shown = json.loads(run_cli("config", "--format", "json", cwd=in_tmp).stdout)["settings"]
    assert shown["fields"]["value"]["timezone"] == "Europe/Berlin"
    report = json.loads(run_cli("check", ".", "--select", "NL1", "--format", "json", cwd=in_tmp).stdout)
    assert report["findings"] == []  # the offset-less date is read in the site's zone
    assert run_cli("init", cwd=in_tmp).returncode == 2  # never overwrites without --force


def test_init_with_an_explicit_preset_does_not_look(in_tmp):
    _site(in_tmp, SITES["jekyll"])
    proc = run_cli("init", "--preset", "zola", cwd=in_tmp)
    assert proc.returncode == 0
    text = (in_tmp / "newslint.toml").read_text("utf-8")
    assert 'preset = "zola"' in text and "base-url" not in text


def test_check_without_config_reads_a_recognised_site_with_its_preset(in_tmp):
    """No newslint.toml anywhere: at a Jekyll site's root, check reads front matter the
    Jekyll way (date from 'date', the file name's date), and says so once on stderr."""
    _site(in_tmp, SITES["jekyll"])
    post = in_tmp / "_posts" / "2024-05-14-ferry.md"
    post.parent.mkdir()
    post.write_text("---\ntitle: Ferry\ndate: 2024-05-14 09:30:00 +0900\n---\nThe ferry ran late last week.\n",
                    encoding="utf-8")
    proc = run_cli("check", ".", "--select", "NL1,NL401", "--format", "json", cwd=in_tmp)
    assert "read as a jekyll site (recognised from _config.yml)" in proc.stderr.decode()
    (finding,) = json.loads(proc.stdout)["findings"]
    assert finding["code"] == "NL401" and "published 2024-05-14" in finding["message"]
    isolated = run_cli("check", ".", "--select", "NL1,NL401", "--format", "json", "--isolated", cwd=in_tmp)
    assert "recognised" not in isolated.stderr.decode()
    assert "published 2024-05-14" not in isolated.stdout.decode()  # no mapping: 'date' is not read
    (in_tmp / "newslint.toml").write_text('select = ["NL1"]\n', encoding="utf-8")
    assert "recognised" not in run_cli("check", ".", cwd=in_tmp).stderr.decode()  # a config wins
