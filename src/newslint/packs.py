"""Rule packs: lexicons and patterns as YAML data, compiled once into RE2.

A pack (``rules/ui-residue.en.yaml``) names lexicons; rules ask for a lexicon
by name and language and get one :class:`Lexicon` whose phrases and patterns
are compiled into a single RE2 program. RE2 runs in linear time, so a
lexicon of thousands of phrases costs about what one of ten does, and a
user-written pattern cannot hang a run. Same-named lexicons from several
packs (a user's extension pack, another language) are merged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import re2
import yaml

from .resources import rules_dir, schemas_dir
from .settings import ConfigError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# RE2's \b knows only ASCII letters; a Unicode-aware boundary instead, so
# "загрузка" and "Größe" are matched as whole words too.
_LEFT = r"(?:^|[^\pL\pN_])"
_RIGHT = r"(?:[^\pL\pN_]|$)"
# Chrome lines often carry decoration: "Share ›", "• Top", "View All →"
_DECOR = r"[\s\pP\pS]*"


@dataclass
class Lexicon:
    """Phrases and patterns compiled into one RE2 program.

    ``mode='line'``: :meth:`match_line` says whether a whole line is one of the
    phrases (decoration and punctuation around it allowed). ``mode='inline'``:
    :meth:`finditer` yields ``(start, end, phrase)`` for each phrase in a text.
    """

    name: str
    mode: str = "inline"
    case_sensitive: bool = False
    phrases: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._program = None
        self._phrase_keys: dict[str, str] = {}

    def extend(self, other: "Lexicon") -> None:
        for p in other.phrases:
            if p not in self.phrases:
                self.phrases.append(p)
        for p in other.patterns:
            if p not in self.patterns:
                self.patterns.append(p)
        self.tags.update(other.tags)
        self.sources.extend(other.sources)
        self._program = None

    def _alternation(self) -> str:
        alts = [re2.escape(p) for p in sorted(self.phrases, key=len, reverse=True)]
        alts += [f"(?:{p})" for p in self.patterns]
        return "|".join(alts) or "(?!)"

    @property
    def program(self):
        if self._program is None:
            flags = "" if self.case_sensitive else "(?i)"
            alt = self._alternation()
            if self.mode == "line":
                source = rf"{flags}^{_DECOR}({alt}){_DECOR}$"
            else:
                source = rf"{flags}{_LEFT}({alt}){_RIGHT}"
            try:
                self._program = re2.compile(source, _options())
            except re2.error:
                raise ConfigError(self._which_pattern_fails()) from None
            self._phrase_keys = {
                (p if self.case_sensitive else p.casefold()): p for p in self.phrases
            }
        return self._program

    def _which_pattern_fails(self) -> str:
        """Name the bad pattern. Patterns are compiled once, as one union, and
        only checked one by one when that fails: compiling each up front cost
        ~0.2 s of start-up for the shipped packs."""
        for pattern in self.patterns:
            try:
                re2.compile(pattern, _options())
            except re2.error as exc:
                return f"lexicon {self.name!r} ({', '.join(self.sources)}): bad RE2 pattern {pattern!r}: {exc}"
        return f"lexicon {self.name!r} ({', '.join(self.sources)}): cannot compile"

    def match_line(self, line: str) -> str | None:
        """The phrase if the whole ``line`` is one, else None."""
        m = self.program.match(line)
        return m.group(1) if m else None

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        for m in self.program.finditer(text):
            yield m.start(1), m.end(1), m.group(1)

    def search(self, text: str) -> tuple[int, int, str] | None:
        m = self.program.search(text)
        return (m.start(1), m.end(1), m.group(1)) if m else None

    def tag_of(self, matched: str) -> str | None:
        """The label a pack gave the phrase that matched (case-folded lookup)."""
        if not self.tags:
            return None
        if not hasattr(self, "_tag_keys"):
            self._tag_keys = {k.casefold(): v for k, v in self.tags.items()}
        return self._tag_keys.get(matched.casefold())


def _options():
    opts = re2.Options()
    opts.max_mem = 64 << 20
    opts.log_errors = False
    return opts


@dataclass
class PackSet:
    """All lexicons of all loaded packs, by (name, language)."""

    lexicons: dict[tuple[str, str], Lexicon] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def get(self, name: str, lang: str | None = None) -> Lexicon:
        """The lexicon for a language, merged with its language-neutral part.

        Falls back to English when there is nothing for ``lang``, since the
        English packs are the most complete and much residue is English even
        on other-language sites.
        """
        base = (lang or "en").split("-")[0].lower()
        key = (name, base)
        cache_key = (name, f"merged:{base}")
        if cache_key in self.lexicons:
            return self.lexicons[cache_key]
        parts = [self.lexicons.get((name, "any")), self.lexicons.get(key)]
        if parts[1] is None and base != "en":
            parts[1] = self.lexicons.get((name, "en"))
        parts = [p for p in parts if p is not None]
        if not parts:
            raise KeyError(f"no lexicon named {name!r}")
        merged = Lexicon(name, parts[0].mode, parts[0].case_sensitive)
        for p in parts:
            merged.extend(p)
        self.lexicons[cache_key] = merged
        return merged

    def has(self, name: str) -> bool:
        return any(n == name for n, _ in self.lexicons)

    def languages(self, name: str) -> list[str]:
        return sorted(lang for n, lang in self.lexicons if n == name and not lang.startswith("merged:"))


class _PackValidator:
    """jsonschema-rs says whether a pack is valid; Python jsonschema says why.

    Importing the Python package costs about 50 ms of start-up, and the
    shipped packs are valid, so it is loaded only for a pack that is not.
    """

    def __init__(self) -> None:
        import jsonschema_rs

        self.schema = json.loads((schemas_dir() / "rulepack.schema.json").read_text("utf-8"))
        self._fast = jsonschema_rs.validator_for(self.schema)

    def errors(self, data) -> list:
        if self._fast.is_valid(data):
            return []
        from jsonschema import Draft202012Validator

        found = Draft202012Validator(self.schema).iter_errors(data)
        return sorted(found, key=lambda e: list(e.absolute_path))


def _validator() -> _PackValidator:
    return _PackValidator()


def load_packs(extra_dirs: list[str] | None = None) -> PackSet:
    """Load the shipped packs, then the user's (which extend same-named lexicons).

    Loaded and compiled once per process for a given set of pack files (by
    path, size and mtime): the API, the test suite and ``fix`` passes build
    many contexts, and each would otherwise re-read and re-compile every pack.
    """
    folders = [rules_dir(), *(Path(d) for d in (extra_dirs or []))]
    files: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise ConfigError(f"rule pack folder not found: {folder}")
        files += sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    stamp = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _load_files(stamp)


@lru_cache(maxsize=8)
def _load_files(stamp: tuple[tuple[str, int, int], ...]) -> PackSet:
    packs = PackSet()
    validator = _validator() if stamp else None
    for name, _, _ in stamp:
        _load_one(Path(name), packs, validator)
    return packs


def _load_one(path: Path, packs: PackSet, validator) -> None:
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read rule pack: {str(exc).splitlines()[0]}") from None
    errors = validator.errors(data)
    if errors:
        err = errors[0]
        where = "/" + "/".join(str(p) for p in err.absolute_path)
        raise ConfigError(f"{path}: invalid rule pack at {where}: {err.message}")
    lang = data.get("lang", "any")
    packs.files.append(str(path))
    for name, spec in data["lexicons"].items():
        lex = Lexicon(
            name=name,
            mode=spec.get("mode", "inline"),
            case_sensitive=spec.get("case_sensitive", False),
            phrases=list(spec.get("phrases", [])),
            patterns=list(spec.get("patterns", [])),
            tags=dict(spec.get("tags", {})),
            sources=[path.name],
        )
        key = (name, lang)
        if key in packs.lexicons:
            packs.lexicons[key].extend(lex)
        else:
            packs.lexicons[key] = lex


def word_pattern(words: list[str]) -> re.Pattern[str]:
    """A Python regex for a short word list, for rules whose logic needs ``re``."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
