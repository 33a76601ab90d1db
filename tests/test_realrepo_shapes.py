"""Content repositories as they really are: the shapes met in public Jekyll, Hugo,
Zola and Next.js blogs, rebuilt here with invented text.

Each test names the shape (a quirk of front matter, a date spelling, an MDX
construct), writes a small synthetic file in that shape and checks that the
reader and the field mapping read it as the generator does, and that no rule
raises a false alarm because of the shape alone.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from newslint import lint
from newslint.engine import discover
from newslint.readers import read_file
from newslint.readers.textview import markdown_view
from newslint.settings import ConfigError, build_settings


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _run(folder: Path, monkeypatch, config: dict, select: list[str] | None = None):
    settings, _ = build_settings({**config, **({"select": select} if select else {})}, {}, "test")
    monkeypatch.chdir(folder)
    return lint(["."], settings).findings


def _doc(path: Path, config: dict, root: Path | None = None):
    settings, _ = build_settings(config, {}, "test")
    display = path.relative_to(root).as_posix() if root else path.name
    (doc,) = list(read_file(str(path), display, "markdown", settings.fields))
    return doc


def _codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


# ------------------------------------------------------------- front matter


def test_hugo_blank_line_before_front_matter(tmp_path, monkeypatch):
    # Hugo skips blank lines before the opening fence; a docs site had one.
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "index.md").write_text(
        "\n---\ndate: 2019-07-25\ntitle: \"Release 9.9\"\ncategories: [\"Releases\"]\nlang: 5\n---\n\n\t\n"
        "The release is out and it is good.\n", encoding="utf-8")
    doc = _doc(tmp_path / "news" / "index.md", {"preset": "hugo"})
    assert doc.article.title == "Release 9.9"
    assert doc.data["published_at"] == "2019-07-25"
    assert doc.body.lstrip().startswith("The release is out")
    findings = _run(tmp_path, monkeypatch, {"preset": "hugo"}, ["NL1"])
    # the one schema finding points at the front-matter line of `lang` (line 6), not line 5
    assert [(f.code, f.pointer, f.line) for f in findings] == [("NL101", "/lang", 6)]
    body = lint(["news/index.md"], build_settings({"preset": "hugo", "select": ["NL1"]}, {}, "t")[0])
    assert body.findings == findings


def test_front_matter_start_skips_the_blank_lines():
    from newslint.readers.markdown_reader import front_matter_start, split_front_matter

    text = "\n\n---\ntitle: T\n---\nBody\n"
    kind, front, body, body_line = split_front_matter(text, "x.md")
    assert (kind, front, body, body_line) == ("yaml", "title: T", "Body\n", 6)
    assert text[front_matter_start(text):].startswith("title: T")
    # without a fence the blank lines are body, as before
    assert split_front_matter("\n\nJust text\n", "x.md") == ("", "", "\n\nJust text\n", 1)


def test_fix_in_a_file_with_blank_lines_before_front_matter():
    from newslint.fixer import edit_markdown_file
    from newslint.model import Edit

    text = "\n---\ntitle: T\n---\nHello  world\n"
    body = "Hello  world\n"
    start = body.index("  ")
    out = edit_markdown_file(text, [Edit(pointer="/body", start=start, end=start + 2, replacement=" ")])
    assert out == "\n---\ntitle: T\n---\nHello world\n"


def test_toml_front_matter_error_has_its_line(tmp_path, monkeypatch):
    _write(tmp_path, {"post.md": '\n+++\ntitle = "T"\nbad = = 1\npath = "2024/05/14/x"\n+++\nBody.\n'})
    (finding,) = _run(tmp_path, monkeypatch, {"preset": "zola"}, ["NL100"])
    assert finding.line == 4


def test_section_index_pages_are_not_articles(tmp_path, monkeypatch):
    # Hugo and Zola `_index.md` files describe a list of posts: no body, often no date.
    _write(tmp_path, {
        "content/blog/_index.md": '+++\ntitle = "Blog"\nsort_by = "date"\n+++\n',
        "content/blog/2024-05-14_first.md": '+++\ntitle = "First"\n+++\nA first post with a body.\n',
        "content/about.md": '+++\ntitle = "About"\n+++\n',
    })
    findings = _run(tmp_path, monkeypatch, {"preset": "zola", "extend_exclude": ["about.md"]}, ["NL1"])
    assert findings == []
    settings, _ = build_settings({"preset": "hugo", "extend-exclude": ["drafts"]}, {}, "t")
    assert settings.extend_exclude[0] == "_index.md" and settings.extend_exclude[-1] == "drafts"
    assert "layouts" in settings.extend_exclude  # the preset's own stay: the user extends them


def test_a_site_walk_reads_content_not_templates_or_repository_files(tmp_path, monkeypatch):
    """A new user runs ``newslint check .`` at the root of a Hugo site: templates,
    data, hidden folders and the repository's README/LICENSE/package.json are not articles."""
    _write(tmp_path, {
        "content/posts/2024-05-14-first.md": "---\ntitle: First\ndate: 2024-05-14\n---\nA post.\n",
        "layouts/robots.txt": "User-agent: *\nDisallow: /\n",
        "data/authors.json": '{"jane": {"name": "Jane"}}',
        "archetypes/default.md": "---\ntitle: '{{ replace .Name \"-\" \" \" | title }}'\n---\n",
        ".vscode/extensions.json": '{"recommendations": []}',
        "README.md": "# Our site\n",
        "LICENSE.md": "MIT\n",
        "package.json": '{"name": "site"}',
    })
    settings, _ = build_settings({"preset": "hugo"}, {}, "t")
    monkeypatch.chdir(tmp_path)
    found = [display for _, display, _ in discover(["."], settings)]
    assert found == ["content/posts/2024-05-14-first.md"]
    # named on the command line, a file is read all the same
    assert [d for _, d, _ in discover(["README.md"], settings)] == ["README.md"]


def test_hugo_page_bundles_and_headless_pages(tmp_path, monkeypatch):
    """A folder with index.md is one page: bio.md beside it (pulled in by a shortcode) is a
    resource; a headless bundle renders no page; JSON in a Hugo site is data, not articles."""
    _write(tmp_path, {
        "content/showcase/acme/index.md": "---\ntitle: Acme\ndate: 2024-05-14\n---\nAcme builds with Hugo.\n",
        "content/showcase/acme/bio.md": "Acme is a company without front matter.\n",
        "content/showcase/acme/notes/extra.md": "A nested resource.\n",
        "content/showcase/_index.md": "---\ntitle: Showcase\n---\n",
        "content/posts/plain.md": "---\ntitle: Plain\ndate: 2024-05-15\n---\nA post outside any bundle.\n",
        "content/snippets/index.md": "---\nheadless: true\n---\n",
        "content/snippets/install.md": "Run the installer.\n",
        "hugo_stats.json": '{"htmlElements": {"tags": ["a"]}}',
    })
    settings, _ = build_settings({"preset": "hugo"}, {}, "t")
    monkeypatch.chdir(tmp_path)
    found = sorted(display for _, display, _ in discover(["."], settings))
    assert found == ["content/posts/plain.md", "content/showcase/acme/index.md", "content/snippets/index.md"]
    report = lint(["."], settings)
    assert report.articles == 2 and report.findings == []  # the headless index is no article
    # without the preset, the same folder is read file by file
    plain, _ = build_settings({}, {}, "t")
    assert len(list(discover(["."], plain))) == 8


def test_zola_site_root_is_read_from_content(tmp_path, monkeypatch):
    """Zola (and Hugo) read pages from content/ only: notes at the site root are not posts,
    and naming a folder below content/ still reads it."""
    _write(tmp_path, {
        "content/blog/2024-05-14_first.md": '+++\ntitle = "First"\n+++\nA post.\n',
        "NOTES.md": "# Release checklist\n",
        "docs/setup.md": "How to run the site locally.\n",
    })
    settings, _ = build_settings({"preset": "zola"}, {}, "t")
    monkeypatch.chdir(tmp_path)
    assert [d for _, d, _ in discover(["."], settings)] == ["content/blog/2024-05-14_first.md"]
    assert [d for _, d, _ in discover(["docs"], settings)] == ["docs/setup.md"]  # no content/ there: all of it


# ------------------------------------------------------------- dates


@pytest.mark.parametrize(("name", "front", "expected"), [
    # Jekyll: quoted, with seconds and a numeric zone
    ("2018-09-19-fix.md", 'date: "2018-09-19 18:00:00 +0530"', "2018-09-19T18:00:00+05:30"),
    # Jekyll: no date key, the file name has it
    ("2014-05-06-turns-two.md", "title: x", "2014-05-06"),
    # Next.js starters: ISO with milliseconds and Z
    ("hello.md", 'date: "2020-03-16T05:35:07.322Z"', "2020-03-16T05:35:07.322Z"),
    # YAML date object
    ("a.md", "date: 2015-03-20", "2015-03-20"),
])
def test_generator_date_spellings(tmp_path, name, front, expected):
    _write(tmp_path, {name: f"---\ntitle: T\n{front}\n---\nBody.\n"})
    doc = _doc(tmp_path / name, {"preset": "jekyll"})
    assert doc.data["published_at"] == expected
    assert doc.article.published_at is not None


def test_site_time_zone_places_naive_date_times(tmp_path, monkeypatch):
    # A Japanese Jekyll blog writes `date : 2015-04-14T23:06`; the zone is in _config.yml.
    _write(tmp_path, {
        "_posts/2015-04-14-links.md": "---\ntitle: T\ndate : 2015-04-14T23:06\n---\n本文です。\n",
        "_posts/2015-04-20-day.md": "---\ntitle: U\ndate: 2015-04-20\n---\n本文です。\n",
    })
    loose = _run(tmp_path, monkeypatch, {"preset": "jekyll"}, ["NL104"])
    assert [f.code for f in loose] == ["NL104"]
    config = {"preset": "jekyll", "fields": {"timezone": "Asia/Tokyo"}}
    assert _run(tmp_path, monkeypatch, config, ["NL104"]) == []
    doc = _doc(tmp_path / "_posts" / "2015-04-14-links.md", config)
    assert doc.data["published_at"] == "2015-04-14T23:06:00+09:00"
    assert _doc(tmp_path / "_posts" / "2015-04-20-day.md", config).data["published_at"] == "2015-04-20"
    offset = _doc(tmp_path / "_posts" / "2015-04-14-links.md",
                  {"preset": "jekyll", "fields": {"timezone": "-0500"}})
    assert offset.data["published_at"].endswith("-05:00")


def test_unknown_time_zone_is_a_config_error():
    with pytest.raises(ConfigError, match="Mars/Olympus"):
        build_settings({"fields": {"timezone": "Mars/Olympus"}}, {}, "newslint.toml")


def test_us_date_spelling_gets_one_finding_with_the_fix(tmp_path, monkeypatch):
    # A Next.js blog writes date: '06-15-2020' in some posts.
    _write(tmp_path, {"_blog/x.mdx": "---\ntitle: T\ndate: '06-15-2020'\n---\nBody text.\n"})
    (finding,) = _run(tmp_path, monkeypatch, {"preset": "nextjs"}, ["NL1"])
    assert finding.code == "NL106" and "'%m-%d-%Y'" in finding.message
    # the user's one line adds to the preset's spellings instead of replacing them
    fixed = {"preset": "nextjs", "fields": {"date_formats": ["%m-%d-%Y"]}}
    assert _run(tmp_path, monkeypatch, fixed, ["NL1"]) == []
    settings, _ = build_settings({"preset": "jekyll", "fields": {"date_formats": ["%d.%m.%Y"]}}, {}, "t")
    assert settings.fields.date_formats[0] == "%d.%m.%Y"
    assert "%Y-%m-%d %H:%M:%S %z" in settings.fields.date_formats


def test_month_only_file_name_gives_no_date(tmp_path):
    # Old posts migrated with the day unknown are named 2015-03-00-title.md.
    _write(tmp_path, {"2015-03-00-welcome.md": "---\ntitle: T\n---\nBody.\n"})
    doc = _doc(tmp_path / "2015-03-00-welcome.md", {"preset": "hugo"})
    assert "published_at" not in doc.data


@pytest.mark.parametrize("name", ["2024-05-14_slug.md", "2024-05-14-slug/index.md"])
def test_zola_dates_from_file_and_bundle_names(tmp_path, name):
    _write(tmp_path, {name: '+++\ntitle = "T"\n+++\nBody.\n'})
    assert _doc(tmp_path / name, {"preset": "zola"}, tmp_path).data["published_at"] == "2024-05-14"


def test_zola_path_key_with_a_section_prefix(tmp_path):
    _write(tmp_path, {"p.md": '+++\ntitle = "T"\npath = "inside/2026/07/07/notes"\n+++\nBody.\n'})
    assert _doc(tmp_path / "p.md", {"preset": "zola"}).data["published_at"] == "2026-07-07"


# ------------------------------------------------------------- other fields


def test_jekyll_singular_category_and_hugo_author(tmp_path):
    _write(tmp_path, {
        "2013-07-14-release.md": "---\ntitle: T\ncategory: release\nauthor: someone\n---\nB\n",
        "post.md": "---\ntitle: T\nauthor: bep\ncategories: [blog]\nlastmod: 2020-01-02\n---\nB\n",
    })
    jekyll = _doc(tmp_path / "2013-07-14-release.md", {"preset": "jekyll"})
    assert jekyll.data["section"] == "release" and jekyll.data["authors"] == ["someone"]
    hugo = _doc(tmp_path / "post.md", {"preset": "hugo"})
    assert hugo.data["authors"] == ["bep"] and hugo.data["section"] == "blog"
    assert hugo.data["updated_at"] == "2020-01-02"


def test_nextjs_author_object_and_cover_fields(tmp_path, monkeypatch):
    _write(tmp_path, {"_posts/hello.md": """\
        ---
        title: "Hello"
        excerpt: "A short summary."
        coverImage: "/assets/blog/hello/cover.jpg"
        date: "2020-03-16T05:35:07.322Z"
        author:
          name: Jane Roe
          picture: "/assets/blog/authors/jane.jpeg"
        ogImage:
          url: "/assets/blog/hello/cover.jpg"
        ---

        Some body text for the post.
        """})
    doc = _doc(tmp_path / "_posts" / "hello.md", {"preset": "nextjs"})
    assert doc.data["authors"] == ["Jane Roe"] and doc.data["summary"] == "A short summary."
    assert _run(tmp_path, monkeypatch, {"preset": "nextjs"}, ["NL1", "NL3"]) == []


def test_hugo_images_are_paths(tmp_path, monkeypatch):
    _write(tmp_path, {"p.md": "---\ntitle: T\ndate: 2017-07-24T18:36:00+02:00\nimages:\n- images/card.png\n---\nB\n"})
    doc = _doc(tmp_path / "p.md", {"preset": "hugo"})
    assert doc.data["images"] == [{"url": "images/card.png"}]
    assert "NL101" not in _codes(_run(tmp_path, monkeypatch, {"preset": "hugo"}, ["NL1"]))


def test_site_relative_url(tmp_path, monkeypatch):
    """A permalink in front matter is site-relative by convention: quiet. In a JSON
    record (a scrape) a relative url lost its host: NL101, with the base_url hint."""
    _write(tmp_path, {"p.md": "---\ntitle: T\ndate: 2020-06-15\nurl: /blog/2020/06/better-docs/\n---\nB\n",
                      "r.json": '{"title": "T", "body": "B", "url": "/news/2020/lost-host/"}'})
    both = {"preset": "hugo", "include": ["*.md", "*.json"]}  # the preset alone reads Markdown only
    (finding,) = _run(tmp_path, monkeypatch, both, ["NL1"])
    assert finding.path.endswith("r.json")
    assert finding.pointer == "/url" and "base_url" in finding.message
    config = {"preset": "hugo", "fields": {"base_url": "https://docs.example.org/"}}
    assert _run(tmp_path, monkeypatch, config, ["NL1"]) == []
    doc = _doc(tmp_path / "p.md", config)
    assert doc.data["url"] == "https://docs.example.org/blog/2020/06/better-docs/"


# ------------------------------------------------------------- bodies


def test_mdx_esm_jsx_and_expressions_are_not_prose():
    body = textwrap.dedent("""\
        import { Chart } from '@/components/Chart'
        import shot from './shot.png'

        export const meta = {
          title: 'A release',
          description: `Everything that shipped, with a new engine.`,
          authors: [someone],
        }

        import duties on steel rose in the spring
        export controls were tightened, the minister said.

        <Quote img="face.png" caption="Jane Roe - Maker of things">
          The new bench by the river is my favourite place to read.
        </Quote>

        <iframe
          className="w-full"
          src="https://video.example/embed/x"
          allowfullscreen
        ></iframe>

        {/* a note to editors */}

        <div className="mt-4">{props.children}</div> and {new Date().getFullYear()}

        Use `{{ .Token }}` in the template. A set {1, 2} stays.
        """)
    prose, lines = markdown_view(body)
    text = [ln.text.strip() for ln in lines if ln.text.strip()]
    assert text == [
        "import duties on steel rose in the spring",
        "export controls were tightened, the minister said.",
        "The new bench by the river is my favourite place to read.",
        "and",
        "Use                in the template. A set {1, 2} stays.",
    ]
    assert len(prose) == len(body)


def test_kramdown_attribute_lists_and_comments_are_not_prose():
    body = "A note for readers.\n{: .note}\n\n{::comment}\nleft for later\n{:/comment}\n\nMore text.\n"
    _, lines = markdown_view(body)
    assert [ln.text.strip() for ln in lines if ln.text.strip()] == ["A note for readers.", "More text."]


def test_translated_post_keeps_the_original_in_comments(tmp_path, monkeypatch):
    # Translated Hugo posts keep the English original in HTML comments, next to each paragraph.
    _write(tmp_path, {"p.md": """\
        ---
        title: '图书馆读书会'
        date: 2018-12-05
        ---
        <!--
        Last weekend the village library held its first reading evening, and more neighbours came than there were chairs for.
         -->

        上个周末，村里的图书馆举办了第一次读书晚会，来的邻居比椅子还多。大家轮流朗读自己喜欢的段落，一直聊到很晚，馆长说明年春天还要再办一次。
        """})
    findings = _run(tmp_path, monkeypatch, {"preset": "hugo", "fields": {"default_lang": "zh-CN"}}, ["NL7"])
    assert findings == []


def test_chinese_paragraph_naming_people_in_latin_script(tmp_path, monkeypatch):
    names = "、".join(["Marta Kowal", "Ines Duarte", "Oskar Lind", "Priya Nair", "Tomas Berg",
                       "Lena Vogt", "Ravi Menon", "Jane Roe"])
    para = ("今年的骑行俱乐部换了新的路线，从河边出发，经过三座小桥，最后在山脚下的茶馆休息。这次活动用中文和英文两种语言介绍路线。"
            f"带队的志愿者来自不同的国家：{names}。除了带路和修车以外，他们还把安全守则翻译成了好几种语言，放在每个补给站。")
    _write(tmp_path, {"p.md": f"---\ntitle: 骑行\ndate: 2018-12-05\n---\n\n{para}\n\n{para}\n"})
    assert _run(tmp_path, monkeypatch, {"preset": "hugo", "fields": {"default_lang": "zh"}}, ["NL7"]) == []


def test_a_list_of_names_is_not_a_paragraph(tmp_path, monkeypatch):
    # A list of names, handles and companies is not a paragraph in any language.
    items = "\n".join(f"* **{n} ([@{n.split()[0].lower()}]), {c}**"
                      for n, c in [("Anna Berg", "Acme Corp"), ("Derek Stone", "Red Peak"),
                                   ("Nika Rao", "Blue Fjord"), ("Paul Ortiz", "Globex"),
                                   ("Joe Bright", "Initech"), ("Sara Novak", "Umbrella Labs"),
                                   ("Liam Frost", "Northwind"), ("Maya Lund", "Stark Works"),
                                   ("Omar Haddad", "Wayne Tools"), ("Eva Marsh", "Hooli")])
    links = "\n".join(f"- [{n}](https://example.org/docs/auth/{n.lower()}) ([@{h}](https://github.com/{h}))"
                      for n, h in [("AcmeID", "alice-dev"), ("Paperline", "bob42"),
                                   ("Meetly", "carol-k"), ("Gatekeep", "dan-o"),
                                   ("Loginly", "erin-s"), ("Keyhole", "frank-t"),
                                   ("Passport", "gina-w"), ("Doorman", "hal-9"),
                                   ("Turnstile", "ivy-r"), ("Lanyard", "jon-b")])
    zh = "图书馆的所有志愿者现在都由读者推选产生。下一次推选将选出三到四名志愿者，任期两年，感谢所有参与投票的读者和报名的志愿者。"
    en = ("The community chose a new committee this year, and the members below will serve two-year "
          "terms that start immediately, working on the backlog with every team that asks for help.")
    _write(tmp_path, {
        "zh.md": f"---\ntitle: 结果\ndate: 2019-10-03\n---\n\n{zh}\n\n{links}\n\n{zh}\n\n{items}\n",
        "en.md": f"---\ntitle: Providers\ndate: 2022-03-28\n---\n\n{en}\n\n{links}\n\n{en}\n\n{items}\n",
    })
    zh_only = {"preset": "hugo", "extend_exclude": ["en.md"], "fields": {"default_lang": "zh"}}
    assert _run(tmp_path, monkeypatch, zh_only, ["NL702"]) == []
    en_only = {"preset": "hugo", "extend_exclude": ["zh.md"], "fields": {"default_lang": "en"}}
    assert _run(tmp_path, monkeypatch, en_only, ["NL702"]) == []


def test_a_real_mixed_language_list_item_still_counts(tmp_path, monkeypatch):
    # Splitting lists into items must not hide a long item in another language.
    es = ("El ayuntamiento aprobó ayer un nuevo plan para mejorar el transporte público en la ciudad, "
          "y según el alcalde los autobuses pasarán con más frecuencia y las tarifas bajarán pronto "
          "para los estudiantes y los jubilados de todos los barrios.")
    en = ("The city council approved a new plan yesterday to improve public transport across the city, "
          "and according to the mayor the buses will run more often and fares will fall for students.")
    _write(tmp_path, {"p.md": f"---\ntitle: T\ndate: 2024-05-14\n---\n\n{en}\n\n- {es}\n- short item\n\n{en}\n"})
    findings = _run(tmp_path, monkeypatch, {"preset": "hugo", "fields": {"default_lang": "en"}}, ["NL702"])
    assert [f.code for f in findings] == ["NL702"] and findings[0].line == 8


def test_image_alt_text_is_not_a_line_of_prose(tmp_path, monkeypatch):
    # A travel post names a photo of the menu "menu": that is no "Menu" navigation line.
    _write(tmp_path, {"p.mdx": "---\ntitle: Cafe\ndate: '2014-10-12'\n---\n\nWe sat down for the afternoon.\n\n"
                               "![menu](https://img.example/2014/30789692123.jpg)\n\n"
                               "[![badge](https://img.example/b.svg)](https://example.org/c) Prices were fair.\n"})
    assert _run(tmp_path, monkeypatch, {"preset": "nextjs"}, ["NL2"]) == []
    _, lines = markdown_view("![menu](a.jpg) and ![alt][ref] end.\n")
    assert lines[0].text.split() == ["and", "end."]


def test_undeclared_chinese_article_is_judged_by_its_script(tmp_path, monkeypatch):
    # With no `lang`, the article's own language is guessed. langdetect reads a Chinese
    # page that names people in Latin script as Vietnamese or Norwegian, and then every
    # paragraph "differed" from that guess.
    groups = [["Marta Kowalczyk", "Ines Duarte Silva", "Oskar Lindqvist", "Priya Narayanan"],
              ["Tomas Bergström", "Lena Vogelsang", "Ravi Menon Kumar", "Hugo Steinberg"],
              ["Clara Mossberg", "Felix Brandtner", "Nora Quinnell", "Ivan Petrovsky"]]
    tail = (" 将成为新成立的组织团队的成员，任期两年，负责俱乐部的日常管理、路线改进与未来规划的工作，并定期与会员见面交流。"
            "会员们都很期待。报名的人数比去年多了不少，大家都准备好了新的车子和头盔。")
    paras = ["、".join(g) + tail for g in groups] + [
        "俱乐部将每月举行一次例会，讨论下一阶段的路线和装备。早期的工作包括整理会员名单，完善安全守则，"
        "记录每次骑行的里程和天气，以及联系沿途的补给站。"]
    _write(tmp_path, {"p.md": "---\ntitle: 结果\ndate: 2017-10-05\n---\n\n" + "\n\n".join(paras) + "\n"})
    assert _run(tmp_path, monkeypatch, {"preset": "hugo"}, ["NL7"]) == []


def test_the_script_answers_before_langdetect_for_cjk_text():
    from types import SimpleNamespace

    from newslint.rules.language import Options, _Judge

    asked = []
    ctx = SimpleNamespace(services=SimpleNamespace(detect_language=lambda t: asked.append(t) or None))
    judge = _Judge(ctx, Options())
    text = ("自 2015 年成立以来，俱乐部的会员一直在共同努力。请欢迎 Marta Kowal、Oskar Lind、"
            "Priya Nair 和 Tomas Berg，他们将成为新一届的组织者。")
    guess = judge.guess(text)
    assert (guess.base, guess.prob, asked) == ("zh", 1.0, [])
    assert judge.guess("A plain English sentence about the weather.") is None and len(asked) == 1


def test_undeclared_language_is_named_cheaply_when_the_function_words_say_so():
    from types import SimpleNamespace

    from newslint.packs import load_packs
    from newslint.rules.language import Options, _Judge

    asked = []
    ctx = SimpleNamespace(packs=load_packs([]),
                          services=SimpleNamespace(detect_language=lambda t: asked.append(t) or None))
    judge = _Judge(ctx, Options())
    english = ("The city council approved a new plan yesterday to improve public transport across the city. "
               "According to the mayor, buses will run more often and fares will fall for students.")
    assert judge.reference(english).base == "en" and asked == []
    # Italian is dense enough in French function words to pass the confirming test,
    # not to be named French: that is left to langdetect.
    italian = ("Il governo ha annunciato ieri un nuovo piano per migliorare il trasporto pubblico in città. "
               "Secondo il sindaco, gli autobus passeranno più spesso e le tariffe scenderanno per gli studenti.")
    judge.reference(italian)
    assert asked == [italian]
