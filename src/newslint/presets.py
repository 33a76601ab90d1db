"""One-line set-ups for the static-site generators content teams use.

A preset is plain settings data, merged below the user's own config, so any
key can still be overridden (``[fields] section = "extra.desk"``).
"""

from __future__ import annotations

from typing import Any

_GENERATOR_DATES = [
    "%Y-%m-%d %H:%M:%S %z",  # Jekyll: 2024-05-14 09:30:00 +0000
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

PRESETS: dict[str, dict[str, Any]] = {
    "jekyll": {
        "fields": {
            "published_at": "date",
            "authors": "author",
            "section": "categories",
            "summary": "excerpt",
            "split": {"tags": " ", "categories": " "},
            "date_formats": _GENERATOR_DATES,
            # _posts/2024-05-14-slug.md: the file name carries the date
            "date_from_path": r"(?:^|/)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})-[^/]+$",
        },
    },
    "hugo": {
        "fields": {
            "published_at": "date",
            "updated_at": "lastmod",
            "summary": "description",
            "section": "categories",
            "date_formats": _GENERATOR_DATES,
        },
    },
    "zola": {
        "fields": {
            "published_at": "date",
            "updated_at": "updated",
            "summary": "description",
            "tags": "taxonomies.tags",
            "section": "taxonomies.categories",
            "date_formats": _GENERATOR_DATES,
            # path = "2024/05/14/slug"
            "date_from_key": {"path": r"(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})"},
        },
    },
    "astro": {
        "fields": {
            "published_at": "pubDate",
            "updated_at": "updatedDate",
            "summary": "description",
            "date_formats": _GENERATOR_DATES,
        },
    },
    "nextjs": {
        "fields": {
            "published_at": "date",
            "summary": "excerpt",
            "authors": "author.name",
            "date_formats": _GENERATOR_DATES,
        },
    },
}
