"""NL210 — site-wide boilerplate: a line that recurs in many articles of one site.

A corpus rule. The map side keeps, per article, only the site key and
64-bit hashes of its candidate lines (stripped, digits folded so "© 2019"
and "© 2020" meet) with their offsets;
the reduce side counts in how many articles of the same site each hash
occurs. Candidates are long lines (at least ``min_chars``, as trafilatura and
dolma do for their boilerplate and duplicate-line filters) and, optionally,
shorter lines that hold a UI phrase of the residue lexicons; very short
lines are left alone because "Reuters" or "Photo: AP" recur for good reason.
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
        "articles share the line."
    ),
    fires="the same 140-character 'About Example Corp' paragraph closing 3 articles of example.com",
    quiet="a 140-character paragraph that appears in one article only",
)

_DIGITS = bytes.maketrans(b"0123456789", b"0000000000")


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
        """``(site, array of hash, start, end per candidate line)``: about 24 bytes a line."""
        opts = ctx.opts(self)
        min_chars, chrome_min = opts.min_chars, opts.chrome_min_chars
        seen: set[int] = set()
        out = array("q")
        short: list[tuple[str, int, int]] = []  # (stripped text, start, end) of short lines
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
            elif chrome_lines and n >= chrome_min:
                start = line.start + text.index(s[0])
                short.append((s, start, start + n))
        if short:
            # short lines count only with a UI phrase in them, and not when the whole
            # line is chrome (NL201 reports that one, with a fix); one screen for all
            programs = self._programs.get(ctx, doc.article.lang)
            for k in sorted(programs.screen_inline([t for t, _, _ in short])):
                s, start, end = short[k]
                if programs.search_inline(s) is not None and programs.match_line(s) is None:
                    self._add(out, seen, s, (start, end))
        if not out:
            return None
        return site_key(doc.article), out

    @staticmethod
    def _add(out: array, seen: set[int], s: str, span: tuple[int, int]) -> None:
        h = line_hash(s)
        if h not in seen:  # counted once per article
            seen.add(h)
            out.extend((h, *span))

    def reduce(self, items, ctx) -> Iterator[tuple[object, Hit]]:
        """Count each (site, line) once per article; report the lines of the frequent ones."""
        opts = ctx.opts(self)
        counts: Counter[tuple[str, int]] = Counter()
        for _, (site, lines) in items:
            counts.update((site, h) for h in lines[0::3])
        hot = {key: n for key, n in counts.items() if n >= opts.min_articles}
        del counts
        if not hot:
            return
        for ref, (site, lines) in items:
            for k in range(0, len(lines), 3):
                articles = hot.get((site, lines[k]))
                if articles is None:
                    continue
                where = f"articles of {site}" if site else "articles of the corpus"
                yield ref, Hit("NL210", f"site boilerplate: this line recurs in {articles} {where}",
                               start=lines[k + 1], end=lines[k + 2])


CHECKS: list = []
CORPUS_CHECKS: list[CorpusCheck] = [BoilerplateCheck()]
