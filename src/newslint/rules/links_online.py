"""NL610–NL614: what the web says about each link (``--links online`` only).

Fetching happens on the reduce side, not per article, on purpose:

* one place — the map side stays pure and network-free, in any number of
  worker processes, and its cache never depends on what a server said today;
* one event loop and one connection pool, so the global and per-host limits
  hold for the whole run (a pool of N workers would each be polite on its own
  and hammer a host N times over);
* deduplicated URLs — a corpus links the same pages again and again (home
  page, sister stories, a source everyone cites); each is fetched once and
  every link to it gets the answer.

The map side only collects each article's http(s) targets (related URLs and
body links, relative ones resolved against the article's URL). The fetching
itself is the :class:`~newslint.linkcheck.LinkChecker` service, with its
on-disk cache. Nothing is fetched unless ``links = "online"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from ..document import Document
from ..model import Edit, Fix, Severity
from .base import CorpusCheck, Hit, Rule
from .links_extract import (
    absolute,
    body_links,
    check_http,
    classify,
    fetch_url,
    is_placeholder,
    placeholders,
    related_items,
)

HTTP_ERROR = Rule(
    code="NL610",
    name="link-http-error",
    severity=Severity.ERROR,
    summary="Online: a link answers with an HTTP error (4xx or 5xx).",
    why=(
        "A 404 or 410 is a dead link; a 5xx is a broken page, and a 401/403 a page readers "
        "cannot open. Links rot: pages are moved and removed every year, and an archive "
        "collects dead links long after it was last edited. Checked only with `--links online`; HEAD is tried first and GET when the "
        "server refuses HEAD."
    ),
    fires='"related": [{"title": "Old story", "url": "https://example.com/removed-story"}]  → HTTP 404',
    quiet='"related": [{"title": "Live story", "url": "https://example.com/live-story"}]  → HTTP 200',
)

UNREACHABLE = Rule(
    code="NL611",
    name="link-unreachable",
    severity=Severity.WARNING,
    summary="Online: a link's host does not resolve (DNS), refuses the connection, or does not answer in time.",
    why=(
        "A host that no longer resolves is a dead site: the domain lapsed or was sold. A "
        "refused connection or a timeout may be passing trouble, which is why this is a "
        "warning and failures are cached for a shorter time than answers "
        "(`error_cache_ttl_hours`); a link that keeps failing across runs is gone."
    ),
    fires='"url": "https://no-such-host.invalid/story"  → DNS failure',
    quiet='"url": "https://example.com/story"  → answers',
)

REDIRECT_LOOP = Rule(
    code="NL612",
    name="link-redirect-loop",
    severity=Severity.ERROR,
    summary="Online: a link redirects in a loop, or through more than `max_redirects` hops.",
    why=(
        "A redirect loop never reaches a page: browsers give up with an error. Long chains "
        "are slow and usually the residue of several site migrations stacked on each other; "
        "link to where the chain ends instead."
    ),
    fires="https://example.com/a → /b → /a",
    quiet="https://example.com/a → /b (200)",
)

SOFT_404 = Rule(
    code="NL613",
    name="link-soft-404",
    severity=Severity.WARNING,
    summary="Online: a link to an article redirects to the site's home page (a soft 404).",
    why=(
        "Many sites answer a removed article with a redirect to the home page instead of a "
        "404. The link 'works', but the reader lands on today's front page instead of the "
        "story: the article is gone, and the link should be replaced or removed."
    ),
    fires="https://example.com/2019/11/18/story → https://example.com/",
    quiet="https://example.com/story → https://example.com/news/story",
)

MOVED = Rule(
    code="NL614",
    name="link-moved",
    severity=Severity.INFO,
    summary="Online: a link permanently redirects (301/308) to another address.",
    why=(
        "The page moved and the old address only works as long as the site keeps its "
        "redirect. Linking to the final address is faster for readers and survives the next "
        "migration; http:// links that now redirect to https:// are the common case."
    ),
    fires="http://example.com/story → 301 → https://example.com/story",
    quiet="https://example.com/story → 200",
    fix="Replaces the link with the address the permanent redirects end at (unsafe: review it).",
)


class OnlineOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: seconds for each request (connect, read)
    timeout: float = Field(default=10.0, gt=0)
    max_redirects: int = Field(default=5, ge=0)
    #: requests in flight, in all
    concurrency: int = Field(default=16, ge=1)
    #: requests in flight to one host
    per_host: int = Field(default=2, ge=1)
    #: retries of a 429 or 503 answer
    retries: int = Field(default=2, ge=0)
    #: first backoff in seconds (doubles each retry) when there is no Retry-After
    backoff: float = Field(default=0.5, ge=0)
    #: never wait longer than this for a retry, whatever Retry-After says
    max_retry_after: float = Field(default=10.0, ge=0)
    #: how long an answer is reused from the cache
    cache_ttl_hours: float = Field(default=24.0, ge=0)
    #: how long a timeout, refused connection or 5xx is reused
    error_cache_ttl_hours: float = Field(default=1.0, ge=0)
    user_agent: str = ""

    def limits(self):
        from ..linkcheck import Limits

        return Limits(timeout=self.timeout, max_redirects=self.max_redirects, concurrency=self.concurrency,
                      per_host=self.per_host, retries=self.retries, backoff=self.backoff,
                      max_retry_after=self.max_retry_after, ttl=self.cache_ttl_hours * 3600,
                      error_ttl=self.error_cache_ttl_hours * 3600, user_agent=self.user_agent)


class Target(NamedTuple):
    pointer: str
    start: int | None
    end: int | None
    url: str  # as fetched (absolute, no fragment)
    written: str  # as written, for the message
    exact: bool  # the field holds exactly ``written`` (a fix may replace it whole)


def _fetchable(dest: str, target, lexicon) -> bool:
    """Worth fetching: a web page, not a malformed link or a placeholder (NL601 reports those)."""
    if (target.problem and not target.local) or target.kind not in ("url", "root", "relative"):
        return False
    return target.kind != "relative" or not is_placeholder(dest, lexicon)


def _targets(doc: Document, ctx) -> Iterator[Target]:
    lexicon = placeholders(doc, ctx)
    article = doc.article
    base = article.url if article.url and not check_http(article.url) else None
    raw = (doc.data or {}).get("related")
    for item in related_items(doc):
        if item.url is None:
            continue
        if not _fetchable(item.url, classify(item.url, related=True), lexicon):
            continue
        full = absolute(item.url, base)
        if full:
            value = raw[item.index] if isinstance(raw, list) else None
            if isinstance(value, dict):
                value = value.get(item.url_pointer.rsplit("/", 1)[1])
            yield Target(item.url_pointer, None, None, fetch_url(full), item.url, value == item.url)
    for link in body_links(doc):
        if not _fetchable(link.dest, classify(link.dest), lexicon):
            continue
        full = absolute(link.dest, base)
        if full:
            exact = doc.body[link.start:link.end] == link.dest
            yield Target("/body", link.start, link.end, fetch_url(full), link.dest, exact)


def _hit(t: Target, status) -> Hit | None:
    shown = t.written if len(t.written) <= 120 else t.written[:117] + "…"
    where = dict(pointer=t.pointer, start=t.start, end=t.end, evidence=f"{t.url}|{status.outcome}|{status.status}")
    outcome = status.outcome
    if outcome == "http-error":
        via = f" (after redirects, at {status.final})" if status.final else ""
        return Hit("NL610", f"link {shown!r} answers {status.detail}{via}", **where)
    if outcome in ("dns", "timeout", "connect"):
        return Hit("NL611", f"link {shown!r} is unreachable: {status.detail}", **where)
    if outcome == "loop":
        return Hit("NL612", f"link {shown!r} redirects in a loop: {' → '.join(status.chain)}", **where)
    if outcome == "too-many-redirects":
        return Hit("NL612", f"link {shown!r} redirects {len(status.chain) - 1} times without reaching a page "
                            f"(last: {status.final})", **where)
    if outcome == "error":
        return Hit("NL611", f"link {shown!r} could not be checked: {status.detail}", **where)
    if outcome == "soft-404":
        return Hit("NL613", f"link {shown!r} redirects to the home page {status.final}: the article is "
                            "probably gone (soft 404)", **where)
    if outcome == "moved" and status.permanent and status.final:
        fix = None
        if t.exact:
            start, end = (t.start, t.end) if t.start is not None else (0, len(t.written))
            fix = Fix(message=f"link to {status.final}", applicability="unsafe",
                      edits=(Edit(pointer=t.pointer, start=start, end=end, replacement=status.final),))
        return Hit("NL614", f"link {shown!r} moved permanently to {status.final}", fix=fix, **where)
    return None


class OnlineLinkCheck(CorpusCheck):
    """NL610–NL614: fetch every distinct http(s) target once, on the reduce side."""

    rules = (HTTP_ERROR, UNREACHABLE, REDIRECT_LOOP, SOFT_404, MOVED)
    Options = OnlineOptions
    compares_articles = False  # one article's links are worth checking too

    def signature(self, doc: Document, ctx) -> tuple[Target, ...] | None:
        if ctx.settings.links != "online":
            return None
        targets = tuple(_targets(doc, ctx))
        return targets or None

    def reduce(self, items, ctx) -> Iterator[tuple[object, Hit]]:
        if ctx.settings.links != "online" or not items:
            return
        opts: OnlineOptions = ctx.opts(self)
        urls = {t.url for _, targets in items for t in targets}
        results = ctx.services.links.check(urls, opts.limits())
        for ref, targets in items:
            for t in targets:
                status = results.get(t.url)
                hit = _hit(t, status) if status is not None else None
                if hit is not None:
                    yield ref, hit


__all__ = ["HTTP_ERROR", "MOVED", "REDIRECT_LOOP", "SOFT_404", "UNREACHABLE", "OnlineLinkCheck"]
