"""Recognise a static site from its config files, for ``newslint init``.

A content team runs ``newslint init`` at the root of its site. The site's own
config already says which generator builds it and, often, the site's address,
language and time zone: the values a field mapping needs to read front matter
right (``url: /blog/x/`` against the address, a date-time without an offset in
the site's zone). Reading them here spares the user from copying them by hand.
Nothing is guessed from content: only config files the generators define.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class SiteGuess:
    """What the site's config says: a preset, and field-mapping values with their origin."""

    preset: str
    origin: str  # the config file that told us
    fields: dict[str, str] = field(default_factory=dict)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _read_json(path: Path) -> dict[str, Any]:
    import json

    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_READERS = {".toml": _read_toml, ".yaml": _read_yaml, ".yml": _read_yaml, ".json": _read_json}


def _text(config: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = config.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _fields(config: dict[str, Any], base_url: tuple[str, ...], lang: tuple[str, ...],
            zone: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    url = _text(config, *base_url)
    if url and re.match(r"https?://", url):
        out["base_url"] = url
    language = _text(config, *lang)
    if language and re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*", language):
        out["default_lang"] = language.replace("_", "-").split("-")[0].lower()
    tz = _text(config, *zone)
    if tz:
        out["timezone"] = tz
    return out


def _hugo(root: Path) -> SiteGuess | None:
    names = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
    older = ("config.toml", "config.yaml", "config.yml", "config.json")
    folders = [root, root / "config" / "_default"]
    for path in [f / n for f in folders for n in names] + [f / n for f in folders for n in older]:
        if not path.is_file():
            continue
        config = _READERS[path.suffix](path)
        if path.name.startswith("config"):
            # config.* is also Zola's name: Hugo's spelling of the address, or Hugo's folders
            hugo_folders = (root / "archetypes").is_dir() or (root / "layouts").is_dir()
            if not ("baseURL" in config or "baseurl" in config or (hugo_folders and "base_url" not in config)):
                continue
        return SiteGuess("hugo", path.relative_to(root).as_posix(), _fields(
            config, ("baseURL", "baseurl"), ("defaultContentLanguage", "languageCode"),
            ("timeZone", "timezone")))
    return None


def _zola(root: Path) -> SiteGuess | None:
    for name in ("zola.toml", "config.toml"):
        path = root / name
        if path.is_file():
            config = _read_toml(path)
            if "base_url" in config:  # Zola's required key; Hugo spells it baseURL
                return SiteGuess("zola", name, _fields(config, ("base_url",), ("default_language",), ()))
    return None


def _jekyll(root: Path) -> SiteGuess | None:
    for name in ("_config.yml", "_config.yaml"):
        path = root / name
        if path.is_file():
            config = _read_yaml(path)
            fields = _fields(config, ("url",), ("lang", "locale"), ("timezone",))
            baseurl = _text(config, "baseurl")
            if "base_url" in fields and baseurl and baseurl != "/":
                fields["base_url"] = fields["base_url"].rstrip("/") + "/" + baseurl.strip("/")
            return SiteGuess("jekyll", name, fields)
    return None


def _by_name(preset: str, names: tuple[str, ...]):
    def guess(root: Path) -> SiteGuess | None:
        for name in names:
            if (root / name).is_file():
                return SiteGuess(preset, name)
        return None
    return guess


#: Tried in order; the first that recognises the folder wins.
_DETECTORS = (
    _hugo,
    _zola,
    _jekyll,
    _by_name("astro", ("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts")),
    _by_name("nextjs", ("next.config.js", "next.config.mjs", "next.config.ts")),
)


def detect_site(root: Path) -> SiteGuess | None:
    """The generator building the site at ``root``, from its config files; None if unknown."""
    for detector in _DETECTORS:
        guess = detector(root)
        if guess is not None:
            return guess
    return None
