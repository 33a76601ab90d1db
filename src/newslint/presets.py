"""One-line set-ups for the static-site generators content teams use.

A preset is plain settings data, merged below the user's own config, so any
key can still be overridden (``[fields] section = "extra.desk"``). Where a
generator accepts two spellings of a key (Jekyll's ``category`` and
``categories``, Hugo's ``author`` and ``authors``) the preset lists both and
the first present wins. Section index pages (``_index.md`` in Hugo and
Zola) describe a list of posts, not an article, so those presets skip them,
and each preset reads Markdown only and skips the generator's folders of
templates, assets, data and built output: a walk of the whole site then reads
only its content. Hugo and Zola page bundles are one page each: the other
Markdown files beside a bundle's ``index.md`` are its resources.
"""

from __future__ import annotations

from typing import Any

#: a generator's articles are its Markdown: JSON in a site is data (hugo_stats.json)
_MARKDOWN = ["*.md", "*.markdown", "*.mdx"]

_GENERATOR_DATES = [
    "%Y-%m-%d %H:%M:%S %z",  # Jekyll: 2024-05-14 09:30:00 +0000
    "%Y-%m-%d %H:%M:%S.%f %z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

#: a dated file name: 2024-05-14-slug.md (Jekyll, Hugo, Astro) or 2024-05-14_slug.md (Zola)
_DATED_FILE = r"(?:^|/)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[-_][^/]+$"
#: the same, or a page bundle named so: 2024-05-14-slug/index.md
_DATED_FILE_OR_BUNDLE = r"(?:^|/)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[-_][^/]+(?:/index\.[^/]+)?$"

PRESETS: dict[str, dict[str, Any]] = {
    "jekyll": {
        "fields": {
            "published_at": "date",
            "updated_at": ["last_modified_at", "modified"],
            "authors": ["author", "authors"],
            "section": ["categories", "category"],
            "summary": ["excerpt", "description"],
            "split": {"tags": " ", "categories": " "},
            "date_formats": _GENERATOR_DATES,
            # _posts/2024-05-14-slug.md: the file name carries the date
            "date_from_path": r"(?:^|/)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})-[^/]+$",
        },
        "include": _MARKDOWN,
        "extend_exclude": ["_layouts", "_includes", "_sass", "_data", "_site", "assets", "vendor"],
    },
    "hugo": {
        "fields": {
            "published_at": ["date", "publishDate", "publishdate"],
            "updated_at": ["lastmod", "lastMod"],
            "authors": ["authors", "author"],
            "summary": ["description", "summary"],
            "section": ["categories", "section"],
            "date_formats": _GENERATOR_DATES,
            "date_from_path": _DATED_FILE_OR_BUNDLE,
        },
        "include": _MARKDOWN,
        "extend_exclude": ["_index.md", "layouts", "themes", "static", "assets", "archetypes", "data",
                           "i18n", "resources", "public", "_vendor"],
        "content_dirs": ["content"],
        "page_bundles": True,
        "skip_when": {"headless": True},
    },
    "zola": {
        "fields": {
            "published_at": "date",
            "updated_at": "updated",
            "summary": "description",
            "authors": ["authors", "extra.author", "extra.authors"],
            "tags": "taxonomies.tags",
            "section": "taxonomies.categories",
            "date_formats": _GENERATOR_DATES,
            # Zola reads a date from the file name (2024-05-14_slug.md) ...
            "date_from_path": _DATED_FILE_OR_BUNDLE,
            # ... and sites keep dated permalinks in path = "2024/05/14/slug"
            "date_from_key": {"path": r"(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})"},
        },
        "include": _MARKDOWN,
        "extend_exclude": ["_index.md", "templates", "static", "sass", "themes", "public"],
        "content_dirs": ["content"],
        "page_bundles": True,
    },
    "astro": {
        "fields": {
            "published_at": ["pubDate", "date", "publishDate"],
            "updated_at": ["updatedDate", "lastmod"],
            "authors": ["author", "authors"],
            "summary": "description",
            "date_formats": _GENERATOR_DATES,
        },
        "include": _MARKDOWN,
        "extend_exclude": ["public"],
    },
    "nextjs": {
        "fields": {
            "published_at": ["date", "publishedAt", "pubDate"],
            "updated_at": ["lastmod", "updatedAt", "lastModified"],
            "summary": ["excerpt", "description", "summary"],
            "authors": ["author.name", "author", "authors"],
            "date_formats": _GENERATOR_DATES,
            "date_from_path": _DATED_FILE,
        },
        "include": _MARKDOWN,
        "extend_exclude": ["public"],
    },
}
