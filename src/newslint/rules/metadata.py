"""NL1xx — schema and metadata: can the article be read, and is its metadata sound?"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..model import Severity
from .base import Check, CorpusCheck, Hit, Rule

PARSE_ERROR = Rule(
    code="NL100",
    name="unreadable-input",
    severity=Severity.ERROR,
    summary="A file or JSONL record cannot be read, decoded or parsed.",
    why=(
        "An article that cannot be parsed is silently missing from every index, "
        "newsletter or training set built from the corpus. newslint reports it and "
        "goes on with the rest, so one bad record never hides the others."
    ),
    fires='{"title": "Unclosed", "body": "text"',
    quiet='{"title": "Closed", "body": "text"}',
)

SCHEMA = Rule(
    code="NL101",
    name="schema-violation",
    severity=Severity.ERROR,
    summary="A field does not match the article JSON Schema (shipped or --schema).",
    why=(
        "Downstream consumers (search, feeds, CMS imports) trust the schema. A missing "
        "title, a date that is not a date or a tag list that is a string breaks them "
        "at the worst time. Each violation names the JSON pointer of the value."
    ),
    fires='{"title": "", "body": "Text."}',
    quiet='{"title": "A title", "body": "Text."}',
)

DUPLICATE_ID = Rule(
    code="NL102",
    name="duplicate-id",
    severity=Severity.ERROR,
    summary="Two articles of the corpus share an id.",
    why=(
        "Ids key updates, deletions and links. Two articles with one id overwrite each "
        "other in any store keyed by it, and related links resolve to the wrong one."
    ),
    fires='two records with "id": "a-1"',
    quiet='records with "id": "a-1" and "id": "a-2"',
)

DUPLICATE_URL = Rule(
    code="NL103",
    name="duplicate-url",
    severity=Severity.WARNING,
    summary="Two articles of the corpus share a canonical URL.",
    why=(
        "One URL, two articles: usually a page scraped twice or a slug reused. Search "
        "engines and dedup pipelines keep one of them at random. URLs are compared "
        "without fragment, trailing slash or scheme/host case."
    ),
    fires='"url": "https://x.com/a" and "url": "https://X.com/a/"',
    quiet='"url": "https://x.com/a" and "url": "https://x.com/b"',
)

NO_ZONE = Rule(
    code="NL104",
    name="timestamp-without-zone",
    severity=Severity.WARNING,
    summary="A date-time has a clock time but no UTC offset.",
    why=(
        "\"2025-07-14T01:12\" is a different instant in Shanghai and in New York: a "
        "naive timestamp can put the article on the wrong day, and every relative date "
        "in it (\"yesterday\") then resolves wrong. Give the offset (+08:00 or Z)."
    ),
    fires='"published_at": "2019-11-19T02:24:00"',
    quiet='"published_at": "2019-11-19T02:24:00+00:00"',
)

UPDATED_BEFORE = Rule(
    code="NL105",
    name="updated-before-published",
    severity=Severity.ERROR,
    summary="updated_at is earlier than published_at.",
    why=(
        "An article cannot be updated before it exists. One of the two timestamps is "
        "wrong (often a time zone slip or swapped fields), and feeds that sort by "
        "update time misplace the article."
    ),
    fires='"published_at": "2025-07-14T10:00:00Z", "updated_at": "2025-07-13T10:00:00Z"',
    quiet='"published_at": "2025-07-14T10:00:00Z", "updated_at": "2025-07-15T10:00:00Z"',
)

MAPPING = Rule(
    code="NL106",
    name="unparsed-date",
    severity=Severity.WARNING,
    summary="A date field matches none of the date formats the field mapping lists.",
    why=(
        "Generators write dates their own way (Jekyll: 2024-05-14 09:30:00 +0000). When "
        "the mapping's date_formats do not cover a spelling, the date cannot be used to "
        "resolve relative dates, so newslint says so instead of guessing."
    ),
    fires='date: "14/05/2024" with date_formats = ["%Y-%m-%d"]',
    quiet='date: "2024-05-14"',
)

PATH_DATE = Rule(
    code="NL108",
    name="date-disagrees-with-path",
    severity=Severity.WARNING,
    summary="published_at and the date in the file name (Jekyll _posts/2024-05-14-slug.md) disagree.",
    why=(
        "A dated file name is a second record of the publish date, and generators use it: "
        "Jekyll builds the permalink and sorts the post by it, Hugo and Zola read it when the "
        "front matter has none. When the two disagree by more than a day (a day either way "
        "is a time zone), one of them is wrong: a post renamed when its date moved, a "
        "front-matter date copied from another post, a month and a day swapped. Readers then "
        "see one date in the URL and another on the page, and every relative date in the "
        "text resolves against the front-matter one."
    ),
    fires='_posts/2020-05-01-launch.md with date: 2020-06-01',
    quiet='_posts/2020-05-01-launch.md with date: 2020-05-01 23:30:00 -0700',
)

UNUSED_SUPPRESSION = Rule(
    code="NL107",
    name="unused-suppression",
    severity=Severity.WARNING,
    summary="A suppression (inline directive or newslint.ignore) hides nothing, or names no known rule.",
    why=(
        "A suppression outlives the problem it was written for: the text gets fixed, the "
        "directive stays, and later the same kind of problem slips in under it unseen. "
        "Suppressions that hide nothing are removed, so each one left marks a real, "
        "accepted exception. Directives must name the rule codes they hide; a bare or "
        "misspelled directive hides nothing and is reported too."
    ),
    fires="<!-- newslint-disable-next-line NL201 -->\nA paragraph with no UI chrome in it.",
    quiet="<!-- newslint-disable-next-line NL201 -->\nTop",
    fix="Removes the unused code from the directive, or the whole directive when none is left.",
)


class ReadCheck(Check):
    """Owns NL100/NL106: the readers report these; this check only relays NL106."""

    rules = (PARSE_ERROR, MAPPING)

    def check(self, doc, ctx) -> Iterator[Hit]:
        for name, message in doc.reader_hits:
            yield Hit("NL106", message, pointer="/" + name)


class SchemaCheck(Check):
    """NL101: validate the mapped article against the JSON Schema."""

    rules = (SCHEMA,)

    def check(self, doc, ctx) -> Iterator[Hit]:
        if doc.data is None:  # a raw .txt scrape has no metadata to validate
            return
        # a date the mapping could not read is NL106's, with the fix; not a second finding here
        seen = {"/" + name for name, _ in doc.reader_hits}
        for v in ctx.services.schema.violations(doc.data):
            if v.pointer in seen:  # one finding per value: "not a uri" and "no https://" are one problem
                continue
            seen.add(v.pointer)
            message = v.message
            url = doc.data.get("url")
            if v.pointer == "/url" and isinstance(url, str) and url.startswith("/"):
                if doc.format == "markdown":
                    # front matter spells permalinks site-relative ("url: /blog/x/"): that is
                    # the generator's convention, not a defect; base_url makes them absolute
                    continue
                message = (f"url {url!r} is relative to the site: set [fields] base_url to the site's "
                           f"address to read it as a full URL")
            yield Hit("NL101", message, pointer=v.pointer, evidence=f"{v.keyword}:{v.message}")


_NAIVE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def _timestamps(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for key in ("published_at", "updated_at"):
        if isinstance(data.get(key), str):
            yield "/" + key, data[key]
    related = data.get("related")
    if isinstance(related, list):
        for i, item in enumerate(related):
            if isinstance(item, dict) and isinstance(item.get("published_at"), str):
                yield f"/related/{i}/published_at", item["published_at"]


def _parse(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


class PathDateCheck(Check):
    """NL108: the front-matter date against the date the file name carries."""

    rules = (PATH_DATE,)

    def check(self, doc, ctx) -> Iterator[Hit]:
        pattern = ctx.settings.fields.date_from_path
        if not pattern or not doc.data:
            return  # (a date derived from the path agrees with it by construction)
        written = _parse(doc.data.get("published_at")) if isinstance(doc.data.get("published_at"), str) else None
        if written is None:
            return
        m = _path_date(pattern).search(doc.path.replace("\\", "/"))
        if m is None:
            return
        try:
            named = datetime(int(m.group("year")), int(m.group("month")), int(m.group("day"))).date()
        except (IndexError, ValueError):
            return
        gap = abs((written.date() - named).days)  # the date as written, in its own offset
        if gap > 1:
            yield Hit("NL108", f"published_at {written.date().isoformat()} is {gap} days from the file "
                               f"name's date {named.isoformat()}: one of them is wrong",
                      pointer="/published_at", evidence=f"{named.isoformat()}~{written.date().isoformat()}")


@lru_cache(maxsize=8)
def _path_date(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class TimestampCheck(Check):
    """NL104 and NL105: zone-less timestamps, updates before publication."""

    rules = (NO_ZONE, UPDATED_BEFORE)

    def check(self, doc, ctx) -> Iterator[Hit]:
        data = doc.data
        if not data:
            return
        for pointer, value in _timestamps(data):
            if _NAIVE.match(value.strip()):
                field = pointer.lstrip("/").replace("/", ".")
                yield Hit("NL104", f"{field} {value!r} has a time but no time zone offset",
                          pointer=pointer, evidence=value)
        pub, upd = _parse(data.get("published_at")), _parse(data.get("updated_at"))
        if pub and upd and (pub.tzinfo is None) == (upd.tzinfo is None) and upd < pub:
            yield Hit("NL105", f"updated_at {data['updated_at']} is before published_at {data['published_at']}",
                      pointer="/updated_at", evidence=f"{data['published_at']}>{data['updated_at']}")


def normalise_url(url: str) -> str:
    """Compare URLs the way a reader would: no fragment, case-free host, no trailing /."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https" if parts.scheme in ("http", "https") else parts.scheme,
                       parts.netloc.lower(), path, parts.query, ""))


class DuplicateKeyCheck(CorpusCheck):
    """NL102/NL103: ids and URLs must be unique across the corpus."""

    rules = (DUPLICATE_ID, DUPLICATE_URL)

    def signature(self, doc, ctx):
        a = doc.article
        if not a.id and not a.url:
            return None
        return (a.id, normalise_url(a.url) if a.url else None)

    def reduce(self, items, ctx):
        for slot, code, pointer, label in ((0, "NL102", "/id", "id"), (1, "NL103", "/url", "url")):
            groups: dict[str, list] = defaultdict(list)
            for ref, sig in items:
                if sig[slot]:
                    groups[sig[slot]].append(ref)
            for value, refs in groups.items():
                if len(refs) < 2:
                    continue
                first = refs[0]
                where = first.path + (f":{first.record}" if first.record else "")
                for ref in refs[1:]:
                    yield ref, Hit(code, f"{label} {value!r} is also used by the article at {where} "
                                         f"({len(refs)} articles share it)",
                                   pointer=pointer, evidence=value)


class SuppressionCheck(Check):
    """NL107 is reported by ``newslint.suppress`` once every finding is known; nothing to do per article."""

    rules = (UNUSED_SUPPRESSION,)

    def check(self, doc, ctx) -> Iterator[Hit]:
        return iter(())


CHECKS: list[Check] = [ReadCheck(), SchemaCheck(), TimestampCheck(), PathDateCheck(), SuppressionCheck()]
CORPUS_CHECKS: list[CorpusCheck] = [DuplicateKeyCheck()]
