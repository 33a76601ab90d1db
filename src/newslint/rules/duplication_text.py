"""Paragraphs and sentences, cut the same way by every NL5xx check.

The per-article checks cut a body into paragraphs and sentences; the corpus
signature cuts it again, and cuts it a third time when the engine re-reads
one article to locate a finding (signatures keep sentence indices, not
offsets), so the cutting is deterministic: same document, same indices.

- A *paragraph* is a block of the body: one line of a plain body (scrapes
  and JSON bodies keep one block per line), a run of prose lines of a
  Markdown body (hard-wrapped paragraphs), a heading, or one list item.
  Code and tables are not paragraphs.
- A *sentence* ends at ``.!?…`` followed by a space and a word that is not
  lowercase (``Mr.``, ``U.S.`` and ``No.`` do not end one), at a CJK full
  stop, and at punctuation glued to a capital (``payments."Photo``), where
  a scraper dropped a line break. The corpus signature also cuts at glued
  headings (``settlement timeThe``), found by the tokenizer in
  ``newslint/minhash.py``, which keeps sentences comparable across articles
  when one copy lost its line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document

_STOP = re.compile(r"[.!?…。！？]")
_STOPS = frozenset(".!?…。！？")
_CJK_STOPS = frozenset("。！？")
_CLOSERS = frozenset("\"'”’»)]」』）")
_BEFORE_GLUE = frozenset("%\"”’)")


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: ``[start, end)`` in the body, its prose text and kind."""

    start: int
    end: int
    text: str
    kind: str
    line: int  # body line index (0-based) of its first line


_LIST_ITEM = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])[ \t]")


def paragraphs(doc: Document) -> list[Para]:
    """The body's paragraphs, in order."""
    out: list[Para] = []
    body, lines = doc.body, doc.lines
    if doc.markup != "markdown":
        for ln in lines:
            if ln.kind != "blank" and ln.text.strip():
                out.append(Para(ln.start, ln.end, ln.text, "text", ln.index))
        return out
    run: list = []

    def flush() -> None:
        if run:
            first, last = run[0], run[-1]
            text = doc.prose[first.start:last.end]
            out.append(Para(first.start, last.end, text, first.kind, first.index))
            run.clear()

    for ln in lines:
        kind = ln.kind
        if kind in ("blank", "code", "table") or not ln.text.strip():
            flush()
            continue
        if kind == "heading":
            flush()
            out.append(Para(ln.start, ln.end, ln.text, kind, ln.index))
            continue
        if run and (run[-1].kind != kind or (kind == "list" and _LIST_ITEM.match(body[ln.start:ln.end]))):
            flush()
        run.append(ln)
    flush()
    return out


#: an inline code span of a Markdown line (as the prose view masks it)
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def compare_text(doc: Document, para: Para) -> str:
    """The paragraph's prose with the words of its inline code put back.

    The prose view blanks code, so "The default is `Box`." and "The default
    is `Smart`." would read alike; for telling copies apart, the option a
    sentence names is part of what it says. Same length as ``para.text``,
    so sentence offsets still hold.
    """
    if doc.markup != "markdown":
        return para.text
    raw = doc.body[para.start:para.end]
    if "`" not in raw:
        return para.text
    text = para.text
    parts: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(raw):
        s, e = m.span(2)
        if text[s:e].strip():  # not masked: not a code span of the prose view
            continue
        parts.append(text[pos:s])
        parts.append(raw[s:e].replace("\n", " "))
        pos = e
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _abbreviation(text: str, dot: int, floor: int) -> bool:
    """``U.S.``, ``Mr.``, ``No.``, ``J.``: a period that does not end a sentence."""
    j = dot
    while j > floor and text[j - 1].isalpha():
        j -= 1
    word = text[j:dot]
    if len(word) == 1:
        return True
    return 2 <= len(word) <= 3 and word[0].isupper() and word[1:].islower()


def sentence_spans(text: str, cuts=()) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of ``text``, whitespace trimmed.

    A sentence ends at ``.!?…`` (and closing quotes) followed by a space and
    a word that is not lowercase, unless the period closes an abbreviation;
    at a CJK full stop; and at ``.!?`` glued to a capital (``payments."Photo``).
    ``cuts`` adds more ends (sorted offsets), such as glued headings found by
    :class:`newslint.minhash.Tokens`. One regex pass for the candidates; the
    decisions are plain comparisons, because a regex with look-arounds is
    several times slower here.
    """
    n = len(text)
    ends: list[int] = []
    begin = 0
    pos = 0
    for m in _STOP.finditer(text):
        i = m.start()
        if i < pos:
            continue
        j = i + 1
        while j < n and (text[j] in _STOPS or text[j] in _CLOSERS):
            j += 1
        pos = j
        if text[i] in _CJK_STOPS:
            ends.append(j)
            begin = j
            continue
        if j >= n:
            continue
        nxt = text[j]
        if nxt.isspace():
            k = j + 1
            while k < n and text[k].isspace():
                k += 1
            if k < n and text[k].islower():
                continue
            if j == i + 1 and text[i] == "." and _abbreviation(text, i, begin):
                continue
        elif not (nxt.isupper() and i > 0 and text[i] != "…"
                  and (text[i - 1].islower() or text[i - 1].isdigit() or text[i - 1] in _BEFORE_GLUE)):
            continue
        ends.append(j)
        begin = j
    if cuts:
        ends = sorted(set(ends).union(cuts))
    out = []
    start = 0
    for end in [*ends, n]:
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        start = end
    return out
