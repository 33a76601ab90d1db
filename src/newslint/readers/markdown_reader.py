"""``.md`` / ``.markdown`` / ``.mdx``: front matter + Markdown body.

Front matter is YAML between ``---`` lines (Jekyll, Hugo, Astro, Next.js) or
TOML between ``+++`` lines (Hugo, Zola). YAML is loaded with the safe C
loader. Field positions for findings are computed only when asked.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import Any

import yaml

from ..document import Document, TextLocator
from ..settings import FieldMapping
from .common import ReadProblem, build_document, decode

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_FENCES = {"---": ("yaml", re.compile(r"^(?:---|\.\.\.)[ \t]*$")), "+++": ("toml", re.compile(r"^\+\+\+[ \t]*$"))}
#: blank lines before the opening fence: Hugo skips them, so real sites have them
_LEADING_BLANKS = re.compile(r"(?:[ \t]*\n)*")


class MarkdownLocator(TextLocator):
    """Body offsets by line arithmetic; front-matter keys found lazily."""

    def __init__(self, body: str, body_line: int, front: str, kind: str, pointer_map: dict[str, str],
                 front_line: int = 2):
        super().__init__(body, body_line, 1)
        self._front = front
        self._kind = kind
        self._pointer_map = pointer_map
        self._front_line = front_line
        self._resolved = False

    def locate(self, pointer: str, offset: int | None) -> tuple[int, int]:
        if pointer == "/body":
            return super().locate(pointer, offset)
        if not self._resolved:
            self._fields = _field_positions(self._front, self._kind, self._front_line)
            self._resolved = True
        for ours, theirs in self._pointer_map.items():
            if pointer == ours or pointer.startswith(ours + "/"):
                pointer = theirs + pointer[len(ours):]
                break
        return super().locate(pointer, offset)


def _field_positions(front: str, kind: str, front_line: int = 2) -> dict[str, tuple[int, int]]:
    """File line:col of each front-matter key; ``front_line`` is the file line of its first line."""
    out: dict[str, tuple[int, int]] = {"": (max(front_line - 1, 1), 1)}
    if kind == "toml":
        table = ""
        for i, line in enumerate(front.split("\n")):
            m = re.match(r"^\s*\[+([^\]]+)\]+", line)
            if m:
                table = "/" + m.group(1).strip().replace(".", "/")
                out[table] = (i + front_line, 1)
                continue
            m = re.match(r"^(\s*)([A-Za-z0-9_-]+)\s*=", line)
            if m:
                out[f"{table}/{m.group(2)}"] = (i + front_line, len(m.group(1)) + 1)
        return out
    try:
        node = yaml.compose(front, Loader=_Loader)
    except yaml.YAMLError:
        return out

    def walk(n: Any, pointer: str) -> None:
        out[pointer] = (n.start_mark.line + front_line, n.start_mark.column + 1)
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                walk(value, f"{pointer}/{key.value}")
        elif isinstance(n, yaml.SequenceNode):
            for i, value in enumerate(n.value):
                walk(value, f"{pointer}/{i}")

    if node is not None:
        walk(node, "")
    return out


def _opening_fence(text: str) -> tuple[int, str, str]:
    """(blank lines before the fence, the fence line, the text after it)."""
    start = _LEADING_BLANKS.match(text).end()  # type: ignore[union-attr]
    first, _, rest = text[start:].partition("\n")
    return text.count("\n", 0, start), first.rstrip(), rest


def front_matter_start(text: str) -> int:
    """Character offset where the front matter's first line starts (after the opening fence)."""
    start = _LEADING_BLANKS.match(text).end()  # type: ignore[union-attr]
    newline = text.find("\n", start)
    return len(text) if newline < 0 else newline + 1


def split_front_matter(text: str, path: str) -> tuple[str, str, str, int] | ReadProblem:
    """Return (kind, front, body, body_line); kind is '' when there is none.

    Blank lines before the opening fence are skipped, as Hugo does.
    """
    lead, fence, rest = _opening_fence(text)
    if fence not in _FENCES:
        return "", "", text, 1
    kind, closer = _FENCES[fence]
    lines = rest.split("\n")
    for i, line in enumerate(lines):
        if closer.match(line):
            front = "\n".join(lines[:i])
            body = "\n".join(lines[i + 1 :])
            return kind, front, body, i + 3 + lead
    return ReadProblem(path, f"unterminated front matter: {fence!r} on line {lead + 1} is never closed",
                       lead + 1, 1)


def read_markdown(data: bytes, path: str, mapping: FieldMapping) -> Iterator[Document | ReadProblem]:
    text = decode(data, path)
    if isinstance(text, ReadProblem):
        yield text
        return
    text = text.replace("\r\n", "\n")
    if not text.strip():
        yield ReadProblem(path, "empty file: no front matter and no body", 1, 1)
        return
    split = split_front_matter(text, path)
    if isinstance(split, ReadProblem):
        yield split
        return
    kind, front, body, body_line = split
    front_line = _opening_fence(text)[0] + 2 if kind else 1  # file line of the first front-matter line
    raw: Any = {}
    if kind == "yaml":
        try:
            raw = yaml.load(front, Loader=_Loader) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + front_line if mark else 1
            col = mark.column + 1 if mark else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            yield ReadProblem(path, f"invalid YAML front matter: {problem}", line, col)
            return
    elif kind == "toml":
        try:
            raw = tomllib.loads(front)
        except tomllib.TOMLDecodeError as exc:
            at = re.search(r"at line (\d+), column (\d+)", str(exc))
            line, col = (int(at.group(1)) + front_line - 1, int(at.group(2))) if at else (1, 1)
            yield ReadProblem(path, f"invalid TOML front matter: {exc}", line, col)
            return
    if not isinstance(raw, dict):
        yield ReadProblem(path, f"front matter is not a mapping (found {type(raw).__name__})", front_line, 1)
        return
    yield build_document(
        path=path, fmt="markdown", raw=raw, mapping=mapping, body_override=body,
        markup="markdown",
        locator_factory=lambda pm: MarkdownLocator(body, body_line, front, kind, pm, front_line),
    )
