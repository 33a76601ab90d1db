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
that make a clause look ahead) and ``temporal-update-marks`` ("Updated").
Users extend them like any rule pack.

**Why RE2 and Python's re.** Meaning is carried by named groups (``month``,
``dom``, ``shift``, ``unit`` …). RE2 is what the pack loader validates and
what scans the text: one linear-time pass over all classes at once, tried
in the order quiet, calendar, anaphoric, present, relative. But RE2's Python
wrapper decodes every group of every match in Python (~80 µs per match
with a hundred groups), so the scanning program has no capture groups at
all. The few spans it finds are re-read by the classes' patterns compiled
with Python's ``re`` (``fullmatch`` on a short string, memoised per span
text) to get the named groups; the first class whose pattern matches the
span whole is the class RE2 chose. Both compilations happen once per loaded
pack set, so patterns must be valid in both dialects: no look-around, no
back-references, no ``\\p`` classes. What look-around would have said is
said in code: a capitalised date word before a capitalised word is a name,
a short title-case line is a label; a quiet look-alike that matches first
hides the date words inside it ("USA Today", "Black Friday").

**How yearless dates get a year.** The candidate in the publish year is taken
when it is not after the publish date; a later one most likely belongs to the
previous year ("In December" in an article of 2025-01-10 is December 2024),
unless its clause looks ahead ("will take effect on Aug. 1"); a weekday given
with the date picks the year whose calendar agrees. Weekdays alone take the
latest such day before publication (the publish day itself when they match
it), or the next one when the clause looks ahead.
"""

from __future__ import annotations

import calendar
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from .settings import ConfigError

if TYPE_CHECKING:
    from .packs import Lexicon, PackSet

#: Scanned classes, in the order they are tried at one text position.
CLASSES = ("quiet", "calendar", "anaphoric", "present", "relative")

# A Unicode-aware word boundary for the RE2 scan (RE2's \b is ASCII-only).
_LEFT = r"(?:^|[^\pL\pN_])"
_RIGHT = r"(?:[^\pL\pN_]|$)"
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_CLAUSE_END = re.compile(r"[.!?][\"\u201d\u2019)]?\s|[,;:]\s|\s[\u2014\u2013]\s|\n")
_STAMP_REACH = 24  # characters before a date where an update mark counts
_SENTENCE_MAX = 400  # characters looked at on each side of an expression
# A capitalised date word right before a capitalised word is part of a name
# ("June Carter", "Monday Night Football"), not a date.
_NAME_AFTER = re.compile(r"[ \u00a0][A-Z][a-z]")


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
            text = f"{calendar.month_name[s.month]} {s.year}"
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


@dataclass
class Grammar:
    """The compiled temporal lexicons of one language.

    ``scan`` is one RE2 program over all classes, without capture groups;
    ``readers`` holds, per class in scan order, the same patterns compiled by
    Python's ``re``. A span found by the scan is read by the first class
    whose pattern matches it whole (the class RE2 chose, since RE2 tries the
    classes in the same order). Readings are memoised per span text: a
    corpus repeats "last week" and "on Friday" thousands of times.
    """

    scan: object
    readers: list[tuple[str, list[re.Pattern[str]]]]
    words: dict[str, tuple[str, str]]
    future: "Lexicon | None"
    updates: "Lexicon | None" = None
    _memo: dict[str, tuple[str, dict[str, str]] | None] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------ building

    @classmethod
    def build(cls, lexicons: dict[str, "Lexicon"], words: "Lexicon | None",
              macros: "Lexicon | None", future: "Lexicon | None",
              updates: "Lexicon | None" = None) -> "Grammar":
        import re2

        from .packs import _options

        macro_map = dict(macros.tags) if macros else {}
        alternatives, readers = [], []
        for kind in CLASSES:
            lex = lexicons.get(kind)
            if lex is None or not lex.patterns:
                continue
            sources = [_expand(p, macro_map, lex.name) for p in lex.patterns]
            flags = 0 if lex.case_sensitive else re.IGNORECASE
            compiled = []
            for src in sources:
                try:
                    compiled.append(re.compile(src, flags))
                except re.error as exc:
                    raise ConfigError(f"lexicon {lex.name!r} ({', '.join(lex.sources)}): pattern "
                                      f"{src!r} is not valid Python regex syntax: {exc}") from None
            readers.append((kind, compiled))
            body = "|".join(f"(?:{_uncapture(s)})" for s in sources)
            alternatives.append(body if lex.case_sensitive else f"(?i:{body})")
        source = _LEFT + "(?:" + "|".join(alternatives or [r"[^\x00-\x{10FFFF}]"]) + ")" + _RIGHT
        try:
            program = re2.compile(source, _options())
        except re2.error as exc:
            raise ConfigError(f"temporal lexicons: bad pattern: {exc}") from None
        table: dict[str, tuple[str, str]] = {}
        for word, meaning in (words.tags if words else {}).items():
            kind, _, value = meaning.partition(":")
            table[" ".join(word.casefold().split())] = (kind, value)
        return cls(program, readers, table, future, updates)

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

    def read(self, span: str) -> tuple[str, dict[str, str]] | None:
        """``(class, named groups)`` of the first pattern matching ``span`` whole."""
        memo = self._memo
        if span in memo:
            return memo[span]
        found = None
        for kind, patterns in self.readers:
            for pattern in patterns:
                r = pattern.fullmatch(span)
                if r is not None:
                    found = (kind, {k: v for k, v in r.groupdict().items() if v is not None})
                    break
            if found:
                break
        if len(memo) > 8192:
            memo.clear()
        memo[span] = found
        return found

    def raw(self, text: str) -> Iterator[tuple[int, int, str, dict[str, str]]]:
        """``(start, end, class, named groups)`` of every match, quiet ones included."""
        if "\u00a0" in text:
            text = text.replace("\u00a0", " ")  # same length: offsets stay valid
        n = len(text)
        for start, end in spans(self.scan, text):
            # the scan consumed one boundary character on each side (if any)
            if start < n and not _word_char(text[start]):
                start += 1
            if end > start and (end < n or not _word_char(text[end - 1])):
                end -= 1
            reading = self.read(text[start:end])
            if reading is not None:
                yield start, end, reading[0], reading[1]

    def update_stamp(self, text: str, start: int) -> bool:
        """Is the date at ``start`` an update stamp ("Updated Dec. 7, 2024")?"""
        if self.updates is None:
            return False
        before = text[max(0, start - _STAMP_REACH) : start]
        return any(True for _ in spans(self.updates.program, before))

    def looks_ahead(self, text: str, start: int, end: int) -> bool:
        """Does the clause around ``text[start:end]`` speak of the future?

        The clause, not the sentence: in "X will open, the minister said on
        Tuesday" the Tuesday is past. A date fronted before a comma ("On
        Friday, the board will vote") takes the clause that follows it.
        """
        if self.future is None:
            return False
        lo = max(0, start - _SENTENCE_MAX)
        for m in _CLAUSE_END.finditer(text, lo, start):
            lo = m.end()
        nxt = _CLAUSE_END.search(text, end, end + _SENTENCE_MAX)
        hi = nxt.start() if nxt else min(len(text), end + _SENTENCE_MAX)
        if nxt is not None and not text[lo:start].strip() and nxt.group().startswith(","):
            after = _CLAUSE_END.search(text, nxt.end(), nxt.end() + _SENTENCE_MAX)
            hi = after.start() if after else min(len(text), nxt.end() + _SENTENCE_MAX)
        return any(True for _ in spans(self.future.program, text[lo:hi]))


def spans(program, text: str) -> Iterator[tuple[int, int]]:
    """Character ``(start, end)`` of each match of an RE2 program in ``text``.

    The public ``finditer`` of google-re2 builds a match object and decodes
    every offset in Python, which costs more than the search itself on
    short matches. When the wrapper exposes its compiled ``_regexp`` (as
    google-re2 does), this loop calls its ``Match`` directly and converts
    byte offsets only for non-ASCII text; otherwise it uses ``finditer``.
    """
    regexp = getattr(program, "_regexp", None)
    anchor = getattr(sys.modules.get("re2"), "_Anchor", None)
    if regexp is None or anchor is None:  # pragma: no cover - another re2 build
        for m in program.finditer(text):
            yield m.span()
        return
    data = text.encode("utf-8", "surrogatepass")
    size, pos, unanchored = len(data), 0, anchor.UNANCHORED
    ascii_only = size == len(text)
    last_byte = last_char = 0
    while pos <= size:
        start, end = regexp.Match(unanchored, data, pos, size)[0]
        if start < 0:
            return
        pos = end if end > pos else pos + 1
        if ascii_only:
            yield start, end
            continue
        # byte → character offsets, incrementally (matches come in order)
        last_char += len(data[last_byte:start].decode("utf-8", "surrogatepass"))
        char_end = last_char + len(data[start:end].decode("utf-8", "surrogatepass"))
        last_byte = start
        yield last_char, char_end


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


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
                                get("temporal-update-marks"))
        anchor.__dict__["_grammar"] = grammar
    return grammar


# --------------------------------------------------------------- resolving


def find(text: str, ref: date | None, grammar: Grammar, *, headline: bool = False) -> list[Mention]:
    """Every dated expression of ``text``, resolved against ``ref`` (the publish date).

    Quiet look-alikes are dropped; absolute dates are returned too (they are
    anchors, and a check may compare them with the publish date). Anaphors
    resolve against the last mention before them that names a date.

    In body text, a capitalised date word before a capitalised word is a
    name ("June Carter"), and relative words on a short title-case line are
    a label ("Most Popular Today", a lone "Today" menu item). ``headline``
    turns both heuristics off, since a title-case headline capitalises
    everything ("Stocks Fall Yesterday After Fed Decision").
    """
    out: list[Mention] = []
    anchor: Mention | None = None
    for start, end, cls, groups in grammar.raw(text):
        if cls == "quiet" or (not headline and _is_name(text, start, end)):
            continue
        if cls in ("relative", "present") and not headline and _label_line(text, start, end):
            continue
        if cls == "calendar":
            mention = _calendar(text, start, end, groups, ref, grammar)
        elif cls == "relative":
            mention = _relative(text[start:end], start, end, groups, ref, grammar)
        elif cls == "present":
            mention = _present(text[start:end], start, end, groups, ref, grammar)
        else:
            mention = _anaphoric(text[start:end], start, end, groups, anchor, grammar)
        if mention is None:
            continue
        out.append(mention)
        if mention.kind == "present" or "fuzzy" in groups:
            continue
        if mention.kind == "relative" and mention.period is None and ref is not None:
            continue  # unresolvable ("a few days ago"): not something to refer back to
        anchor = mention
    return out


_SMALL_WORDS = frozenset("a an and at by for in of on or the to vs".split())


def _label_line(text: str, start: int, end: int) -> bool:
    """Is the line around ``text[start:end]`` a short title-case label, not a sentence?"""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    line = text[lo : hi if hi >= 0 else len(text)].strip()
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
    if _NAME_AFTER.match(text, end) is None:
        return False
    last = text.rfind(" ", start, end) + 1 or start
    return text[max(last, start)].isupper()


def _calendar(text, start, end, g, ref, grammar: Grammar) -> Mention | None:
    span = text[start:end]

    def ahead() -> bool:
        return grammar.looks_ahead(text, start, end)

    if "iso" in g:
        try:
            d = date.fromisoformat(g["iso"])
        except ValueError:
            return None
        return Mention(start, end, span, "absolute", day(d), depends=False, groups=g)
    month = grammar.meaning(_strip_dot(g.get("month")), "month")
    weekday = grammar.meaning(g.get("weekday"), "weekday")
    dom = int(re.match(r"\d+", g["dom"]).group()) if "dom" in g else None
    m = int(month) if month else None
    if "year" in g and m:
        year = int(g["year"])
        second = grammar.meaning(_strip_dot(g.get("month2")), "month")
        if second and int(second) < m:  # Dec. 28 to Jan. 3, 2025: the first end is in 2024
            year -= 1
        try:
            period = day(date(year, m, dom)) if dom else month_period(year, m)
        except ValueError:
            return None
        return Mention(start, end, span, "absolute", period, depends=False, groups=g)
    if m is None and "year" in g:  # in 2019
        return Mention(start, end, span, "absolute", year_period(int(g["year"])), depends=False, groups=g)
    if m is None and weekday is not None:
        return _weekday(span, start, end, g, int(weekday), ref, grammar, ahead)
    if m is None:
        return None
    if ref is None:
        kind = "relative" if ("shift" in g or "yshift" in g) else "yearless"
        return Mention(start, end, span, kind, None, groups=g)
    if "yshift" in g:  # June last year, July 11 this year
        year = ref.year + int(grammar.meaning(g["yshift"], "shift") or 0)
        try:
            period = day(date(year, m, dom)) if dom else month_period(year, m)
        except ValueError:
            return None
        return Mention(start, end, span, "relative", period, groups=g)
    if "shift" in g:  # last July, next March, this June
        k = int(grammar.meaning(g["shift"], "shift") or 0)
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
        if weekday is not None and any(c.weekday() == int(weekday) for c in candidates):
            fits = [c for c in candidates if c.weekday() == int(weekday)]
            chosen = min(fits, key=lambda c: abs((c - ref).days))
            note = "the year whose calendar puts it on a " + calendar.day_name[int(weekday)]
        else:
            this = [c for c in candidates if c.year == ref.year]
            chosen = this[0] if this else candidates[0]
            if chosen > ref:
                if ahead():
                    note = "the clause looks ahead"
                else:
                    prev = [c for c in candidates if c.year == ref.year - 1]
                    if prev:
                        chosen = prev[0]
                    note = "the latest one before publication"
        period = day(chosen)
        future = chosen > ref
    else:
        year = ref.year
        if m > ref.month:
            if ahead():
                note = "the clause looks ahead"
            else:
                year -= 1
                note = "the latest one before publication"
        period = month_period(year, m)
        future = period.start > ref
    return Mention(start, end, span, "yearless", period, note=note, future=future, groups=g)


def _weekday(span, start, end, g, wd: int, ref, grammar: Grammar, ahead) -> Mention:
    if ref is None:
        return Mention(start, end, span, "relative", None, groups=g)
    shift = grammar.meaning(g.get("shift"), "shift")
    back = (ref.weekday() - wd) % 7  # days back to the latest such weekday
    note = ""
    if shift == "0":  # this Monday: the one in the publish week
        d = week_period(ref).start + timedelta(days=wd)
    elif shift is not None and int(shift) < 0:  # last Monday
        d = ref - timedelta(days=back or 7)
    elif shift is not None and int(shift) > 0:  # next Monday
        d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    elif back == 0:
        d, note = ref, "the publish day itself"
    elif ahead():
        d, note = ref + timedelta(days=7 - back), "the clause looks ahead"
    else:
        d = ref - timedelta(days=back)
    return Mention(start, end, span, "relative", day(d), note=note, groups=g)


def _relative(span, start, end, g, ref, grammar: Grammar) -> Mention:
    def done(period: Period | None) -> Mention:
        return Mention(start, end, span, "relative", period, groups=g)

    if ref is None or "fuzzy" in g:
        return done(None)
    if "day" in g:
        k = grammar.meaning(g["day"], "day")
        return done(day(ref + timedelta(days=int(k))) if k is not None else None)
    shift = grammar.meaning(g.get("shift"), "shift")
    unit = grammar.meaning(g.get("unit"), "unit")
    k = int(shift) if shift is not None else 0
    part = (g.get("part") or "").lower()
    part = part if part in ("early", "late") else ""
    if "season" in g:
        name = grammar.meaning(g["season"], "season") or "summer"
        this = season_period(name, ref.year if name != "winter" or ref.month == 12 else ref.year - 1)
        if k == 0:
            if this.end < ref and name == "winter":
                this = season_period(name, this.start.year + 1)
            return done(this)
        if k < 0:
            year = this.start.year if this.end < ref else this.start.year - 1
        else:
            year = this.start.year if this.start > ref else this.start.year + 1
        return done(season_period(name, year))
    if unit is None:
        return done(None)
    num = grammar.meaning(g.get("num"), "num")
    if "num" in g and g.get("num", "").strip().lower() not in ("a", "an") and num is None:
        return done(None)
    if span.lower().startswith("this time"):  # this time last year
        return done(day(shift_date(ref, unit, k), approx=True))
    if span.lower().endswith("ago"):
        if num is None or num == "few":
            return done(None)
        n = int(num)
        if unit in ("month", "quarter"):
            y, m = add_months(ref.year, ref.month, -n * (3 if unit == "quarter" else 1))
            return done(month_period(y, m))
        if unit == "year":
            return done(year_period(ref.year - n))
        if unit == "decade":
            return done(Period(shift_date(ref, unit, -n), shift_date(ref, unit, -n), "year", approx=True))
        return done(day(shift_date(ref, unit, -n), approx=unit not in ("day",)))
    if "num" in g or "the" in g or shift in (None,) or g.get("shift", "").lower() == "past":
        # a rolling window: the past seven days, the last year, the next 12 months
        if num == "few":
            return done(None)
        n = int(num) if num else 1
        if unit == "hour":
            n, unit = max(1, -(-n // 24)), "day"
        if unit == "weekend":
            return done(None)
        edge = shift_date(ref, unit, n if k > 0 else -n)
        return done(Period(ref, edge, "range") if k > 0 else Period(edge, ref, "range"))
    # a calendar period: this week, last month, next year, last quarter
    target = shift_date(ref, unit, k)
    if unit == "fortnight":
        return done(Period(min(ref, target), max(ref, target), "range"))
    if unit == "decade":
        return done(None)
    return done(period_of(unit, target, part))


def _present(span, start, end, g, ref, grammar: Grammar) -> Mention:
    if ref is None:
        return Mention(start, end, span, "present", None, groups=g)
    unit = grammar.meaning(g.get("unit"), "unit")
    if unit:
        first = period_of(unit, ref).start
        return Mention(start, end, span, "present", Period(first, ref, "range"), groups=g)
    return Mention(start, end, span, "present", day(ref), groups=g)


def _anaphoric(span, start, end, g, anchor: Mention | None, grammar: Grammar) -> Mention | None:
    if anchor is None:
        return Mention(start, end, span, "anaphoric", None, depends=False, groups=g)
    base = anchor.period
    depends = anchor.depends
    if base is None:
        return Mention(start, end, span, "anaphoric", None, depends=depends, anchor=anchor, groups=g)
    unit = grammar.meaning(g.get("unit"), "unit") or "day"
    period: Period | None
    if "dir" in g:  # three days later, a year earlier
        num = grammar.meaning(g.get("num"), "num")
        if num is None or num == "few":
            period = None
        else:
            n = int(num) * int(grammar.meaning(g["dir"], "dir") or 1)
            moved = shift_date(base.start, unit, n)
            if base.grain == "day":
                period = day(moved, approx=unit not in ("day", "week"))
            else:
                period = period_of(base.grain if base.grain in ("month", "quarter", "year") else unit, moved)
    elif "rel" in g:  # the following day, the previous month
        k = int(grammar.meaning(g["rel"], "shift") or 1)
        period = period_of(unit, shift_date(base.start if k < 0 else base.end, unit, k))
    else:  # the same month, that week
        period = period_of(unit, base.start)
    return Mention(start, end, span, "anaphoric", period, depends=depends, anchor=anchor, groups=g)


def _strip_dot(word: str | None) -> str | None:
    return word.rstrip(".") if word else word
