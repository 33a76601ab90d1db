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
``-quiet``), plus ``temporal-words`` (word → meaning, as lexicon tags),
``temporal-macros`` (``{MONTH}`` and friends), ``temporal-future`` (words
that make a clause look ahead), ``temporal-habitual`` (words that make it
generic: "usually", "bloom"), ``temporal-name-titles`` and ``-name-verbs``
(words that make a month name a person: "Mrs", "said") and
``temporal-update-marks`` ("Updated").
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
the date picks the year whose calendar agrees. Weekdays alone take the
latest such day before publication (the publish day itself when they match
it), or the next one when the clause looks ahead, present-tense schedules
included ("Lowe's reports earnings Wednesday"). A month or weekday in a
habitual clause ("tulips bloom in May", "the market is usually held on
Saturday") names no particular day and is dropped.

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

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from .settings import ConfigError

if TYPE_CHECKING:
    from .packs import Lexicon, PackSet

#: Scanned classes, in the order they are tried at one text position (after
#: the teaser headings, which come first).
CLASSES = ("quiet", "calendar", "anaphoric", "present", "relative")
TEASER = "teaser"

# A Unicode-aware word boundary for the cue program (RE2's \b is ASCII-only).
_LEFT = r"(?:^|[^\pL\pN_])"
_RIGHT = r"(?:[^\pL\pN_]|$)"
# decoration around a widget heading on its own line: "› Related", "More to Read:"
_DECOR = r"[\t \pP\pS\x{a0}]*"
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
# characters that may end a clause or a sentence (see _breaks)
_CLAUSE_STOPS = ",;:.!?\n\u2014\u2013"
_SENTENCE_STOPS = ".!?\n"
_CLOSERS = "\"\u201d\u2019)"
_STAMP_REACH = 24  # characters before a date where an update mark counts
_SENTENCE_MAX = 400  # characters looked at on each side of an expression
_LABEL_MAX = 80  # a line longer than this is not a short title-case label
# a yearless date this many days before publication, in a clause that looks
# ahead and introduced by a preposition ("scheduled for Feb. 14"), is next year's
_LONG_AGO = 60
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
    """

    kind: str
    groups: dict[str, str]
    v: dict[str, object]
    ahead: bool = False


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
    habitual (group 2).
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
    _memo: dict[str, Reading | None] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------ building

    @classmethod
    def build(cls, lexicons: dict[str, "Lexicon"], words: "Lexicon | None",
              macros: "Lexicon | None", future: "Lexicon | None",
              updates: "Lexicon | None" = None, *, habitual: "Lexicon | None" = None,
              titles: "Lexicon | None" = None, verbs: "Lexicon | None" = None,
              teasers: "Lexicon | None" = None) -> "Grammar":
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
            source = _placeholders(_LEFT + "(?:" + "|".join(cue_parts) + ")" + _RIGHT)
            try:
                cues = re2.compile(source, _options())
                any_cue = re2.compile(source, _options(capture=False))
            except re2.error as exc:
                raise ConfigError(f"temporal cue lexicons: bad pattern: {exc}") from None
        before = frozenset(p.casefold() for p in (titles.phrases if titles else ()))
        after = frozenset(p.casefold() for p in (verbs.phrases if verbs else ()))
        return cls(program, readers, table, cues, any_cue, updates, teasers, before, after)

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
                    found = Reading(kind, groups, v, self._has_future_cue(span))
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
        found = [m.span() for m in self.scan.finditer(data)]
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
        m = self.scan.search(data[start:cut])
        if m is None or m.start() != 0:
            return None
        return start, start + m.end()

    # ------------------------------------------------------------ context

    def clause(self, text: str, start: int, end: int, scope: str = "clause",
               data: bytes | None = None, seen: dict | None = None) -> Clause:
        """Does the clause around ``text[start:end]`` look ahead, or speak of a habit?

        The clause, not the sentence: in "X will open, the minister said on
        Tuesday" the Tuesday is past. A date fronted before a comma ("On
        Friday, the board will vote") takes the clause that follows it.
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
            data, lo_b, hi_b = text[lo:hi].encode("ascii", "replace"), 0, hi - lo
            base = lo
        else:
            lo_b, hi_b, base = lo, hi, 0
        if seen is None:
            nearby = self.any_cue.search(data, lo_b, hi_b) is not None
        else:
            nearby = seen.get((lo, hi))
            if nearby is None:
                nearby = seen[(lo, hi)] = self.any_cue.search(data, lo_b, hi_b) is not None
        if not nearby:
            return _PLAIN  # the usual answer
        stops = _SENTENCE_STOPS if scope == "sentence" else _CLAUSE_STOPS
        c_lo = _break_before(text, lo, start, stops)
        c_hi, comma = _break_after(text, end, hi, stops)
        if comma and not text[c_lo:start].strip():
            c_hi, _ = _break_after(text, c_hi + 1, hi, stops)
        future = habitual = False
        for m in self.cues.finditer(data, c_lo - base, c_hi - base):
            if m.start(1) >= 0:
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


def scan_bytes(text: str) -> bytes:
    """What the scans read: the text as ASCII, every other character "?" (one byte
    per character, so byte offsets are character offsets), a no-break space a space."""
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    return text.encode("ascii", "replace")


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


def _placeholders(source: str) -> str:
    """The RE2 pattern with each non-ASCII character also accepting "?" (see Grammar.spans).

    Outside a class "’" becomes "[’?]"; inside one, "?" joins the class.
    The span found is read in the real text, which has the real character.
    """
    if source.isascii():
        return source
    out, i, n, in_class = [], 0, len(source), False
    while i < n:
        ch = source[i]
        if ch == "\\":
            out.append(source[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]" and source[i - 1] != "[" and source[i - 2 : i] != "[^":
                in_class = False
            elif not ch.isascii():
                ch += "\\?"
        elif ch == "[":
            in_class = True
        elif not ch.isascii():
            ch = f"[{ch}\\?]"
        out.append(ch)
        i += 1
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
    out, i, n, in_class = [], 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":  # "[]...]": the ] is literal
                out.append("[]")
                i += 2
                continue
        elif ch == "(":
            if pattern.startswith("(?P<", i):
                i = pattern.index(">", i) + 1
                out.append("(?:")
                continue
            if not pattern.startswith("(?", i):
                out.append("(?:")
                i += 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


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
                                teasers=get("teaser-markers"))
        anchor.__dict__["_grammar"] = grammar
    return grammar


# --------------------------------------------------------------- resolving


def find(text: str, ref: date | None, grammar: Grammar, *, headline: bool = False,
         teasers: bool = False, markdown: bool = False) -> list[Mention]:
    """Every dated expression of ``text``, resolved against ``ref`` (the publish date).

    Quiet look-alikes are dropped; absolute dates are returned too (they are
    anchors, and a check may compare them with the publish date). Anaphors
    resolve against the last mention before them that names a date.

    In body text, a capitalised date word before a capitalised word is a
    name ("June Carter"), and relative words on a short title-case line are
    a label ("Most Popular Today", a lone "Today" menu item). ``headline``
    turns both heuristics off, since a title-case headline capitalises
    everything ("Stocks Fall Yesterday After Fed Decision"). ``teasers``
    skips the teaser blocks after a related-articles heading (a body);
    ``markdown`` says the text's paragraphs are separated by blank lines.
    """
    out: list[Mention] = []
    anchor: Mention | None = None
    persons: dict[str, bool] = {}
    seen: dict = {}  # line window -> any clause cue in it
    data = scan_bytes(text)
    for start, end, r in grammar.spans(text, data, teasers=teasers, markdown=markdown):
        kind = r.kind
        if kind == "quiet" or (not headline and text[end + 1 : end + 2].isupper()
                               and _is_name(text, start, end)):
            continue
        if kind == "calendar":
            mention = _calendar(text, start, end, r, ref, grammar, persons, data, seen)
        elif kind == "relative" or kind == "present":
            if not headline and _label_line(text, start, end):
                continue
            if kind == "relative":
                mention = _relative(text[start:end], start, end, r, ref)
            else:
                mention = _present(text[start:end], start, end, r, ref)
        else:
            mention = _anaphoric(text[start:end], start, end, r, anchor)
        if mention is None:
            continue
        out.append(mention)
        if mention.kind == "present" or "fuzzy" in r.groups:
            continue
        if mention.kind == "relative" and mention.period is None and ref is not None:
            continue  # unresolvable ("a few days ago"): not something to refer back to
        anchor = mention
    return out


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
            ctx.append(grammar.clause(text, start, end, data=data, seen=seen))
        return ctx[0]

    bare = dom is None and "shift" not in g and "yshift" not in g
    if bare and (_person_not_month(text, start, end, r, grammar, persons) or clause().habitual):
        return None  # "support for May", "tulips bloom in May": no particular May
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
        if ctx.habitual:
            return None  # "the market is usually held on Saturday"
    else:
        ctx = _PLAIN
    if ref is None:
        return Mention(start, end, span, "relative", None, groups=g)
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


def _relative(span, start, end, r: Reading, ref) -> Mention:
    return Mention(start, end, span, "relative", None if ref is None else _relative_period(r, ref),
                   groups=r.groups)


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
