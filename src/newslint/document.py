"""What a reader hands to the rules: one article, its text views and a locator.

Rules never parse files. They read a :class:`Document`: the mapped article,
the body split into :class:`Line` objects, and ``prose`` — the body with
everything that is not prose (code, comments, template tags, Markdown
markers) blanked out with spaces. Blanking keeps every offset valid, so a
rule that matches in ``prose`` reports offsets that point into the real body,
and the locator turns them into file line:column.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from .model import Article

Format = Literal["json", "jsonl", "markdown", "text"]

#: Kinds of body line. ``text`` is an ordinary paragraph line.
LineKind = Literal["text", "blank", "heading", "list", "quote", "table", "code", "html"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the body.

    ``start``/``end`` are offsets into the body (``end`` excludes the newline).
    ``text`` is the prose view of the line: same length as the raw line, with
    non-prose blanked. ``kind`` comes from the Markdown block structure; plain
    bodies only have ``text`` and ``blank``.
    """

    index: int
    start: int
    end: int
    text: str
    kind: LineKind

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return self.kind == "blank" or not self.text.strip()


@dataclass(frozen=True, slots=True)
class DocRef:
    """A small, picklable handle on one article: enough to find it again.

    Corpus rules keep these instead of documents; the engine re-reads the
    article (a seek for JSONL) only when it must locate a finding.
    """

    path: str
    format: Format
    record: int | None = None
    offset: int | None = None  # byte offset of the JSONL record
    article_id: str | None = None
    key: str = ""  # stable article key for fingerprints (id, url, title or path)

    def sort_key(self) -> tuple:
        return (self.path, self.record or 0)


class Locator(Protocol):
    """Turns (field pointer, character offset in that field) into file line:col."""

    def locate(self, pointer: str, offset: int | None) -> tuple[int, int]: ...


class TextLocator:
    """Locator for a body that stands contiguous in the file (Markdown, .txt).

    ``body_line``/``body_col`` say where the body starts in the file; other
    pointers (front matter) are resolved through ``fields``.
    """

    def __init__(
        self,
        body: str,
        body_line: int = 1,
        body_col: int = 1,
        fields: dict[str, tuple[int, int]] | None = None,
        body_pointer: str = "/body",
    ) -> None:
        self._body_line = body_line
        self._body_col = body_col
        self._fields = fields or {}
        self._body_pointer = body_pointer
        self._newlines = [i for i, ch in enumerate(body) if ch == "\n"]

    def locate(self, pointer: str, offset: int | None) -> tuple[int, int]:
        if pointer == self._body_pointer:
            offset = offset or 0
            n = bisect.bisect_left(self._newlines, offset)
            if n == 0:
                return self._body_line, self._body_col + offset
            return self._body_line + n, offset - self._newlines[n - 1]
        for candidate in _ancestors(pointer):
            if candidate in self._fields:
                return self._fields[candidate]
        return 1, 1


def _ancestors(pointer: str):
    """``/images/0/credit`` → itself, ``/images/0``, ``/images``, ``""``."""
    while True:
        yield pointer
        if not pointer:
            return
        pointer = pointer.rsplit("/", 1)[0]


@dataclass(slots=True)
class Document:
    """One article ready for the rules. Built by a reader, read by rules."""

    ref: DocRef
    article: Article
    #: The mapped metadata as plain data (what the schema validates); ``None``
    #: for a raw ``.txt`` scrape, which has no metadata.
    data: dict[str, Any] | None
    body: str
    prose: str
    lines: tuple[Line, ...]
    locator: Locator
    #: ``markdown``: inline HTML is content. ``plain``: HTML in the text is a leak.
    markup: Literal["markdown", "plain"] = "plain"
    #: our pointer → the pointer in the user's file, when field mapping renamed
    pointer_map: dict[str, str] = field(default_factory=dict)
    #: codes suppressed for the whole article (``newslint: {ignore: [...]}``)
    ignore: frozenset[str] = frozenset()
    #: inline suppression directives found in the body (Markdown comments)
    directives: tuple[Any, ...] = ()
    #: findings the reader itself produced (bad front matter, mapping errors)
    reader_hits: tuple[Any, ...] = ()

    @property
    def path(self) -> str:
        return self.ref.path

    @property
    def format(self) -> Format:
        return self.ref.format

    def source_pointer(self, pointer: str) -> str:
        """The pointer as it appears in the user's file (after renames)."""
        for candidate in _ancestors(pointer):
            if candidate in self.pointer_map:
                return self.pointer_map[candidate] + pointer[len(candidate):]
        return pointer
