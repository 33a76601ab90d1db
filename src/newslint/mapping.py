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
from datetime import date, datetime
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from .settings import FieldMapping

FIELDS = (
    "id", "url", "title", "published_at", "updated_at", "section", "authors", "lang",
    "summary", "body", "images", "related", "tags", "source",
)
_LIST_FIELDS = {"authors", "tags"}
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
        source = getattr(mapping, name)
        if not source or source == name:
            continue
        found, value = _get(raw, source)
        if not found:
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

    for name in _DATE_FIELDS:
        if name in data:
            value, ok = parse_date(data[name], mapping.date_formats)
            data[name] = value
            if not ok:
                problems.append((name, f"{name} {value!r} matches no configured date format"))

    _derive(data, mapping, path)
    return Mapped(data, pointer_map, tuple(problems))


def _target_of(mapping: FieldMapping, source: str) -> str | None:
    for name in FIELDS:
        if getattr(mapping, name) == source:
            return name
    return None


def _derive(data: dict[str, Any], mapping: FieldMapping, path: str) -> None:
    if not (mapping.date_from_path or mapping.date_from_key or mapping.url_template or mapping.default_lang):
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
    if not data.get("published_at") and {"year", "month", "day"} <= parts.keys():
        data["published_at"] = f"{parts['year']}-{parts['month']}-{parts['day']}"
    if mapping.url_template and not data.get("url"):
        stem = posix.stem
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem)
        values = {"path": posix.with_suffix("").as_posix(), "stem": stem, "slug": slug,
                  "year": parts.get("year", ""), "month": parts.get("month", ""),
                  "day": parts.get("day", "")}
        try:
            data["url"] = mapping.url_template.format(**values)
        except (KeyError, IndexError, ValueError):
            pass
    if mapping.default_lang and not data.get("lang"):
        data["lang"] = mapping.default_lang
