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
from collections import OrderedDict
from dataclasses import dataclass

import re2

from ..packs import Lexicon

LINE_LEXICONS = ("ui-chrome", "ui-chrome-context", "teaser-markers", "ui-tag-labels", "toc-headings")
INLINE_LEXICONS = ("ui-chrome-phrases", "ui-chrome-labels", "byline-leads")
META_LEXICONS = ("date-anchors", "time-zones", "meta-words", "date-fillers")

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
           text_wrap: str | None = None):
    """RE2 programs for the union of lexicons: ``(per line with a named group per
    lexicon, capture-free over a whole body)``. ``wrap``/``text_wrap`` hold ``{}``."""
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
    program = re2.compile(wrap.format("|".join(groups)), _options(longest))
    screen = re2.compile((text_wrap or wrap).format("|".join(plain)), _options(longest, capture=False))
    index = [(program.groupindex[g], name) for g, name in names]
    return program, screen, index


@dataclass
class Programs:
    """The compiled residue programs for one language."""

    line: object
    line_screen: object  # over a whole body
    line_groups: list[tuple[int, str]]
    inline: object
    inline_screen: object  # over a whole body
    inline_groups: list[tuple[int, str]]
    meta: object  # all strip tokens, capture-free
    anchor: object  # date anchors only, capture-free

    def screen(self, lines) -> tuple[set[int], set[int]]:
        """One pass of each screen over the whole body: the indices of lines that
        may be a line-lexicon phrase, and of lines that hold an inline phrase.

        Two RE2 calls per article instead of two per line; rules then ask
        :meth:`match_line` and :meth:`search_inline` only about these lines.
        The body goes in as UTF-8 bytes (the binding's offset translation is
        the slow part); matches are mapped to lines by byte offset.
        """
        encoded = [line.text.encode("utf-8", "surrogatepass") for line in lines]
        starts, pos = [], 0
        for chunk in encoded:
            starts.append(pos)
            pos += len(chunk) + 1
        text = b"\n".join(encoded)
        chrome = {bisect.bisect_right(starts, m.start()) - 1 for m in self.line_screen.finditer(text)}
        phrase = {bisect.bisect_right(starts, m.start()) - 1 for m in self.inline_screen.finditer(text)}
        return chrome, phrase

    def match_line(self, text: str) -> tuple[str, str] | None:
        """``(lexicon name, phrase)`` if the whole line is one phrase."""
        m = self.line.match(_fast(text))
        if m is None:
            return None
        for idx, name in self.line_groups:
            start, end = m.span(idx)
            if start >= 0:
                return name, text[start:end] if text.isascii() else m.group(idx)
        return None

    def search_inline(self, text: str) -> tuple[str, int, int] | None:
        """First ``(lexicon name, start, end)`` of an inline phrase at word boundaries."""
        for m in self.inline.finditer(_fast(text)):
            for idx, name in self.inline_groups:
                start, end = m.span(idx)
                if start < 0:
                    continue
                if _bounded(text, start, end):
                    return name, start, end
                break
        return None

    def meta_tokens(self, text: str) -> list[tuple[int, int]]:
        """Spans of date, time, zone and strip-label tokens, at word boundaries."""
        return [m.span() for m in self.meta.finditer(_fast(text)) if _bounded(text, *m.span())]

    def has_anchor(self, text: str) -> bool:
        """The text holds a date or time (a month name, a numeric date, a clock time)."""
        return any(_bounded(text, *m.span()) for m in self.anchor.finditer(_fast(text)))


def _fast(text: str):
    """ASCII text as bytes: the RE2 binding then skips its offset translation, and
    byte offsets are character offsets."""
    return text.encode("ascii") if text.isascii() else text


def _bounded(text: str, start: int, end: int) -> bool:
    """The span does not cut a word: no letter or digit right before or after."""
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return False
    if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        return False
    return True


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
    line = _union({n: _lexicons(packs, n, base) for n in LINE_LEXICONS}, rf"^{_DECOR}(?:{{}}){_DECOR}$",
                  text_wrap=rf"(?m)^{_DECOR_LINE}(?:{{}}){_DECOR_LINE}$")
    inline = _union({n: _lexicons(packs, n, base) for n in INLINE_LEXICONS}, "{}", True, text_wrap="(?m){}")
    meta = _union({n: _lexicons(packs, n, base) for n in META_LEXICONS}, "{}", True)[1]
    anchor = _union({"date-anchors": _lexicons(packs, "date-anchors", base)}, "{}", True)[1]
    return Programs(*line, *inline, meta, anchor)


# --------------------------------------------------------------------- line shape

# East Asian wide characters: a CJK character carries about as much as a short
# word, so lengths are measured in "units" where a wide character counts 2.
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   r"\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   r"\uffe0-\uffe6\U00020000-\U0003ffff]")
_CLOSERS = "\"'”’»«」』）)]】〕›>*_ \t\u00a0\u3000"
SENTENCE_END = frozenset(".!?…。！？‼⁇⁈⁉;؟।")
CONTINUATION_END = frozenset(",;:、，；：-–—")


def units(text: str) -> int:
    """Length in display units: wide (CJK) characters count two."""
    if text.isascii():
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
# Code and box-drawn tables pasted as text: "calculations_over_window", "n │ zscore".
CODE_OR_TABLE = re.compile(r"[│┃║]|\w_\w|\(\)")
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
DANGLING = re.compile(r"^[^\s·|•/].{0,40}?\s*[·|•/]$")
STRIP_SEPARATORS = "·|•／/"
_LETTER = re.compile(r"[^\W\d_]")


def has_letter(text: str) -> bool:
    return _LETTER.search(text) is not None


def starts_lower(text: str) -> bool:
    """First letter is lower case (in a script that has case)."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
    return False
