"""Finding links in an article: its ``related`` items and the links in its body.

Pure string work shared by the NL6xx checks (per-article and corpus). Nothing
here touches the network or the file system.

*Related items* are read from the mapped data (not the lenient model, which
drops a whole list when one item has a bad date). An item may be an object
(``title``, ``url``, ``id``, ``published_at``; ``href``/``link``/``permalink``
are accepted for ``url``) or a bare URL string.

*Body links* are parsed from ``doc.body`` (the prose view blanks link
destinations): Markdown inline links and reference definitions, ``<autolinks>``,
HTML ``<a href>``, Jekyll ``{% link %}`` / ``{% post_url %}`` and Hugo
``{{< ref >}}`` / ``{{< relref >}}``. Links inside code (fenced or indented
blocks, inline code spans, ``{% raw %}``/``{% highlight %}`` blocks, HTML
comments) are examples, not links, and are skipped. Images (``![alt](src)``)
are not links.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from datetime import date, datetime
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from ..document import Document

# ---------------------------------------------------------------- link records

#: Kinds of link target, after looking at the destination alone.
#: ``url``: absolute http(s) (or protocol-relative) · ``root``: ``/path`` on the
#: article's own site · ``relative``: a page path relative to the article's URL ·
#: ``file``: a relative path to a content file (``../post.md``) · ``tag``: a
#: generator link tag · ``scheme``: another scheme (``mailto:``) · ``fragment``:
#: ``#anchor`` in the page · ``template``: built by the generator, not checkable.
KINDS = ("url", "root", "relative", "file", "tag", "scheme", "fragment", "template")


class Related(NamedTuple):
    """One ``related`` entry, as found in the data."""

    index: int
    pointer: str  # /related/2
    url: str | None  # None when absent, null, empty or blank
    url_pointer: str  # /related/2/url (or the alias key, or the item itself for a bare string)
    id: str | None
    title: str | None
    date: date | None
    date_raw: str | None


class BodyLink(NamedTuple):
    """One link in the body; ``start``/``end`` delimit its destination in ``doc.body``."""

    start: int
    end: int
    dest: str  # the destination as the reader's browser sees it (entities decoded)
    syntax: str  # markdown, reference, autolink, html, jekyll-link, post_url, hugo-ref
    opening: int = -1  # where the link's markup starts ("[" of a Markdown link, "<a")


_URL_KEYS = ("url", "href", "link", "permalink")


def _text(value) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def parse_date(value) -> date | None:
    """A date out of an ISO 8601 date or date-time string (or a date object)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def related_items(doc: Document) -> list[Related]:
    data = doc.data
    if not data:
        return []
    items = data.get("related")
    if not isinstance(items, list):
        return []
    out: list[Related] = []
    for i, item in enumerate(items):
        pointer = f"/related/{i}"
        if isinstance(item, str):
            out.append(Related(i, pointer, _text(item), pointer, None, None, None, None))
            continue
        if not isinstance(item, dict):
            continue  # the schema check reports a wrong shape
        url, url_pointer = None, f"{pointer}/url"
        for key in _URL_KEYS:
            if key in item:
                url, url_pointer = _text(item[key]), f"{pointer}/{key}"
                if url:
                    break
        ident = item.get("id")
        ident = str(ident).strip() if isinstance(ident, (str, int)) and str(ident).strip() else None
        raw_date = item.get("published_at")
        out.append(Related(i, pointer, url, url_pointer, ident, _text(item.get("title")),
                           parse_date(raw_date), raw_date if isinstance(raw_date, str) else None))
    return out


# ---------------------------------------------------------------- body links

_MD_TEXT = r"(?:[^\[\]\n]++|\[[^\[\]\n]*\](?:\([^()\n]*\))?)*+"
_MD_DEST = r"(<[^<>\n]*>|(?:[^()\s]++|\([^()\s]*\))*+)"
_MD_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
#: (a character the body must hold, a quick probe or None, the pattern, syntax);
#: the destination is the last group that matched. Single-character tests are
#: memchr-fast and a literal regex probe beats ``"]:" in body`` (CPython).
_P = re.compile
_SYNTAXES = (
    # Markdown inline link [text](dest "title"); an image when preceded by "!" (skipped
    # after matching, so the scan can start at the literal "[")
    ("]", _P(r"\]\("), _P(rf"\[{_MD_TEXT}\]\(\s*{_MD_DEST}{_MD_TITLE}\s*\)"), "markdown"),
    # reference definition: [label]: dest   (not a footnote [^1]:)
    ("]", _P(r"\]:"), _P(r"(?m)^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)"), "reference"),
    ("<", None, _P(r"<((?:https?|ftp|mailto):[^<>\s]+)>", re.IGNORECASE), "autolink"),
    ("<", None, _P(r"<a\s[^<>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+))", re.IGNORECASE), "html"),
    ("{", _P(r"\{%"), _P(r"\{%-?\s*post_url\s+([^%{}]+?)\s*-?%\}"), "post_url"),
    ("{", _P(r"\{%"), _P(r"\{%-?\s*link\s+([^%{}]+?)\s*-?%\}"), "jekyll-link"),
    ("{", _P(r"\{\{"),
     _P(r"\{\{[<%]\s*(?:rel)?ref\s+(?:path\s*=\s*)?(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>%]+))"), "hugo-ref"),
)

# Regions of the body whose links are examples, not links.
_CODE_REGIONS = re.compile(
    r"\{%-?\s*(raw|highlight|comment)\b.*?\{%-?\s*end\1\s*-?%\}"
    r"|\{\{[<%]\s*(highlight|code(?:[-_][\w-]+)?)\b.*?\{\{[<%]\s*/\s*\2\s*[>%]\}\}"  # and {{< code-toggle >}}
    r"|<!--.*?(?:-->|\Z)"
    r"|(`+)(?!`).+?(?<!`)\3(?!`)",
    re.DOTALL,
)


def _code_ranges(doc: Document) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    if doc.markup == "markdown":
        for line in doc.lines:
            if line.kind == "code":
                ranges.append((line.start, line.end))
        body = doc.body
        if "`" in body or "{" in body or "<" in body:
            ranges.extend(m.span() for m in _CODE_REGIONS.finditer(body))
        ranges.sort()
        merged: list[tuple[int, int]] = []
        for start, end in ranges:  # code lines and code spans may overlap
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        ranges = merged
    return ranges


def _inside(ranges: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def body_links(doc: Document) -> list[BodyLink]:
    """Every link in the body, in order of position."""
    body = doc.body
    # one-character searches are memchr-fast; two-character ones are not (CPython)
    present = {c for c in "]<{" if c in body}
    if not present:
        return []
    probed: dict[object, bool] = {}
    found = []
    for char, probe, pattern, syntax in _SYNTAXES:
        if char not in present:
            continue
        if probe is not None:
            if probe not in probed:
                probed[probe] = probe.search(body) is not None
            if not probed[probe]:
                continue
        found.append((pattern, syntax))
    if not found:
        return []
    ranges = _code_ranges(doc)
    starts = [r[0] for r in ranges]
    out: list[BodyLink] = []
    for pattern, syntax in found:
        for m in pattern.finditer(body):
            at = m.start()
            if ranges and _inside(ranges, starts, at):
                continue
            if syntax == "markdown" and at and body[at - 1] in "!\\":
                continue  # ![image](src), or an escaped \[bracket]
            group = m.lastindex or 1  # alternatives: the one that matched is the last
            value = m.group(group)
            start, end = m.span(group)
            if syntax in ("markdown", "reference") and value.startswith("<") and value.endswith(">"):
                value, start, end = value[1:-1], start + 1, end - 1
            elif syntax == "html" and "&" in value:
                value = html.unescape(value)
            out.append(BodyLink(start, end, value.strip(), syntax, at))
    if len(found) > 1:
        out.sort()
    return out


_CLOSE_A = re.compile(r"</a\s*>", re.IGNORECASE)
_LABEL_MAX = 300


def link_label(body: str, link: BodyLink) -> str | None:
    """The text a reader sees for a link: ``[this]`` of a Markdown link, the text
    of an ``<a>`` element, the address itself for an autolink; None when the
    syntax shows none (a reference definition, a generator tag)."""
    if link.syntax == "autolink":
        return link.dest
    if link.opening < 0:
        return None
    if link.syntax == "markdown":
        close = body.rfind("](", link.opening, link.start)
        return body[link.opening + 1:close] if close > link.opening else None
    if link.syntax == "html":
        gt = body.find(">", link.end)
        if gt < 0:
            return None
        m = _CLOSE_A.search(body, gt + 1, gt + 1 + _LABEL_MAX)
        return body[gt + 1:m.start()] if m else None
    return None


# ---------------------------------------------------------------- URL checks

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_KNOWN_SCHEMES = frozenset({
    "http", "https", "ftp", "ftps", "sftp", "mailto", "tel", "sms", "javascript", "data", "file",
    "news", "irc", "ircs", "ws", "wss", "git", "ssh", "magnet", "about", "chrome", "blob", "feed",
    "webcal", "skype", "whatsapp", "tg", "fb", "intent", "market", "itms", "itms-apps", "geo",
    "sip", "sips", "xmpp", "matrix", "callto", "facetime",
})
_LABEL = re.compile(r"^(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?$", re.UNICODE)
_BAD_CHARS = re.compile(r"[\s<>\"\\`]")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LOOKS_LIKE_HOST = re.compile(
    r"^(?:www\d?\.[^/\s]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|co|uk|de|fr|info|news)(?::\d+)?)(?:[/?#]|$)",
    re.IGNORECASE,
)
#: Where a published article should never link: a developer's machine.
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1"})
#: Extensions of files newslint reads as articles.
ARTICLE_EXTS = (".md", ".markdown", ".mdx", ".json")
#: Extensions that make a relative link a link to a content file (``../post.md``).
FILE_LINK_EXTS = (".md", ".markdown", ".mdx")
#: Extensions of things that are not pages (images, feeds, downloads).
_ASSET_EXTS = frozenset(
    "png jpg jpeg gif webp avif svg ico bmp tif tiff pdf zip gz tgz mp3 mp4 m4a wav ogg webm mov "
    "css js mjs json xml rss atom txt csv xls xlsx doc docx ppt pptx woff woff2 ttf eot".split()
)


class Target(NamedTuple):
    kind: str  # one of KINDS
    problem: str | None  # why the destination is malformed, if it is
    local: bool = False  # the problem is only that it points at localhost (still fetchable)
    repair: str = ""  # the destination as it was meant, when that is plain ("mailto:" added)
    sure: bool = False  # ``repair`` is certain (a safe fix), not a likely guess


#: An e-mail address written as a link target without ``mailto:``. The last
#: label is letters only, so ``logo@2x.png`` needs the extension test too.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.([^\W\d_]{2,24})")
_NOT_TLD = _ASSET_EXTS | {"html", "htm", "php", "asp", "aspx", "md", "markdown", "mdx"}


def _email(dest: str) -> bool:
    m = _EMAIL.fullmatch(dest)
    return m is not None and m.group(1).lower() not in _NOT_TLD


def scheme_of(dest: str) -> str | None:
    m = _SCHEME.match(dest)
    if not m:
        return None
    scheme = m.group(1).lower()
    rest = dest[m.end():]
    if scheme in _KNOWN_SCHEMES or rest.startswith("//"):
        return scheme
    return None  # "localhost:4000/x", "note: see …" are not schemes


def host_problem(netloc_host: str | None) -> str | None:
    host = (netloc_host or "").rstrip(".")
    if not host:
        return "has no host"
    if host.startswith("[") or ":" in host:
        return None  # an IPv6 literal: urlsplit validated the brackets
    labels = host.split(".")
    if not all(_LABEL.match(label) for label in labels):
        return f"has an invalid host {host!r}"
    if len(labels) < 2 and host not in _LOCAL_HOSTS:
        return f"has an incomplete host {host!r} (no domain)"
    return None


#: The shape of nearly every well-formed link: checked first, in one match.
_PLAIN_HTTP = re.compile(
    r"(?:https?:)?//(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::[1-9]\d{0,4})?"
    r"(?:[/?#](?:[^\s<>\"\\`%]|%[0-9a-f]{2})*)?",
    re.IGNORECASE,
)


def check_http(dest: str) -> str | None:
    """Why an http(s) or protocol-relative URL is malformed, or None."""
    if _PLAIN_HTTP.fullmatch(dest):
        return None
    if _BAD_CHARS.search(dest):
        bad = _BAD_CHARS.search(dest).group()
        return "contains a space" if bad.isspace() else f"contains {bad!r}"
    if _BAD_PERCENT.search(dest):
        return "has a '%' that is not a %XX escape"
    try:
        parts = urlsplit(dest)
        port = parts.port
    except ValueError as exc:
        return f"cannot be parsed ({exc})"
    if parts.scheme and not dest[len(parts.scheme) + 1:].startswith("//"):
        return "lacks the '//' after the scheme"
    problem = host_problem(parts.hostname)
    if problem:
        return problem
    if port == 0:
        return "has port 0"
    return None


_WEB = Target("url", None)

#: A placeholder is a short word: longer targets are not looked up.
_PLACEHOLDER_MAX = 24


def placeholders(doc: Document, ctx):
    """The lexicon of placeholder link targets for this article's language."""
    return ctx.lexicon("link-placeholders", doc.article.lang)


def is_placeholder(dest: str, lexicon) -> bool:
    """Is a relative target a stand-in for an address never written (``TODO``, ``E``)?
    A path (``a/b``), a query (``?page=2``) or anything long is a real target."""
    return (len(dest) <= _PLACEHOLDER_MAX and "/" not in dest and "=" not in dest
            and lexicon.match_line(dest) is not None)


def classify(dest: str, *, related: bool = False) -> Target:
    """What a destination points at, and what is wrong with it if it is malformed."""
    if dest.startswith(("https://", "http://")) and _PLAIN_HTTP.fullmatch(dest):
        return _WEB  # the common case, in one match
    if not dest:
        return Target("url", "is empty")
    if "{{" in dest or "{%" in dest:
        return Target("template", None)
    if dest.startswith("#"):
        return Target("fragment", None)
    scheme = scheme_of(dest)
    if scheme in ("http", "https") or (scheme is None and dest.startswith("//")):
        problem = check_http(dest)
        if problem is None:
            m = _URL_PARTS.match(dest)
            host = m.group(1).lower().strip("[]") if m else ""
            if host in _LOCAL_HOSTS:
                return Target("url", f"points at a local machine ({host})", local=True)
        return Target("url", problem)
    if scheme is not None:
        return Target("scheme", None)
    if dest.startswith("(") and dest.endswith(")") and classify(dest[1:-1]) is _WEB:
        return Target("relative", "is wrapped in an extra pair of parentheses, so it is read as a "
                                  "relative link", repair=dest[1:-1], sure=True)
    if dest.startswith(("<!--", "!--")):  # "[x]: <!-- ADD THE ISSUE -->", the <> taken for brackets
        return Target("relative", "is an HTML comment, a note left where the address should be; "
                                  "write the address, or remove the link")
    if _BAD_CHARS.search(dest.strip()):
        return Target("relative", "contains a space" if " " in dest else "contains an invalid character")
    if _LOOKS_LIKE_HOST.match(dest):
        return Target("url", "has no scheme (add https://)", repair="https://" + dest)
    if "@" in dest and _email(dest):
        return Target("relative", "is an e-mail address without 'mailto:', so it links to a page of "
                                  "that name next to this one", repair="mailto:" + dest, sure=True)
    path = unquote(urlsplit(dest).path)
    if path.lower().endswith(FILE_LINK_EXTS):
        return Target("file", None)
    if dest.startswith("/"):
        return Target("root", None)
    return Target("relative", None)


# ---------------------------------------------------------------- normal forms

_TRACKING = re.compile(r"^(?:utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid|ref|src)$", re.IGNORECASE)
_INDEX_PAGE = re.compile(r"/index\.(?:html?|php|aspx?)$", re.IGNORECASE)


def bare_host(host: str | None) -> str:
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


_URL_PARTS = re.compile(r"(?:https?:)?//(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?",
                        re.IGNORECASE)


def norm_url(url: str) -> str | None:
    """``host/path?query`` for comparing http(s) URLs: scheme, ``www.``, case of
    the host, default ports, fragments, trailing slashes, ``index.html`` and
    tracking parameters do not make two links different."""
    m = _URL_PARTS.match(url.strip())
    if m is None:
        return None
    host = bare_host(m.group(1))
    if not host:
        return None
    port = m.group(2)
    if port and port not in ("80", "443"):
        host = f"{host}:{int(port)}"
    path = m.group(3)
    if "%" in path:
        path = unquote(path)
    if "index." in path:
        path = _INDEX_PAGE.sub("/", path)
    path = path.rstrip("/")
    query = m.group(4)
    if query:
        query = "&".join(p for p in query.split("&") if p and not _TRACKING.match(p.split("=", 1)[0]))
    return f"{host}{path}" + (f"?{query}" if query else "")


def fetch_url(url: str) -> str:
    """The URL as it is fetched: fragment dropped, nothing else changed."""
    return url.strip().split("#", 1)[0]


def absolute(dest: str, base: str | None) -> str | None:
    """``dest`` as an absolute http(s) URL, resolved against ``base`` when relative."""
    if dest.startswith(("https://", "http://")):
        return dest
    if dest.startswith("//"):
        return "https:" + dest
    if scheme_of(dest) in ("http", "https"):
        return dest
    if base and scheme_of(base) in ("http", "https") and not check_http(base):
        return urljoin(base, dest)
    return None


# ---------------------------------------------------------------- content paths

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def path_parts(path: str) -> tuple[str, ...]:
    """A content file's path as comparable parts: no extension, ``index``/``_index``
    (Hugo page bundles, sections) standing for their folder, case folded."""
    path = path.replace("\\", "/")
    stem, ext = posixpath.splitext(path)
    if ext.lower() in (*ARTICLE_EXTS, ".html", ".htm", ".txt"):
        path = stem
    parts = [p for p in path.split("/") if p and p != "."]
    if parts and parts[-1].lower() in ("index", "_index"):
        parts.pop()
    return tuple(p.casefold() for p in parts)


def resolve_file(doc_path: str, dest: str) -> str:
    """A relative file link resolved against the linking file's folder."""
    path = unquote(urlsplit(dest).path)
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc_path.replace("\\", "/")), path))


def tag_spec(link: BodyLink, doc_path: str) -> tuple[tuple[str, ...], bool] | None:
    """What a generator tag names: (path parts, exact). ``exact`` parts are a whole
    path from the linting root (a relative Hugo ref resolved against the file);
    otherwise they match the end of an article's path. None: not an article link."""
    arg = link.dest.strip().strip("\"'")
    if "{{" in arg:
        return None
    if link.syntax == "jekyll-link":
        if not arg.lower().endswith((".md", ".markdown", ".mdx")):
            return None  # {% link assets/x.pdf %}: a static file, not an article
        return path_parts(arg), False
    if link.syntax == "post_url":
        return path_parts(arg), False
    arg = arg.split("#", 1)[0]
    if not arg:
        return None  # {{< ref "#anchor" >}}: this page
    if arg.startswith(("./", "../")):
        return path_parts(resolve_file(doc_path, arg)), True
    return path_parts(arg), False


def slug_of(path: str) -> str | None:
    """The last segment of a URL path or a file stem, without a Jekyll date prefix."""
    parts = path_parts(unquote(path))
    if not parts:
        return None
    return _DATE_PREFIX.sub("", parts[-1]) or None


def is_asset(path: str) -> bool:
    dot = path.rfind(".")
    return dot > path.rfind("/") and path[dot + 1:].lower() in _ASSET_EXTS


_DIGITS = re.compile(r"\d+")


def dir_template(path: str) -> str:
    """The folder of a URL path with digits generalised: ``/2019/11/18/slug`` → ``/0/0/0/``."""
    path = unquote(path).rstrip("/")
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    return _DIGITS.sub("0", folder.casefold()) + "/"
