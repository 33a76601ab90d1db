"""The temporal resolver: which expressions are found, and what they resolve to.

The table below is the contract of ``newslint.temporal``: an expression in a
sentence, the publish date, and the class and label it must resolve to.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newslint.packs import PackSet, _load_one, _validator
from newslint.resources import rules_dir
from newslint.settings import ConfigError
from newslint.temporal import Grammar, _uncapture, find, grammar_for

MON = date(2025, 7, 14)  # the seed's publish date, a Monday
WED = date(2025, 7, 16)
JAN = date(2025, 1, 10)


def temporal_packs(*extra: Path) -> PackSet:
    """Only the temporal packs (so other families' packs cannot break these tests)."""
    packs, validator = PackSet(), _validator()
    for path in [*sorted(rules_dir().glob("temporal.*.yaml")), *extra]:
        _load_one(path, packs, validator)
    return packs


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return grammar_for(temporal_packs(), "en")


def one(grammar, text, ref=MON, kind=None):
    found = [m for m in find(text, ref, grammar) if kind is None or m.kind == kind]
    assert len(found) == 1, f"{text!r}: {[(m.kind, m.text) for m in found]}"
    return found[0]


# (sentence, publish date, class, matched text, label)
RESOLUTIONS = [
    # deictic, against the publish date
    ("It rained yesterday.", MON, "relative", "yesterday", "2025-07-13"),
    ("It rains today.", MON, "relative", "today", "2025-07-14"),
    ("It rains tomorrow.", MON, "relative", "tomorrow", "2025-07-15"),
    ("It rained last night.", MON, "relative", "last night", "2025-07-13"),
    ("It rained the day before yesterday.", MON, "relative", "the day before yesterday", "2025-07-12"),
    ("Prices fell last week.", MON, "relative", "last week", "the week of 2025-07-07"),
    ("Prices fell earlier this week.", WED, "relative", "earlier this week", "the week of 2025-07-14"),
    ("Prices fall next week.", MON, "relative", "next week", "the week of 2025-07-21"),
    ("It opened last weekend.", MON, "relative", "last weekend", "the weekend of 2025-07-12"),
    ("Last month, it was approved.", MON, "relative", "Last month", "June 2025"),
    ("This month, it was approved.", MON, "relative", "This month", "July 2025"),
    ("It ships next month.", MON, "relative", "next month", "August 2025"),
    ("Sales fell last year.", MON, "relative", "last year", "2024"),
    ("Sales fell late last year.", MON, "relative", "late last year", "late 2024"),
    ("It ships next year.", MON, "relative", "next year", "2026"),
    ("Sales fell last quarter.", MON, "relative", "last quarter", "Q2 2025"),
    ("Last month, it was approved.", JAN, "relative", "Last month", "December 2024"),
    ("It closed two days ago.", MON, "relative", "two days ago", "2025-07-12"),
    ("It closed 3 weeks ago.", MON, "relative", "3 weeks ago", "around 2025-06-23"),
    ("It closed two months ago.", MON, "relative", "two months ago", "May 2025"),
    ("It closed a year ago.", MON, "relative", "a year ago", "2024"),
    ("BTC rose over the past seven days.", MON, "relative", "the past seven days", "2025-07-07 to 2025-07-14"),
    ("BTC rose over the past week.", MON, "relative", "the past week", "2025-07-07 to 2025-07-14"),
    ("BTC rose in the last 24 hours.", MON, "relative", "the last 24 hours", "2025-07-13 to 2025-07-14"),
    ("It grows over the next 12 months.", MON, "relative", "the next 12 months", "2025-07-14 to 2026-07-14"),
    ("It grows over the next year.", MON, "relative", "over the next year", "2025-07-14 to 2026-07-14"),
    ("It launches this summer.", MON, "relative", "this summer", "summer 2025"),
    ("It launched last summer.", MON, "relative", "last summer", "summer 2024"),
    ("It launched last summer.", date(2025, 10, 2), "relative", "last summer", "summer 2025"),
    ("It launches this winter.", MON, "relative", "this winter", "winter 2025–26"),
    ("It launched last winter.", MON, "relative", "last winter", "winter 2024–25"),
    ("Up from this time last year.", MON, "relative", "this time last year", "around 2024-07-14"),
    # weekdays: the latest one before publication, the publish day itself, or ahead
    ("The board met on Monday.", WED, "relative", "on Monday", "2025-07-14"),
    ("The board met on Monday.", MON, "relative", "on Monday", "2025-07-14"),
    ("Monday's meeting was short.", WED, "relative", "Monday's", "2025-07-14"),
    ("The board met on Friday.", MON, "relative", "on Friday", "2025-07-11"),
    ("The board will meet on Friday.", MON, "relative", "on Friday", "2025-07-18"),
    ("On Friday, the board will vote.", MON, "relative", "On Friday", "2025-07-18"),
    # the clause decides, not the sentence: the minister spoke last Friday
    ("It will become a police station, the minister said on Friday.", MON, "relative", "on Friday", "2025-07-11"),
    ("The firm, which is expected to cut jobs, confirmed on Friday that it was contacted.", MON,
     "relative", "on Friday", "2025-07-11"),
    ("The board met last Monday.", MON, "relative", "last Monday", "2025-07-07"),
    ("The board meets next Monday.", WED, "relative", "next Monday", "2025-07-21"),
    ("The board meets this Friday.", MON, "relative", "this Friday", "2025-07-18"),
    # month names with this/last/next, and "June last year"
    ("It launched last July.", MON, "relative", "last July", "July 2024"),
    ("It launched last June.", MON, "relative", "last June", "June 2025"),
    ("It launches next July.", MON, "relative", "next July", "July 2026"),
    ("It launched in June last year.", MON, "relative", "in June last year", "June 2024"),
    ("It launched July 11 last year.", MON, "relative", "July 11 last year", "2024-07-11"),
    # yearless: the publish year, or the previous one when later in the year
    ("On July 11, Reuters reported it.", MON, "yearless", "On July 11", "2025-07-11"),
    ("In June, the paper called for it.", MON, "yearless", "In June", "June 2025"),
    ("In their monthly report for May, he said so.", MON, "yearless", "for May", "May 2025"),
    ("In July, it was approved.", MON, "yearless", "In July", "July 2025"),
    ("In December, it was approved.", JAN, "yearless", "In December", "December 2024"),
    ("On Dec. 28, it was approved.", JAN, "yearless", "On Dec. 28", "2024-12-28"),
    ("It started on 11 July.", MON, "yearless", "on 11 July", "2025-07-11"),
    ("It started on the 11th of July.", MON, "yearless", "on the 11th of July", "2025-07-11"),
    ("It started in mid-June.", MON, "yearless", "in mid-June", "June 2025"),
    ("It started in early June.", MON, "yearless", "in early June", "June 2025"),
    ("It ended at the end of June.", MON, "yearless", "the end of June", "June 2025"),
    ("The event, starting from Nov. 21, gathers 100 people.", MON, "yearless", "from Nov. 21", "2024-11-21"),
    ("It has set Aug. 1 as the effective date, which will enable it.", MON, "yearless", "Aug. 1", "2025-08-01"),
    ("The finals, which take place 18-24 November, sold out.", MON, "yearless", "18-24 November", "2025-11-18"),
    ("The rules take effect on August 3.", MON, "yearless", "on August 3", "2025-08-03"),
    ("Talks opened Monday, July 14.", date(2026, 1, 5), "yearless", "Monday, July 14", "2025-07-14"),
    # present references: the publish date
    ("At the time of writing, BTC is up.", MON, "present", "At the time of writing", "2025-07-14"),
    ("It is currently trading at $1.", MON, "present", "currently", "2025-07-14"),
    ("It emerged recently that JD lobbied.", MON, "present", "recently", "2025-07-14"),
    ("Sales so far this year are flat.", MON, "present", "so far this year", "2025-01-01 to 2025-07-14"),
    ("Returns year-to-date are flat.", MON, "present", "year-to-date", "2025-01-01 to 2025-07-14"),
    ("The firm now has 40 staff.", MON, "present", "now has", "2025-07-14"),
    ("The best result to date.", MON, "present", "to date", "2025-07-14"),
    # absolute dates: quiet, but resolved (they are anchors and may postdate publication)
    ("Hong Kong set Aug. 1, 2025 as the date.", MON, "absolute", "Aug. 1, 2025", "2025-08-01"),
    ("It was signed on 3 May 2024.", MON, "absolute", "on 3 May 2024", "2024-05-03"),
    ("It was signed on July 14, 2025.", MON, "absolute", "on July 14, 2025", "2025-07-14"),
    ("It began Nov. 21, 2023 in Pohang.", MON, "absolute", "Nov. 21, 2023", "2023-11-21"),
    ("Inflation in the year to June 2024 was 2%.", MON, "absolute", "June 2024", "June 2024"),
    ("It was announced back in June of 2024.", MON, "absolute", "in June of 2024", "June 2024"),
    ("Filed 2025-07-11 at noon.", MON, "absolute", "2025-07-11", "2025-07-11"),
    # ranges that give the year once, at the end
    ("A survey carried out between January 6 and February 14, 2025.", MON, "absolute",
     "January 6 and February 14, 2025", "2025-01-06"),
    ("The festival ran June 17-19, 2025.", MON, "absolute", "June 17-19, 2025", "2025-06-17"),
    ("It ran from 6 January to 14 February 2025.", MON, "absolute", "from 6 January to 14 February 2025",
     "2025-01-06"),
    ("Sales from June to August 2024 rose.", MON, "absolute", "from June to August 2024", "June 2024"),
    ("Closed Dec. 28 to Jan. 3, 2025 for repairs.", MON, "absolute", "Dec. 28 to Jan. 3, 2025", "2024-12-28"),
    ("The festival ran June 17-19.", MON, "yearless", "June 17-19", "2025-06-17"),
]


@pytest.mark.parametrize(("sentence", "ref", "kind", "text", "label"), RESOLUTIONS,
                         ids=[f"{r[3]}@{r[1]}" for r in RESOLUTIONS])
def test_resolution(grammar, sentence, ref, kind, text, label):
    m = one(grammar, sentence, ref)
    assert (m.kind, m.text) == (kind, text)
    assert m.period is not None and m.period.label() == label
    assert sentence[m.start : m.end] == text


@pytest.mark.parametrize("sentence", [
    "He left a few days ago.",
    "We will know in the coming weeks.",
    "I saw him the other day.",
])
def test_fuzzy_relative_is_found_but_not_resolved(grammar, sentence):
    m = one(grammar, sentence)
    assert m.kind == "relative" and m.period is None


def test_without_publish_date_nothing_is_resolved_but_everything_is_found(grammar):
    found = find("Last month, on July 11, prices were currently 40% higher. The same month, X.", None, grammar)
    assert [(m.kind, m.period) for m in found] == [
        ("relative", None), ("yearless", None), ("present", None), ("anaphoric", None)]
    assert found[-1].anchor is found[1] and found[-1].depends


# ------------------------------------------------------------------ anaphora


def test_anaphor_resolves_against_the_last_date_mentioned_not_the_publish_date(grammar):
    found = find("In June, the paper wrote. The same month, the governor spoke.", MON, grammar)
    same = found[-1]
    assert same.kind == "anaphoric" and same.anchor.text == "In June"
    assert same.period.label() == "June 2025" and same.depends


def test_anaphor_of_an_absolute_date_does_not_depend_on_the_publish_date(grammar):
    found = find("He was arrested on March 3, 2024. Three days later he was freed.", MON, grammar)
    later = found[-1]
    assert later.kind == "anaphoric" and later.period.label() == "2024-03-06"
    assert not later.depends


@pytest.mark.parametrize(("sentence", "label"), [
    ("On July 11 they met. The following day they signed.", "2025-07-12"),
    ("On July 11 they met. The next day they signed.", "2025-07-12"),
    ("On July 11 they met. The day was long. That week, they signed.", "the week of 2025-07-07"),
    ("Last month they met. A month later, they signed.", "July 2025"),
    ("On July 11 they met. Two weeks earlier, they had talked.", "2025-06-27"),
    ("Last year sales fell. The previous year, they rose.", "2023"),
    ("In 1998 it was drafted. A decade later it was shelved.", "2008"),
    ("In June they met. The next year, they signed.", "2026"),
])
def test_anaphora_table(grammar, sentence, label):
    m = [m for m in find(sentence, MON, grammar) if m.kind == "anaphoric"][-1]
    assert m.period.label() == label


def test_anaphor_without_anything_before_it(grammar):
    m = one(grammar, "Three days later, he resigned.")
    assert m.kind == "anaphoric" and m.period is None and not m.depends


# ------------------------------------------------------------------ quiet look-alikes


@pytest.mark.parametrize("sentence", [
    "You may want to wait.",
    "May I ask a question?",
    "They joined the march on Washington.",
    "The March on Washington was in 1963.",
    "June Carter sang it.",
    "The songs of June Carter Cash.",
    "He filled out brackets in March Madness.",
    "She watched the Today show.",
    "It was in USA Today and the Times.",
    "The 2024 election was close.",
    "The library is open Monday to Friday.",
    "Black Friday sales were strong.",
    "He watched Monday Night Football.",
    "It ran in the Mail on Sunday.",
    "Keep your software up to date.",
    "The data is out-of-date.",
    "At the moment of impact, he braked.",
    "It was the last week of the season.",
    "In today's world, nothing is certain.",
    "He was born in 1990 and moved in 2001.",
    "The event was on Nov. 21, 2023 in Pohang.",
    "Jun 19, 2025",
    "I'm not going to date him.",
    "March forward, she said.",
    "Sales rose 10% in the quarter.",
    "Mondays are hard.",
    "He hosts Last Week Tonight on HBO.",
    "She said on ABC's This Week that it was over.",
    "They watched The Day After Tomorrow again.",
    "He was at the last Winter Olympics in Beijing.",
    "Currently Playing: nothing.",
    "The Jan. 6 committee met.",
    "Flowers are cut in The Sunday Times magazine.",
])
def test_quiet(grammar, sentence):
    found = [m for m in find(sentence, MON, grammar) if m.kind != "absolute"]
    assert found == [], [(m.kind, m.text) for m in found]


@pytest.mark.parametrize("text", [
    "Sports\nFantasy Football Today\nWaiver Wire",
    "TV\nToday\nMSNBC",
    "Most Popular Today",
    "Recently Viewed",
])
def test_short_title_case_lines_are_labels(grammar, text):
    assert find(text, MON, grammar) == []


def test_headlines_are_title_case_so_the_label_and_name_heuristics_are_off(grammar):
    text = "Stocks Fall Yesterday After Fed Decision"
    assert find(text, MON, grammar) == []
    (m,) = find(text, MON, grammar, headline=True)
    assert m.text == "Yesterday" and m.period.label() == "2025-07-13"


def test_month_name_before_a_capitalised_word_is_a_name(grammar):
    assert [m.text for m in find("In June Carter's voice, and in June, the band.", MON, grammar)] == ["in June"]


# ------------------------------------------------------------------ packs


def test_uncapture_keeps_classes_escapes_and_non_capturing_groups():
    assert _uncapture(r"(?P<a>x)(y)[(]\((?:z)(?i:w)") == r"(?:x)(?:y)[(]\((?:z)(?i:w)"
    # a ] first in a class is literal, so the ( after it is still inside the class
    assert _uncapture(r"[]()](a)[^](](b)") == r"[]()](?:a)[^](](?:b)"


def test_user_pack_extends_a_class(tmp_path: Path):
    (tmp_path / "mine.en.yaml").write_text(
        "pack: mine\nlang: en\nlexicons:\n"
        "  temporal-relative:\n    patterns: ['(?P<num>{NUM}) (?P<unit>{UNITS}) back']\n",
        encoding="utf-8")
    g = grammar_for(temporal_packs(tmp_path / "mine.en.yaml"), "en")
    (m,) = find("It closed two days back.", MON, g)
    assert m.text == "two days back" and m.kind == "relative"


def test_pattern_that_python_cannot_read_is_a_config_error(tmp_path: Path):
    (tmp_path / "bad.en.yaml").write_text(
        "pack: bad\nlang: en\nlexicons:\n  temporal-present:\n    patterns: ['\\pL+ly now']\n",
        encoding="utf-8")
    grammar = grammar_for(temporal_packs(tmp_path / "bad.en.yaml"), "en")  # RE2 takes it
    with pytest.raises(ConfigError, match="Python regex"):  # reading a span needs Python's re
        grammar.spans("The shop is quietly now open.")


def test_grammar_is_compiled_once_per_pack_set():
    packs = temporal_packs()
    assert grammar_for(packs, "en") is grammar_for(packs, "en-GB")


# ------------------------------------------------------------------ the seed, end to end


SEED = Path(__file__).resolve().parent.parent / "examples" / "seed.json"


def test_seed_article_dated_claims_resolved_against_its_publish_date():
    """Seed rows 12, 20, 26, 30, 34, 42: found, with the dates they mean; the story's other lines quiet."""
    import json

    from newslint.testing import lint_case

    body = json.loads(SEED.read_text("utf-8"))["body"]
    case = {"format": "json", "article": {"title": "Shanghai officials", "published_at": "2025-07-14T01:12:00+08:00"},
            "body": body}
    report = lint_case(case, select=["NL4"])
    got = {(body.count("\n", 0, f.start) + 1, f.code, body[f.start:f.end]): f.message for f in report.findings}
    story = {k: v for k, v in got.items() if k[0] <= 52}
    expected = {
        (12, "NL403", "On July 11"): "2025-07-11",
        (12, "NL403", "on July 10"): "2025-07-10",
        (20, "NL401", "Last month"): "means June 2025",
        (26, "NL403", "In June"): "June 2025",
        (30, "NL404", "The same month"): "June 2025",
        (30, "NL402", "recently"): "2025-07-14",
        (34, "NL402", "At the time of writing"): "2025-07-14",
        (34, "NL401", "the past seven days"): "2025-07-07 to 2025-07-14",
        (42, "NL403", "for May"): "May 2025",
    }
    assert set(story) == set(expected)
    for key, resolved in expected.items():
        assert resolved in story[key], (key, story[key])
    # after "More to Read" (line 48) come teasers of other articles (NL209 reports them):
    # their dates ("from Nov. 21", line 74) are not this article's claims
    assert [k for k in got if k[0] >= 48] == []


# ------------------------------------------------------------------ scanning


def test_expressions_on_consecutive_lines_are_all_found(grammar):
    """One boundary character between two expressions: both are found (the scan's \\b is zero-width)."""
    text = "Tom Rogan | Wednesday November 20, 2019\nWednesday night, the board met.\nToday it voted."
    assert [m.text for m in find(text, MON, grammar)] == [
        "Wednesday November 20, 2019", "Wednesday night", "Today"]


def test_non_ascii_text_keeps_character_offsets(grammar):
    text = "“Déjà vu,” she said — on Friday, the café’s owner met “last week’s” buyers in Zürich."
    found = find(text, MON, grammar)
    assert [text[m.start:m.end] for m in found] == ["on Friday", "last week"]
    assert [m.text for m in found] == ["on Friday", "last week"]


@pytest.mark.parametrize("sentence", ["The Marché March market opened.", "It was in Juneé."])
def test_a_date_word_glued_to_a_non_ascii_letter_is_not_a_date(grammar, sentence):
    assert [m.text for m in find(sentence, MON, grammar) if m.kind != "absolute"] == []


def test_patterns_with_non_ascii_characters_match_them(grammar):
    (m,) = find("Monday’s meeting ran late.", WED, grammar)
    assert m.text == "Monday’s" and m.period.label() == "2025-07-14"
    (m,) = find("The festival ran June 17–19.", MON, grammar)
    assert m.text == "June 17–19"


def test_placeholders_accept_question_marks_where_patterns_name_non_ascii():
    from newslint.temporal import _placeholders

    assert _placeholders("['’]s") == "['’\\?]s"
    assert _placeholders("a–b") == "a[–\\?]b"
    assert _placeholders("[^’]") == "[^’\\?]"
    assert _placeholders("[]’]x") == "[]’\\?]x"
    assert _placeholders("plain") == "plain"


@pytest.mark.parametrize(("sentence", "text"), [
    ("Between July 11 and 2,000 people came.", "July 11"),
    ("On July 11 and 2.5 million viewers watched.", "On July 11"),
    ("The festival ran June 17-19, with 3,000 guests.", "June 17-19"),
])
def test_a_range_that_runs_into_a_number_is_read_without_it(grammar, sentence, text):
    (m,) = find(sentence, MON, grammar)
    assert m.text == text and m.period.label().startswith("2025-0")


def test_month_labels_are_english_whatever_the_locale(grammar, monkeypatch):
    import calendar

    monkeypatch.setattr(calendar, "month_name", ["", *["X"] * 12])
    (m,) = find("In June, it rained.", MON, grammar)
    assert m.period.label() == "June 2025"


# ------------------------------------------------------------------ context: clauses, habits, names


@pytest.mark.parametrize(("sentence", "label"), [
    ("Lowe's reports earnings Wednesday.", "2025-07-16"),
    ("The show opens to the public on Friday.", "2025-07-18"),
    ("The trial resumes on Friday.", "2025-07-18"),
    ("The show opened to the public on Friday.", "2025-07-11"),
    ("The firm, which opens a store soon, said on Friday it was sold.", "2025-07-11"),
])
def test_present_tense_schedules_look_ahead(grammar, sentence, label):
    assert one(grammar, sentence).period.label() == label


@pytest.mark.parametrize("sentence", [
    "Tulips bloom in May.",
    "The festival is usually held in June.",
    "Swallows typically migrate in September.",
    "The market is usually held on Saturday.",
])
def test_habitual_months_and_weekdays_name_no_date(grammar, sentence):
    assert find(sentence, MON, grammar) == []


def test_habit_is_a_matter_of_the_clause(grammar):
    (m,) = find("Tulips usually bloom early, but the show opened in May.", MON, grammar)
    assert m.text == "in May"


@pytest.mark.parametrize(("text", "person"), [
    ("Mrs May said so.", True),
    ("Support grew, May said.", True),
    ("He said May told him.", True),
    ("In London, Theresa May spoke.", True),
    ("In May, sales rose.", False),
    ("Sales rose by 3% in May, and in June.", False),
    ("Theresa May spoke.", False),  # a sentence's first word may be capitalised for that alone
    ("The Fed's May 5 meeting", False),
])
def test_is_person(grammar, text, person):
    assert grammar.is_person(text, "May") is person


def test_a_bare_month_word_that_names_a_person_is_quiet(grammar):
    text = "The rebels withdrew support for May, Mrs May said, and in May's cabinet, ministers agreed in May."
    assert [m.text for m in find(text, MON, grammar)] == ["in May"]


@pytest.mark.parametrize(("sentence", "expression", "scope", "future"), [
    ("The rules will take effect, the minister said on Friday.", "on Friday", "clause", False),
    ("The rules will take effect, the minister said on Friday.", "on Friday", "sentence", True),
    ("On Friday, the board will vote.", "On Friday", "clause", True),
    ("It expects to reopen them, after repairs, on February 3, 2025.", "on February 3, 2025", "clause", False),
    ("It expects to reopen them, after repairs, on February 3, 2025.", "on February 3, 2025", "sentence", True),
    ("They counted 1,000 votes and will meet on Friday.", "on Friday", "clause", True),
    ("He will go. They met on Friday.", "on Friday", "sentence", False),
])
def test_clause_scope(grammar, sentence, expression, scope, future):
    at = sentence.index(expression)
    assert grammar.looks_ahead(sentence, at, at + len(expression), scope) is future


# ------------------------------------------------------------------ teasers


def teaser_grammar():
    packs = temporal_packs(*sorted(rules_dir().glob("ui-residue.*.yaml")))
    return grammar_for(packs, "en")


STORY = "The council met last week and voted on the budget of the harbour office.\n"
CARDS = "More to Read\nView All\nJun 19, 2025\nBanks weigh a token\nLast month, two banks said they would test a token with partners.\nnews\n"


def test_teasers_after_a_related_articles_heading_are_skipped():
    g = teaser_grammar()
    assert [m.text for m in find(STORY + CARDS, MON, g, teasers=True)] == ["last week"]
    assert "Last month" in [m.text for m in find(STORY + CARDS, MON, g, teasers=False)]


def test_the_story_resumes_at_two_story_paragraphs_in_a_row():
    g = teaser_grammar()
    after = ("The mayor spoke on Monday about the plan for the harbour front.\n"
             "Work starts next month, the city said in a statement on its website.\n")
    assert [m.text for m in find(STORY + CARDS + after, MON, g, teasers=True)] == [
        "last week", "on Monday", "next month"]


def test_a_heading_above_the_story_is_navigation():
    g = teaser_grammar()
    text = "Most popular\nTop ten beaches\nLast month, the council closed the pier for repairs.\n"
    assert [m.text for m in find(text, MON, g, teasers=True)] == ["Last month"]


def test_markdown_teasers_are_paragraphs():
    g = teaser_grammar()
    text = ("The council met last week and voted on the budget of the\nharbour office.\n\n"
            "## Related stories\n\nBanks weigh a token\n\nLast month, two banks said they would\n"
            "test a token with partners.\n\nnews\n")
    assert [m.text for m in find(text, MON, g, teasers=True, markdown=True)] == ["last week"]


@pytest.mark.parametrize(("sentence", "label"), [
    ("Sentencing is scheduled for Feb. 14.", "2026-02-14"),
    ("The trial will start in March.", "March 2026"),
    ("He will appeal the March 21 ruling.", "2025-03-21"),
    ("They had until Feb. 14 to file.", "2025-02-14"),
    ("The match on July 3 was called off due to rain.", "2025-07-03"),
])
def test_an_early_date_in_a_clause_that_looks_ahead_is_next_years(grammar, sentence, label):
    assert one(grammar, sentence).period.label() == label


# ------------------------------------------------------------------ present claims: what goes stale


@pytest.mark.parametrize(("sentence", "stale"), [
    ("The firm now has 40 staff.", True),
    ("The project now has 15,200+ stars.", True),
    ("It is currently the largest port in the region.", True),
    ("Spurs currently lie 14th in the table.", True),
    ("The index right now is 218, which is poor.", True),
    ("The token is currently trading at $1.02.", True),
    ("She is now the chief executive of the bank.", True),
    ("It is the most detailed model of the universe to date.", True),
    ("The exporter now has built-in support for tables.", False),
    ("Hugo currently does not provide default templates.", False),
    ("Version 2.3.1 is currently available.", False),
    ("The rule currently in force since 2019 applies.", False),
    ("The fix for #1597 is currently under review.", False),
    ("The leading slash now has a meaning.", False),
    ("Eleven themes were added and the repo now has previews of them.", False),
])
def test_a_present_claim_needs_a_figure_a_rank_or_a_role(grammar, sentence, stale):
    found = [m.kind for m in find(sentence, MON, grammar) if m.kind != "absolute"]
    assert found == (["present"] if stale else [])


def test_now_has_and_a_list_reads_the_list(grammar):
    assert [m.text for m in find("Hugo now has:\n\n  34077+ stars\n  439+ contributors\n", MON, grammar)] == ["now has"]
    assert find("Hugo now has:\n\n  table support\n  a dark mode\n", MON, grammar) == []


@pytest.mark.parametrize("sentence", [
    "At the time of writing, it works.", "Sales so far this year are flat.", "It emerged recently that he left.",
])
def test_writing_time_marks_and_recent_need_no_figure(grammar, sentence):
    assert [m.kind for m in find(sentence, MON, grammar)] == ["present"]


# ------------------------------------------------------------------ Markdown line breaks


def test_soft_line_breaks_are_spaces_of_the_same_length():
    from newslint.temporal import join_soft_breaks

    # as the prose view has it: list markers and heading marks blanked
    text = "scheduled for this\nThursday, the 30th.\n\n  a list\n  item\n   Heading\nText"
    joined = join_soft_breaks(text)
    assert len(joined) == len(text)
    assert joined == "scheduled for this Thursday, the 30th.\n\n  a list\n  item\n   Heading\nText"


def test_a_markdown_sentence_runs_across_a_line_break(grammar):
    text = "The release is scheduled for\nMarch 28. It was announced last\nweek."
    found = find(text, date(2023, 3, 27), grammar, markdown=True)
    assert [(m.text, m.period.label()) for m in found] == [
        ("for March 28", "2023-03-28"), ("last week", "the week of 2023-03-20")]
    assert [m.text for m in find(text, date(2023, 3, 27), grammar)] == ["March 28"]  # read line by line


# ------------------------------------------------------------------ weekdays and yearless days


@pytest.mark.parametrize(("sentence", "label"), [
    ("The release is on Thursday, the 30th.", "2020-07-30"),
    ("It shipped on Thursday, the 23rd.", "2020-07-23"),
])
def test_a_weekday_with_the_day_of_the_month_is_that_day(grammar, sentence, label):
    assert one(grammar, sentence, date(2020, 7, 27)).period.label() == label


@pytest.mark.parametrize("text", [
    "Monday is Community Day.",
    "- Tuesday, Wednesday, and Thursday are the big launches.",
    "Launch week runs all week. Friday has become the day for small fixes.",
])
def test_a_weekday_that_opens_a_sentence_about_its_role_is_not_a_date(grammar, text):
    assert find(text, MON, grammar) == []


def test_a_weekday_subject_inside_a_sentence_is_still_a_date(grammar):
    assert [m.text for m in find("The vote Monday is expected to pass.", WED, grammar)] == ["Monday"]


def test_a_weekday_before_an_iso_date_is_part_of_it(grammar):
    (m,) = find("It takes place on Monday, 2022-04-18 at 9pm.", MON, grammar)
    assert m.kind == "absolute" and m.period.label() == "2022-04-18"


@pytest.mark.parametrize(("sentence", "label"), [
    ("July 21: process follow-up.", "2025-07-21"),  # a week after publication: the coming one
    ("The fair ran on September 3.", "2024-09-03"),  # months after: last year's
])
def test_a_yearless_day_soon_after_publication_is_the_coming_one(grammar, sentence, label):
    assert one(grammar, sentence).period.label() == label


@pytest.mark.parametrize("sentence", [
    "Adding one month to 31 January gives 2 March or 3 March, depending on the year.",
    "In a leap year, 29 February exists.",
])
def test_a_day_in_a_sentence_about_any_year_is_an_example(grammar, sentence):
    assert find(sentence, MON, grammar) == []


def test_the_contraction_ll_looks_ahead(grammar):
    assert one(grammar, "We'll review the posts December 1.", date(2019, 10, 29)).period.label() == "2019-12-01"


# ------------------------------------------------------------------ anaphora: how far back


def test_an_anaphor_does_not_reach_past_a_paragraph_or_a_quiet_day(grammar):
    far = "It started last year.\n\nOne.\n\nTwo.\n\nThat day was long."
    assert [m.anchor for m in find(far, MON, grammar) if m.kind == "anaphoric"] == [None]
    quiet = "It started last year. On the Sunday when we moved, that day was long."
    assert [m.anchor for m in find(quiet, MON, grammar) if m.kind == "anaphoric"] == [None]


# ------------------------------------------------------------------ questions the NL4 check asks


@pytest.mark.parametrize(("text", "news"), [
    ("The council met, a spokesman said.", True),
    ("Prices rose, according to Reuters.", True),
    ("LONDON (Reuters) - Prices rose.", True),
    ("That said, the list is sorted according to the date.", False),
    ("Day of the week, starting with Monday.", False),
])
def test_reads_as_news(grammar, text, news):
    assert grammar.reads_as_news(text) is news


@pytest.mark.parametrize(("text", "expression", "bounded"), [
    ("It is supported until the end of the March of 2018.", "March of 2018", True),
    ("Apply by 1 May 2018.", "1 May 2018", True),
    ("It was approved by the board on 1 May 2018.", "1 May 2018", False),
])
def test_bounded(grammar, text, expression, bounded):
    assert grammar.bounded(text, text.index(expression), expression) is bounded


def test_hypothetical_sentence(grammar):
    text = "It closed. For example, building your site on June 24, 2017 prints 2017."
    at = text.index("June")
    assert grammar.hypothetical_sentence(text, at, at + 13)
    assert not grammar.hypothetical_sentence("It closed on June 24, 2017.", 13, 26)


# ------------------------------------------------------------------ one text as a whole (second round)


SEP30 = date(2025, 9, 30)  # a Tuesday


@pytest.mark.parametrize(("sentence", "ref", "text", "label"), [
    ("The summit is on Tuesday (19 May).", SEP30, "on Tuesday (19 May", "2026-05-19"),
    ("We start on Monday morning (April 20).", date(2026, 1, 12), "on Monday morning (April 20", "2026-04-20"),
    ("It runs from Saturday 21st to Sunday 22nd June.", date(2003, 2, 21),
     "from Saturday 21st to Sunday 22nd June", "2003-06-21"),
    ("The expo is in Miami, 12-14 May.", date(2015, 5, 11), "12-14 May", "2015-05-12"),
])
def test_a_weekday_with_its_date_in_brackets_or_a_run_is_one_date(grammar, sentence, ref, text, label):
    m = one(grammar, sentence, ref)
    assert (m.kind, m.text, m.period.label()) == ("yearless", text, label)


@pytest.mark.parametrize(("text", "cta"), [
    ("- Start using Acme today: [acme.dev](https://acme.dev)", True),
    ("Try the new features of version 13 today by creating a project.", True),
    ("To help, head over to the repo and install and upgrade today!", True),
    ("Sign up today.", True),
    ("You can try it today.", True),
    ("If you use nightly, you can use async / await with Tokio today.", True),
    ("_if you take on a loan, it matters more than what you eat today._", True),
    ("We start shipping the new plan today.", False),
    ("Upgrade plans were announced today.", False),
    ("Support for the bill grew today.", False),
    ("Today, we try the new plan.", False),
    ("The company said today that it would try again.", False),
])
def test_a_call_to_action_today_is_the_readers_day(grammar, text, cta):
    assert grammar.call_to_action(text, text.rindex("today" if "today" in text else "Today")) is cta


@pytest.mark.parametrize(("text", "found"), [
    ("### GitHub Open Source Friday live stream", []),
    ("He joined us for Open Source Friday with a guest.", []),
    ("She hosts Fantasy Football Today on weekdays.", []),
    ("Happy Friday everyone!", ["Friday"]),
    ("Goldman Sachs Monday said it would cut jobs.", ["Monday"]),
    ("The team met Friday.", ["Friday"]),
])
def test_a_weekday_or_today_ending_a_name_is_part_of_it(grammar, text, found):
    assert [m.text for m in find(text, MON, grammar)] == found


def test_a_weekday_takes_its_day_from_the_days_or_the_week_the_text_names(grammar):
    text = "We are at the expo in Miami, 12-14 May. Our keynote is on Wednesday at 4pm."
    m = find(text, date(2015, 5, 11), grammar)[-1]
    assert (m.period.label(), m.note, m.anchor.text) == ("2015-05-13", "the Wednesday of “12-14 May”", "12-14 May")
    text = "This weekend we are at the summit. We will speak on Saturday at 16:30."
    assert find(text, date(2015, 1, 29), grammar)[-1].period.label() == "2015-01-31"
    text = "The Gophers made progress this week. They play Saturday against the Wildcats."
    assert find(text, date(2019, 11, 20), grammar)[-1].period.label() == "2019-11-23"


def test_past_tense_and_earlier_weeks_keep_a_weekdays_own_reading(grammar):
    text = "Cuts will come later this week, and the Times reported on Sunday that jobs go."
    assert find(text, date(2019, 11, 19), grammar)[-1].period.label() == "2019-11-17"
    text = "The bonds were sold on October 11.\nDays later, a paper reported on Friday that an inquiry began."
    assert find(text, date(2019, 11, 19), grammar)[-1].period.label() == "2019-11-15"


def test_a_weekday_restated_by_its_date_is_not_reported(grammar):
    for text in ("Entries close at 11:59pm Friday night PDT (6th August 2021).",
                 "> Today, February 24, 2003, is the birthday.",
                 "Watch on Thursday Jan 27th at 9am PT (Thursday 5pm GMT, Friday 1am SG)."):
        relative = [m for m in find(text, date(2022, 1, 20), grammar) if m.kind == "relative"]
        assert relative and all(m.restated for m in relative), (text, relative)


def test_a_schedules_weekday_label_follows_its_dates_and_chained_anaphors_follow_it(grammar):
    text = ("- Deadline (11.59pm PDT Friday 6th August 2021)\n"
            "- Judges deliberate (Saturday) and announce winners the same day\n")
    found = find(text, date(2021, 7, 30), grammar)
    weekday, anaphor = found[-2], found[-1]
    assert (weekday.text, weekday.period.label()) == ("Saturday", "2021-08-07")
    assert (anaphor.text, anaphor.period.label()) == ("the same day", "2021-08-07")


def test_yearless_dates_of_one_text_get_consistent_years(grammar):
    text = "TL;DR: it happens 21–23 May.\n\nThe conference is on Wednesday (20 May)."
    found = {m.text: m.period.label() for m in find(text, SEP30, grammar)}
    assert found == {"21–23 May": "2026-05-21", "on Wednesday (20 May": "2026-05-20"}
    text = "Due by May 15, 2015.\n\n  alpha -- Feb 20\n  stable -- around Mar 9\n  beta -- Apr 3\n  final -- May 15\n"
    found = [(m.text, m.period.label()) for m in find(text, date(2015, 2, 13), grammar)]
    assert found[-2:] == [("Apr 3", "2015-04-03"), ("May 15", "2015-05-15")]
    # in prose, a later sentence's past ruling is not a run of dates that looks ahead
    text = "The model goes on sale in late January. He will appeal the March 21 ruling."
    assert find(text, date(2019, 11, 19), grammar)[-1].period.label() == "2019-03-21"


def test_a_recap_counts_this_month_from_the_month_its_title_names(grammar):
    m = find("This month we shipped auth.", date(2020, 7, 1), grammar, month_ref=date(2020, 6, 30))[0]
    assert (m.period.label(), m.note) == ("June 2020", "the month of the recap its title names")
    m = find("Over the past month we shipped auth.", date(2020, 7, 1), grammar, month_ref=date(2020, 6, 30))[0]
    assert m.period.label() == "2020-06-01 to 2020-07-01"  # a rolling window still ends on the publish day


def test_past_clause(grammar):
    text = "2019 was arguably my best year to date, both at work and at home."
    assert grammar.past_clause(text, text.index("best"), text.index(","))
    text = "2025 is our best year to date, with 40 releases."
    assert not grammar.past_clause(text, text.index("best"), text.index(","))
    text = "Yesterday we released it on Monday."
    assert grammar.past_clause(text, text.index("on Monday"), text.index("."))


def test_quoted_spans_are_one_line_with_their_brackets_closed():
    from newslint.temporal import quoted

    assert quoted("on Tuesday (19 May") == "on Tuesday (19 May)"
    assert quoted("from Saturday 21th to   Sunday 22th June") == "from Saturday 21th to Sunday 22th June"
    assert quoted("July 11") == "July 11"


def test_update_marks_of_other_languages_are_read_for_every_language():
    g = grammar_for(temporal_packs(), "ru")
    text = "## Обновление (2013-08-07 05:08 UTC)"
    assert g.update_stamp(text, text.index("2013"))
    assert not g.update_stamp("## Сервер (2013-08-07)", len("## Сервер ("))
