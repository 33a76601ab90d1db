"""Configuration: models with defaults, discovery upward from the cwd, merging.

Every option is a pydantic model with ``extra="forbid"``: an unknown key is a
one-line error that names it. Defaults live here and only here. Sources are
merged in order — defaults, preset, config file, command line — and each
resolved value remembers where it came from (``newslint config``).
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .model import Severity


class ConfigError(Exception):
    """A bad config or command line: reported as one line, exit 2."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


#: a dotted key path (``extra.team``), or several tried in order (``["categories", "category"]``)
Source = str | list[str] | None


class FieldMapping(_Strict):
    """Where our article fields come from in the user's data.

    Values are dotted key paths (``extra.team``), or a list of them tried in
    order, the first present winning (Jekyll writes ``categories`` or
    ``category``). ``split`` names fields whose string value is split into a
    list (``tags = ","``). Derived values fill a field that the data lacks.
    """

    id: Source = None
    url: Source = None
    title: Source = None
    published_at: Source = None
    updated_at: Source = None
    section: Source = None
    authors: Source = None
    lang: Source = None
    summary: Source = None
    body: Source = None
    images: Source = None
    related: Source = None
    tags: Source = None
    source: Source = None
    #: field → separator, to coerce ``"a, b"`` into ``["a", "b"]``
    split: dict[str, str] = Field(default_factory=dict)
    #: strptime formats tried for dates that are not ISO 8601
    date_formats: list[str] = Field(default_factory=list)
    #: regex with named groups year/month/day applied to the file path
    date_from_path: str | None = None
    #: regex with named groups year/month/day applied to a data key (``path``)
    date_from_key: dict[str, str] = Field(default_factory=dict)
    #: ``https://example.com/{slug}/`` with {path}, {stem}, {slug}, {year}, {month}, {day}
    #: from the file path, and any article field ({lang}, {section}, {id})
    url_template: str | None = None
    default_lang: str | None = None
    #: the site's address (Hugo ``baseURL``, Jekyll ``url``): site-relative URLs
    #: (``url = "/blog/2024/05/slug/"``) are read against it
    base_url: str | None = None
    #: zone for date-times written without one, as the site config gives it (Jekyll
    #: ``timezone``, Hugo ``timeZone``): ``"Asia/Tokyo"``, ``"+09:00"``, ``"UTC"``
    timezone: str | None = None

    @field_validator("url_template")
    @classmethod
    def _url_template(cls, v: str | None) -> str | None:
        if v is not None:
            import string

            from .mapping import URL_TEMPLATE_NAMES

            try:
                names = {name for _, name, _, _ in string.Formatter().parse(v) if name is not None}
            except ValueError as exc:
                raise ValueError(f"{v!r}: {exc}") from None
            unknown = sorted(n for n in names if n.split(".")[0].split("[")[0] not in URL_TEMPLATE_NAMES)
            if unknown:
                raise ValueError(f"unknown placeholder {{{unknown[0]}}} in {v!r} "
                                 f"(known: {', '.join('{' + n + '}' for n in sorted(URL_TEMPLATE_NAMES))})")
        return v

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, v: str | None) -> str | None:
        if v is not None:
            from .mapping import zone_of

            zone_of(v)  # raises ValueError naming the zone
        return v


class PathOverride(_Strict):
    """Settings that apply to files matching ``files`` (glob, repo-relative)."""

    files: list[str]
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)


#: What a walk skips unless the config replaces ``exclude``: tool and VCS folders,
#: hidden folders and files (.github, .vscode), and the files every repository
#: carries that are not articles (a README is not a post; a package.json is not
#: a record). A file named on the command line is read regardless.
DEFAULT_EXCLUDE = (
    ".*", "venv", "node_modules", "__pycache__", "build", "dist",
    "README*", "Readme*", "readme*", "LICENSE*", "LICENCE*", "License*", "COPYING*",
    "CHANGELOG*", "CHANGES*", "HISTORY*", "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*",
    "AUTHORS*", "NOTICE*", "package.json", "package-lock.json", "composer.json",
    "tsconfig*.json", "jsconfig*.json", "renovate.json", "vercel.json", "robots.txt",
    "requirements*.txt",
)


class Settings(_Strict):
    """Everything that changes what a run does. The CLI only fills this in."""

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    fail_on: Literal["error", "warning", "info", "never"] = "warning"
    include: list[str] = Field(
        default_factory=lambda: ["*.json", "*.jsonl", "*.ndjson", "*.jsonl.gz", "*.ndjson.gz",
                                 "*.md", "*.markdown", "*.mdx", "*.txt"]
    )
    exclude: list[str] = Field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = Field(default_factory=list)
    #: folders that hold a site's pages: a directory given to ``check`` that has one
    #: of them is walked there only (Hugo and Zola read pages from ``content/``)
    content_dirs: list[str] = Field(default_factory=list)
    #: Hugo and Zola page bundles: a folder with an ``index.md`` is one page, and the
    #: other files in it (``bio.md`` pulled in by a shortcode) are its resources
    page_bundles: bool = False
    #: front-matter values that mark a file as not a page (Hugo ``headless: true``):
    #: such files are skipped, not linted as articles
    skip_when: dict[str, Any] = Field(default_factory=dict)
    schema_path: str | None = Field(default=None, alias="schema")
    preset: Literal["jekyll", "hugo", "zola", "astro", "nextjs"] | None = None
    fields: FieldMapping = Field(default_factory=FieldMapping)
    per_path: list[PathOverride] = Field(default_factory=list)
    #: per-rule options, keyed by rule code or name: ``[rules.NL501] min_words = 8``
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    links: Literal["off", "offline", "online"] = "offline"
    as_of: date | None = None
    jobs: int = 1
    cache: bool = True
    cache_dir: str = ".newslint_cache"
    baseline: str | None = None
    #: own-site hosts for link checks; empty means inferred from article URLs
    site_hosts: list[str] = Field(default_factory=list)
    #: extra rule-pack folders, read after the shipped ``rules/``
    rule_packs: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @field_validator("jobs")
    @classmethod
    def _jobs(cls, v: int) -> int:
        if v < 0:
            raise ValueError("jobs must be >= 0 (0 = one per core)")
        return v


CONFIG_NAMES = ("newslint.toml", ".newslint.toml")


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config upward from ``start``: ``newslint.toml`` or pyproject."""
    here = start.resolve()
    for folder in [here, *here.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate, _read_toml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = _read_toml(pyproject)
            section = data.get("tool", {}).get("newslint")
            if section is not None:
                return pyproject, section
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None


def load_config_file(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("newslint", {})
    return data


def _normalise_keys(data: Any) -> Any:
    """TOML users write ``extend-select``; the models use ``extend_select``."""
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            key = k.replace("-", "_") if isinstance(k, str) else k
            # rule option tables are keyed by code/name: keep their keys verbatim
            out[key] = v if key in ("rules", "severity") else _normalise_keys(v)
            if key == "rules" and isinstance(v, dict):
                out[key] = {rk: _normalise_keys(rv) for rk, rv in v.items()}
        return out
    if isinstance(data, list):
        return [_normalise_keys(x) for x in data]
    return data


def _merge_fields(preset: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    """The user's field mapping over a preset's; date formats and per-key tables add up.

    A user who adds one date spelling (``date_formats = ["%d.%m.%Y"]``) still
    wants the generator's own spellings read.
    """
    out = {**preset, **user}
    for key, value in user.items():
        base = preset.get(key)
        if key == "date_formats" and isinstance(value, list) and isinstance(base, list):
            out[key] = [*value, *(f for f in base if f not in value)]
        elif key in ("split", "date_from_key") and isinstance(value, dict) and isinstance(base, dict):
            out[key] = {**base, **value}
    return out


def build_settings(
    file_data: dict[str, Any] | None,
    cli: dict[str, Any],
    origin: str = "config",
) -> tuple[Settings, dict[str, str]]:
    """Merge preset, file and CLI values; return settings and value origins."""
    from .presets import PRESETS

    file_data = _normalise_keys(file_data or {})
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    preset = cli.get("preset") or file_data.get("preset")
    if preset is not None:
        if preset not in PRESETS:
            raise ConfigError(f"unknown preset {preset!r} (known: {', '.join(sorted(PRESETS))})")
        for key, value in PRESETS[preset].items():
            merged[key] = value
            origins[key] = f"preset {preset}"
    for key, value in file_data.items():
        if key == "fields" and isinstance(value, dict) and isinstance(merged.get("fields"), dict):
            merged["fields"] = _merge_fields(merged["fields"], value)
        elif key == "extend_exclude" and isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]  # a preset's excludes stay: the user extends them
        else:
            merged[key] = value
        origins[key] = origin
    for key, value in cli.items():
        if value is None:
            continue
        merged[key] = value
        origins[key] = "command line"
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            raise ConfigError(f"{origin}: unknown config key {loc!r}") from None
        message = err["msg"].removeprefix("Value error, ")  # our validators' own words
        raise ConfigError(f"{origin}: {loc}: {message}") from None
    return settings, origins
