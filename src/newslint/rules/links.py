"""NL6xx — related links: the ``related`` list and the links in the body.

Three checks, by what they need:

* :class:`LinkCheck` (per article, always): NL600 a related item with no URL,
  NL601 a malformed or non-web link, NL602 a link to the article itself, NL603
  a related item listed twice. Pure string work on one article.
* :class:`~newslint.rules.links_index.LinkIndexCheck` (corpus, ``--links
  offline``, the default, and ``online``): NL604 a link to the site's own
  articles that resolves to no article of the corpus, NL605/NL606 a related
  item whose title or date disagrees with the article it links to.
* :class:`~newslint.rules.links_online.OnlineLinkCheck` (corpus, ``--links
  online`` only): NL610–NL614 from fetching each http(s) target once.

``--links off`` turns off everything that needs the corpus link index or the
network (NL604–NL614); the per-article checks NL600–NL603 still run, as any
rule does (``ignore = ["NL6"]`` silences the whole family).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from ..document import Document
from ..model import Edit, Fix, Severity
from .base import Check, CorpusCheck, Hit, Rule
from .links_extract import (
    absolute,
    body_links,
    check_http,
    classify,
    is_placeholder,
    link_label,
    norm_url,
    path_parts,
    placeholders,
    related_items,
    resolve_file,
    scheme_of,
    tag_spec,
)
from .links_index import BROKEN_INTERNAL, DATE_MISMATCH, TITLE_MISMATCH, LinkIndexCheck, parts_match
from .links_online import HTTP_ERROR, MOVED, REDIRECT_LOOP, SOFT_404, UNREACHABLE, OnlineLinkCheck

NO_URL = Rule(
    code="NL600",
    name="related-without-url",
    severity=Severity.WARNING,
    summary="A related item has a title (or date) but no URL to follow.",
    why=(
        "A related-articles box exists to send the reader somewhere. An item without a link "
        "is dead text: the widget renders a title that goes nowhere, a feed drops it, and a "
        "search index cannot connect the two articles. Scrapers produce these when the "
        "link sat on an element they did not keep (the card, not the title). An item that "
        "has an `id` of a corpus article counts as linked, unless `require_url = true`."
    ),
    fires='"related": [{"title": "Thai regulator takes action against deceptive crypto ads", '
          '"published_at": "2024-05-24"}]',
    quiet='"related": [{"title": "Thai regulator takes action against deceptive crypto ads", '
          '"url": "https://example.com/news/thai-regulator-crypto-ads"}]',
)

MALFORMED = Rule(
    code="NL601",
    name="malformed-link",
    severity=Severity.ERROR,
    summary="A link is not a valid web address: malformed, a placeholder, or another scheme "
            "(javascript:, ftp:).",
    why=(
        "A URL with a space, no host, no scheme (`www.example.com/x`), a `localhost` "
        "address or a `javascript:` handler cannot be followed by a reader, a crawler or a "
        "link checker; they are leftovers of a scrape or of a CMS field filled by hand. "
        "So is a link whose target was never written: empty (`[x]()`), a bare `#`, a "
        "placeholder (`[the survey](TODO)`, `[docs](link)`, a lone letter; the words are the "
        "`link-placeholders` lexicon) or an HTML comment (`[x]: <!-- add the issue -->`). "
        "An e-mail address without `mailto:` is a relative link to a page of that name, "
        "and so is an address in a second pair of parentheses (`[x]((https://…))`). "
        "Related items must point at web pages (http or https). Body links may also use "
        "the schemes in `body_schemes` (mailto:, tel:, sms:, irc:, ircs:, skype:, sip:, "
        "sips:, xmpp: and matrix: by default), since an article may well say how to reach "
        "its author or its community. A body "
        "link to a local address whose visible text is that address "
        "(`[http://localhost:4000](http://localhost:4000)`) is a tutorial telling the reader "
        "where their own server runs, and stays quiet; behind any other text it is a "
        "staging link that leaked into the page. A `#` link labelled as a way back to the "
        "top (`[Back to top](#)`, the `link-top-labels` lexicon) does what it says."
    ),
    fires='"related": [{"title": "Markets wrap", "url": "javascript:void(0)"}]\n'
          "Body: Read [the report](https://example.com/annual report.pdf) and fill in "
          "[the survey](TODO).",
    quiet='"related": [{"title": "Markets wrap", "url": "https://example.com/markets-wrap"}]\n'
          "Body: Write to [the desk](mailto:desk@example.com).",
    fix="Adds a missing 'mailto:' to an e-mail address and drops an extra pair of parentheses "
        "around an address (safe); adds 'https://' to an address that lacks a scheme (unsafe: "
        "the site may serve only http).",
)

SELF_LINK = Rule(
    code="NL602",
    name="self-link",
    severity=Severity.WARNING,
    summary="A related item or body link points back at the article itself.",
    why=(
        "An article recommending itself wastes a slot of the related box and sends the "
        "reader in a circle; in scraped bodies a link to the page's own URL is usually a "
        "share or permalink button that leaked into the text. URLs are compared without "
        "scheme, `www.`, trailing slash or tracking parameters; ids and content-file paths "
        "count too. In-page anchors (`#section`) are fine."
    ),
    fires='"url": "https://example.com/a", "related": [{"title": "A", "url": "http://www.example.com/a/"}]',
    quiet='"url": "https://example.com/a", "related": [{"title": "B", "url": "https://example.com/b"}]',
)

DUPLICATE = Rule(
    code="NL603",
    name="duplicate-related",
    severity=Severity.WARNING,
    summary="The same article is listed twice among the related items.",
    why=(
        "A related box has few slots; the same story twice crowds out another and looks "
        "broken. It usually comes from merging two recommendation sources, or from a scraper "
        "that read the same card in two layouts (desktop and mobile). Entries are the same "
        "when their URLs normalise alike, or their ids match, or — with neither — their "
        "titles match."
    ),
    fires='"related": [{"url": "https://example.com/a"}, {"url": "https://example.com/a?utm_source=x"}]',
    quiet='"related": [{"url": "https://example.com/a"}, {"url": "https://example.com/b"}]',
    fix="Removes the later copy (safe when both entries are identical, unsafe otherwise).",
)


class LinkOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: report an item that has an ``id`` but no ``url`` too
    require_url: bool = False
    #: check links in the body as well as the related list
    body_links: bool = True
    #: schemes a body link may use besides http(s)
    body_schemes: list[str] = Field(
        default_factory=lambda: ["http", "https", "mailto", "tel", "sms", "irc", "ircs",
                                 "skype", "sip", "sips", "xmpp", "matrix"])


#: Why a scheme cannot be followed, where there is more to say than that.
_SCHEME_WHY = {
    "javascript": "which runs a script instead of opening a page",
    "ftp": "which browsers no longer open (offer the file over https)",
    "file": "which points at a file on the writer's own computer",
    "data": "which embeds content instead of linking to a page",
}
_SCHEME_WHY_DEFAULT = "which readers cannot follow as a web link"


def _repair(target, dest: str, raw, pointer: str, start: int, end: int) -> Fix | None:
    """Write the destination as it was meant. Only when ``raw``, the text the fix
    replaces, is the destination as read (no entities, no spaces around it)."""
    if not target.repair or raw != dest:
        return None
    return Fix(message=f"link to {target.repair!r}", applicability="safe" if target.sure else "unsafe",
               edits=(Edit(pointer=pointer, start=start, end=end, replacement=target.repair),))


def _raw_value(doc: Document, pointer: str):
    """The value at ``/related/2/url`` (or ``/related/2`` for a bare string) in the data."""
    value = doc.data
    for key in pointer.strip("/").split("/"):
        if isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        elif isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value


def _shown(dest: str) -> str:
    """The target as the writer typed it (an HTML comment gets its brackets back)."""
    if dest.startswith("!--"):
        dest = f"<{dest}>"
    return dest[:80]


def _own_parts(doc: Document) -> tuple[str, ...] | None:
    """A content file's own path parts; a JSONL record has no file of its own."""
    return path_parts(doc.path) if doc.format != "jsonl" else None


def _is_own_file(own_parts: tuple[str, ...], doc_path: str, dest: str) -> bool:
    if dest.startswith("/"):  # repo-root path: compare its end
        return parts_match(own_parts, path_parts(dest.split("?", 1)[0]), False)
    return path_parts(resolve_file(doc_path, dest)) == own_parts


def _shows_address(body: str, link) -> bool:
    """Does the link's visible text show the local address it points at?"""
    label = link_label(body, link)
    if not label:
        return False
    host = (urlsplit(link.dest).hostname or "").casefold()
    return bool(host) and host in label.casefold()


class LinkCheck(Check):
    """NL600–NL603 over one article: its related list, then its body links."""

    rules = (NO_URL, MALFORMED, SELF_LINK, DUPLICATE)
    Options = LinkOptions

    def check(self, doc: Document, ctx) -> Iterator[Hit]:
        opts: LinkOptions = ctx.opts(self)
        article = doc.article
        own_url = norm_url(article.url) if article.url else None
        base = article.url if article.url and not check_http(article.url) else None
        own_parts = _own_parts(doc)
        yield from self._related(doc, ctx, opts, own_url, base, own_parts)
        if opts.body_links:
            yield from self._body(doc, ctx, opts, own_url, base, own_parts)

    def _related(self, doc, ctx, opts, own_url, base, own_parts) -> Iterator[Hit]:
        own_id = doc.article.id
        seen: dict[tuple[str, str], object] = {}
        raw = (doc.data or {}).get("related")
        for item in related_items(doc):
            label = f" {item.title!r}" if item.title else ""
            key: tuple[str, str] | None = None
            if item.url is None:
                if item.id is None or opts.require_url:
                    yield Hit("NL600", f"related item{label} has no URL", pointer=item.pointer,
                              evidence=item.title or item.id or item.pointer)
                if item.id is not None:
                    key = ("id", item.id)
                    if own_id and item.id == own_id:
                        yield Hit("NL602", f"related item{label} is this article itself (id {item.id!r})",
                                  pointer=item.pointer, evidence=item.id)
                elif item.title:
                    key = ("title", " ".join(item.title.casefold().split()))
            else:
                url = item.url
                target = classify(url, related=True)
                if target.problem:
                    yield Hit("NL601", f"related URL {_shown(url)!r} {target.problem}",
                              pointer=item.url_pointer, evidence=url,
                              fix=_repair(target, url, _raw_value(doc, item.url_pointer), item.url_pointer,
                                          0, len(url)))
                elif target.kind == "relative" and is_placeholder(url, placeholders(doc, ctx)):
                    yield Hit("NL601", f"related URL {url!r} is a placeholder, not an address; "
                                       "write the linked article's URL", pointer=item.url_pointer,
                              evidence=url)
                elif target.kind == "scheme":
                    yield Hit("NL601", f"related URL {url!r} uses the {scheme_of(url)}: scheme; a related "
                                       "item must link to a web page (http or https)",
                              pointer=item.url_pointer, evidence=url)
                elif target.kind == "fragment":
                    yield Hit("NL601", f"related URL {url!r} is only an in-page anchor; it names no article",
                              pointer=item.url_pointer, evidence=url)
                elif target.kind == "file":
                    path = resolve_file(doc.path, url)
                    key = ("file", path)
                    if own_parts is not None and _is_own_file(own_parts, doc.path, url):
                        yield Hit("NL602", f"related URL {url!r} is this article's own file",
                                  pointer=item.url_pointer, evidence=url)
                elif target.kind != "template":
                    full = absolute(url, base)
                    normal = norm_url(full) if full else None
                    key = ("url", normal or url)
                    if normal is not None and normal == own_url:
                        yield Hit("NL602", f"related URL {url!r} is this article's own URL",
                                  pointer=item.url_pointer, evidence=url)
                if key is None and item.id is not None:
                    key = ("id", item.id)
            if key is None:
                continue
            if key in seen:
                first = seen[key]
                same = isinstance(raw, list) and raw[first.index] == raw[item.index]
                what = {"url": "URL", "file": "file", "id": "id", "title": "title"}[key[0]]
                yield Hit(
                    "NL603",
                    f"related item {item.index}{label} repeats item {first.index} (same {what})",
                    pointer=item.pointer, evidence=f"{key[0]}:{key[1]}",
                    fix=Fix(message="remove the repeated related item",
                            applicability="safe" if same else "unsafe",
                            edits=(Edit(pointer=item.pointer, start=0, end=0, replacement=None),)),
                )
            else:
                seen[key] = item

    def _body(self, doc, ctx, opts, own_url, base, own_parts) -> Iterator[Hit]:
        schemes = {s.lower() for s in opts.body_schemes}
        # a link can only be this article's URL if it contains the URL's last segment
        own_tail = own_url.rsplit("/", 1)[-1].split("?", 1)[0].casefold() if own_url else ""
        for link in body_links(doc):
            dest = link.dest
            if link.syntax in ("jekyll-link", "post_url", "hugo-ref"):
                spec = tag_spec(link, doc.path)
                if "#" in dest:
                    continue  # {{< ref "page.md#section" >}}: an anchor in a page, even this one
                if spec and own_parts is not None and parts_match(own_parts, *spec):
                    yield Hit("NL602", f"{link.syntax} tag {dest!r} links to this article itself",
                              start=link.start, end=link.end)
                continue
            target = classify(dest)
            if target.local and _shows_address(doc.body, link):
                continue  # "Browse to [http://localhost:4000](http://localhost:4000)": an instruction
            if target.problem:
                message = (f"link {_shown(dest)!r} {target.problem}" if dest else
                           "link has an empty destination, a placeholder never filled in; write the "
                           "address, or remove the link")
                yield Hit("NL601", message, start=link.start, end=link.end, evidence=dest or "empty",
                          fix=_repair(target, dest, doc.body[link.start:link.end], "/body",
                                      link.start, link.end))
            elif target.kind == "scheme":
                scheme = scheme_of(dest)
                if scheme not in schemes:
                    why = _SCHEME_WHY.get(scheme, _SCHEME_WHY_DEFAULT)
                    yield Hit("NL601", f"link {dest[:60]!r} uses the {scheme}: scheme, {why}",
                              start=link.start, end=link.end)
            elif dest == "#" and link.syntax in ("markdown", "reference"):
                # "[Back to top](#)" does what it says; any other text promised a page.
                # (<a href="#"> is left alone: in HTML a script usually handles the click.)
                label = link_label(doc.body, link)
                if not (label and ctx.lexicon("link-top-labels", doc.article.lang).match_line(label)):
                    yield Hit("NL601", "link target '#' leads only to the top of this page, a "
                                       "placeholder never filled in; write the address, or remove "
                                       "the link", start=link.start, end=link.end, evidence="#")
            elif "#" in dest:
                continue  # an anchor in a page, even this one, is a fine link
            elif target.kind == "relative" and is_placeholder(dest, placeholders(doc, ctx)):
                yield Hit("NL601", f"link target {dest!r} is a placeholder, not an address; write "
                                   "the address, or remove the link", start=link.start, end=link.end,
                          evidence=dest)
            elif target.kind == "file":
                if own_parts is not None and _is_own_file(own_parts, doc.path, dest):
                    yield Hit("NL602", f"link {dest!r} points at this article's own file",
                              start=link.start, end=link.end)
            elif target.kind in ("url", "root", "relative") and own_url and own_tail in dest.casefold():
                full = absolute(dest, base)
                if full and norm_url(full) == own_url:
                    yield Hit("NL602", f"link {dest!r} points at this article's own URL",
                              start=link.start, end=link.end)


CHECKS: list[Check] = [LinkCheck()]
CORPUS_CHECKS: list[CorpusCheck] = [LinkIndexCheck(), OnlineLinkCheck()]

__all__ = [
    "BROKEN_INTERNAL", "DATE_MISMATCH", "DUPLICATE", "HTTP_ERROR", "MALFORMED", "MOVED", "NO_URL",
    "REDIRECT_LOOP", "SELF_LINK", "SOFT_404", "TITLE_MISMATCH", "UNREACHABLE", "CHECKS", "CORPUS_CHECKS",
]
