"""What a rule is: metadata as data, checking as a small pure function.

A *rule* is one code (``NL201``) with its docs. A *check* is the code that
finds problems for one or more rules in a single pass over an article, so
rules that read the same lines share the work. Per-article checks see one
:class:`~newslint.document.Document`; corpus checks see only the small
signatures their own ``signature`` method extracted during the map phase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from ..model import Fix, Severity

if TYPE_CHECKING:
    from ..context import CheckContext
    from ..document import DocRef, Document

_CODE = re.compile(r"^NL[1-7]\d\d$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

FAMILIES = {
    "NL1": "schema & metadata",
    "NL2": "residue",
    "NL3": "photo credits",
    "NL4": "dated claims",
    "NL5": "duplication",
    "NL6": "related links",
    "NL7": "language",
}


@dataclass(frozen=True)
class Rule:
    """Identity and documentation of one rule; rendered by ``newslint explain``.

    ``fires`` and ``quiet`` are short body texts (or article snippets) shown in
    the docs; the YAML cases under ``tests/cases`` are what is tested.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fires: str
    quiet: str
    fix: str | None = None
    default_enabled: bool = True

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ValueError(f"bad rule code {self.code!r}")
        if not _NAME.match(self.name):
            raise ValueError(f"bad rule name {self.name!r}")

    @property
    def family(self) -> str:
        return self.code[:3]

    @property
    def family_name(self) -> str:
        return FAMILIES[self.family]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports; the engine turns it into a located Finding.

    ``start``/``end`` are character offsets in the text at ``pointer`` (our
    article pointer, e.g. ``/body``, ``/images/0/credit``); ``None`` means the
    whole field. ``evidence`` feeds the fingerprint and defaults to the text
    span, so baselines survive line shifts.
    """

    code: str
    message: str
    pointer: str = "/body"
    start: int | None = None
    end: int | None = None
    fix: Fix | None = None
    evidence: str | None = None
    severity: Severity | None = None  # overrides the rule default (e.g. aged claims)


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Check:
    """A per-article check. Subclasses set ``rules`` and implement ``check``."""

    rules: ClassVar[tuple[Rule, ...]] = ()
    Options: ClassVar[type[BaseModel]] = NoOptions

    def check(self, doc: "Document", ctx: "CheckContext") -> Iterable[Hit]:
        raise NotImplementedError

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(r.code for r in self.rules)


class CorpusCheck:
    """A check that needs the whole corpus.

    ``signature`` runs in the map phase (in worker processes) and must return
    something small and picklable — hashes, ids, URLs, never whole texts.
    ``reduce`` sees every article's signature and yields ``(DocRef, Hit)``.
    """

    rules: ClassVar[tuple[Rule, ...]] = ()
    Options: ClassVar[type[BaseModel]] = NoOptions
    #: True when the check compares articles with each other, so a run over
    #: one article can skip its signature; False for reduce-side work that
    #: is useful for one article too (online link checks).
    compares_articles: ClassVar[bool] = True

    def signature(self, doc: "Document", ctx: "CheckContext") -> Any:
        raise NotImplementedError

    def reduce(
        self, items: list[tuple["DocRef", Any]], ctx: "CheckContext"
    ) -> Iterator[tuple["DocRef", Hit]]:
        raise NotImplementedError

    def locate(self, hit: Hit, doc: "Document", ctx: "CheckContext") -> Hit:
        """Called with the re-read article before ``hit`` is reported.

        A check whose signatures keep no offsets (to stay small) finds them
        here, in the one article it reports on. Default: the hit as it is.
        """
        return hit

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(r.code for r in self.rules)


@dataclass
class Registry:
    """Every rule and check, listed explicitly (no import-time discovery)."""

    checks: list[Check] = field(default_factory=list)
    corpus_checks: list[CorpusCheck] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_code: dict[str, Rule] = {}
        self.by_name: dict[str, Rule] = {}
        self.owner: dict[str, Check | CorpusCheck] = {}
        for chk in [*self.checks, *self.corpus_checks]:
            for rule in chk.rules:
                if rule.code in self.by_code:
                    raise ValueError(f"duplicate rule code {rule.code}")
                if rule.name in self.by_name:
                    raise ValueError(f"duplicate rule name {rule.name}")
                self.by_code[rule.code] = rule
                self.by_name[rule.name] = rule
                self.owner[rule.code] = chk

    @property
    def rules(self) -> list[Rule]:
        return sorted(self.by_code.values(), key=lambda r: r.code)

    def resolve(self, selector: str) -> set[str]:
        """Codes matched by a selector: ``ALL``, a code, a prefix or a name."""
        sel = selector.strip()
        if sel.upper() == "ALL":
            return set(self.by_code)
        if sel in self.by_name:
            return {self.by_name[sel].code}
        up = sel.upper()
        if re.fullmatch(r"NL\d{0,3}", up):
            found = {c for c in self.by_code if c.startswith(up)}
            if found:
                return found
        raise KeyError(selector)
