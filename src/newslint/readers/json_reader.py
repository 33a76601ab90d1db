"""``.json``: one article object per file."""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from ..document import Document
from ..settings import FieldMapping
from .common import ReadProblem, build_document, decode
from .jsonpos import JsonLocator


def read_json(data: bytes, path: str, mapping: FieldMapping) -> Iterator[Document | ReadProblem]:
    text = decode(data, path)
    if isinstance(text, ReadProblem):
        yield text
        return
    if not text.strip():
        yield ReadProblem(path, "empty file: expected one JSON article object", 1, 1)
        return
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        yield ReadProblem(path, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno)
        return
    if not isinstance(value, dict):
        yield ReadProblem(path, f"expected a JSON object (one article), found {type(value).__name__}", 1, 1)
        return
    yield build_document(
        path=path, fmt="json", raw=value, mapping=mapping,
        locator_factory=lambda pm: JsonLocator(text, 1, pm),
    )
