"""NL4xx — dated claims: time expressions that cannot be read without the publish date.

One pass per text field (title, summary, body) finds the expressions with
:func:`newslint.temporal.find` (patterns in ``rules/temporal.<lang>.yaml``),
and each mention becomes at most one finding:

- NL401 relative: "last month", "yesterday", "on Monday", "two days ago".
- NL402 present: "at the time of writing", "so far this year", "recently"
  always; "currently", "now has", "to date", "for now" only when their
  clause holds what goes stale (a figure, a rank or superlative, a role, a
  price: "now has 300 stores", "is currently the largest", "is now the
  CEO"), not a change announcement ("Hugo now has built-in support"), an
  obligation ("you now have to install …") or how software works ("it is
  currently not optimized"). With ``--as-of`` (or ``as_of`` in config), a
  claim in an article older than ``stale_after_days`` is an error and the
  message gives its age.
- NL403 yearless: "On July 11", "In June", "for May".
- NL404 anaphoric: "the same month", "three days later", reported only when
  the date it refers back to itself depends on the publish date (an anaphor
  of an absolute date is perfectly readable), and not in a sentence about a
  habit ("orders are often ready for the next day").
- NL405 an absolute date in the body later than the publish date (and than
  ``updated_at``), unless its sentence looks ahead ("will take effect",
  "expects to reopen them, after repairs, on …", "runs from April 2025"),
  the date ends a state or a deadline ("until the end of March 2018"), or the
  sentence is an example or an instruction ("For example, building your site
  on June 24, 2017"), an event's "When:" label or a release it waits for
  ("until Rust 1.78.0 (2024-05-02) is released"), a list under a schedule
  heading ("### Schedule", "### When?") or under a lead-in that looks ahead,
  or an update heading in any language ("## Обновление (2013-08-07)").
  Not in the title, which names the event an announcement is about
  ("Meeting 2022-04-18 agenda").

A monthly recap published in the first days of the next month ("Acme
Alpha June 2020" on 1 July, "This Month in X" on the 2nd) counts "this
month", "last month" and "next month" from the month its title names. In
Markdown, a blockquote's lines are one paragraph (its ``>`` marks are
blanked by the prose view), so its sentences run across them.

Without a publish date nothing can be resolved, and a relative word is worth
reporting only in a text that reads as news: a scrape that lost its date
(a dated byline or timestamp line, a dateline, attribution such as "said",
from the ``temporal-news-cues`` lexicon). In a docs page, a how-to or a
reference table "Monday", "today" and "in January" are examples or generic,
and NL401–NL404 stay quiet.

In the body, teasers of other articles pasted after a related-articles
heading ("More to Read", from the ``teaser-markers`` lexicon of the residue
packs) are skipped up to where the story resumes: their dates belong to
those articles, and NL209 already reports the block (see
:mod:`newslint.temporal`, *Teasers*).

Inside a quotation (curly or straight quotes in the paragraph, or a Markdown
blockquote) the reporter could not have written the date, but the claim is
just as stale: by default such findings are lowered one severity level
(warning → info, an aged error → warning); ``quoted = "same"`` keeps them,
``quoted = "ignore"`` drops them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from datetime import timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Edit, Fix, Severity
from ..temporal import Mention, add_months, find, grammar_for, join_soft_breaks, quoted
from .base import Check, Hit, Rule

RELATIVE = Rule(
    code="NL401",
    name="relative-date",
    severity=Severity.INFO,
    summary="A date relative to the publish day: last month, yesterday, on Monday, two days ago.",
    why=(
        "\"Last month\" means June to the reader of July and nothing to the reader of next "
        "year, of a search snippet, a newsletter excerpt or a training corpus, where the publish "
        "date is gone. newslint resolves the expression against published_at so the message "
        "says exactly which day, week or month is meant; write that instead (\"in June 2025\"). "
        "Resolved against a publish date it is a suggestion (info: the article carries the date "
        "that pins it, and a release post's \"Today we ship\" is the house voice of many blogs); "
        "an article with no publish date cannot be resolved at all, so there it is raised one "
        "level, to a warning."
    ),
    fires='published_at 2025-07-14, body: "Last month, the regulator approved it."',
    quiet='body: "In June 2025, the regulator approved it."',
)

PRESENT = Rule(
    code="NL402",
    name="time-sensitive-claim",
    severity=Severity.WARNING,
    summary="A claim true only as of writing: at the time of writing, so far this year, recently, "
            "currently or now with a figure, a rank or a role.",
    why=(
        "\"At the time of writing, BTC has gained 9%\" is a figure with an expiry date that "
        "nobody wrote down. Such claims are read as current long after they stopped being true: "
        "counts (\"now has 300 stores\"), ranks and superlatives (\"is currently the largest\"), "
        "officeholders (\"is now the CEO\"), prices. Give the date the figure was checked. "
        "\"Currently\" or \"now has\" without such a figure is a change or a description "
        "(\"now has built-in support\", \"you now have to install it\") and stays quiet. With "
        "--as-of DATE, a claim in an article older than stale_after_days (default 365) is raised "
        "to an error and the message gives its age. A bare \"recently\" in a dated article carries "
        "no figure and means \"shortly before the publish date\": it is lowered one level, to info."
    ),
    fires='body: "The token is currently trading at $1.02."',
    quiet='body: "On July 14, 2025, the token traded at $1.02."',
)

YEARLESS = Rule(
    code="NL403",
    name="date-without-year",
    severity=Severity.INFO,
    summary="A month or a day of the month without a year: On July 11, In June, for May.",
    why=(
        "\"On July 11\" is clear the week it is published and ambiguous forever after; once the "
        "article is excerpted or its date is lost, the year has to be guessed. newslint infers "
        "the year from published_at (a month later in the year than publication most likely "
        "means the previous year, unless the clause looks ahead) and can add it. Like NL401 it "
        "is info where a publish date resolves it and a warning where none does."
    ),
    fires='published_at 2025-07-14, body: "On July 11, Reuters reported the meeting."',
    quiet='body: "On July 11, 2025, Reuters reported the meeting."',
    fix="Adds the inferred year (unsafe: the year is a guess from the publish date).",
)

ANAPHORIC = Rule(
    code="NL404",
    name="anaphoric-date",
    severity=Severity.INFO,
    summary="A date given relative to another one that itself depends on the publish date.",
    why=(
        "\"In June … The same month …\" chains a second date onto a first one that has no year. "
        "The chain is only as readable as its first link. newslint resolves the anaphor against "
        "the last date mentioned before it and reports it when that date is relative or yearless; "
        "after an absolute date (\"March 3, 2024 … three days later\") it stays quiet."
    ),
    fires='body: "In June, the bank spoke. The same month, the governor agreed."',
    quiet='body: "In June 2025, the bank spoke. The same month, the governor agreed."',
)

AFTER_PUBLICATION = Rule(
    code="NL405",
    name="date-after-publication",
    severity=Severity.INFO,
    summary="The text names a past date later than the article's publish date.",
    why=(
        "An article published on July 14 cannot report what happened on August 3 of the same "
        "year. Either published_at is wrong (a re-import date, a time-zone slip, a CMS default) "
        "or the text was updated without updated_at. Sentences that look ahead (\"will take "
        "effect on Aug. 1, 2025\", \"expects to reopen on …\", \"runs from April 2025\") and "
        "dates covered by updated_at stay quiet."
    ),
    fires='published_at 2025-07-14, body: "The deal closed on August 3, 2025."',
    quiet='published_at 2025-07-14, body: "The rules will take effect on August 3, 2025."',
)

_CODE = {"relative": "NL401", "present": "NL402", "yearless": "NL403", "anaphoric": "NL404"}
_LOWER = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO, Severity.INFO: Severity.INFO}
_RAISE = {Severity.INFO: Severity.WARNING, Severity.WARNING: Severity.ERROR, Severity.ERROR: Severity.ERROR}
#: codes whose finding is raised one level when no publish date resolves the expression
_UNRESOLVED_RAISES = frozenset({"NL401", "NL403"})
_QUOTE_CHARS = '\u201c\u201d\u00ab\u00bb"'
_QUOTE_OPENERS = frozenset(" \t\u00a0([{\u2014\u2013-:")


class DatedClaimsCheck(Check):
    """NL401–NL405 in one pass over each text field."""

    rules = (RELATIVE, PRESENT, YEARLESS, ANAPHORIC, AFTER_PUBLICATION)

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")

        #: with --as-of, present-tense claims older than this become errors
        stale_after_days: int = Field(365, ge=0)
        #: findings inside quotations: lowered one level, kept as they are, or dropped
        quoted: Literal["lower", "same", "ignore"] = "lower"

    def check(self, doc, ctx) -> Iterator[Hit]:
        article = doc.article
        grammar = grammar_for(ctx.packs, article.lang)
        pub = article.published_at
        ref = pub.date() if pub is not None else None
        ref_iso = ref.isoformat() if ref is not None else ""
        enabled = ctx.enabled
        opts = ctx.opts(self)
        body_text = doc.prose
        if doc.markup == "markdown" and body_text and "\n" in body_text:
            body_text = _join_quote_lines(body_text, doc.lines)
        fields = [("/body", body_text)]
        if doc.data is not None:
            fields = [("/title", article.title), ("/summary", article.summary), *fields]
        title = article.title
        titled = None  # the title's mentions, when read before the other fields
        month_ref = None
        if ref is not None and ref.day <= 10 and title:  # a monthly recap published early in the next month?
            titled = find(title, ref, grammar, headline=True)
            month_ref = _recap_month(titled, ref)
            if month_ref is not None and any(m.kind == "relative" for m in titled):
                titled = find(title, ref, grammar, headline=True, month_ref=month_ref)
        found = []
        for pointer, text in fields:
            if not text:
                continue
            body = pointer == "/body"
            markdown = body and doc.markup == "markdown"
            if pointer == "/title" and titled is not None:
                mentions = titled
            else:
                mentions = find(text, ref, grammar, headline=pointer == "/title", teasers=body, markdown=markdown,
                                month_ref=month_ref)
            if mentions:
                found.append((pointer, text, markdown, mentions))
        # without a publish date, relative words are worth reporting only in news (a scrape
        # that lost its date); in a docs page "Monday" and "today" are examples or generic
        news: bool | None = True if ref is not None else None  # asked once, when first needed
        for pointer, text, markdown, mentions in found:
            quotes = _Quotes(text, doc if pointer == "/body" else None)
            later: list[Mention] = []
            joined: list[str] = []  # the text with Markdown's soft line breaks as spaces, once needed
            for mention in mentions:
                kind = mention.kind
                if kind == "absolute":
                    if ("NL405" in enabled and pointer != "/title"
                            and self._after_publication(mention, text, ref, doc, grammar, markdown, joined,
                                                        pointer == "/body")):
                        later.append(mention)
                    continue
                if _CODE[kind] not in enabled or (kind == "anaphoric" and not mention.depends) or mention.restated:
                    continue  # (a weekday its own sentence dates: "on Tuesday (19 May)", "Friday (6 August 2021)")
                if news is None:
                    news = _reads_as_news(doc, grammar, found)
                if not news:
                    continue
                hit = self._hit(mention, pointer, ref, ref_iso, quotes, ctx, opts)
                if hit is not None:
                    yield hit
            if later:  # one finding per field: a scraped page can carry dozens of later dates
                first = later[0]
                more = f" (and {len(later) - 1} more later dates)" if len(later) > 1 else ""
                yield Hit("NL405", f"\u201c{first.text.strip()}\u201d is later than the publish date "
                                   f"{ref_iso}{more}: check published_at, or whether the text was "
                                   "updated after publication", pointer=pointer, start=first.start, end=first.end)

    def _hit(self, m: Mention, pointer, ref, ref_iso, quotes, ctx, opts) -> Hit | None:
        code = _CODE[m.kind]
        text_quoted = m.text
        if "(" in text_quoted or "  " in text_quoted or "\n" in text_quoted:
            text_quoted = quoted(text_quoted)
        severity: Severity | None = None
        message = _MESSAGES[m.kind](m, f"\u201c{text_quoted}\u201d", ref_iso)
        period = m.period
        if m.kind == "anaphoric" and period is not None and ref is not None and period.start <= ref <= period.end:
            message += " (the time of writing)"  # "A year ago … One year later, we present"
        if m.kind == "present" and ref is not None and ctx.settings.as_of is not None:
            age = (ctx.settings.as_of - ref).days
            if age > opts.stale_after_days:
                severity = Severity.ERROR
                message = (f"\u201c{text_quoted}\u201d was written on {ref_iso}, {age} days before "
                           f"{ctx.settings.as_of.isoformat()} (more than {opts.stale_after_days}); "
                           "the claim is likely stale: date it or update it")
        if severity is None and ref is not None and m.kind == "present" and "recent" in m.groups:
            # "recently" carries no figure: with a publish date it means "shortly before it",
            # as resolvable as "last month" (NL401), and a suggestion like it
            severity = _LOWER[ctx.severity(code)]
        if ref is None and code in _UNRESOLVED_RAISES:
            severity = _RAISE[severity or ctx.severity(code)]  # nothing pins it: no reader can resolve it
        if quotes.inside(m.start):
            if opts.quoted == "ignore":
                return None
            if opts.quoted == "lower":
                severity = _LOWER[severity or ctx.severity(code)]
                message += " (inside a quotation)"
        fix = _year_fix(m, pointer) if m.kind == "yearless" else None
        return Hit(code, message, pointer, m.start, m.end, fix, None, severity)

    @staticmethod
    def _after_publication(m: Mention, text, ref, doc, grammar, markdown=False, joined=None,
                           pointer_is_body=True) -> bool:
        """An absolute date after the publish date that no update, look-ahead or example explains.

        Not in the title: a headline names the event the article announces
        ("CTCFT 2022-04-18 Agenda"). Not the end of a state or a deadline
        ("until the end of March 2018"), nor in an example or an instruction
        ("For example, building your site on June 24, 2017").
        """
        if ref is None or m.period is None or m.period.start <= ref or m.period.grain == "year":
            return False  # a bare year after publication is usually a plan ("by 2030")
        updated = doc.article.updated_at
        if updated is not None and m.period.start <= updated.date():
            return False
        if markdown:  # Markdown wraps sentences across lines
            if not joined:
                joined.append(join_soft_breaks(text))
            text = joined[0]
        # the whole sentence: "expects to reopen them, after repairs, on February 3, 2025"
        return not (grammar.looks_ahead(text, m.start, m.end, scope="sentence")
                    or grammar.update_stamp(text, m.start)
                    or grammar.bounded(text, m.start, m.text)
                    or grammar.hypothetical_sentence(text, m.start, m.end)
                    or grammar.scheduled_sentence(text, m.start, m.end)
                    or (pointer_is_body and _in_schedule(doc, text, m.start, grammar)))


def _join_quote_lines(text: str, lines) -> str:
    """The body with the line breaks inside a blockquote paragraph read as spaces.

    The prose view blanks the ``>`` marks, so :func:`join_soft_breaks` keeps
    a quote's breaks (it cannot tell a quote's next line from a list's next
    item); the line kinds can. "> …you can wait until\n> Rust 1.78.0
    (2024-05-02) is released." is one sentence. Same length.
    """
    cut = [a.end for a, b in zip(lines, lines[1:])
           if a.kind == "quote" and b.kind == "quote" and b.text.strip()
           and a.text.rstrip()[-1:] not in ("", ".", "!", "?", ":")]
    if not cut:
        return text
    chars = list(text)
    for at in cut:
        if at < len(chars) and chars[at] == "\n":
            chars[at] = " "
    return "".join(chars)


def _recap_month(titled: list[Mention], ref):
    """The last day of the month a recap published early in the next month is about, or None.

    "Supabase Alpha June 2020" published on 1 July, a "February update" on
    2 March: its "this month" is June, its "last month" May. The title
    names the month before the publish month (in the first ten days of the
    month), or says "This month in …" (in the first three).
    """
    year, month = add_months(ref.year, ref.month, -1)
    for m in titled:
        p = m.period
        if p is None:
            continue
        if m.kind in ("absolute", "yearless") and p.grain == "month" and (p.start.year, p.start.month) == (year, month):
            return p.end
        if (m.kind == "relative" and ref.day <= 3 and p.grain == "month"
                and m.groups.get("unit", "").lower() == "month" and (p.start.year, p.start.month) == (ref.year, ref.month)):
            return ref.replace(day=1) - timedelta(days=1)  # "This Month in Rust", published on the 2nd
    return None


def _in_schedule(doc, text: str, pos: int, grammar) -> bool:
    """Is the line at ``pos`` part of a schedule announced ahead?

    A list item (or the line right under a heading) whose list hangs from a
    heading that names a schedule ("### Schedule", "### **When?**", "Key
    dates": ``temporal-schedule-heads``), or from a lead-in ending in a
    colon whose sentence looks ahead ("we will transition … on Jan 9, 2015,
    and produce 1.0 final two cycles afterwards:").
    """
    lines = doc.lines
    if not lines or doc.markup != "markdown":
        return False  # lists and headings are Markdown's
    starts = [ln.start for ln in lines]
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    item = lines[i].kind == "list"
    i -= 1
    while i >= 0 and (lines[i].kind == "blank" or (item and lines[i].kind == "list")):
        i -= 1
    if i < 0:
        return False
    lead = lines[i]
    if lead.kind == "heading":
        return grammar.schedule_head(lead.text)
    if not item or not lead.text.rstrip().endswith(":"):
        return False
    return grammar.schedule_head(lead.text) or grammar.looks_ahead(text, lead.end - 1, lead.end, scope="sentence")


def _reads_as_news(doc, grammar, found) -> bool:
    """Does an undated article read as news: a dated line, a dateline, attribution?

    A dated line is an absolute day in the body outside a heading (a byline or
    timestamp strip: "Policy & Regulation·July 14, 2025, 1:12 AM"); a changelog's
    "## 3.9.0 / 2020-08-05" headings do not count. Attribution and datelines
    come from ``temporal-news-cues`` ("said", "according to", "(Reuters)").
    """
    lines = doc.lines
    starts = None
    for pointer, _text, _markdown, mentions in found:
        if pointer != "/body":
            continue
        for m in mentions:
            if m.kind == "absolute" and m.period is not None and m.period.grain == "day":
                if not lines:
                    return True
                if starts is None:
                    starts = [ln.start for ln in lines]
                line = lines[max(0, bisect.bisect_right(starts, m.start) - 1)]
                if line.kind != "heading":
                    return True
    title = doc.article.title or ""
    return grammar.reads_as_news(doc.prose) or (bool(title) and grammar.reads_as_news(title))


def _relative_message(m: Mention, q: str, ref: str) -> str:
    if not ref:
        return f"{q} is relative to a publish date this article does not have; give the date"
    if m.period is None:
        return f"{q} is relative to the publish date {ref} and cannot be pinned down; give the date"
    note = f" ({m.note})" if m.note else ""
    return f"{q} in an article published {ref} means {m.period.label()}{note}"


def _present_message(m: Mention, q: str, ref: str) -> str:
    if not ref:
        return f"{q} is true only as of a publish date this article does not have; give the date"
    if m.period is not None and m.period.grain == "range":
        return (f"{q} covers {m.period.label()} in an article published {ref}; "
                "give the date the figure was checked")
    return f"{q} is true only as of the publish date, {ref}; give the date the claim was checked"


def _yearless_message(m: Mention, q: str, ref: str) -> str:
    if not ref or m.period is None:
        return f"{q} has no year, and the article has no publish date to supply one"
    note = f" ({m.note})" if m.note else ""
    return f"{q} has no year: in an article published {ref} it means {m.period.label()}{note}"


def _anaphoric_message(m: Mention, q: str, ref: str) -> str:
    anchor = f"\u201c{m.anchor.text.strip()}\u201d" if m.anchor else "an earlier date"
    if m.period is None:
        return f"{q} refers back to {anchor}, which has no year or date here; give the date"
    return f"{q} refers back to {anchor}, which depends on the publish date: it means {m.period.label()}"


_MESSAGES = {
    "relative": _relative_message,
    "present": _present_message,
    "yearless": _yearless_message,
    "anaphoric": _anaphoric_message,
}


def _year_fix(m: Mention, pointer: str) -> Fix | None:
    """Add the inferred year after the date: "July 11" → "July 11, 2025", "11 July" → "11 July 2025"."""
    if m.period is None or m.period.grain not in ("day", "month"):
        return None
    year = m.period.start.year
    g = m.groups
    us_style = "dom" in g and m.text.find(g["month"]) < m.text.find(g["dom"])
    insert = f", {year}" if us_style else f" {year}"
    return Fix(message=f"add the inferred year {year}", applicability="unsafe",
               edits=(Edit(pointer=pointer, start=m.end, end=m.end, replacement=insert),))


class _Quotes:
    """Is an offset inside a quotation? A blockquote line, or open quotes in its paragraph."""

    def __init__(self, text: str, doc=None) -> None:
        self._text = text
        markdown = doc is not None and doc.markup == "markdown"
        # only Markdown has blockquote lines (a plain body has text and blank lines)
        self._lines = doc.lines if markdown and any(ln.kind == "quote" for ln in doc.lines) else ()
        self._starts = [ln.start for ln in self._lines]
        self._separator = "\n\n" if markdown else "\n"

    def inside(self, offset: int) -> bool:
        if self._lines:
            line = self._lines[max(0, bisect.bisect_right(self._starts, offset) - 1)]
            if line.kind == "quote":
                return True
        text = self._text
        begin = text.rfind(self._separator, 0, offset) + 1
        # the marks of the paragraph before the offset: str.find per mark character
        # (memchr-fast) rather than a regex class tested at every character
        marks = []
        for mark in _QUOTE_CHARS:
            at = text.find(mark, begin, offset)
            while at >= 0:
                marks.append(at)
                at = text.find(mark, at + 1, offset)
        if not marks:
            return False
        marks.sort()
        inside = False
        for at in marks:
            mark = text[at]
            if mark in "\u201c\u00ab":
                inside = True
            elif mark in "\u201d\u00bb":
                inside = False
            elif inside:  # a straight quote closes an open quotation, whatever opened it
                inside = False
            else:  # and opens one only where a quotation can start (not 5'11")
                inside = at == begin or text[at - 1] in _QUOTE_OPENERS
        return inside


CHECKS: list[Check] = [DatedClaimsCheck()]
CORPUS_CHECKS: list = []
