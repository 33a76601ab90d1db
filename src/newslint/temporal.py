"""Time expressions in article text, and what they mean given a publish date.

A news article is written on one day and read for years. "Last month", "on
Monday", "In June" and "at the time of writing" can only be read against the
day the article was published; this module finds such expressions and
resolves what can be resolved. The classes follow the split of HeidelTime's
English date rules:

=============  ==========================================  ===================
class          examples                                    resolved against
=============  ==========================================  ===================
``absolute``   July 14, 2025 · 3 May 2024 · June 2024      itself (an anchor)
``yearless``   On July 11 · In June · report for May       the publish date
``relative``   yesterday · last month · on Monday · ago    the publish date
``present``    currently · at the time of writing          the publish date
``anaphoric``  the same month · that week · 3 days later   the last date named
=============  ==========================================  ===================

**Where the patterns live.** ``rules/temporal.<lang>.yaml``, one lexicon per
class (``temporal-calendar``, ``-relative``, ``-present``, ``-anaphoric``,
``-quiet``, ``-generic``), plus ``temporal-words`` (word → meaning, as lexicon
tags), ``temporal-macros`` (``{MONTH}`` and friends), ``temporal-future``
(words that make a clause look ahead), ``temporal-habitual`` (words that make
it generic: "usually", "bloom"), ``temporal-claims`` (what makes a present
claim go stale: a figure, a rank, a role), ``temporal-copulas`` ("Monday
is …"), ``temporal-name-titles`` and ``-name-verbs`` (words that make a
month name a person: "Mrs", "said"), ``temporal-update-marks``
("Updated"), and for the NL4 check ``temporal-news-cues``,
``-hypothetical``, ``-bounds``, ``-scheduled`` and ``-schedule-heads``, and
``temporal-imperatives`` (calls to action) and ``temporal-past`` (past-tense
words). ``rules/temporal.any.yaml`` adds update marks in other languages
("Обновление", "Aktualisierung") to every language's pack.
The ``teaser-markers`` lexicon of the residue packs ("More to Read",
"Related stories") is read too: see *Teasers* below. Users extend them like
any rule pack.

**How the text is scanned.** Per text there is one pass of one RE2 program
(the public ``finditer``) over its bytes: every class at once, tried in the
order teaser, quiet, calendar, anaphoric, present, relative, without capture
groups, so RE2 answers from its DFA. The bytes are the text as ASCII with
every other character replaced by "?" (:func:`scan_bytes`), so byte offsets
are character offsets and nothing is decoded per match; the scan's patterns
accept "?" where they name a non-ASCII character ("’", "–"), and a span is
then read in the real text. RE2's ``\\b`` is ASCII-only, so a span glued to
a non-ASCII letter ("Marché") is dropped in Python. Text with no date word
costs that pass and nothing else: no object is built and no Python work is
done per word or per line. Each span found is read by the classes' patterns
compiled with Python's ``re`` (``fullmatch`` on the span, to get the named
groups), and what the groups mean (month 7, shift -1, unit "week") is worked
out there too; both are memoised per span text, since a corpus repeats "last
week" and "on Friday" thousands of times, so the usual span costs a dict
lookup. Both compilations happen once per loaded pack set, so patterns must
be valid in both dialects: no look-around, no back-references, no ``\\p``
classes. What look-around would have said is said in code: a capitalised
date word before a capitalised word is a name, a short title-case line is a
label, a range that runs into a longer number ("July 11 and 2,000") is read
without it; a quiet look-alike that matches first hides the date words
inside it ("USA Today", "the Saturday market"). Questions about the clause
around a date (does it look ahead? is it habitual?) are asked only of the
dates whose reading depends on them: one capture-free RE2 search of the
surrounding line, and only when that finds a cue is the clause cut.

**How yearless dates get a year.** The candidate in the publish year is taken
when it is not after the publish date; a later one most likely belongs to the
previous year ("In December" in an article of 2025-01-10 is December 2024),
unless its clause looks ahead ("will take effect on Aug. 1"); one more than
two months before publication is next year's when its clause looks ahead and
a preposition introduces it ("Sentencing is scheduled for Feb. 14" in
November; not "he will appeal the March 21 ruling"); a weekday given with
the date picks the year whose calendar agrees; a day at most a month after
publication is the coming one, not the one nearly a year before (an agenda's
"July 21: process follow-up"). Weekdays alone take the
latest such day before publication (the publish day itself when they match
it), or the next one when the clause looks ahead, present-tense schedules
included ("Lowe's reports earnings Wednesday"); "Thursday, the 30th" is the
nearest Thursday that is a 30th. A month or weekday in a
habitual clause ("tulips bloom in May", "the market is usually held on
Saturday"), a day or weekday in a sentence about any year ("…, depending on
the year": the ``temporal-generic`` words, found by the scan since they are
rare), and a weekday that opens a sentence about its role ("Monday is
Community Day") name no particular day and are dropped.

**Weekdays and years in one text.** A text is read as a whole, not one
expression at a time (:func:`find`). A bare weekday takes its day from a
date the text states near it (at most three non-blank lines back): the
days of an event ("Miami, 12-14 May. … on Wednesday"), "this week" or
"this weekend", or the same weekday stated with its date ("On Monday
morning (April 20) … Monday night"); not in a past-tense clause when that
day is after publication ("the last one met on Monday"), and a single day
only when it is not an earlier week than the weekday's own reading. A
weekday that is a label (a heading, a list item, in brackets, before a
colon) is the day of a schedule: the same weekday stated just below it
("## Monday: Pricing" over "- 29 March 2021"), else the first such day
after the date just above it ("Sunday Oct 10th: deadline" then "Judges
deliberate (Monday)"). A weekday or "today" restated by its date right
after it ("Friday night PDT (6th August 2021)", "Today, February 24, 2003,
is …", "Tuesday (19 May)") is marked ``restated``: nothing is relative
any more. A "today" in a call to action ("Start using it today", "Try the
new release today", from ``temporal-imperatives``) and a weekday or
"Today" that ends a name ("Open Source Friday") are not dates. The
yearless dates of one text get consistent years: the year of the same day
written with one ("by May 15, 2015" … "May 15"), the coming year of a
month a weekday pinned elsewhere ("21–23 May" where "Wednesday (20 May)"
is 2026), or the year that continues a run of dates looking ahead, in one
sentence or in consecutive list items ("Mar 9", "Apr 3", "May 15"). With
``month_ref`` (a monthly recap published early in the next month, see
the NL4 check) "this month" is the month the title names.

**Present claims.** "At the time of writing", "so far this year" and
"recently" are always claims. "Currently", "now has", "to date" are claims
only when their clause (after a "now has:" the list that follows) holds
something from ``temporal-claims``: a figure that is not a year, a version or
an issue number, a rank or superlative, a role, a price.

**Markdown.** Paragraphs are wrapped at any width, so in Markdown a line
break between two lines of text is read as a space (:func:`join_soft_breaks`):
"scheduled for this\\nThursday" is one clause and "this Thursday" one
expression.

**Speed.** On the developer corpus (3.6 KB bodies, about six expressions
and four findings each) the scan is about a fifth of the cost of the NL4
check; the rest is Python per expression and per finding (resolving,
messages, fixes), which is why clause questions are lazy and readings are
memoised. ``benchmarks/bench_dated.py`` measures it.

**Names.** "May" is a month and a prime minister. When the text uses a month
word as a person's name — after a title ("Mrs May"), before a reporting verb
("May said"), or after a capitalised word inside a sentence ("said Theresa
May") — its bare mentions that no time preposition introduces ("support for
May", "May's cabinet") are names too. "In May" stays a date.

**Teasers.** Text after a related-articles heading ("More to Read") is, on a
scraped page, teasers of other articles with their own publish dates; the
residue rules report the block (NL209). Dates in it are not claims of this
article, and resolving them against its publish date would give wrong
answers, so ``find`` skips from the heading to where the story visibly
resumes: the first of two story paragraphs in a row (at least eight words,
ending a sentence). A block that never gives way to story text runs to the
end of the field. Only a heading after story text starts a block: above the
story (a whole-page scrape's navigation, "Up next:" over a video) what
follows may be the story itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from .settings import ConfigError

if TYPE_CHECKING:
    from .packs import Lexicon, PackSet

#: Scanned classes, in the order they are tried at one text position (after
#: the teaser headings, which come first).
CLASSES = ("quiet", "calendar", "anaphoric", "present", "relative", "generic")
TEASER = "teaser"

# A word boundary for the cue and claim programs, which read scan bytes (every
# non-ASCII character is "?", not a letter, so ASCII classes say what \pL would,
# and RE2 compiles them in a fraction of the time).
_LEFT_ASCII = r"(?:^|[^A-Za-z0-9_])"
_RIGHT_ASCII = r"(?:[^A-Za-z0-9_]|$)"
# decoration around a widget heading on its own line: "› Related", "More to Read:"
_DECOR = r"[\t \pP\pS\x{a0}]*"
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
# characters that may end a clause or a sentence (see _breaks)
_CLAUSE_STOPS = ",;:.!?\n\u2014\u2013"
_SENTENCE_STOPS = ".!?\n"
_CLOSERS = "\"\u201d\u2019)"
_STAMP_REACH = 24  # characters before a date where an update mark (or a bound) counts
_LIST_REACH = 160  # characters read after "now has:" for the figure of its list
_LIST_MAX = 80  # characters before a weekday where a list of weekdays may open the sentence
_GENERIC = "generic"  # key in a find()'s memo: where the scan found words of any year
_SENTENCE_MAX = 400  # characters looked at on each side of an expression
_LABEL_MAX = 80  # a line longer than this is not a short title-case label
# a yearless date this many days before publication, in a clause that looks
# ahead and introduced by a preposition ("scheduled for Feb. 14"), is next year's
_LONG_AGO = 60
# a yearless day this many days after publication is the coming one (an agenda's
# "July 21: process follow-up"), not the one nearly a year before
_SOON = 31
# "Thursday, the 30th": the day of the month that pins a weekday down
_DAY_OF_MONTH = re.compile(r",? the ([0-9]{1,2})(?:st|nd|rd|th)\b")
# A capitalised date word right before a capitalised word is part of a name
# ("June Carter", "Monday Night Football"), not a date.
_NAME_AFTER = re.compile(r"[ \u00a0][A-Z][a-z]")
# a number that goes on after the span: "July 11 and 2|,000", "June 3|.5"
_NUMBER_GOES_ON = re.compile(r"[,.][0-9]")
_TRAILING_DIGITS = re.compile(rb"[0-9]+$")
_SMALL_WORDS = frozenset("a an and at by for in of on or the to vs".split())
_POSSESSIVE = ("'s", "\u2019s")
# Messages are English whatever the process locale (calendar.month_name follows it)
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --------------------------------------------------------------- periods


class Period(NamedTuple):
    """A stretch of calendar time, inclusive at both ends, at some grain.

    ``grain`` is one of day, week, weekend, month, quarter, season, year,
    range. ``approx`` marks "around" resolutions (three weeks ago).
    """

    start: date
    end: date
    grain: str
    approx: bool = False
    name: str = ""  # season name, or a part-of-period word (early, late)

    def label(self) -> str:
        g, s = self.grain, self.start
        if g == "day":
            text = s.isoformat()
        elif g == "week":
            text = f"the week of {s.isoformat()}"
        elif g == "weekend":
            text = f"the weekend of {s.isoformat()}"
        elif g == "month":
            text = f"{_MONTH_NAMES[s.month]} {s.year}"
        elif g == "quarter":
            text = f"Q{(s.month - 1) // 3 + 1} {s.year}"
        elif g == "season":
            season = "winter" if s.month == 12 else self.name
            text = f"winter {s.year}–{str(s.year + 1)[2:]}" if season == "winter" else f"{season} {s.year}"
        elif g == "year":
            text = str(s.year)
        else:
            text = f"{s.isoformat()} to {self.end.isoformat()}"
        if self.name in ("early", "mid", "late") and g in ("month", "year", "quarter"):
            text = f"{self.name} {text}"
        return f"around {text}" if self.approx else text


def day(d: date, approx: bool = False) -> Period:
    return Period(d, d, "day", approx)


def days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def month_period(year: int, month: int, part: str = "") -> Period:
    last = days_in(year, month)
    return Period(date(year, month, 1), date(year, month, last), "month", name=part)


def year_period(year: int, part: str = "") -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year", name=part)


def week_period(d: date) -> Period:
    monday = d - timedelta(days=d.weekday())
    return Period(monday, monday + timedelta(days=6), "week")


def weekend_period(d: date) -> Period:
    """The Saturday–Sunday of the ISO week that contains ``d``."""
    saturday = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return Period(saturday, saturday + timedelta(days=1), "weekend")


def quarter_period(year: int, quarter: int, part: str = "") -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(date(year, first, 1), month_period(year, first + 2).end, "quarter", name=part)


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def season_period(name: str, year: int) -> Period:
    """Meteorological seasons (northern hemisphere); winter ``year`` is Dec–Feb."""
    first = _SEASON_START[name]
    start = date(year, first, 1)
    end_year, end_month = add_months(year, first, 2)
    return Period(start, month_period(end_year, end_month).end, "season", name=name)


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


_MONTHS_IN = {"month": 1, "quarter": 3, "year": 12, "decade": 120}


def shift_date(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units, clipping the day of month (Mar 31 − 1 month = Feb 28)."""
    if unit in ("day", "hour"):
        return d + timedelta(days=n if unit == "day" else 0)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    y, m = add_months(d.year, d.month, _MONTHS_IN[unit] * n)
    return date(y, m, min(d.day, days_in(y, m)))


def period_of(unit: str, d: date, part: str = "") -> Period:
    """The calendar period of ``unit`` grain that contains ``d``."""
    if unit in ("day", "hour"):
        return day(d)
    if unit == "week":
        return week_period(d)
    if unit == "weekend":
        return weekend_period(d)
    if unit == "month":
        return month_period(d.year, d.month, part)
    if unit == "quarter":
        return quarter_period(d.year, (d.month - 1) // 3 + 1, part)
    return year_period(d.year, part)


# --------------------------------------------------------------- mentions


@dataclass(slots=True, eq=False)
class Mention:
    """One time expression found in a text, with what it resolves to.

    ``period`` is None when it cannot be resolved (no publish date, a fuzzy
    "a few days ago", an anaphor without anchor). ``depends`` is True when
    the meaning rests on the publish date (directly or through the anchor).
    """

    start: int
    end: int
    text: str
    kind: str  # absolute | yearless | relative | present | anaphoric
    period: Period | None = None
    depends: bool = True
    note: str = ""
    anchor: "Mention | None" = None
    future: bool = False  # the clause looks ahead
    groups: dict[str, str] = field(default_factory=dict, repr=False)
    restated: bool = False  # a weekday or "today" whose date its own sentence gives (not reported)


#: the words-table kind each named group is looked up as
_GROUP_KIND = {"month": "month", "month2": "month", "weekday": "weekday", "day": "day",
               "shift": "shift", "yshift": "shift", "rel": "shift", "unit": "unit",
               "num": "num", "dir": "dir", "season": "season", "prep": "prep"}
_INT_KINDS = frozenset({"month", "weekday", "day", "shift", "dir"})
_LEADING_INT = re.compile(r"[0-9]+")


class Reading(NamedTuple):
    """What the patterns say about one span text (memoised per text).

    ``groups`` are the named groups as written; ``v`` what they mean: ints
    for month, month2, dom, year, weekday, day, shift, yshift, rel, dir;
    strings for unit, season, num ("3", "few"), prep ("time" when a word of
    the preposition is a time word). ``ahead`` is True when the span itself
    holds a word that looks ahead ("effective Aug. 1", "the upcoming week").
    ``tag`` says, once per span text, which whole-text question the span
    may take part in (see :func:`_tag_of`); most spans have none.
    """

    kind: str
    groups: dict[str, str]
    v: dict[str, object]
    ahead: bool = False
    tag: str = ""


class _DayRole(NamedTuple):
    role: "re.Pattern[str]"  # after a weekday: (", Wednesday, and Thursday") + " are"
    listed: "re.Pattern[str]"  # before one: "Tuesday, Wednesday, and " at the end of the text


class Clause(NamedTuple):
    """What the clause around an expression says: does it look ahead, is it habitual?"""

    future: bool
    habitual: bool


_PLAIN = Clause(False, False)


class _Reader:
    """One temporal pattern, compiled with Python ``re`` the first time a span needs it.

    The grammar holds dozens of patterns with named groups, read by
    ``fullmatch``; compiling them all took half of the grammar's build time
    at every start-up, while a short article reads only the few its dates
    need. The RE2 scan that finds the spans is compiled eagerly and checks
    each pattern as RE2 syntax; a pattern only Python rejects (``\\pL``) is
    a config error when first read.
    """

    __slots__ = ("source", "flags", "lexicon", "_compiled")

    def __init__(self, source: str, flags: int, lexicon: "Lexicon") -> None:
        self.source, self.flags, self.lexicon = source, flags, lexicon
        self._compiled: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        compiled = self._compiled
        if compiled is None:
            try:
                compiled = self._compiled = re.compile(self.source, self.flags)
            except re.error as exc:
                lex = self.lexicon
                raise ConfigError(f"lexicon {lex.name!r} ({', '.join(lex.sources)}): pattern "
                                  f"{self.source!r} is not valid Python regex syntax: {exc}") from None
        return compiled.fullmatch(text)


@dataclass(eq=False)
class Grammar:
    """The compiled temporal lexicons of one language.

    ``scan`` is one capture-free RE2 program over all classes (and the
    teaser headings), run over :func:`scan_bytes`; ``readers`` holds, per class in
    scan order, the same patterns compiled by Python's ``re``. A span found
    by the scan is read by the first class whose pattern matches it whole
    (the class RE2 chose, since RE2 tries the classes in the same order).
    ``cues`` finds the words that make a clause look ahead (group 1) or
    habitual (group 2). ``claims`` (compiled when first needed) finds what
    makes a present-tense claim go stale (a figure, a rank, a role);
    ``news``, ``hypothetical`` and ``bounds`` are asked by the NL4 check
    (see :mod:`newslint.rules.dated`).
    """

    scan: object
    readers: list[tuple[str, list["_Reader"]]]
    words: dict[str, tuple[str, str]]
    cues: object | None = None
    any_cue: object | None = None  # the same program without captures: is there any cue?
    updates: "Lexicon | None" = None
    teasers: "Lexicon | None" = None
    name_before: frozenset[str] = frozenset()
    name_after: frozenset[str] = frozenset()
    claims: str | None = None  # the temporal-claims program's source (see _claim_program)
    copulas: frozenset[str] = frozenset()
    news: "Lexicon | None" = None
    hypothetical: "Lexicon | None" = None
    bounds: "Lexicon | None" = None
    imperatives: dict[str, str] = field(default_factory=dict)  # verb -> "" or "obj"
    schedule: "Lexicon | None" = None
    past: frozenset[str] = frozenset()
    scheduled: "Lexicon | None" = None
    _memo: dict[str, Reading | None] = field(default_factory=dict, repr=False)
    _day_role: "_DayRole | None" = field(default=None, repr=False)
    _claims: object | None = field(default=None, repr=False)

    # ------------------------------------------------------------ building

    @classmethod
    def build(cls, lexicons: dict[str, "Lexicon"], words: "Lexicon | None",
              macros: "Lexicon | None", future: "Lexicon | None",
              updates: "Lexicon | None" = None, *, habitual: "Lexicon | None" = None,
              titles: "Lexicon | None" = None, verbs: "Lexicon | None" = None,
              teasers: "Lexicon | None" = None,
              claims: "Lexicon | None" = None, copulas: "Lexicon | None" = None,
              news: "Lexicon | None" = None, hypothetical: "Lexicon | None" = None,
              bounds: "Lexicon | None" = None, imperatives: "Lexicon | None" = None,
              schedule: "Lexicon | None" = None, past: "Lexicon | None" = None,
              scheduled: "Lexicon | None" = None) -> "Grammar":
        import re2

        macro_map = dict(macros.tags) if macros else {}
        alternatives, readers = [], []
        heading = ""
        if teasers is not None and (teasers.phrases or teasers.patterns):
            alt = teasers._alternation()  # a whole line
            heading = rf"(?m:^){_DECOR}(?:{alt}){_DECOR}(?m:$)"
            heading = (heading if teasers.case_sensitive else f"(?i:{heading})") + "|"
        else:
            teasers = None
        for kind in CLASSES:
            lex = lexicons.get(kind)
            if lex is None or not lex.patterns:
                continue
            sources = [_expand(p, macro_map, lex.name) for p in lex.patterns]
            flags = 0 if lex.case_sensitive else re.IGNORECASE
            readers.append((kind, [_Reader(src, flags, lex) for src in sources]))
            body = "|".join(f"(?:{_uncapture(s)})" for s in sources)
            alternatives.append(body if lex.case_sensitive else f"(?i:{body})")
        # ASCII word boundaries: zero-width, so a span is the expression itself;
        # the few non-ASCII letters next to one are checked in Python (spans)
        source = _placeholders(heading + r"\b(?:" + "|".join(alternatives or [r"[^\x00-\x{10FFFF}]"]) + r")\b")
        try:
            program = re2.compile(source, _options(capture=False))
        except re2.error as exc:
            raise ConfigError(f"temporal lexicons: bad pattern: {exc}") from None
        table: dict[str, tuple[str, str]] = {}
        for word, meaning in (words.tags if words else {}).items():
            kind, _, value = meaning.partition(":")
            table[" ".join(word.casefold().split())] = (kind, value)
        # group 1: words that look ahead; group 2: words of habit
        cue_parts = []
        for lex in (future, habitual):
            if lex is None or not (lex.phrases or lex.patterns):
                cue_parts.append(r"([^\x00-\x{10FFFF}])")  # never matches
            else:
                alt = lex._alternation()
                cue_parts.append(f"({alt})" if lex.case_sensitive else f"((?i:{alt}))")
        cues = any_cue = None
        if future is not None or habitual is not None:
            source = _placeholders(_LEFT_ASCII + "(?:" + "|".join(cue_parts) + ")" + _RIGHT_ASCII)
            try:
                cues = re2.compile(source, _options())
                any_cue = re2.compile(source, _options(capture=False))
            except re2.error as exc:
                raise ConfigError(f"temporal cue lexicons: bad pattern: {exc}") from None
        before = frozenset(p.casefold() for p in (titles.phrases if titles else ()))
        after = frozenset(p.casefold() for p in (verbs.phrases if verbs else ()))
        claim_source = None  # compiled the first time a present claim is asked about
        if claims is not None and (claims.phrases or claims.patterns):
            alt = claims._alternation()
            alt = alt if claims.case_sensitive else f"(?i:{alt})"
            claim_source = _placeholders(f"{_LEFT_ASCII}({alt}){_RIGHT_ASCII}")
        roles = frozenset(p.casefold() for p in (copulas.phrases if copulas else ()))
        verbs_table = {}
        if imperatives is not None:
            tags = {k.casefold(): v for k, v in (imperatives.tags or {}).items()}
            verbs_table = {p.casefold(): tags.get(p.casefold(), "") for p in imperatives.phrases}
        past_words = frozenset(p.casefold() for p in (past.phrases if past else ()))
        return cls(program, readers, table, cues, any_cue, updates, teasers, before, after,
                   claim_source, roles, news, hypothetical, bounds, verbs_table,
                   schedule if schedule is not None and (schedule.phrases or schedule.patterns) else None,
                   past_words, scheduled if scheduled is not None and (scheduled.phrases or scheduled.patterns) else None)

    # ------------------------------------------------------------ reading

    def meaning(self, word: str | None, kind: str) -> str | None:
        """The value of ``word`` if the words table gives it as ``kind``."""
        if not word:
            return None
        found = self.words.get(word.lower())
        if found is None:
            key = " ".join(word.casefold().replace("’", "'").split())
            found = self.words.get(key)
            if found is None and kind == "num" and key.isdigit():
                return key
        if found is not None and found[0] == kind:
            return found[1]
        return None

    def read(self, span: str) -> Reading | None:
        """The reading of the first pattern matching ``span`` whole (memoised)."""
        memo = self._memo
        found = memo.get(span, False)
        if found is not False:
            return found
        found = None
        if self.teasers is not None and "\n" not in span and self.teasers.match_line(span) is not None:
            found = Reading(TEASER, {}, {})
        for kind, patterns in self.readers if found is None else ():
            for pattern in patterns:
                r = pattern.fullmatch(span)
                if r is not None:
                    groups = {k: v for k, v in r.groupdict().items() if v is not None}
                    v = self._values(groups)
                    lower = span.lower()
                    if lower.endswith("ago"):
                        v["ago"] = True
                    if lower.startswith("this time"):
                        v["thistime"] = True
                    prep = groups.get("prep")
                    if prep is not None and prep.lower().startswith(_DEADLINES):
                        v["deadline"] = True  # "by the end of May": the mood of its whole sentence
                    if kind == "present" and ("marked" in groups or "unit" in groups or "recent" in groups):
                        v["always"] = True  # dated by the writer, or a window: no figure needed
                    elif kind == "quiet" and self._names_a_day(lower):
                        v["dated"] = True
                    found = Reading(kind, groups, v, self._has_future_cue(span), _tag_of(kind, groups, v))
                    break
            if found:
                break
        if len(memo) > 8192:
            memo.clear()
        memo[span] = found
        return found

    def _values(self, groups: dict[str, str]) -> dict[str, object]:
        v: dict[str, object] = {}
        for name, text in groups.items():
            kind = _GROUP_KIND.get(name)
            if kind == "prep":
                if any(self.meaning(w, "prep") == "time" for w in text.split()):
                    v[name] = "time"
            elif kind is not None:
                meaning = self.meaning(text.rstrip(".") if kind == "month" else text, kind)
                if meaning is not None:
                    v[name] = int(meaning) if kind in _INT_KINDS else meaning
            elif name in ("dom", "dom2"):
                v[name] = int(_LEADING_INT.match(text).group())
            elif name == "year":
                v[name] = int(text)
        return v

    def _names_a_day(self, lower: str) -> bool:
        """Does a quiet span name a weekday or a month ("the Sunday", "each January 1st")?"""
        for word in lower.replace("\u2019", "'").split():
            word = word.strip(".,;:")
            found = self.words.get(word[:-2] if word.endswith("'s") else word)
            if found is not None and found[0] in ("weekday", "month") and len(word) > 3:
                return True
        return False

    def _has_future_cue(self, span: str) -> bool:
        if self.cues is None:
            return False
        return any(m.start(1) >= 0 for m in self.cues.finditer(span.encode("ascii", "replace")))

    def spans(self, text: str, data: bytes | None = None, *, teasers: bool = True,
              markdown: bool = False) -> list[tuple[int, int, Reading]]:
        """``(start, end, reading)`` of every match in ``text``, quiet ones included.

        One pass of the scan (public RE2 API) over the text encoded as ASCII
        with every other character replaced by "?": one byte per character,
        so RE2's byte offsets are the text's character offsets, with no
        decoding per match (nearly every news text has a curly quote). The
        scan's patterns accept "?" wherever they name a non-ASCII character
        (:func:`_placeholders`); the span is then read in the real text.
        The matches are collected in one tight loop before any is read, so
        RE2 runs with its tables warm in the CPU cache. In a teaser block
        after a related-articles heading nothing is read until the story
        resumes (``teasers=False``: never skip). ``data`` is
        :func:`scan_bytes` of the text, when the caller has it already.
        """
        if "\u00a0" in text:
            text = text.replace("\u00a0", " ")  # same length: offsets stay valid
        if data is None:
            data = text.encode("ascii", "replace")
        found = _matches(self.scan, data, whole=True)
        if not found:
            return []
        ascii_only = text.isascii()
        n = len(text)
        memo = self._memo
        out = []
        skip_to = 0  # the end of a teaser block
        for start, end in found:
            if start < skip_to:
                continue
            # RE2's \b knows only ASCII: "Marché" is one word, not "March" + "é"
            if not ascii_only:
                before = text[start - 1] if start else " "
                after = text[end] if end < n else " "
                if before.isalnum() or after.isalnum() or before == "_" or after == "_":
                    continue
            if text[end - 1].isdigit() and _NUMBER_GOES_ON.match(text, end):
                cut = self._reread(data, start, end)  # "July 11 and 2,000": without the number
                if cut is None:
                    continue
                start, end = cut
            span = text[start:end]
            reading = memo.get(span, False)
            if reading is False:
                reading = self.read(span)
            if reading is None:
                continue
            if reading.kind == TEASER:
                if teasers and _story_before(text, text.rfind("\n", 0, start) + 1, markdown):
                    line_end = text.find("\n", end)
                    skip_to = _teaser_end(text, n if line_end < 0 else line_end, markdown)
                continue  # a heading above the story is navigation, not pasted teasers
            out.append((start, end, reading))
        return out

    def _reread(self, data: bytes, start: int, end: int) -> tuple[int, int] | None:
        """The span at ``start`` read without the number it ends in, which goes on after it."""
        cut = end - len(_TRAILING_DIGITS.search(data, start, end).group())
        spans = _first(self.scan, data[start:cut])
        if spans is None or spans[0][0] != 0:
            return None
        return start, start + spans[0][1]

    # ------------------------------------------------------------ context

    def clause(self, text: str, start: int, end: int, scope: str = "clause",
               data: bytes | None = None, seen: dict | None = None) -> Clause:
        """Does the clause around ``text[start:end]`` look ahead, or speak of a habit?

        The clause, not the sentence: in "X will open, the minister said on
        Tuesday" the Tuesday is past. A date fronted before a comma ("On
        Friday, the board will vote"), or in a fronted adverbial clause
        ("With async-await hitting stable in November, it's going to be
        easier"), takes the clause that follows it.
        ``scope="sentence"`` asks of the whole sentence. First one
        capture-free RE2 search of the line around the expression (in
        ``data``, :func:`scan_bytes` of the text, when given) asks whether
        there is any cue nearby at all; usually there is none, and the
        clause is never cut. ``seen`` keeps that answer per line window for
        the other expressions of the same paragraph.
        """
        if self.cues is None:
            return _PLAIN
        n = len(text)
        lo = max(0, start - _SENTENCE_MAX, text.rfind("\n", 0, start) + 1)
        hi = text.find("\n", end, end + _SENTENCE_MAX)
        hi = min(n, end + _SENTENCE_MAX) if hi < 0 else hi
        if data is None:
            data, base = text[lo:hi].encode("ascii", "replace"), lo
            nearby = _first(self.any_cue, data) is not None
        else:
            base = 0
            nearby = seen.get((lo, hi)) if seen is not None else None
            if nearby is None:
                nearby = _first(self.any_cue, data, lo, hi) is not None
                if seen is not None:  # the other expressions of the same window
                    seen[(lo, hi)] = nearby
        if not nearby:
            return _PLAIN  # the usual answer
        stops = _SENTENCE_STOPS if scope == "sentence" else _CLAUSE_STOPS
        c_lo = _break_before(text, lo, start, stops)
        c_hi, comma = _break_after(text, end, hi, stops)
        if comma and (not text[c_lo:start].strip() or _FRONTED.match(text, c_lo, start) is not None):
            c_hi, _ = _break_after(text, c_hi + 1, hi, stops)
        future = habitual = False
        # one character more: the boundary after a cue that ends the clause
        for spans in _matches(self.cues, data, c_lo - base, min(len(data), c_hi - base + 1)):
            if spans[1][0] >= 0:
                future = True
            else:
                habitual = True
        return Clause(future, habitual)

    def looks_ahead(self, text: str, start: int, end: int, scope: str = "clause",
                    data: bytes | None = None) -> bool:
        return self.clause(text, start, end, scope, data).future

    def update_stamp(self, text: str, start: int) -> bool:
        """Is the date at ``start`` an update stamp ("Updated Dec. 7, 2024")?"""
        if self.updates is None:
            return False
        return self.updates.program.search(text[max(0, start - _STAMP_REACH) : start]) is not None

    def claim(self, text: str, start: int, end: int, data: bytes | None = None) -> bool:
        """Does the clause of a present-tense word hold something that goes stale?

        A figure, a rank or superlative, a role held, a price (``temporal-claims``):
        "the firm now has 40 staff", "is currently the largest", "currently lie
        14th". After "now has:" the list that follows is the object ("Hugo now
        has:" + "15,200+ stars"). A year or a version number is not a figure.
        Without such a pack every claim counts, as before.
        """
        if self.claims is None:
            return True
        program = self._claim_program()
        if data is None:
            data = scan_bytes(text)
        n = len(text)
        lo = max(0, start - _SENTENCE_MAX, text.rfind("\n", 0, start) + 1)
        hi = text.find("\n", end, end + _SENTENCE_MAX)
        hi = min(n, end + _SENTENCE_MAX) if hi < 0 else hi
        c_lo = _break_before(text, lo, start, _CLAUSE_STOPS)
        c_hi, comma = _break_after(text, end, hi, _CLAUSE_STOPS)
        if comma and not text[c_lo:start].strip():
            c_hi, _ = _break_after(text, c_hi + 1, hi, _CLAUSE_STOPS)
        elif text[c_hi : c_hi + 1] == ":" and not text[end:c_hi].strip():
            c_hi = min(n, c_hi + _LIST_REACH)  # "Hugo now has:" and a list
        # "11 themes were added and the repo now has previews": the figure is another clause's
        joint = max(text.rfind(" and ", c_lo, start), text.rfind(" but ", c_lo, start))
        if joint >= 0:
            c_lo = joint + 4
        pos, c_hi = c_lo, min(len(data), c_hi + 1)  # the boundary after the clause's last word
        while True:  # search, not finditer: a match's boundary character may begin the next one
            spans = _first(program, data, pos, c_hi)
            if spans is None:
                return False
            g_start, g_end = spans[1]
            if _is_figure(text, g_start, g_end):
                return True
            space = text.find(" ", g_start, g_end)  # "2019 the largest": go on from "the"
            pos = space if space > 0 else g_end

    def _claim_program(self):
        program = self._claims
        if program is None:
            import re2

            try:
                program = self._claims = re2.compile(self.claims, _options())
            except re2.error as exc:
                raise ConfigError(f"temporal-claims: bad pattern: {exc}") from None
        return program

    def day_role(self, text: str, start: int, end: int) -> bool:
        """Does a weekday that opens a sentence name a day's role ("Monday is Community Day")?

        The weekday (or a list of them: "Tuesday, Wednesday, and Thursday")
        is the subject of a present-tense verb from ``temporal-copulas``.
        """
        if not self.copulas:
            return False
        pattern = self._day_role_pattern()
        if pattern.role.match(text, end) is None:
            return False  # the usual answer: no "is"/"are" after it
        lo = max(text.rfind("\n", 0, start) + 1, start - _LIST_MAX)
        before = text[lo:start]
        if before.rstrip().endswith((",", " and", " or", "&")):
            head = pattern.listed.search(before)  # "Tuesday, Wednesday, and |Thursday are"
            if head is not None:
                before = before[: head.start()]
        before = before.rstrip()
        return not before or before[-1] in ".!?:" or not before.strip("-*+•>#| \t0123456789.")

    def _day_role_pattern(self) -> "_DayRole":
        """The weekday-list patterns of :meth:`day_role`, compiled the first time one is asked."""
        pattern = self._day_role
        if pattern is None:
            days = sorted(w for w, (kind, _) in self.words.items() if kind == "weekday" and len(w) > 3)
            days = "|".join(re.escape(d.title()) for d in days)
            verbs = "|".join(re.escape(c) for c in sorted(self.copulas, key=len, reverse=True))
            joint = r",? (?:and |or |& )?"
            pattern = self._day_role = _DayRole(
                re.compile(rf"(?:{joint}(?:{days}))*,? (?:{verbs})\b"),
                re.compile(rf"(?:{days})(?:{joint}(?:{days}))*{joint}$"))
        return pattern

    def reads_as_news(self, text: str) -> bool:
        """Does ``text`` carry a sign of news reporting (``temporal-news-cues``)?"""
        if self.news is None:
            return True
        return any(self.news.tag_of(found) != "not" for _, _, found in self.news.finditer(text))

    def hypothetical_sentence(self, text: str, start: int, end: int) -> bool:
        """Is the sentence around ``text[start:end]`` an example or an instruction?"""
        if self.hypothetical is None:
            return False
        lo = max(0, start - _SENTENCE_MAX)
        s_lo = _break_before(text, lo, start, _SENTENCE_STOPS)
        s_hi, _ = _break_after(text, end, min(len(text), end + _SENTENCE_MAX), _SENTENCE_STOPS)
        return self.hypothetical.search(text[s_lo:s_hi]) is not None

    def call_to_action(self, text: str, start: int) -> bool:
        """Is a "today" at ``start`` the reader's day: a call to action or advice to "you"?

        Its sentence (or the clause that holds it: "…and upgrade today!")
        opens with an imperative from ``temporal-imperatives`` followed by
        its object ("Start using Supabase today", "Try the new features …
        today", "Sign up today"), possibly after "you can"; or the sentence
        is a condition on "you" ("if you decide … what you are having for
        lunch today"). "Upgrade plans were announced today" is no order:
        the word after the verb must be an object, a name or a participle.
        """
        if not self.imperatives:
            return False
        lo = max(0, start - _SENTENCE_MAX)
        s_lo = max(text.rfind(". ", lo, start), text.rfind("! ", lo, start), text.rfind("? ", lo, start),
                   text.rfind("\n", lo, start)) + 1
        before = text[max(s_lo, lo) : start]
        if not before.strip():
            return False  # "Today, we …" opens its sentence
        if self._opens_order(before):
            return True
        # the last clause: "…and install and |upgrade today!"
        cut = max((at + len(sep) for sep in _CTA_JOINTS if (at := before.rfind(sep)) >= 0), default=0)
        return cut > 0 and self._opens_order(before[cut : cut + 48])

    def _opens_order(self, clause: str) -> bool:
        """Does a clause open with an order or a condition on "you"? One word looked up first."""
        head = clause.lstrip(_WORD_TRIM + " \t")
        word = head[:16].split(None, 1)[0].lower().rstrip(_WORD_TRIM) if head else ""
        if word in ("if", "when", "whether", "unless"):
            return head[len(word) : len(word) + 5].lower().split(None, 1)[:1] == ["you"]
        if word not in self.imperatives and word not in _CTA_OPENERS:
            return False  # the usual answer
        return self._imperative(_words(head[:48]))

    def _imperative(self, words: list[str]) -> bool:
        if not words or (words[0] not in self.imperatives and words[0] not in _CTA_OPENERS):
            return False  # the usual answer: one dictionary lookup
        if words[:1] == ["please"] or words[:1] == ["just"] or words[:1] == ["so"]:
            words = words[1:]
        if words[:2] in (["you", "can"], ["you", "could"], ["you", "may"]):
            words = words[2:]
            if words[:1] == ["now"] or words[:1] == ["also"]:
                words = words[1:]
        if not words:
            return False
        verbs = self.imperatives
        tag = verbs.get(" ".join(words[:2])) if len(words) > 1 else None
        rest = words[2:] if tag is not None else words[1:]
        if tag is None:
            tag = verbs.get(words[0])
            if tag is None:
                return False
        if not rest:
            return True  # "…and upgrade| today", "Sign up| today"
        nxt = rest[0]
        if nxt in _OBJECT_WORDS:
            return True
        return tag != "obj" and (nxt[:1].isupper() or nxt.endswith(("ing", "ed")))

    def scheduled_sentence(self, text: str, start: int, end: int) -> bool:
        """Does the sentence around ``text[start:end]`` announce it ahead ("When: …", "until X is released")?"""
        if self.scheduled is None:
            return False
        lo = max(0, start - _SENTENCE_MAX)
        if self.scheduled.search(text[lo : end + _SENTENCE_MAX]) is None:
            return False  # the usual answer, without cutting the sentence
        s_lo = _break_before(text, lo, start, _SENTENCE_STOPS)
        s_hi, _ = _break_after(text, end, min(len(text), end + _SENTENCE_MAX), _SENTENCE_STOPS)
        return self.scheduled.search(text[s_lo:s_hi]) is not None

    def schedule_head(self, line: str) -> bool:
        """Does a heading or lead-in line name a schedule ("### Schedule", "Key dates", "When?")?"""
        return self.schedule is not None and self.schedule.search(line) is not None

    def past_clause(self, text: str, start: int, end: int | None = None) -> bool:
        """Is the clause around ``text[start:end]`` in the past tense ("2019 was my best year to date")?

        A word of ``temporal-past`` in it, or a word in "-ed" right after a
        pronoun ("we released", "it closed").
        """
        if not self.past:
            return False
        end = start if end is None else end
        lo = max(0, start - 120)
        c_lo = max([text.rfind(stop, lo, start) for stop in _PAST_STOPS]) + 1 or lo
        hi = min(len(text), end + 80)
        c_hi = min([at for stop in _PAST_STOPS if (at := text.find(stop, end, hi)) >= 0], default=hi)
        past = self.past
        prev = ""
        for w in (text[c_lo:start] + " " + text[end:c_hi]).lower().split():
            if w in past or (prev in _PRONOUNS and w.endswith("ed")):
                return True
            prev = w
        return False

    def bounded(self, text: str, start: int, span: str) -> bool:
        """Is a date the end of a state or a deadline ("until the end of March 2018")?

        A ``temporal-bounds`` phrase ends right before it, or opens its span.
        """
        if self.bounds is None:
            return False
        program = self.bounds.program
        head = program.match(span)
        if head is not None and head.start(1) == 0:
            return True
        before = text[max(0, start - _STAMP_REACH) : start].rstrip()
        last = None
        for last in program.finditer(before):
            pass
        return last is not None and last.end(1) == len(before)

    def is_person(self, text: str, word: str) -> bool:
        """Does ``text`` use the month word ``word`` as a person's name somewhere?

        After a title ("Mrs May", "Prime Minister May"), before a reporting
        verb ("May said"), or after a capitalised word inside a sentence
        ("said Theresa May"), with no day or year after it.
        """
        n, size = len(text), len(word)
        i = text.find(word)
        while i >= 0:
            e = i + size
            if (i == 0 or not _word_char(text[i - 1])) and (e >= n or not _word_char(text[e])):
                nxt = text[e : e + 24].split(None, 1)
                if text[e : e + 1] == " " and nxt and nxt[0].rstrip(".,;:").lower() in self.name_after:
                    return True
                if not (nxt and nxt[0][:1].isdigit()) and text[i - 1 : i] == " ":
                    before = text[max(0, i - 40) : i - 1].split()
                    if before and self._names_person(before):
                        return True
            i = text.find(word, e)
        return False

    def _names_person(self, before: list[str]) -> bool:
        prev = before[-1]
        if prev.rstrip(".").lower() in self.name_before:
            return True
        # a capitalised word inside a sentence (not its first word), not a date word
        return (len(before) > 1 and prev.isalpha() and prev.istitle() and len(prev) > 1
                and before[-2][-1:] not in ".!?:\"\u201c" and prev.lower() not in self.words)


# a call to action's clauses: "To get involved, head over to X and install and upgrade today!"
_CTA_JOINTS = (", ", "; ", ": ", " and ", " or ", " then ", "\u2014 ", "\u2013 ")
_WORD_TRIM = "*_[]()>\"'\u201c\u201d\u2018\u2019`~#-"
# what follows an imperative verb when it is one: its object ("Try the new…", "Join us")
_CTA_OPENERS = frozenset("please just so you sign head check jump dive spin set start try pre".split())
# where a clause ends, for the past-tense question (a cheap cut: "," ";" ":" and sentence ends)
_PAST_STOPS = (", ", "; ", ": ", ". ", "! ", "? ", "\n")
_PRONOUNS = frozenset("i we he she they it you".split())
_OBJECT_WORDS = frozenset("your you the it them this these that those our us a an to now up out in on with "
                          "using for and today me all free new one some more".split())


def _words(segment: str) -> list[str]:
    """The first words of a clause, lower-cased but for a capitalised word after the first (a name)."""
    words = [w.strip(_WORD_TRIM) for w in segment.split(None, 6)[:6]]
    words = [w for w in words if w]
    return [w.lower() for w in words[:1]] + [w if w[:1].isupper() else w.lower() for w in words[1:]]


_YEARISH = re.compile(r"(?:1[89]|20)[0-9][0-9]")
_NUMBER = re.compile(r"[0-9][0-9,.]*")


def _is_figure(text: str, start: int, end: int) -> bool:
    """Is a ``temporal-claims`` match a figure, not a year or a version number?

    Only matches that start with a digit are questioned: "2019 the", "0.13.1 release",
    "Hugo 0.15 introduces", "#1597" are not figures; "2,000 staff", "9.3%", "1.5 million",
    "is 218" are.
    """
    if not text[start : start + 1].isdigit():
        return True
    if start > 0 and text[start - 1] in "#@":  # an issue or a handle, not a count
        return False
    number = _NUMBER.match(text, start).group().rstrip(",.")
    rest = text[start + len(number) : end].lstrip(" +").lower()
    if _YEARISH.fullmatch(number):
        return False
    if "." in number:  # a decimal is a figure as a share or an amount, not as a version
        return number.count(".") == 1 and ((start > 0 and text[start - 1] in "$€£¥")
                                           or rest.startswith(("%", "percent", "per cent", "million",
                                                               "billion", "trillion")))
    return True


# The RE2 binding's Python layer (match objects, a generator per search) costs
# more than the DFA run on a short window; the scans call the compiled program
# directly and read the spans it returns (whole match first, then each group),
# as ``newslint.rules.residue_linekit`` does. The fallback keeps working if a
# future binding renames its internals.
def _first(program, data: bytes, pos: int = 0, endpos: int | None = None):
    """The spans of the first match in ``data[pos:endpos]``, or None."""
    end = len(data) if endpos is None else min(endpos, len(data))
    try:
        spans = program._regexp.Match(_unanchored(), data, pos, end)
    except (AttributeError, TypeError):  # pragma: no cover - another binding
        m = program.search(data, pos, end)
        return None if m is None else [m.span(i) for i in range(program.groups + 1)]
    return None if spans[0][0] < 0 else spans


@functools.cache
def _unanchored():
    """The binding's "search anywhere" anchor (re2 is imported only once a program is built)."""
    import re2

    return re2._Anchor.UNANCHORED


def _matches(program, data: bytes, pos: int = 0, endpos: int | None = None, whole: bool = False) -> list:
    """The spans of each non-overlapping match, left to right (``whole``: only each match's span)."""
    end = len(data) if endpos is None else min(endpos, len(data))
    out = []
    try:
        match, anchor = program._regexp.Match, _unanchored()
    except AttributeError:  # pragma: no cover - another binding
        found = [[m.span(i) for i in range(program.groups + 1)] for m in program.finditer(data, pos, end)]
        return [spans[0] for spans in found] if whole else found
    while pos <= end:
        spans = match(anchor, data, pos, end)
        first = spans[0]
        start, stop = first
        if start < 0:
            break
        out.append(first if whole else spans)
        pos = stop if stop > start else stop + 1
    return out


def scan_bytes(text: str) -> bytes:
    """What the scans read: the text as ASCII, every other character "?" (one byte
    per character, so byte offsets are character offsets), a no-break space a space."""
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    return text.encode("ascii", "replace")


# a fronted adverbial clause, whose time is the main clause's: "With X hitting stable in November, …"
_FRONTED = re.compile(r"[ \t*_>\"\u201c(\[]*(?i:with|once|after|when|until|till|before|if|by) ")
# prepositions of a deadline: "by the end of May" takes the mood of its whole sentence
_DEADLINES = ("by", "until", "till", "before", "no later than")


def _breaks(text: str, at: int) -> bool:
    """Does ``text[at]`` end a clause? A newline; ``.!?`` (and a closing quote)
    before a space; ``,;:`` before a space; a dash between spaces."""
    ch = text[at]
    if ch == "\n":
        return True
    nxt = text[at + 1 : at + 2]
    if ch in ".!?":
        if nxt and nxt in _CLOSERS:
            nxt = text[at + 2 : at + 3]
        return nxt.isspace()
    if ch in ",;:":
        return nxt.isspace()
    return nxt.isspace() and text[at - 1 : at].isspace()


def _break_before(text: str, lo: int, pos: int, stops: str) -> int:
    """Where the clause around ``pos`` starts: after the last break in ``text[lo:pos]``."""
    while True:
        at = max([text.rfind(ch, lo, pos) for ch in stops])
        if at < 0:
            return lo
        if _breaks(text, at):
            return at + 1
        pos = at


def _break_after(text: str, pos: int, hi: int, stops: str) -> tuple[int, bool]:
    """Where the clause from ``pos`` ends (``hi`` if it runs on), and whether at a comma."""
    while True:
        found = [i for i in [text.find(ch, pos, hi) for ch in stops] if i >= 0]
        if not found:
            return hi, False
        at = min(found)
        if _breaks(text, at):
            return at, text[at] == ","
        pos = at + 1


_PLAIN_RUN = re.compile(r"[^\\\[(]+")  # outside a class: up to an escape, a class or a group
_CLASS_RUN = re.compile(r"[^\\\]]+")  # inside a class: up to an escape or its end


def _regex_pieces(source: str) -> Iterator[tuple[str, str]]:
    """Split regex source into ``(piece, kind)``: kind is ``escape`` (``\\x``),
    ``class`` (characters inside ``[...]``, the brackets being ``class-edge``),
    ``capture`` (``(`` or ``(?P<name>`` opening a capturing group) or ``text``.

    One walk for both rewrites below, so they agree on where a class starts and
    ends (``[]x]`` and ``[^]x]``: a ``]`` first in a class is literal). Plain runs
    come as one piece: the grammar's sources are thousands of characters long.
    """
    i, n, in_class = 0, len(source), False
    while i < n:
        ch = source[i]
        if ch == "\\":
            yield source[i : i + 2], "escape"
            i += 2
        elif in_class:
            if ch == "]":
                in_class = False
                yield ch, "class-edge"
                i += 1
            else:
                end = _CLASS_RUN.match(source, i).end()
                yield source[i:end], "class"
                i = end
        elif ch == "[":
            opening = "[^" if source.startswith("[^", i) else "["
            if source.startswith("]", i + len(opening)):
                opening += "]"  # the literal ] first in a class
            in_class = True
            yield opening, "class-edge"
            i += len(opening)
        elif ch == "(":
            if source.startswith("(?P<", i):
                end = source.index(">", i) + 1
                yield source[i:end], "capture"
                i = end
            else:
                yield ch, "text" if source.startswith("(?", i) else "capture"
                i += 1
        else:
            end = _PLAIN_RUN.match(source, i).end()
            yield source[i:end], "text"
            i = end


def _placeholders(source: str) -> str:
    """The RE2 pattern with each non-ASCII character also accepting "?" (see Grammar.spans).

    Outside a class "’" becomes "[’?]"; inside one, "?" joins the class.
    The span found is read in the real text, which has the real character.
    """
    if source.isascii():
        return source
    out = []
    for piece, kind in _regex_pieces(source):
        if kind in ("class", "text") and not piece.isascii():
            form = "{}\\?" if kind == "class" else "[{}\\?]"
            piece = "".join(c if c.isascii() else form.format(c) for c in piece)
        out.append(piece)
    return "".join(out)


def _options(capture: bool = True):
    import re2

    opts = re2.Options()
    opts.max_mem = 64 << 20
    opts.log_errors = False
    # Without captures RE2 answers from its DFA alone (the scan needs only spans).
    opts.never_capture = not capture
    return opts


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _teaser_end(text: str, pos: int, markdown: bool) -> int:
    """Where story text resumes after a teaser heading whose line ends at ``pos``.

    Units are lines (paragraphs in Markdown); the story has resumed at the
    first of two story paragraphs in a row. Teaser cards alternate titles,
    labels and dates with at most one text each.
    """
    n = len(text)
    i = pos + 1
    prose_at = -1  # start of the previous unit when it was a story paragraph
    while i < n:
        j = text.find("\n", i)
        j = n if j < 0 else j
        if markdown:
            while j < n:  # a paragraph runs to the next blank line
                k = text.find("\n", j + 1)
                k = n if k < 0 else k
                if not text[j + 1 : k].strip():
                    break
                j = k
        unit = " ".join(text[i:j].split()) if markdown else text[i:j].strip()
        if unit:
            if _story_paragraph(unit):
                if prose_at >= 0:
                    return prose_at
                prose_at = i
            else:
                prose_at = -1
        i = j + 1
    return n


def _story_before(text: str, pos: int, markdown: bool = False) -> bool:
    """Is there a story paragraph in ``text`` before ``pos`` (a line start)?"""
    if markdown:  # paragraphs run to a blank line
        return any(_story_paragraph(" ".join(p.split())) for p in text[:pos].split("\n\n"))
    while pos > 0:
        lo = text.rfind("\n", 0, pos - 1) + 1
        if _story_paragraph(text[lo : pos - 1].strip()):
            return True
        pos = lo
    return False


def _story_paragraph(unit: str) -> bool:
    """At least eight words ending a sentence (a teaser cut short with "..." does not)."""
    if unit.count(" ") < 7:
        return False
    tail = unit.rstrip("\"'\u201d\u2019)]")
    return tail[-1:] in (".", "!", "?") and not tail.endswith("...")


def _expand(pattern: str, macros: dict[str, str], where: str) -> str:
    for _ in range(3):  # macros may use macros, a few levels deep
        if "{" not in pattern:
            break

        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in macros:
                raise ConfigError(f"lexicon {where!r}: unknown macro {{{m.group(1)}}} in {pattern!r}")
            return macros[m.group(1)]

        pattern = _MACRO.sub(sub, pattern)
    return pattern


def _uncapture(pattern: str) -> str:
    """The pattern with every capturing group made non-capturing."""
    return "".join("(?:" if kind == "capture" else piece for piece, kind in _regex_pieces(pattern))


def grammar_for(packs: "PackSet", lang: str | None) -> Grammar:
    """The grammar for a language, compiled once per loaded pack set.

    It is kept on the merged ``temporal-calendar`` lexicon object, which the
    pack set itself caches per language, so it lives exactly as long as the
    packs it was built from.
    """
    anchor = packs.get("temporal-calendar", lang)
    grammar = anchor.__dict__.get("_grammar")
    if grammar is None:
        def get(name: str):
            return packs.get(name, lang) if packs.has(name) else None

        lexicons = {kind: get(f"temporal-{kind}") for kind in CLASSES}
        grammar = Grammar.build({k: v for k, v in lexicons.items() if v is not None},
                                get("temporal-words"), get("temporal-macros"), get("temporal-future"),
                                get("temporal-update-marks"), habitual=get("temporal-habitual"),
                                titles=get("temporal-name-titles"), verbs=get("temporal-name-verbs"),
                                teasers=get("teaser-markers"),
                                claims=get("temporal-claims"), copulas=get("temporal-copulas"),
                                news=get("temporal-news-cues"), hypothetical=get("temporal-hypothetical"),
                                bounds=get("temporal-bounds"), imperatives=get("temporal-imperatives"),
                                schedule=get("temporal-schedule-heads"), past=get("temporal-past"),
                                scheduled=get("temporal-scheduled"))
        anchor.__dict__["_grammar"] = grammar
    return grammar


# --------------------------------------------------------------- resolving


def find(text: str, ref: date | None, grammar: Grammar, *, headline: bool = False,
         teasers: bool = False, markdown: bool = False, month_ref: date | None = None) -> list[Mention]:
    """Every dated expression of ``text``, resolved against ``ref`` (the publish date).

    Quiet look-alikes are dropped; absolute dates are returned too (they are
    anchors, and a check may compare them with the publish date). Anaphors
    resolve against the last mention before them that names a date.

    In body text, a capitalised date word before a capitalised word is a
    name ("June Carter"), one after the capitalised words of a name is part
    of it ("Open Source Friday", "Fantasy Football Today"), and relative
    words on a short title-case line are a label ("Most Popular Today", a
    lone "Today" menu item). ``headline`` turns these heuristics off, since
    a title-case headline capitalises everything ("Stocks Fall Yesterday
    After Fed Decision"). ``teasers`` skips the teaser blocks after a
    related-articles heading (a body); ``markdown`` says the text's
    paragraphs are separated by blank lines. ``month_ref``, when given, is
    the day "this month", "last month" and "next month" are counted from: a
    monthly recap published on the 2nd means the month its title names.

    The text is read as a whole, not one expression at a time (see
    *Weekdays and years in one text* in the module docstring): a bare
    weekday takes its day from a date the text states next to it (the
    week, weekend or days of an event, a schedule's dates), and the
    yearless dates of one text get consistent years.
    """
    if markdown and "\n" in text:
        text = join_soft_breaks(text)
    data = scan_bytes(text)
    spans = grammar.spans(text, data, teasers=teasers, markdown=markdown)
    if not spans:
        return []  # most titles: nothing else to set up
    out: list[Mention] = []
    anchor: Mention | None = None
    persons: dict[str, bool] = {}
    seen: dict = {}  # line window -> any clause cue in it
    anaphors: list[tuple[Mention, Reading]] = []
    loose: list[int] = []  # indexes in out of weekdays and days no stated date explains yet
    frames: list[Mention] = []  # dates a weekday may take its day from: days of an event, this week(end)
    stop = -1  # where the last single day stated with its year ends
    stated = False  # a calendar date of day grain was seen (a schedule's, a restatement's)
    dates = 0  # calendar dates with a day or a month (absolute or yearless)
    guessed = False  # a yearless date's year is the publish date's guess alone
    generic = [s for s, _e, r in spans if r.kind == "generic"]
    if generic:  # "depending on the year": rare, so found by the scan, not asked per date
        seen[_GENERIC] = generic
    for start, end, r in spans:
        kind = r.kind
        if kind == "quiet" or kind == "generic":
            if r.v.get("dated"):
                anchor = None  # "on the Sunday when …": a day the anaphors after it may mean
            continue
        if not headline and text[end + 1 : end + 2].isupper() and _is_name(text, start, end):
            continue
        tag = r.tag
        if (tag in _NAMABLE and not headline and text[start - 1 : start] == " "
                and _in_name(text, start, r, grammar)):
            continue  # "Open Source Friday", "Fantasy Football Today": part of a name
        if kind == "calendar":
            mention = _calendar(text, start, end, r, ref, grammar, persons, data, seen)
            if tag and mention is not None and ref is not None:
                if tag in _WEEKDAY_TAGS:
                    if mention.kind == "relative" and "that is the" not in mention.note:
                        if not (frames and _weekday_in_frame(text, mention, r.v["weekday"], frames, stop,
                                                             grammar, ref)):
                            loose.append(len(out))
                elif tag == "dated":
                    stated = True
                    dates += 1
                    if "dom2" in r.groups:
                        frames.append(mention)  # the days of an event: "April 20-22, 2026"
                    elif mention.period.grain == "day":
                        stop = end  # a byline's or a deadline's day
                elif mention.period is not None:  # yearless
                    dates += 1
                    if mention.period.grain == "day":
                        stated = True
                        frames.append(mention)
                    if mention.note in _GUESSES:
                        guessed = True
        elif kind == "relative" or kind == "present":
            if not headline and _label_line(text, start, end):
                continue
            if kind == "relative":
                if tag in _TODAY_TAGS and grammar.call_to_action(text, start):
                    continue  # "Start using it today", "Sign up today": the reader's day
                mention = _relative(text[start:end], start, end, r, ref, month_ref)
                if tag and ref is not None:
                    if tag == "week":
                        if mention.period is not None and mention.period.grain in _FRAME_GRAINS:
                            frames.append(mention)  # this week, this weekend
                    elif text[end : end + 2] in (", ", " (", " \u2014", " \u2013"):
                        loose.append(len(out))  # "Today, February 24, 2003, …": maybe restated
            elif not (r.v.get("always") or grammar.claim(text, start, end, data)):
                continue  # "Hugo now has built-in support": a change, not a figure that ages
            elif (not r.v.get("always") and text[end - 4 : end].lower() == "date"
                  and grammar.past_clause(text, start, end)):
                continue  # "2019 was my best year to date": the record at the time
            else:
                mention = _present(text[start:end], start, end, r, ref)
        else:
            if anchor is not None and _paragraphs_between(text, anchor.end, start) > 1:
                anchor = None  # too far back to be what "that day" means
            mention = _anaphoric(text[start:end], start, end, r, anchor)
            if (mention is not None and mention.depends
                    and grammar.clause(text, start, end, "sentence", data, seen).habitual):
                continue  # "ready to dispatch for the next day", as a rule: no particular day
            if mention is not None and mention.anchor is not None:
                anaphors.append((mention, r))
        if mention is None:
            continue
        out.append(mention)
        if mention.kind == "present" or "fuzzy" in r.groups:
            continue
        if mention.kind == "relative" and mention.period is None and ref is not None:
            continue  # unresolvable ("a few days ago"): not something to refer back to
        anchor = mention
    if loose and stated:
        changed = _weekdays_by_stated_dates(text, out, loose, grammar)
        for mention, r in anaphors:  # "on Saturday … the same day": after the Saturday it means now
            if mention.anchor is not None and id(mention.anchor) in changed:
                again = _anaphoric(mention.text, mention.start, mention.end, r, mention.anchor)
                mention.period, mention.depends = again.period, again.depends
    if guessed and dates > 1:
        _consistent_years(text, out, ref)  # another date of the text may say better
    return out


# ---------------------------------------------------------- weekdays and years in one text

_FRAME_GRAINS = frozenset({"week", "weekend"})
#: how many non-blank lines may lie between a weekday and the stated date it takes its day from
_FRAME_REACH = 3
#: a yearless date continues a run of dates ("Mar 9 … Apr 3 … May 15") at most this many days on
_RUN_DAYS = 120
# what may stand between a weekday (or "today") and the date that restates it:
# "Friday night PDT (6th August 2021)", "Today, February 24, 2003,"
_APPOSITION = re.compile(r"(?:[ ,(\u2014\u2013-]|(?:at|on|the|morning|afternoon|evening|night|noon|midnight)\b"
                         r"|[0-9]{1,2}(?:[:.][0-9]{2})? ?(?:[AaPp]\.?[Mm]\b\.?)?|[A-Z]{2,4}\b)*")
_GUESSES = ("", "the latest one before publication", "the nearest one, after the publish date")


def quoted(span: str) -> str:
    """A span as a message quotes it: one line, its brackets closed ("on Tuesday (19 May)")."""
    if "  " in span or "\n" in span:
        span = " ".join(span.split())  # a quotation's lines joined: "to   Sunday"
    span = span.strip()
    if "(" in span and span.count("(") > span.count(")"):
        span += ")"  # "on Tuesday (19 May": the span ends where a year would go
    return span


def _bare_weekday(g: dict[str, str]) -> bool:
    """A weekday alone ("on Friday", "Monday night"), not "last Monday" nor "Monday, July 14"."""
    return "weekday" in g and "month" not in g and "shift" not in g and "iso" not in g


_NAMABLE = frozenset({"name-weekday", "name-today"})
_WEEKDAY_TAGS = frozenset({"weekday", "name-weekday"})
_TODAY_TAGS = frozenset({"today", "name-today"})


def _tag_of(kind: str, g: dict[str, str], v: dict[str, object]) -> str:
    """Which whole-text question a span takes part in, decided once per span text.

    "weekday" (a bare weekday: framed by the text's dates, maybe the end of
    a name when it has no preposition: "name-weekday"), "yearless" (a month
    or day without a year), "today" / "name-today" (a call to action, a
    restatement, "Fantasy Football Today"), "day" (another day word), "week"
    (this week, next weekend: a frame for weekdays), "dated" (a day with its
    year: a frame too).
    """
    if kind == "calendar":
        if _bare_weekday(g):
            return "weekday" if "prep" in g or "dom" in g else "name-weekday"
        if "month" in g and "year" not in g and "yshift" not in g and "shift" not in g:
            return "yearless"
        if "iso" in g or ("dom" in g and "year" in g):
            return "dated"
    elif kind == "relative":
        word = g.get("day")
        if word is not None:
            if word.lower() == "today":
                return "name-today" if word == "Today" and "part" not in g else "today"
            return "day"
        if g.get("unit", "").lower() in ("week", "weekend") and "num" not in g and "fuzzy" not in g:
            return "week"
    return ""


def _in_name(text: str, start: int, r: Reading, grammar: Grammar) -> bool:
    """Is a capitalised weekday or "Today" the last word of a name ("Open Source Friday")?

    Two capitalised words before a weekday (one before "Today"), inside a
    sentence, none of them a date word; not "Goldman Sachs Monday said".
    """
    if not text[start - 2 : start - 1].isalnum():
        return False  # the usual answer: no word right before it
    prev = text.rfind(" ", max(0, start - 40), start - 1)
    if not text[prev + 1 : prev + 2].isupper():
        return False  # nor a capitalised one
    g = r.groups
    if "weekday" in g:
        if not _bare_weekday(g) or "prep" in g or "dom" in g:
            return False
        need = 2
    elif g.get("day") == "Today" and "part" not in g:
        need = 1
    else:
        return False
    lo = text.rfind("\n", max(0, start - 80), start) + 1
    line = text[max(lo, start - 80) : start]
    words = line.split()
    if lo < start - 80 and words:
        words = words[1:]  # cut in the middle of a word: not a whole one
    run = 0
    for w in reversed(words):
        if w[:1].isupper() and w.isalnum() and w.lower() not in grammar.words and w.lower() not in _SMALL_WORDS:
            run += 1
        else:
            break
    if run == len(words) or (run < len(words) and words[-run - 1][-1:] in ".!?:\"\u201c"):
        run -= 1  # the first word of a sentence is capitalised anyway
    if run < need:
        return False
    nxt = text[start : start + 40].split()[1:2]
    return not (nxt and nxt[0].rstrip(".,;:").lower() in grammar.name_after)


def _frame_days(m: Mention, grammar: Grammar) -> tuple[date, date]:
    """The days a stated calendar date spans: one, or a run ("12-14 May", "January 30th and 31st")."""
    p = m.period
    g = m.groups
    if "dom2" not in g:
        return p.start, p.start
    second = grammar.meaning((g.get("month2") or "").rstrip("."), "month")
    try:
        month = int(second) if second else p.start.month
        year = p.start.year + (1 if month < p.start.month else 0)
        last = date(year, month, int(_LEADING_INT.match(g["dom2"]).group()))
    except (ValueError, AttributeError):
        return p.start, p.start
    return (p.start, last) if 0 <= (last - p.start).days <= 14 else (p.start, p.start)


def _weekday_in_frame(text: str, m: Mention, wd: int, frames: list[Mention], stop: int,
                      grammar: Grammar, ref: date) -> bool:
    """Give a bare weekday the day of the date stated just before it that holds such a weekday.

    "Miami, 12-14 May. … on Wednesday": the Wednesday of 12-14 May; "This
    weekend … on Saturday"; "On Monday morning (April 20) … Monday night".
    ``frames`` are the dates before it that may hold it (a run of days, a
    yearless day, a week or weekend); ``stop`` is where the last single day
    stated with its year ends (a byline's, a deadline's: it frames no
    weekday, but a weekday that is a label stops at it, since a schedule
    goes on from there; see _weekdays_by_stated_dates). Only a frame at most
    ``_FRAME_REACH`` non-blank lines back counts, and not for a past-tense
    clause when the day would be after publication ("The next meeting is on
    Monday, 2022-04-18. The last one met on Monday."); a single stated day
    only when it is not an earlier week than the weekday's own reading
    ("October 11" … "Bloomberg reported on Friday" is still last Friday).
    """
    line = text.rfind("\n", 0, m.start)
    reach = -1  # where the reach begins, once a frame on an earlier line is asked about
    for p in reversed(frames):
        if p.restated:
            continue
        if p.end < line:
            if reach < 0:
                reach = _reach_start(text, m.start)
            if p.end < reach:
                return False
        period = p.period
        first, last = period.start, period.end
        if "dom2" in p.groups:
            first, last = _frame_days(p, grammar)
        gap = (wd - first.weekday()) % 7
        if gap > (last - first).days:
            if p.kind != "relative":
                stop = max(stop, p.end)  # a stated day that does not hold it
            continue
        x = first + timedelta(days=gap)
        if stop > p.end and _structural(text, m):
            return False  # "Deadline (Friday 6th August 2021)" then "Judges deliberate (Saturday)"
        if first == last and x < m.period.start:
            return False  # a single day weeks back ("October 11" … "reported on Friday"): last Friday
        if x > ref and _past(text, m, grammar):
            return False  # "the last one met on Monday": not the Monday stated for the next one
        _take_day(text, m, p, x, "the {day} of \u201c{date}\u201d")
        return True
    return False


def _reach_start(text: str, pos: int, lines: int = _FRAME_REACH) -> int:
    """Where the reach of a weekday at ``pos`` begins: ``lines`` non-blank lines before its own."""
    at = text.rfind("\n", 0, pos)
    floor = max(0, pos - 1200 * (lines + 1))  # a few long paragraphs at most
    while at > floor and lines >= 0:
        prev = text.rfind("\n", 0, at)
        if at - prev > 1 and (text[prev + 1] not in " \t" or not text[prev + 1 : at].isspace()):
            lines -= 1
        at = prev
    return max(at, floor, 0)


def _lines_apart(text: str, lo: int, hi: int, most: int = _FRAME_REACH) -> int:
    """About how many non-blank lines lie wholly between ``text[lo]`` and ``text[hi]``, up to
    ``most + 1`` (two C counts; farther than a few long paragraphs is out of reach anyway)."""
    if hi - lo > 1200 * (most + 1):
        return most + 1
    breaks = text.count("\n", lo, hi)
    if breaks <= most + 1:
        return max(0, breaks - 1 - text.count("\n\n", lo, hi)) if breaks > 1 else 0
    return breaks - 1 - text.count("\n\n", lo, hi)


def _past(text: str, m: Mention, grammar: Grammar) -> bool:
    """Does the clause of a weekday report the past ("the last one met on Monday", "reported on
    Sunday")? A past-tense word in it, or a word in "-ed" right before it; not when it looks ahead."""
    if grammar.past_clause(text, m.start, m.end):
        return True
    before = text[max(0, m.start - 24) : m.start].split()
    if before and before[-1].endswith("ed") and before[-1].isalpha() and before[-1].islower():
        return not grammar.looks_ahead(text, m.start, m.end)  # "reported on Sunday", not "scheduled on"
    return False


def _take_day(text: str, m: Mention, p: Mention, x: date, note: str) -> None:
    """Give ``m`` the day ``x`` that ``p`` states; ``note`` names them ({day}, {date}) when it changes."""
    if m.period is None or m.period.start != x:  # the same day as before keeps its note
        m.period, m.future = day(x), False
        m.note = note.format(day=_DAY_NAMES[x.weekday()], date=quoted(p.text))
    m.anchor = p
    # a calendar date in the same sentence gives the day: nothing is relative any more
    if p.kind != "relative":
        lo, hi = (p.end, m.start) if p.start < m.start else (m.end, p.start)
        m.restated = _break_after(text, lo, hi, _SENTENCE_STOPS)[0] >= hi


def _structural(text: str, m: Mention) -> bool:
    """Is a weekday a label: before a colon, in brackets, or on a short line (a heading, an item)?"""
    if text[m.end : m.end + 1] == ":":
        return True
    lo = text.rfind("\n", 0, m.start) + 1
    if text.rfind("(", lo, m.start) > text.rfind(")", lo, m.start):
        return True
    hi = text.find("\n", m.end, m.end + 80)
    if hi < 0:
        if len(text) - lo > 80:
            return False
        hi = len(text)
    if hi - lo > 80:
        return False
    line = text[lo:hi].strip()
    return len(line) <= 60 and line[-1:] not in ".!?"


def _weekdays_by_stated_dates(text: str, out: list[Mention], loose: list[int], grammar: Grammar) -> set[int]:
    """Weekdays (and "today") that a stated date next to them explains; the ids of those changed.

    - A date right after it, in brackets or apposition, restates it:
      "Friday night PDT (6th August 2021)", "Today, February 24, 2003, …".
    - A weekday that is a label (a heading, an item, in brackets) is the
      day of a schedule: the same weekday stated just below it ("## Monday:
      Pricing" over "- 29 March 2021"), else the first such day after the
      date stated just above it ("Sunday Oct 10th: deadline" then "Judges
      deliberate (Monday)").
    """
    changed: set[int] = set()
    n = len(out)
    for i in loose:
        m = out[i]
        if m.period is None:
            continue
        wd = m.period.start.weekday() if "weekday" in m.groups else None
        nxt = out[i + 1] if i + 1 < n else None
        if nxt is not None and nxt.kind in ("absolute", "yearless") and nxt.period is not None \
                and nxt.period.grain == "day" and nxt.start - m.end <= 40:
            gap = text[m.end : nxt.start]
            if (any(c in gap for c in "(,\u2014\u2013") and _APPOSITION.fullmatch(gap)
                    and (nxt.kind == "absolute" if wd is None else nxt.period.start.weekday() == wd)):
                m.restated, m.anchor = True, nxt
                changed.add(id(m))
                continue
        if wd is None or not _structural(text, m):
            continue
        for j in range(i + 1, n):  # the same weekday stated below it
            q = out[j]
            if _lines_apart(text, m.end, q.start) > _FRAME_REACH:
                break
            if (q.kind in ("absolute", "yearless") and q.period is not None and q.period.grain == "day"
                    and q.period.start.weekday() == wd and not q.restated):
                _take_day(text, m, q, q.period.start, "the date stated with it, \u201c{date}\u201d")
                changed.add(id(m))
                break
        else:
            q = None
        if id(m) in changed:
            continue
        for j in range(i - 1, -1, -1):  # the first such day after the date stated above it
            q = out[j]
            if _lines_apart(text, q.end, m.start) > _FRAME_REACH:
                break
            if q.kind in ("absolute", "yearless") and q.period is not None and q.period.grain == "day":
                x = q.period.start + timedelta(days=(wd - q.period.start.weekday()) % 7)
                _take_day(text, m, q, x, "the {day} after \u201c{date}\u201d")
                changed.add(id(m))
                break
    return changed


def _consistent_years(text: str, out: list[Mention], ref: date) -> None:
    """Give the yearless dates of one text the years its other dates make plain.

    A yearless date whose year is the publish date's guess alone takes

    - the year of the same day written with a year ("by May 15, 2015" …
      "Rust 1.0 -- May 15"), or resolved already ("Apr 3" in a list, then
      again in a note);
    - the coming year of its month when a weekday fixed that month's year
      elsewhere in the text ("21–23 May" where "Wednesday (20 May)" is 2026);
    - the year that continues a run of dates that looks ahead, when the
      date before it, in the same sentence or the list item before, is
      after publication and it follows that date within ``_RUN_DAYS``
      ("Mar 9", "Apr 3", "May 15"; "December 1" … "until early January";
      "Fosscon (August 22nd) … and ElastixWorld (Oct 7 & 8)"), but not
      "He will appeal the March 21 ruling" after "goes on sale in late
      January".
    """
    known: dict[tuple[int, int], Mention] = {}
    months: dict[int, Mention] = {}
    cal: list[Mention] = []  # the calendar dates, in order
    guesses: list[int] = []
    for m in out:
        kind = m.kind
        p = m.period
        if p is None:
            continue
        if kind == "yearless":
            if m.note in _GUESSES:
                guesses.append(len(cal))
            elif p.grain == "day" and m.note.startswith("the year whose calendar") and not m.restated:
                known.setdefault((p.start.month, p.start.day), m)
                if p.start > ref:
                    months.setdefault(p.start.month, m)
        elif kind == "absolute":
            if p.grain == "day":
                known.setdefault((p.start.month, p.start.day), m)
        else:
            continue
        cal.append(m)
    if not (known or len(cal) > len(guesses)):
        return  # no other date to go by
    for i in guesses:
        m = cal[i]
        p = m.period
        if m.restated or p.grain not in ("day", "month"):
            continue
        s = p.start
        target = note = None
        k = known.get((s.month, s.day)) if p.grain == "day" else None
        if k is not None and k is not m:
            if k.period.start.year != s.year:
                target, note = k.period.start.year, f"the year of \u201c{quoted(k.text)}\u201d in the same text"
        elif s <= ref and s.month in months:
            k = months[s.month]
            target, note = k.period.start.year, f"the year of \u201c{quoted(k.text)}\u201d in the same text"
        elif s <= ref and i > 0:
            prev = cal[i - 1]
            if (prev.period is not None and prev.period.start > ref and not prev.restated
                    and _lines_apart(text, prev.end, m.start, 2) <= 2
                    and (_break_after(text, prev.end, m.start, _SENTENCE_STOPS)[0] >= m.start
                         or (_item_line(text, prev.start) and _item_line(text, m.start)))):
                for year in (prev.period.start.year, prev.period.start.year + 1):
                    moved = _in_year(p, year)
                    if moved is not None and 0 <= (moved.start - prev.period.start).days <= _RUN_DAYS:
                        target, note = year, f"after \u201c{quoted(prev.text)}\u201d before it"
                        break
        if target is not None and target != s.year:
            moved = _in_year(p, target)
            if moved is not None:
                m.period, m.note, m.future = moved, note, moved.start > ref
                if p.grain == "day":
                    known.setdefault((s.month, s.day), m)


def _item_line(text: str, pos: int) -> bool:
    """Is the line at ``pos`` a list item (or another marked line): does its prose start with blanks?"""
    lo = text.rfind("\n", 0, pos) + 1
    return text[lo : lo + 1] in (" ", "\t")


def _in_year(p: Period, year: int) -> Period | None:
    """The same day or month as ``p``, in ``year``."""
    try:
        if p.grain == "day":
            return day(date(year, p.start.month, p.start.day))
        return month_period(year, p.start.month, p.name)
    except ValueError:  # 29 February
        return None


_SOFT_BREAK = re.compile(r"(?m)^\S[^\n]*\n(?=\S)")


def join_soft_breaks(text: str) -> str:
    """A Markdown text with each line break inside a paragraph read as a space.

    Markdown wraps paragraphs at any width ("scheduled for this\\nThursday"),
    and a clause, a sentence or an expression runs on across the break. Only
    a break between two lines that both start with text is joined: the prose
    view blanks list markers, heading marks and quote marks, so a list item,
    a heading or a quote keeps its breaks. Same length, so offsets stay valid.
    """
    return _SOFT_BREAK.sub(_space_for_break, text)


def _space_for_break(m: re.Match[str]) -> str:
    return m.group()[:-1] + " "


def _paragraphs_between(text: str, lo: int, hi: int) -> int:
    """How many non-blank lines lie wholly between ``text[lo]`` and ``text[hi]``."""
    if text.count("\n", lo, hi) < 2:
        return 0
    inner = text[lo:hi].split("\n")[1:-1]
    return sum(1 for line in inner if line.strip())


def _generic(text: str, start: int, end: int, seen: dict | None) -> bool:
    """Does the sentence around ``text[start:end]`` speak of any year (``temporal-generic``)?"""
    found = seen.get(_GENERIC) if seen else None
    if not found:
        return False
    lo = max(0, start - _SENTENCE_MAX)
    s_lo = _break_before(text, lo, start, _SENTENCE_STOPS)
    s_hi, _ = _break_after(text, end, min(len(text), end + _SENTENCE_MAX), _SENTENCE_STOPS)
    return any(s_lo <= at < s_hi for at in found)


def _label_line(text: str, start: int, end: int) -> bool:
    """Is the line around ``text[start:end]`` a short title-case label, not a sentence?"""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    if hi < 0:
        hi = len(text)
    if hi - lo > _LABEL_MAX:
        return False
    line = text[lo:hi].strip()
    words = line.split()
    if len(words) > 6 or line[-1:] in ".!?,;:":
        return False
    return all(w[0].isupper() or w in _SMALL_WORDS or not w[0].isalpha() for w in words)


def _is_name(text: str, start: int, end: int) -> bool:
    """A capitalised last word right before another capitalised word is part of a name.

    "June Carter", "Monday Night Football", "last Winter Olympics",
    "Currently Playing": the date-like word is part of a proper noun or a
    UI label. Dates ending in a number ("July 14 Reuters") are not affected.
    """
    if not text[end + 1 : end + 2].isupper() or _NAME_AFTER.match(text, end) is None:
        return False
    last = text.rfind(" ", start, end) + 1 or start
    return text[max(last, start)].isupper()


def _calendar(text, start, end, r: Reading, ref, grammar: Grammar,
              persons: dict[str, bool], data: bytes | None = None,
              seen: dict | None = None) -> Mention | None:
    g, v = r.groups, r.v
    span = text[start:end]

    if "iso" in g:
        try:
            d = date.fromisoformat(g["iso"])
        except ValueError:
            return None
        return Mention(start, end, span, "absolute", day(d), depends=False, groups=g)
    m = v.get("month")
    weekday = v.get("weekday")
    dom = v.get("dom")
    if "year" in g and m:
        year = v["year"]
        second = v.get("month2")
        if second and second < m:  # Dec. 28 to Jan. 3, 2025: the first end is in 2024
            year -= 1
        try:
            period = day(date(year, m, dom)) if dom else month_period(year, m)
        except ValueError:
            return None
        return Mention(start, end, span, "absolute", period, depends=False, groups=g)
    if m is None and "year" in g:  # in 2019
        return Mention(start, end, span, "absolute", year_period(v["year"]), depends=False, groups=g)
    if m is None and weekday is not None:
        return _weekday(text, span, start, end, r, weekday, ref, grammar, data, seen)
    if m is None:
        return None
    ctx: list[Clause] = []

    def clause() -> Clause:  # asked at most once, and only when needed
        if not ctx:
            found = grammar.clause(text, start, end, data=data, seen=seen)
            if not found.future and not found.habitual and v.get("deadline"):
                # "we would like everything implemented (…) by the end of May, which means…"
                found = Clause(grammar.clause(text, start, end, "sentence", data, seen).future, False)
            ctx.append(found)
        return ctx[0]

    plain = "shift" not in g and "yshift" not in g
    bare = dom is None and plain
    if bare and _person_not_month(text, start, end, r, grammar, persons):
        return None  # "support for May": no particular May
    if bare and clause().habitual:
        return None  # "tulips bloom in May"
    if plain and _generic(text, start, end, seen):
        return None  # "31 January gives 2 March, depending on the year"
    if ref is None:
        kind = "relative" if ("shift" in g or "yshift" in g) else "yearless"
        return Mention(start, end, span, kind, None, groups=g)
    if "yshift" in g:  # June last year, July 11 this year
        year = ref.year + (v.get("yshift") or 0)
        try:
            period = day(date(year, m, dom)) if dom else month_period(year, m)
        except ValueError:
            return None
        return Mention(start, end, span, "relative", period, groups=g)
    if "shift" in g:  # last July, next March, this June
        k = v.get("shift") or 0
        part = (g.get("part") or "").lower()
        if k < 0:  # the latest one that has ended before the publish date
            year = ref.year if m < ref.month else ref.year - 1
        elif k > 0:  # the first one that starts after it
            year = ref.year if m > ref.month else ref.year + 1
        else:
            year = ref.year
        return Mention(start, end, span, "relative", month_period(year, m, part), groups=g)
    # yearless: month (and day) without a year
    note = ""
    if dom:
        candidates = []
        for year in (ref.year - 1, ref.year, ref.year + 1):
            try:
                candidates.append(date(year, m, dom))
            except ValueError:
                continue
        if not candidates:
            return Mention(start, end, span, "yearless", None, groups=g)
        if weekday is not None and any(c.weekday() == weekday for c in candidates):
            fits = [c for c in candidates if c.weekday() == weekday]
            chosen = min(fits, key=lambda c: abs((c - ref).days))
            note = "the year whose calendar puts it on a " + _DAY_NAMES[weekday]
        else:
            this = [c for c in candidates if c.year == ref.year]
            chosen = this[0] if this else candidates[0]
            if chosen > ref:
                if r.ahead or clause().future:
                    note = "the clause looks ahead"
                elif (chosen - ref).days <= _SOON:
                    note = "the nearest one, after the publish date"
                else:
                    prev = [c for c in candidates if c.year == ref.year - 1]
                    if prev:
                        chosen = prev[0]
                    note = "the latest one before publication"
            elif (ref - chosen).days > _LONG_AGO and "prep" in g and (r.ahead or clause().future):
                # "Sentencing is scheduled for Feb. 14" in November: next February
                nxt = [c for c in candidates if c.year == ref.year + 1]
                if nxt:
                    chosen, note = nxt[0], "the clause looks ahead"
        period = day(chosen)
        future = chosen > ref
    else:
        year = ref.year
        if m > ref.month:
            if r.ahead or clause().future:
                note = "the clause looks ahead"
            else:
                year -= 1
                note = "the latest one before publication"
        elif (ref.month - m) * 30 > _LONG_AGO and "prep" in g and (r.ahead or clause().future):
            year += 1  # "the trial will start in March", written in November
            note = "the clause looks ahead"
        period = month_period(year, m)
        future = period.start > ref
    return Mention(start, end, span, "yearless", period, note=note, future=future, groups=g)


def _person_not_month(text, start, end, r: Reading, grammar: Grammar, persons: dict[str, bool]) -> bool:
    """A bare month word that is a person's name here ("support for May", "in May's cabinet").

    Only when the text uses the word as a name elsewhere (:meth:`Grammar.is_person`),
    and only where no time preposition ("in", "since", "early") introduces it or
    it is a possessive.
    """
    word = r.groups["month"]
    if not word[:1].isupper() or not grammar.name_before and not grammar.name_after:
        return False
    if r.v.get("prep") == "time" and not text.startswith(_POSSESSIVE, end):
        return False
    if word not in persons:
        persons[word] = grammar.is_person(text, word)
    return persons[word]


def _weekday(text, span, start, end, r: Reading, wd: int, ref, grammar: Grammar,
             data: bytes | None = None, seen: dict | None = None) -> Mention | None:
    g = r.groups
    shift = r.v.get("shift")
    if shift is None and "shift" not in g:
        ctx = grammar.clause(text, start, end, data=data, seen=seen)
        if ctx.habitual or _generic(text, start, end, seen):
            return None  # "the market is usually held on Saturday"
        if "prep" not in g and grammar.day_role(text, start, end):
            return None  # "Monday is Community Day": a day's role in a programme
    else:
        ctx = _PLAIN
    if ref is None:
        return Mention(start, end, span, "relative", None, groups=g)
    pinned = _DAY_OF_MONTH.match(text, end)
    if pinned is not None:  # "this Thursday, the 30th": the nearest Thursday that is a 30th
        n = int(pinned.group(1))
        fits = [ref + timedelta(days=k) for k in range(-21, 22)]
        fits = [c for c in fits if c.weekday() == wd and c.day == n]
        if fits:
            d = min(fits, key=lambda c: abs((c - ref).days))
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            note = f"the {_DAY_NAMES[wd]} that is the {n}{suffix}"
            return Mention(start, end, span, "relative", day(d), note=note, groups=g)
    back = (ref.weekday() - wd) % 7  # days back to the latest such weekday
    note = ""
    if shift == 0:  # this Monday: the one in the publish week
        d = week_period(ref).start + timedelta(days=wd)
    elif shift is not None and shift < 0:  # last Monday
        d = ref - timedelta(days=back or 7)
    elif shift is not None and shift > 0:  # next Monday
        d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    elif back == 0:
        d, note = ref, "the publish day itself"
    elif ctx.future or r.ahead:
        d, note = ref + timedelta(days=7 - back), "the clause looks ahead"
    else:
        d = ref - timedelta(days=back)
    return Mention(start, end, span, "relative", day(d), note=note, groups=g)


def _relative(span, start, end, r: Reading, ref, month_ref: date | None = None) -> Mention:
    note = ""
    if (month_ref is not None and ref is not None and r.v.get("unit") == "month"
            and "num" not in r.groups and "the" not in r.groups and "ago" not in r.v and "thistime" not in r.v):
        ref, note = month_ref, "the month of the recap its title names"  # "this month" in "June update", July 1
    return Mention(start, end, span, "relative", None if ref is None else _relative_period(r, ref),
                   note=note, groups=r.groups)


def _relative_period(r: Reading, ref: date) -> Period | None:
    g, v = r.groups, r.v
    if "fuzzy" in g:
        return None
    if "day" in g:
        k = v.get("day")
        return day(ref + timedelta(days=k)) if k is not None else None
    shift = v.get("shift")
    unit = v.get("unit")
    k = shift if shift is not None else 0
    if "season" in g:
        name = v.get("season") or "summer"
        this = season_period(name, ref.year if name != "winter" or ref.month == 12 else ref.year - 1)
        if k == 0:
            if this.end < ref and name == "winter":
                this = season_period(name, this.start.year + 1)
            return this
        if k < 0:
            year = this.start.year if this.end < ref else this.start.year - 1
        else:
            year = this.start.year if this.start > ref else this.start.year + 1
        return season_period(name, year)
    if unit is None:
        return None
    num = v.get("num")
    if num is None and "num" in g and g["num"].strip().lower() not in ("a", "an"):
        return None
    if "thistime" in v:  # this time last year
        return day(shift_date(ref, unit, k), approx=True)
    if "ago" in v:
        if num is None or num == "few":
            return None
        n = int(num)
        if unit in ("month", "quarter"):
            y, m = add_months(ref.year, ref.month, -n * (3 if unit == "quarter" else 1))
            return month_period(y, m)
        if unit == "year":
            return year_period(ref.year - n)
        if unit == "decade":
            return Period(shift_date(ref, unit, -n), shift_date(ref, unit, -n), "year", approx=True)
        return day(shift_date(ref, unit, -n), approx=unit != "day")
    if "num" in g or "the" in g or shift is None or g.get("shift", "").lower() == "past":
        # a rolling window: the past seven days, the last year, the next 12 months
        if num == "few":
            return None
        n = int(num) if num else 1
        if unit == "hour":
            n, unit = max(1, -(-n // 24)), "day"
        if unit == "weekend":
            return None
        edge = shift_date(ref, unit, n if k > 0 else -n)
        return Period(ref, edge, "range") if k > 0 else Period(edge, ref, "range")
    # a calendar period: this week, last month, next year, last quarter
    target = shift_date(ref, unit, k)
    if unit == "fortnight":
        return Period(min(ref, target), max(ref, target), "range")
    if unit == "decade":
        return None
    part = (g.get("part") or "").lower()
    return period_of(unit, target, part if part in ("early", "late") else "")


def _present(span, start, end, r: Reading, ref) -> Mention:
    if ref is None:
        return Mention(start, end, span, "present", None, groups=r.groups)
    unit = r.v.get("unit")
    if unit:
        first = period_of(unit, ref).start
        return Mention(start, end, span, "present", Period(first, ref, "range"), groups=r.groups)
    return Mention(start, end, span, "present", day(ref), groups=r.groups)


def _anaphoric(span, start, end, r: Reading, anchor: Mention | None) -> Mention | None:
    g, v = r.groups, r.v
    if anchor is None:
        return Mention(start, end, span, "anaphoric", None, depends=False, groups=g)
    base = anchor.period
    depends = anchor.depends
    if base is None:
        return Mention(start, end, span, "anaphoric", None, depends=depends, anchor=anchor, groups=g)
    unit = v.get("unit") or "day"
    period: Period | None
    if "dir" in g:  # three days later, a year earlier
        num = v.get("num")
        if num is None or num == "few":
            period = None
        else:
            n = int(num) * (v.get("dir") or 1)
            moved = shift_date(base.start, unit, n)
            if base.grain == "day":
                period = day(moved, approx=unit not in ("day", "week"))
            else:
                period = period_of(base.grain if base.grain in ("month", "quarter", "year") else unit, moved)
    elif "rel" in g:  # the following day, the previous month
        k = v.get("rel") or 1
        period = period_of(unit, shift_date(base.start if k < 0 else base.end, unit, k))
    else:  # the same month, that week
        period = period_of(unit, base.start)
    return Mention(start, end, span, "anaphoric", period, depends=depends, anchor=anchor, groups=g)
