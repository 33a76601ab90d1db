"""Line-level residue (NL201–NL210): the seed's residue rows, fixes, shapes, packs, the eval script.

The YAML cases (``tests/cases/NL20*.yaml``, ``NL210.yaml``) test each rule on
snippets; this file checks what needs a whole document or the machinery:
the seed page line by line, safe fixes applied by ``newslint fix``, the
script-independent line shape, the lexicon packs and the measurement script.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import newslint
from newslint.rules import residue_linekit as kit
from newslint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_813457151d160e46.txt"
EXAMPLES = ROOT / "examples"
LINE_CODES = [f"NL{n}" for n in range(201, 211)]


def _lint(path: Path, select=None):
    settings = Settings(select=select or LINE_CODES, cache=False, links="off")
    return newslint.lint([str(path)], settings).findings


def _lines_covered(findings) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for f in findings:
        for line in range(f.line, (f.end_line or f.line) + 1):
            out.setdefault(line, set()).add(f.code)
    return out


# ------------------------------------------------------------------ the seed


@pytest.fixture(scope="module")
def seed_findings():
    path = SEED if SEED.is_file() else EXAMPLES / "seed.txt"
    return _lint(path)


@pytest.mark.parametrize(("line", "code"), [
    (1, "NL201"), (5, "NL205"), (9, "NL207"), (48, "NL201"), (49, "NL201"), (50, "NL205"),
    (52, "NL205"), (58, "NL203"), (59, "NL205"), (61, "NL205"), (67, "NL203"), (68, "NL205"),
    (70, "NL205"), (76, "NL203"), (77, "NL201"),
])
def test_seed_residue_rows_found_on_their_line(seed_findings, line, code):
    on_line = [f for f in seed_findings if f.line == line and f.code == code]
    assert on_line, f"no {code} on seed line {line}: {[(f.line, f.code) for f in seed_findings]}"


def test_seed_teaser_block_covers_the_pasted_articles(seed_findings):
    blocks = [f for f in seed_findings if f.code == "NL209"]
    assert len(blocks) == 1
    assert (blocks[0].line, blocks[0].end_line) == (54, 74)
    assert "More to Read" in blocks[0].message


@pytest.mark.parametrize("line", [3, 7, 16, 24, 46])
def test_seed_story_lines_stay_quiet(seed_findings, line):
    assert line not in _lines_covered(seed_findings)


@pytest.mark.parametrize("name", ["seed.json", "seed.md"])
def test_seed_conversions_get_the_same_rules(name):
    codes = sorted(f.code for f in _lint(EXAMPLES / name))
    txt = sorted(f.code for f in _lint(EXAMPLES / "seed.txt"))
    assert codes == txt


def test_clean_example_is_quiet():
    assert _lint(EXAMPLES / "clean") == []


# ------------------------------------------------------------------ fixes


def test_safe_fixes_remove_chrome_lines_and_are_idempotent(tmp_path):
    target = tmp_path / "seed.txt"
    shutil.copy(EXAMPLES / "seed.txt", target)
    cmd = [sys.executable, "-m", "newslint", "fix", "--isolated", "--no-cache", "--quiet",
           "--select", "NL201", "--select", "NL203", str(target)]
    subprocess.run(cmd, check=False, capture_output=True, cwd=tmp_path)
    fixed = target.read_text("utf-8")
    lines = fixed.split("\n")
    assert "Top" not in lines and "Loading" not in lines and "news" not in lines
    assert "More to Read" not in lines and "View All" not in lines
    assert lines[0] == "Shanghai officials potentially signaling openness to stablecoins"
    assert "Adapting to the stablecoin trend" in lines
    assert not [f for f in _lint(target) if f.code in ("NL201", "NL203")]
    subprocess.run(cmd, check=False, capture_output=True, cwd=tmp_path)
    assert target.read_text("utf-8") == fixed


def test_only_chrome_and_tag_fixes_are_safe(seed_findings):
    for f in seed_findings:
        assert f.fix is not None
        assert (f.fix.applicability == "safe") == (f.code in ("NL201", "NL203")), f


# ------------------------------------------------------------------ line shape


@pytest.mark.parametrize(("text", "units"), [("Top", 3), ("会社概要", 8), ("Диета", 5), ("ＡＢ", 4)])
def test_units_count_wide_characters_twice(text, units):
    assert kit.units(text) == units


@pytest.mark.parametrize(("text", "sentence"), [
    ("本文はここから始まります。", True), ("出国后：国家未来将如何发展？", True), ("He said “no.”", True),
    ("Это конец.", True), ("再起動して完了", False), ("Adapting to the stablecoin trend", False),
])
def test_sentence_ends_in_any_script(text, sentence):
    assert kit.is_sentence(text) is sentence


def test_nav_options_are_honoured(tmp_path):
    body = "Gadgets\nSmartphones\nLaptops\n\nThe company said sales rose in the quarter, helped by phones."
    (tmp_path / "a.txt").write_text(body, "utf-8")
    assert [f.code for f in _lint(tmp_path / "a.txt")] == ["NL204"]
    settings = Settings(select=["NL204"], cache=False, rules={"NL204": {"nav_min_lines": 4}})
    assert newslint.lint([str(tmp_path / "a.txt")], settings).findings == []


def test_unknown_option_is_a_config_error(tmp_path):
    from newslint.settings import ConfigError

    (tmp_path / "a.txt").write_text("Top\n", "utf-8")
    with pytest.raises(ConfigError):
        newslint.lint([str(tmp_path / "a.txt")], Settings(rules={"NL201": {"no_such_option": 1}}))


def test_user_pack_extends_a_lexicon(tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "mine.en.yaml").write_text(yaml.safe_dump({
        "pack": "mine", "lang": "en",
        "lexicons": {"ui-chrome": {"mode": "line", "phrases": ["Tap to expand the map"]}},
    }), "utf-8")
    (tmp_path / "a.txt").write_text("The story.\nTap to expand the map\nMore story.", "utf-8")
    settings = Settings(select=["NL201"], cache=False, rule_packs=[str(packs)])
    found = newslint.lint([str(tmp_path / "a.txt")], settings).findings
    assert [(f.line, f.code) for f in found] == [(2, "NL201")]


# ------------------------------------------------------------------ packs


def test_pack_lexicons_are_ones_the_rules_read():
    known = (set(kit.LINE_LEXICONS) | set(kit.INLINE_LEXICONS) | set(kit.META_LEXICONS)
             | set(kit.ROLE_LEXICONS) | set(kit.BIO_LEXICONS))
    files = sorted((ROOT / "rules").glob("ui-residue.*.yaml")) + sorted((ROOT / "rules").glob("metadata-strips.*.yaml"))
    assert len(files) >= 8
    for path in files:
        data = yaml.safe_load(path.read_text("utf-8"))
        for name, spec in data["lexicons"].items():
            assert name in known, f"{path.name}: lexicon {name!r} is read by no rule"
            for phrase in spec.get("phrases", []):
                assert isinstance(phrase, str), f"{path.name}: {name}: {phrase!r} is not a string (quote it)"


# ------------------------------------------------------------------ the measurement


def test_eval_script_scores_a_labeled_file(tmp_path, capsys):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_residue
    finally:
        sys.path.pop(0)
    body = "Top\nThe council voted on Tuesday to close the bridge for repairs.\nLoading"
    row = {"id": "x-1", "extractor": "demo", "article": {"id": "x-1", "title": "T", "body": body},
           "lines": [{"i": 0, "text": "Top", "label": 1, "kind": "residue"},
                     {"i": 1, "text": body.split("\n")[1], "label": 0, "kind": "body"},
                     {"i": 2, "text": "Loading", "label": 1, "kind": "residue"}]}
    (tmp_path / "extractor-lines.jsonl").write_text(json.dumps(row) + "\n", "utf-8")
    assert eval_residue.main(["--labels", str(tmp_path), "--json", str(tmp_path / "out.json")]) == 0
    numbers = json.loads((tmp_path / "out.json").read_text("utf-8"))["extractor-lines"]
    for scope in ("line residue", "all"):
        assert (numbers[scope]["precision"], numbers[scope]["recall"]) == (1.0, 1.0)
    assert numbers["per_rule"]["NL201"] == {"flagged": 2, "residue": 2, "fp": 0, "only": 2}
    out = capsys.readouterr().out
    assert "| extractor-lines | line residue | 1.000 | 1.000 |" in out


# ------------------------------------------------------------------ shapes of the new rules


@pytest.fixture(scope="module")
def programs():
    from newslint.context import build_context
    from newslint.rules import REGISTRY
    from newslint.settings import build_settings

    settings, _ = build_settings({"select": ["NL2"]}, {}, "test")
    return kit.build_programs(build_context(settings, REGISTRY).packs, "en")


@pytest.mark.parametrize(("text", "credit"), [
    ("An MSC cargo ship leaves PortMiami, on Aug. 31, 2019. (AP)", "(AP)"),
    ("The core stage after the installation of its engines. (credit: NASA/Jane Doe)", "(credit: NASA/Jane Doe)"),
    ("Fleas live on rodents, like rats and rabbits. ( JANE DOE/SCIENCE PHOTO LIBRARY)",
     "( JANE DOE/SCIENCE PHOTO LIBRARY)"),
    ("Rep. Jane Doe speaks at the Capitol on July 25, 2019.John Roe / AP file", "John Roe / AP file"),
    ("Home Depot stock fell after the earnings. Photograph by Jane Doe/AFP/Getty Images",
     "Photograph by Jane Doe/AFP/Getty Images"),
    ("A stock image of a woman holding a cup. Getty", "Getty"),
    ("The shares fell 3% (Reuters).", None),
    ("Unemployment rose to 5.1% (Source: national statistics office)", None),
    ("The company said it would cut 300 jobs, according to AP", None),
])
def test_credit_tail_finds_the_credit_that_ends_a_caption(programs, text, credit):
    start = kit.credit_tail(text, programs.agencies)
    assert (text[start:] if start >= 0 else None) == credit


@pytest.mark.parametrize(("text", "label"), [
    ("Most Read", True), ("Phil Helsel", True), ("Davis Cup", True), ("Space", True),
    ("Adapting to the stablecoin trend", False), ("Apple iPhone 7, 32GB", False), ("会社概要", False),
    ("What Happens Next?", False), ("Change language:", False),
])
def test_title_label_shape(text, label):
    assert kit.title_label(text) is label


@pytest.mark.parametrize(("text", "items"), [
    ("Home | News | Sport | Weather", 4), ("首页|新闻|图片|评论|娱乐", 5), ("Home › World › Europe", 3),
    ("Q1 | 120 | 130 | 4.5%", 0), ("Options are: red | green | blue | yellow, the designer said.", 0),
])
def test_menu_items_in_one_line(text, items):
    assert kit.menu_items(text) == items


def test_line_hash_is_stable_and_folds_digits():
    from newslint.rules.residue_boilerplate import line_hash

    assert line_hash("© 2019 Example Media. All rights reserved.") == line_hash("© 2020 Example Media. All rights reserved.")
    assert line_hash("Example Corp is a ferry company.") != line_hash("Example Corp is a harbour company.")
    # stable across processes (signatures are computed in worker processes)
    code = "from newslint.rules.residue_boilerplate import line_hash; print(line_hash('Example Corp'))"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    assert runs == {f"{line_hash('Example Corp')}\n"}


def test_screens_map_hits_to_lines_in_non_ascii_bodies(programs):
    from newslint.document import Line

    texts = ["Шанхай — столица финансов, сообщает агентство.", "Loading", "续きを読む文章です。", "Read more: Другая новость"]
    lines, pos = [], 0
    for i, t in enumerate(texts):
        lines.append(Line(i, pos, pos + len(t), t, "text"))
        pos += len(t) + 1
    chrome, phrase = programs.screen(lines, 96, 416, "\n".join(texts))
    assert 1 in chrome and 0 not in chrome and 2 not in chrome
    assert phrase == {3}
    assert programs.search_inline(texts[3])[0] == "ui-chrome-labels"
    assert programs.match_line("» Loading ›") == ("ui-chrome", "Loading")


# ------------------------------------------------------------------ NL210 in authored Markdown

_TEMPLATED = ("Many people helped with this release by testing the nightly builds, writing docs "
              "and answering questions on the forum.")
# longer than NL210's min_chars (100), so counted as a long line, and holding a UI phrase
_PITCH = ("Sign up for our weekly newsletter to get every new post about harbours, ferries and "
          "the people who run them in your inbox.")


def _markdown_posts(folder: Path, lines_by_post: list[list[str]]) -> Path:
    for i, extra in enumerate(lines_by_post):
        body = "\n\n".join([f"Post {i} is about the harbour in spring, number {i}.", *extra])
        (folder / f"post-{i:02d}.md").write_text(f"---\ntitle: Post {i}\n---\n{body}\n", "utf-8")
    return folder


def _nl210(folder: Path, **options) -> list:
    settings = Settings(select=["NL210"], cache=False, links="off", rules={"NL210": options} if options else {})
    return newslint.lint([str(folder)], settings).findings


def test_nl210_an_authored_sentence_a_few_markdown_posts_share_stays_quiet(tmp_path):
    # a release-note template in 3 of 10 posts: the authors' own text, not page template
    folder = _markdown_posts(tmp_path, [[_TEMPLATED]] * 3 + [[]] * 7)
    assert _nl210(folder) == []
    # the same 3 posts as scraped JSON articles of one site: boilerplate
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": str(i), "url": f"https://x.example.com/{i}", "title": "T",
                                          "body": f"Story {i}.\n{_TEMPLATED}"}) + "\n" for i in range(3)), "utf-8")
    assert len(_nl210(corpus)) == 3


def test_nl210_markdown_reports_a_line_most_posts_share_or_one_with_a_ui_phrase(tmp_path):
    most = tmp_path / "most"
    most.mkdir()
    found = _nl210(_markdown_posts(most, [[_TEMPLATED]] * 6 + [[]] * 4))
    assert len(found) == 6 and "recurs in 6 articles" in found[0].message
    pitch = tmp_path / "pitch"
    pitch.mkdir()
    found = _nl210(_markdown_posts(pitch, [[_PITCH]] * 3 + [[]] * 7))
    assert len(found) == 3  # a newsletter pitch is chrome wherever it recurs
    # authored_min_share = 0: Markdown is counted like any text
    few = tmp_path / "few"
    few.mkdir()
    assert len(_nl210(_markdown_posts(few, [[_TEMPLATED]] * 3 + [[]] * 7), authored_min_share=0)) == 3


# ------------------------------------------------------------------ only the work the enabled codes need


def _case_documents(tmp_path: Path) -> list:
    """The Documents of every NL2xx YAML case, read as a user's files would be."""
    from newslint.readers import format_of, read_file
    from newslint.settings import FieldMapping
    from newslint.testing import write_case_files

    docs = []
    for n, path in enumerate(sorted((ROOT / "tests" / "cases").glob("NL2*.yaml"))):
        for k, case in enumerate(yaml.safe_load(path.read_text("utf-8"))["cases"]):
            folder = tmp_path / f"{n}-{k}"
            folder.mkdir()
            for file in write_case_files(folder, case):
                docs += [d for d in read_file(str(file), file.name, format_of(str(file)), FieldMapping())
                         if hasattr(d, "lines")]
    return docs


def test_a_selection_of_line_codes_gives_the_full_pass_findings_for_them(tmp_path):
    """LineResidueCheck skips what the enabled codes do not need (line classes, blocks,
    runs, edges); each selection must report exactly what the full pass reports for it."""
    from newslint.context import build_context
    from newslint.rules import REGISTRY
    from newslint.rules.residue_lines import LineResidueCheck
    from newslint.settings import build_settings

    check = next(c for c in REGISTRY.checks if isinstance(c, LineResidueCheck))

    def ctx(select):
        return build_context(build_settings({"select": select}, {}, "test")[0], REGISTRY)

    def key(hit):
        fix = hit.fix and (hit.fix.message, hit.fix.applicability,
                           tuple((e.pointer, e.start, e.end, e.replacement) for e in hit.fix.edits))
        return hit.code, hit.start, hit.end, hit.message, fix

    docs = _case_documents(tmp_path)
    full = ctx(["NL2"])
    selections = [[code] for code in sorted(check.codes)] + [
        ["NL201", "NL202"], ["NL201", "NL202", "NL205", "NL207", "NL208"], ["NL203", "NL206"], ["NL204", "NL209"]]
    contexts = [(set(select), ctx(select)) for select in selections]
    reported = set()
    for doc in docs:
        every = sorted(map(key, check.check(doc, full)), key=repr)
        reported.update(k[0] for k in every)
        for select, c in contexts:
            got = sorted(map(key, check.check(doc, c)), key=repr)
            assert got == [k for k in every if k[0] in select], (sorted(select), doc.body[:200])
    assert reported >= check.codes  # the cases exercise every code


def test_a_byline_that_is_the_only_credit_gets_no_deleting_fix(tmp_path):
    """With no authors in the metadata, deleting the byline would lose the credit:
    the finding says where the name goes instead. A raw .txt scrape has no authors
    field to move it to, so its fix stays."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Ferry\n---\n\nPosted by Mara Lindqvist on 3 May 2004\n\n"
                    "The ferry adds three evening crossings from April.\n", "utf-8")
    credited = tmp_path / "credited.md"
    credited.write_text(post.read_text("utf-8").replace("title: Ferry", "title: Ferry\nauthors: [Mara Lindqvist]"),
                        "utf-8")
    scrape = tmp_path / "scrape.txt"
    scrape.write_text("Posted by Mara Lindqvist on 3 May 2004\nThe ferry adds three evening crossings.\n", "utf-8")
    settings = Settings(select=["NL206"], cache=False, links="off")
    found = {Path(f.path).name: f for f in newslint.lint([str(tmp_path)], settings).findings}
    assert found["post.md"].fix is None and "move 'Mara Lindqvist' into authors" in found["post.md"].message
    assert found["credited.md"].fix is not None and "authors" not in found["credited.md"].message
    assert found["scrape.txt"].fix is not None
