"""NL604–NL606: links checked against the corpus itself (offline, no network).

Map side (:meth:`LinkIndexCheck.signature`): each article contributes what
makes it a *target* — id, normalised URL, title (short), date, content-file
path and slugs — and what it *links to*, already resolved as far as the
article alone allows (relative links against its own URL or file). Reduce
side: one index of targets, then a lookup per link.

Memory: about 300 bytes per article plus about 200 per link (normalised URLs,
ids, short titles; never bodies). A million articles with three related links
each fit in about a gigabyte; bodies full of links cost more, so body links
that cannot concern the corpus (other schemes, anchors, assets) are dropped
on the map side.

Which hosts are the corpus's *own site*: ``site_hosts`` in the config (a host
there also covers its subdomains), else every host that holds at least
``site_share`` of the articles that have a URL and at least
``min_site_articles`` of them — and, once ``coverage_min_links`` links point
into it, to which at least ``coverage_share`` of them resolve. A scraped
dataset of many sites has no own site, and neither has a sample that holds a
fraction of one big site (its links mostly lead outside the sample), so
neither gets "missing target" findings; a content repository of one site
does. The corpus must be the whole site for these findings to mean anything: with fewer than ``min_corpus_articles`` articles (linting one file)
missing targets are not reported, and a pre-commit hook for NL604 should lint
the whole tree (``pass_filenames: false``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from ..document import Document
from ..model import Severity
from .base import CorpusCheck, Hit, Rule
from .links_extract import (
    ARTICLE_EXTS,
    absolute,
    bare_host,
    body_links,
    check_http,
    classify,
    dir_template,
    is_asset,
    norm_url,
    path_parts,
    related_items,
    resolve_file,
    slug_of,
    tag_spec,
)

BROKEN_INTERNAL = Rule(
    code="NL604",
    name="broken-internal-link",
    severity=Severity.ERROR,
    summary="A related item or body link points at the site's own articles but no article of the corpus is there.",
    why=(
        "A link into your own site that matches no article is a 404 waiting to happen: the "
        "story was renamed, unpublished or never existed, or the link was typed by hand. "
        "Offline, newslint knows the site from the corpus: a related item on an own-site "
        "host, a body link to an own-site article path, a relative link to a content file "
        "(`../other-post.md`) or a generator tag (`{% post_url 2024-05-14-slug %}`, "
        "`{% link _posts/… %}`, `{{< ref \"slug\" >}}`) must resolve to an article that is in "
        "the corpus. Own-site hosts come from `site_hosts`, or are inferred from the "
        "articles' URLs; lint the whole site, not one file, for this rule to mean anything."
    ),
    fires="corpus: https://example.com/news/a and https://example.com/news/b; "
          "a related item links https://example.com/news/c",
    quiet="a related item links https://example.com/news/b, which is in the corpus, "
          "or https://other.org/story, which is not the site's own",
)

TITLE_MISMATCH = Rule(
    code="NL605",
    name="related-title-mismatch",
    severity=Severity.WARNING,
    summary="A related item's title does not match the title of the corpus article it links to.",
    why=(
        "When the title in the related box and the article behind the link disagree, one of "
        "them is wrong: the link was pasted into the wrong card, or the story was retitled "
        "and the box was not. Readers click on a promise the page does not keep. Titles are "
        "compared fuzzily (rapidfuzz token-set ratio, ignoring case and punctuation), so a "
        "shortened teaser title still matches; the threshold is `min_title_similarity`."
    ),
    fires='related {"title": "Thai regulator takes action against crypto ads", "url": '
          '"https://example.com/jd-stablecoin"} where that URL is "China\'s JD.com to apply for '
          'stablecoin licenses"',
    quiet='related {"title": "JD.com to apply for stablecoin licenses", "url": '
          '"https://example.com/jd-stablecoin"}',
)

DATE_MISMATCH = Rule(
    code="NL606",
    name="related-date-mismatch",
    severity=Severity.WARNING,
    summary="A related item's date differs from the publication date of the corpus article it links to.",
    why=(
        "A related card that shows the wrong date misleads the reader about how fresh the "
        "story is, and usually means the card was built from a different article than the "
        "one it links to. Dates are compared by calendar day, with `date_tolerance_days` "
        "(1 by default) of slack for time zones."
    ),
    fires='related {"url": "https://example.com/a", "published_at": "2024-05-24"} where '
          'article a was published 2023-11-21',
    quiet='related {"url": "https://example.com/a", "published_at": "2023-11-21"}',
)


class IndexOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: below this token-set similarity (0–100) a related title disagrees with its target
    min_title_similarity: float = Field(default=60, ge=0, le=100)
    #: days a related date may differ from its target's publication date
    date_tolerance_days: int = Field(default=1, ge=0)
    #: an inferred own-site host holds at least this share of the articles with a URL…
    site_share: float = Field(default=0.2, gt=0, le=1)
    #: …and at least this many of them
    min_site_articles: int = Field(default=2, ge=1)
    #: missing targets are reported only in a corpus of at least this many articles
    min_corpus_articles: int = Field(default=2, ge=1)
    #: an inferred host with at least ``coverage_min_links`` links into it counts as the
    #: corpus's own site only if ``coverage_share`` of them resolve: a corpus that
    #: holds the whole site resolves most of its links, a sample of a site does not
    coverage_min_links: int = Field(default=20, ge=1)
    coverage_share: float = Field(default=0.3, ge=0, le=1)


class LinkSig(NamedTuple):
    """One link, as small as it can be. ``how`` says what ``key`` is:
    ``url`` a normalised URL, ``id`` an article id, ``file`` exact path parts,
    ``tag`` (parts, exact) of a generator tag or root-relative content path,
    ``slug`` the last path segment of a page link the article could not resolve
    (``root`` is True when it was root-relative: on the site by construction)."""

    pointer: str
    start: int | None
    end: int | None
    syntax: str  # related, markdown, html, jekyll-link, post_url, hugo-ref, …
    how: str
    key: object
    shown: str
    related: int | None = None  # index of the related item
    title: str | None = None
    date: int | None = None  # date ordinal
    root: bool = False
    path: str | None = None  # URL path of a root-relative link, for the article-path test


class ArticleSig(NamedTuple):
    id: str | None
    url: str | None  # normalised
    title: str | None
    date: int | None
    parts: tuple[str, ...] | None  # content-file path parts (not for JSONL records)
    slugs: tuple[str, ...]
    links: tuple[LinkSig, ...]


_SHOWN = 160


def _ordinal(value) -> int | None:
    return value.toordinal() if value is not None else None


def _link_sigs(doc: Document) -> Iterator[LinkSig]:
    article = doc.article
    base = article.url if article.url and not check_http(article.url) else None
    for item in related_items(doc):
        extra = dict(related=item.index, title=item.title[:300] if item.title else None,
                     date=_ordinal(item.date))
        if item.url is None:
            if item.id is not None:
                yield LinkSig(f"{item.pointer}/id", None, None, "related", "id", item.id, item.id, **extra)
            continue
        sig = _resolve(item.url, doc, base, item.url_pointer, None, None, "related", **extra)
        if sig is not None:
            yield sig
    for link in body_links(doc):
        if link.syntax in ("jekyll-link", "post_url", "hugo-ref"):
            spec = tag_spec(link, doc.path)
            if spec is not None:
                yield LinkSig("/body", link.start, link.end, link.syntax, "tag", spec, link.dest[:_SHOWN])
            continue
        if "#" in link.dest:
            continue  # anchors: even a missing anchor is not a missing article
        sig = _resolve(link.dest, doc, base, "/body", link.start, link.end, link.syntax)
        if sig is not None:
            yield sig


def _resolve(dest: str, doc: Document, base: str | None, pointer: str, start, end, syntax: str,
             **extra) -> LinkSig | None:
    related = extra.get("related") is not None
    target = classify(dest, related=related)
    if target.problem or target.kind in ("scheme", "fragment", "template"):
        return None
    shown = dest[:_SHOWN]
    if target.kind == "file":
        if dest.startswith("/"):  # repo-root path, as GitHub renders it: match its end
            return LinkSig(pointer, start, end, syntax, "tag", (path_parts(dest), False), shown, **extra)
        path = resolve_file(doc.path, dest)
        return LinkSig(pointer, start, end, syntax, "file", path_parts(path), shown, **extra)
    full = absolute(dest, base)
    if full is not None:
        normal = norm_url(full)
        if normal is None or is_asset(normal.split("?", 1)[0]) and not related:
            return None
        return LinkSig(pointer, start, end, syntax, "url", normal, shown, **extra)
    slug = slug_of(dest.split("?", 1)[0])
    if slug is None:
        return None
    rooted = target.kind == "root"
    return LinkSig(pointer, start, end, syntax, "slug", slug, shown, root=rooted,
                   path=dest.split("?", 1)[0] if rooted else None, **extra)


def parts_match(parts: tuple[str, ...], spec: tuple[str, ...], exact: bool) -> bool:
    """Does a content file (``parts``) answer a tag's ``spec``?"""
    if not spec:
        return False
    if exact:
        return parts == spec
    return len(parts) >= len(spec) and parts[-len(spec):] == spec


def _host(normal: str) -> str:
    return normal.split("/", 1)[0].split(":", 1)[0]


def _path(normal: str) -> str:
    rest = normal.split("?", 1)[0]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


class _Index:
    """Every article as a link target, keyed every way a link can name it."""

    def __init__(self, sigs: list[ArticleSig]) -> None:
        self.by_url: dict[str, int] = {}
        self.by_id: dict[str, int] = {}
        self.by_parts: dict[tuple[str, ...], int] = {}
        self.by_stem: dict[str, list[int]] = defaultdict(list)
        #: folders that hold articles (sections: their list page exists even when
        #: its own file, ``_index.md``, is not linted), by their last part
        self.folders: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self.slugs: set[str] = set()
        for i, sig in enumerate(sigs):
            if sig.url:
                self.by_url.setdefault(sig.url, i)
            if sig.id:
                self.by_id.setdefault(sig.id, i)
            if sig.parts:
                self.by_parts.setdefault(sig.parts, i)
                self.by_stem[sig.parts[-1]].append(i)
                for j in range(1, len(sig.parts)):
                    self.folders[sig.parts[j - 1]].add(sig.parts[:j])
            self.slugs.update(sig.slugs)
        self.sigs = sigs

    def section(self, spec: tuple[tuple[str, ...], bool]) -> bool:
        """Does a tag name a folder of articles (a section's list page)?"""
        parts, exact = spec
        if not parts:
            return False
        folders = self.folders.get(parts[-1], ())
        if exact:
            return parts in folders
        return any(parts_match(folder, parts, False) for folder in folders)

    def elsewhere(self, parts: tuple[str, ...]) -> tuple[str, ...] | None:
        """An article whose path is the link's with folders added or dropped at
        the front (``docs/pages/team`` → ``pages/team``): the link was likely
        written relative to another folder (the repository root)."""
        best = None
        for i in self.by_stem.get(parts[-1], ()) if parts else ():
            cand = self.sigs[i].parts or ()
            n = min(len(cand), len(parts))
            if n >= 2 and cand[-n:] == parts[-n:] and (best is None or len(cand) < len(best)):
                best = cand
        return best

    def tag(self, spec: tuple[tuple[str, ...], bool]) -> int | None:
        parts, exact = spec
        if not parts:
            return None
        if exact:
            return self.by_parts.get(parts)
        for i in self.by_stem.get(parts[-1], ()):
            if parts_match(self.sigs[i].parts or (), parts, False):
                return i
        return None


def own_hosts(sigs: list[ArticleSig], configured: list[str], opts: IndexOptions, index: "_Index"):
    """A predicate: is this (bare) host the corpus's own site?"""
    if configured:
        hosts = tuple(bare_host(h.strip().split("/", 1)[0]) for h in configured if h.strip())
        return lambda host: any(host == h or host.endswith("." + h) for h in hosts)
    counts = Counter(_host(sig.url) for sig in sigs if sig.url)
    total = sum(counts.values())
    inferred = {h for h, n in counts.items() if n >= opts.min_site_articles and n >= opts.site_share * total}
    if inferred:
        links: Counter[str] = Counter()
        resolved: Counter[str] = Counter()
        for sig in sigs:
            for link in sig.links:
                if link.how == "url" and _host(link.key) in inferred:
                    links[_host(link.key)] += 1
                    resolved[_host(link.key)] += link.key in index.by_url
        inferred = {h for h in inferred
                    if links[h] < opts.coverage_min_links or resolved[h] >= opts.coverage_share * links[h]}
    return inferred.__contains__


def _article_templates(sigs: list[ArticleSig], is_own) -> set[str]:
    return {dir_template(_path(sig.url)) for sig in sigs if sig.url and is_own(_host(sig.url))}


def _article_like(path: str, templates: set[str]) -> bool:
    """Does a body link's path look like one of the site's article paths?

    Body links also reach tag pages, author pages and about pages, which are
    not articles: only a path in a folder where the corpus has articles counts
    (``/2019/11/18/…`` is generalised to ``/0/0/0/``). Articles at the site root
    share it with every other page, so there the slug must read like a headline
    (four or more words).
    """
    if is_asset(path):
        return False
    template = dir_template(path)
    if template not in templates:
        return False
    if template == "/":
        slug = slug_of(path) or ""
        return len([w for w in slug.split("-") if w]) >= 4
    return True


class LinkIndexCheck(CorpusCheck):
    """NL604–NL606: resolve every link against an index of the corpus."""

    rules = (BROKEN_INTERNAL, TITLE_MISMATCH, DATE_MISMATCH)
    Options = IndexOptions

    def signature(self, doc: Document, ctx) -> ArticleSig | None:
        if ctx.settings.links == "off":
            return None
        article = doc.article
        normal = norm_url(article.url) if article.url and not check_http(article.url) else None
        parts = path_parts(doc.path) if doc.format != "jsonl" else None
        slugs = {s for s in (slug_of(_path(normal)) if normal else None,
                             slug_of(doc.path) if parts else None) if s}
        slug = (doc.data or {}).get("slug")
        if isinstance(slug, str) and slug.strip():
            slugs.add(slug.strip().casefold())
        title = article.title.strip()[:300] if article.title else None
        date = article.published_at.date().toordinal() if article.published_at else None
        return ArticleSig(article.id, normal, title, date, parts, tuple(sorted(slugs)),
                          tuple(_link_sigs(doc)))

    def reduce(self, items, ctx) -> Iterator[tuple[object, Hit]]:
        if not items or not any(sig.links for _, sig in items):
            return
        opts: IndexOptions = ctx.opts(self)
        sigs = [sig for _, sig in items]
        index = _Index(sigs)
        is_own = own_hosts(sigs, ctx.settings.site_hosts, opts, index)
        templates = _article_templates(sigs, is_own)
        whole = len(items) >= opts.min_corpus_articles
        for i, (ref, sig) in enumerate(items):
            for link in sig.links:
                target, missing = self._lookup(link, index, is_own, templates)
                if target is None:
                    if missing and whole:
                        yield ref, Hit("NL604", missing, pointer=link.pointer, start=link.start,
                                       end=link.end, evidence=f"{link.how}:{link.key}")
                    continue
                if target != i and link.related is not None:
                    yield from ((ref, hit) for hit in self._compare(link, sigs[target], opts))

    @staticmethod
    def _lookup(link: LinkSig, index: _Index, is_own, templates) -> tuple[int | None, str | None]:
        """(target article, or None and why the link is broken — None if it may be fine)."""
        what = "related URL" if link.related is not None else "link"
        if link.how == "url":
            found = index.by_url.get(link.key)
            if found is not None:
                return found, None
            host, path = _host(link.key), _path(link.key)
            if not is_own(host):
                return None, None
            if link.related is None and not _article_like(path, templates):
                return None, None
            if slug_of(path) in index.slugs:
                return None, None  # same slug under another URL form: not provably broken
            return None, (f"{what} {link.shown!r} is on the site's own host {host}, but no article "
                          "of the corpus has that URL")
        if link.how == "id":
            found = index.by_id.get(link.key)
            if found is None and index.by_id:
                return None, f"related id {link.key!r} is not the id of any article in the corpus"
            return found, None
        if link.how == "file":
            found = index.by_parts.get(link.key)
            if found is None:
                where = "/".join(link.key)
                near = index.elsewhere(link.key)
                hint = (f"; an article is at {'/'.join(near)} (is the link written from another folder?)"
                        if near else "")
                return None, (f"{what} {link.shown!r} resolves to {where}, which is not an article "
                              f"of the corpus{hint}")
            return found, None
        if link.how == "tag":
            found = index.tag(link.key)
            if found is None and index.section(link.key):
                return None, None  # {{< relref "functions" >}}: a section's list page
            if found is None:
                kind = "link" if link.syntax in ("markdown", "html", "reference", "related") else f"{link.syntax} tag"
                return None, f"{kind} {link.shown!r} names no article of the corpus"
            return found, None
        # slug: a page link the article could not resolve (it has no URL of its own)
        if link.key in index.slugs:
            return None, None
        if link.root and link.path and _article_like(link.path, templates):
            return None, (f"{what} {link.shown!r} looks like an article path of this site, but no "
                          "article of the corpus has that slug")
        return None, None

    @staticmethod
    def _compare(link: LinkSig, target: ArticleSig, opts: IndexOptions) -> Iterator[Hit]:
        item = f"/related/{link.related}"
        if link.title and target.title:
            from rapidfuzz import fuzz, utils

            score = fuzz.token_set_ratio(link.title, target.title, processor=utils.default_process)
            if score < opts.min_title_similarity:
                yield Hit("NL605", f"related title {link.title!r} does not match the linked article's "
                                   f"title {target.title!r} (similarity {score:.0f} %)",
                          pointer=f"{item}/title", evidence=f"{link.title}|{target.title}")
        if link.date is not None and target.date is not None:
            days = abs(link.date - target.date)
            if days > opts.date_tolerance_days:
                from datetime import date

                yield Hit("NL606", f"related date {date.fromordinal(link.date)} differs from the linked "
                                   f"article's publication date {date.fromordinal(target.date)} "
                                   f"({days} days)",
                          pointer=f"{item}/published_at", evidence=f"{link.date}|{target.date}")


__all__ = ["ARTICLE_EXTS", "BROKEN_INTERNAL", "DATE_MISMATCH", "TITLE_MISMATCH", "LinkIndexCheck",
           "parts_match"]
