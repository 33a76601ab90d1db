"""NL220–NL239 — residue inside lines: invisible characters, HTML, mojibake, glued text.

Line-level residue (chrome lines, nav runs, leaked bylines) lives in
``residue_lines.py``; these checks look at characters inside a line. Each
check makes one pass over the body's prose view, behind a whole-text
prefilter: most articles have none of this residue and leave after one
C-level scan.

- :class:`InvisibleCheck` — whitespace-only paragraphs (NL220), stray no-break
  spaces (NL221), zero-width characters (NL222);
- :class:`HtmlLeakCheck` — HTML tags and entities in plain text (NL223),
  doubly escaped entities in any text (NL224);
- :class:`EncodingCheck` — mojibake, judged by ftfy's badness heuristic
  (NL225), and U+FFFD replacement characters (NL226);
- :class:`GlueCheck` — two blocks run together by a lost line break
  (NL230–NL232), e.g. ``timeThe``, ``budget.The``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import re2
from pydantic import BaseModel, ConfigDict

from ..model import Edit, Fix, Severity, construct
from .base import Check, Hit, Rule

# ------------------------------------------------------------------ rules

BLANK_PARAGRAPH = Rule(
    code="NL220",
    name="blank-paragraph",
    severity=Severity.WARNING,
    summary="A paragraph holds only no-break spaces, zero-width characters or &nbsp;.",
    why=(
        "CMS editors and WYSIWYG tools pad layouts with empty paragraphs (<p>&nbsp;</p>). "
        "Scraped, they become paragraphs of one invisible character: they survive "
        "'strip blank lines' steps because U+00A0 is not an ASCII space, count as "
        "paragraphs in word and paragraph statistics, and show up as empty blocks in "
        "feeds, search snippets and training text. Ordinary blank lines are not flagged."
    ),
    fires="Paragraph one.\n\n[U+00A0]\n\nParagraph two.   ([U+00A0]: a paragraph of one no-break space)",
    quiet="Paragraph one.\n\nParagraph two.",
    fix="Safe: remove the paragraph (and the blank line after it).",
)

STRAY_NBSP = Rule(
    code="NL221",
    name="stray-no-break-space",
    severity=Severity.INFO,
    summary="A no-break space (U+00A0) sits where an ordinary space belongs.",
    why=(
        "A no-break space typed as '&nbsp; ' by an editor, or left next to a normal "
        "space, doubles the gap between words, stops lines from wrapping where they "
        "should and defeats tokenizers and exact-match search that split on ' '. "
        "Typographic uses stay quiet: between a number and its unit (10 km, "
        "1 000), after a one-letter word (and, in Czech, Polish, Russian or French, "
        "short words: 'v Praze'), after an abbreviation or initial (Mr. Smith), "
        "before a name (New York), next to currency and other signs, "
        "before a dash, and before French ; : ! ? and inside \u00ab \u00bb. To flag "
        "every no-break space, set [rules.NL221] allow_typographic_nbsp = false."
    ),
    fires="Securities Times,[U+00A0]called on Beijing.   ([U+00A0]: a no-break space)",
    quiet="The route is 10[U+00A0]km long. «Bonjour[U+00A0]!»",
    fix="Safe: replace the no-break space (and any space next to it) with one ordinary space; "
        "at the start or end of a line, remove it.",
)

ZERO_WIDTH = Rule(
    code="NL222",
    name="zero-width-character",
    severity=Severity.WARNING,
    summary="An invisible zero-width character (U+200B/C/D, U+2060, U+FEFF) sits in the text.",
    why=(
        "Zero-width spaces, joiners and byte-order marks are invisible but real: "
        "'stable[U+200B]coin' does not match 'stablecoin' in search, breaks deduplication "
        "hashes and tokenizes into junk. They come from copy-paste, CMS editors and "
        "BOM-prefixed files. Legitimate uses stay quiet: joiners inside emoji "
        "sequences and in Arabic, Persian and Indic scripts, and zero-width spaces "
        "as word-break hints in Thai, Khmer, Lao, Myanmar and CJK text."
    ),
    fires="stable[U+200B]coin regulation   ([U+200B]: a zero-width space)",
    quiet="\U0001f469[U+200D]\U0001f4bb (an emoji sequence) and Persian \u0645\u06cc[U+200C]\u062e\u0648\u0627\u0647\u0645",
    fix="Safe: remove the character.",
)

HTML_IN_PLAIN = Rule(
    code="NL223",
    name="html-in-plain-text",
    severity=Severity.WARNING,
    summary="HTML tags or entities (<br>, <p>, &nbsp;, &amp;) in a plain-text body.",
    why=(
        "A plain-text body is shown as it is: a leaked '<br>' or '&amp;' appears "
        "literally in apps, newsletters and search snippets, and a model trained on it "
        "learns to write markup. Markdown bodies may hold inline HTML, so only plain "
        "bodies are checked. Text that merely looks like markup stays quiet: AT&T, R&D, "
        "x < y, <3, a<b>c, and tag names mentioned as text (\"allowed tags: <em> <p>\")."
    ),
    fires="Prices rose.<br>Analysts were surprised &amp; worried.",
    quiet="AT&T and R&D spending grew as x < y; I <3 it.",
    fix="Entities: safe, replaced by the character they stand for (&nbsp; by a space). "
        "Tags: unsafe, removed (block tags such as <br> and <p> become a line break).",
)

DOUBLE_ESCAPED = Rule(
    code="NL224",
    name="double-escaped-entity",
    severity=Severity.WARNING,
    summary="An HTML entity was escaped twice (&amp;nbsp;, &amp;#8217;) and shows as text.",
    why=(
        "'&amp;nbsp;' renders as the literal text '&nbsp;' in HTML and Markdown alike: "
        "the entity was escaped once too often somewhere in the pipeline. Unlike inline "
        "HTML in Markdown, this is never intended, so it is flagged in every body."
    ),
    fires="Prices&amp;nbsp;rose",
    quiet="Prices&nbsp;rose (in Markdown) and Procter &amp; Gamble (in Markdown)",
    fix="Safe: unescape once (Markdown) or fully (plain text).",
)

MOJIBAKE = Rule(
    code="NL225",
    name="mojibake",
    severity=Severity.WARNING,
    summary="Text decoded with the wrong encoding (donâ€™t, CafÃ©), judged by ftfy.",
    why=(
        "UTF-8 read as Windows-1252 or Latin-1 turns 'don’t' into 'donâ€™t' and 'Café' "
        "into 'CafÃ©'. Readers see garbage, search misses the words and models learn the "
        "garbage. Detection uses ftfy's badness heuristic, which knows which character "
        "sequences occur in mojibake and not in real text, so Czech, Russian, Greek, "
        "Vietnamese, CJK, math and currency text stay quiet. A finding is reported only "
        "when ftfy can also say what the text should be, and the message shows it."
    ),
    fires="We donâ€™t know.",
    quiet="We don’t know. Příliš žluťoučký kůň. Привет, мир.",
    fix="Unsafe: replace with ftfy's repair (review it: the original bytes are gone).",
)

REPLACEMENT_CHAR = Rule(
    code="NL226",
    name="replacement-character",
    severity=Severity.WARNING,
    summary="U+FFFD replacement characters: text that could not be decoded was lost.",
    why=(
        "A decoder that meets bytes it cannot read puts U+FFFD (\ufffd) in their place. "
        "The original characters are gone — often curly quotes, accented letters or "
        "currency signs — and no tool can restore them from this text. Re-fetch or "
        "re-decode the source with the right encoding."
    ),
    fires="The price was 10\ufffd\ufffd per share.",
    quiet="The price was 10 € per share.",
)

GLUED_START = Rule(
    code="NL230",
    name="glued-sentence-start",
    severity=Severity.WARNING,
    summary="A sentence start is glued to the word before it (timeThe, eventsOn April).",
    why=(
        "When a scraper drops the line break between a heading or credit and the next "
        "paragraph, the last word of one block runs into the first word of the next: "
        "'settlement timeThe JD.com founder'. Readers stumble, search indexes a word "
        "that does not exist, and the heading text leaks into the paragraph. The check "
        "asks for a whole word on the left and a capitalised sentence starter from the "
        "glue-words lexicon on the right (The, This, He, While, According…), so brand "
        "and name spellings stay quiet: iPhone, eBay, YouTube, LinkedIn, McDonald's, "
        "DeSantis, MacArthur, PowerPoint, JavaScript; so do code identifiers "
        "(useLocalCacheWhen, a name in link text, bold or quotes)."
    ),
    fires="Reducing costs & settlement timeThe JD.com founder added.",
    quiet="He posted on LinkedIn from his iPhone while McKinsey watched.",
    fix="Unsafe: insert a line break between the two words.",
)

MISSING_SPACE = Rule(
    code="NL231",
    name="missing-space-after-sentence",
    severity=Severity.WARNING,
    summary="No space after a sentence's full stop (budget.The new rules).",
    why=(
        "A sentence end followed directly by a capital ('budget.The') is a lost space "
        "or line break between sentences or paragraphs. Tokenizers and sentence "
        "splitters read it as one word, and it often marks two blocks run together. "
        "Initials and abbreviations (U.S.The, H.W.Bush, e.g.The), decimals (3.5), "
        "domains (JD.com, Guancha.cn), URLs, e-mail addresses and file names stay quiet, "
        "and so do qualified names of code ('text.Upper') in link text, in parentheses, "
        "on a line of their own or, when the next word starts no sentence, anywhere in a "
        "Markdown article that has code in it."
    ),
    fires="The council passed the budget.The new rules apply from May.",
    quiet="JD.com and Guancha.cn reported it; George H.W. Bush said 3.5% in the U.S.",
    fix="Unsafe: insert a space after the punctuation.",
)

GLUED_WORD = Rule(
    code="NL232",
    name="glued-capitalised-word",
    severity=Severity.INFO,
    summary="A lowercase word runs straight into a capitalised one (appearanceCzech, UnsplashReducing).",
    why=(
        "Lists and credits that lose their line breaks glue items together: "
        "'10th appearanceCzech Republic', 'Photo on UnsplashReducing costs'. This is the "
        "looser sibling of glued-sentence-start: the right-hand word is any capitalised "
        "word, so a few brand spellings that start with a lowercase word (bioRxiv, "
        "bitFlyer) can fire; that is why it is 'info'. Words shorter than three "
        "letters (iPhone, eBay, iOS) and function words (theScore, setState) are skipped, "
        "and so are code identifiers (pageSize, maxRetries): a camelCase word in link "
        "text, bold or quotes, as a key ('strictMode = false', a table cell, a definition "
        "term alone on its line), named twice or also in the article's code, or anywhere in "
        "a Markdown article that has code in it."
    ),
    fires="Qualified teams: England (Group A): 10th appearanceCzech Republic (Group A)",
    quiet="She bought an iPhone and an iPad on eBay; macOS and iOS updated.",
    fix="Unsafe: insert a line break between the two words.",
)


# ------------------------------------------------------------------ shared helpers


def _fix(message: str, start: int, end: int, replacement: str, safe: bool = True,
         pointer: str = "/body") -> Fix:
    # built without validation: the values are ours and of the right types
    return construct(Fix, message=message, applicability="safe" if safe else "unsafe",
                     edits=(construct(Edit, pointer=pointer, start=start, end=end, replacement=replacement),))


class _Field(NamedTuple):
    """A metadata text field seen as one line: ``start`` 0, at its own pointer."""

    pointer: str
    text: str
    start: int = 0


def _metadata_texts(doc) -> Iterator[_Field]:
    """Title, summary, image captions and credits, related titles: always plain text,
    even in Markdown files (templates escape front-matter values)."""
    a = doc.article
    for name in ("title", "summary"):
        value = getattr(a, name)
        if value:
            yield _Field(f"/{name}", value)
    for i, image in enumerate(a.images):
        for name in ("caption", "credit"):
            value = getattr(image, name)
            if value:
                yield _Field(f"/images/{i}/{name}", value)
    for i, item in enumerate(a.related):
        if item.title:
            yield _Field(f"/related/{i}/title", item.title)


def _show(text: str, limit: int = 40) -> str:
    """A short, visible rendering of a snippet for messages."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


# ------------------------------------------------------------------ NL220–NL222: invisible characters

_CHAR_NAMES = {
    "\u00a0": "no-break space (U+00A0)",
    "\u200b": "zero-width space (U+200B)",
    "\u200c": "zero-width non-joiner (U+200C)",
    "\u200d": "zero-width joiner (U+200D)",
    "\u2060": "word joiner (U+2060)",
    "\ufeff": "byte-order mark / zero-width no-break space (U+FEFF)",
}

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_CHARS = "\u00a0" + _ZERO_WIDTH_CHARS
_NBSP_ENTITY = re.compile(r"&(?:nbsp|#160|#[xX][aA]0);")
# A line made only of blanks, invisible characters and &nbsp; (with at least
# one of the latter, which the prefilter guarantees).
_SPACER_LINE = re.compile(r"(?:[ \t\u00a0\u2007\u202f\u3000\u200b-\u200d\u2060\ufeff]|&(?:nbsp|#160|#[xX][aA]0);)+")


def _has_invisible(text: str) -> bool:
    """Anything the check could report? (``in`` scans at memchr speed; a regex is 30x slower.)"""
    for ch in _INVISIBLE_CHARS:
        if ch in text:
            return True
    return "&" in text and _NBSP_ENTITY.search(text) is not None


def _invisible_runs(text: str, raw: str) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, is_nbsp)``: blank runs holding a U+00A0 (with the spaces
    around it), and runs of zero-width characters, left to right.

    Spots are found in the prose view ``text`` (so code is skipped); runs grow
    over the raw line ``raw``, so a Markdown marker blanked in prose ("- ")
    never becomes part of a run that a fix replaces.
    """
    spots = _positions(text, _INVISIBLE_CHARS)
    done = 0
    for i in spots:
        if i < done:
            continue
        nbsp = text[i] == "\u00a0"
        run = " \t\u00a0" if nbsp else _ZERO_WIDTH_CHARS
        s, e = i, i + 1
        if nbsp:
            while s > done and raw[s - 1] in run:
                s -= 1
        while e < len(raw) and raw[e] in run:
            e += 1
        done = e
        yield s, e, nbsp


# Scripts where joiners and zero-width spaces do real work: Hebrew, Arabic,
# Syriac, Thaana, N'Ko, Indic, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian,
# Arabic presentation forms, emoji and their modifiers, variation selectors.
# (Range tables, not regex classes: only a zero-width character's two
# neighbours are ever tested, and big classes cost milliseconds to compile.)
_JOINING_SCRIPT = (
    (0x0590, 0x08FF), (0x0900, 0x0DFF), (0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x18AF),
    (0x200D, 0x200D), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0xA800, 0xABFF), (0xFB1D, 0xFDFF),
    (0xFE00, 0xFE0F), (0xFE70, 0xFEFE), (0x10A00, 0x11FFF), (0x1F000, 0x1FAFF), (0xE0000, 0xE007F),
)
# Scripts without spaces, where U+200B marks word breaks: Thai to Myanmar,
# Khmer, CJK, Hangul, fullwidth forms.
_UNSPACED_SCRIPT = (
    (0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3000, 0x9FFF), (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
)


def _in_script(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    if not ch:
        return False
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in ranges)

_SIGNS = frozenset("%‰‱°′″§¶№#+−±×÷=/–—―‒-~")
_SENTENCE_PUNCT = frozenset(".!?,;:")
_CLOSING_QUOTES = frozenset("\"'”’)»")
# Languages whose typography binds short words (prepositions, conjunctions)
# to the next word with a no-break space.
_BINDS_SHORT_WORDS = frozenset("cs sk pl ru uk be bg sl hr sr mk hu fr".split())


def _is_sign(ch: str) -> bool:
    return ch in _SIGNS or unicodedata.category(ch) == "Sc"


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def _word_after(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


def _typographic_nbsp(text: str, i: int, short_words: int) -> bool:
    """Is the single no-break space at ``text[i]`` (non-blank on both sides) intended?

    ``short_words``: the longest word that typography binds to the next one
    (1 in English: "a", "I"; 3 where short prepositions are bound, as in Czech,
    Polish or Russian).
    """
    before, after = text[i - 1], text[i + 1]
    if before.isdigit() or after.isdigit():  # 10 km, 1 000, No. 5, July 14
        return True
    if _is_sign(before) or _is_sign(after):  # 10 €, € 10, 5 %, word — word
        return True
    if after in ";:!?»›" or before in "«‹":  # French spacing
        return True
    if before in _CLOSING_QUOTES and i >= 2 and text[i - 2] in ".!?":
        before = text[i - 2]  # ." Next: a sentence end all the same
    if before in _SENTENCE_PUNCT:
        if before == ".":
            word = _word_before(text, i - 1)
            # an initial or a short capitalised abbreviation: J. Smith, Mr. Smith, Fig. 3
            if len(word) == 1 or (word[:1].isupper() and len(word) <= 4):
                return True
        # a sentence or clause space typed as &nbsp;
        return not (after.isalpha() or after in "\"'“‘(«")
    if before.isalpha() and after.isalpha():
        left, right = _word_before(text, i), _word_after(text, i + 1)
        # binding a short word (a house, v Praze, в доме) or a name (Jean Dupont,
        # World War I) is typography; between two ordinary lowercase words it is a stray.
        return len(left) <= short_words or len(right) <= 2 or not right.islower()
    return True  # quotes, brackets and other signs next to it: leave it alone


def _zero_width_is_intended(run: str, before: str, after: str) -> bool:
    chars = set(run)
    near_joining = _in_script(before, _JOINING_SCRIPT) or _in_script(after, _JOINING_SCRIPT)
    if chars <= {"\u200c", "\u200d"}:
        return near_joining
    if chars <= {"\u200b", "\u2060"}:
        return near_joining or _in_script(before, _UNSPACED_SCRIPT) or _in_script(after, _UNSPACED_SCRIPT)
    return False


class InvisibleOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: Keep typographic no-break spaces (10 km, Mr. Smith, French « » ; : ! ?).
    #: ``false`` flags every U+00A0 in prose.
    allow_typographic_nbsp: bool = True


class InvisibleCheck(Check):
    """NL220–NL222: blank paragraphs, stray no-break spaces, zero-width characters."""

    rules = (BLANK_PARAGRAPH, STRAY_NBSP, ZERO_WIDTH)
    Options = InvisibleOptions

    def check(self, doc, ctx) -> Iterator[Hit]:
        if not _has_invisible(doc.prose):
            return
        allow_typo = ctx.opts(self).allow_typographic_nbsp
        lang = (doc.article.lang or "").split("-")[0].lower()
        short_words = 3 if lang in _BINDS_SHORT_WORDS else 1
        lines = doc.lines
        for n, line in enumerate(lines):
            text = line.text
            if not text or not _has_invisible(text):
                continue
            if _SPACER_LINE.fullmatch(text):
                yield self._blank_paragraph(doc, lines, n)
                continue
            yield from self._inline(line, doc.body[line.start : line.end], allow_typo, short_words)

    @staticmethod
    def _blank_paragraph(doc, lines, n) -> Hit:
        line = lines[n]
        raw = doc.body[line.start : line.end]
        visible = raw.strip(" \t")
        if "&" in visible:
            what = "only &nbsp;"
        elif set(visible) == {"\u00a0"}:
            what = "only a no-break space (U+00A0)" if len(visible) == 1 else "only no-break spaces (U+00A0)"
        else:
            what = "only invisible characters"
        end = _removal_end(doc.body, lines, n)
        return Hit("NL220", f"blank paragraph: it holds {what}", start=line.start, end=line.end,
                   evidence=what, fix=_fix("remove the blank paragraph", line.start, end, ""))

    @staticmethod
    def _inline(line, raw: str, allow_typo: bool, short_words: int) -> Iterator[Hit]:
        text = line.text
        for s, e, nbsp in _invisible_runs(text, raw):
            at_edge = not raw[:s].strip() or e == len(raw)
            run = raw[s:e]
            if nbsp:
                if run == "\u00a0" and not at_edge and allow_typo and _typographic_nbsp(text, s, short_words):
                    continue
                replacement = run.replace("\u00a0", "") if at_edge else " "
                where = ("at the end of the line" if e == len(raw) else "at the start of the line" if at_edge
                         else "next to another space" if run != "\u00a0"
                         else "between words" if raw[s - 1].isalpha() else "after punctuation")
                yield Hit("NL221", f"stray no-break space (U+00A0) {where}",
                          start=line.start + s, end=line.start + e, evidence=_context(text, s, e),
                          fix=_fix("replace the no-break space with a normal space" if replacement
                                   else "remove the no-break space", line.start + s, line.start + e, replacement))
            else:
                before = text[s - 1] if s else ""
                after = text[e] if e < len(text) else ""
                if _zero_width_is_intended(run, before, after):
                    continue
                name = _CHAR_NAMES[run[0]]
                extra = f" ({len(run)} invisible characters)" if len(run) > 1 else ""
                yield Hit("NL222", f"invisible {name} in the text{extra}",
                          start=line.start + s, end=line.start + e, evidence=_context(text, s, e),
                          fix=_fix("remove the invisible character", line.start + s, line.start + e, ""))


def _removal_end(body: str, lines, n: int) -> int:
    """End of what removing blank paragraph ``n`` deletes.

    The line goes with the blank lines after it, up to the next line with
    anything in it (another blank paragraph included), so the paragraphs
    around keep one separator and fixes of neighbouring blank paragraphs
    never overlap. The last line of the body goes alone.
    """
    if n + 1 >= len(lines):
        return lines[n].end
    k = n + 1
    while k < len(lines) and not body[lines[k].start : lines[k].end].strip(" \t"):
        k += 1
    return lines[k].start if k < len(lines) else lines[-1].end


def _context(text: str, s: int, e: int, width: int = 12) -> str:
    """Evidence for a fingerprint: the invisible run with a little text around it."""
    return text[max(0, s - width) : e + width]


# ------------------------------------------------------------------ NL223–NL224: HTML in text

# Element names of HTML; a name outside this list (<Reuters>, <name>) is text.
_HTML_ELEMENTS = frozenset("""
a abbr address area article aside audio b bdi bdo big blockquote body br button canvas caption
center cite code col colgroup data dd del details dfn dialog div dl dt em embed fieldset figcaption
figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend
li link main map mark meta nav noscript object ol optgroup option p param picture pre q s samp script
section select small source span strike strong style sub summary sup svg table tbody td template
textarea tfoot th thead time title tr track tt u ul var video wbr
""".split())
# Tags that end a line or block when removed mid-line.
_BLOCK_ELEMENTS = frozenset("""
address article aside blockquote br div dl dd dt figcaption figure footer form h1 h2 h3 h4 h5 h6
header hr li main nav ol p pre section table tbody td tfoot th thead tr ul
""".split())

_ENTITY_NAME = r"(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6})"
_HTML_LEAK = re.compile(
    rf"""
      (?P<dbl>&amp;(?P<inner>{_ENTITY_NAME});)
    | (?P<ent>&(?P<ename>{_ENTITY_NAME});|&(?P<legacy>nbsp|amp|quot|lt|gt)(?![A-Za-z0-9;]))
    | (?P<cmt><!--.*?(?:-->|$))
    | (?P<tag><(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9]{{0,9}})
          (?P<attrs>(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'=<>`]+))?){{0,40}})
          \s*(?P<self>/)?>)
    """,
    re.VERBOSE,
)

def _positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of any of ``chars`` in ``text``, found with str.find (memchr speed)."""
    spots = []
    for ch in chars:
        i = text.find(ch)
        while i != -1:
            spots.append(i)
            i = text.find(ch, i + 1)
    spots.sort()
    return spots

def _html_matches(text: str) -> Iterator[re.Match[str]]:
    """Matches of _HTML_LEAK, tried only where a '&' or '<' is (found at memchr speed)."""
    spots = _positions(text, "&<")
    done = 0
    for i in spots:
        if i < done:
            continue
        m = _HTML_LEAK.match(text, i)
        if m:
            done = m.end()
            yield m


_DOUBLE_ONLY = re.compile(rf"&amp;(?P<inner>{_ENTITY_NAME});")
_MENTION_OPEN = frozenset("\"'“‘(`[")
_MENTION_CLOSE = frozenset("\"'”’)`],.;:")


@cache
def _html5_entities() -> dict[str, str]:
    from html.entities import html5

    return html5


def _entity_text(entity: str) -> str | None:
    """What an entity stands for, or None if it is not a real HTML entity."""
    import html

    body = entity[1:].rstrip(";")
    if body.startswith("#"):
        try:
            code = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
            return chr(code) if 0 < code < 0x110000 else None
        except ValueError:
            return None
    if entity.endswith(";"):
        return _html5_entities().get(body + ";")
    return html.unescape(entity)


def _space_for(text: str, s: int, e: int, value: str) -> str:
    """&nbsp; becomes an ordinary space, or nothing next to a space."""
    if value != "\u00a0":
        return value
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    return "" if before.isspace() or after.isspace() else " "


def _tag_is_markup(text: str, m: re.Match[str]) -> bool:
    """Tell leaked markup from tag names mentioned in prose or from math."""
    name = m["name"].lower()
    if name not in _HTML_ELEMENTS:
        return False
    attrs = m["attrs"] or ""
    if m["close"] or m["self"] or "=" in attrs:
        return True
    if attrs.strip():  # "<b and c>": words, not attributes
        return False
    s, e = m.span()
    if f"</{name}" in text[e:].lower():  # opened and closed on the line
        return True
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    if len(name) == 1 and before.isalnum():  # a<b>c
        return False
    if not (text[:s] + text[e:]).strip():  # the tag is the whole line
        return True
    glued_left = not before.isspace() and before not in _MENTION_OPEN
    glued_right = not after.isspace() and after not in _MENTION_CLOSE
    if glued_left or glued_right:  # "end.<br>Next"
        return True
    if name in ("br", "hr"):  # "one <br> two" is a leak, "tags: <p> <br> <ul>" a mention
        prev = text[:s].rstrip()[-1:]
        nxt = text[e:].lstrip()[:1]
        return prev not in (">", ",", ":", "") and nxt not in ("<", ",", "")
    return False  # a spaced "<em>" is a mention


class HtmlLeakCheck(Check):
    """NL223/NL224: markup left in text."""

    rules = (HTML_IN_PLAIN, DOUBLE_ESCAPED)

    def check(self, doc, ctx) -> Iterator[Hit]:
        plain = doc.markup == "plain"
        if plain:  # front matter: site generators disagree on escaping, so Markdown files are skipped
            for field in _metadata_texts(doc):
                if "&" in field.text or "<" in field.text:
                    yield from self._plain_line(field, field.pointer)
        prose = doc.prose
        if plain:
            if "&" not in prose and "<" not in prose:
                return
        elif "&amp;" not in prose:
            return
        for line in doc.lines:
            text = line.text
            if plain:
                if "&" in text or "<" in text:
                    yield from self._plain_line(line, "/body")
            elif "&amp;" in text:
                yield from self._markdown_line(line)

    @staticmethod
    def _markdown_line(line) -> Iterator[Hit]:
        for m in _DOUBLE_ONLY.finditer(line.text):  # "&amp;" is in the line: rare
            entity = "&" + m["inner"] + ";"
            if _entity_text(entity) is None:
                continue
            s, e = line.start + m.start(), line.start + m.end()
            yield Hit("NL224", f"doubly escaped entity {m.group()!r} shows as the text {entity!r}",
                      start=s, end=e, fix=_fix(f"unescape to {entity}", s, e, entity))

    @staticmethod
    def _plain_line(line, pointer: str) -> Iterator[Hit]:
        text = line.text
        tags: list[tuple[int, int, str, str]] = []  # start, end, shown, replacement
        ents: list[tuple[int, int, str, str]] = []
        for m in _html_matches(text):
            s, e = m.span()
            if m["dbl"] is not None:
                once = "&" + m["inner"] + ";"
                value = _entity_text(once)
                if value is None:
                    continue
                rep = _space_for(text, s, e, value)
                yield Hit("NL224", f"doubly escaped entity {m.group()!r} shows as the text {once!r}",
                          pointer=pointer, start=line.start + s, end=line.start + e,
                          fix=_fix(f"replace with {rep!r}", line.start + s, line.start + e, rep, pointer=pointer))
            elif m["ent"] is not None:
                value = _entity_text(m.group())
                if value is None:
                    continue
                ents.append((s, e, m.group(), _space_for(text, s, e, value)))
            elif m["cmt"] is not None:
                tags.append((s, e, m.group(), ""))
            elif m["tag"] is not None and _tag_is_markup(text, m):
                name = m["name"].lower()
                edge = not text[:s].strip() or not text[e:].strip()
                rep = ("\n" if pointer == "/body" else " ") if name in _BLOCK_ELEMENTS and not edge else ""
                tags.append((s, e, m.group(), rep))
        for found, label, safe in ((ents, "entity", True), (tags, "tag", False)):
            if not found:
                continue
            first = found[0]
            more = f" (and {len(found) - 1} more on this line)" if len(found) > 1 else ""
            what = f"HTML {label} {_show(first[2])} in plain text{more}"
            if label == "entity":
                what += f"; it stands for {first[3]!r}" if first[3] else ""
            edits = tuple(construct(Edit, pointer=pointer, start=line.start + s, end=line.start + e, replacement=rep)
                          for s, e, _, rep in found)
            fix = construct(Fix, message="decode the entities" if safe else "remove the tags",
                            applicability="safe" if safe else "unsafe", edits=edits)
            yield Hit("NL223", what, pointer=pointer, start=line.start + first[0], end=line.start + found[-1][1],
                      evidence=" ".join(f[2] for f in found), fix=fix)


# ------------------------------------------------------------------ NL225–NL226: encoding

# A prefilter for ftfy's BADNESS_RE, which costs ~1 ms per 3.5 KB article:
# every sequence that pattern matches holds one of these spots (a
# mojibake-only character, a sign next to another non-ASCII character, a
# non-ASCII letter before a sign or a capital), all within the Unicode blocks
# mojibake is made of (Latin-1 to Cyrillic, punctuation, symbols, ﬁ ﬂ).
# tests/test_residue_text.py proves it against ftfy itself. Everyday text
# (’ — … « », accented words, Cyrillic, CJK, Indic, emoji) seldom has a spot,
# and ftfy then judges only a window around each cluster of spots.
_OUTSIDE = r"\x00-\x7f\x{530}-\x{1fff}\x{2700}-\x{f8fe}\x{f900}-\x{faff}\x{fb07}-\x{fffc}\x{fffe}-\x{10ffff}"
# ftfy's 'common' characters, which only matter after the singles below
_COMMON = r"\x{a0}\x{ad}\x{b4}\x{b7}\x{2013}-\x{2015}\x{2019}\x{2026}"
_MOJIBAKE_GATE = re2.compile(
    r"[\x{80}-\x{9f}ÂÃÎÐØÙŒœµƒªºˆˇ√]"
    rf"|[^{_OUTSIDE}\pL{_COMMON}][^{_OUTSIDE}{_COMMON}]"
    rf"|[^{_OUTSIDE}\PL][^{_OUTSIDE}\pL{_COMMON}]"
    rf"|[^{_OUTSIDE}\PL][^{_OUTSIDE}\P{{Lu}}]"
)
_WINDOW_BEFORE, _WINDOW_AFTER = 10, 12  # BADNESS_RE matches are at most 7 characters long


class _Offsets:
    """UTF-8 byte offsets → character offsets, for positions visited left to right.

    RE2 scans bytes several times faster than it scans ``str`` through its
    Python binding, so checks encode once and map the rare hits back.
    """

    __slots__ = ("data", "_ascii", "_b", "_c")

    def __init__(self, text: str) -> None:
        self._ascii = text.isascii()
        self.data = text.encode("utf-8", "surrogatepass")
        self._b = self._c = 0

    def char(self, pos: int) -> int:
        if self._ascii:
            return pos
        if pos < self._b:
            self._b = self._c = 0
        self._c += len(self.data[self._b : pos].decode("utf-8", "surrogatepass"))
        self._b = pos
        return self._c


_REPLACEMENT = re.compile("\ufffd+")


@cache
def _ftfy():
    """ftfy costs ~60 ms to import: load it only when a line might be mojibake."""
    import ftfy
    from ftfy.badness import BADNESS_RE

    return ftfy.fix_encoding, BADNESS_RE


def _changed_regions(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in ``old`` that turn it into ``new``."""
    from difflib import SequenceMatcher

    regions: list[tuple[int, int, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if regions and i1 - regions[-1][1] <= 1:  # one shared character between: one region
            ps, pe, prep = regions[-1]
            regions[-1] = (ps, i2, prep + old[pe:i1] + new[j1:j2])
        else:
            regions.append((i1, i2, new[j1:j2]))
    return regions


def _word_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s > 0 and not text[s - 1].isspace() and e - s < 30:
        s -= 1
    while e < len(text) and not text[e].isspace() and e - s < 40:
        e += 1
    return s, e


class EncodingCheck(Check):
    """NL225/NL226: mojibake and replacement characters."""

    rules = (MOJIBAKE, REPLACEMENT_CHAR)

    def check(self, doc, ctx) -> Iterator[Hit]:
        want_moji = ctx.is_enabled("NL225")
        for field in _metadata_texts(doc):
            if field.text.isascii():
                continue
            if "\ufffd" in field.text:
                yield from self._replacement(field, field.pointer)
            if want_moji and _MOJIBAKE_GATE.search(field.text.encode("utf-8", "surrogatepass")):
                if looks_like_mojibake(field.text):
                    hit = _mojibake_hit(field, _ftfy()[0], field.pointer)
                    if hit is not None:
                        yield hit
        prose = doc.prose
        if prose.isascii():
            return
        if "\ufffd" in prose:
            for line in doc.lines:
                if "\ufffd" in line.text:
                    yield from self._replacement(line, "/body")
        if want_moji:
            yield from self._mojibake(doc)

    @staticmethod
    def _replacement(line, pointer: str) -> Iterator[Hit]:
        text = line.text
        for m in _REPLACEMENT.finditer(text):
            n = len(m.group())
            yield Hit("NL226", f"{n} replacement character{'s' if n > 1 else ''} (U+FFFD): "
                               "text was lost when the page was decoded",
                      pointer=pointer, start=line.start + m.start(), end=line.start + m.end(),
                      evidence=_context(text, m.start(), m.end()))

    @staticmethod
    def _mojibake(doc) -> Iterator[Hit]:
        offsets = _Offsets(doc.prose)
        spots = _MOJIBAKE_GATE.finditer(offsets.data)
        first = next(spots, None)
        if first is None:
            return
        fix_encoding, badness_re = _ftfy()
        starts = [line.start for line in doc.lines]
        done = -1  # index of the last line already judged
        for n, lo, hi in _clusters((offsets.char(m.start()) for m in (first, *spots)), starts):
            if n <= done:
                continue
            line = doc.lines[n]
            if not _bad_near(line.text, lo - line.start, badness_re, hi - line.start):
                continue
            done = n
            hit = _mojibake_hit(line, fix_encoding, "/body", doc.body[line.start : line.end])
            if hit is not None:
                yield hit


def _clusters(spots, starts: list[int]) -> Iterator[tuple[int, int, int]]:
    """Group gate spots (increasing offsets) into ``(line index, first, last)`` runs
    of one line whose windows touch, so a run of box drawing costs one search."""
    import bisect

    cur = None
    for pos in spots:
        if cur is not None and pos - cur[2] <= _WINDOW_BEFORE + _WINDOW_AFTER and (
                cur[0] + 1 >= len(starts) or pos < starts[cur[0] + 1]):
            cur[2] = pos
            continue
        if cur is not None:
            yield tuple(cur)
        cur = [bisect.bisect_right(starts, pos) - 1, pos, pos]
    if cur is not None:
        yield tuple(cur)


def _bad_near(text: str, p: int, badness_re, last: int | None = None) -> bool:
    """ftfy's verdict on the window around gate spots ``p``..``last``.

    The same answer as searching the whole line: a BADNESS_RE match is at most
    seven characters long and holds a gate spot, and the gate's matches, which
    do not overlap, start at most one character before that spot.
    """
    end = (p if last is None else last) + _WINDOW_AFTER
    return badness_re.search(text, max(0, p - _WINDOW_BEFORE), end) is not None


def looks_like_mojibake(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, computed the fast way this check does."""
    offsets = _Offsets(text)
    spots = (offsets.char(m.start()) for m in _MOJIBAKE_GATE.finditer(offsets.data))
    badness_re = _ftfy()[1]
    return any(_bad_near(text, lo, badness_re, hi) for _, lo, hi in _clusters(spots, [0]))


def _mojibake_hit(line, fix_encoding, pointer: str, raw: str | None = None) -> Hit | None:
    """A finding for a line ftfy judged bad, with ftfy's repair as an unsafe fix.

    ``raw``: the line as it stands in the body, when ``line.text`` is a prose
    view; the fix is left out if a repair would touch a blanked character.
    """
    text = line.text
    fixed = fix_encoding(text)
    if fixed == text:
        return None  # ftfy sees odd characters but knows no repair: not evidence enough
    regions = _changed_regions(text, fixed)
    s, e, rep = regions[0]
    ws, we = _word_span(text, s, e)
    shown_old = text[ws:we]
    shown_new = text[ws:s] + rep + text[e:we]
    more = f" (and {len(regions) - 1} more on this line)" if len(regions) > 1 else ""
    edits = tuple(construct(Edit, pointer=pointer, start=line.start + rs, end=line.start + re_, replacement=rr)
                  for rs, re_, rr in regions)
    fix = construct(Fix, message="repair the encoding with ftfy", applicability="unsafe", edits=edits)
    if raw is not None and any(raw[rs:re_] != text[rs:re_] for rs, re_, _ in regions):
        fix = None
    return Hit("NL225", f"mojibake: {shown_old!r} reads as {shown_new!r}{more}", pointer=pointer,
               start=line.start + s, end=line.start + regions[-1][1], evidence=shown_old, fix=fix)


# ------------------------------------------------------------------ NL230–NL232: glued text

# Where two blocks may touch: lowercase→uppercase inside a word (timeThe),
# sentence punctuation right before a capital (budget.The, payments."Photo),
# a closing quote or bracket right before a capital (Blur’The). Candidates are
# rare, so the classification below runs in Python on a handful of spots.
# The shortest shapes that can pass the tests below are searched for, so
# iPhone, McDonald, U.S. and D.C. never reach Python.
_GLUE_CANDIDATE = re2.compile(
    r"\p{Ll}{2}\p{Lu}\p{Ll}|[\p{L}\p{N}]{2}[.!?][\"'”’»)\]]?\p{Lu}|\p{L}[\"”’)\]]\p{Lu}\p{Ll}{2}"
)
_CLOSERS = frozenset("\"'”’»)]")
# A glued token that holds one of these is a URL, e-mail, path or identifier.
_CODEISH = ("/", "@", "_", "=", "\\", "://")
_CODE_PREV = frozenset("#@$&_/\\.<=")
_VOWELS = frozenset("aeiouy")


def _cased(ch: str) -> bool:
    return ch.islower() or ch.isupper()


def _token_is_code(text: str, start: int, end: int) -> bool:
    a = max(text.rfind(" ", max(0, start - 80), start), text.rfind("\n", max(0, start - 80), start)) + 1
    ends = [k for k in (text.find(" ", end, end + 80), text.find("\n", end, end + 80)) if k != -1]
    token = text[a : min(ends) if ends else end + 80]
    return any(c in token for c in _CODEISH)


# Around a code identifier: "[siteGuide]", "(text.Upper)", "**skipFiles**", '"lastEdited"'.
_ID_OPEN = frozenset("[(\"'‘“*_`<")
_ID_CLOSE = frozenset("])\"'’”*_`>")
# "strictMode = false", "cacheLimit | The most entries to keep", "| skipFiles |"
_ID_SYNTAX = frozenset("=|{")


class _Surroundings:
    """What the text around a glued token says about it.

    Code identifiers glue words on purpose — ``pageSize``, ``text.Upper``,
    ``useLocalCacheWhen`` — and a technical article names them in its prose,
    in link text, in table cells, in definition terms and in its code. A lost
    line break glues the last word of one block to the first of the next, inside
    running text, once. These tests, cheap and only run on a token that would be
    reported, tell the two apart.
    """

    __slots__ = ("doc", "text", "body", "_technical")

    def __init__(self, doc) -> None:
        self.doc = doc
        self.text = doc.prose
        self.body = doc.body
        self._technical: bool | None = None

    @property
    def technical(self) -> bool:
        """A Markdown article with code in it (a code block or an inline code span):
        its camelCase and ``pkg.Name`` words are identifiers unless proven otherwise."""
        if self._technical is None:
            doc = self.doc
            self._technical = doc.markup == "markdown" and (
                "`" in self.body or any(line.kind == "code" for line in doc.lines))
        return self._technical

    def identifier(self, start: int, end: int) -> bool:
        """The token ``text[start:end]`` is marked up or used as a name, not glued prose."""
        text = self.text
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before in _ID_OPEN and after in _ID_CLOSE:
            return True  # a whole link text, emphasis, quotation or call argument
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        head = text[line_start:start]
        tail = text[end:] if line_end < 0 else text[end:line_end]
        if not any(c.isalnum() for c in head) and not any(c.islower() for c in tail):
            return True  # the line names it: a definition term, "### pageSize", "pkg.Open PATH"
        if tail.lstrip()[:1] in _ID_SYNTAX or head.rstrip()[-1:] in _ID_SYNTAX:
            return True  # a key of an assignment or a table cell
        token = text[start:end]
        # in a code span, a code block or a link destination of the same article
        return self.body is not text and self.body.count(token) > text.count(token)


def _right_word(text: str, j: int) -> tuple[str, int] | None:
    """The capitalised word at ``j``, if it ends like a word (not an identifier)."""
    k = j + 1
    n = len(text)
    while k < n and text[k].islower():
        k += 1
    nxt = text[k] if k < n else " "
    if nxt.isalnum() or nxt in "(:=_" or (nxt == "." and k + 1 < n and text[k + 1].isalnum()):
        return None  # getElementById, Method(, pageType:, index.Html.x
    return text[j:k], k


class _WordSet:
    """A lexicon of single words as a hash lookup: one RE2 call from Python costs
    ~6 µs, a dict lookup 0.05 µs. Patterns, if a user pack adds some, still go
    through the lexicon's RE2 program."""

    __slots__ = ("lex", "fold", "words")

    def __init__(self, lex) -> None:
        self.lex = lex
        self.fold = not lex.case_sensitive
        self.words = {(p.casefold() if self.fold else p): (lex.tag_of(p) or "") for p in lex.phrases}

    def get(self, word: str) -> str | None:
        """'' for a listed word, its tag if it has one, None if not listed."""
        tag = self.words.get(word.casefold() if self.fold else word)
        if tag is None and self.lex.patterns and self.lex.match_line(word) is not None:
            tag = self.lex.tag_of(word) or ""
        return tag


class _Lexicons:
    """The glue-words lexicons of one language."""

    __slots__ = ("starters", "stop")

    def __init__(self, starters, stop) -> None:
        self.starters = _WordSet(starters)
        self.stop = _WordSet(stop)

    def starter(self, word: str) -> str | None:
        """'' for a plain sentence starter, its tag ('bound', 'determiner'), or None."""
        return self.starters.get(word)

    def sentence_follows(self, text: str, k: int) -> bool:
        """After a glued preposition, does a sentence go on? ("On April 29", "In the")."""
        if k >= len(text) or text[k] not in " \u00a0":
            return False
        word = _word_after(text, k + 1)
        if not word:
            return k + 1 < len(text) and text[k + 1].isdigit()
        return word[0].isupper() or self.starters.get(word.capitalize()) == "determiner"


class GlueCheck(Check):
    """NL230–NL232: words and sentences run together by a lost line break or space."""

    rules = (GLUED_START, MISSING_SPACE, GLUED_WORD)

    def __init__(self) -> None:
        # Word sets derived from the (immutable, per-process) merged lexicons,
        # keyed by their identity: a cache of derived data, not state.
        self._sets: dict[tuple[int, int], tuple[object, object, _Lexicons]] = {}

    def _lexicons(self, ctx, lang: str | None) -> _Lexicons:
        starters = ctx.lexicon("sentence-starters", lang)
        stop = ctx.lexicon("glue-left-stop", lang)
        key = (id(starters), id(stop))
        hit = self._sets.get(key)
        if hit is None or hit[0] is not starters or hit[1] is not stop:
            hit = (starters, stop, _Lexicons(starters, stop))
            self._sets[key] = hit
        return hit[2]

    def check(self, doc, ctx) -> Iterator[Hit]:
        text = doc.prose
        offsets = _Offsets(text)
        lex: _Lexicons | None = None
        where: _Surroundings | None = None
        sep = "\n\n" if "\n\n" in doc.body else "\n"
        for m in _GLUE_CANDIDATE.finditer(offsets.data):
            if lex is None:
                lex = self._lexicons(ctx, doc.article.lang)
                where = _Surroundings(doc)
            i = offsets.char(m.start())
            if text[i + 2] in ".!?":
                hit = self._after_punct(text, i + 1, lex, where)
            elif text[i + 1] in _CLOSERS:
                hit = self._after_quote(text, i, lex, sep)
            else:
                hit = self._camel(text, i + 1, lex, sep, where)
            if hit is not None:
                yield hit

    @staticmethod
    def _camel(text: str, i: int, lex: _Lexicons, sep: str, where: _Surroundings) -> Hit | None:
        ls = i
        while ls > 0 and _cased(text[ls - 1]):  # CJK and other uncased letters end the word
            ls -= 1
        left = text[ls : i + 1]
        got = _right_word(text, i + 1)
        if got is None:
            return None
        right, end = got
        prev = text[ls - 1] if ls else " "
        if prev in _CODE_PREV or prev.isdigit() or _token_is_code(text, ls, end) or text[ls - 2 : ls] == "--":
            return None  # #hashtag, @handle, $var, path/fooBar, --configDir
        left_lower = left.islower()
        if left_lower:
            if len(left) < 3 or lex.stop.get(left) is not None:
                return None  # iPhone, eBay, theScore, setState
        elif len(left) < 4:
            return None  # WeWork, NowThis
        elif left[:2].islower():
            return None  # useLocalCache + When: the left part is an identifier itself
        tag = lex.starter(right)
        if tag is not None and len(right) >= 2:
            bound = tag == "bound" or (not left_lower and len(right) <= 2)
            if bound and not lex.sentence_follows(text, end):
                return None  # LinkedIn, signIn, wikiHow
            if left_lower and where.identifier(ls, end):
                return None  # [isThe], "useThis" = 1
            return Hit("NL230", f"{text[ls:end]!r}: {right!r} starts a sentence glued to {left!r} "
                                "(a line break was lost)",
                       start=ls, end=end,
                       fix=_fix("insert a line break", i + 1, i + 1, sep, safe=False))
        if tag is None and len(right) >= 2:
            gerund = (not left_lower and left[1:].islower() and right.endswith("ing") and len(right) >= 6
                      and _VOWELS.intersection(right[:-3].lower())  # Reducing, not String or Spring
                      and text[end : end + 1] == " " and text[end + 1 : end + 2].islower())
            if not (left_lower or gerund):
                return None
            if left_lower and (where.technical or text.count(text[ls:end]) > 1) or where.identifier(ls, end):
                # pageSize in an article with code, or a name used twice; [siteGuide],
                # **skipFiles**, strictMode = false: an identifier
                return None
            return Hit("NL232", f"{text[ls:end]!r}: {right!r} is glued to {left!r} "
                                "(a line break or space was lost)",
                       start=ls, end=end,
                       fix=_fix("insert a line break", i + 1, i + 1, sep, safe=False))
        return None

    @staticmethod
    def _after_punct(text: str, i: int, lex: _Lexicons, where: _Surroundings) -> Hit | None:
        j = i + 2
        if text[j] in _CLOSERS:
            j += 1
        got = _right_word(text, j)
        if got is None:
            return None
        right, end = got
        ls = i
        while ls > 0 and text[ls - 1].isalnum():
            ls -= 1
        left = text[ls : i + 1]
        prev = text[ls - 1] if ls else " "
        if len(left) < 2 or prev in _CODE_PREV or _token_is_code(text, ls, end):
            return None  # U.S.The, e.g.The, H.W.Bush, www.site.Com, user@mail.Com
        tag = lex.starter(right)
        if left.isalpha() and left.islower():
            if len(right) < 2 and tag is None:
                return None
        elif tag is None or (left.isdigit() and len(right) < 2):
            return None  # Mixi.Media, St.Louis, PanARMENIAN.Net, 1.A
        if tag == "bound" and not left.islower() and not lex.sentence_follows(text, end):
            return None  # Array.From(, Amazon.In
        if j == i + 2 and left.islower() and (where.identifier(ls, end) or tag is None and where.technical):
            return None  # [clock.Parse], (text.Upper), "pkg.Open" on its own line: a qualified name
        return Hit("NL231", f"no space after {text[i + 1 : j]!r} in {text[ls:end]!r}",
                   start=ls, end=end,
                   fix=_fix("insert a space", j, j, " ", safe=False))

    @staticmethod
    def _after_quote(text: str, i: int, lex: _Lexicons, sep: str) -> Hit | None:
        got = _right_word(text, i + 2)
        if got is None:
            return None
        right, end = got
        tag = lex.starter(right)
        if tag is None or tag == "bound" or len(right) < 3:
            return None
        ls = i
        while ls > 0 and text[ls - 1].isalpha():
            ls -= 1
        if _token_is_code(text, ls, end):
            return None
        return Hit("NL230", f"{text[ls:end]!r}: {right!r} starts a sentence glued to the quote before it "
                            "(a line break was lost)",
                   start=ls, end=end,
                   fix=_fix("insert a line break", i + 2, i + 2, sep, safe=False))


CHECKS: list[Check] = [InvisibleCheck(), HtmlLeakCheck(), EncodingCheck(), GlueCheck()]
CORPUS_CHECKS: list = []
