"""What a check may use besides the article: options, lexicons, services.

Built once per process (the pool's initializer builds one per worker) from
the resolved settings, so patterns compile once and lexicons load once. It
holds no per-article state: checks stay pure functions of the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .model import Severity
from .settings import ConfigError, Settings

if TYPE_CHECKING:
    from .packs import Lexicon, PackSet
    from .rules.base import Check, CorpusCheck, Registry


@dataclass
class CheckContext:
    settings: Settings
    registry: "Registry"
    enabled: frozenset[str]
    options: dict[type, BaseModel] = field(default_factory=dict)
    #: False when the run holds one article only: corpus signatures (MinHash,
    #: numpy) would cost start-up time and can find nothing.
    corpus: bool = True

    @cached_property
    def packs(self) -> "PackSet":
        from .packs import load_packs

        return load_packs(self.settings.rule_packs)

    def lexicon(self, name: str, lang: str | None = None) -> "Lexicon":
        return self.packs.get(name, lang)

    def opts(self, check: "Check | CorpusCheck") -> Any:
        cls = type(check)
        if cls not in self.options:
            self.options[cls] = check.Options()
        return self.options[cls]

    def is_enabled(self, code: str) -> bool:
        return code in self.enabled

    def severity(self, code: str) -> Severity:
        rule = self.registry.by_code[code]
        override = self.settings.severity.get(code) or self.settings.severity.get(rule.name)
        return Severity(override) if override else rule.severity

    @cached_property
    def services(self) -> "Services":
        return Services(self.settings)


class Services:
    """Expensive helpers built on first use: schema validator, language detector."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @cached_property
    def schema(self):
        from .schema import SchemaValidator

        return SchemaValidator.load(self._settings.schema_path)

    @cached_property
    def detect_language(self):
        from .langid import detect

        return detect

    @cached_property
    def links(self):
        """The online link checker (``--links online``), caching under ``cache_dir``."""
        from .linkcheck import LinkChecker

        return LinkChecker(self._settings.cache_dir if self._settings.cache else None)


def resolve_enabled(settings: Settings, registry: "Registry") -> frozenset[str]:
    """select/extend-select/ignore → the set of rule codes that run."""
    try:
        selected: set[str] = set()
        explicit: set[str] = set()
        for sel in settings.select:
            codes = registry.resolve(sel)
            selected |= codes
            if sel.upper() != "ALL":
                explicit |= codes
        if [s.upper() for s in settings.select] == ["ALL"]:
            selected = {c for c in selected if registry.by_code[c].default_enabled}
        for sel in settings.extend_select:
            codes = registry.resolve(sel)
            selected |= codes
            explicit |= codes
        for sel in settings.ignore:
            selected -= registry.resolve(sel)
        for override in settings.per_path:
            for sel in [*(override.select or []), *override.ignore, *override.severity]:
                registry.resolve(sel)
        for key in settings.severity:
            registry.resolve(key)
    except KeyError as exc:
        raise ConfigError(f"unknown rule code or selector {exc.args[0]!r}") from None
    return frozenset(selected)


def build_context(settings: Settings, registry: "Registry") -> CheckContext:
    enabled = resolve_enabled(settings, registry)
    ctx = CheckContext(settings=settings, registry=registry, enabled=enabled)
    by_owner: dict[Any, dict[str, Any]] = {}
    for key, values in settings.rules.items():
        try:
            (code,) = registry.resolve(key) if key in registry.by_name or key in registry.by_code else (None,)
        except ValueError:
            code = None
        if code is None:
            raise ConfigError(f"[rules.{key}]: unknown rule (use a code like NL201 or a rule name)")
        owner = registry.owner[code]
        by_owner.setdefault(owner, {}).update(values)
    for owner, values in by_owner.items():
        try:
            ctx.options[type(owner)] = owner.Options.model_validate(values)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            codes = ", ".join(sorted(owner.codes))
            raise ConfigError(f"[rules] option {loc!r} for {codes}: {err['msg']}") from None
    return ctx
