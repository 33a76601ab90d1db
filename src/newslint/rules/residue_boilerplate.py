"""NL210 — site-wide boilerplate: a line that recurs in many articles of one site.

A corpus rule. The map side keeps, per article, only the site key and
64-bit hashes of its candidate lines (stripped, digits folded so "© 2019"
and "© 2020" meet) with their offsets;
the reduce side counts in how many articles of the same site each hash
occurs. Candidates are long lines (at least ``min_chars``, as trafilatura and
dolma do for their boilerplate and duplicate-line filters) and, optionally,
shorter lines that hold a UI phrase of the residue lexicons; very short
lines are left alone because "Reuters" or "Photo: AP" recur for good reason.

Markdown source is authored: the page template is not in it, and a sentence
that several posts share (a release-note template, a note on docs pages) is
the authors' own. For such articles the reduce side reports a line only when
it holds a UI phrase, or when a large share of the site's Markdown articles
hold it (``authored_min_share``).
"""

from __future__ import annotations

import zlib
from array import array
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from ..model import Severity
from . import residue_linekit as kit
from .base import CorpusCheck, Hit, Rule

BOILERPLATE = Rule(
    code="NL210",
    name="site-boilerplate",
    severity=Severity.WARNING,
    summary="A line that recurs in many articles of the same site: template text, not the story.",
    why=(
        "A paragraph that the same site prints under every article — an 'about the company' "
        "blurb, a newsletter pitch, a disclaimer, a copyright notice — is page template. "
        "In a corpus it is repeated thousands of times, so search ranks it, deduplication "
        "misses it and language models memorise it. Lines are grouped by the article's "
        "source (or URL host) and counted once per article; the finding says how many "
        "articles share the line. In authored Markdown, where a sentence that a few "
        "release notes or docs pages share is the authors' own, a recurring line counts "
        "only when it holds a UI phrase (a newsletter pitch, a 'follow us' prompt) or when "
        "at least half of the site's Markdown articles share it ([rules.NL210] "
        "authored_min_share)."
    ),
    fires="the same 140-character 'About Example Corp' paragraph closing 3 articles of example.com",
    quiet="a 140-character paragraph that appears in one article only",
)

_DIGITS = bytes.maketrans(b"0123456789", b"0000000000")
#: longest line looked up for a UI phrase in an authored article (a newsletter pitch
#: or a "follow us" prompt is a short paragraph; a longer one is the author's text)
_PROMPT_MAX_CHARS = 300


class BoilerplateOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: lines at least this long (characters) are counted
    min_chars: int = Field(100, ge=10)
    #: ... and reported when this many articles of one site share them
    min_articles: int = Field(3, ge=2)
    #: also count shorter lines that hold a UI phrase of the residue lexicons
    chrome_lines: bool = True
    #: shortest line (characters) counted under ``chrome_lines``
    chrome_min_chars: int = Field(20, ge=1)
    #: in authored Markdown, a recurring line with no UI phrase is reported only when
    #: at least this share of the site's Markdown articles hold it (0 = like any text)
    authored_min_share: float = Field(0.5, ge=0.0, le=1.0)


def site_key(article) -> str:
    """The site an article belongs to: its ``source``, else its URL host, else ''."""
    if article.source and article.source.strip():
        return article.source.strip().casefold()
    if article.url:
        try:
            host = urlsplit(article.url.strip()).hostname or ""
        except ValueError:
            host = ""
        return host[4:] if host.startswith("www.") else host
    return ""


def line_hash(text: str) -> int:
    """64-bit hash of a stripped line with its digits folded to 0 ("© 2019" = "© 2020").

    A long line is hashed by its first 600 characters and its length, which
    tells template paragraphs apart just as well and keeps the cost bounded.
    Two different 32-bit checksums (CRC-32 and Adler-32, both in C) make the
    64 bits: stable across processes and runs, unlike ``hash()``, and about a
    third cheaper than a cryptographic digest for a line.
    """
    head = text[:600].encode("utf-8", "surrogatepass").translate(_DIGITS)
    value = (zlib.crc32(head) << 32) | (zlib.adler32(head) ^ (len(text) & 0xFFFF))
    return value - (1 << 63)  # fits an array("q")


class BoilerplateCheck(CorpusCheck):
    """NL210: count candidate lines per site across the corpus."""

    rules = (BOILERPLATE,)
    Options = BoilerplateOptions

    def __init__(self) -> None:
        self._programs = kit.ProgramCache()

    def signature(self, doc, ctx):
        """``(site, array of hash, start, end per candidate line, authored, chrome hashes)``:
        about 24 bytes a line. ``authored``: the article is Markdown source, where a
        recurring line is more often the author's own (a release-note template, a
        note shared by docs pages) than page template; ``chrome hashes``: for such an
        article, its lines that hold a UI phrase of the residue lexicons."""
        opts = ctx.opts(self)
        min_chars, chrome_min = opts.min_chars, opts.chrome_min_chars
        authored = doc.markup == "markdown" and opts.authored_min_share > 0
        seen: set[int] = set()
        out = array("q")
        short: list[tuple[str, int, int]] = []  # (stripped text, start, end) of short lines
        long: list[str] = []  # long lines of an authored article, to look for UI phrases in
        chrome_lines = opts.chrome_lines
        for line in doc.lines:
            text = line.text
            if len(text) < chrome_min or line.kind == "code":
                continue
            s = text.strip()
            n = len(s)
            if n >= min_chars:
                start = line.start + text.index(s[0])
                h = line_hash(s)
                if h not in seen:  # counted once per article
                    seen.add(h)
                    out.extend((h, start, start + n))
                    if authored and n <= _PROMPT_MAX_CHARS:
                        long.append(s)
            elif chrome_lines and n >= chrome_min:
                start = line.start + text.index(s[0])
                short.append((s, start, start + n))
        chrome = array("q")
        if short or long:
            # short lines count only with a UI phrase in them, and not when the whole
            # line is chrome (NL201 reports that one, with a fix); one screen for all,
            # and for the long lines of an authored article
            programs = self._programs.get(ctx, doc.article.lang)
            n_short = len(short)
            for k in sorted(programs.screen_inline([t for t, _, _ in short] + long)):
                if k >= n_short:
                    if programs.search_inline(long[k - n_short]) is not None:
                        chrome.append(line_hash(long[k - n_short]))
                    continue
                s, start, end = short[k]
                if programs.search_inline(s) is not None and programs.match_line(s) is None:
                    h = self._add(out, seen, s, (start, end))
                    if authored and h is not None:
                        chrome.append(h)
        if authored:
            # every Markdown article counts towards its site's total, lines or not
            return site_key(doc.article), out, True, chrome
        if not out:
            return None
        return site_key(doc.article), out

    @staticmethod
    def _add(out: array, seen: set[int], s: str, span: tuple[int, int]) -> int | None:
        h = line_hash(s)
        if h in seen:  # counted once per article
            return None
        seen.add(h)
        out.extend((h, *span))
        return h

    def reduce(self, items, ctx) -> Iterator[tuple[object, Hit]]:
        """Count each (site, line) once per article; report the lines of the frequent ones.

        In an authored (Markdown) article a recurring line is reported when it holds
        a UI phrase (a newsletter pitch, a "follow us" prompt, a copyright notice) or
        when most of the site's Markdown articles share it (an "about us" blurb
        under every post); a sentence that a few release notes or docs pages share
        is the authors' own.
        """
        opts = ctx.opts(self)
        counts: Counter[tuple[str, int]] = Counter()
        authored_total: Counter[str] = Counter()
        for _, sig in items:
            site, lines = sig[0], sig[1]
            counts.update((site, h) for h in lines[0::3])
            if len(sig) > 2:
                authored_total[site] += 1
        hot = {key: n for key, n in counts.items() if n >= opts.min_articles}
        del counts
        if not hot:
            return
        for ref, sig in items:
            site, lines = sig[0], sig[1]
            chrome = frozenset(sig[3]) if len(sig) > 2 else None
            for k in range(0, len(lines), 3):
                articles = hot.get((site, lines[k]))
                if articles is None:
                    continue
                if chrome is not None and lines[k] not in chrome and \
                        articles < opts.authored_min_share * authored_total[site]:
                    continue  # the authors' own recurring sentence
                where = f"articles of {site}" if site else "articles of the corpus"
                yield ref, Hit("NL210", f"site boilerplate: this line recurs in {articles} {where}",
                               start=lines[k + 1], end=lines[k + 2])


CHECKS: list = []
CORPUS_CHECKS: list[CorpusCheck] = [BoilerplateCheck()]
