"""Field mapping: the user's field names and shapes → ours.

No two CMSs agree on names. A mapping renames (``body = "content"``), reaches
into nested keys (``section = "extra.team"``), coerces strings to lists
(``author`` → ``authors``, ``tags = "a, b"``), parses generator date
spellings, and derives values the data lacks (a date from a Jekyll file
name or a Zola ``path``, a URL from a template, a default language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from .settings import FieldMapping

FIELDS = (
    "id", "url", "title", "published_at", "updated_at", "section", "authors", "lang",
    "summary", "body", "images", "related", "tags", "source",
)
_LIST_FIELDS = {"authors", "tags"}
#: what ``url_template`` may name: parts of the file path, and the article's fields
URL_TEMPLATE_NAMES = frozenset({"path", "stem", "slug", "year", "month", "day", *FIELDS})
_DATE_FIELDS = {"published_at", "updated_at"}
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[Tt]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?$"
)


@dataclass(frozen=True)
class Mapped:
    data: dict[str, Any]
    #: our pointer → the user's pointer, for fields that were renamed
    pointer_map: dict[str, str]
    #: problems worth a finding (a date that matched no format)
    problems: tuple[tuple[str, str], ...]


def _get(data: dict[str, Any], dotted: str) -> tuple[bool, Any]:
    cur: Any = data
    for part in dotted.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            return False, None
    return True, cur


def _sources(source: str | list[str] | None) -> list[str]:
    if not source:
        return []
    return [source] if isinstance(source, str) else [s for s in source if s]


def _first(data: dict[str, Any], source: str | list[str] | None) -> tuple[str | None, Any]:
    """The first of the mapping's key paths present in ``data`` (not null), and its value."""
    for dotted in _sources(source):
        found, value = _get(data, dotted)
        if found and value is not None:
            return dotted, value
    return None, None


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def iso(value: Any) -> Any:
    """YAML and TOML hand back date objects; the schema wants strings."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


@lru_cache(maxsize=16)
def zone_of(name: str) -> tzinfo:
    """``"+09:00"``, ``"-0530"``, ``"Z"``/``"UTC"`` or an IANA name → a tzinfo; ValueError otherwise."""
    text = name.strip()
    if text.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    m = _OFFSET.match(text)
    if m:
        delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
        return timezone(-delta if m.group(1) == "-" else delta)
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(text)
    except (ValueError, OSError, KeyError, ImportError):  # ZoneInfoNotFoundError is a KeyError
        pass
    raise ValueError(f"unknown time zone {name!r} (use an IANA name such as 'Europe/Berlin' or an offset such as '+02:00')")


def _with_zone(value: str, zone: str | None) -> str:
    """A date-time written without an offset, placed in the site's zone (dates stay dates)."""
    if not zone or "T" not in value.upper():
        return value
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return value
    if parsed.tzinfo is not None:
        return value
    return parsed.replace(tzinfo=zone_of(zone)).isoformat()


#: What Jekyll (Ruby's Time.parse) and Hugo accept beside ISO 8601: a space or T,
#: one-digit parts ("2014-01-10 0:00:0"), and a zone written as UTC, GMT, Z or +0900.
_GENERATOR_DATETIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d*)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?", re.IGNORECASE)


def _generator_datetime(text: str) -> str | None:
    """``text`` as ISO 8601 if it is a date-time as site generators write them."""
    m = _GENERATOR_DATETIME.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = m.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day)).isoformat()
        parsed = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                          int((fraction or "0").ljust(6, "0")))
        if zone is not None:
            if zone.upper() in ("Z", "UTC", "GMT"):
                offset = timedelta(0)
            else:
                digits = zone[1:].replace(":", "")
                if int(digits[2:]) >= 60:
                    return None  # +0975: no such offset
                offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
                offset = -offset if zone[0] == "-" else offset
            parsed = parsed.replace(tzinfo=timezone(offset))  # ValueError past ±24 h
    except ValueError:  # 2024-02-30, 25:00, +2500
        return None
    return parsed.isoformat()


def parse_date(value: Any, formats: list[str]) -> tuple[Any, bool]:
    """ISO 8601 first, then the generator spellings the mapping lists."""
    value = iso(value)
    if not isinstance(value, str) or not formats:
        return value, True
    text = value.strip()
    if _RFC3339.match(text):
        return text, True
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat(), True
    except ValueError:
        pass
    loose = _generator_datetime(text)
    if loose is not None:
        return loose, True
    for fmt in formats:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if "%H" not in fmt:
            return parsed.date().isoformat(), True
        return parsed.isoformat(), True
    return value, False


def apply_mapping(raw: dict[str, Any], mapping: FieldMapping, path: str) -> Mapped:
    data = dict(raw)
    pointer_map: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for name in FIELDS:
        sources = _sources(getattr(mapping, name))
        if not sources or sources == [name]:
            continue
        source, value = _first(raw, sources)
        if source is None or source == name:
            continue
        data[name] = value
        pointer_map["/" + name] = "/" + source.replace(".", "/")
        if "." not in source and source in data and source not in FIELDS:
            del data[source]

    for name, sep in mapping.split.items():
        target = name if name in FIELDS else _target_of(mapping, name)
        if target and isinstance(data.get(target), str):
            data[target] = [p.strip() for p in data[target].split(sep) if p.strip()]

    for name in _LIST_FIELDS:
        value = data.get(name)
        if isinstance(value, str):
            sep = "," if name == "tags" else None
            data[name] = [p.strip() for p in value.split(sep)] if sep else [value.strip()]
        elif isinstance(value, dict) and "name" in value:
            data[name] = [value["name"]]
        elif isinstance(value, list):
            data[name] = [v["name"] if isinstance(v, dict) and "name" in v else v for v in value]
    if isinstance(data.get("section"), list):
        parts = [str(v) for v in data["section"]]
        data["section"] = parts[0] if parts else None
    if "images" in data:
        data["images"] = _images(data["images"])
        # a path given as the item itself ("images: [a.png]"): the URL is the item, and
        # the item has no place for a caption or credit (rules read this, NL301)
        where = pointer_map.get("/images", "/images")
        given = _at(raw, where)
        if isinstance(given, list):
            for i, item in enumerate(given):
                if isinstance(item, str):
                    pointer_map[f"/images/{i}/url"] = f"{where}/{i}"

    for name in _DATE_FIELDS:
        if name in data:
            value, ok = parse_date(data[name], mapping.date_formats)
            if ok and isinstance(value, str):
                value = _with_zone(value, mapping.timezone)
            data[name] = value
            if not ok:
                problems.append((name, _unparsed_message(name, value, mapping)))

    # NL106 says a date went unread; the rules then get the file name's date, as
    # Jekyll itself falls back to it, rather than no date at all
    _derive(data, mapping, path, unread_date=any(name == "published_at" for name, _ in problems))
    return Mapped(data, pointer_map, tuple(problems))


def _target_of(mapping: FieldMapping, source: str) -> str | None:
    for name in FIELDS:
        if source in _sources(getattr(mapping, name)):
            return name
    return None


def _at(data: Any, pointer: str) -> Any:
    """The value at a simple pointer (``/extra/images``), or None."""
    for part in pointer.split("/")[1:]:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _images(value: Any) -> Any:
    """Generators list images as paths (Hugo ``images = ["a.png"]``): make them image objects.

    Anything not a list is left for the schema to report.
    """
    if not isinstance(value, list):
        return value
    out = []
    for item in value:
        if isinstance(item, str):
            item = {"url": item}
        elif isinstance(item, dict) and "url" not in item and isinstance(item.get("src"), str):
            item = {**item, "url": item["src"]}
        out.append(item)
    return out


_GUESSES = (
    (re.compile(r"^\d{1,2}-\d{1,2}-\d{4}$"), "%m-%d-%Y", "%d-%m-%Y"),
    (re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$"), "%m/%d/%Y", "%d/%m/%Y"),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$"), "%d.%m.%Y", None),
    (re.compile(r"^\d{4}/\d{1,2}/\d{1,2}$"), "%Y/%m/%d", None),
)


def _unparsed_message(name: str, value: Any, mapping: FieldMapping) -> str:
    """Say which spelling would read the date, so the fix is one line of config."""
    message = f"{name} {value!r} matches no configured date format"
    if not isinstance(value, str):
        return message
    text = value.strip()
    for pattern, first, other in _GUESSES:
        if pattern.match(text):
            fits = [f for f in (first, other) if f and _parses(text, f)]
            if fits:
                hint = " or ".join(repr(f) for f in fits)
                return f"{message}; add {hint} to [fields] date_formats"
    return message


def _parses(text: str, fmt: str) -> bool:
    try:
        datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


def _derive(data: dict[str, Any], mapping: FieldMapping, path: str, unread_date: bool = False) -> None:
    if not (mapping.date_from_path or mapping.date_from_key or mapping.url_template
            or mapping.default_lang or mapping.base_url):
        return
    posix = PurePosixPath(path.replace("\\", "/"))
    parts: dict[str, str] = {}
    if mapping.date_from_path:
        m = _compiled(mapping.date_from_path).search(posix.as_posix())
        if m:
            parts = {k: v for k, v in m.groupdict().items() if v}
    for key, pattern in mapping.date_from_key.items():
        found, value = _get(data, key)
        if found and isinstance(value, str):
            m = _compiled(pattern).search(value)
            if m:
                parts = {k: v for k, v in m.groupdict().items() if v}
    if (unread_date or not data.get("published_at")) and {"year", "month", "day"} <= parts.keys():
        try:  # "2015-03-00-title.md" names a month, not a day: no date is better than a wrong one
            derived = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            derived = None
        if derived is not None:
            data["published_at"] = derived.isoformat()
    if mapping.default_lang and not data.get("lang"):
        data["lang"] = mapping.default_lang
    if mapping.url_template and not data.get("url"):
        stem = posix.stem
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem)
        values = {name: data[name] for name in FIELDS if isinstance(data.get(name), (str, int))}
        values.update({"path": posix.with_suffix("").as_posix(), "stem": stem, "slug": slug,
                       "year": parts.get("year", ""), "month": parts.get("month", ""),
                       "day": parts.get("day", "")})
        try:
            data["url"] = mapping.url_template.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            pass  # this article lacks a field the template names: no url rather than a wrong one
    url = data.get("url")
    if mapping.base_url and isinstance(url, str) and url.startswith("/") and not url.startswith("//"):
        data["url"] = mapping.base_url.rstrip("/") + url
