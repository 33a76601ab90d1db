"""Shared machinery of the line-level residue rules: lexicon programs and line shape.

The residue lexicons (``rules/ui-residue.*.yaml``, ``rules/metadata-strips.*.yaml``)
are many small lexicons. Asking RE2 about each of them for every line would
cost a Python→RE2 round trip per lexicon per line, so for one language they
are compiled into three union programs with a named group per lexicon:

- ``line``: is the whole line one phrase of ``ui-chrome``, ``ui-chrome-context``,
  ``teaser-markers`` or ``ui-tag-labels``? (one ``match`` per short line)
- ``inline``: does a short line hold a banner phrase, a widget label or a
  byline lead? (one ``search`` per line of at most a few hundred characters)
- ``meta``: the date, time, zone and label tokens of a short line with a digit
  (capture-free: only spans are needed, and whether a date anchor is among them).

A language's lexicons are merged with the English ones, because much
interface text on other-language sites is English ("HOME", "Copyright ©").
Programs are built once per (pack set, language) and kept in a small cache;
nothing here holds per-article state.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from collections import OrderedDict
from dataclasses import dataclass

import re2

from ..lazyre import LazyPattern
from ..packs import Lexicon

LINE_LEXICONS = ("ui-chrome", "ui-chrome-context", "teaser-markers", "ui-tag-labels", "toc-headings",
                 "comment-headers")
INLINE_LEXICONS = ("ui-chrome-phrases", "ui-chrome-labels", "byline-leads", "caption-marks")
META_LEXICONS = ("date-anchors", "time-zones", "meta-words", "date-fillers")
#: looked up only on short lines that may be a byline without a lead ("Jane Doe, Staff Writer")
ROLE_LEXICONS = ("byline-roles",)
#: the opening of an author's bio box ("Jane Doe is a …", "I am a …"), checked on a
#: few lines at the edges of the body, with a byline role after it
BIO_LEXICONS = ("author-bio",)
#: wire services and photo agencies, read from the credits pack (NL3xx owns them):
#: a caption ends in one ("… in Columbia, S.C. (AP)")
AGENCY_LEXICON = "credit-agencies"

# Decoration allowed around a line-anchored phrase ("» Read more", "Share ›").
_DECOR = r"[\s\pP\pS]*"
_DECOR_LINE = r"[^\n\pL\pN\pM]*"  # the same, within one line of a whole body


def _alternation(lex: Lexicon, multiline: bool = False) -> str:
    alts = [re2.escape(p) for p in sorted(lex.phrases, key=len, reverse=True)]
    for p in lex.patterns:
        if multiline and p.startswith("^"):
            # over a whole body, "^" is a line start, and the prose view may
            # indent a line where Markdown markers were blanked
            p = r"^[\t \x{a0}\x{3000}]*" + p[1:]
        alts.append(f"(?:{p})")
    body = "|".join(alts) or "(?!)"
    return body if lex.case_sensitive else f"(?i:{body})"


def _options(longest: bool = False, capture: bool = True):
    opts = re2.Options()
    opts.max_mem = 64 << 20
    opts.log_errors = False
    # leftmost-longest: "2019" is one year, not "20" then "19"; "Last updated" beats "updated"
    opts.longest_match = longest
    # Without captures RE2 answers from its DFA alone; asking for group spans
    # makes it run a slower engine on big programs, so a capture-free twin
    # screens each line first.
    opts.never_capture = not capture
    return opts


def _union(parts: dict[str, list[Lexicon]], wrap: str, longest: bool = False,
           text_wrap: str | None = None, *, grouped: bool = True, screened: bool = True):
    """RE2 programs for the union of lexicons: ``(per line with a named group per
    lexicon (compiled on first use), capture-free over a whole body, the latter's source)``.
    ``wrap``/``text_wrap`` hold ``{}``. A program the caller does not want
    (``grouped``/``screened`` false) is not compiled and comes back as None:
    each big union costs ~15 ms of start-up to compile."""
    groups, plain, names = [], [], []
    for i, (name, lexicons) in enumerate(parts.items()):
        lexicons = [lex for lex in lexicons if lex.phrases or lex.patterns]
        if not lexicons:
            continue
        groups.append(f"(?P<g{i}>{'|'.join(_alternation(lex) for lex in lexicons)})")
        plain.append("|".join(_alternation(lex, multiline=True) for lex in lexicons))
        names.append((f"g{i}", name))
    if not groups:
        groups, plain = ["(?P<none>(?!))"], ["(?!)"]
    program = GroupedProgram(wrap.format("|".join(groups)), longest, names) if grouped else None
    source = (text_wrap or wrap).format("|".join(plain))
    screen = re2.compile(source, _options(longest, capture=False)) if screened else None
    return program, screen, source


class GroupedProgram:
    """A union with a named group per lexicon, compiled the first time a line needs it.

    Rules ask it only about lines that a capture-free screen has marked, and
    in a clean article there are none: its ~15 ms of RE2 compilation is then
    not spent at all, which matters for ``newslint check one.md``.
    """

    __slots__ = ("_source", "_longest", "_names", "_compiled")

    def __init__(self, source: str, longest: bool, names: list[tuple[str, str]]) -> None:
        self._source, self._longest, self._names = source, longest, names
        self._compiled: tuple[object, list[tuple[int, str]]] | None = None

    def get(self) -> tuple[object, list[tuple[int, str]]]:
        """``(program, [(group index, lexicon name)])``."""
        if self._compiled is None:
            program = re2.compile(self._source, _options(self._longest))
            self._compiled = program, [(program.groupindex[g], name) for g, name in self._names]
        return self._compiled


@dataclass
class Programs:
    """The compiled residue programs for one language."""

    line: GroupedProgram
    line_screen: object  # over many lines at once, capture-free
    inline: GroupedProgram
    inline_screen: object  # over many lines at once, capture-free
    meta: object  # all strip tokens, capture-free
    anchor: object  # date anchors only, capture-free
    role: object  # byline roles and affiliations, capture-free
    agencies: frozenset[str]  # agency names as written in credits ("AP", "Getty Images")
    agency_tails: frozenset[str]  # their last words ("Images"), and "file": a cheap first test
    bio: object  # the opening of an author bio, anchored at the line start

    def screen(self, lines, line_max: int, inline_max: int, prose: str | None = None) -> tuple[set[int], set[int]]:
        """The indices of lines that may be a line-lexicon phrase or name a byline
        role (among those of at most ``line_max`` characters), and of lines that hold
        an inline phrase (among those of at most ``inline_max``).

        One RE2 pass per lexicon set over the joined candidate lines instead of two
        calls per line; rules then ask :meth:`match_line` and :meth:`search_inline`
        only about these lines. A paragraph longer than the limits is not scanned:
        no rule would look it up. ``prose`` is ``"\\n".join`` of all the lines'
        texts when the caller has it (a body's prose view).
        """
        texts = [line.text for line in lines]
        short = [i for i, t in enumerate(texts) if 0 < len(t) <= line_max]
        chrome = self._hits(self.line_screen, [texts[i] for i in short], short) if short else set()
        if max(map(len, texts), default=0) <= inline_max:
            return chrome, self._hits(self.inline_screen, texts, None, prose)
        some = [i for i, t in enumerate(texts) if 0 < len(t) <= inline_max]
        return chrome, self._hits(self.inline_screen, [texts[i] for i in some], some) if some else set()

    def screen_inline(self, texts: list[str]) -> set[int]:
        """The indices of ``texts`` that may hold an inline phrase."""
        return self._hits(self.inline_screen, texts, None) if texts else set()

    @staticmethod
    def _hits(program, texts: list[str], index: list[int] | None, joined: str | None = None) -> set[int]:
        text = "\n".join(texts) if joined is None else joined
        data = _utf8(text)
        offsets = [spans[0][0] for spans in _matches(program, data)]
        if not offsets:
            return set()  # most bodies: nothing to map
        sizes = map(len, texts)
        if len(data) != len(text):  # not ASCII: byte offsets (ascending) to character offsets
            try:
                chars, pos, done = [], 0, 0
                for offset in offsets:
                    pos += len(data[done:offset].decode("utf-8", "surrogatepass"))
                    done = offset
                    chars.append(pos)
                offsets = chars
            except UnicodeDecodeError:  # an offset inside a character: count the lines in bytes
                sizes = (len(_utf8(t)) for t in texts)
        starts = list(accumulate((size + 1 for size in sizes), initial=0))
        bisect_right = bisect.bisect_right
        found = {bisect_right(starts, pos) - 1 for pos in offsets}
        return found if index is None else {index[k] for k in found}

    def match_line(self, text: str) -> tuple[str, str] | None:
        """``(lexicon name, phrase)`` if the whole line is one phrase."""
        data = _utf8(text)
        program, groups = self.line.get()
        spans = _first(program, data, _ANCHOR_START)
        if spans is None:
            return None
        for idx, name in groups:
            start, end = spans[idx]
            if start >= 0:
                return name, data[start:end].decode("utf-8", "surrogatepass")
        return None

    def search_inline(self, text: str) -> tuple[str, int, int] | None:
        """First ``(lexicon name, start, end)`` of an inline phrase at word boundaries."""
        data = _utf8(text)
        program, groups = self.inline.get()
        for spans in _matches(program, data):
            for idx, name in groups:
                start, end = spans[idx]
                if start < 0:
                    continue
                start, end = _chars(text, data, start, end)
                if _bounded(text, start, end):
                    return name, start, end
                break
        return None

    def meta_tokens(self, text: str) -> list[tuple[int, int]]:
        """Spans of date, time, zone and strip-label tokens, at word boundaries
        (not the pieces of a version or a decimal number: "4.3.1", "2.0")."""
        data = _utf8(text)
        out = []
        for spans in _matches(self.meta, data):
            start, end = _chars(text, data, *spans[0])
            if _bounded(text, start, end) and not _in_number(text, start, end):
                out.append((start, end))
        return out

    def role_span(self, text: str) -> tuple[int, int] | None:
        """The first byline role or affiliation ("Staff Writer", "Associated Press") at word boundaries."""
        data = _utf8(text)
        for spans in _matches(self.role, data):
            start, end = _chars(text, data, *spans[0])
            if _bounded(text, start, end):
                return start, end
        return None

    def is_bio(self, text: str) -> bool:
        """The line opens like an author bio and names a byline role soon after."""
        data = _utf8(text)
        spans = _first(self.bio, data, _ANCHOR_START)
        if spans is None:
            return False
        opening = _chars(text, data, *spans[0])[1]
        span = self.role_span(text[:opening + 160])
        return span is not None and span[0] >= opening - 1

    def opens_or_closes_with_token(self, text: str) -> bool:
        """A strip token (a metadata word, a date word) opens or closes ``text``,
        whatever follows or precedes it: in scripts written without spaces a label
        runs on ("更新日時" opens with "更新日")."""
        data = _utf8(text)
        for spans in _matches(self.meta, data):
            start, end = spans[0]
            if start == 0 or end == len(data):
                return True
        return False

    def has_anchor(self, text: str) -> bool:
        """The text holds a date or time (a month name, a numeric date, a clock time)."""
        data = _utf8(text)
        for spans in _matches(self.anchor, data):
            start, end = _chars(text, data, *spans[0])
            if _bounded(text, start, end) and not _in_number(text, start, end):
                return True
        return False


# The RE2 binding's Python layer (``finditer``, match objects, offset
# translation) costs more than the scan itself on a short line; the screens and
# lookups call the compiled program directly with UTF-8 bytes and map the few
# byte offsets back themselves. The fallback keeps working if a future binding
# renames its internals.
try:
    _ANCHOR_START = re2._Anchor.ANCHOR_START
    _UNANCHORED = re2._Anchor.UNANCHORED
    re2.compile("a")._regexp.Match(_UNANCHORED, b"a", 0, 1)

    def _first(program, data: bytes, anchor=None, pos: int = 0):
        """The spans (whole match first, then each group) of the first match, or None."""
        spans = program._regexp.Match(_UNANCHORED if anchor is None else anchor, data, pos, len(data))
        return None if spans[0][0] < 0 else spans
except (AttributeError, TypeError, re2.error):  # pragma: no cover - another binding
    _ANCHOR_START = "start"
    _UNANCHORED = None

    def _first(program, data: bytes, anchor=None, pos: int = 0):
        m = (program.match if anchor == "start" else program.search)(data, pos)
        return None if m is None else [m.span(i) for i in range(program.groups + 1)]


def _matches(program, data: bytes):
    """The spans of each non-overlapping match, left to right."""
    pos, end = 0, len(data)
    while pos <= end:
        spans = _first(program, data, None, pos)
        if spans is None:
            return
        yield spans
        start, stop = spans[0]
        pos = stop if stop > start else stop + 1


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a broken escape
        return text.encode("utf-8", "surrogatepass")


def _chars(text: str, data: bytes, start: int, end: int) -> tuple[int, int]:
    """Byte offsets in ``data`` (``text`` as UTF-8) as character offsets in ``text``."""
    if len(data) == len(text):
        return start, end
    first = len(data[:start].decode("utf-8", "surrogatepass"))
    return first, first + len(data[start:end].decode("utf-8", "surrogatepass"))


def _bounded(text: str, start: int, end: int) -> bool:
    """The span does not cut a word: no letter or digit right before or after."""
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return False
    if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        return False
    return True


def _in_number(text: str, start: int, end: int) -> bool:
    """The span is part of a longer dotted number: a version ("4.3.1", "0.19.0") or a
    decimal ("2.0", "1,000"), not a date or a day. RE2 has no lookaround, so the
    characters next to the span are read here. A clock time stays one ("3.30pm")."""
    if not text[start:end].replace(".", "").replace(",", "").replace(" ", "").isdigit():
        return False  # "30pm", "Nov.": a word or a time, not a piece of a number
    if end < len(text) and text[end].isdigit() and text[end - 1] in ".,":
        return True  # "4.3." + "1"
    if end + 1 < len(text) and text[end] in ".," and text[end + 1].isdigit():
        return True  # "2" + ".0"
    return start >= 2 and text[start - 1] in ".," and text[start - 2].isdigit()  # "2." + "0"


class ProgramCache:
    """Programs per (pack set, language), built on first use; a few entries at most."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[int, str], tuple[object, Programs]] = OrderedDict()

    def get(self, ctx, lang: str | None) -> Programs:
        packs = ctx.packs
        base = (lang or "en").split("-")[0].lower() or "en"
        key = (id(packs), base)
        hit = self._entries.get(key)
        if hit is not None and hit[0] is packs:
            return hit[1]
        programs = build_programs(packs, base)
        self._entries[key] = (packs, programs)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return programs


def _lexicons(packs, name: str, base: str) -> list[Lexicon]:
    found = []
    for lang in (base, "en") if base != "en" else ("en",):
        try:
            lex = packs.get(name, lang)
        except KeyError:
            continue
        if all(lex is not f for f in found):
            found.append(lex)
    return found


def build_programs(packs, base: str) -> Programs:
    # Two screens, not one: the union of both sets is a DFA several times larger
    # and slower than the two together.
    line, _, line_source = _union(
        {n: _lexicons(packs, n, base) for n in LINE_LEXICONS}, rf"^{_DECOR}(?:{{}}){_DECOR}$",
        text_wrap=rf"^{_DECOR_LINE}(?:{{}}){_DECOR_LINE}$", screened=False)
    _, role, role_source = _union({n: _lexicons(packs, n, base) for n in ROLE_LEXICONS}, "{}", True,
                                  grouped=False)  # capture-free
    # The line screen also marks short lines that name a byline role, so a byline
    # without a lead ("Jane Doe, Staff Writer") is looked for only on those.
    line_screen = re2.compile(f"(?m)(?:{line_source})|(?:{role_source})", _options(capture=False))
    inline, inline_screen, _ = _union(
        {n: _lexicons(packs, n, base) for n in INLINE_LEXICONS}, "{}", True, text_wrap="(?m){}")
    meta = _union({n: _lexicons(packs, n, base) for n in META_LEXICONS}, "{}", True, grouped=False)[1]
    anchor = _union({"date-anchors": _lexicons(packs, "date-anchors", base)}, "{}", True, grouped=False)[1]
    bio = _union({n: _lexicons(packs, n, base) for n in BIO_LEXICONS}, "{}", False, grouped=False)[1]
    agencies = frozenset(p for lex in _lexicons(packs, AGENCY_LEXICON, base) for p in lex.phrases)
    tails = frozenset({a.rsplit(None, 1)[-1] for a in agencies} | {"file", "File", "FILE"})
    return Programs(line=line, line_screen=line_screen, inline=inline, inline_screen=inline_screen,
                    meta=meta, anchor=anchor, role=role, agencies=agencies, agency_tails=tails, bio=bio)



# --------------------------------------------------------------------- line shape

# East Asian wide characters: a CJK character carries about as much as a short
# word, so lengths are measured in "units" where a wide character counts 2.
_WIDE = LazyPattern(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   r"\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   r"\uffe0-\uffe6\U00020000-\U0003ffff]")
_CLOSERS = "\"'”’»«」』）)]】〕›>*_ \t\u00a0\u3000"
SENTENCE_END = frozenset(".!?…。！？‼⁇⁈⁉;؟।")
CONTINUATION_END = frozenset(",;:、，；：-–—")


def units(text: str) -> int:
    """Length in display units: wide (CJK) characters count two."""
    if text.isascii() or max(text) < "\u1100":  # no wide character can be in it
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def last_char(text: str) -> str:
    """The last character that is not a closing quote, bracket or space."""
    stripped = text.rstrip(_CLOSERS)
    return stripped[-1] if stripped else ""


def is_sentence(text: str) -> bool:
    return last_char(text) in SENTENCE_END


_NUMBERS = re.compile(r"\d+")
_CJK_MONTH = re.compile(r"\d{4}\s*[年년]\s*\d{1,2}\s*[月월]")


def month_only(text: str) -> bool:
    """A date no finer than a month: its only number is a year ("March 2020"), or
    a CJK year-month ("2019年11月"), or a numeric year-month ("2019-11")."""
    numbers = _NUMBERS.findall(text)
    if len(numbers) == 1:
        return len(numbers[0]) == 4
    if len(numbers) == 2 and len(numbers[0]) == 4 and len(numbers[1]) <= 2:
        return bool(_CJK_MONTH.search(text)) or re.fullmatch(r"\s*\d{4}[-/.]\d{1,2}\s*", text) is not None
    return False


def is_truncated(text: str) -> bool:
    """A teaser cut short: "The council voted to close the bridge after a..."."""
    stripped = text.rstrip(_CLOSERS)
    return stripped.endswith(("...", "…")) and not stripped.endswith(("....", "……"))


# A list marker at the start of a plain-text line: "- GPS", "• Over 30%", "3) Mix".
LIST_MARKER = re.compile(r"^\s*(?:[-*+•·▪▫●◦‣⁃–—►▶✓✔☐☑]\s|\(?\d{1,3}[.)]\s|\[\d{1,3}\]|\(?[a-zA-Z][.)]\s)")
def list_marker(text: str) -> bool:
    """``LIST_MARKER.match`` without the regex for the common case: a line that starts
    with a letter not followed by "." or ")" ("The council voted …")."""
    s = text.lstrip()
    if s[:1].isalpha() and s[1:2] not in (".", ")"):
        return False
    return LIST_MARKER.match(text) is not None


def unemphasized(text: str) -> str | None:
    """``text`` without the Markdown bold or italic markers around its opening words,
    as a reader sees it ("**Authors:** Jane Doe" → "Authors: Jane Doe", "**Autor**:
    X" → "Autor: X", "*By Jane Doe*" → "By Jane Doe"); None if it opens with none
    ("* item" and "***" are a list marker and a rule)."""
    for mark in ("**", "__", "*", "_"):
        if text.startswith(mark):
            break
    else:
        return None
    k = len(mark)
    if text[k:k + 1] in ("", " ", "\t", "*", "_"):
        return None
    close = text.find(mark, k)
    if close < 0 or close > 80:
        return None
    return text[k:close] + text[close + k:]


# Code and box-drawn tables pasted as text: "calculations_over_window", "n │ zscore".
CODE_OR_TABLE = re.compile(r"[│┃║]|\w_\w|\(\)")


def code_or_table(text: str) -> bool:
    """``CODE_OR_TABLE.search`` with cheap tests first (most lines hold none of it)."""
    if "()" in text:
        return True
    if "_" in text and CODE_OR_TABLE.search(text):
        return True
    return not text.isascii() and ("│" in text or "┃" in text or "║" in text)
DIGIT = re.compile(r"\d")
# "England (Group A): 10th appearance", "Price: $49" — a key and a short value.
KEY_VALUE = re.compile(r"^[^:：]{1,40}[:：]\s*\S")
URL_LINE = re.compile(r"^<?(?:https?://|www\.)\S+?>?$", re.IGNORECASE)
# A site's name standing alone: "example.com", "news.example.co.uk".
DOMAIN_LINE = re.compile(r"^(?:[a-z0-9-]+\.)+(?:com|org|net|info|biz|io|co|news|tv|me|gov|edu|"
                         r"uk|us|ca|au|in|de|fr|es|it|nl|ru|jp|cn|cz|pl|br|ar|mx)$", re.IGNORECASE)
# A link with a short label standing alone: "Download: https://…", "iTunes: https://…".
LABELLED_URL = re.compile(r"^[^\W\d_][\w .'’-]{0,24}:\s*(?:https?://|www\.)\S+$")
IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)(?:[?#]\S*)?>?$", re.IGNORECASE)
EMAIL_LINE = re.compile(r"^(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Contact lines: "Write to Jane Doe at jane@example.com", "Reach the reporter at …".
CONTACT = re.compile(r"^(?:Write to|Reach|Contact|E-?mail|Email)\b.{0,100}(?:@[\w-]+\.|https?://)", re.IGNORECASE)
# A strip label with a dangling separator: "Web3 & Enterprise·", "Markets |".
DANGLING = re.compile(r"^[^\s·|•/].{0,40}?(?<!:/)\s*[·|•/]$")  # not "http://"
STRIP_SEPARATORS = "·|•／/"
_LETTER = re.compile(r"[^\W\d_]")


_ASCII_DIGITS = "0123456789"


def has_digit(text: str) -> bool:
    """``DIGIT.search(text)``, without a regex scan for ASCII text (ten fast
    substring tests cost a tenth of a Python regex scan over a paragraph)."""
    if text.isascii():
        for ch in _ASCII_DIGITS:
            if ch in text:
                return True
        return False
    return DIGIT.search(text) is not None


def contains_any(text: str, ascii_chars: str, other_chars: str = "") -> bool:
    """Whether ``text`` holds one of the characters (substring tests, no regex)."""
    for ch in ascii_chars:
        if ch in text:
            return True
    if other_chars and not text.isascii():
        for ch in other_chars:
            if ch in text:
                return True
    return False


def has_letter(text: str) -> bool:
    return _LETTER.search(text) is not None


def starts_lower(text: str) -> bool:
    """First letter is lower case (in a script that has case)."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
    return False


# --------------------------------------------------------------------- labels, menus, captions

# A word of a Title Case label or name: "Most", "Read", "O'Brien", "Jr.", "W.", "&".
_TITLE_WORD = re.compile(r"^(?:[^\W\d_a-z][^\W\d_]*(?:['’.-][^\W\d_]+)*\.?|[^\W\d_]\.|&)$")
_SMALL_WORDS = frozenset("a an and at by de del der for from in la le of on or the to van von with".split())


def title_label(text: str) -> bool:
    """A short Title Case label or name: 1–4 words of a cased script, no digits, no
    sentence or clause punctuation ("Most Read", "Space", "Phil Helsel", "Davis Cup")."""
    if len(text) > 40 or text[-1] in _LABEL_ENDS or last_char(text) in SENTENCE_END:
        return False
    words = text.split()
    if len(words) > 4:
        return False
    for w in words:
        first = w[0]
        if not first.isupper() or first.lower() == first.upper():
            # lower case (unless a small word), a digit, a symbol or a script without case
            if w.casefold() in _SMALL_WORDS and w is not words[0] or w == "&":
                continue
            return False
        if not (w.isalpha() or _TITLE_WORD.match(w)):
            return False  # "7MP", "Wi-Fi," — a digit or a clause inside
    return True


_LABEL_ENDS = frozenset(",;:([")


def headline_like(text: str) -> bool:
    """A Title Case headline: three words or more, the last one and most of the longer
    ones capitalised, no sentence end ("The 11 Biggest Unanswered Questions About Dark
    Matter"); "Czech Republic (Group A): Seventh appearance" is an entry of a list."""
    if is_sentence(text):
        return False
    words = [w for w in text.split() if len(w) > 3 and has_letter(w)]
    if len(text.split()) < 3 or len(words) < 2 or starts_lower(text.split()[-1]):
        return False
    upper = sum(1 for w in words if w[0].isupper() or not w[0].isalpha())
    return upper * 4 >= len(words) * 3


# Menu items in one line: "Home | News | Sport | Weather", "Home › World › Europe".
MENU_SPLIT = re.compile(r"\s*(?:\||›|»|>>|\s>\s|\s/\s|·|•)\s*")


def menu_items(text: str) -> int:
    """How many menu items a one-line menu or breadcrumb holds (0 if it is not one).

    Items are short labels that are not sentences; at least four with ``|``, ``·`` or
    ``•`` between them, or three with a breadcrumb arrow (›, », >>, >, /) — the
    caller decides whether three are enough. A table row of figures ("Q1 | 120 |
    4.5%") is not a menu.
    """
    if len(text) > 300:
        return 0
    items = MENU_SPLIT.split(text.strip())
    if items and not items[0]:
        items = items[1:]  # a leading separator: "| Home | News"
    if items and not items[-1]:
        items = items[:-1]
    arrows = any(sep in text for sep in ("›", "»", ">>", " > "))
    if len(items) < (3 if arrows else 4):
        return 0
    numeric = 0
    for item in items:
        if not item or units(item) > 32 or len(item.split()) > 5 or is_sentence(item):
            return 0
        if not has_letter(item):
            return 0
        if DIGIT.search(item):
            numeric += 1
    return len(items) if numeric * 3 <= len(items) else 0


# The credit that ends a caption: "(AP)", "(Photo: Getty Images)", "(credit: NASA/Jane Doe)",
# "( JANE DOE/SCIENCE PHOTO LIBRARY)", "(example.com)"; after a sentence: "Getty",
# "Jane Doe / AP file", "Photograph by Jane Doe/AFP/Getty Images".
_CREDIT_LABEL = re.compile(r"^(?:Photo|Image|Picture|Photograph|Illustration|Credit)s?"
                           r"(?: [Cc]redits?| [Cc]ourtesy| [Ss]ource)? ?[:：]", re.IGNORECASE)
# "(Source: NASA)" is a credit when an agency follows; "(Source: company reports)" cites data
_SOURCE_LABEL = re.compile(r"^(?:Source|Sources|Quelle|Fuente|Fonte|Источник)\s?[:：]\s*", re.IGNORECASE)
_CAPS_CREDIT = re.compile(r"^[A-Z][A-Z .'’-]{1,40}/[A-Z][A-Z .'’-]{1,40}$")
# (a top-level domain is written in one case: "(example.com)", "(EXAMPLE.COM)", not
# "(strings.Title)", a function's name)
_DOMAIN = re.compile(r"^(?:[a-zA-Z0-9-]+\.)+(?:[a-z]{2,6}|[A-Z]{2,6})$")
_BY_TAIL = re.compile(r"(?:^|[.!?”\"’]\s*)((?:Photo|Photograph|Image|Picture)s? (?:by|courtesy of|via) "
                      r"[^.!?]{2,70})$")
_BY_HINT = re.compile(r"(?:Photo|Image|Picture)s?(?:graph)? (?:by|courtesy|via) ")


def by_credit_hint(text: str) -> bool:
    """The end of ``text`` may hold a "Photo by …" credit (a cheap test before _BY_TAIL)."""
    tail = text[-80:]
    return (("hoto" in tail or "mage" in tail or "icture" in tail)
            and ("by " in tail or "via " in tail or "courtesy" in tail) and _BY_HINT.search(tail) is not None)


_TAIL_SUFFIXES = (" file", " File", " FILE", " Photo", " photo", " Images", " via Getty Images")


def credit_tail(text: str, agencies: frozenset[str]) -> int:
    """Where a photo credit ending ``text`` starts, or -1 if it ends in none."""
    t = text.rstrip()
    if t.endswith(")"):
        start = t.rfind("(")
        if start <= 0:
            return -1
        inner = t[start + 1:-1].strip()
        if not inner or len(inner) > 90:
            return -1
        if _CREDIT_LABEL.match(inner) or _CAPS_CREDIT.match(inner) or _DOMAIN.match(inner):
            return start
        parts = [p.strip() for p in _SOURCE_LABEL.sub("", inner).split("/")]
        head = parts[0]
        for suffix in _TAIL_SUFFIXES:
            head = head.removesuffix(suffix)
        return start if head in agencies or parts[-1] in agencies else -1
    if by_credit_hint(t):
        m = _BY_TAIL.search(t)
        if m:
            return m.start(1)
    # "… of the drug. Getty", "…, 2019. Jane Doe / AP file", "…Austria.Jane Doe / Reuters file"
    body = t
    for suffix in _TAIL_SUFFIXES[:3]:
        body = body.removesuffix(suffix)
    slash = body.rfind("/")
    if slash >= 0:
        if len(body) - slash > 40 or body[slash + 1:].strip() not in agencies:
            return -1
        tail_from = max(0, slash - 40)
    else:
        # the agency is the last word or two ("… of the drug. Getty", "… Getty Images")
        tail_from = max(0, len(body) - 30)
        last_space = body.rfind(" ")
        if body[last_space + 1:] not in agencies and body[body.rfind(" ", 0, last_space) + 1:] not in agencies:
            return -1
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(body, tail_from, slash if slash >= 0 else len(body))]
    if not breaks:
        return -1
    start = breaks[-1]
    if slash < 0 and body[start:].strip() not in agencies:
        return -1
    return start


# The end of a sentence inside a caption line, before its credit: "drug. Getty", "2019.Jane"
# A line that starts as a credit ("Photo: …", "Image by …"): NL303 reports it, captions too.
CREDIT_LEAD = re.compile(r"^(?:Photo|Image|Picture|Photograph|Illustration|Credit|Source)s?"
                         r"(?: [Cc]redits?| [Cc]ourtesy| [Ss]ource)? ?(?:[:：]|by\b|via\b|courtesy\b)", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9)”\"’])[.!?] ?(?=[A-Z©])")
