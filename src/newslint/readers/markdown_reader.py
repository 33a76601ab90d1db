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


class MarkdownLocator(TextLocator):
    """Body offsets by line arithmetic; front-matter keys found lazily."""

    def __init__(self, body: str, body_line: int, front: str, kind: str, pointer_map: dict[str, str]):
        super().__init__(body, body_line, 1)
        self._front = front
        self._kind = kind
        self._pointer_map = pointer_map
        self._resolved = False

    def locate(self, pointer: str, offset: int | None) -> tuple[int, int]:
        if pointer == "/body":
            return super().locate(pointer, offset)
        if not self._resolved:
            self._fields = _field_positions(self._front, self._kind)
            self._resolved = True
        for ours, theirs in self._pointer_map.items():
            if pointer == ours or pointer.startswith(ours + "/"):
                pointer = theirs + pointer[len(ours):]
                break
        return super().locate(pointer, offset)


def _field_positions(front: str, kind: str) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {"": (1, 1)}
    if kind == "toml":
        table = ""
        for i, line in enumerate(front.split("\n")):
            m = re.match(r"^\s*\[+([^\]]+)\]+", line)
            if m:
                table = "/" + m.group(1).strip().replace(".", "/")
                out[table] = (i + 2, 1)
                continue
            m = re.match(r"^(\s*)([A-Za-z0-9_-]+)\s*=", line)
            if m:
                out[f"{table}/{m.group(2)}"] = (i + 2, len(m.group(1)) + 1)
        return out
    try:
        node = yaml.compose(front, Loader=_Loader)
    except yaml.YAMLError:
        return out

    def walk(n: Any, pointer: str) -> None:
        out[pointer] = (n.start_mark.line + 2, n.start_mark.column + 1)
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                walk(value, f"{pointer}/{key.value}")
        elif isinstance(n, yaml.SequenceNode):
            for i, value in enumerate(n.value):
                walk(value, f"{pointer}/{i}")

    if node is not None:
        walk(node, "")
    return out


def split_front_matter(text: str, path: str) -> tuple[str, str, str, int] | ReadProblem:
    """Return (kind, front, body, body_line); kind is '' when there is none."""
    first, _, rest = text.partition("\n")
    fence = first.rstrip()
    if fence not in _FENCES:
        return "", "", text, 1
    kind, closer = _FENCES[fence]
    lines = rest.split("\n")
    for i, line in enumerate(lines):
        if closer.match(line):
            front = "\n".join(lines[:i])
            body = "\n".join(lines[i + 1 :])
            return kind, front, body, i + 3
    return ReadProblem(path, f"unterminated front matter: {fence!r} on line 1 is never closed", 1, 1)


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
    raw: Any = {}
    if kind == "yaml":
        try:
            raw = yaml.load(front, Loader=_Loader) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            col = mark.column + 1 if mark else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            yield ReadProblem(path, f"invalid YAML front matter: {problem}", line, col)
            return
    elif kind == "toml":
        try:
            raw = tomllib.loads(front)
        except tomllib.TOMLDecodeError as exc:
            yield ReadProblem(path, f"invalid TOML front matter: {exc}", 1, 1)
            return
    if not isinstance(raw, dict):
        yield ReadProblem(path, f"front matter is not a mapping (found {type(raw).__name__})", 2, 1)
        return
    yield build_document(
        path=path, fmt="markdown", raw=raw, mapping=mapping, body_override=body,
        markup="markdown",
        locator_factory=lambda pm: MarkdownLocator(body, body_line, front, kind, pm),
    )
