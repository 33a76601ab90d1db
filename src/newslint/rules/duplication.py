"""NL5xx — duplicated text: inside one article, and across the corpus.

Inside an article (:class:`RepeatCheck`, one pass over the paragraphs):
NL501 a repeated paragraph, NL502 a repeated sentence, NL503 the title (or
a heading) repeated in the body. Across the corpus
(:class:`~newslint.rules.duplication_corpus.CorpusDuplicateCheck`, compact
signatures only): NL510 a passage pasted from another article of the
corpus, NL511 near-duplicate articles.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from ..document import Document
from ..lazyre import LazyPattern
from ..model import Edit, Fix, Severity
from .base import Check, CorpusCheck, Hit, Rule
from .duplication_corpus import CorpusDuplicateCheck, NEAR_DUPLICATE, PASTED_ARTICLE
from .duplication_text import Para, compare_text, paragraphs, sentence_spans

REPEATED_PARAGRAPH = Rule(
    code="NL501",
    name="repeated-paragraph",
    severity=Severity.WARNING,
    summary="A paragraph appears more than once in the same article.",
    why=(
        "A paragraph printed twice is almost always an accident of extraction or editing: "
        "a lede repeated as a summary block, a section pasted twice, a page scraped with its "
        "print view. Readers notice, search snippets repeat it, and models trained on the "
        "text learn to repeat themselves. The message says where the first copy is and how "
        "many copies there are. List items, definition-list entries, table cells and "
        "headings are structure and may repeat; so may a note restated under each heading "
        "of a reference page (one copy per section, every heading different). Some posts "
        "restate a paragraph on purpose (a security advisory that repeats the same notice "
        "for each CVE): raise `min_paragraph_words`, lower the severity or ignore the rule "
        "for those paths."
    ),
    fires=(
        "Jose Mourinho has agreed a deal to replace Mauricio Pochettino as manager.\n\n"
        "The Portuguese boss had been out of work since December 2018.\n\n"
        "Jose Mourinho has agreed a deal to replace Mauricio Pochettino as manager."
    ),
    quiet="Was it worth it?\n\nYes.\n\nWould she do it again?\n\nYes.",
    fix="Delete the later copy (offered as an unsafe fix: a repeat can be deliberate).",
)

REPEATED_SENTENCE = Rule(
    code="NL502",
    name="repeated-sentence",
    severity=Severity.WARNING,
    summary="A sentence of 8 or more words appears twice in the same article.",
    why=(
        "Extractors often keep a page's summary or pull quote next to the body, so the lede "
        "sentence appears once on its own and again at the top of the story; a teaser block "
        "repeats the first sentence at the bottom. Short sentences repeat naturally "
        "(\"Yes.\", \"He declined to comment.\"), so only sentences of `min_sentence_words` "
        "words or more count, and, as for NL501, copies that each sit under a different "
        "heading do not. Inline code is part of the sentence (\"The default is `Box`.\" and "
        "\"The default is `Smart`.\" differ). When one copy stands alone as a paragraph and the other sits "
        "inside a longer paragraph, the lone copy is reported: it is the pull quote or "
        "teaser, and the story reads right without it."
    ),
    fires=(
        "Shares of Home Depot are dropping in premarket trading after the company cut its "
        "guidance. But its results beat estimates.\n\nClose\n\n"
        "Shares of Home Depot are dropping in premarket trading after the company cut its "
        "guidance."
    ),
    quiet="\"No comment,\" he said.\n\nAsked again, he said: \"No comment.\"",
    fix="Delete the repeated sentence (unsafe).",
)

TITLE_IN_BODY = Rule(
    code="NL503",
    name="title-repeated-in-body",
    severity=Severity.WARNING,
    summary="The title, or a heading, is repeated in the body: again later, or glued to the next paragraph.",
    why=(
        "A scraper that keeps both the page heading and a teaser or print block prints the "
        "title twice; one that drops line breaks glues it to the first sentence "
        "(`…young metaverse enthusiastsThe Global Youth…`), and the paragraph then starts "
        "with a headline no reader would write. A single copy of the title standing alone "
        "as the first line or heading of the body is how most extracted text looks and is "
        "not reported; a second copy, or the title (or the heading right above) glued to "
        "or restated at the start of a paragraph, is. Titles ending in a site name "
        "(`… - News Nation`) are also matched without it."
    ),
    fires=(
        "Conference in Pohang City attracts young metaverse enthusiasts\n\n"
        "Conference in Pohang City attracts young metaverse enthusiastsThe Global Youth "
        "Metaverse Conference has commenced in Pohang."
    ),
    quiet=(
        "Conference in Pohang City attracts young metaverse enthusiasts\n\n"
        "The Global Youth Metaverse Conference has commenced in Pohang."
    ),
    fix=(
        "A glued copy is removed from the start of the paragraph (safe: the same text "
        "stands as the line above or is the article's title); a repeated title line is "
        "deleted (unsafe)."
    ),
)


class RepeatOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: NL501: shorter paragraphs ("Yes.", "Advertisement") may repeat.
    min_paragraph_words: int = Field(8, ge=1)
    #: NL502: shorter sentences may repeat.
    min_sentence_words: int = Field(8, ge=2)
    #: NL503: shorter titles and headings are not looked for.
    min_title_words: int = Field(3, ge=1)
    #: NL501/NL502: also compare list items (repeated bullets are usual in
    #: product round-ups and spec lists, so they are skipped by default; a
    #: short line without final punctuation next to another one counts as
    #: an item whose marker an extractor dropped).
    list_items: bool = False


_HEADING_MAX_WORDS = 25
# A short title restated as the first sentence ("Apple buys Beats. The deal…")
# can be the writer's choice; a longer one followed by a new sentence is a
# heading glued to its paragraph with a space.
_SPACED_MIN_WORDS = 5
_SITE_SUFFIX = re.compile(r"\s+(?:[-|–—·:]{1,2})\s+")
_WORD = re.compile(r"[^\W_]+")
_NOSPACE = LazyPattern(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


_LETTERS = re.compile(r"[^\W\d_]{2,}")
_LEAD_STRIP = " \t\"'“‘«(*_#>-"
_PIECES = re.compile(r"[.!?…。！？\n]")
_PIECE_STRIP = " \t\"'“”‘’«»()[]"
_NOSPACE_RUN = LazyPattern(_NOSPACE.pattern + "+")
_ITEM_MAX_CHARS = 100  # about 15 words
_SENTENCE_END = frozenset(".!?…。！？:;")
_CLOSING = "\"'”’»)]"
_BULLET = re.compile(r"\s*(?:[-*+•·▪►–]|\d{1,3}[.)])\s")
# a definition-list entry (kramdown, Goldmark, PHP Markdown Extra): "term" / ": definition"
_DEFINITION = re.compile(r"(?m)^[ \t]{0,3}:[ \t]+\S")
_TABLE_TAG = re.compile(r"(?i)<(/?)table\b")


def _words(text: str) -> int:
    """Words that are words: runs of two or more letters (code, numbers and
    table rows barely count); in scripts without spaces, two characters."""
    n = len(_LETTERS.findall(text))
    if _NOSPACE.search(text):
        n += len(_NOSPACE.findall(text)) // 2 - len(_NOSPACE_RUN.findall(text))
    return n


def _where(doc: Document, offset: int) -> str:
    """``line 12`` in a text or Markdown file, ``body line 12`` in JSON."""
    if doc.format in ("text", "markdown"):
        return f"line {doc.locator.locate('/body', offset)[0]}"
    starts = [ln.start for ln in doc.lines]
    return f"body line {bisect.bisect_right(starts, offset)}"


def _delete_block(body: str, start: int, end: int) -> Edit:
    """An edit deleting the block ``[start, end)`` and the blank lines after it."""
    n = len(body)
    if not body[end:].strip():  # the last block: drop the separation before it
        head = len(body[:start].rstrip())
        return Edit(pointer="/body", start=head, end=n,
                    replacement="\n" if head and body.endswith("\n") else "")
    e = end
    while e < n and body[e] in " \t":
        e += 1
    if e < n and body[e] == "\n":
        e += 1
        while True:  # following blank lines
            k = e
            while k < n and body[k] in " \t\u00a0":
                k += 1
            if k < n and body[k] == "\n":
                e = k + 1
            else:
                break
    return Edit(pointer="/body", start=start, end=e, replacement="")


def _title_words(title: str) -> list[str]:
    return _WORD.findall(title.lower())


def _prefix_match(words: list[str], text: str) -> tuple[int, int, str] | None:
    """Does ``text`` start with ``words``? → ``(start, end, how)``.

    ``how`` is ``standalone`` (nothing else follows), ``glued`` (the next
    word follows with no space: ``enthusiastsThe``, ``Million?The``) or
    ``spaced`` (a space, then a capitalised word: a new sentence).
    """
    k = len(words)
    n = 0
    first = -1
    for m in _WORD.finditer(text):
        if first < 0:
            if text[: m.start()].strip(" \t\"'“‘«(*_#>-"):
                return None
            first = m.start()
        w = m.group()
        want = words[n]
        if n < k - 1:
            if w.lower() != want:
                return None
            n += 1
            continue
        if w.lower() == want:
            end = m.end()
            if not _WORD.search(text, end):
                return first, len(text.rstrip()), "standalone"
            j = end
            while j < len(text) and not text[j].isspace() and not text[j].isalnum():
                j += 1
            if text[j:j + 1].isupper():
                return first, j, "glued"
            if j == end and text[end:end + 1].isspace() and text[end:].lstrip()[:1].isupper():
                return first, end, "spaced"
            return None
        cut = len(want)
        if w[:cut].lower() == want and w[cut:cut + 1].isupper():
            return first, m.start() + cut, "glued"
        return None
    return None


def _squeeze(key: str) -> str:
    """Runs of spaces, tabs, no-break spaces and line breaks as one space (cheap when there are none)."""
    if "  " in key or "\t" in key or "\u00a0" in key or "\n" in key:
        return " ".join(key.split())
    return key


def _may_repeat(low: str) -> bool:
    """Can any sentence repeat? A repeated sentence repeats every piece of it
    between two stops (or line breaks), so when no piece of 10 characters or
    more repeats, no sentence does: one C-level split per article instead of
    cutting every sentence, which most articles never need."""
    pieces = [piece.strip(_PIECE_STRIP) for piece in _PIECES.split(low) if len(piece) >= 10]
    return len(set(pieces)) < len(pieces)


def _list_items(doc: Document, paras: list[Para]) -> set[int]:
    """Paragraphs that are list items: marked ones, definition-list entries
    (``term`` / ``: definition``), cells of an HTML table, and unmarked ones
    that an extractor flattened, recognised as a short unpunctuated line next
    to another one (a run of feature bullets or of related headlines)."""
    body = doc.body
    out = {i for i, p in enumerate(paras) if p.kind == "list" or _BULLET.match(body, p.start, p.end)}
    if doc.markup == "markdown":
        if _DEFINITION.search(body):  # one search; most bodies have no definition list
            out.update(i for i, p in enumerate(paras) if _DEFINITION.search(body, p.start, p.end))
        if "<" in body and _TABLE_TAG.search(body):
            out.update(_table_cells(doc, paras))
    short = [len(p.text) <= _ITEM_MAX_CHARS and p.text.rstrip().rstrip(_CLOSING)[-1:] not in _SENTENCE_END
             for p in paras]
    for i, flag in enumerate(short):
        if flag and ((i > 0 and short[i - 1]) or (i + 1 < len(short) and short[i + 1])):
            out.add(i)
    return out


class _CodeText:
    """Each paragraph's folded text with its inline code put back (``compare_text``).

    Copies are found on the prose view first; only paragraphs that match
    there are compared again with their code, so articles without repeats
    never pay for it. ``code(i)`` has the same length as ``lows[i]``.
    """

    def __init__(self, doc: Document, paras: list[Para], lows: list[str]) -> None:
        self._doc, self._paras, self._lows = doc, paras, lows
        self._active = doc.markup == "markdown" and "`" in doc.body
        self._done: dict[int, str] = {}

    def __call__(self, i: int) -> str:
        if not self._active:
            return self._lows[i]
        got = self._done.get(i)
        if got is None:
            p = self._paras[i]
            got = self._lows[i]
            if self._doc.body.find("`", p.start, p.end) >= 0:
                text = compare_text(self._doc, p)
                if text is not p.text:
                    folded = text.lower()
                    got = folded if len(folded) == len(text) else text
            self._done[i] = got
        return got

    def regroup(self, members: list, key) -> list[list]:
        """``members`` (alike in the prose view) split by ``key(member)`` on this text."""
        if not self._active:
            return [members]
        groups: dict[str, list] = {}
        for m in members:
            groups.setdefault(key(m), []).append(m)
        return list(groups.values())


def _table_cells(doc: Document, paras: list[Para]) -> set[int]:
    """Paragraphs inside an HTML ``<table>`` of a Markdown body: cells, which
    repeat row after row ("Included by default") as a table's cells do."""
    depth = 0
    inside: set[int] = set()  # body line indices within a table
    for ln in doc.lines:
        raw = doc.body[ln.start:ln.end]
        if depth:
            inside.add(ln.index)
        if "<" in raw:
            for m in _TABLE_TAG.finditer(raw):
                depth = max(0, depth + (-1 if m.group(1) else 1))
            if depth:
                inside.add(ln.index)
    return {i for i, p in enumerate(paras) if p.line in inside}


def _sections(paras: list[Para], code: "_CodeText") -> list[str | None] | None:
    """For each paragraph, the heading it sits under (its folded text, code
    included: "Example `tweet`" and "Example `vimeo`" differ), or ``None``
    before the first heading; ``None`` for a body without headings."""
    if not any(p.kind == "heading" for p in paras):
        return None
    out: list[str | None] = []
    current = None
    for i, p in enumerate(paras):
        if p.kind == "heading":
            current = _squeeze(code(i).strip())
        out.append(current)
    return out


def _parallel(members, sections) -> bool:
    """Copies that each sit under their own heading, all headings different:
    a reference page saying the same thing for each option or platform
    ("This installs the extended edition." under Snap, Homebrew, Scoop), or a
    tutorial restating a step. Copies in one section, a copy in the lede, or
    two sections under the same heading (a section pasted twice) still count."""
    if sections is None:
        return False
    heads = [sections[i] for i in members]
    return None not in heads and len(set(heads)) == len(heads)


class RepeatCheck(Check):
    """NL501–NL503: repeats inside one article, sharing one cut into paragraphs."""

    rules = (REPEATED_PARAGRAPH, REPEATED_SENTENCE, TITLE_IN_BODY)
    Options = RepeatOptions

    def check(self, doc, ctx) -> Iterator[Hit]:
        paras = paragraphs(doc)
        if len(paras) < 2 and not doc.article.title:
            return
        opts: RepeatOptions = ctx.opts(self)
        low = doc.prose.lower()
        if len(low) == len(doc.prose):  # one lower() for the article, sliced per paragraph
            lows = [low[p.start:p.end] for p in paras]
        else:  # a character whose lowercase is longer (İ): offsets would shift
            lows = [p.text.lower() for p in paras]
        claimed: set[int] = set()  # paragraphs already reported whole (NL503)
        if ctx.is_enabled("NL503"):
            yield from self._titles(doc, paras, lows, opts, claimed)
        items = set() if opts.list_items else _list_items(doc, paras)
        # headings are the page's structure ("Example" under every function), not prose
        items.update(i for i, p in enumerate(paras) if p.kind == "heading")
        code = _CodeText(doc, paras, lows)
        sections = _sections(paras, code)
        copies: set[int] = set()  # later copies of a whole paragraph, reported or not
        yield from self._paragraphs(doc, paras, lows, code, items, sections, opts, claimed, copies,
                                    ctx.is_enabled("NL501"))
        if ctx.is_enabled("NL502") and _may_repeat(low):
            yield from self._sentences(doc, paras, lows, code, items, sections, opts, claimed | copies)

    # -- NL501 ---------------------------------------------------------------

    def _paragraphs(self, doc, paras, lows, code, items, sections, opts, claimed, copies,
                    report) -> Iterator[Hit]:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(paras):
            if i in claimed or i in items:
                continue
            groups[_squeeze(lows[i].strip())].append(i)
        alike = [g for members in groups.values() if len(members) > 1
                 for g in code.regroup(members, lambda i: _squeeze(code(i).strip()))]
        for members in alike:
            if len(members) < 2:
                continue
            copies.update(members[1:])
            if (not report or _words(paras[members[0]].text) < opts.min_paragraph_words
                    or _parallel(members, sections)):
                continue
            where = _where(doc, paras[members[0]].start)
            for i in members[1:]:
                p = paras[i]
                yield Hit(
                    "NL501",
                    f"paragraph repeated: the same text is at {where} "
                    f"({len(members)} copies in this article)",
                    start=p.start, end=p.end,
                    fix=Fix(message="delete this copy", applicability="unsafe",
                            edits=(_delete_block(doc.body, p.start, p.end),)),
                )

    # -- NL502 ---------------------------------------------------------------

    def _sentences(self, doc, paras, lows, code, items, sections, opts, skip) -> Iterator[Hit]:
        todo = [i for i in range(len(paras)) if i not in skip and i not in items]
        occurrences: dict[str, list[tuple[int, int, int, bool]]] = defaultdict(list)
        for i in todo:
            p = paras[i]
            spans = sentence_spans(p.text)
            alone = len(spans) == 1
            for s, e in spans:
                occurrences[_squeeze(lows[i][s:e])].append((i, p.start + s, p.start + e, alone))
        reported: list[tuple[int, int, int, int, int]] = []  # para, start, end, original, copies

        def with_code(o) -> str:
            at = paras[o[0]].start
            return _squeeze(code(o[0])[o[1] - at:o[2] - at])

        alike = [g for occ in occurrences.values() if len(occ) > 1
                 for g in code.regroup(occ, with_code)]
        for occ in alike:
            if len(occ) < 2 or _words(doc.prose[occ[0][1]:occ[0][2]]) < opts.min_sentence_words:
                continue
            if _parallel([o[0] for o in occ], sections):
                continue
            alone = [o for o in occ if o[3]]
            inside = [o for o in occ if not o[3]]
            if alone and inside:
                original = inside[0]
                repeats = alone + inside[1:]
            else:
                original, repeats = occ[0], occ[1:]
            for o in repeats:
                reported.append((o[0], o[1], o[2], original[1], len(occ)))
        reported.sort()
        # consecutive repeated sentences of one paragraph make one finding
        merged: list[list] = []
        for para, s, e, orig, count in reported:
            if merged and merged[-1][0] == para and not doc.prose[merged[-1][2]:s].strip():
                merged[-1][2] = e
                merged[-1][4] += 1
            else:
                merged.append([para, s, e, orig, 1, count])
        for para, s, e, orig, n, count in merged:
            p = paras[para]
            what = "sentence" if n == 1 else f"{n} sentences"
            times = f" ({count} copies in this article)" if count > 2 else ""
            whole = s == p.start + (len(p.text) - len(p.text.lstrip())) and not doc.prose[e:p.end].strip()
            edit = (_delete_block(doc.body, p.start, p.end) if whole
                    else Edit(pointer="/body", start=s, end=min(e + 1, p.end) if doc.body[e:e + 1] == " " else e,
                              replacement=""))
            yield Hit(
                "NL502",
                f"{what} repeated from {_where(doc, orig)}{times}",
                start=s, end=e,
                fix=Fix(message=f"delete the repeated {what}", applicability="unsafe", edits=(edit,)),
            )

    # -- NL503 ---------------------------------------------------------------

    def _titles(self, doc, paras, lows, opts, claimed) -> Iterator[Hit]:
        title = (doc.article.title or "").strip()
        variants: list[list[str]] = []
        if title:
            for cand in (title, max(_SITE_SUFFIX.split(title), key=len)):
                words = _title_words(cand)
                if len(words) >= opts.min_title_words and words not in variants:
                    variants.append(words)
        # the first word of each paragraph rules most pairs out cheaply
        firsts = []
        for low in lows:
            m = _WORD.match(low, len(low) - len(low.lstrip(_LEAD_STRIP)))
            firsts.append(m.group() if m else "")
        first_line: Para | None = None  # the title standing alone, the first time
        for i, p in enumerate(paras):
            found = None
            for words in variants:
                if firsts[i].startswith(words[0]):
                    found = _prefix_match(words, p.text)
                    if found is not None:
                        break
            if found is None:
                if i > 0 and firsts[i - 1] and firsts[i].startswith(firsts[i - 1]):
                    hit = self._heading_repeat(doc, paras[i - 1], p, opts)
                    if hit is not None:
                        yield hit
                continue
            s, e, how = found
            if how == "spaced" and len(_title_words(p.text[s:e])) < _SPACED_MIN_WORDS:
                continue
            if how != "standalone":
                yield self._glued_hit(doc, p, s, e, how, "the article's title")
            elif first_line is None:
                first_line = p
            else:
                claimed.add(i)
                yield Hit(
                    "NL503", f"the article's title is repeated as a line of the body "
                             f"(first at {_where(doc, first_line.start)})",
                    start=p.start + s, end=p.end,
                    fix=Fix(message="delete the repeated title", applicability="unsafe",
                            edits=(_delete_block(doc.body, p.start, p.end),)))

    def _heading_repeat(self, doc, prev: Para, p: Para, opts) -> Hit | None:
        """The paragraph starts with the heading (short line) right above it."""
        text = prev.text.strip()
        if not text or len(text) > 300 or text[-1] in ".,;:":
            return None
        words = _title_words(text)
        if not (opts.min_title_words <= len(words) <= _HEADING_MAX_WORDS):
            return None
        m = _prefix_match(words, p.text)
        if m is None or m[2] == "standalone":
            return None
        s, e, how = m
        if how == "spaced" and len(words) < _SPACED_MIN_WORDS:
            return None
        title_words = _title_words(doc.article.title or "")
        what = "the article's title" if words == title_words else f"the heading on {_where(doc, prev.start)}"
        return self._glued_hit(doc, p, s, e, how, what)

    @staticmethod
    def _glued_hit(doc, p: Para, s: int, e: int, how: str, what: str) -> Hit:
        start, end = p.start + s, p.start + e
        if how == "glued":
            message = f"{what} is repeated at the start of this paragraph, glued to its first sentence"
            fix = None
            if doc.body[start:end] == doc.prose[start:end]:
                fix = Fix(message="remove the glued copy of the title", applicability="safe",
                          edits=(Edit(pointer="/body", start=start, end=end, replacement=""),))
        else:
            message = f"{what} is repeated at the start of this paragraph"
            stop = end
            while stop < p.end and doc.body[stop] in " \t":
                stop += 1
            fix = Fix(message="remove the repeated title", applicability="unsafe",
                      edits=(Edit(pointer="/body", start=start, end=stop, replacement=""),))
        return Hit("NL503", message, start=start, end=end, fix=fix)


CHECKS: list[Check] = [RepeatCheck()]
CORPUS_CHECKS: list[CorpusCheck] = [CorpusDuplicateCheck()]

__all__ = ["CHECKS", "CORPUS_CHECKS", "NEAR_DUPLICATE", "PASTED_ARTICLE"]
