"""The data newslint passes around: articles, findings, fixes.

Findings are immutable and totally ordered, so output is stable across runs
and across ``--jobs``. The :class:`Article` model mirrors
``schemas/article.schema.json``; the schema is what validates, the model is
what rules read (lenient: a field of the wrong shape becomes ``None`` rather
than hiding the rest of the article from the rules).
"""

from __future__ import annotations

import enum
import hashlib
import re
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Severity(str, enum.Enum):
    """How bad a finding is. Ordered: ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Edit(BaseModel):
    """Replace ``[start, end)`` of the text at ``pointer`` with ``replacement``.

    Offsets are character offsets inside the field's decoded text, so a fix
    is independent of the file format it came from. ``pointer`` may name a
    field that does not exist yet (``/images/0/credit``): then ``start`` and
    ``end`` are 0 and the replacement is the new value. A ``replacement`` of
    ``None`` removes the value at ``pointer`` (an object key or a list item).
    """

    model_config = ConfigDict(frozen=True)

    pointer: str
    start: int
    end: int
    replacement: str | None


class Fix(BaseModel):
    """A set of edits that together resolve one finding."""

    model_config = ConfigDict(frozen=True)

    message: str
    applicability: Literal["safe", "unsafe"] = "safe"
    edits: tuple[Edit, ...]


class Finding(BaseModel):
    """One problem at one place. The JSON output is this model, field by field."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    record: int | None = None
    article_id: str | None = None
    pointer: str = ""
    start: int | None = None
    end: int | None = None
    fingerprint: str = ""
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (
            self.path,
            self.record or 0,
            self.pointer,
            -1 if self.start is None else self.start,
            self.code,
            self.line or 0,
            self.column or 0,
            self.message,
        )


_WS = re.compile(r"\s+")

_M = TypeVar("_M", bound=BaseModel)


@lru_cache(maxsize=None)
def _layout(cls: type[BaseModel]) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    """The class's field names in order and their defaults; None if :func:`construct`
    must not shortcut it (per-object default factories, extra fields)."""
    fields = cls.model_fields
    if cls.model_config.get("extra") == "allow" or any(f.default_factory is not None for f in fields.values()):
        return None
    return tuple(fields), {name: f.default for name, f in fields.items() if not f.is_required()}


def construct(cls: type[_M], **values: Any) -> _M:
    """``cls.model_construct(**values)`` for values already of the right types, several times faster.

    The engine builds millions of findings (and rules many fixes) from values
    it typed itself; ``model_construct`` walks every field on each call, which
    on a dirty corpus was ~100 µs of every article's ~2 ms. This sets the
    same four attributes ``model_construct`` sets, in field order (JSON output
    follows it), with the class's defaults filled in;
    ``test_construct_matches_model_construct`` holds it to that, so a pydantic
    release that changes the internals fails a test, not a run.
    """
    layout = _layout(cls)
    if layout is None:
        return cls.model_construct(**values)
    names, defaults = layout
    fields_set = set(values)
    if tuple(values) != names:  # not every field, in order: fill defaults, restore the order
        values = {name: values[name] if name in values else defaults[name]
                  for name in names if name in values or name in defaults}
    obj = cls.__new__(cls)
    setattr_ = object.__setattr__
    setattr_(obj, "__dict__", values)
    setattr_(obj, "__pydantic_fields_set__", fields_set)
    setattr_(obj, "__pydantic_extra__", None)
    setattr_(obj, "__pydantic_private__", None)
    return obj


def fingerprint(code: str, article_key: str, pointer: str, evidence: str) -> str:
    """A key that survives edits elsewhere in the file.

    Built from what the finding is about (rule, article, field, the offending
    text with whitespace folded), never from line numbers, so a baseline
    keeps matching when paragraphs are added above or records reordered.
    """
    norm = _WS.sub(" ", evidence).strip().casefold()
    raw = "\x1f".join((code, article_key, pointer, norm))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# --------------------------------------------------------------------------
# The article model.


class Image(BaseModel):
    model_config = ConfigDict(extra="allow")

    url: str | None = None
    caption: str | None = None
    credit: str | None = None
    license: str | None = None


class RelatedItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    title: str | None = None
    url: str | None = None
    id: str | None = None
    published_at: datetime | None = None


class Article(BaseModel):
    """An article as rules see it, after field mapping.

    Lenient on purpose: schema validation reports shape errors with exact
    pointers; this model only has to give rules typed access to what is
    usable.
    """

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    url: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    section: str | None = None
    authors: list[str] = Field(default_factory=list)
    lang: str | None = None
    summary: str | None = None
    body: str = ""
    images: list[Image] = Field(default_factory=list)
    related: list[RelatedItem] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    source: str | None = None

    @classmethod
    def lenient(cls, data: dict[str, Any]) -> "Article":
        """Build an article, dropping fields whose shape is wrong."""
        try:
            return cls.model_validate(data)
        except Exception:  # noqa: BLE001 - any shape problem: fall back field by field
            pass
        kept: dict[str, Any] = {}
        for key, value in data.items():
            try:
                cls.model_validate({key: value})
            except Exception:  # noqa: BLE001
                continue
            kept[key] = value
        return cls.model_validate(kept)

    @field_validator("published_at", "updated_at", mode="before")
    @classmethod
    def _date_only(cls, value: Any) -> Any:
        # A bare date (2017-10-12) is common in scraped metadata; read it as
        # midnight so date arithmetic works. The schema still reports it.
        if isinstance(value, str) and len(value) == 10 and value[4] == "-":
            return value + "T00:00:00"
        if isinstance(value, (int, float)):  # epoch numbers are not our format
            raise ValueError("a timestamp must be a string")
        return value
